package io.github.trailbench.core.model.iam;

import java.util.List;

/** A resource-policy manifest: one policy per resource. */
public record ResourcePolicies(String file, List<ResourcePolicy> policies) implements IamSource {
  public ResourcePolicies {
    policies = Copies.list(policies);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.RESOURCE_POLICIES;
  }
}
