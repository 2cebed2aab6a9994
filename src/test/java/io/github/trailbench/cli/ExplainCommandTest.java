package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trailbench explain` on the bundled sample case (event ids from samples/README.md). */
class ExplainCommandTest {
  @TempDir static Path caseDir;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void importSample() {
    CliTest.Run r = CliTest.run("import", "--case", caseDir.toString(), "samples/case", "--json");
    assertThat(r.exit()).isZero();
  }

  static List<JsonNode> explain(String eventId) throws Exception {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--event", eventId, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> out = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /** --json answers in JSON for an event with no IAM action too (a console sign-in): one object, no decision. */
  @Test
  void anEventWithoutAnIamActionIsOneJsonObjectWithItsVerdict() throws Exception {
    List<JsonNode> results = explain("3cf37f86-ff02-4f68-8b1f-0cf7ff9482fe");
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.path("eventId").asText()).isEqualTo("3cf37f86-ff02-4f68-8b1f-0cf7ff9482fe");
    assertThat(r.path("decision").isNull()).isTrue();
    assertThat(r.path("verdict").asText()).isEqualTo("not deniable");
    assertThat(r.path("explanation").asText()).contains("ConsoleLogin").contains("no IAM decision");
  }

  @Test
  void theBackdoorCreateUserIsExplainedAsAllowedThroughTheAssumedAdminRole() throws Exception {
    List<JsonNode> results = explain("0b0a3749-6e78-4f71-aedf-ca6f493f89a9");
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.path("eventId").asText()).isEqualTo("0b0a3749-6e78-4f71-aedf-ca6f493f89a9");
    assertThat(r.path("request").path("principal").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint");
    assertThat(r.path("request").path("action").asText()).isEqualTo("iam:CreateUser");
    assertThat(r.path("request").path("resource").asText()).isEqualTo("arn:aws:iam::111122223333:user/svc-backup");
    assertThat(r.path("request").path("context").path("aws:SourceIp").get(0).asText()).isEqualTo("203.0.113.77");
    assertThat(r.path("decision").asText()).isEqualTo("Allowed");
    assertThat(r.path("recorded").asText()).isEqualTo("Allowed");
    assertThat(r.path("agrees").asBoolean()).isTrue();
    assertThat(r.path("explanation").asText())
        .isEqualTo("Allowed by AdministratorAccess (managed, attached to role OpsAdminRole): iam:CreateUser (as *) on *.");
    assertThat(r.path("verdict").asText()).isEqualTo("agrees");
    // the decision depended on no value the log lacks, so no key is named as missing
    assertThat(r.path("missing").size()).isZero();
    assertThat(r.path("trace").path("id").asText()).isEqualTo("0");
    assertThat(r.path("trace").path("kind").asText()).isEqualTo("decision");
  }

  @Test
  void theSandboxReadOfAReleaseBundleIsAllowedByTheObjectsAclAndTheTraceShowsTheAclStep() throws Exception {
    List<JsonNode> results = explain("0e096ee3-a6cd-4f2b-95b8-a2264b6c26fa");
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    String object = "arn:aws:s3:::acme-prod-artifacts/releases/2026-09/acme-web-2026.09.3.zip";
    assertThat(r.path("request").path("principal").asText()).isEqualTo("arn:aws:iam::444455556666:root");
    assertThat(r.path("request").path("resource").asText()).isEqualTo(object);
    assertThat(r.path("decision").asText()).isEqualTo("Allowed");
    // the bucket owner's copy names the sandbox account and a role id the case's IAM data does not hold:
    // the resource side is decided, but not who called, so neither is the whole decision
    assertThat(r.path("verdict").asText()).isEqualTo("undetermined");
    assertThat(r.path("missing").toString()).contains(io.github.trailbench.core.correlate.Explainer.UNKNOWN_CALLER);
    assertThat(r.toString()).contains("AROA2SBXINTEGR8TESTS7:integration-run-2291");
    assertThat(r.path("explanation").asText()).startsWith("Allowed by the object ACL of " + object + ": it grants READ to canonical user ")
        .contains("(aws-sandbox)").endsWith("which gives s3:GetObject (cross-account: the caller's own side allows too).");
    JsonNode step4 = r.path("trace").path("children").get(3);
    assertThat(step4.path("id").asText()).isEqualTo("4");
    assertThat(step4.path("outcome").asText()).isEqualTo("Allow");
    JsonNode acl = step4.path("children").get(0);
    assertThat(acl.path("label").asText()).isEqualTo("Access control list (object ACL of " + object + ")");
    assertThat(acl.path("outcome").asText()).isEqualTo("Allow");
    assertThat(acl.path("detail").path("objectOwnership").asText()).isEqualTo("ObjectWriter");
    assertThat(acl.path("children").get(1).path("outcome").asText()).as("the grant to the sandbox account matched").isEqualTo("Match");
    CliTest.Run text = CliTest.run("explain", "--case", caseDir.toString(), "--event", "0e096ee3-a6cd-4f2b-95b8-a2264b6c26fa", "--trace");
    assertThat(text.out()).contains("[Allow] 4.1 Access control list (object ACL of " + object + ")")
        .contains("[Match] 4.1.2 Grant READ to canonical user");
  }

  @Test
  void stopLoggingIsExplainedAsDeniedByTheScpAtTheProductionOu() throws Exception {
    JsonNode r = explain("df4199c7-7b89-4c87-8698-9cc5d75feab4").get(0);
    assertThat(r.path("decision").asText()).isEqualTo("ExplicitDeny");
    assertThat(r.path("recorded").asText()).isEqualTo("Denied");
    assertThat(r.path("agrees").asBoolean()).isTrue();
    assertThat(r.path("explanation").asText())
        .isEqualTo("Denied by SCP ProtectSecurityTooling on OU Production: the caller's role OpsAdminRole is not OrgSecurityAdmin.");
  }

  @Test
  void theFirstAttackerCallGetCallerIdentityAgreesBecauseNoPolicyCanDenyIt() throws Exception {
    JsonNode r = explain("d7459477-f97e-4597-b9ab-cfe919740540").get(0);
    assertThat(r.path("request").path("action").asText()).isEqualTo("sts:GetCallerIdentity");
    assertThat(r.path("decision").asText()).isEqualTo("Allowed");
    assertThat(r.path("agrees").asBoolean()).isTrue();
    assertThat(r.path("verdict").asText()).isEqualTo("not deniable");
    assertThat(r.path("explanation").asText()).contains("no policy can deny sts:GetCallerIdentity");
    assertThat(r.path("comparison").asText()).doesNotContain("DOES NOT AGREE").contains("agrees");
  }

  @Test
  void textOutputIsTheSentenceAndTheVerdictWithTheTreeOnlyOnRequest() {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--event", "df4199c7-7b89-4c87-8698-9cc5d75feab4");
    assertThat(r.exit()).as(r.err()).isZero();
    String sentence = "Denied by SCP ProtectSecurityTooling on OU Production: the caller's role OpsAdminRole is not OrgSecurityAdmin.";
    assertThat(r.out()).contains(sentence, "Engine ExplicitDeny, CloudTrail recorded Denied: agrees");
    assertThat(r.out().split(java.util.regex.Pattern.quote(sentence), -1)).hasSize(2); // said once
    assertThat(r.out()).doesNotContain("[Deny] 1 Explicit deny check");
    assertThat(r.out().lines().filter(l -> !l.isBlank()).count()).isLessThan(8);
    CliTest.Run traced = CliTest.run("explain", "--case", caseDir.toString(), "--event", "df4199c7-7b89-4c87-8698-9cc5d75feab4", "--trace");
    assertThat(traced.out()).contains("[Deny] 1 Explicit deny check");
  }

  @Test
  void anUnknownEventIsBadInput() {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--event", "no-such-event");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("no-such-event", "not in the case");
  }

  @Test
  void withoutAnEventTheWholeCaseIsReplayedAndCounted() throws Exception {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--summary", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(r.out());
    assertThat(s.path("events").asLong()).isEqualTo(3238);
    long sum = s.path("agrees").asLong() + s.path("disagrees").asLong() + s.path("undetermined").asLong()
        + s.path("notDeniable").asLong() + s.path("noDecision").asLong();
    assertThat(sum).isEqualTo(3238);
    assertThat(s.path("notDeniable").asLong()).isPositive();
    // the case holds the organization, so aws:PrincipalOrgID never leaves a decision open
    assertThat(s.path("undeterminedByKey").has("aws:PrincipalOrgID")).isFalse();
    long byKey = 0;
    for (JsonNode n : s.path("undeterminedByKey")) {
      byKey += n.asLong();
    }
    assertThat(byKey).isGreaterThanOrEqualTo(s.path("undetermined").asLong());
  }

  @Test
  void aFilteredReplayStreamsOneObjectPerEventAndAction() throws Exception {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--filter", "eventName:StopLogging", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).isNotEmpty().allSatisfy(o -> {
      assertThat(o.path("request").path("action").asText()).isEqualTo("cloudtrail:StopLogging");
      assertThat(o.has("verdict")).isTrue();
      assertThat(o.has("trace")).isFalse(); // only with --trace when replaying a case
    });
    assertThat(lines).extracting(o -> o.path("eventId").asText()).contains("df4199c7-7b89-4c87-8698-9cc5d75feab4");
  }

  @Test
  void theVerdictFilterReplaysOnlyTheUndeterminedEventsAndEventsListsThem() throws Exception {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--filter", "verdict:undetermined", "--summary", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(r.out());
    assertThat(s.path("events").asLong()).isPositive().isEqualTo(s.path("undetermined").asLong());
    assertThat(s.path("disagrees").asLong()).isZero();
    CliTest.Run events = CliTest.run("events", "--case", caseDir.toString(), "--filter", "verdict:undetermined AND NOT eventName:GenerateDataKey");
    assertThat(events.exit()).as(events.err()).isZero();
    assertThat(events.out()).doesNotContain("GenerateDataKey");
    CliTest.Run bad = CliTest.run("events", "--case", caseDir.toString(), "--filter", "verdict:maybe");
    assertThat(bad.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(bad.err()).contains("verdict takes agrees, disagrees", "at character 9");
  }

  @Test
  void filterWithAnEventIsAUsageError() {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--event", "x", "--filter", "eventName:X");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(r.err()).contains("drop --event");
  }

  @Test
  void aBadFilterIsBadInputNamingThePosition() {
    CliTest.Run r = CliTest.run("explain", "--case", caseDir.toString(), "--filter", "eventName:(");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("--filter", "at character");
  }
}
