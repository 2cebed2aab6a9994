package io.github.trailbench.core.model.policy;

/** One grant of an S3 ACL: one grantee, one permission. */
public record AclGrant(AclGrantee grantee, AclPermission permission) {
  public String describe() {
    return permission + " to " + grantee.describe();
  }
}
