package io.github.trailbench.core.model.iam;

/** Where a policy document in force comes from, in AWS's terms. */
public enum PolicyKind {
  USER_INLINE("user inline policy"),
  USER_MANAGED("managed policy attached to the user"),
  GROUP_INLINE("group inline policy"),
  GROUP_MANAGED("managed policy attached to a group"),
  ROLE_INLINE("role inline policy"),
  ROLE_MANAGED("managed policy attached to the role"),
  PERMISSIONS_BOUNDARY("permissions boundary"),
  TRUST_POLICY("role trust policy"),
  SERVICE_CONTROL_POLICY("service control policy"),
  RESOURCE_CONTROL_POLICY("resource control policy"),
  RESOURCE_POLICY("resource-based policy");

  private final String label;

  PolicyKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean identityPolicy() {
    return ordinal() <= ROLE_MANAGED.ordinal();
  }
}
