package io.github.trailbench.core.correlate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The times STS responses carry as CloudTrail logs them: {@code credentials.expiration} is
 * "Nov 20, 2026, 11:01:00 AM" (UTC) in most records, "Jan 22, 2021 12:46:28 AM" (no comma after
 * the year) in the CloudTrail userIdentity page's own AssumeRole example, and ISO-8601 in some.
 */
public final class StsTimes {
  private static final List<DateTimeFormatter> LOGGED = List.of(
      DateTimeFormatter.ofPattern("MMM d, uuuu, h:mm:ss a", Locale.US),
      DateTimeFormatter.ofPattern("MMM d, uuuu h:mm:ss a", Locale.US));

  private StsTimes() {}

  /** The instant of a logged expiration; null when absent or in none of the forms. */
  public static Instant expiration(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    for (DateTimeFormatter form : LOGGED) {
      try {
        return LocalDateTime.parse(t, form).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notThisForm) {
        // the next form
      }
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException notIso) {
      try {
        return java.time.OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException none) {
        return null;
      }
    }
  }
}
