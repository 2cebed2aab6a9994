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
  void anInsightsEventIsReadWithTheServiceAndCallItIsAbout() throws Exception {
    CloudTrailEvent e = read("{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T11:00:00Z\",\"awsRegion\":\"us-east-1\","
        + "\"eventID\":\"i1\",\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"111122223333\","
        + "\"sharedEventID\":\"x1\",\"insightDetails\":{\"state\":\"Start\",\"eventSource\":\"iam.amazonaws.com\","
        + "\"eventName\":\"CreateAccessKey\",\"insightType\":\"ApiCallRateInsight\"},\"eventCategory\":\"Insight\"}");
    assertThat(e.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(e.eventName()).isEqualTo("Insight: CreateAccessKey");
  }
}
