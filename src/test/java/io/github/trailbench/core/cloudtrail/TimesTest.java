package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
  @ParameterizedTest
  @ValueSource(strings = {"2026-10-03T10:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2000-12-31T12:34:56Z",
      "1969-07-20T20:17:40Z", "2099-01-01T00:00:01Z"})
  void theCommonFormIsTheInstantJavaTimeReads(String text) {
    assertThat(Times.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Test
  void aLeapSecondIsReadAsTheSecondBefore() {
    assertThat(Times.parse("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-10-03T24:00:00Z",
      "2026-10-03T10:60:00Z", "2026-10-0xT10:00:00Z", "not a time", ""})
  void impossibleDatesAndTimesAreNotRead(String text) {
    assertThat(Times.parse(text)).isNull();
  }

  @Test
  void otherFormsCloudTrailSourcesUse() {
    assertThat(Times.parse("2026-10-03T10:00:00.123Z")).isEqualTo(Instant.parse("2026-10-03T10:00:00.123Z"));
    assertThat(Times.parse("2026-10-03T12:00:00+02:00")).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
    assertThat(Times.parse("2026-10-03 10:00:00.000")).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
    assertThat(Times.parse("2026-10-03T10:00:00")).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
    assertThat(Times.parse(null)).isNull();
  }

  @Test
  void expandedYearsAreReadAsIso8601SaysNotAsYearsOfAnEra() {
    assertThat(Times.parse("-0044-03-15T12:00:00Z")).isEqualTo(Instant.parse("-0044-03-15T12:00:00Z"));
    assertThat(Times.parse("-0044-03-15T12:00:00Z").atZone(java.time.ZoneOffset.UTC).getYear()).isEqualTo(-44);
    assertThat(Times.parse("+10000-01-01T00:00:00Z")).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    assertThat(Times.parse("0000-01-01T00:00:00Z").toString()).isEqualTo("0000-01-01T00:00:00Z");
    assertThat(Times.parse("-0044-03-15 12:00:00.000")).isEqualTo(Instant.parse("-0044-03-15T12:00:00Z"));
    assertThat(Times.parse("-0044-03-15T12:00:00")).isEqualTo(Instant.parse("-0044-03-15T12:00:00Z"));
    assertThat(Times.parse("+10000-01-01 00:00:00")).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
  }

  /**
   * A pattern's {@code yyyy} is the year of the era: the year -44 (45 BC) prints as 0045. Every
   * time printed by Trailbench must use {@code uuuu} (the proleptic year, printed -0044 and +10000).
   */
  @Test
  void noPrintedTimeUsesTheYearOfEra() throws java.io.IOException {
    java.nio.file.Path main = java.nio.file.Path.of("src/main/java");
    java.util.List<String> offenders;
    try (var files = java.nio.file.Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return java.util.regex.Pattern.compile("ofPattern\\(\"[^\"]*y").matcher(java.nio.file.Files.readString(p)).find();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Object::toString).toList();
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void theWholeSecondFastPathReadsOnlyItsShapeAndLeavesTheRestToTheGeneralParse() {
    assertThat(Times.wholeSecondUtc("2026-10-03T10:00:07Z", false)).isEqualTo(Instant.parse("2026-10-03T10:00:07Z"));
    assertThat(Times.wholeSecondUtc("2024-02-29T23:59:59Z", false)).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    assertThat(Times.wholeSecondUtc("2026-02-29T00:00:00Z", false)).as("no such day").isNull();
    assertThat(Times.wholeSecondUtc("2026-10-03T10:00:07.5Z", false)).as("fractions: the general parse").isNull();
    assertThat(Times.wholeSecondUtc("2026-10-03 10:00:07Z", false)).isNull();
    assertThat(Times.wholeSecondUtc("2026-12-31T23:59:60Z", false)).as("a leap second, for the caller").isNull();
    assertThat(Times.wholeSecondUtc("2026-12-31T23:59:60Z", true)).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
  }
}
