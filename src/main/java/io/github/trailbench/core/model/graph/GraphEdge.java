package io.github.trailbench.core.model.graph;

import java.util.List;

/**
 * A directed relation with the evidence for it: for can-assume, the trust and identity
 * statements (and conditions) the policy engine matched; for did-assume, the events with
 * counts and first/last time.
 */
public record GraphEdge(String from, String to, EdgeKind kind, String label, List<String> evidence) {
  public GraphEdge {
    evidence = List.copyOf(evidence);
  }

  public String id() {
    return from + " -" + kind.name() + "-> " + to;
  }
}
