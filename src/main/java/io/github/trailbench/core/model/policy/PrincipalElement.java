package io.github.trailbench.core.model.policy;

import java.util.List;

/** {@code Principal} or {@code NotPrincipal}. */
public sealed interface PrincipalElement {
  List<PrincipalValue> values();

  /** True for {@code NotPrincipal}. */
  boolean negated();

  default String elementName() {
    return negated() ? "NotPrincipal" : "Principal";
  }

  record Principal(List<PrincipalValue> values) implements PrincipalElement {
    public Principal {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return false;
    }
  }

  record NotPrincipal(List<PrincipalValue> values) implements PrincipalElement {
    public NotPrincipal {
      values = List.copyOf(values);
    }

    @Override
    public boolean negated() {
      return true;
    }
  }
}
