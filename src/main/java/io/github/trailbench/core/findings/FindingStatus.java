package io.github.trailbench.core.findings;

import java.util.Locale;

/** Where an analyst is with a finding. {@link #code()}: {@code open|confirmed|false-positive|closed}. */
public enum FindingStatus {
  OPEN,
  CONFIRMED,
  FALSE_POSITIVE,
  CLOSED;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static FindingStatus parse(String text) {
    if (text != null) {
      for (FindingStatus s : values()) {
        if (s.code().equalsIgnoreCase(text.trim()) || s.name().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown status '" + text + "' (expected open, confirmed, false-positive or closed)");
  }
}
