package io.github.trailbench.core.model.iam;

import java.util.List;

/**
 * A resource-policy manifest: one policy per resource, and for S3 buckets and objects the ACLs
 * and ownership controls its entries carry, with what it says of accounts' canonical ids.
 */
public record ResourcePolicies(String file, List<ResourcePolicy> policies, List<S3AccessControl> accessControls,
    List<AccountIds> accounts) implements IamSource {
  public ResourcePolicies {
    policies = Copies.list(policies);
    accessControls = Copies.list(accessControls);
    accounts = Copies.list(accounts);
  }

  /** A manifest of policies only. */
  public ResourcePolicies(String file, List<ResourcePolicy> policies) {
    this(file, policies, List.of(), List.of());
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.RESOURCE_POLICIES;
  }
}
