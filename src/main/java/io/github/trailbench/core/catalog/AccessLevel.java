package io.github.trailbench.core.catalog;

/** The access level AWS's Service Authorization Reference gives an action. */
public enum AccessLevel {
  LIST("List"),
  READ("Read"),
  WRITE("Write"),
  PERMISSIONS_MANAGEMENT("Permissions management"),
  TAGGING("Tagging"),
  UNKNOWN("Unknown");

  private final String label;

  AccessLevel(String label) {
    this.label = label;
  }

  /** The label as AWS writes it ("Permissions management"). */
  public String label() {
    return label;
  }

  static java.util.List<AccessLevel> parseAll(String s) {
    java.util.List<AccessLevel> out = new java.util.ArrayList<>(1);
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part.strip()));
      }
    }
    return out;
  }

  static AccessLevel parse(String s) {
    for (AccessLevel l : values()) {
      if (l.label.equalsIgnoreCase(s)) {
        return l;
      }
    }
    return UNKNOWN;
  }
}
