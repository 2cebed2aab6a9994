package io.github.trailbench.app.decision;

import io.github.trailbench.core.policy.Suggestion;
import java.util.List;

/**
 * A decision with its trace, as the view shows it.
 *
 * @param decision Allowed, ExplicitDeny, ImplicitDeny or Undetermined
 * @param missing context keys the decision depends on that the evidence does not carry, each
 *     with what would settle it
 * @param suggestions verified smallest policy changes that would have flipped the decision
 */
public record DecisionResult(
    String decision, String explanation, TraceStep trace, List<MissingKey> missing, List<Suggestion> suggestions) {

  public DecisionResult {
    missing = List.copyOf(missing);
    suggestions = List.copyOf(suggestions);
  }

  public DecisionResult(String decision, String explanation, TraceStep trace, List<MissingKey> missing) {
    this(decision, explanation, trace, missing, List.of());
  }

  public record MissingKey(String key, String reason) {}
}
