package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Mutable trace node used while evaluating; frozen into {@link TraceNode}s with ids at the end. */
final class NodeBuilder {
  final NodeKind kind;
  /** A String, or a {@code Supplier<String>} computed only when someone reads it. */
  Object label;
  Outcome outcome;
  /** A String, or a {@code Supplier<String>} computed only when someone reads it. */
  Object explanation;
  final SmallMap detail = new SmallMap();
  final List<NodeBuilder> children = new ArrayList<>(4);

  NodeBuilder(NodeKind kind, Object label) {
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
    return freeze(null, 0, id);
  }

  /** Builds the immutable node; ids of descendants are computed from their position when first asked. */
  private TraceNode freeze(TraceNode parent, int position, String id) {
    int n = children.size();
    TraceNode[] arr = n == 0 ? null : new TraceNode[n];
    List<TraceNode> kids = n == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(arr));
    detail.freeze();
    TraceNode node = new TraceNode(parent, position, id, kind, label, outcome, explanation, detail, kids);
    for (int i = 0; i < n; i++) {
      arr[i] = children.get(i).freeze(node, i + 1, null);
    }
    return node;
  }

  static Outcome matchOutcome(Tri t) {
    return t == Tri.TRUE ? Outcome.MATCH : t == Tri.FALSE ? Outcome.NO_MATCH : Outcome.UNDETERMINED;
  }
}
