package io.github.trailbench.core.policy;

/** What a trace node stands for. */
public enum NodeKind {
  DECISION("decision"),
  POLICY_TYPE("policyType"),
  POLICY("policy"),
  STATEMENT("statement"),
  ELEMENT("element"),
  CONDITION("condition");

  private final String json;

  NodeKind(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}
