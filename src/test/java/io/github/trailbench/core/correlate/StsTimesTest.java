package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StsTimesTest {
  /**
   * The forms CloudTrail logs credentials.expiration in: most records "Nov 20, 2026, 6:00:00 PM"; the CloudTrail
   * userIdentity page's AssumeRole example "Jan 22, 2021 12:46:28 AM" (no comma after the year); ISO-8601.
   */
  @Test
  void everyLoggedFormIsRead() {
    assertThat(StsTimes.expiration("Nov 20, 2026, 6:00:00 PM")).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
    assertThat(StsTimes.expiration("Nov 20, 2026 6:00:00 PM")).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
    assertThat(StsTimes.expiration("Jan 22, 2021 12:46:28 AM")).isEqualTo(Instant.parse("2021-01-22T00:46:28Z"));
    assertThat(StsTimes.expiration("2026-11-20T18:00:00Z")).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
    assertThat(StsTimes.expiration("20/11/2026 18:00")).isNull();
  }

  /** An expiration in no known form leaves a later call's expiry unknown, not passed; within 15 minutes it cannot have. */
  @Test
  void anUnreadExpirationIsAGapAfterTheShortestSession() {
    IssuedKey k = new IssuedKey(null, "AssumeRole", Instant.parse("2026-11-20T17:00:00Z"), null, false, "20/11/2026 18:00", null, false);
    assertThat(k.mayHaveExpiredUnread(Instant.parse("2026-11-20T17:10:00Z"))).isFalse();
    assertThat(k.mayHaveExpiredUnread(Instant.parse("2026-11-20T20:00:00Z"))).isTrue();
    IssuedKey chained = new IssuedKey(null, "AssumeRole", Instant.parse("2026-11-20T17:00:00Z"), null, true, "?", null, false);
    assertThat(chained.mayHaveExpiredUnread(Instant.parse("2026-11-20T19:00:00Z"))).as("past the chained hour: expired")
        .isFalse();
    assertThat(new IssuedKey(null, "AssumeRole", Instant.parse("2026-11-20T17:00:00Z"), Instant.parse("2026-11-20T18:00:00Z"),
        false).mayHaveExpiredUnread(Instant.parse("2026-11-20T17:30:00Z"))).isFalse();
  }
}
