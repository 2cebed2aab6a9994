package io.github.trailbench.core.model.iam;

import java.time.Instant;

/**
 * One access-key slot (1 or 2) of a credential report row. The report does not carry the
 * key id; {@code lastUsedDate} is {@code N/A} for a key never used.
 */
public record AccessKeyStatus(
    int slot,
    ReportValue<Boolean> active,
    ReportValue<Instant> lastRotated,
    ReportValue<Instant> lastUsedDate,
    ReportValue<String> lastUsedRegion,
    ReportValue<String> lastUsedService) {

  /** True when the report says this slot holds an active key. */
  public boolean isActive() {
    return active.value().orElse(false);
  }

  /** True when the slot holds (or held) a key: it has a rotation date. */
  public boolean exists() {
    return lastRotated.isPresent() || isActive();
  }
}
