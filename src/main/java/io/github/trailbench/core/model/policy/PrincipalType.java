package io.github.trailbench.core.model.policy;

/** The kinds of principal a {@code Principal} element can name. */
public enum PrincipalType {
  /** {@code "Principal": "*"} — everyone, including anonymous callers. */
  ANY("*"),
  AWS("AWS"),
  SERVICE("Service"),
  FEDERATED("Federated"),
  CANONICAL_USER("CanonicalUser");

  private final String json;

  PrincipalType(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  /** The type for a key of a Principal object (case-sensitive, as AWS's), or null. */
  public static PrincipalType ofKey(String key) {
    for (PrincipalType t : values()) {
      if (t != ANY && t.json.equals(key)) {
        return t;
      }
    }
    return null;
  }
}
