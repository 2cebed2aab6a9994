package io.github.trailbench.core.policy;

/**
 * Wildcard matching as IAM does it: {@code *} matches any run of characters (including none),
 * {@code ?} exactly one. Patterns may also be "token arrays" in which {@link #STAR} and
 * {@link #ANY_ONE} are wildcards and every other value a literal char (so a literal '*' that
 * came from {@code ${*}} is not a wildcard).
 */
final class Glob {
  static final int STAR = -1;
  static final int ANY_ONE = -2;

  private Glob() {}

  /** Matches text against a pattern string where '*' and '?' are wildcards. */
  static boolean match(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    int pl = pattern.length();
    int tl = text.length();
    while (t < tl) {
      if (p < pl) {
        char pc = pattern.charAt(p);
        if (pc == '*') {
          starP = p++;
          starT = t;
          continue;
        }
        if (pc == '?' || same(pc, text.charAt(t), ignoreCase)) {
          p++;
          t++;
          continue;
        }
      }
      if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
        continue;
      }
      return false;
    }
    while (p < pl && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pl;
  }

  /** Matches text[from, to) against tokens[pf, pt). */
  static boolean match(int[] tokens, int pf, int pt, String text, int from, int to, boolean ignoreCase) {
    int p = pf;
    int t = from;
    int starP = -1;
    int starT = -1;
    while (t < to) {
      if (p < pt) {
        int pc = tokens[p];
        if (pc == STAR) {
          starP = p++;
          starT = t;
          continue;
        }
        if (pc == ANY_ONE || (pc >= 0 && same((char) pc, text.charAt(t), ignoreCase))) {
          p++;
          t++;
          continue;
        }
      }
      if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
        continue;
      }
      return false;
    }
    while (p < pt && tokens[p] == STAR) {
      p++;
    }
    return p == pt;
  }

  static int[] tokens(String pattern, boolean wildcards) {
    int[] out = new int[pattern.length()];
    for (int i = 0; i < out.length; i++) {
      char c = pattern.charAt(i);
      out[i] = wildcards && c == '*' ? STAR : wildcards && c == '?' ? ANY_ONE : c;
    }
    return out;
  }

  /** The tokens as display text (wildcards shown as * and ?). */
  static String text(int[] tokens) {
    StringBuilder sb = new StringBuilder(tokens.length);
    for (int c : tokens) {
      sb.append(c == STAR ? '*' : c == ANY_ONE ? '?' : (char) c);
    }
    return sb.toString();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }

  /**
   * ARN matching: when both sides have the six colon-separated parts of an ARN
   * (arn:partition:service:region:account:resource), each of the first five parts is matched on
   * its own (a wildcard never spans a colon there) and the resource part as a whole. A pattern
   * that is not ARN-shaped (e.g. "*") is matched against the whole text. Case-sensitive.
   */
  static boolean arnMatch(int[] tokens, String text) {
    int[] pb = arnBounds(tokens);
    int[] tb = arnBounds(text);
    if (pb == null && startsWithArn(tokens) && tb != null) {
      return false; // an ARN pattern without all six parts matches no ARN
    }
    if (pb == null || tb == null) {
      return match(tokens, 0, tokens.length, text, 0, text.length(), false);
    }
    int ps = 0;
    int ts = 0;
    for (int i = 0; i < 5; i++) {
      if (!match(tokens, ps, pb[i], text, ts, tb[i], false)) {
        return false;
      }
      ps = pb[i] + 1;
      ts = tb[i] + 1;
    }
    return match(tokens, ps, tokens.length, text, ts, text.length(), false);
  }

  private static boolean startsWithArn(int[] t) {
    return t.length >= 4 && t[0] == 'a' && t[1] == 'r' && t[2] == 'n' && t[3] == ':';
  }

  /** Positions of the first five colons if the tokens start with "arn:", else null. */
  private static int[] arnBounds(int[] tokens) {
    if (tokens.length < 4 || tokens[0] != 'a' || tokens[1] != 'r' || tokens[2] != 'n' || tokens[3] != ':') {
      return null;
    }
    int[] out = new int[5];
    int n = 0;
    for (int i = 0; i < tokens.length && n < 5; i++) {
      if (tokens[i] == ':') {
        out[n++] = i;
      }
    }
    return n == 5 ? out : null;
  }

  private static int[] arnBounds(String text) {
    if (!text.startsWith("arn:")) {
      return null;
    }
    int[] out = new int[5];
    int n = 0;
    for (int i = 0; i < text.length() && n < 5; i++) {
      if (text.charAt(i) == ':') {
        out[n++] = i;
      }
    }
    return n == 5 ? out : null;
  }
}
