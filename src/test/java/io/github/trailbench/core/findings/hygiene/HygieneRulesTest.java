package io.github.trailbench.core.findings.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each hygiene rule with rows that must raise it and rows that must not (boundaries, N/A, no_information). */
class HygieneRulesTest {
  static final Instant REF = Instant.parse("2026-10-08T00:00:00Z");
  static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
  static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
      + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
      + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
      + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
      + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

  /** A row of a user with no password, no keys and MFA; {@code set} overrides columns by name. */
  static String user(String name, String... set) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (String column : HEADER.split(",")) {
      cells.put(column, "N/A");
    }
    cells.put("user", name);
    cells.put("arn", name.equals("<root_account>") ? "arn:aws:iam::111122223333:root" : "arn:aws:iam::111122223333:user/" + name);
    cells.put("user_creation_time", "2024-01-01T00:00:00+00:00");
    cells.put("password_enabled", "false");
    cells.put("mfa_active", "true");
    for (String c : List.of("access_key_1_active", "access_key_2_active", "cert_1_active", "cert_2_active")) {
      cells.put(c, "false");
    }
    if (name.equals("<root_account>")) {
      for (String c : List.of("password_enabled", "password_last_changed", "password_next_rotation")) {
        cells.put(c, "not_supported");
      }
    }
    for (int i = 0; i < set.length; i += 2) {
      if (!cells.containsKey(set[i])) {
        throw new IllegalArgumentException("no column " + set[i]);
      }
      cells.put(set[i], set[i + 1]);
    }
    return String.join(",", cells.values());
  }

  /** {@code days} days before the reference time, as the report writes times. */
  static String daysBefore(long days) {
    return REF.minus(Duration.ofDays(days)).toString().replace("Z", "+00:00");
  }

  static CredentialReport report(String... rows) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.addAll(Arrays.asList(rows));
    return (CredentialReport) IamSources.read(IamSourceKind.CREDENTIAL_REPORT, "credential-report.csv",
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static List<Finding> check(String... rows) throws Exception {
    return new CredentialHygiene(Duration.ofDays(90)).check(report(rows), REF, CREATED);
  }

  static List<String> raised(HygieneRule rule, String... rows) throws Exception {
    return check(rows).stream().filter(f -> f.ruleId().equals(rule.id()))
        .flatMap(f -> f.principals().stream()).map(a -> a.substring(a.lastIndexOf(':') + 1)).toList();
  }

  @Nested
  class NoMfa {
    @Test
    void aPasswordWithoutMfaIsRaisedAndEverythingElseIsNot() throws Exception {
      assertThat(raised(HygieneRule.NO_MFA,
          user("bob", "password_enabled", "true", "password_last_used", daysBefore(1), "mfa_active", "false"),
          user("alice", "password_enabled", "true", "password_last_used", daysBefore(1), "mfa_active", "true"),
          user("ci", "password_enabled", "false", "mfa_active", "false"),
          user("unknown-mfa", "password_enabled", "true", "password_last_used", daysBefore(1), "mfa_active", "no_information"),
          user("unknown-password", "password_enabled", "no_information", "mfa_active", "false")))
          .containsExactly("user/bob");
    }

    @Test
    void theFindingNamesTheUserItsReportRowAndTheRule() throws Exception {
      Finding f = check(user("bob", "password_enabled", "true", "password_last_used", daysBefore(1), "mfa_active", "false"))
          .stream().filter(x -> x.ruleId().equals("hygiene-no-mfa")).findFirst().orElseThrow();
      assertThat(f.severity()).isEqualTo(HygieneRule.NO_MFA.severity());
      assertThat(f.title()).isEqualTo("Console password without MFA");
      assertThat(f.summary()).contains("bob", "no MFA");
      assertThat(f.id()).isEqualTo(Finding.idFor("hygiene-no-mfa", "arn:aws:iam::111122223333:user/bob"));
      assertThat(f.referencesToCase()).singleElement().satisfies(r -> assertThat(r.label()).contains("row 2"));
      assertThat(f.eventCount()).isZero();
      assertThat(f.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void theRootUserIsJudgedByTheRootRulesOnly() throws Exception {
      assertThat(check(user("<root_account>", "mfa_active", "false"))).extracting(Finding::ruleId)
          .containsExactly("hygiene-root-no-mfa");
    }
  }

  @Nested
  class OldAccessKey {
    @Test
    void anActiveKeyRotatedMoreThanNinetyDaysAgoIsRaised() throws Exception {
      assertThat(raised(HygieneRule.OLD_ACCESS_KEY,
          user("old", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(91),
              "access_key_1_last_used_date", daysBefore(1)),
          user("second-slot", "access_key_2_active", "true", "access_key_2_last_rotated", daysBefore(400),
              "access_key_2_last_used_date", daysBefore(1)),
          user("exactly-90", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(90),
              "access_key_1_last_used_date", daysBefore(1)),
          user("inactive", "access_key_1_active", "false", "access_key_1_last_rotated", daysBefore(400)),
          user("rotation-unknown", "access_key_1_active", "true", "access_key_1_last_rotated", "no_information",
              "access_key_1_last_used_date", daysBefore(1)),
          user("rotation-na", "access_key_1_active", "true", "access_key_1_last_rotated", "N/A",
              "access_key_1_last_used_date", daysBefore(1))))
          .containsExactlyInAnyOrder("user/old", "user/second-slot");
    }

    @Test
    void twoOldKeysOfOneUserAreOneFindingNamingBoth() throws Exception {
      List<Finding> f = check(user("two", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(100),
          "access_key_1_last_used_date", daysBefore(1), "access_key_2_active", "true",
          "access_key_2_last_rotated", daysBefore(200), "access_key_2_last_used_date", daysBefore(1)));
      assertThat(f).filteredOn(x -> x.ruleId().equals("hygiene-old-access-key")).singleElement()
          .satisfies(x -> assertThat(x.summary()).isEqualTo("IAM user two's active access key 1 was last rotated 2026-06-30, 100 days"
              + " before 2026-10-08; active access key 2 was last rotated 2026-03-22, 200 days before 2026-10-08"
              + " (threshold 90 days)."));
    }

    @Test
    void theThresholdComesFromTheOptions() throws Exception {
      String row = user("forty", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(40),
          "access_key_1_last_used_date", daysBefore(1));
      assertThat(new CredentialHygiene(Duration.ofDays(90)).check(report(row), REF, CREATED)).isEmpty();
      assertThat(new CredentialHygiene(DetectionOptions.defaults().withCredentialAgeThreshold(Duration.ofDays(30)))
          .check(report(row), REF, CREATED)).extracting(Finding::ruleId).containsExactly("hygiene-old-access-key");
    }
  }

  @Nested
  class UnusedAccessKey {
    @Test
    void neverUsedOrUnusedForMoreThanNinetyDaysIsRaised() throws Exception {
      assertThat(raised(HygieneRule.UNUSED_ACCESS_KEY,
          user("never", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200)),
          user("stale", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200),
              "access_key_1_last_used_date", daysBefore(91)),
          user("no-record", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200),
              "access_key_1_last_used_date", "no_information"),
          user("exactly-90", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200),
              "access_key_1_last_used_date", daysBefore(90)),
          user("recent", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200),
              "access_key_1_last_used_date", daysBefore(3)),
          user("inactive-never", "access_key_1_active", "false", "access_key_1_last_rotated", daysBefore(200)),
          // created 10 days before the report and not used yet: not unused for 90 days (Security Hub IAM.8)
          user("new", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(10))))
          .containsExactlyInAnyOrder("user/never", "user/stale", "user/no-record");
    }

    @Test
    void theSummarySaysWhichOfNeverUnusedOrNoInformation() throws Exception {
      List<Finding> f = check(
          user("never", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200)),
          user("stale", "access_key_2_active", "true", "access_key_2_last_rotated", daysBefore(200),
              "access_key_2_last_used_date", daysBefore(120)),
          user("no-record", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(200),
              "access_key_1_last_used_date", "no_information"));
      assertThat(f).filteredOn(x -> x.ruleId().equals(HygieneRule.UNUSED_ACCESS_KEY.id())).extracting(Finding::summary)
          .containsExactlyInAnyOrder(
          "IAM user never's active access key 1 (rotated 2026-03-22) was never used.",
          "IAM user stale's active access key 2 (rotated 2026-03-22) was not used for 120 days (last used 2026-06-10).",
          "IAM user no-record's active access key 1 (rotated 2026-03-22) was not used on record (no_information: no use"
              + " recorded since IAM began tracking it on 2015-04-22).");
    }
  }

  @Nested
  class UnusedPassword {
    @Test
    void neverUsedNoInformationOrStalePasswordsAreRaised() throws Exception {
      assertThat(raised(HygieneRule.UNUSED_PASSWORD,
          user("never", "password_enabled", "true", "password_last_used", "N/A"),
          user("since-2014", "password_enabled", "true", "password_last_used", "no_information"),
          user("stale", "password_enabled", "true", "password_last_used", daysBefore(91)),
          user("exactly-90", "password_enabled", "true", "password_last_used", daysBefore(90)),
          user("recent", "password_enabled", "true", "password_last_used", daysBefore(2)),
          user("no-password", "password_enabled", "false", "password_last_used", "N/A")))
          .containsExactlyInAnyOrder("user/never", "user/since-2014", "user/stale");
    }
  }

  @Nested
  class Root {
    @Test
    void rootAccessKeysActiveOrInactiveAreRaised() throws Exception {
      assertThat(raised(HygieneRule.ROOT_ACCESS_KEY,
          user("<root_account>", "access_key_2_active", "false", "access_key_2_last_rotated", daysBefore(500))))
          .containsExactly("root");
      assertThat(raised(HygieneRule.ROOT_ACCESS_KEY,
          user("<root_account>", "access_key_1_active", "true", "access_key_1_last_rotated", daysBefore(5))))
          .containsExactly("root");
      assertThat(raised(HygieneRule.ROOT_ACCESS_KEY, user("<root_account>"))).isEmpty();
    }

    @Test
    void rootWithoutMfaIsRaisedButUnknownMfaIsNot() throws Exception {
      assertThat(raised(HygieneRule.ROOT_NO_MFA, user("<root_account>", "mfa_active", "false"))).containsExactly("root");
      assertThat(raised(HygieneRule.ROOT_NO_MFA, user("<root_account>", "mfa_active", "true"))).isEmpty();
      assertThat(raised(HygieneRule.ROOT_NO_MFA, user("<root_account>", "mfa_active", "no_information"))).isEmpty();
    }

    @Test
    void rootUseWithinNinetyDaysIsRaisedIncludingTheBoundary() throws Exception {
      assertThat(raised(HygieneRule.ROOT_RECENTLY_USED, user("<root_account>", "password_last_used", daysBefore(6))))
          .containsExactly("root");
      assertThat(raised(HygieneRule.ROOT_RECENTLY_USED, user("<root_account>", "password_last_used", daysBefore(90))))
          .containsExactly("root");
      assertThat(raised(HygieneRule.ROOT_RECENTLY_USED, user("<root_account>", "password_last_used", daysBefore(91))))
          .isEmpty();
      assertThat(raised(HygieneRule.ROOT_RECENTLY_USED, user("<root_account>", "password_last_used", "no_information")))
          .isEmpty();
      assertThat(raised(HygieneRule.ROOT_RECENTLY_USED, user("<root_account>", "access_key_1_active", "false",
          "access_key_1_last_rotated", daysBefore(400), "access_key_1_last_used_date", daysBefore(30))))
          .containsExactly("root");
    }

    @Test
    void theRootPasswordFieldsThatAreNotSupportedRaiseNothing() throws Exception {
      assertThat(check(user("<root_account>", "password_last_used", daysBefore(200)))).isEmpty();
    }
  }

  @Nested
  class ReferenceTime {
    @Test
    void isTheLatestPastTimestampInTheReportNotTheNextRotationNorTheClock() throws Exception {
      CredentialReport r = report(
          user("a", "password_enabled", "true", "password_last_used", "2026-10-07T09:28:47+00:00",
              "password_next_rotation", "2027-01-01T00:00:00+00:00", "mfa_active", "true"),
          user("b", "access_key_1_active", "true", "access_key_1_last_rotated", "2025-02-11T09:31:20+00:00",
              "access_key_1_last_used_date", "2026-10-07T10:49:00+00:00"));
      assertThat(CredentialHygiene.referenceTime(r)).contains(Instant.parse("2026-10-07T10:49:00Z"));
      // b's key: 603 days old at the report's time, whatever today is
      assertThat(new CredentialHygiene(Duration.ofDays(90)).check(r, CREATED)).singleElement()
          .satisfies(f -> assertThat(f.summary()).contains("603 days before 2026-10-07"));
    }

    @Test
    void aReportWithoutTimesGivesNoFindings() throws Exception {
      CredentialReport r = report(user("x", "user_creation_time", "no_information", "password_enabled", "true",
          "mfa_active", "false"));
      assertThat(CredentialHygiene.referenceTime(r)).isEmpty();
      assertThat(new CredentialHygiene(Duration.ofDays(90)).check(r, CREATED)).isEmpty();
    }
  }

  @Test
  void addToMergesIntoADetectionResultAndNoReportChangesNothing() throws Exception {
    DetectionResult empty = new DetectionResult(List.of(), 0, 0, null, null, List.of("root-account-use"));
    assertThat(CredentialHygiene.addTo(empty, null, DetectionOptions.defaults())).isSameAs(empty);
    DetectionResult withReport = CredentialHygiene.addTo(empty,
        report(user("bob", "password_enabled", "true", "password_last_used", daysBefore(1), "mfa_active", "false")),
        DetectionOptions.defaults());
    assertThat(withReport.findings()).extracting(Finding::ruleId).containsExactly("hygiene-no-mfa");
    assertThat(withReport.rulesRun()).contains("root-account-use", "hygiene-no-mfa", "hygiene-root-no-mfa");
  }
}
