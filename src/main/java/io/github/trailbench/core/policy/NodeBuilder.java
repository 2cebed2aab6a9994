package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Mutable trace node used while evaluating; frozen into {@link TraceNode}s with ids at the end. */
final class NodeBuilder {
  final NodeKind kind;
  String label;
  Outcome outcome;
  /** A String, or a {@code Supplier<String>} computed only when someone reads it. */
  Object explanation;
  final SmallMap detail = new SmallMap();
  final List<NodeBuilder> children = new ArrayList<>(4);

  NodeBuilder(NodeKind kind, String label) {
    this.kind = kind;
    this.label = label;
  }

  @SuppressWarnings("unchecked")
  String explanationText() {
    Object e = explanation;
    return e instanceof java.util.function.Supplier<?> s ? ((java.util.function.Supplier<String>) s).get() : (String) e;
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
    int n = children.size();
    List<TraceNode> kids;
    if (n == 0) {
      kids = List.of();
    } else {
      TraceNode[] arr = new TraceNode[n];
      String prefix = id.equals("0") ? "" : id + ".";
      for (int i = 0; i < n; i++) {
        arr[i] = children.get(i).freeze(prefix + (i + 1));
      }
      kids = Collections.unmodifiableList(Arrays.asList(arr));
    }
    detail.freeze();
    return new TraceNode(id, kind, label, outcome, explanation, detail, kids);
  }

  static Outcome matchOutcome(Tri t) {
    return t == Tri.TRUE ? Outcome.MATCH : t == Tri.FALSE ? Outcome.NO_MATCH : Outcome.UNDETERMINED;
  }
}
