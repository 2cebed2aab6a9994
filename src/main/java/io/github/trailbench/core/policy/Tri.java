package io.github.trailbench.core.policy;

/** Kleene three-valued logic: TRUE, FALSE, UNKNOWN (undetermined). */
public enum Tri {
  TRUE, FALSE, UNKNOWN;

  public static Tri of(boolean b) {
    return b ? TRUE : FALSE;
  }

  public Tri and(Tri o) {
    if (this == FALSE || o == FALSE) {
      return FALSE;
    }
    if (this == UNKNOWN || o == UNKNOWN) {
      return UNKNOWN;
    }
    return TRUE;
  }

  public Tri or(Tri o) {
    if (this == TRUE || o == TRUE) {
      return TRUE;
    }
    if (this == UNKNOWN || o == UNKNOWN) {
      return UNKNOWN;
    }
    return FALSE;
  }

  public Tri not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
  }
}
