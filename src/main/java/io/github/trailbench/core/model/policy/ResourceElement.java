package io.github.trailbench.core.model.policy;

import java.util.List;

/** {@code Resource} or {@code NotResource}: ARN patterns, or {@code *}. */
public sealed interface ResourceElement {
  List<String> values();

  /** True for {@code NotResource}. */
  boolean negated();

  default String elementName() {
    return negated() ? "NotResource" : "Resource";
  }

  record Resource(List<String> values) implements ResourceElement {
    public Resource {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return false;
    }
  }

  record NotResource(List<String> values) implements ResourceElement {
    public NotResource {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return true;
    }
  }
}
