package io.github.trailbench.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One smallest change that would have flipped a decision, proposed by {@link DecisionSuggestions}
 * and verified by running the engine again with {@link #changes()} applied.
 */
public sealed interface Suggestion
    permits Suggestion.AddDeny, Suggestion.ConditionOnAllow, Suggestion.RemoveAllow, Suggestion.RemoveDeny,
        Suggestion.AddAllow {

  /** One line for the analyst. */
  String title();

  /** Why this change flips the decision, and what it relies on. */
  String reason();

  /** The what-if edits, to apply in order with {@link PolicyChanges#apply}. */
  List<PolicyChange> changes();

  /** What the engine decided with the changes applied. */
  Verification verified();

  /**
   * The engine's decision on the request with the changes applied.
   *
   * @param dependsOn unknown context keys that decision depends on; not empty when the decision is
   *     Undetermined, i.e. the suggestion relies on a value the evidence does not carry
   */
  record Verification(Decision decision, List<String> dependsOn) {
    public Verification {
      Objects.requireNonNull(decision, "decision");
      dependsOn = List.copyOf(dependsOn);
    }

    /** True when the outcome hinges on keys the evidence lacks. */
    public boolean undetermined() {
      return decision == Decision.UNDETERMINED;
    }
  }

  /** A Deny statement for exactly this action and resource, in a new policy of this kind. */
  record AddDeny(PolicyKind kind, String reason, List<PolicyChange> changes, Verification verified) implements Suggestion {
    public AddDeny {
      changes = List.copyOf(changes);
    }

    @Override
    public String title() {
      return "Add a Deny for this action and resource in " + (kind == PolicyKind.SCP ? "an SCP" : "an " + kind.label());
    }
  }

  /**
   * A condition the request's context fails, added to every statement that allowed the request.
   *
   * @param operator the condition operator, e.g. {@code Bool}
   * @param key the condition key, e.g. {@code aws:MultiFactorAuthPresent}
   * @param values the condition values
   */
  record ConditionOnAllow(String operator, String key, List<String> values, String reason, List<PolicyChange> changes,
      Verification verified) implements Suggestion {
    public ConditionOnAllow {
      values = List.copyOf(values);
      changes = List.copyOf(changes);
    }

    @Override
    public String title() {
      return "Require " + operator + " " + key + " = " + String.join(", ", values) + " on the allowing statement"
          + (changes.size() > 1 ? "s" : "");
    }
  }

  /** The only statement that allowed the request, removed from its policy. */
  record RemoveAllow(String policyName, String statement, String reason, List<PolicyChange> changes, Verification verified)
      implements Suggestion {
    public RemoveAllow {
      changes = List.copyOf(changes);
    }

    @Override
    public String title() {
      return "Remove statement " + statement + " from " + policyName;
    }
  }

  /**
   * The Deny statements that decided it, removed; when nothing would then allow the request,
   * {@link #changes()} also adds the missing allow.
   */
  record RemoveDeny(List<String> statements, String reason, List<PolicyChange> changes, Verification verified)
      implements Suggestion {
    public RemoveDeny {
      statements = List.copyOf(statements);
      changes = List.copyOf(changes);
    }

    @Override
    public String title() {
      return "Remove the deny: " + String.join(", ", statements);
    }
  }

  /** Allow statements for exactly this action and resource where the request found none. */
  record AddAllow(List<String> where, String reason, List<PolicyChange> changes, Verification verified) implements Suggestion {
    public AddAllow {
      where = List.copyOf(where);
      changes = List.copyOf(changes);
    }

    @Override
    public String title() {
      return "Add the missing allow: " + String.join(", ", where);
    }
  }
}
