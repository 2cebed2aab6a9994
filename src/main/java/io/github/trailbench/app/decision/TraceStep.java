package io.github.trailbench.app.decision;

import io.github.trailbench.core.policy.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of a decision trace as the view shows it: the engine's trace node with its
 * one-sentence explanation. {@code policySource} is set on policy nodes (the document's JSON)
 * and {@code statementIndex} on statement nodes, so the source panel can highlight them.
 */
public record TraceStep(
    String id,
    String kind,
    String label,
    Outcome outcome,
    String explanation,
    Map<String, String> detail,
    List<TraceStep> children,
    String policySource,
    int statementIndex) {

  public TraceStep {
    detail = Map.copyOf(detail);
    children = List.copyOf(children);
  }

  /** This node and its descendants in evaluation (pre-)order. */
  public List<TraceStep> inEvaluationOrder() {
    List<TraceStep> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(TraceStep step, List<TraceStep> out) {
    out.add(step);
    for (TraceStep child : step.children()) {
      collect(child, out);
    }
  }
}
