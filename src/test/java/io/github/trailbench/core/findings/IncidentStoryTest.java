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

  @Test
  void nothingToTellWithoutEvents() {
    assertThat(IncidentStory.of(List.of(Finding.manual("m", "t", Severity.HIGH, "", null))).lines()).isEmpty();
  }
}
