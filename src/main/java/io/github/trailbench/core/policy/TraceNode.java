package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One step of a decision trace.
 *
 * <p>Ids are dotted paths that follow evaluation order: the root is {@code "0"}, its children
 * {@code "1"} … {@code "7"} (always the same seven policy-type steps, see
 * {@link PolicyEngine}), their children {@code "3.1"}, {@code "3.1.2"} and so on.
 *
 * @param detail the values compared at this step: {@code request} (value(s) from the request),
 *     {@code policy} (the policy values), and step-specific entries; values are strings, lists of
 *     strings, booleans or null
 * @param explanation one sentence that says what this step found
 */
public record TraceNode(
    String id,
    NodeKind kind,
    String label,
    Outcome outcome,
    String explanation,
    Map<String, Object> detail,
    List<TraceNode> children) {

  public TraceNode {
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    children = List.copyOf(children);
  }

  /** The node with this id in this subtree, or null. */
  public TraceNode find(String nodeId) {
    if (id.equals(nodeId)) {
      return this;
    }
    if (!nodeId.startsWith(id.equals("0") ? "" : id + ".")) {
      return null;
    }
    for (TraceNode c : children) {
      TraceNode f = c.find(nodeId);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** Visits this node and its descendants depth-first, in evaluation order. */
  public void walk(Consumer<TraceNode> visitor) {
    visitor.accept(this);
    for (TraceNode c : children) {
      c.walk(visitor);
    }
  }

  /** All nodes of this subtree in evaluation order. */
  public List<TraceNode> flatten() {
    List<TraceNode> out = new ArrayList<>();
    walk(out::add);
    return out;
  }
}
