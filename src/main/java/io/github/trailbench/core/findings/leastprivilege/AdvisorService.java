package io.github.trailbench.core.findings.leastprivilege;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A granted service as the trail and IAM Access Advisor each see it.
 *
 * @param service the IAM service prefix
 * @param status what the two together say
 * @param lastAuthenticated Access Advisor's last access, when its reports show one
 * @param reportedAt when the Access Advisor report was completed (ages are measured from here)
 * @param trailFirstUse the principal's first successful call of the service in the trail
 * @param trailLastUse its last one
 * @param kept granted actions the minimal policy keeps because Access Advisor shows them used
 *     (action level where {@code TrackedActionsLastAccessed} says, else the service's unused grants)
 */
public record AdvisorService(String service, Status status, Optional<Instant> lastAuthenticated, Instant reportedAt,
    Optional<Instant> trailFirstUse, Optional<Instant> trailLastUse, List<String> kept) {
  public AdvisorService {
    kept = List.copyOf(kept);
  }

  /** The closed set of verdicts. */
  public enum Status {
    /** The trail shows the principal using the service. */
    USED_IN_TRAIL,
    /** Unused in the trail, but Access Advisor shows an access in its tracking period. */
    USED_ACCORDING_TO_ACCESS_ADVISOR,
    /** Unused in the trail and, by Access Advisor, in its whole tracking period. */
    UNUSED
  }

  /** "used (Access Advisor, last 2026-09-21)", "used in the trail", "unused (Access Advisor: not in the tracking period)". */
  public String label() {
    return switch (status) {
      case USED_IN_TRAIL -> "used in the trail" + lastAuthenticated.map(t -> " (Access Advisor, last " + day(t) + ")").orElse("");
      case USED_ACCORDING_TO_ACCESS_ADVISOR -> "used (Access Advisor, last " + day(lastAuthenticated.orElseThrow()) + ")";
      case UNUSED -> "unused (Access Advisor: not accessed in the tracking period, report of " + day(reportedAt) + ")";
    };
  }

  static String day(Instant t) {
    return t.toString().substring(0, 10);
  }
}
