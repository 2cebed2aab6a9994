package io.github.trailbench.core.model.policy;

import java.util.List;

/** {@code Action} or {@code NotAction}: action patterns like {@code s3:Get*} or {@code *}. */
public sealed interface ActionElement {
  List<String> values();

  /** True for {@code NotAction}. */
  boolean negated();

  default String elementName() {
    return negated() ? "NotAction" : "Action";
  }

  record Action(List<String> values) implements ActionElement {
    public Action {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return false;
    }
  }

  record NotAction(List<String> values) implements ActionElement {
    public NotAction {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return true;
    }
  }
}
