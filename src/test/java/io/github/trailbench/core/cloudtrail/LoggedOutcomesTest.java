package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.Principals;
import io.github.trailbench.core.model.CloudTrailEvent;
import org.junit.jupiter.api.Test;

/**
 * Records whose outcome or subject CloudTrail logs outside the usual fields: a failed console
 * sign-in (no errorCode, "Failure" in responseElements), a sign-in with an unknown user name, and
 * an Insights event (its service and call in insightDetails).
 */
class LoggedOutcomesTest {
  private static final String SIGN_IN = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T10:00:00Z\","
      + "\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\","
      + "\"sourceIPAddress\":\"203.0.113.9\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"111122223333\",";
  private static final String ALICE = "\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAALICE\","
      + "\"arn\":\"arn:aws:iam::111122223333:user/Alice\",\"accountId\":\"111122223333\",\"userName\":\"Alice\"},";

  private static CloudTrailEvent read(String json) throws Exception {
    return CloudTrailRecords.parse(json, "fixture.json");
  }

  @Test
  void aFailedConsoleSignInIsFailedWithItsMessage() throws Exception {
    CloudTrailEvent e = read(SIGN_IN + ALICE + "\"eventID\":\"s1\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
        + "\"errorMessage\":\"Failed authentication\"}");
    assertThat(e.failed()).isTrue();
    assertThat(e.errorCode()).isEqualTo("Failed authentication");
  }

  private static CloudTrailEvent call(String source, String name, String request, String response) throws Exception {
    return read("{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T10:00:00Z\",\"eventSource\":\"" + source
        + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\"," + ALICE + "\"eventID\":\"b\","
        + "\"requestParameters\":" + request + ",\"responseElements\":" + response + "}");
  }

  /** GuardDuty API Reference, DeleteMembers: unprocessedAccounts, "The accounts that could not be processed." */
  @Test
  void aGuardDutyMemberCallWithEveryAccountUnprocessedFailedAndOneWithAnAccountDoneDidNot() throws Exception {
    String two = "{\"detectorId\":\"d1\",\"accountIds\":[\"222233334444\",\"333344445555\"]}";
    String oneLeft = "{\"unprocessedAccounts\":[{\"accountId\":\"222233334444\",\"result\":\"not associated\"}]}";
    String bothLeft = "{\"unprocessedAccounts\":[{\"accountId\":\"222233334444\",\"result\":\"x\"},"
        + "{\"accountId\":\"333344445555\",\"result\":\"y\"}]}";
    assertThat(call("guardduty.amazonaws.com", "DeleteMembers", two, bothLeft).errorCode()).isEqualTo("UnprocessedAccounts");
    assertThat(call("guardduty.amazonaws.com", "DeleteMembers", two, oneLeft).failed()).isFalse();
    assertThat(call("guardduty.amazonaws.com", "DeleteMembers", two, "{\"unprocessedAccounts\":[]}").failed()).isFalse();
    assertThat(call("guardduty.amazonaws.com", "CreateMembers", "{\"accountDetails\":[{\"accountId\":\"222233334444\","
        + "\"email\":\"a@example.com\"}]}", oneLeft).errorCode()).isEqualTo("UnprocessedAccounts");
    // a request naming no account cannot be said to have done nothing
    assertThat(call("guardduty.amazonaws.com", "DeleteMembers", "{\"detectorId\":\"d1\"}", oneLeft).failed()).isFalse();
  }

  /** EC2 API Reference, DeleteFlowLogs: unsuccessful, "Information about the flow logs that could not be deleted successfully." */
  @Test
  void aFlowLogDeletionWhoseEveryFlowLogIsUnsuccessfulFailedWithTheItemsCode() throws Exception {
    String one = "{\"DeleteFlowLogsRequest\":{\"FlowLogId\":{\"content\":\"fl-1\",\"tag\":1}}}";
    String two = "{\"DeleteFlowLogsRequest\":{\"FlowLogId\":[{\"content\":\"fl-1\",\"tag\":1},{\"content\":\"fl-2\",\"tag\":2}]}}";
    String fl1Failed = "{\"DeleteFlowLogsResponse\":{\"requestId\":\"r\",\"unsuccessful\":{\"item\":{\"error\":"
        + "{\"code\":\"InvalidFlowLogId.NotFound\",\"message\":\"not found\"},\"resourceId\":\"fl-1\"}}}}";
    assertThat(call("ec2.amazonaws.com", "DeleteFlowLogs", one, fl1Failed).errorCode()).isEqualTo("InvalidFlowLogId.NotFound");
    assertThat(call("ec2.amazonaws.com", "DeleteFlowLogs", two, fl1Failed).failed()).isFalse();
    assertThat(call("ec2.amazonaws.com", "DeleteFlowLogs", one,
        "{\"DeleteFlowLogsResponse\":{\"requestId\":\"r\",\"unsuccessful\":\"\"}}").failed()).isFalse();
    // the same fields in the API's own JSON rendering
    assertThat(call("ec2.amazonaws.com", "DeleteFlowLogs", "{\"flowLogIds\":[\"fl-1\"]}",
        "{\"unsuccessful\":[{\"error\":{\"code\":\"InvalidFlowLogId.NotFound\"},\"resourceId\":\"fl-1\"}]}").failed()).isTrue();
    // another EC2 call with unsuccessful items is read as logged
    assertThat(call("ec2.amazonaws.com", "DeleteVpcEndpoints", "{\"VpcEndpointId\":{\"content\":\"vpce-1\"}}",
        fl1Failed.replace("fl-1", "vpce-1")).failed()).isFalse();
  }

  @Test
  void aSuccessfulSignInAndAFailedRoleSwitchReadAsLogged() throws Exception {
    assertThat(read(SIGN_IN + ALICE + "\"eventID\":\"s2\",\"responseElements\":{\"ConsoleLogin\":\"Success\"}}").failed()).isFalse();
    CloudTrailEvent sw = read(SIGN_IN.replace("ConsoleLogin", "SwitchRole") + ALICE
        + "\"eventID\":\"s3\",\"responseElements\":{\"SwitchRole\":\"Failure\"}}");
    assertThat(sw.errorCode()).isEqualTo("SwitchRole failure");
  }

  @Test
  void aSignInWithAnUnknownUserNameIsNoMadeUpUser() throws Exception {
    CloudTrailEvent e = read(SIGN_IN + "\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"111122223333\","
        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"\",\"userName\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"},"
        + "\"eventID\":\"s4\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"errorMessage\":\"No username found in supplied account\"}");
    assertThat(e.errorCode()).isEqualTo("No username found in supplied account");
    assertThat(Principals.resolve(e).arn()).isEqualTo("111122223333").doesNotContain(":user/");
  }

  @Test
  void anIdentityCenterUserIsTheIdentityStoreUserItActsForAsTheImportReadsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // AWS's example: no arn, no principalId; who it is is in onBehalfOf. The import reads without keeping the raw text.
    java.nio.file.Path f = dir.resolve("ic.json");
    java.nio.file.Files.writeString(f, "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T12:00:00Z\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"eventID\":\"ic1\","
        + "\"recipientAccountId\":\"111122223333\",\"userIdentity\":{\"type\":\"IdentityCenterUser\",\"accountId\":\"111122223333\","
        + "\"onBehalfOf\":{\"userId\":\"544894e8-80c1-707f-60e3-3ba6510dfac1\","
        + "\"identityStoreArn\":\"arn:aws:identitystore::111122223333:identitystore/d-9067642ac7\"},"
        + "\"credentialId\":\"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE\"}}]}");
    CloudTrailReader reader = new CloudTrailReader(InputLimits.DEFAULT).withRawTextForSlices(false).withDetailTexts(false);
    java.util.List<CloudTrailEvent> events = new java.util.ArrayList<>();
    reader.read(f, reader.detect(f), new EventSink() {
      @Override public void event(ReadEvent e) {
        events.add(e.event());
      }

      @Override public void reject(int recordIndex, io.github.trailbench.core.model.SourceProblem problem) {
        throw new AssertionError(problem.toString());
      }
    });
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.rawJson()).as("the import's reading").isNull();
      assertThat(Principals.resolve(e).arn()).isEqualTo("arn:aws:identitystore::111122223333:user/544894e8-80c1-707f-60e3-3ba6510dfac1");
    });
  }

  @Test
  void anInsightsEventIsReadWithTheServiceAndCallItIsAbout() throws Exception {
    CloudTrailEvent e = read("{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T11:00:00Z\",\"awsRegion\":\"us-east-1\","
        + "\"eventID\":\"i1\",\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"111122223333\","
        + "\"sharedEventID\":\"x1\",\"insightDetails\":{\"state\":\"Start\",\"eventSource\":\"iam.amazonaws.com\","
        + "\"eventName\":\"CreateAccessKey\",\"insightType\":\"ApiCallRateInsight\"},\"eventCategory\":\"Insight\"}");
    assertThat(e.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(e.eventName()).isEqualTo("Insight: CreateAccessKey");
  }
}
