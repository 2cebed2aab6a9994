package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAM role from {@code RoleDetailList}. {@code trustPolicy} is its
 * {@code AssumeRolePolicyDocument}.
 */
public record IamRole(
    String path,
    String name,
    String id,
    String arn,
    Optional<Instant> createDate,
    PolicyDocument trustPolicy,
    List<InstanceProfile> instanceProfiles,
    List<InlinePolicy> inlinePolicies,
    List<AttachedPolicy> attachedPolicies,
    Optional<AttachedPolicy> permissionsBoundary,
    Map<String, String> tags,
    RoleLastUsed lastUsed,
    String file)
    implements IamPrincipal {

  /** The path AWS gives every service-linked role. */
  public static final String SERVICE_LINKED_PATH_PREFIX = "/aws-service-role/";

  public IamRole {
    instanceProfiles = Copies.list(instanceProfiles);
    inlinePolicies = Copies.list(inlinePolicies);
    attachedPolicies = Copies.list(attachedPolicies);
    tags = Copies.orderedMap(tags);
    lastUsed = lastUsed == null ? RoleLastUsed.NEVER : lastUsed;
  }

  /** True for a service-linked role (path {@code /aws-service-role/...}): its policies are AWS's and cannot be changed. */
  public boolean serviceLinked() {
    return path != null && path.startsWith(SERVICE_LINKED_PATH_PREFIX);
  }
}
