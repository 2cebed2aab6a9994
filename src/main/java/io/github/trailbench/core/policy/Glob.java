package io.github.trailbench.core.policy;

/**
 * Wildcard matching as IAM does it: {@code *} matches any run of characters (including none),
 * {@code ?} exactly one. Patterns may also be "token arrays" in which {@link #STAR} and
 * {@link #ANY_ONE} are wildcards and every other value a literal char (so a literal '*' that
 * came from {@code ${*}} is not a wildcard).
 */
public final class Glob {
  static final int STAR = -1;
  static final int ANY_ONE = -2;

  private Glob() {}

  /** Matches text against a pattern string where '*' and '?' are wildcards. */
  public static boolean match(String pattern, String text, boolean ignoreCase) {
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

  /** A {@code *} that may match colons (in a resource pattern: one ending an ARN segment, or in the resource part). */
  static final int STAR_ANY = -1;
  /** A {@code *} inside one of an ARN's first five segments: matches any run of characters except a colon. */
  static final int STAR_SEGMENT = -3;
  /** A {@code ?} inside one of an ARN's first five segments: one character, not a colon. */
  static final int ONE_IN_SEGMENT = -4;

  /**
   * Prepares a Resource/NotResource pattern for {@link #resourceMatch}. In an ARN pattern, a
   * {@code *} that is the last character of one of the first five segments (followed by a colon or
   * ending the pattern) may expand across colons (IAM User Guide, Resource element: "If the *
   * wildcard is the last character of a resource ARN segment, it can expand to match beyond the
   * colon boundaries"); any other {@code *} or {@code ?} there stays inside its segment. In the
   * resource part (after the fifth colon) wildcards match any character, colons included.
   * Patterns that do not start with {@code arn:} are plain wildcards.
   */
  static int[] resourcePattern(int[] tokens) {
    if (!startsWithArn(tokens)) {
      return tokens;
    }
    int[] out = tokens.clone();
    int colons = 0;
    for (int i = 0; i < out.length; i++) {
      int t = out[i];
      if (t == ':') {
        colons++;
      } else if (colons < 5 && t == STAR) {
        out[i] = i + 1 == out.length || out[i + 1] == ':' ? STAR_ANY : STAR_SEGMENT;
      } else if (colons < 5 && t == ANY_ONE) {
        out[i] = ONE_IN_SEGMENT;
      }
    }
    return out;
  }

  /**
   * Matches a request resource against a pattern from {@link #resourcePattern}; case-sensitive.
   * A request for {@code *} (or any other non-ARN text) is matched as plain text, so an ARN pattern
   * never matches it.
   */
  static boolean resourceMatch(int[] pattern, String text) {
    int n = pattern.length;
    if (n > 62) {
      return resourceMatchLong(pattern, text);
    }
    long state = closure(pattern, 1L);
    long accept = 1L << n;
    for (int k = 0, tl = text.length(); k < tl && state != 0; k++) {
      char c = text.charAt(k);
      long next = 0;
      long s = state;
      while (s != 0) {
        int i = Long.numberOfTrailingZeros(s);
        s &= s - 1;
        if (i == n) {
          continue;
        }
        int t = pattern[i];
        if (t == STAR_ANY || (t == STAR_SEGMENT && c != ':')) {
          next |= 1L << i;
        } else if (t == c || t == ANY_ONE || (t == ONE_IN_SEGMENT && c != ':')) {
          next |= 1L << (i + 1);
        }
      }
      state = closure(pattern, next);
    }
    return (state & accept) != 0;
  }

  /** How a resource pattern covers every text that starts with a prefix and goes on. */
  enum Coverage { ALL, NONE, SOME }

  /**
   * Whether a pattern from {@link #resourcePattern} matches every text made of {@code prefix} and
   * one or more characters after it ({@link Coverage#ALL}: after the prefix, only {@code *}s are
   * left), none of them, or some.
   */
  static Coverage prefixCoverage(int[] pattern, String prefix) {
    int n = pattern.length;
    boolean[] state = afterText(pattern, prefix);
    boolean some = false;
    for (int i = 0; i < n; i++) {
      if (!state[i]) {
        continue;
      }
      some = true;
      boolean stars = true;
      for (int j = i; j < n && stars; j++) {
        stars = pattern[j] == STAR_ANY;
      }
      if (stars) {
        return Coverage.ALL;
      }
    }
    return some ? Coverage.SOME : Coverage.NONE;
  }

  /**
   * Whether a pattern from {@link #resourcePattern} matches every text made of {@code prefix} and
   * {@code tail} letters or digits after it ({@link Coverage#ALL}), none of them, or some: a secret's
   * ARN is its name, a hyphen and six random characters.
   */
  static Coverage tailCoverage(int[] pattern, String prefix, int tail) {
    int n = pattern.length;
    boolean[] state = afterText(pattern, prefix);
    boolean[] every = state.clone();
    boolean[] some = state.clone();
    for (int k = 0; k < tail; k++) {
      every = step(pattern, every, false);
      some = step(pattern, some, true);
    }
    return every[n] ? Coverage.ALL : some[n] ? Coverage.SOME : Coverage.NONE;
  }

  /**
   * One unknown letter or digit read: with {@code literals}, a literal letter or digit of the
   * pattern may be it (some text goes on); without, only wildcards take it (every text goes on).
   */
  private static boolean[] step(int[] pattern, boolean[] state, boolean literals) {
    int n = pattern.length;
    boolean[] next = new boolean[n + 1];
    for (int i = 0; i < n; i++) {
      if (!state[i]) {
        continue;
      }
      int t = pattern[i];
      if (t == STAR_ANY || t == STAR_SEGMENT) {
        next[i] = true;
      } else if (t == ANY_ONE || t == ONE_IN_SEGMENT || (literals && t >= 0 && Character.isLetterOrDigit(t))) {
        next[i + 1] = true;
      }
    }
    closure(pattern, next);
    return next;
  }

  /** Adds the positions reachable by letting stars match nothing. */
  private static long closure(int[] pattern, long state) {
    for (int i = 0; i < pattern.length; i++) {
      if ((state & (1L << i)) != 0 && (pattern[i] == STAR_ANY || pattern[i] == STAR_SEGMENT)) {
        state |= 1L << (i + 1);
      }
    }
    return state;
  }

  private static boolean resourceMatchLong(int[] pattern, String text) {
    return afterText(pattern, text)[pattern.length];
  }

  /** The pattern positions reachable after reading {@code text} (none set when it cannot match). */
  private static boolean[] afterText(int[] pattern, String text) {
    int n = pattern.length;
    boolean[] state = new boolean[n + 1];
    state[0] = true;
    closure(pattern, state);
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      boolean[] next = new boolean[n + 1];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (!state[i]) {
          continue;
        }
        int t = pattern[i];
        if (t == STAR_ANY || (t == STAR_SEGMENT && c != ':')) {
          next[i] = any = true;
        } else if (t == c || t == ANY_ONE || (t == ONE_IN_SEGMENT && c != ':')) {
          next[i + 1] = any = true;
        }
      }
      if (!any) {
        return next;
      }
      closure(pattern, next);
      state = next;
    }
    return state;
  }

  private static void closure(int[] pattern, boolean[] state) {
    for (int i = 0; i < pattern.length; i++) {
      if (state[i] && (pattern[i] == STAR_ANY || pattern[i] == STAR_SEGMENT)) {
        state[i + 1] = true;
      }
    }
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
