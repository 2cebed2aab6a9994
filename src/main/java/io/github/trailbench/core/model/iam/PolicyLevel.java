package io.github.trailbench.core.model.iam;

import java.util.List;

/**
 * One level of an organization path (the root, an OU, or the account itself) with the policies
 * of one type attached there. Every level must allow a request for the type to allow it.
 */
public record PolicyLevel(Target target, String targetId, String targetName, List<NamedPolicy> policies) {
  public enum Target {
    ROOT,
    ORGANIZATIONAL_UNIT,
    ACCOUNT
  }

  public PolicyLevel {
    policies = Copies.list(policies);
  }
}
