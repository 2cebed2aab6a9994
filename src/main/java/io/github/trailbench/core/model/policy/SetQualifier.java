package io.github.trailbench.core.model.policy;

/** The set operator prefix of a condition operator for multi-valued keys. */
public enum SetQualifier {
  NONE(""),
  FOR_ALL_VALUES("ForAllValues:"),
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
