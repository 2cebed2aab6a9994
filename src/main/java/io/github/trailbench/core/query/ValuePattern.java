package io.github.trailbench.core.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A filter value as a regular expression: {@code *} and {@code ?} as wildcards (when the value
 * was written with them), everything else literal. The timeline's evaluator and the slice job
 * share it, so a value matches the same events on a laptop and on the cluster.
 */
public final class ValuePattern {
  private ValuePattern() {}

  /**
   * The expression, unanchored: the caller matches it against the whole string. {@code contains}
   * lets anything stand before and after the value; {@code lower} lower-cases the value first.
   */
  public static String regex(String value, boolean wildcard, boolean contains, boolean lower) {
    String v = lower ? value.toLowerCase(Locale.ROOT) : value;
    StringBuilder re = new StringBuilder();
    if (contains) {
      re.append(".*");
    }
    StringBuilder literal = new StringBuilder();
    for (char ch : v.toCharArray()) {
      if (wildcard && (ch == '*' || ch == '?')) {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(ch == '*' ? ".*" : ".");
      } else {
        literal.append(ch);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    if (contains) {
      re.append(".*");
    }
    return re.toString();
  }
}
