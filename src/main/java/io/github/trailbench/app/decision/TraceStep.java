package io.github.trailbench.app.decision;

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

  /** The outcomes of DESIGN.md's trace format. */
  public enum Outcome {
    ALLOW("Allow"),
    DENY("Deny"),
    MATCH("Match"),
    NO_MATCH("NoMatch"),
    UNDETERMINED("Undetermined"),
    NOT_APPLICABLE("NotApplicable");

    private final String wire;

    Outcome(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Outcome fromWire(String s) {
      for (Outcome o : values()) {
        if (o.wire.equalsIgnoreCase(s)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown outcome " + s);
    }

    /** Whether this node took part in reaching the decision (as opposed to not applying). */
    public boolean mattered() {
      return this != NO_MATCH && this != NOT_APPLICABLE;
    }
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
