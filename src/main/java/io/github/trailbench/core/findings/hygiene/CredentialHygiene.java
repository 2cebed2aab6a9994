package io.github.trailbench.core.findings.hygiene;

import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.model.iam.AccessKeyStatus;
import io.github.trailbench.core.model.iam.CertificateStatus;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.CredentialReportRow;
import io.github.trailbench.core.model.iam.NoValue;
import io.github.trailbench.core.model.iam.ReportValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Credential hygiene: the {@link HygieneRule}s over an IAM credential report, as findings (one per
 * rule per user, stable ids). Ages are measured back from the report's {@link #referenceTime
 * reference time}, never from the wall clock, so the same report gives the same findings on any
 * day.
 *
 * <p>The report's no-value tokens are read as AWS documents them: {@code N/A} on a last-used date
 * means never used; {@code no_information} on a last-used date means no use on record since IAM
 * began tracking (October 2014 for passwords), which is older than any threshold; {@code N/A} or
 * {@code no_information} where an age or a yes/no is needed (rotation date, MFA, password enabled)
 * means unknown, and an unknown never raises a finding; {@code not_supported} means the field does
 * not exist for that principal (the root user's password fields), so no rule reads it.
 */
public final class CredentialHygiene {
  private final Duration threshold;

  public CredentialHygiene(Duration threshold) {
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive");
    }
  }

  public CredentialHygiene(DetectionOptions options) {
    this(options.credentialAgeThreshold());
  }

  public Duration threshold() {
    return threshold;
  }

  /**
   * The time a report's ages are measured from. The decoded CSV carries no generation time (the
   * API's {@code GeneratedTime} is outside it), so this is the latest past-tense timestamp in the
   * report — creation, password use and change, key rotation and use, certificate rotation — a
   * lower bound of when it was generated. {@code password_next_rotation} is a future date and is
   * not used. Empty when the report holds no timestamp at all.
   */
  public static Optional<Instant> referenceTime(CredentialReport report) {
    return report.rows().stream().flatMap(CredentialHygiene::pastTimes).max(Instant::compareTo);
  }

  private static Stream<Instant> pastTimes(CredentialReportRow r) {
    List<ReportValue<Instant>> cells = new ArrayList<>(Arrays.asList(r.userCreationTime(), r.passwordLastUsed(),
        r.passwordLastChanged()));
    for (AccessKeyStatus k : List.of(r.accessKey1(), r.accessKey2())) {
      cells.add(k.lastRotated());
      cells.add(k.lastUsedDate());
    }
    for (CertificateStatus c : List.of(r.cert1(), r.cert2())) {
      cells.add(c.lastRotated());
    }
    return cells.stream().filter(Objects::nonNull).flatMap(v -> v.value().stream());
  }

  /** Findings for the report, ages measured from {@link #referenceTime}. */
  public List<Finding> check(CredentialReport report, Instant createdAt) {
    Optional<Instant> reference = referenceTime(report);
    return reference.isEmpty() ? List.of() : check(report, reference.get(), createdAt);
  }

  /** Findings for the report, ages measured from {@code reference} (e.g. the API's GeneratedTime). */
  public List<Finding> check(CredentialReport report, Instant reference, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (CredentialReportRow row : report.rows()) {
      RowCheck c = new RowCheck(report.file(), row, reference, createdAt, out);
      if (row.isRoot()) {
        c.root();
      } else {
        c.user();
      }
    }
    out.sort(Finding.ORDER);
    return out;
  }

  /**
   * The detection result with the report's hygiene findings added (in {@link Finding#ORDER}) and the
   * hygiene rule ids appended to {@code rulesRun}; unchanged when there is no report.
   */
  public static DetectionResult addTo(DetectionResult result, CredentialReport report, DetectionOptions options) {
    if (report == null) {
      return result;
    }
    List<Finding> hygiene = new CredentialHygiene(options).check(report, options.clock().instant());
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(hygiene);
    all.sort(Finding.ORDER);
    List<String> rules = new ArrayList<>(result.rulesRun());
    for (HygieneRule r : HygieneRule.values()) {
      if (r != HygieneRule.UNUSED_SERVICES) {
        rules.add(r.id());
      }
    }
    return new DetectionResult(all, result.eventsScanned(), result.outOfOrderEvents(), result.firstEvent(),
        result.lastEvent(), rules);
  }

  /** The rules applied to one row. */
  private final class RowCheck {
    final String file;
    final CredentialReportRow row;
    final Instant reference;
    final Instant createdAt;
    final List<Finding> out;

    RowCheck(String file, CredentialReportRow row, Instant reference, Instant createdAt, List<Finding> out) {
      this.file = file;
      this.row = row;
      this.reference = reference;
      this.createdAt = createdAt;
      this.out = out;
    }

    void user() {
      boolean password = isTrue(row.passwordEnabled());
      if (password && isFalse(row.mfaActive())) {
        raise(HygieneRule.NO_MFA, row.user() + " has a console password and no MFA device (password "
            + lastUse(row.passwordLastUsed()) + ").");
      }
      if (password) {
        String unused = unusedFor(row.passwordLastUsed());
        if (unused != null) {
          raise(HygieneRule.UNUSED_PASSWORD, row.user() + "'s console password was " + unused + ".");
        }
      }
      List<String> old = new ArrayList<>();
      List<String> unused = new ArrayList<>();
      for (AccessKeyStatus k : List.of(row.accessKey1(), row.accessKey2())) {
        if (!isTrue(k.active())) {
          continue;
        }
        Optional<Instant> rotated = k.lastRotated().value();
        if (rotated.isPresent() && olderThanThreshold(rotated.get())) {
          old.add("access key " + k.slot() + " was last rotated " + day(rotated.get()) + ", " + days(rotated.get())
              + " days before " + day(reference));
        }
        String u = unusedFor(k.lastUsedDate());
        if (u != null) {
          unused.add("access key " + k.slot() + " (rotated " + k.lastRotated().value().map(CredentialHygiene::day)
              .orElse(k.lastRotated().toString()) + ") was " + u);
        }
      }
      if (!old.isEmpty()) {
        raise(HygieneRule.OLD_ACCESS_KEY, row.user() + "'s active " + String.join("; active ", old) + " (threshold "
            + threshold.toDays() + " days).");
      }
      if (!unused.isEmpty()) {
        raise(HygieneRule.UNUSED_ACCESS_KEY, row.user() + "'s active " + String.join("; active ", unused) + ".");
      }
    }

    void root() {
      List<String> keys = new ArrayList<>();
      List<String> recent = new ArrayList<>();
      for (AccessKeyStatus k : List.of(row.accessKey1(), row.accessKey2())) {
        if (k.exists()) {
          keys.add("key " + k.slot() + " " + (isTrue(k.active()) ? "active" : "inactive") + ", rotated " + k.lastRotated()
              + ", " + lastUse(k.lastUsedDate()));
        }
        k.lastUsedDate().value().filter(t -> !olderThanThreshold(t))
            .ifPresent(t -> recent.add("access key " + k.slot() + " at " + t));
      }
      row.passwordLastUsed().value().filter(t -> !olderThanThreshold(t))
          .ifPresent(t -> recent.add(0, "password at " + t));
      if (!keys.isEmpty()) {
        raise(HygieneRule.ROOT_ACCESS_KEY, "The root user has an access key: " + String.join("; ", keys) + ".");
      }
      if (isFalse(row.mfaActive())) {
        raise(HygieneRule.ROOT_NO_MFA, "The root user has no MFA device.");
      }
      if (!recent.isEmpty()) {
        raise(HygieneRule.ROOT_RECENTLY_USED, "The root user was used within " + threshold.toDays() + " days of "
            + day(reference) + ": last " + String.join(", ", recent) + ".");
      }
    }

    /** Why a last-used cell counts as unused, or null when it was used within the threshold or is not_supported. */
    String unusedFor(ReportValue<Instant> lastUsed) {
      Optional<Instant> t = lastUsed.value();
      if (t.isPresent()) {
        return olderThanThreshold(t.get())
            ? "not used for " + days(t.get()) + " days (last used " + day(t.get()) + ")" : null;
      }
      NoValue reason = lastUsed.noValue().orElseThrow();
      return switch (reason) {
        case NOT_APPLICABLE -> "never used";
        case NO_INFORMATION -> "not used on record (no_information: no use since IAM began tracking)";
        case NOT_SUPPORTED -> null;
      };
    }

    String lastUse(ReportValue<Instant> lastUsed) {
      Optional<Instant> t = lastUsed.value();
      if (t.isPresent()) {
        return "last used " + t.get();
      }
      return lastUsed.noValue().orElseThrow() == NoValue.NOT_APPLICABLE ? "never used" : "last use " + lastUsed;
    }

    boolean olderThanThreshold(Instant t) {
      return Duration.between(t, reference).compareTo(threshold) > 0;
    }

    long days(Instant t) {
      return Duration.between(t, reference).toDays();
    }

    void raise(HygieneRule rule, String summary) {
      List<Evidence> evidence = List.of(new Evidence.Principal(row.arn()),
          new Evidence.Reference(Evidence.ReferenceKind.OTHER, "credential-report:" + file + "#row" + row.row(),
              "credential report " + file + ", row " + row.row() + " (" + row.user() + "); ages measured from "
                  + reference));
      out.add(new Finding(Finding.idFor(rule.id(), row.arn()), rule.id(), rule.title(), rule.severity(),
          FindingStatus.OPEN, summary, rule.description(), "", evidence, 0, null, null, createdAt, rule.references()));
    }
  }

  private static boolean isTrue(ReportValue<Boolean> v) {
    return v != null && v.value().orElse(false);
  }

  private static boolean isFalse(ReportValue<Boolean> v) {
    return v != null && v.value().map(b -> !b).orElse(false);
  }

  private static String day(Instant t) {
    return t.toString().substring(0, 10);
  }
}
