package io.github.trailbench.core.model;

/**
 * Text from evidence (event fields, file names, policy documents) made safe to print on a
 * terminal or in a text report: control characters that would move the cursor, overwrite a
 * line, recolour the screen or reorder what is shown are replaced by a visible escape.
 *
 * <p>Escaped: C0 controls ({@code \t \n \r} as themselves, ESC as {@code \e}, the rest as
 * {@code \xNN}); DEL, the C1 controls, every invisible format character (Unicode category Cf:
 * the bidirectional controls, zero-width space and joiners, U+FEFF, soft hyphen, the tag
 * characters U+E0000–U+E007F, as UTF-16 halves, and the other characters {@link #invisible} names) and the line and paragraph separators
 * U+2028/U+2029 as {@code \}{@code uNNNN} (so text that is JSON stays JSON with the same value):
 * {@code adm\u200bin} is not shown as {@code admin}. Everything else,
 * backslashes included, is left as it is: text output is for reading, JSON output is the exact
 * form.
 */
public final class SafeText {
  private SafeText() {}

  /** One field's text on one line: every control character escaped, line breaks included. */
  public static String escape(String s) {
    return escape(s, false);
  }

  /** A block of several lines: as {@link #escape(String)}, but {@code \n} stays a line break. */
  public static String escapeLines(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepNewlines) {
    if (s == null) {
      return null;
    }
    int i = 0;
    while (i < s.length() && !unsafe(s, i, keepNewlines)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(s, i, keepNewlines)) {
        b.append(c);
        continue;
      }
      switch (c) {
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case 0x1b -> b.append("\\e");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return b.toString();
  }

  /** Whether {@code c} is a character {@link #escape} replaces. */
  static boolean unsafe(char c, boolean keepNewlines) {
    if (c == '\n') {
      return !keepNewlines;
    }
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || invisible(c);
  }

  /** Whether the char at {@code i} is replaced: as {@link #unsafe(char, boolean)}, or half of an invisible character above U+FFFF. */
  private static boolean unsafe(String s, int i, boolean keepNewlines) {
    char c = s.charAt(i);
    if (Character.isSurrogate(c)) {
      int cp = Character.isHighSurrogate(c) ? s.codePointAt(i) : i > 0 ? s.codePointBefore(i + 1) : c;
      return invisible(cp);
    }
    return unsafe(c, keepNewlines);
  }

  /**
   * A character that draws nothing a reader can see yet makes a name differ from its look-alike:
   * every format character (Unicode category Cf), the Hangul fillers (U+115F, U+1160, U+3164,
   * U+FFA0), the braille blank U+2800, the combining grapheme joiner U+034F, the Khmer inherent
   * vowels U+17B4–U+17B5 and the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF).
   */
  public static boolean invisible(int cp) {
    return Character.getType(cp) == Character.FORMAT || cp == 0x115f || cp == 0x1160 || cp == 0x3164 || cp == 0xffa0
        || cp == 0x2800 || cp == 0x034f || cp == 0x17b4 || cp == 0x17b5 || (cp >= 0xfe00 && cp <= 0xfe0f)
        || (cp >= 0xe0100 && cp <= 0xe01ef);
  }
}
