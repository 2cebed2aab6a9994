package io.github.trailbench.core.policy;

/** A readable, indented rendering of a decision trace for terminals and logs. */
public final class TraceText {
  private TraceText() {}

  public static String render(EvaluationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.explanation()).append('\n');
    if (!r.dependsOn().isEmpty()) {
      sb.append("Depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
    }
    render(r.trace(), 0, sb);
    return sb.toString();
  }

  private static void render(TraceNode n, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append('[').append(n.outcome().json()).append("] ").append(n.id()).append(' ').append(n.label());
    if (n.explanation() != null && n.kind() != NodeKind.DECISION) {
      sb.append(" — ").append(n.explanation());
    }
    sb.append('\n');
    for (TraceNode c : n.children()) {
      render(c, depth + 1, sb);
    }
  }
}
