package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule knows its events' outcomes: denied attempts stay visible, say so, and rank below successes. */
class OutcomeAwareFindingsTest {
  private static final String ROLE = "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint\","
      + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIA6KIP2SZ5FMEY6CHT\"}";

  private static CloudTrailEvent call(String id, String time, String source, String name, String error, String params) {
    return TestEvents.one("{\"eventVersion\":\"1.09\",\"eventID\":\"" + id + "\",\"eventTime\":\"" + time + "\","
        + "\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"eu-west-1\","
        + "\"sourceIPAddress\":\"203.0.113.77\",\"recipientAccountId\":\"111122223333\"," + ROLE
        + (error == null ? "" : ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"" + error + "\"")
        + (params == null ? "" : ",\"requestParameters\":" + params) + "}");
  }

  private static final String SCP_MESSAGE = "User: arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint is not authorized "
      + "to perform: cloudtrail:StopLogging with an explicit deny in a service control policy";

  private static List<Finding> run(List<CloudTrailEvent> events, DetectionOptions options) {
    return new DetectionEngine(RulePack.builtIn(), options).run(events).findings();
  }

  private static Finding byRule(List<Finding> fs, String ruleId) {
    return fs.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow(() -> new AssertionError(ruleId + " in " + fs));
  }

  @Test
  void aDeniedAttemptSaysSoInItsTitleAndIsLoweredTwoLevels() {
    List<Finding> fs = run(List.of(call("stop-1", "2026-10-03T14:21:47Z", "cloudtrail.amazonaws.com", "StopLogging", SCP_MESSAGE,
        "{\"name\":\"acme-prod-trail\"}")), DetectionOptions.defaults());
    Finding f = byRule(fs, "cloudtrail-logging-stopped");
    assertThat(f.title()).isEqualTo("StopLogging attempted \u2014 denied by a service control policy");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM); // the rule says critical
    assertThat(f.attemptsOnly()).isTrue();
    assertThat(f.summary()).startsWith("Attempted only: ").endsWith("The call failed: denied by a service control policy.");
  }

  @Test
  void theDenyingPolicyComesFromTheDenialExplainer() {
    DenialExplainer engine = e -> e.eventName().equals("StopLogging") ? "denied by SCP ProtectSecurityTooling on OU Production" : null;
    List<Finding> fs = run(List.of(call("stop-1", "2026-10-03T14:21:47Z", "cloudtrail.amazonaws.com", "StopLogging", SCP_MESSAGE, null)),
        DetectionOptions.defaults().withDenials(engine.orFromLog()));
    assertThat(byRule(fs, "cloudtrail-logging-stopped").title())
        .isEqualTo("StopLogging attempted \u2014 denied by SCP ProtectSecurityTooling on OU Production");
  }

  @Test
  void aSuccessfulCallKeepsTheRuleTitleAndSeverity() {
    List<Finding> fs = run(List.of(call("stop-1", "2026-10-03T14:21:47Z", "cloudtrail.amazonaws.com", "StopLogging", SCP_MESSAGE, null),
        call("stop-2", "2026-10-03T14:25:00Z", "cloudtrail.amazonaws.com", "StopLogging", null, null)), DetectionOptions.defaults());
    Finding f = byRule(fs, "cloudtrail-logging-stopped");
    assertThat(f.title()).isEqualTo("CloudTrail logging stopped or trail deleted");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.attemptsOnly()).isFalse();
  }

  @Test
  void attemptsRankAfterSuccessesOfTheSameSeverity() {
    Finding attempt = Finding.manual("a", "attempt", Severity.HIGH, "", null)
        .withEvidence(List.of(new Evidence.Event("e1", "1", java.time.Instant.parse("2026-10-03T14:00:00Z"), "s", "n", "r", "p", null,
            null, null, "AccessDenied")));
    Finding success = Finding.manual("b", "success", Severity.HIGH, "", null)
        .withEvidence(List.of(new Evidence.Event("e2", "1", java.time.Instant.parse("2026-10-03T15:00:00Z"), "s", "n", "r", "p", null,
            null, null, "Success")));
    List<Finding> sorted = new ArrayList<>(List.of(attempt, success));
    sorted.sort(Finding.ORDER);
    assertThat(sorted).extracting(Finding::id).containsExactly("b", "a");
  }

  @Test
  void aRuleCanAskForSuccessesOnlyOrFailuresOnly() throws Exception {
    String rules = """
        {"format": "trailbench-rules/1", "rules": [
          {"id": "ok", "title": "t", "severity": "high", "description": "d", "outcome": "success", "match": {"eventName": "StopLogging"}},
          {"id": "ko", "title": "t", "severity": "high", "description": "d", "outcome": "failure", "match": {"eventName": "StopLogging"}},
          {"id": "both", "title": "t", "severity": "high", "description": "d", "match": {"eventName": "StopLogging"}}]}
        """;
    List<CloudTrailEvent> events = List.of(call("denied", "2026-10-03T14:21:47Z", "cloudtrail.amazonaws.com", "StopLogging", SCP_MESSAGE, null),
        call("done", "2026-10-03T14:25:00Z", "cloudtrail.amazonaws.com", "StopLogging", null, null));
    List<Finding> fs = new DetectionEngine(RulePack.parse(rules, "t.json")).run(events).findings();
    assertThat(byRule(fs, "ok").eventIds()).containsExactly("done");
    assertThat(byRule(fs, "ko").eventIds()).containsExactly("denied");
    assertThat(byRule(fs, "ko").title()).isEqualTo("t"); // a failures rule is about failures: its title stays
    assertThat(byRule(fs, "both").eventIds()).containsExactly("denied", "done");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RulePack.parse(rules.replace("\"success\"", "\"won\""), "t.json")))
        .hasMessageContaining("rules[0](ok).outcome").hasMessageContaining("expected any, success, failure or authenticated");
  }

  @Test
  void evidenceRowsNameTheResource() {
    List<CloudTrailEvent> events = List.of(
        call("get", "2026-10-03T14:12:45Z", "s3.amazonaws.com", "GetObject", null,
            "{\"bucketName\":\"acme-prod-customer-data\",\"key\":\"exports/2026/09/customers-0001.csv.gz\"}"),
        call("assume", "2026-10-03T14:06:12Z", "sts.amazonaws.com", "AssumeRole", null,
            "{\"roleArn\":\"arn:aws:iam::111122223333:role/OpsAdminRole\",\"roleSessionName\":\"ci-maint\"}"),
        call("key", "2026-10-03T14:08:39Z", "iam.amazonaws.com", "CreateAccessKey", null, "{\"userName\":\"svc-backup\"}"),
        call("none", "2026-10-03T14:08:40Z", "sts.amazonaws.com", "GetCallerIdentity", null, null));
    List<String> resources = events.stream().map(e -> new EventView(e, IpClassifier.defaults()).toEvidence().resource()).toList();
    assertThat(resources).containsExactly("acme-prod-customer-data/exports/2026/09/customers-0001.csv.gz",
        "arn:aws:iam::111122223333:role/OpsAdminRole", "user/svc-backup", null);
    Evidence.Event e = new EventView(events.get(0), IpClassifier.defaults()).toEvidence();
    assertThat(FindingCodec.read(FindingCodec.write(Finding.manual("m", "t", Severity.LOW, "", null).withEvidence(List.of(e))))
        .events().get(0).resource()).isEqualTo("acme-prod-customer-data/exports/2026/09/customers-0001.csv.gz");
  }

  @Test
  void userAgentsAreComparedByFamilyAndMajorVersion() {
    assertThat(FieldPath.userAgentFamily("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux md/command#s3.cp")).isEqualTo("aws-cli/2");
    assertThat(FieldPath.userAgentFamily("[Boto3/1.28.85 md/Botocore#1.31.85 os/macos#23.1.0]")).isEqualTo("Boto3/1");
    assertThat(FieldPath.userAgentFamily("aws-cli/1.29.62 Python/3.9.18 Darwin/23.1.0")).isEqualTo("aws-cli/1");
    assertThat(FieldPath.userAgentFamily("AWS Internal")).isEqualTo("AWS Internal");
    assertThat(FieldPath.userAgentFamily("console.amazonaws.com")).isEqualTo("console.amazonaws.com");
  }
}
