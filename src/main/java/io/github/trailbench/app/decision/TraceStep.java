package io.github.trailbench.app.decision;

import io.github.trailbench.core.policy.NodeKind;
import io.github.trailbench.core.policy.Outcome;
import io.github.trailbench.core.policy.TraceNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    // the engine's order (decision, principal, action, ... ): Map.copyOf would shuffle it per JVM run
    detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    children = List.copyOf(children);
  }

  /**
   * The view's form of an engine trace (sub)tree; {@code policySources} maps policy names to
   * their documents' JSON, for policy nodes.
   */
  public static TraceStep of(TraceNode n, Map<String, String> policySources) {
    Map<String, String> detail = new LinkedHashMap<>();
    n.detail().forEach((k, v) -> detail.put(k, String.valueOf(v)));
    String source = n.kind() == NodeKind.POLICY ? policySources.get(String.valueOf(n.detail().get("name"))) : null;
    int statement = -1;
    if (n.kind() == NodeKind.STATEMENT && n.detail().get("index") != null) {
      try {
        statement = Integer.parseInt(String.valueOf(n.detail().get("index")));
      } catch (NumberFormatException e) {
        statement = -1;
      }
    }
    List<TraceStep> children = n.children().stream().map(c -> of(c, policySources)).toList();
    return new TraceStep(n.id(), n.kind().json(), n.label(), n.outcome(), n.explanation(), detail, children, source,
        statement);
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
