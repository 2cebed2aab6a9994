package io.github.trailbench.app.decision;

import java.util.List;

/**
 * A decision with its trace, as the view shows it.
 *
 * @param decision Allowed, ExplicitDeny, ImplicitDeny or Undetermined
 * @param missing context keys the decision depends on that the evidence does not carry, each
 *     with what would settle it
 */
public record DecisionResult(
    String decision, String explanation, TraceStep trace, List<MissingKey> missing) {

  public DecisionResult {
    missing = List.copyOf(missing);
  }

  public record MissingKey(String key, String reason) {}
}
