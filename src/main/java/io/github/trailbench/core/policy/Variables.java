package io.github.trailbench.core.policy;

import java.util.List;

/**
 * Policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}},
 * {@code ${key, 'default'}}, and the literal escapes {@code ${*}}, {@code ${?}}, {@code ${$}}).
 *
 * <p>A template resolves to a token array (see {@link Glob}): text from variables is literal, so a
 * '*' that comes from a value never acts as a wildcard.
 */
final class Variables {
  private Variables() {}

  /** The outcome of resolving a template. */
  record Resolved(int[] tokens, String missingKey, String unknownKey) {
    boolean ok() {
      return tokens != null;
    }

    String text() {
      return Glob.text(tokens);
    }
  }

  static boolean hasVariables(String s) {
    return s.contains("${");
  }

  /**
   * Resolves variables in a template.
   *
   * @param wildcards whether '*' and '?' in the template's own text are wildcards
   */
  static Resolved resolve(String template, boolean wildcards, EvalContext ctx) {
    int[] out = new int[template.length() + 16];
    int n = 0;
    int i = 0;
    int len = template.length();
    while (i < len) {
      char c = template.charAt(i);
      if (c == '$' && i + 1 < len && template.charAt(i + 1) == '{') {
        int end = template.indexOf('}', i + 2);
        if (end > 0) {
          String inner = template.substring(i + 2, end).trim();
          String value;
          if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
            value = inner;
          } else {
            String key = inner;
            String def = null;
            int comma = inner.indexOf(',');
            if (comma >= 0) {
              key = inner.substring(0, comma).trim();
              String d = inner.substring(comma + 1).trim();
              if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                def = d.substring(1, d.length() - 1);
              } else {
                def = d;
              }
            }
            EvalContext.Lookup l = ctx.lookup(key);
            if (l.state() == EvalContext.State.UNKNOWN) {
              return new Resolved(null, null, key);
            }
            List<String> vs = l.values();
            if (l.state() == EvalContext.State.PRESENT && vs.size() == 1) {
              value = vs.get(0);
            } else if (def != null) {
              value = def;
            } else {
              return new Resolved(null, key, null);
            }
          }
          if (n + value.length() > out.length) {
            out = java.util.Arrays.copyOf(out, (n + value.length()) * 2);
          }
          for (int k = 0; k < value.length(); k++) {
            out[n++] = value.charAt(k);
          }
          i = end + 1;
          continue;
        }
      }
      if (n >= out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = wildcards && c == '*' ? Glob.STAR : wildcards && c == '?' ? Glob.ANY_ONE : c;
      i++;
    }
    return new Resolved(java.util.Arrays.copyOf(out, n), null, null);
  }
}
