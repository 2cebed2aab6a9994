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
 * @param sentence the decision in one plain sentence (core's {@code DecisionSentence}): the headline
 * @param decidingPath ids of the trace steps that decided (core's {@code DecidingPath}); empty when
 *     not known, then every step that mattered counts
 * @param otherReason for a logged call refused as recorded: why the refusal is not the one AWS's
 *     error message names (core's {@code Explainer.otherReason}), or null
 */
public record DecisionResult(
    String decision, String explanation, TraceStep trace, List<MissingKey> missing, List<Suggestion> suggestions,
    String sentence, java.util.Set<String> decidingPath, String otherReason) {

  public DecisionResult {
    missing = List.copyOf(missing);
    suggestions = List.copyOf(suggestions);
    sentence = sentence == null ? decision + ": " + explanation : sentence;
    decidingPath = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(decidingPath));
  }

  public DecisionResult(String decision, String explanation, TraceStep trace, List<MissingKey> missing, List<Suggestion> suggestions,
      String sentence, java.util.Set<String> decidingPath) {
    this(decision, explanation, trace, missing, suggestions, sentence, decidingPath, null);
  }

  public DecisionResult(String decision, String explanation, TraceStep trace, List<MissingKey> missing, List<Suggestion> suggestions) {
    this(decision, explanation, trace, missing, suggestions, null, java.util.Set.of());
  }

  public DecisionResult(String decision, String explanation, TraceStep trace, List<MissingKey> missing) {
    this(decision, explanation, trace, missing, List.of());
  }

  public record MissingKey(String key, String reason) {}
}
