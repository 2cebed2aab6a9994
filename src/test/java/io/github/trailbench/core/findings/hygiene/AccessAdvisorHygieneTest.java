package io.github.trailbench.core.findings.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.Severity;
import io.github.trailbench.core.iam.AccessAdvisor;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessAdvisorHygieneTest {
  static final String USER = "arn:aws:iam::111122223333:user/reports-legacy";

  /** A report for reports-legacy completed on 2026-10-08 with the given ServicesLastAccessed elements. */
  static AccessAdvisor advisor(String services) throws Exception {
    String json = "{\"trailbench\": \"access-advisor/v1\", \"principalArn\": \"" + USER + "\", \"report\": {"
        + "\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-10-08T00:00:00Z\","
        + " \"ServicesLastAccessed\": [" + services + "]}}";
    IamSource s = IamSources.read(IamSourceKind.ACCESS_ADVISOR, "legacy.json", json.getBytes(StandardCharsets.UTF_8));
    return IamSnapshot.of(List.of(s)).accessAdvisor();
  }

  static String service(String ns, String last) {
    return "{\"ServiceNamespace\": \"" + ns + "\"" + (last == null ? "" : ", \"LastAuthenticated\": \"" + last + "\"") + "}";
  }

  @Test
  void servicesNotAccessedForMoreThanNinetyDaysOrNeverAreOneLowFindingNamingEachWithItsDate() throws Exception {
    AccessAdvisor a = advisor(String.join(",", service("s3", "2026-03-22T10:00:00Z"), service("athena", null),
        service("glue", "2026-09-30T00:00:00Z")));
    List<Finding> found = new AccessAdvisorHygiene(Duration.ofDays(90)).check(a, Instant.EPOCH);
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("hygiene-unused-services");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.summary()).isEqualTo("reports-legacy holds 2 service(s) not used for 90+ days by IAM Access Advisor"
          + " (report of 2026-10-08): athena (not accessed in the tracking period), s3 (last 2026-03-22, 199 days"
          + " before the report).");
      assertThat(f.evidence()).contains(new Evidence.Principal(USER));
      assertThat(HygieneRule.isHygieneRule(f.ruleId())).isTrue();
    });
  }

  @Test
  void agesAreMeasuredFromTheReportAndExactlyTheThresholdIsNotUnused() throws Exception {
    AccessAdvisor a = advisor(service("s3", "2026-07-10T00:00:00Z"));  // 90 days before 2026-10-08
    assertThat(new AccessAdvisorHygiene(Duration.ofDays(90)).check(a, Instant.EPOCH)).isEmpty();
    assertThat(new AccessAdvisorHygiene(Duration.ofDays(89)).check(a, Instant.EPOCH)).hasSize(1);
  }

  @Test
  void theFixturesPrincipalsAreJudgedByTheirOwnReportsAndEntityLists() throws Exception {
    byte[] bytes = getClass().getResourceAsStream("/iam/access-advisor.json").readAllBytes();
    AccessAdvisor a = IamSnapshot.of(List.of(IamSources.read(IamSourceKind.ACCESS_ADVISOR, "aa.json", bytes))).accessAdvisor();
    List<Finding> found = new AccessAdvisorHygiene(Duration.ofDays(90)).check(a, Instant.EPOCH);
    assertThat(found).extracting(Finding::summary).containsExactlyInAnyOrder(
        "ci-deploy holds 1 service(s) not used for 90+ days by IAM Access Advisor (report of 2026-10-08): sqs (not"
            + " accessed in the tracking period).",
        "carol holds 1 service(s) not used for 90+ days by IAM Access Advisor (report of 2026-10-08): lambda (not"
            + " accessed in the tracking period).");
  }

  @Test
  void addToAppendsTheRuleOnlyWhenTheCaseHasReports() throws Exception {
    DetectionResult empty = new DetectionResult(List.of(), 0, 0, null, null, List.of("r1"));
    DetectionOptions options = DetectionOptions.defaults();
    assertThat(AccessAdvisorHygiene.addTo(empty, IamSnapshot.empty().accessAdvisor(), options)).isSameAs(empty);
    DetectionResult r = AccessAdvisorHygiene.addTo(empty, advisor(service("athena", null)), options);
    assertThat(r.rulesRun()).containsExactly("r1", "hygiene-unused-services");
    assertThat(r.findings()).hasSize(1);
  }
}
