package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import java.util.Objects;

/**
 * A what-if edit of a {@link PolicySet}: a policy replaced by an edited document, a policy
 * added, or a policy removed. Policies are found by kind and by the name the trace shows.
 * {@link PolicyChanges#apply} applies a list of them in order.
 */
public sealed interface PolicyChange permits PolicyChange.Replace, PolicyChange.Add, PolicyChange.Remove {

  PolicyKind kind();

  String policyName();

  /** One line for the analyst, e.g. "edit identity-based policy AdministratorAccess". */
  String describe();

  /** The policy's document is replaced; it keeps its name and place. */
  record Replace(PolicyKind kind, String policyName, PolicyDocument document) implements PolicyChange {
    public Replace {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(policyName, "policyName");
      Objects.requireNonNull(document, "document");
    }

    @Override
    public String describe() {
      return "edit " + kind.label() + " " + policyName;
    }
  }

  /**
   * A policy is added. For SCPs and RCPs {@code level} is the level on the organization path
   * (0 = root); -1 means the last level, the account's own. Other kinds ignore it.
   */
  record Add(PolicyKind kind, int level, NamedPolicy policy) implements PolicyChange {
    public Add {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String policyName() {
      return policy.name();
    }

    @Override
    public String describe() {
      return "add " + kind.label() + " " + policy.name() + (kind.levelled() && level >= 0 ? " at level " + (level + 1) : "");
    }
  }

  /** The policy is taken out of the set ("what if this SCP did not exist"). */
  record Remove(PolicyKind kind, String policyName) implements PolicyChange {
    public Remove {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(policyName, "policyName");
    }

    @Override
    public String describe() {
      return "remove " + kind.label() + " " + policyName;
    }
  }
}
