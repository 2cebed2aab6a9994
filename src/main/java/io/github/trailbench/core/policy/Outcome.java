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

  /** Whether the node took part in reaching the decision (as opposed to not matching or not applying). */
  public boolean mattered() {
    return this != NO_MATCH && this != NOT_APPLICABLE;
  }
}
