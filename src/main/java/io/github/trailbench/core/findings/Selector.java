package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A compiled event selection of a rule: field conditions combined with AND, {@code anyOf},
 * {@code allOf} and {@code not}. Built by {@link RulePack}'s loader; {@link #source()} is the
 * JSON it was written as.
 */
public final class Selector {
  interface Node {
    boolean test(EventView v);
  }

  private final Node root;
  private final String source;

  Selector(Node root, String source) {
    this.root = Objects.requireNonNull(root);
    this.source = source;
  }

  boolean matches(EventView v) {
    return root.test(v);
  }

  /** The JSON text of the selection as written in the rule file. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  record AllOf(List<Node> parts) implements Node {
    @Override
    public boolean test(EventView v) {
      for (Node n : parts) {
        if (!n.test(v)) {
          return false;
        }
      }
      return true;
    }
  }

  record AnyOf(List<Node> parts) implements Node {
    @Override
    public boolean test(EventView v) {
      for (Node n : parts) {
        if (n.test(v)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Node part) implements Node {
    @Override
    public boolean test(EventView v) {
      return !part.test(v);
    }
  }

  /** One field with one or more operators, all of which must hold. */
  record Field(FieldPath path, List<Op> ops) implements Node {
    @Override
    public boolean test(EventView v) {
      JsonNode value = path.node(v);
      for (Op op : ops) {
        if (!op.test(value, v)) {
          return false;
        }
      }
      return true;
    }
  }

  /** An operator applied to a field's value (null when the field is absent). */
  interface Op {
    boolean test(JsonNode value, EventView v);
  }

  /** Applies {@code p} to the value, or to any element when the value is an array. */
  static boolean anyText(JsonNode value, java.util.function.Predicate<String> p) {
    if (value == null) {
      return false;
    }
    if (value.isArray()) {
      for (JsonNode x : value) {
        if (x != null && !x.isNull() && p.test(x.isValueNode() ? x.asText() : x.toString())) {
          return true;
        }
      }
      return false;
    }
    return p.test(value.isValueNode() ? value.asText() : value.toString());
  }
}
