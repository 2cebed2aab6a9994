package io.github.trailbench.core.policy;

/** The outcome of an authorization decision. */
public enum Decision {
  ALLOWED("Allowed"),
  EXPLICIT_DENY("ExplicitDeny"),
  IMPLICIT_DENY("ImplicitDeny"),
  /** The outcome depends on context keys whose values are unknown. */
  UNDETERMINED("Undetermined");

  private final String json;

  Decision(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static Decision ofJson(String s) {
    for (Decision d : values()) {
      if (d.json.equals(s)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown decision '" + s + "'");
  }
}
