package io.github.trailbench.core.cloudtrail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the timestamps CloudTrail exports use. */
public final class Times {
  private Times() {}

  /**
   * {@code 2026-10-03T10:00:00Z} (fast path), ISO 8601 expanded years ({@code -0044-03-15T12:00:00Z},
   * {@code +10000-01-01T00:00:00Z}), fractional seconds, offsets, Lake's
   * {@code 2026-10-03 10:00:00.000} (UTC) and a date-time without zone (UTC). Null when none fits.
   */
  public static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    Instant wholeSecond = wholeSecondUtc(s, true);
    if (wholeSecond != null) {
      return wholeSecond;
    }
    String t = s.trim();
    int space = t.indexOf(' ');
    // Lake's "date time": the date may have an expanded year (-0044-03-15, +10000-01-01)
    if (space >= 10 && space == t.indexOf('-', t.indexOf('-', 1) + 1) + 3) {
      t = t.substring(0, space) + 'T' + t.substring(space + 1);
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The fast path for the shape almost every CloudTrail time has, {@code 2026-10-03T10:00:00Z},
   * without a DateTimeFormatter (it took a large share of an import and of decoding a case's
   * facts). Null when the text is not exactly that shape with a real date and time, for the
   * caller's general parse. Second 60 (a leap second) is read as 59 when {@code leapSecondAs59},
   * else it is left to the caller too.
   */
  public static Instant wholeSecondUtc(String s, boolean leapSecondAs59) {
    if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return null;
    }
    int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > java.time.YearMonth.of(y, mo).lengthOfMonth() || h < 0 || h > 23
        || mi < 0 || mi > 59 || se < 0 || se > (leapSecondAs59 ? 60 : 59)) {
      return null;
    }
    return Instant.ofEpochSecond(LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600 + mi * 60 + Math.min(se, 59));
  }

  /** The number written by {@code n} decimal digits at {@code from}; -1 when one is not a digit. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
