package io.github.trailbench.core.findings.hygiene;

import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.iam.AccessAdvisor;
import io.github.trailbench.core.iam.ServiceLastAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link HygieneRule#UNUSED_SERVICES}: per user or role that an Access Advisor report covers, the
 * services it holds that Access Advisor shows not accessed within the threshold (90 days by
 * default), or not at all in its tracking period. Ages are measured from the report's
 * {@code JobCompletionDate}, never the wall clock, so a report gives the same finding on any day.
 */
public final class AccessAdvisorHygiene {
  private final Duration threshold;

  public AccessAdvisorHygiene(Duration threshold) {
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive");
    }
  }

  /** One finding per principal holding unused services, in {@link Finding#ORDER}. */
  public List<Finding> check(AccessAdvisor advisor, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (String principal : advisor.principals()) {
      List<String> unused = new ArrayList<>();
      Set<String> origins = new LinkedHashSet<>();
      Instant reported = null;
      for (ServiceLastAccess s : advisor.forPrincipal(principal)) {
        Instant asOf = s.reportedAt();
        if (s.lastAuthenticated().isEmpty()) {
          unused.add(s.service() + " (not accessed in the tracking period)");
        } else if (Duration.between(s.lastAuthenticated().get(), asOf).compareTo(threshold) > 0) {
          unused.add(s.service() + " (last " + s.lastDay() + ", " + Duration.between(s.lastAuthenticated().get(), asOf)
              .toDays() + " days before the report)");
        } else {
          continue;
        }
        origins.addAll(s.origins());
        reported = reported == null || asOf.isAfter(reported) ? asOf : reported;
      }
      if (unused.isEmpty()) {
        continue;
      }
      HygieneRule rule = HygieneRule.UNUSED_SERVICES;
      String name = principal.substring(principal.lastIndexOf('/') + 1);
      String summary = name + " holds " + unused.size() + " service(s) not used for " + threshold.toDays()
          + "+ days by IAM Access Advisor (report of " + reported.toString().substring(0, 10) + "): "
          + String.join(", ", unused) + ".";
      List<Evidence> evidence = List.of(new Evidence.Principal(principal),
          new Evidence.Reference(Evidence.ReferenceKind.OTHER, "access-advisor:" + principal,
              "IAM Access Advisor: " + String.join("; ", origins) + "; ages measured from the report's completion"));
      out.add(new Finding(Finding.idFor(rule.id(), principal), rule.id(), rule.title(), rule.severity(),
          FindingStatus.OPEN, summary, rule.description(), "", evidence, 0, null, null, createdAt, rule.references()));
    }
    out.sort(Finding.ORDER);
    return out;
  }

  /** The result with the unused-services findings added; unchanged when the case has no Access Advisor report. */
  public static DetectionResult addTo(DetectionResult result, AccessAdvisor advisor, DetectionOptions options) {
    if (advisor == null || advisor.isEmpty()) {
      return result;
    }
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(new AccessAdvisorHygiene(options.credentialAgeThreshold()).check(advisor, options.clock().instant()));
    all.sort(Finding.ORDER);
    List<String> rules = new ArrayList<>(result.rulesRun());
    rules.add(HygieneRule.UNUSED_SERVICES.id());
    return new DetectionResult(all, result.eventsScanned(), result.outOfOrderEvents(), result.firstEvent(),
        result.lastEvent(), rules);
  }
}
