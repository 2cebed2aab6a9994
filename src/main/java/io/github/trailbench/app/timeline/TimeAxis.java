package io.github.trailbench.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Dated ticks for a time axis: a step from a fixed ladder (1 s … 7 days) so that at most
 * {@code maxTicks} fit, ticks on round times of the chosen zone, and labels that say the date
 * where it changes and the clock time in between.
 */
public final class TimeAxis {
  /** One tick: where it is and what it says. */
  public record Tick(Instant at, String label) {}

  static final List<Duration> STEPS = List.of(
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
      Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30),
      Duration.ofDays(91), Duration.ofDays(365));

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter DAY_MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss");

  private TimeAxis() {}

  /** The step for {@code [from, to)}: the smallest of the ladder that gives at most {@code maxTicks} ticks. */
  static Duration step(Instant from, Instant to, int maxTicks) {
    long span = Math.max(1, Duration.between(from, to).toMillis());
    for (Duration d : STEPS) {
      if (span / d.toMillis() < maxTicks) {
        return d;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }

  /** The ticks within {@code [from, to]} in {@code zone}, at most about {@code maxTicks}. */
  public static List<Tick> ticks(Instant from, Instant to, ZoneId zone, int maxTicks) {
    List<Tick> out = new ArrayList<>();
    if (from == null || to == null || !from.isBefore(to) || maxTicks < 1) {
      return out;
    }
    Duration step = step(from, to, maxTicks);
    boolean days = step.toDays() >= 1;
    // ticks are whole multiples of the step since the zone's midnight (3 h: 00:00, 03:00, 06:00…)
    ZonedDateTime t = from.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    if (!days) {
      long since = Duration.between(t.toInstant(), from).toMillis();
      t = t.plus(Duration.ofMillis(Math.floorDiv(since, step.toMillis()) * step.toMillis()));
    }
    while (t.toInstant().isBefore(from)) {
      t = days ? t.plusDays(step.toDays()) : t.plus(step);
    }
    ZonedDateTime previous = null;
    while (!t.toInstant().isAfter(to)) {
      out.add(new Tick(t.toInstant(), label(t, previous, step)));
      previous = t;
      t = days ? t.plusDays(step.toDays()) : t.plus(step);
    }
    return out;
  }

  /** The date on the first tick and where the day changes, else the clock time. */
  private static String label(ZonedDateTime t, ZonedDateTime previous, Duration step) {
    if (step.toDays() >= 1) {
      return DAY.format(t);
    }
    boolean newDay = previous == null || !previous.toLocalDate().equals(t.toLocalDate());
    if (step.toSeconds() < 60) {
      return newDay ? DAY.format(t) + " " + SECOND.format(t) : SECOND.format(t);
    }
    return newDay ? DAY_MINUTE.format(t) : MINUTE.format(t);
  }
}
