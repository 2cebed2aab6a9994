package io.github.trailbench.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the filter text asks to be completed at the caret: a field name being typed, or the
 * value after {@code field:}. Pure logic over the text; the values themselves come from the case.
 */
public final class FilterCompletion {
  private FilterCompletion() {}

  /** The token around the caret to complete; {@code [start, end)} is the text it replaces. */
  public sealed interface Context permits FieldName, FieldValue, Nothing {}

  /** A word that may become a field name: {@code eventN|}. */
  public record FieldName(String prefix, int start, int end) implements Context {}

  /** The value after {@code field:} (an opening quote is part of the replaced range, not the prefix). */
  public record FieldValue(Field field, String prefix, int start, int end) implements Context {}

  /** Nothing to complete here (inside a quoted value, after a time comparison, on an operator). */
  public record Nothing() implements Context {}

  /** A completed filter text and where the caret goes. */
  public record Completed(String text, int caret) {}

  private static final List<String> KEYWORDS = List.of("AND", "OR", "NOT");

  /** The completion context of {@code text} with the caret at {@code caret}. */
  public static Context at(String text, int caret) {
    if (text == null) {
      return new Nothing();
    }
    int c = Math.max(0, Math.min(caret, text.length()));
    int start = c;
    while (start > 0 && !separates(text.charAt(start - 1))) {
      start--;
    }
    int end = c;
    while (end < text.length() && !separates(text.charAt(end))) {
      end++;
    }
    String token = text.substring(start, c);
    if (token.indexOf('"') > 0 && token.indexOf(':') < 0) {
      return new Nothing();
    }
    int colon = token.indexOf(':');
    if (colon < 0) {
      if (token.startsWith("\"") || token.indexOf('<') >= 0 || token.indexOf('>') >= 0 || token.indexOf('=') >= 0) {
        return new Nothing();
      }
      return new FieldName(token, start, end);
    }
    Field f = Field.byName(token.substring(0, colon));
    if (f == null || f == Field.TIME) {
      return new Nothing();
    }
    String value = token.substring(colon + 1);
    if (value.startsWith("\"")) {
      value = value.substring(1);
      if (value.indexOf('"') >= 0) {
        return new Nothing();
      }
    }
    return new FieldValue(f, value, start + colon + 1, end);
  }

  /** The field names starting with {@code prefix} (case-insensitive), each with its operator. */
  public static List<String> fieldNames(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (Field f : Field.values()) {
      if (f.key().toLowerCase(Locale.ROOT).startsWith(p) && !KEYWORDS.contains(prefix.toUpperCase(Locale.ROOT))) {
        out.add(f.key() + f.operator());
      }
    }
    return out;
  }

  /**
   * Replaces the context's range with {@code choice}: a field name with its operator (caret right
   * after it), or a value, quoted when it needs quoting, followed by a space.
   */
  public static Completed accept(String text, Context context, String choice) {
    if (context instanceof FieldName n) {
      String head = text.substring(0, n.start()) + choice;
      return new Completed(head + text.substring(n.end()), head.length());
    }
    if (context instanceof FieldValue v) {
      // a chosen principal is that principal: quoted, so it is not looked for inside longer ARNs
      String written = v.field().containsByDefault() && !choice.equals("*") ? quoted(choice) : valueText(choice);
      String head = text.substring(0, v.start()) + written;
      String tail = text.substring(v.end());
      String sep = tail.startsWith(" ") || tail.startsWith(")") ? "" : " ";
      return new Completed(head + sep + tail, head.length() + sep.length());
    }
    return new Completed(text, text.length());
  }

  /** A value as the filter language writes it: bare when it can be, else quoted and escaped. */
  public static String valueText(String value) {
    boolean bare = !value.isEmpty();
    for (char ch : value.toCharArray()) {
      if (Character.isWhitespace(ch) || ch == '"' || ch == '(' || ch == ')' || ch == '*' || ch == '?' || ch == '\\') {
        bare = false;
        break;
      }
    }
    if (value.equals("*")) {
      return value;
    }
    return bare ? value : quoted(value);
  }

  /** {@code value} quoted and escaped as a literal: its {@code *} and {@code ?} are not wildcards. */
  public static String quoted(String value) {
    return "\"" + escaped(value).replace("*", "\\*").replace("?", "\\?") + "\"";
  }

  /** {@code pattern} quoted and escaped, its {@code *} and {@code ?} left as wildcards. */
  static String quotedPattern(String pattern) {
    return "\"" + escaped(pattern) + "\"";
  }

  private static String escaped(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static boolean separates(char ch) {
    return Character.isWhitespace(ch) || ch == '(' || ch == ')';
  }
}
