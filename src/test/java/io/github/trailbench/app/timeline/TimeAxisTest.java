package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.timeline.TimeAxis.Tick;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {
  private static final Instant NINE = Instant.parse("2026-10-03T09:00:00Z");

  @Test
  void fourHoursGetHourlyTicksOnTheHourWithTheDateOnTheFirst() {
    List<Tick> ticks = TimeAxis.ticks(Instant.parse("2026-10-03T08:47:00Z"), Instant.parse("2026-10-03T13:10:00Z"), ZoneOffset.UTC, 8);
    assertThat(ticks).extracting(Tick::label).containsExactly("2026-10-03 09:00", "10:00", "11:00", "12:00", "13:00");
    assertThat(ticks.get(0).at()).isEqualTo(NINE);
  }

  @Test
  void ticksAreRoundTimesOfTheChosenZone() {
    List<Tick> ticks = TimeAxis.ticks(NINE, Instant.parse("2026-10-03T13:00:00Z"), ZoneId.of("Asia/Kolkata"), 8);
    // +05:30: 14:30 local is 09:00Z, the first round hour in Kolkata is 15:00 (09:30Z)
    assertThat(ticks).extracting(Tick::label).startsWith("2026-10-03 15:00", "16:00");
    assertThat(ticks.get(0).at()).isEqualTo(Instant.parse("2026-10-03T09:30:00Z"));
  }

  @Test
  void theDateIsWrittenAgainWhereTheDayChangesAndLongSpansShowDays() {
    List<Tick> ticks = TimeAxis.ticks(Instant.parse("2026-10-03T20:00:00Z"), Instant.parse("2026-10-04T04:00:00Z"), ZoneOffset.UTC, 6);
    assertThat(ticks).extracting(Tick::label).containsExactly("2026-10-03 21:00", "2026-10-04 00:00", "03:00");
    assertThat(TimeAxis.ticks(Instant.parse("2026-10-01T05:00:00Z"), Instant.parse("2026-10-05T00:00:00Z"), ZoneOffset.UTC, 5))
        .extracting(Tick::label).containsExactly("2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05");
  }

  @Test
  void aMinuteWindowGetsSecondsAndAnEmptyWindowNoTicks() {
    assertThat(TimeAxis.ticks(NINE, NINE.plusSeconds(60), ZoneOffset.UTC, 7)).extracting(Tick::label)
        .containsExactly("2026-10-03 09:00:00", "09:00:10", "09:00:20", "09:00:30", "09:00:40", "09:00:50", "09:01:00");
    assertThat(TimeAxis.ticks(NINE, NINE, ZoneOffset.UTC, 7)).isEmpty();
  }
}
