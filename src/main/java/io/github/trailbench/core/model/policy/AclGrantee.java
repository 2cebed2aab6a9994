package io.github.trailbench.core.model.policy;

/** Who an S3 ACL grant is to: an account by canonical user id or e-mail address, or a predefined group. */
public sealed interface AclGrantee {

  /** A few words naming the grantee, as the trace shows it. */
  String describe();

  /** An AWS account (or a canonical user) by its canonical user id; {@code displayName} may be null. */
  record CanonicalUser(String id, String displayName) implements AclGrantee {
    @Override
    public String describe() {
      return "canonical user " + id + (displayName == null || displayName.isEmpty() ? "" : " (" + displayName + ")");
    }
  }

  /** An AWS account by the e-mail address of its root user ({@code AmazonCustomerByEmail}). */
  record Email(String address) implements AclGrantee {
    @Override
    public String describe() {
      return "account with e-mail " + address;
    }
  }

  /** A predefined Amazon S3 group. */
  record Group(AclGroup group) implements AclGrantee {
    @Override
    public String describe() {
      return "group " + group.label();
    }
  }
}
