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
  /** IAM began recording console password use on this day (credential report: password_last_used). */
  static final Instant PASSWORD_TRACKING_SINCE = Instant.parse("2014-10-20T00:00:00Z");
  /** IAM began recording access key use on this day (credential report: access_key_N_last_used_date). */
  static final Instant KEY_TRACKING_SINCE = Instant.parse("2015-04-22T00:00:00Z");

  private final Duration threshold;
  /** The case's calls signed with users' keys, to set against the report's unused keys; null when not given. */
  private LoggedKeyUses logged;

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
    return reference.isEmpty() ? List.of() : check(report, reference.get(), createdAt, true);
  }

  /** Findings for the report, ages measured from {@code reference} (e.g. the API's GeneratedTime). */
  public List<Finding> check(CredentialReport report, Instant reference, Instant createdAt) {
    return check(report, reference, createdAt, false);
  }

  private List<Finding> check(CredentialReport report, Instant reference, Instant createdAt, boolean lowerBound) {
    List<Finding> out = new ArrayList<>();
    for (CredentialReportRow row : report.rows()) {
      RowCheck c = new RowCheck(report.file(), row, reference, createdAt, out, lowerBound);
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
    return addTo(result, report, options, null);
  }

  /**
   * As {@link #addTo(DetectionResult, CredentialReport, DetectionOptions)}; an unused-key finding
   * also says when the case's trail shows the user's key used ({@code logged}, may be null).
   */
  public static DetectionResult addTo(DetectionResult result, CredentialReport report, DetectionOptions options,
      LoggedKeyUses logged) {
    if (report == null) {
      return result;
    }
    CredentialHygiene hygieneCheck = new CredentialHygiene(options);
    hygieneCheck.logged = logged;
    List<Finding> hygiene = hygieneCheck.check(report, options.clock().instant());
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
    /** The reference is only the latest time in the report, a lower bound of when it was made. */
    final boolean referenceIsLowerBound;

    RowCheck(String file, CredentialReportRow row, Instant reference, Instant createdAt, List<Finding> out,
        boolean referenceIsLowerBound) {
      this.file = file;
      this.row = row;
      this.reference = reference;
      this.createdAt = createdAt;
      this.out = out;
      this.referenceIsLowerBound = referenceIsLowerBound;
    }

    /** The root row's latest use (password or key). */
    Optional<Instant> rootLatest(CredentialReportRow r) {
      return Stream.of(r.passwordLastUsed(), r.accessKey1().lastUsedDate(), r.accessKey2().lastUsedDate())
          .flatMap(v -> v.value().stream()).max(Instant::compareTo);
    }

    void user() {
      // "IAM user root" and "the root user" must never read alike
      String who = "IAM user " + row.user();
      boolean password = isTrue(row.passwordEnabled());
      if (password && isFalse(row.mfaActive())) {
        raise(HygieneRule.NO_MFA, who + " has a console password and no MFA device (password "
            + lastUse(row.passwordLastUsed(), PASSWORD_TRACKING_SINCE, null) + ").");
      }
      // a credential set more recently than the threshold has not been unused for that long
      Optional<Instant> passwordSet = row.passwordLastChanged().value().or(() -> row.userCreationTime().value());
      if (password && passwordSet.map(this::olderThanThreshold).orElse(true)) {
        String unused = unusedFor(row.passwordLastUsed(), PASSWORD_TRACKING_SINCE, passwordSet.orElse(null));
        if (unused != null) {
          raise(HygieneRule.UNUSED_PASSWORD, who + "'s console password was " + unused + ".");
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
        String u = rotated.map(this::olderThanThreshold).orElse(true)
            ? unusedFor(k.lastUsedDate(), KEY_TRACKING_SINCE, rotated.orElse(null)) : null;
        if (u != null) {
          unused.add("access key " + k.slot() + " (rotated " + k.lastRotated().value().map(CredentialHygiene::day)
              .orElse(k.lastRotated().toString()) + ") was " + u);
        }
      }
      if (!old.isEmpty()) {
        raise(HygieneRule.OLD_ACCESS_KEY, who + "'s active " + String.join("; active ", old) + " (threshold "
            + threshold.toDays() + " days).");
      }
      if (!unused.isEmpty()) {
        raise(HygieneRule.UNUSED_ACCESS_KEY, who + "'s active " + String.join("; active ", unused) + "." + loggedUse());
      }
    }

    /**
     * What the case's trail says against the report's "unused": the user's latest call signed with
     * one of its keys (the report names no key ids, so not which slot), or nothing.
     */
    String loggedUse() {
      if (logged == null) {
        return "";
      }
      String account = row.arn() == null ? null : io.github.trailbench.core.model.Arn.accountOf(row.arn());
      return logged.latest(account == null || account.isEmpty() ? null : account, row.user())
          .map(u -> " The case's trail shows " + row.user() + "'s access key " + u.accessKeyId() + " used on " + u.time()
              + " (" + u.eventId() + ")" + (u.time().isAfter(reference) ? ", after the report: the report is older than that use"
                  : ", which the report does not show") + ".")
          .orElse("");
    }

    void root() {
      List<String> keys = new ArrayList<>();
      List<String> recent = new ArrayList<>();
      for (AccessKeyStatus k : List.of(row.accessKey1(), row.accessKey2())) {
        if (k.exists()) {
          keys.add("key " + k.slot() + " " + (isTrue(k.active()) ? "active" : "inactive") + ", rotated " + k.lastRotated()
              + ", " + lastUse(k.lastUsedDate(), KEY_TRACKING_SINCE, k.lastRotated().value().orElse(null)));
        }
        k.lastUsedDate().value().filter(t -> !olderThanThreshold(t))
            .ifPresent(t -> recent.add("access key " + k.slot() + " at " + t));
      }
      row.passwordLastUsed().value().filter(t -> !olderThanThreshold(t))
          .ifPresent(t -> recent.add(0, "password at " + t));
      if (!keys.isEmpty()) {
        raise(HygieneRule.ROOT_ACCESS_KEY, "The root user has an access key: " + String.join("; ", keys) + ".");
      }
      // a member account whose root user has no password (centralized root access removed it, or the account
      // was created without one) and no key has nothing MFA would protect
      if (isFalse(row.mfaActive()) && !(isFalse(row.passwordEnabled()) && keys.isEmpty())) {
        raise(HygieneRule.ROOT_NO_MFA, "The root user has no MFA device.");
      }
      // the reference is a lower bound of when the report was made: when the root user's own use is what sets it,
      // how long ago that use was is unknown, and calling it recent would be a guess
      boolean rootSetsReference = rootLatest(row).map(t -> !t.isBefore(reference)).orElse(false);
      if (!recent.isEmpty() && !(referenceIsLowerBound && rootSetsReference)) {
        raise(HygieneRule.ROOT_RECENTLY_USED, "The root user was used within " + threshold.toDays() + " days of "
            + day(reference) + ": last " + String.join(", ", recent) + ".");
      }
    }

    /**
     * Why a last-used cell counts as unused, or null when it was used within the threshold or is
     * not_supported. {@code trackedSince}: when IAM began recording this kind of use; {@code set}: when
     * the credential was created, if known (an N/A or no_information on a credential older than the
     * tracking may hide a use before it).
     */
    String unusedFor(ReportValue<Instant> lastUsed, Instant trackedSince, Instant set) {
      Optional<Instant> t = lastUsed.value();
      if (t.isPresent()) {
        return olderThanThreshold(t.get())
            ? "not used for " + days(t.get()) + " days (last used " + day(t.get()) + ")" : null;
      }
      NoValue reason = lastUsed.noValue().orElseThrow();
      return reason == NoValue.NOT_SUPPORTED ? null : noUse(reason, trackedSince, set);
    }

    /** A no-value last-used cell in words: never used, or not used since IAM began tracking such use. */
    String noUse(NoValue reason, Instant trackedSince, Instant set) {
      boolean maybeBefore = reason == NoValue.NO_INFORMATION || set == null || set.isBefore(trackedSince);
      if (reason == NoValue.NOT_APPLICABLE && !maybeBefore) {
        return "never used";
      }
      return "not used on record (" + (reason == NoValue.NOT_APPLICABLE ? "N/A" : "no_information") + ": no use recorded since IAM"
          + " began tracking it on " + day(trackedSince) + ")";
    }

    String lastUse(ReportValue<Instant> lastUsed, Instant trackedSince, Instant set) {
      Optional<Instant> t = lastUsed.value();
      if (t.isPresent()) {
        return "last used " + t.get();
      }
      NoValue reason = lastUsed.noValue().orElseThrow();
      return reason == NoValue.NOT_SUPPORTED ? "last use not reported" : noUse(reason, trackedSince, set);
    }

    boolean olderThanThreshold(Instant t) {
      return days(t) > threshold.toDays();
    }

    /** Whole calendar days (UTC) from {@code t} to the reference: the difference of the dates a summary prints. */
    long days(Instant t) {
      return java.time.temporal.ChronoUnit.DAYS.between(t.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
          reference.atZone(java.time.ZoneOffset.UTC).toLocalDate());
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
