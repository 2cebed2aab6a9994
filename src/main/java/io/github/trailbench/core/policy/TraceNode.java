package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One step of a decision trace (immutable).
 *
 * <p>Ids are dotted paths that follow evaluation order: the root is {@code "0"}, its children
 * {@code "1"} … {@code "7"} (always the same seven policy-type steps, see
 * {@link PolicyEngine}), their children {@code "3.1"}, {@code "3.1.2"} and so on.
 *
 * <p>{@link #detail()} holds the values compared at this step: {@code request} (value(s) from the
 * request), {@code policy} (the policy values), and step-specific entries; values are strings,
 * lists of strings, booleans, integers or null. {@link #explanation()} is one sentence saying what
 * this step found (computed on first use).
 */
public final class TraceNode {
  private String id; // computed from parent and position when first asked
  private final TraceNode parent;
  private final int position;
  private final NodeKind kind;
  private Object label; // String, or Supplier<String> until first asked
  private final Outcome outcome;
  private Object explanation; // String, or Supplier<String> until first asked
  private final Map<String, Object> detail;
  private final List<TraceNode> children;

  public TraceNode(String id, NodeKind kind, String label, Outcome outcome, String explanation,
      Map<String, Object> detail, List<TraceNode> children) {
    this(null, 0, Objects.requireNonNull(id), kind, label, outcome, (Object) explanation,
        Collections.unmodifiableMap(new LinkedHashMap<>(detail)), List.copyOf(children));
  }

  TraceNode(TraceNode parent, int position, String id, NodeKind kind, Object label, Outcome outcome, Object explanation,
      Map<String, Object> detail, List<TraceNode> children) {
    this.parent = parent;
    this.position = position;
    this.id = id;
    this.kind = Objects.requireNonNull(kind);
    this.label = label;
    this.outcome = Objects.requireNonNull(outcome);
    this.explanation = explanation;
    this.detail = detail;
    this.children = children;
  }

  public String id() {
    String i = id;
    if (i == null) {
      String p = parent.id();
      i = p.equals("0") ? String.valueOf(position) : p + "." + position;
      id = i;
    }
    return i;
  }

  public NodeKind kind() {
    return kind;
  }

  @SuppressWarnings("unchecked")
  public String label() {
    Object l = label;
    if (l instanceof Supplier<?> s) {
      String text = ((Supplier<String>) s).get();
      label = text;
      return text;
    }
    return (String) l;
  }

  public Outcome outcome() {
    return outcome;
  }

  @SuppressWarnings("unchecked")
  public String explanation() {
    Object e = explanation;
    if (e instanceof Supplier<?> s) {
      String text = ((Supplier<String>) s).get();
      explanation = text;
      return text;
    }
    return (String) e;
  }

  public Map<String, Object> detail() {
    return detail;
  }

  public List<TraceNode> children() {
    return children;
  }

  /** The node with this id in this subtree, or null. */
  public TraceNode find(String nodeId) {
    String own = id();
    if (own.equals(nodeId)) {
      return this;
    }
    if (!own.equals("0") && !nodeId.startsWith(own + ".")) {
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

  @Override
  public String toString() {
    return id() + " " + kind.json() + " " + label() + " [" + outcome.json() + "]";
  }
}
