package io.github.trailbench.core.model.policy;

/** The {@code Effect} of a statement. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String json;

  Effect(String json) {
    this.json = json;
  }

  /** The spelling in a policy document ("Allow" or "Deny"). */
  public String json() {
    return json;
  }
}
