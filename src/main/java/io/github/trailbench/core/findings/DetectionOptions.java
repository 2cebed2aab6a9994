package io.github.trailbench.core.findings;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a detection run.
 *
 * @param ipClassifier classifies source addresses for {@code ipClass} conditions
 * @param maxEventsPerFinding event evidence kept per finding (the earliest ones); the finding's
 *     {@code eventCount} still counts all. Bounds memory on huge cases.
 * @param clock gives the findings' {@code createdAt}
 */
public record DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock) {
  public static final int DEFAULT_MAX_EVENTS_PER_FINDING = 500;

  public DetectionOptions {
    Objects.requireNonNull(ipClassifier, "ipClassifier");
    Objects.requireNonNull(clock, "clock");
    if (maxEventsPerFinding < 1) {
      throw new IllegalArgumentException("maxEventsPerFinding must be at least 1");
    }
  }

  public static DetectionOptions defaults() {
    return new DetectionOptions(IpClassifier.defaults(), DEFAULT_MAX_EVENTS_PER_FINDING, Clock.systemUTC());
  }

  public DetectionOptions withIpClassifier(IpClassifier c) {
    return new DetectionOptions(c, maxEventsPerFinding, clock);
  }

  public DetectionOptions withMaxEventsPerFinding(int n) {
    return new DetectionOptions(ipClassifier, n, clock);
  }

  public DetectionOptions withClock(Clock c) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, c);
  }
}
