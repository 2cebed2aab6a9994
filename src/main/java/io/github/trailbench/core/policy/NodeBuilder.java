package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable trace node used while evaluating; frozen into {@link TraceNode}s with ids at the end. */
final class NodeBuilder {
  final NodeKind kind;
  String label;
  Outcome outcome;
  String explanation;
  final Map<String, Object> detail = new LinkedHashMap<>();
  final List<NodeBuilder> children = new ArrayList<>();

  NodeBuilder(NodeKind kind, String label) {
    this.kind = kind;
    this.label = label;
  }

  NodeBuilder add(NodeBuilder child) {
    children.add(child);
    return this;
  }

  NodeBuilder put(String key, Object value) {
    detail.put(key, value);
    return this;
  }

  TraceNode freeze(String id) {
    List<TraceNode> kids = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      kids.add(children.get(i).freeze(id.equals("0") ? String.valueOf(i + 1) : id + "." + (i + 1)));
    }
    return new TraceNode(id, kind, label, outcome, explanation, detail, kids);
  }

  static Outcome matchOutcome(Tri t) {
    return t == Tri.TRUE ? Outcome.MATCH : t == Tri.FALSE ? Outcome.NO_MATCH : Outcome.UNDETERMINED;
  }
}
