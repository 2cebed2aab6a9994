package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finding "outcome not explained by the case's policies" over hand-made calls and IAM data. */
class UnexplainedOutcomesTest {
  static final Path IAM = Path.of("src/test/resources/fixtures/verdicts/iam.json");
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final Instant NOW = Instant.parse("2026-10-04T00:00:00Z");

  static CloudTrailEvent call(int second, String source, String name, String error) throws Exception {
    return CloudTrailRecords.parse("""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAQ3EGRX7PALICE0001",
         "arn":"%s","accountId":"111122223333","accessKeyId":"AKIAQ3EGRX7PALICE001","userName":"alice"},
         "eventTime":"2026-10-03T10:%02d:00Z","eventSource":"%s","eventName":"%s","awsRegion":"eu-west-1",
         "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","requestParameters":null,"responseElements":null,
         %s"eventID":"00000000-0000-0000-0000-0000000000%02d","eventType":"AwsApiCall","recipientAccountId":"111122223333"}"""
        .formatted(ALICE, second, source, name, error == null ? "" : "\"errorCode\":\"" + error + "\",", second), "test");
  }

  /** CloudTrail encrypting its log files with a KMS key whose key policy the case does not hold. */
  static CloudTrailEvent cloudTrailUsingKms(int second) throws Exception {
    return CloudTrailRecords.parse("""
        {"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"cloudtrail.amazonaws.com"},
         "eventTime":"2026-10-03T11:%02d:00Z","eventSource":"kms.amazonaws.com","eventName":"GenerateDataKey",
         "awsRegion":"eu-west-1","sourceIPAddress":"cloudtrail.amazonaws.com","userAgent":"cloudtrail.amazonaws.com",
         "requestParameters":{"keyId":"arn:aws:kms:eu-west-1:111122223333:key/8d2e6b40-91c7-4f3a-a5d8-0c6e1f7b9a24",
           "keySpec":"AES_256"},"responseElements":null,
         "resources":[{"accountId":"111122223333","type":"AWS::KMS::Key",
           "ARN":"arn:aws:kms:eu-west-1:111122223333:key/8d2e6b40-91c7-4f3a-a5d8-0c6e1f7b9a24"}],
         "eventID":"10000000-0000-0000-0000-0000000000%02d","eventType":"AwsApiCall","recipientAccountId":"111122223333"}"""
        .formatted(second, second), "test");
  }

  /** alice's IAM data: {@code actions} allowed on every resource. */
  static IamSnapshot iam(String actions) throws Exception {
    String json = Files.readString(IAM).replace("\"Action\": \"iam:ListUsers\"", "\"Action\": " + actions);
    return IamSnapshot.of(List.of(IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "iam.json", json.getBytes(StandardCharsets.UTF_8))));
  }

  static List<Finding> findings(IamSnapshot iam, List<CloudTrailEvent> events) throws Exception {
    Explainer explainer = new Explainer(iam, key -> List.of());
    UnexplainedOutcomes outcomes = new UnexplainedOutcomes(IpClassifier.enriched(ip -> null));
    for (CloudTrailEvent e : events) {
      outcomes.accept(e, explainer.replay(e));
    }
    return outcomes.findings(NOW);
  }

  /** A call by {@code user} of account 111122223333, whom the fixture's IAM data does not hold (only alice). */
  static CloudTrailEvent callBy(String user, int second, String name) throws Exception {
    return CloudTrailRecords.parse("""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAQ3EGRX7P%s",
         "arn":"arn:aws:iam::111122223333:user/%s","accountId":"111122223333","accessKeyId":"AKIAQ3EGRX7P%s","userName":"%s"},
         "eventTime":"2026-10-03T12:%02d:00Z","eventSource":"iam.amazonaws.com","eventName":"%s","awsRegion":"eu-west-1",
         "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","requestParameters":null,"responseElements":null,
         "eventID":"20000000-0000-0000-0000-0000000000%02d","eventType":"AwsApiCall","recipientAccountId":"111122223333"}"""
        .formatted(user.toUpperCase(java.util.Locale.ROOT), user, user.toUpperCase(java.util.Locale.ROOT), user, second, name, second),
        "test");
  }

  /**
   * Principals the IAM data does not hold have identity policies the case cannot show: their calls' replays are
   * undetermined (never guessed as denied), so they are no unexplained outcome; alice, whom the data holds, is.
   */
  @Test
  void callsByPrincipalsTheIamDataDoesNotHoldAreNotUnexplainedOutcomes() throws Exception {
    List<Finding> found = findings(iam("[\"iam:ListUsers\"]"), List.of(
        callBy("bob", 1, "ListUsers"), callBy("bob", 2, "DeleteUser"), callBy("carol", 3, "ListRoles"),
        call(8, "iam.amazonaws.com", "DeleteUser", null)));
    assertThat(found).extracting(Finding::title).containsExactly(
        "Outcome not explained by the case's policies: iam:DeleteUser by alice allowed");
    assertThat(found.get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void callsLoggedAsAllowedThatThePoliciesDenyAreOneMediumFindingPerPrincipalAndActionWithCountAndSpan() throws Exception {
    List<Finding> found = findings(iam("[\"iam:ListUsers\", \"iam:ListRoles\"]"), List.of(
        call(1, "iam.amazonaws.com", "ListUsers", null),
        call(2, "iam.amazonaws.com", "DeleteUser", null),
        call(7, "iam.amazonaws.com", "DeleteUser", null),
        call(9, "iam.amazonaws.com", "DeleteRole", null)));
    assertThat(found).extracting(Finding::title).containsExactly(
        "Outcome not explained by the case's policies: iam:DeleteUser by alice allowed",
        "Outcome not explained by the case's policies: iam:DeleteRole by alice allowed");
    Finding deleteUser = found.get(0);
    assertThat(deleteUser.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(deleteUser.ruleId()).isEqualTo(UnexplainedOutcomes.RULE_ID);
    assertThat(deleteUser.eventCount()).isEqualTo(2);
    assertThat(deleteUser.eventIds()).containsExactly("00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000007");
    assertThat(deleteUser.firstEventTime()).isEqualTo(Instant.parse("2026-10-03T10:02:00Z"));
    assertThat(deleteUser.lastEventTime()).isEqualTo(Instant.parse("2026-10-03T10:07:00Z"));
    assertThat(deleteUser.summary()).startsWith("CloudTrail recorded 2 iam:DeleteUser calls by " + ALICE
        + " from 2026-10-03 10:02 to 2026-10-03 10:07 as allowed, but the case's policies give ImplicitDeny.");
    assertThat(deleteUser.principals()).containsExactly(ALICE);
    assertThat(deleteUser.accessKeys()).containsExactly("AKIAQ3EGRX7PALICE001");
  }

  @Test
  void aCallLoggedAsDeniedThatThePoliciesAllowIsLow() throws Exception {
    List<Finding> found = findings(iam("[\"iam:ListUsers\", \"iam:ListRoles\"]"),
        List.of(call(4, "iam.amazonaws.com", "ListRoles", "AccessDenied")));
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.title()).endsWith("iam:ListRoles by alice denied");
      assertThat(f.summary()).contains("as denied, but the case's policies give Allowed");
    });
  }

  /** Every KMS key has a key policy: one the case lacks is unknown, so CloudTrail's own calls on the key are no unexplained outcome. */
  @Test
  void callsOnAKmsKeyWhosePolicyTheCaseLacksAreNotUnexplainedOutcomes() throws Exception {
    assertThat(findings(iam("\"iam:ListUsers\""), List.of(cloudTrailUsingKms(1), cloudTrailUsingKms(5)))).isEmpty();
  }


  @Test
  void callsThatAgreeOrAreNotDeniableRaiseNothing() throws Exception {
    assertThat(findings(iam("\"iam:ListUsers\""), List.of(
        call(1, "iam.amazonaws.com", "ListUsers", null),
        call(2, "sts.amazonaws.com", "GetCallerIdentity", null),
        call(3, "iam.amazonaws.com", "ListRoles", "AccessDenied")))).isEmpty();
  }
}
