package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * All policies that bear on one request.
 *
 * @param identityPolicies identity-based policies of the principal (user, its groups, role;
 *     inline and managed)
 * @param permissionsBoundary the principal's permissions boundary, or null
 * @param sessionPolicies session policies of the session (inline and managed), empty when none
 * @param resourcePolicy the resource-based policy (bucket policy, key policy, trust policy …), or null
 * @param scps SCP levels on the principal account's organization path, root first; empty = not in
 *     an organization
 * @param rcps RCP levels on the resource account's organization path, root first
 * @param s3Acl the S3 ACLs and Object Ownership bearing on the request, or null (none in the case)
 */
public record PolicySet(
    List<NamedPolicy> identityPolicies,
    NamedPolicy permissionsBoundary,
    List<NamedPolicy> sessionPolicies,
    NamedPolicy resourcePolicy,
    List<List<NamedPolicy>> scps,
    List<List<NamedPolicy>> rcps,
    EvaluationFlags flags,
    S3AclInput s3Acl) {

  public PolicySet {
    identityPolicies = identityPolicies == null ? List.of() : List.copyOf(identityPolicies);
    sessionPolicies = sessionPolicies == null ? List.of() : List.copyOf(sessionPolicies);
    scps = levels(scps);
    rcps = levels(rcps);
    flags = flags == null ? EvaluationFlags.NONE : flags;
  }

  /** A set without S3 ACLs. */
  public PolicySet(List<NamedPolicy> identityPolicies, NamedPolicy permissionsBoundary, List<NamedPolicy> sessionPolicies,
      NamedPolicy resourcePolicy, List<List<NamedPolicy>> scps, List<List<NamedPolicy>> rcps, EvaluationFlags flags) {
    this(identityPolicies, permissionsBoundary, sessionPolicies, resourcePolicy, scps, rcps, flags, null);
  }

  /** This set with the given S3 ACL input. */
  public PolicySet withS3Acl(S3AclInput acl) {
    return new PolicySet(identityPolicies, permissionsBoundary, sessionPolicies, resourcePolicy, scps, rcps, flags, acl);
  }

  private static List<List<NamedPolicy>> levels(List<List<NamedPolicy>> in) {
    if (in == null) {
      return List.of();
    }
    List<List<NamedPolicy>> out = new ArrayList<>();
    for (List<NamedPolicy> l : in) {
      out.add(l == null ? List.of() : List.copyOf(l));
    }
    return List.copyOf(out);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fluent builder; every part is optional. */
  public static final class Builder {
    private final List<NamedPolicy> identity = new ArrayList<>();
    private NamedPolicy boundary;
    private final List<NamedPolicy> session = new ArrayList<>();
    private NamedPolicy resource;
    private final List<List<NamedPolicy>> scps = new ArrayList<>();
    private final List<List<NamedPolicy>> rcps = new ArrayList<>();
    private EvaluationFlags flags = EvaluationFlags.NONE;
    private S3AclInput s3Acl;

    public Builder identity(NamedPolicy p) {
      identity.add(p);
      return this;
    }

    public Builder boundary(NamedPolicy p) {
      boundary = p;
      return this;
    }

    public Builder session(NamedPolicy p) {
      session.add(p);
      return this;
    }

    public Builder resource(NamedPolicy p) {
      resource = p;
      return this;
    }

    /** Adds the next SCP level (root first). */
    public Builder scpLevel(List<NamedPolicy> level) {
      scps.add(level);
      return this;
    }

    /** Adds the next RCP level (root first). */
    public Builder rcpLevel(List<NamedPolicy> level) {
      rcps.add(level);
      return this;
    }

    public Builder flags(EvaluationFlags f) {
      flags = f;
      return this;
    }

    /** The S3 ACLs and Object Ownership of the bucket (and object) of the request. */
    public Builder s3Acl(S3AclInput acl) {
      s3Acl = acl;
      return this;
    }

    public PolicySet build() {
      return new PolicySet(identity, boundary, session, resource, scps, rcps, flags, s3Acl);
    }
  }
}
