package io.github.trailbench.core.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the event filter language:
 *
 * <pre>
 * filter  := or?
 * or      := and ( "OR" and )*
 * and     := unary ( "AND"? unary )*          (juxtaposition is AND)
 * unary   := "NOT" unary | "(" or ")" | term
 * term    := field ":" value | "time" ("&lt;"|"&lt;="|"&gt;"|"&gt;="|"=") instant | bare-word
 * field   := a name of {@link Field} or one of CloudTrail's names for it ({@code sourceIPAddress})
 * instant := 2026-10-03, 2026-10-03T14:00Z, "2026-10-03 14:00", 2026-10-03 14:00 (see {@link #instant})
 * value   := "quoted \"text\"" | bare text; * and ? are wildcards in either (in quotes, an escaped \* or \?
 *            makes the whole value literal)
 *            (verdict takes one of {@link Field#VERDICT_WORDS}, without wildcards)
 * </pre>
 *
 * Keywords AND, OR, NOT are case-insensitive. Pure logic, no I/O.
 */
public final class FilterParser {
  private final String text;
  private int pos;
  /** Whether the last quoted value held an escaped {@code *} or {@code ?}. */
  private boolean escapedWildcard;

  private FilterParser(String text) {
    this.text = text;
  }

  /** Parses {@code text}; blank text means every event. */
  public static Expr parse(String text) throws FilterSyntaxException {
    if (text == null || text.isBlank()) {
      return new Expr.All();
    }
    FilterParser p = new FilterParser(text);
    Expr e = p.or();
    p.skipSpace();
    if (p.pos < text.length()) {
      if (text.charAt(p.pos) == ')') {
        throw new FilterSyntaxException("unbalanced ')'", p.pos);
      }
      throw new FilterSyntaxException("unexpected text", p.pos);
    }
    return e;
  }

  private Expr or() throws FilterSyntaxException {
    List<Expr> parts = new ArrayList<>();
    parts.add(and());
    while (keyword("OR")) {
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Expr.Or(parts);
  }

  private Expr and() throws FilterSyntaxException {
    List<Expr> parts = new ArrayList<>();
    parts.add(unary());
    while (true) {
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) == ')' || peekKeyword("OR")) {
        break;
      }
      keyword("AND");
      parts.add(unary());
    }
    return parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
  }

  private Expr unary() throws FilterSyntaxException {
    skipSpace();
    if (pos >= text.length()) {
      throw new FilterSyntaxException("expected a term, found the end of the filter", pos);
    }
    if (keyword("NOT")) {
      return new Expr.Not(unary());
    }
    char c = text.charAt(pos);
    if (c == '(') {
      int open = pos;
      pos++;
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ')') {
        throw new FilterSyntaxException("empty parentheses", open);
      }
      Expr e = or();
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        throw new FilterSyntaxException("'(' is never closed", open);
      }
      pos++;
      return e;
    }
    if (c == ')') {
      throw new FilterSyntaxException("unbalanced ')'", pos);
    }
    return term();
  }

  private Expr term() throws FilterSyntaxException {
    int start = pos;
    int i = pos;
    // -field:value and !field:value negate in other tools; here they were a search word matching nothing
    if ((text.charAt(pos) == '-' || text.charAt(pos) == '!') && NEGATED_FIELD.matcher(text).region(pos + 1, text.length()).lookingAt()) {
      throw new FilterSyntaxException("'" + text.charAt(pos) + "' does not negate here: write NOT before the field", pos);
    }
    // letters, and dots inside a name for CloudTrail's own names (userIdentity.arn)
    while (i < text.length() && (Character.isLetter(text.charAt(i))
        || (text.charAt(i) == '.' && i > pos && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))))) {
      i++;
    }
    String name = text.substring(pos, i);
    if (i < text.length() && i > pos && (":<>=".indexOf(text.charAt(i)) >= 0)) {
      Field f = Field.byName(name);
      if (f == null) {
        throw new FilterSyntaxException("unknown field '" + name + "' (fields: " + Field.names() + ")", start);
      }
      pos = i;
      if (f == Field.TIME) {
        return time(start);
      }
      if (text.charAt(pos) != ':') {
        throw new FilterSyntaxException("field '" + f.key() + "' takes ':' (only time compares with < <= > >= =)", pos);
      }
      pos++;
      return value(f, start);
    }
    if (text.charAt(pos) == '"') {
      return value(null, start);
    }
    return value(null, start);
  }

  private Expr value(Field f, int start) throws FilterSyntaxException {
    if (pos >= text.length() || Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ')') {
      throw new FilterSyntaxException("missing value after '" + (f == null ? "" : f.key()) + ":'", pos);
    }
    if (text.charAt(pos) == '"') {
      int at = pos;
      String q = quoted();
      if (q.isEmpty()) {
        // "" matched every event as a search word, and field:"" none: say what to write instead
        throw new FilterSyntaxException(f == null ? "empty search word \"\"" : "empty value for '" + f.key() + "': write "
            + (f == Field.ERROR ? "error:none" : "NOT " + f.key() + ":*") + " for events without one", at);
      }
      if (f == Field.VERDICT) {
        return new Expr.Term(f, verdictWord(q, at), false, start, true);
      }
      // "arn:aws:s3:::bucket/*" is a pattern as it reads; "\*" (or "\?") anywhere makes the whole value literal
      boolean wild = !escapedWildcard && (q.indexOf('*') >= 0 || q.indexOf('?') >= 0);
      return new Expr.Term(f, q, wild, start, true);
    }
    int s = pos;
    int depth = 0;
    int opened = -1;
    // parentheses inside a value are part of it when they balance (userAgent:*(linux)*); a ')'
    // with none open ends the value (it closes a group)
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && (text.charAt(pos) != ')' || depth > 0)) {
      char c = text.charAt(pos);
      if (c == '"') {
        throw new FilterSyntaxException("quote inside a bare value; quote the whole value", pos);
      }
      if (c == '(') {
        if (depth++ == 0) {
          opened = pos;
        }
      } else if (c == ')') {
        depth--;
      }
      pos++;
    }
    if (depth > 0) {
      throw new FilterSyntaxException("'(' inside a value is never closed; quote the value (\"…\") to search for it", opened);
    }
    String v = text.substring(s, pos);
    boolean wild = v.indexOf('*') >= 0 || v.indexOf('?') >= 0;
    if ((f == Field.READ_ONLY || f == Field.AWS) && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new FilterSyntaxException(f.key() + " takes true or false", s);
    }
    if (f == Field.VERDICT) {
      return new Expr.Term(f, verdictWord(v, s), false, start);
    }
    return new Expr.Term(f, v, wild, start);
  }

  /** A verdict as {@link Field#VERDICT_WORDS} spells it: case-insensitive, a space read as a hyphen. */
  private static String verdictWord(String v, int at) throws FilterSyntaxException {
    String word = v.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    if (!Field.VERDICT_WORDS.contains(word)) {
      throw new FilterSyntaxException("verdict takes " + String.join(", ", Field.VERDICT_WORDS.subList(0, Field.VERDICT_WORDS.size() - 1))
          + " or " + Field.VERDICT_WORDS.get(Field.VERDICT_WORDS.size() - 1) + ", not '" + v + "'", at);
    }
    return word;
  }

  private String quoted() throws FilterSyntaxException {
    int open = pos;
    pos++;
    escapedWildcard = false;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        char escaped = text.charAt(pos++);
        escapedWildcard |= escaped == '*' || escaped == '?';
        sb.append(escaped);
      } else if (c == '"') {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    throw new FilterSyntaxException("unterminated quoted value", open);
  }

  private Expr time(int start) throws FilterSyntaxException {
    Expr.Op op;
    if (text.startsWith(">=", pos)) {
      op = Expr.Op.GE;
      pos += 2;
    } else if (text.startsWith("<=", pos)) {
      op = Expr.Op.LE;
      pos += 2;
    } else if (text.charAt(pos) == '>') {
      op = Expr.Op.GT;
      pos++;
    } else if (text.charAt(pos) == '<') {
      op = Expr.Op.LT;
      pos++;
    } else if (text.charAt(pos) == '=' || text.charAt(pos) == ':') {
      op = Expr.Op.EQ;
      pos++;
    } else {
      throw new FilterSyntaxException("time takes <, <=, >, >= or =", pos);
    }
    int s = pos;
    String v;
    if (pos < text.length() && text.charAt(pos) == '"') {
      v = quoted();
    } else {
      while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')') {
        pos++;
      }
      v = text.substring(s, pos);
      // "2026-10-03 14:00" as people write it: a clock time after a date belongs to it
      java.util.regex.Matcher clock = CLOCK_AFTER_DATE.matcher(text).region(pos, text.length());
      if (DATE_ONLY.matcher(v).matches() && clock.lookingAt()) {
        pos = clock.end();
        v = text.substring(s, pos);
      }
      // and so does a zone after a space ("2026-10-03 UTC", "2026-10-03T14:00 +02:00"): read as a search
      // word it matched nothing, and the filter silently returned no event
      java.util.regex.Matcher zone = ZONE_AFTER.matcher(text).region(pos, text.length());
      java.util.regex.Matcher read = LENIENT.matcher(v);
      if (read.matches() && read.group(8) == null && zone.lookingAt()) {
        pos = zone.end();
        v = text.substring(s, pos);
      }
      // a zone name (EST, CET…) read as a search word silently narrowed the filter to nothing
      java.util.regex.Matcher named = ZONE_NAME_AFTER.matcher(text).region(pos, text.length());
      if (read.matches() && read.group(8) == null && named.lookingAt()) {
        throw new FilterSyntaxException("time zone names are not read ('" + named.group(1) + "'): write UTC or an offset"
            + " such as -05:00 after the time", named.start(1));
      }
    }
    if (v.isEmpty()) {
      throw new FilterSyntaxException("missing time after '" + op.symbol() + "'", s);
    }
    Instant t = instant(v);
    if (t == null) {
      throw new FilterSyntaxException("not a time: '" + v + "' (use e.g. 2026-10-03, 2026-10-03 14:00 or 2026-10-03T14:00Z; UTC unless a zone is given)", s);
    }
    java.time.Duration span = op == Expr.Op.EQ ? written(v) : java.time.Duration.ZERO;
    if (span.compareTo(java.time.Duration.ofNanos(1)) > 0) {
      // time:2026-10-03 is that day, time=2026-10-03T14:00 that minute: the span the value writes
      return new Expr.And(List.of(new Expr.TimeCompare(Expr.Op.GE, t, start), new Expr.TimeCompare(Expr.Op.LT, t.plus(span), start)));
    }
    return new Expr.TimeCompare(op, t, start);
  }

  /** How much time a written time covers: a day for a date, a minute for 14:00, down to its last digit of seconds. */
  private static java.time.Duration written(String v) {
    java.util.regex.Matcher m = LENIENT.matcher(v.strip());
    if (!m.matches() || m.group(4) == null) {
      return java.time.Duration.ofDays(1);
    }
    if (m.group(6) == null) {
      return java.time.Duration.ofMinutes(1);
    }
    if (m.group(7) == null) {
      return java.time.Duration.ofSeconds(1);
    }
    return java.time.Duration.ofNanos((long) Math.pow(10, 9 - m.group(7).length()));
  }

  private static final java.util.regex.Pattern NEGATED_FIELD = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z.]*[:<>=]");
  private static final java.util.regex.Pattern ZONE_AFTER =
      java.util.regex.Pattern.compile(" +(Z|UTC|[+-]\\d{2}:?\\d{2})(?=$|[\\s)])", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern ZONE_NAME_AFTER = java.util.regex.Pattern.compile(
      " +(GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|CET|CEST|EET|EEST|WET|WEST|BST|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|MSK)"
          + "(?=$|[\\s)])");
  private static final java.util.regex.Pattern DATE_ONLY = java.util.regex.Pattern.compile("\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}");
  private static final java.util.regex.Pattern CLOCK_AFTER_DATE =
      java.util.regex.Pattern.compile(" +\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?( ?(Z|UTC|[+-]\\d{2}:?\\d{2}))?(?=$|[\\s)])",
          java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern LENIENT = java.util.regex.Pattern.compile(
      "(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)? *(Z|UTC|[+-]\\d{2}:?\\d{2})?",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * The instant a filter names: a date (2026-10-03 or 2026/10/03, midnight), optionally with a
   * clock time after {@code T} or a space (14:00, 14:00:05, 14:00:05.250), optionally with a zone
   * ({@code Z}, {@code UTC}, {@code +02:00}, {@code +0200}). Without a zone the time is UTC, as
   * CloudTrail writes it. Null when {@code v} is none of these.
   */
  public static Instant instant(String v) {
    java.util.regex.Matcher m = LENIENT.matcher(v.strip());
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      LocalDateTime at = m.group(4) == null ? date.atStartOfDay()
          : date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9)));
      String zone = m.group(8);
      ZoneOffset offset = zone == null || zone.equalsIgnoreCase("Z") || zone.equalsIgnoreCase("UTC") ? ZoneOffset.UTC
          : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
      return at.toInstant(offset);
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peekKeyword(String kw) {
    int save = pos;
    boolean r = keyword(kw);
    pos = save;
    return r;
  }

  private boolean keyword(String kw) {
    skipSpace();
    int end = pos + kw.length();
    if (end <= text.length() && text.substring(pos, end).toUpperCase(Locale.ROOT).equals(kw)
        && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
      pos = end;
      return true;
    }
    return false;
  }
}
