package io.github.trailbench.core.model.iam;

import java.util.Optional;

/**
 * Where a named policy document came from.
 *
 * @param kind the policy type
 * @param attachedTo what it is attached to: a user, group or role ARN, an organization
 *     root/OU/account id, or a resource ARN
 * @param policyRef the managed policy ARN or the organization policy id; empty for inline
 *     policies, trust policies and resource policies
 * @param versionId the managed policy version used (the default version)
 * @param file the file it was read from
 */
public record PolicyOrigin(
    PolicyKind kind, String attachedTo, Optional<String> policyRef, Optional<String> versionId, String file) {

  /** A one-line description for traces and reports, e.g. "managed policy attached to a group arn:...:group/Admins (arn:...:policy/X v3)". */
  public String describe() {
    StringBuilder sb = new StringBuilder(kind.label()).append(" on ").append(attachedTo);
    policyRef.ifPresent(ref -> {
      sb.append(" (").append(ref);
      versionId.ifPresent(v -> sb.append(' ').append(v));
      sb.append(')');
    });
    return sb.toString();
  }
}
