package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.policy.NamedPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One key's session policies, read from its issuing call alone, are those the whole-case pass gives it. */
class CaseSessionsTest {
  @TempDir Path tmp;

  private static String assumeRole(String id, String time, String issuedKey, String policy) {
    String request = "{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\",\"roleSessionName\":\"" + id + "\""
        + (policy == null ? "" : ",\"policy\":\"" + policy.replace("\"", "\\\"") + "\"") + "}";
    String response = issuedKey == null ? "null"
        : "{\"credentials\":{\"accessKeyId\":\"" + issuedKey + "\",\"sessionToken\":\"x\",\"expiration\":\"Oct 1, 2026\"},"
            + "\"assumedRoleUser\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/" + id + "\"}}";
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE0000000001\","
        + "\"userName\":\"alice\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\","
        + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\",\"userAgent\":\"aws-cli\""
        + (issuedKey == null ? ",\"errorCode\":\"AccessDenied\"" : "")
        + ",\"requestParameters\":" + request + ",\"responseElements\":" + response + ",\"eventID\":\"" + id + "\","
        + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  }

  @Test
  void oneKeysSessionPoliciesAreThoseOfTheCallThatIssuedIt() throws Exception {
    String readOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";
    String denyAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    Path file = tmp.resolve("sts.json");
    Files.writeString(file, "{\"Records\":[" + String.join(",", List.of(
        assumeRole("s1", "2026-10-01T10:00:00Z", "ASIAONE000000000001", readOnly),
        assumeRole("s2", "2026-10-01T10:01:00Z", "ASIATWO000000000002", denyAll),
        assumeRole("s3", "2026-10-01T10:02:00Z", "ASIATHREE0000000003", null),
        assumeRole("s4", "2026-10-01T10:03:00Z", null, readOnly))) + "]}", StandardCharsets.UTF_8);
    IamSnapshot iam = IamSnapshot.of(List.of());
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      assertThat(CaseStoreTest.importInto(s, file).added()).isEqualTo(4);
      Map<String, List<NamedPolicy>> all = CaseSessions.sessionPolicies(s, iam);
      assertThat(all).containsOnlyKeys("ASIAONE000000000001", "ASIATWO000000000002");

      List<NamedPolicy> one = CaseSessions.sessionPoliciesOf(s, iam, "ASIAONE000000000001");
      assertThat(one).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("session policy of AssumeRole s1"));
      assertThat(one).isEqualTo(all.get("ASIAONE000000000001"));
      List<NamedPolicy> two = CaseSessions.sessionPoliciesOf(s, iam, "ASIATWO000000000002");
      assertThat(two).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("session policy of AssumeRole s2"));
      assertThat(two).isEqualTo(all.get("ASIATWO000000000002"));

      assertThat(CaseSessions.sessionPoliciesOf(s, iam, "ASIATHREE0000000003")).as("issued without a session policy").isEmpty();
      assertThat(CaseSessions.sessionPoliciesOf(s, iam, "ASIANOTISSUED000004")).as("never issued in the case").isEmpty();
      assertThat(CaseSessions.sessionPoliciesOf(s, iam, "AKIAALICE0000000001")).as("a long-term key").isEmpty();
      assertThat(CaseSessions.sessionPoliciesOf(s, iam, null)).isEmpty();
    }
  }
}
