package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page 1's story: severe successes in time order, related medium ones, one line for what was blocked. */
class IncidentStoryTest {
  private static Finding finding(String id, Severity severity, String title, String time, String principal, String ip, String outcome) {
    Evidence.Event e = new Evidence.Event(id + "-e", "111122223333", Instant.parse(time), "s", "n", "eu-west-1", principal,
        "AKIAEXAMPLE" + principal.length(), ip, null, outcome);
    return Finding.manual(id, title, severity, "", null).withEvidence(List.of(e, new Evidence.Principal(principal)));
  }

  @Test
  void severeSuccessesInTimeOrderThenWhatWasBlocked() {
    List<Finding> findings = List.of(
        finding("reads", Severity.HIGH, "Bulk reads", "2026-10-03T14:36:00Z", "arn:aws:iam::111122223333:user/svc-backup", "203.0.113.77", "Success"),
        finding("escalation", Severity.CRITICAL, "Escalation", "2026-10-03T14:06:00Z", "arn:aws:iam::111122223333:user/ci-deploy", "203.0.113.77", "Success"),
        finding("new-ip", Severity.MEDIUM, "Key used from a new address", "2026-10-03T14:02:00Z", "arn:aws:iam::111122223333:user/ci-deploy", "203.0.113.77", "Success"),
        finding("bob", Severity.MEDIUM, "Console sign-in without MFA", "2026-10-01T09:00:00Z", "arn:aws:iam::111122223333:user/bob", "198.51.100.23", "Success"),
        finding("stop", Severity.MEDIUM, "StopLogging" + RuleRunner.ATTEMPTED + "denied by SCP X on OU Y", "2026-10-03T14:21:00Z",
            "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint", "203.0.113.77", "AccessDenied"),
        Finding.manual("hygiene", "Old key", Severity.HIGH, "", null));
    IncidentStory story = IncidentStory.of(findings);
    assertThat(story.lines()).containsExactly(
        "2026-10-03 14:02 \u2014 Key used from a new address \u2014 user/ci-deploy",
        "2026-10-03 14:06 \u2014 Escalation \u2014 user/ci-deploy",
        "2026-10-03 14:36 \u2014 Bulk reads \u2014 user/svc-backup",
        "Blocked: StopLogging attempted \u2014 denied by SCP X on OU Y.");
    assertThat(story.principals()).containsExactly("arn:aws:iam::111122223333:user/ci-deploy", "arn:aws:iam::111122223333:user/svc-backup",
        "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint");
    assertThat(story.first()).isEqualTo(Instant.parse("2026-10-03T14:02:00Z"));
    assertThat(story.last()).isEqualTo(Instant.parse("2026-10-03T14:36:00Z"));
  }

  @Test
  void atMostNineLinesOfSuccessesMostSevereThenEarliestKept() {
    List<Finding> many = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(finding("f" + i, i < 3 ? Severity.CRITICAL : Severity.HIGH, "t" + i, "2026-10-03T14:%02d:00Z".formatted(59 - i),
          "arn:aws:iam::1:user/u", "203.0.113.1", "Success"));
    }
    IncidentStory story = IncidentStory.of(many);
    assertThat(story.lines()).hasSize(IncidentStory.MAX_LINES);
    assertThat(String.join("\n", story.lines())).contains("t0", "t1", "t2");
    // the three critical ones, then the six earliest high ones (t11 … t6), told in time order
    assertThat(story.lines().get(0)).startsWith("2026-10-03 14:48 \u2014 t11");
    assertThat(String.join("\n", story.lines())).doesNotContain("t5", "t4", "t3");
  }

  /**
   * A finding of what was done that also holds another principal's refused calls (a region first tried by bob-cli, days
   * before the attacker's key used it) is told from its successful calls: their time, principals and count.
   */
  @Test
  void aFindingWithRefusedCallsIsToldFromItsSuccesses() {
    String ciDeploy = "arn:aws:iam::111122223333:user/ci-deploy";
    String bob = "arn:aws:sts::111122223333:assumed-role/dev-tools-role/bob-cli";
    Evidence.Event refused = new Evidence.Event("r1", "111122223333", Instant.parse("2026-10-01T10:49:13Z"), "s3.amazonaws.com",
        "ListBuckets", "us-east-1", bob, "ASIABOBEXAMPLE000001", "198.51.100.23", null, "AccessDenied");
    Evidence.Event done = new Evidence.Event("s1", "111122223333", Instant.parse("2026-10-03T14:04:02Z"), "s3.amazonaws.com",
        "ListBuckets", "us-east-1", ciDeploy, "AKIAEXAMPLE000000001", "203.0.113.77", null, "Success");
    Finding region = Finding.manual("region", "Account active in a new region",
        Severity.HIGH, "", null).withEvidence(List.of(refused, done, new Evidence.Principal(bob), new Evidence.Principal(ciDeploy)));
    IncidentStory story = IncidentStory.of(List.of(region));
    assertThat(story.lines()).containsExactly("2026-10-03 14:04 \u2014 Account active in a new region \u2014 user/ci-deploy");
    assertThat(story.principals()).containsExactly(ciDeploy);
    assertThat(story.accessKeys()).containsExactly("AKIAEXAMPLE000000001");
    assertThat(story.first()).isEqualTo(Instant.parse("2026-10-03T14:04:02Z"));
  }

  @Test
  void nothingToTellWithoutEvents() {
    assertThat(IncidentStory.of(List.of(Finding.manual("m", "t", Severity.HIGH, "", null))).lines()).isEmpty();
  }
}
