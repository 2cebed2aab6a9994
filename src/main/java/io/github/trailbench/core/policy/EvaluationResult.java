package io.github.trailbench.core.policy;

import java.util.List;

/**
 * The decision with its trace.
 *
 * @param explanation one or two sentences saying why
 * @param dependsOn when Undetermined (or a deny might also be explicit): the unknown context
 *     keys the outcome depends on, in evaluation order; empty otherwise
 * @param trace the root node (kind decision, id "0")
 */
public record EvaluationResult(Decision decision, String explanation, List<String> dependsOn, TraceNode trace) {
  public EvaluationResult {
    dependsOn = List.copyOf(dependsOn);
  }
}
