package io.github.trailbench.core.model.iam;

import java.util.List;

/**
 * The documents found for a question ("identity policies of X", "permissions boundary of X"),
 * in AWS's order, and the references that could not be resolved from the case.
 */
public record ResolvedPolicies(List<NamedPolicy> policies, List<UnresolvedPolicy> unresolved) {
  public static final ResolvedPolicies NONE = new ResolvedPolicies(List.of(), List.of());

  public ResolvedPolicies {
    policies = Copies.list(policies);
    unresolved = Copies.list(unresolved);
  }

  /** True when every referenced document is in the case. */
  public boolean complete() {
    return unresolved.isEmpty();
  }

  public boolean isEmpty() {
    return policies.isEmpty() && unresolved.isEmpty();
  }
}
