package io.github.trailbench.core.findings.hygiene;

import static io.github.trailbench.core.findings.hygiene.HygieneRulesTest.report;
import static io.github.trailbench.core.findings.hygiene.HygieneRulesTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.Severity;
import io.github.trailbench.core.model.iam.CredentialReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Audit of the credential hygiene rules against AWS's documentation of the credential report
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html) and
 * the Security Hub IAM controls (https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html).
 *
 * <p>Tests that fail on the code as audited are the confirmed problems; the others guard behaviour
 * that is right today.
 */
class HygieneAuditTest {
  static final Instant REF = HygieneRulesTest.REF; // 2026-10-08T00:00:00Z
  static final Instant CREATED = HygieneRulesTest.CREATED;

  static List<Finding> check(String... rows) throws Exception {
    return new CredentialHygiene(Duration.ofDays(90)).check(report(rows), REF, CREATED);
  }

  static Optional<Finding> only(List<Finding> findings, HygieneRule rule) {
    List<Finding> f = findings.stream().filter(x -> x.ruleId().equals(rule.id())).toList();
    assertThat(f).as("at most one %s finding", rule.id()).hasSizeLessThanOrEqualTo(1);
    return f.stream().findFirst();
  }

  static String at(String isoUtc) {
    return isoUtc.replace("Z", "+00:00");
  }

  // ------------------------------------------------------------------ 1. no-value tokens, wording

  /**
   * AWS: password_last_used is {@code no_information} when "the user's password has never been
   * used" or it "has not been used after IAM started tracking this information on October 20,
   * 2014". The no-MFA sentence must say that in words, not "password last use no_information".
   */
  @Test
  void noMfaSummaryDescribesANoInformationPasswordInWords() throws Exception {
    Finding f = only(check(user("bob", "password_enabled", "true", "password_last_used", "no_information",
        "mfa_active", "false")), HygieneRule.NO_MFA).orElseThrow();
    assertThat(f.summary()).startsWith("IAM user bob has a console password and no MFA device")
        .doesNotContain("last use no_information");
  }

  /** Same token, root key slot: "key 1 active, rotated …, last use no_information". */
  @Test
  void rootKeySummaryDescribesANoInformationLastUseInWords() throws Exception {
    Finding f = only(check(user("<root_account>", "access_key_1_active", "true",
        "access_key_1_last_rotated", at("2020-01-01T00:00:00Z"), "access_key_1_last_used_date", "no_information")),
        HygieneRule.ROOT_ACCESS_KEY).orElseThrow();
    assertThat(f.summary()).doesNotContain("last use no_information");
  }

  /**
   * AWS: access_key_N_last_used_date is {@code N/A} when the key "has never been used" or "has not
   * been used after IAM started tracking this information on April 22, 2015". A key created in 2014
   * with N/A may have been used before that date, so the finding must not state "never used".
   */
  @Test
  void anNaLastUseOfAKeyCreatedBeforeApril2015IsNotCalledNeverUsed() throws Exception {
    Finding f = only(check(user("legacy", "user_creation_time", at("2013-05-01T00:00:00Z"),
        "access_key_1_active", "true", "access_key_1_last_rotated", at("2014-06-01T00:00:00Z"),
        "access_key_1_last_used_date", "N/A")), HygieneRule.UNUSED_ACCESS_KEY).orElseThrow();
    assertThat(f.summary()).as("N/A on a pre-2015-04-22 key").doesNotEndWith("was never used.");
  }

  /** Same for the root user's key (its summary says "never used" for N/A too). */
  @Test
  void anNaLastUseOfARootKeyCreatedBeforeApril2015IsNotCalledNeverUsed() throws Exception {
    Finding f = only(check(user("<root_account>", "user_creation_time", at("2012-01-01T00:00:00Z"),
        "access_key_1_active", "true", "access_key_1_last_rotated", at("2013-03-01T00:00:00Z"),
        "access_key_1_last_used_date", "N/A")), HygieneRule.ROOT_ACCESS_KEY).orElseThrow();
    assertThat(f.summary()).doesNotContain("never used");
  }

  /** The no_information wording of the unused-key rule is true (no use on record): guard. */
  @Test
  void unusedKeyWithNoInformationSaysNoUseOnRecord() throws Exception {
    Finding f = only(check(user("k", "access_key_1_active", "true", "access_key_1_last_rotated",
        at("2026-01-01T00:00:00Z"), "access_key_1_last_used_date", "no_information")),
        HygieneRule.UNUSED_ACCESS_KEY).orElseThrow();
    assertThat(f.summary()).contains("not used on record").doesNotContain("never used");
  }

  // ------------------------------------------------------------------ 1. fires / stays quiet

  /** AWS: password_enabled FALSE means no password; no console password, no no-MFA finding. */
  @Test
  void aUserWithoutAPasswordIsNotRaisedForMissingMfaOrAnUnusedPassword() throws Exception {
    assertThat(check(user("ci", "password_enabled", "false", "password_last_used", "N/A",
        "password_last_changed", "N/A", "mfa_active", "false"))).isEmpty();
  }

  /** An inactive key, however old and unused, is neither "not rotated" nor "unused" (IAM.3/IAM.8 judge active keys). */
  @Test
  void anInactiveOldNeverUsedKeyRaisesNothing() throws Exception {
    assertThat(check(user("old", "access_key_1_active", "false", "access_key_1_last_rotated",
        at("2019-01-01T00:00:00Z"), "access_key_1_last_used_date", "N/A",
        "password_enabled", "false"))).isEmpty();
  }

  /** The root row is judged by the root rules only, whatever its not_supported password fields say. */
  @Test
  void theRootRowIsNeverJudgedByTheUserRules() throws Exception {
    List<Finding> f = check(user("<root_account>", "mfa_active", "false", "password_last_used", "no_information",
        "access_key_1_active", "true", "access_key_1_last_rotated", at("2019-01-01T00:00:00Z"),
        "access_key_1_last_used_date", "N/A"));
    assertThat(f).extracting(Finding::ruleId).containsExactlyInAnyOrder("hygiene-root-access-key",
        "hygiene-root-no-mfa");
  }

  /** Certificates are only read for the reference time: an old active cert raises nothing. */
  @Test
  void signingCertificatesRaiseNoKeyFinding() throws Exception {
    assertThat(check(user("certs", "cert_1_active", "true", "cert_1_last_rotated", at("2018-01-01T00:00:00Z"))))
        .isEmpty();
  }

  /**
   * AWS: password_enabled is FALSE "for new member accounts created as part of your organization as
   * they have no root user credentials by default" (and centralised root access deletes them). With
   * no password and no key, "its password alone gives unrestricted control of the account" is false.
   */
  @Test
  void aRootUserWithoutAnyCredentialIsNotReportedAsControlledByItsPasswordAlone() throws Exception {
    List<Finding> f = check(user("<root_account>", "password_enabled", "false", "password_last_used", "N/A",
        "mfa_active", "false"));
    assertThat(f).filteredOn(x -> x.ruleId().equals(HygieneRule.ROOT_NO_MFA.id()))
        .noneSatisfy(x -> assertThat(x.description() + " " + x.summary()).contains("password alone"));
  }

  /**
   * IAM.8 / IAM.22 and the Config rule iam-user-unused-credentials-check judge credentials "not used
   * within the specified number of days". A key created two days before the report has not been
   * unused for 90 days.
   */
  @Test
  void aKeyCreatedTwoDaysBeforeTheReportAndNotYetUsedIsNotUnusedForNinetyDays() throws Exception {
    List<Finding> f = check(user("new-ci", "user_creation_time", at("2026-10-05T23:00:00Z"),
        "access_key_1_active", "true", "access_key_1_last_rotated", at("2026-10-06T00:00:00Z"),
        "access_key_1_last_used_date", "N/A"));
    assertThat(f).extracting(Finding::ruleId).doesNotContain(HygieneRule.UNUSED_ACCESS_KEY.id());
  }

  /** Same for a console password set two days before the report and not yet used. */
  @Test
  void aPasswordSetTwoDaysBeforeTheReportAndNotYetUsedIsNotUnusedForNinetyDays() throws Exception {
    List<Finding> f = check(user("new-hire", "user_creation_time", at("2026-10-05T23:00:00Z"),
        "password_enabled", "true", "password_last_used", "no_information",
        "password_last_changed", at("2026-10-06T00:00:00Z"), "mfa_active", "true"));
    assertThat(f).extracting(Finding::ruleId).doesNotContain(HygieneRule.UNUSED_PASSWORD.id());
  }

  // ------------------------------------------------------------------ 2. thresholds and dates

  /** A report generated in 2016 is judged at its own time, not at the machine's clock (2026). */
  @Test
  void aReportGeneratedYearsAgoIsJudgedAtItsOwnTimeNotTheClock() throws Exception {
    CredentialReport r = report(
        user("old-key", "user_creation_time", at("2015-06-01T00:00:00Z"), "access_key_1_active", "true",
            "access_key_1_last_rotated", at("2016-01-01T00:00:00Z"),
            "access_key_1_last_used_date", at("2016-06-30T12:00:00Z")),
        user("fresh-key", "user_creation_time", at("2015-06-01T00:00:00Z"), "access_key_1_active", "true",
            "access_key_1_last_rotated", at("2016-05-01T00:00:00Z"),
            "access_key_1_last_used_date", at("2016-06-29T00:00:00Z")));
    DetectionOptions options = DetectionOptions.defaults()
        .withClock(Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
    DetectionResult result = CredentialHygiene.addTo(new DetectionResult(List.of(), 0, 0, null, null, List.of()), r,
        options);
    assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("hygiene-old-access-key");
    assertThat(result.findings().get(0).summary())
        .isEqualTo("IAM user old-key's active access key 1 was last rotated 2016-01-01, 181 days before 2016-06-30"
            + " (threshold 90 days).");
  }

  /**
   * "Rotated 2026-07-09, 90 days before 2026-10-08 (threshold 90 days)": the dates printed are 91
   * calendar days apart and "90 days" is not over a 90-day threshold. The sentence's numbers must
   * agree with its dates and with why it was raised.
   */
  @Test
  void theDayCountInASummaryAgreesWithTheDatesItPrints() throws Exception {
    Instant ref = Instant.parse("2026-10-08T00:30:00Z");
    CredentialReport r = report(user("edge", "access_key_1_active", "true",
        "access_key_1_last_rotated", at("2026-07-09T23:00:00Z"), "access_key_1_last_used_date", at("2026-10-08T00:30:00Z")));
    Finding f = only(new CredentialHygiene(Duration.ofDays(90)).check(r, ref, CREATED), HygieneRule.OLD_ACCESS_KEY)
        .orElseThrow();
    Matcher m = Pattern.compile("last rotated (\\d{4}-\\d{2}-\\d{2}), (\\d+) days before (\\d{4}-\\d{2}-\\d{2})")
        .matcher(f.summary());
    assertThat(m.find()).as(f.summary()).isTrue();
    long printed = Long.parseLong(m.group(2));
    long calendar = ChronoUnit.DAYS.between(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(3)));
    assertThat(printed).as(f.summary()).isEqualTo(calendar).isGreaterThan(90);
  }

  /**
   * docs/detections.md: the reference is a lower bound of the generation time, "so ages are
   * understated … findings err towards fewer, never more". For hygiene-root-recently-used an
   * understated age means MORE findings: when root's 2019 sign-in is the latest time in a report
   * AWS generated in 2026, the lower bound calls it recent. Judged at the true GeneratedTime it is not.
   */
  @Test
  void theLowerBoundReferenceNeverRaisesMoreThanTheTrueGenerationTime() throws Exception {
    CredentialReport r = report(
        user("<root_account>", "user_creation_time", at("2015-01-01T00:00:00Z"), "mfa_active", "true",
            "password_last_used", at("2019-05-01T10:00:00Z")),
        user("alice", "user_creation_time", at("2016-01-01T00:00:00Z"), "password_enabled", "true",
            "password_last_used", at("2019-04-30T09:00:00Z"), "mfa_active", "true"));
    Instant generated = Instant.parse("2026-10-08T00:00:00Z"); // the API's GeneratedTime
    List<String> atLowerBound = new CredentialHygiene(Duration.ofDays(90)).check(r, CREATED).stream()
        .map(Finding::ruleId).toList();
    List<String> atGenerated = new CredentialHygiene(Duration.ofDays(90)).check(r, generated, CREATED).stream()
        .map(Finding::ruleId).toList();
    assertThat(atGenerated).doesNotContain(HygieneRule.ROOT_RECENTLY_USED.id());
    assertThat(atGenerated).as("findings at the lower bound %s must be a subset", atLowerBound)
        .containsAll(atLowerBound);
  }

  // ------------------------------------------------------------------ 3. severity vs Security Hub

  /** IAM.4 (root access key) and IAM.9/IAM.6 (root MFA) are Critical; IAM.3 stale key Medium. */
  @Test
  void rootKeyAndRootWithoutMfaAreCriticalAndAboveAStaleUserKey() {
    assertThat(HygieneRule.ROOT_ACCESS_KEY.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(HygieneRule.ROOT_NO_MFA.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(HygieneRule.OLD_ACCESS_KEY.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(HygieneRule.UNUSED_ACCESS_KEY.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(HygieneRule.ROOT_ACCESS_KEY.severity()).isLessThan(HygieneRule.OLD_ACCESS_KEY.severity());
  }

  /** IAM.5 (console password without MFA) is Medium: the product's High is not below it. */
  @Test
  void userWithoutMfaIsAtLeastAsSevereAsSecurityHubIam5() {
    assertThat(HygieneRule.NO_MFA.severity()).isLessThanOrEqualTo(Severity.MEDIUM);
  }

  /**
   * IAM.8 ("Unused IAM user credentials should be removed", Medium) and IAM.22 (Medium) rate unused
   * passwords and unused access keys alike; the product rates the unused password Low.
   */
  @Test
  void anUnusedPasswordIsRatedLikeAnUnusedKeyAsSecurityHubIam8Does() {
    assertThat(HygieneRule.UNUSED_PASSWORD.severity()).isEqualTo(HygieneRule.UNUSED_ACCESS_KEY.severity());
  }
}
