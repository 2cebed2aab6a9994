package io.github.trailbench.core.findings;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a detection run.
 *
 * @param ipClassifier classifies source addresses for {@code ipClass} conditions
 * @param maxEventsPerFinding event evidence kept per finding (the earliest ones); the finding's
 *     {@code eventCount} still counts all. Bounds memory on huge cases.
 * @param clock gives the findings' {@code createdAt}
 * @param credentialAgeThreshold credential hygiene: a key or password older, or unused for
 *     longer, than this (measured back from the credential report's reference time) is reported
 */
public record DetectionOptions(
    IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock, Duration credentialAgeThreshold) {
  public static final int DEFAULT_MAX_EVENTS_PER_FINDING = 500;
  public static final Duration DEFAULT_CREDENTIAL_AGE_THRESHOLD = Duration.ofDays(90);

  public DetectionOptions {
    Objects.requireNonNull(ipClassifier, "ipClassifier");
    Objects.requireNonNull(clock, "clock");
    if (maxEventsPerFinding < 1) {
      throw new IllegalArgumentException("maxEventsPerFinding must be at least 1");
    }
    Objects.requireNonNull(credentialAgeThreshold, "credentialAgeThreshold");
    if (credentialAgeThreshold.isNegative() || credentialAgeThreshold.isZero()) {
      throw new IllegalArgumentException("credentialAgeThreshold must be positive");
    }
  }

  public DetectionOptions(IpClassifier ipClassifier, int maxEventsPerFinding, Clock clock) {
    this(ipClassifier, maxEventsPerFinding, clock, DEFAULT_CREDENTIAL_AGE_THRESHOLD);
  }

  public static DetectionOptions defaults() {
    return new DetectionOptions(IpClassifier.defaults(), DEFAULT_MAX_EVENTS_PER_FINDING, Clock.systemUTC());
  }

  public DetectionOptions withIpClassifier(IpClassifier c) {
    return new DetectionOptions(c, maxEventsPerFinding, clock, credentialAgeThreshold);
  }

  public DetectionOptions withMaxEventsPerFinding(int n) {
    return new DetectionOptions(ipClassifier, n, clock, credentialAgeThreshold);
  }

  public DetectionOptions withClock(Clock c) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, c, credentialAgeThreshold);
  }

  public DetectionOptions withCredentialAgeThreshold(Duration d) {
    return new DetectionOptions(ipClassifier, maxEventsPerFinding, clock, d);
  }
}
