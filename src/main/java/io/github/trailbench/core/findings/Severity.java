package io.github.trailbench.core.findings;

import java.util.Locale;

/**
 * How urgent a finding is. A closed set; {@link #code()} is the lower-case spelling used in
 * rule files, JSON and CSV ({@code critical|high|medium|low|info}). Declared most severe
 * first, so {@code compareTo} orders critical before info.
 */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** The lower-case name used in files and output. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code critical|high|medium|low|info} (case-insensitive). */
  public static Severity parse(String text) {
    if (text != null) {
      for (Severity s : values()) {
        if (s.code().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected critical, high, medium, low or info)");
  }
}
