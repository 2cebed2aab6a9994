package io.github.trailbench.core.policy;

/** The verdict on one trace node. */
public enum Outcome {
  ALLOW("Allow"),
  DENY("Deny"),
  MATCH("Match"),
  NO_MATCH("NoMatch"),
  UNDETERMINED("Undetermined"),
  NOT_APPLICABLE("NotApplicable");

  private final String json;

  Outcome(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}
