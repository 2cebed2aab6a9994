package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import org.junit.jupiter.api.Test;

/** The STS documents read once per call hold each value as the session and principal graphs read it (issue #23). */
class StsDocumentsTest {
  private static final UserIdentity ALICE = new UserIdentity("IAMUser", "AIDA1", "arn:aws:iam::111122223333:user/alice",
      "111122223333", "AKIAALICE0000000001", "alice", null, null, null);

  private static CloudTrailEvent call(String source, String name, String error, String request, String response) {
    return new CorrelationFacts(ALICE, false, 0, request, response, false).event("e1", 0, source, name, "us-east-1",
        "203.0.113.9", error, "111122223333");
  }

  private static StsDocuments assumeRole(String request, String response) {
    return StsDocuments.of(call("sts.amazonaws.com", "AssumeRole", null, request, response));
  }

  @Test
  void everyValueTheBuildersReadIsTakenFromTheDocuments() {
    StsDocuments d = assumeRole(
        "{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\",\"roleSessionName\":\"s1\",\"sourceIdentity\":\"alice\"}",
        "{\"credentials\":{\"accessKeyId\":\"ASIA1\",\"expiration\":\"Oct 1, 2026\"},\"assumedRoleUser\":"
            + "{\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/s1\"},\"federatedUser\":{\"arn\":\"f\"},\"sourceIdentity\":\"r\"}");
    assertThat(d).isEqualTo(new StsDocuments(true, "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:role/Admin",
        "s1", "alice", "ASIA1", "Oct 1, 2026", "arn:aws:sts::111122223333:assumed-role/Admin/s1", "f", "r", null, null));
  }

  /** Rule: the did-assume edge takes a role given as a JSON string, blank kept; the session's issuer only non-blank text. */
  @Test
  void theRequestedRoleIsAJsonStringAndTheIssuerNonBlankText() {
    assertThat(assumeRole("{\"roleArn\":\" \"}", null).requestedRole()).isEqualTo(" ");
    assertThat(assumeRole("{\"roleArn\":\" \"}", null).roleArn()).isNull();
    assertThat(assumeRole("{\"roleArn\":12}", null).requestedRole()).isNull();
    assertThat(assumeRole("{\"roleArn\":12}", null).roleArn()).isEqualTo("12");
  }

  /** Rule: a request that is unreadable or JSON null is not readable (the session keeps the name it had); an object without the name is. */
  @Test
  void aRequestIsReadableOnlyWhenItParsesToAValue() {
    assertThat(assumeRole("{not json", "{}").requestReadable()).isFalse();
    assertThat(assumeRole("null", "{}").requestReadable()).isFalse();
    assertThat(assumeRole("{}", "{}").requestReadable()).isTrue();
    assertThat(assumeRole("{}", "{}").roleSessionName()).isNull();
  }

  @Test
  void aResponseWhoseCredentialsAreNotAnObjectIssuesNoKey() {
    assertThat(assumeRole("{}", "{\"credentials\":\"redacted\"}").issuedKey()).isNull();
    assertThat(assumeRole("{}", "\"not an object\"").issuedKey()).isNull();
    assertThat(assumeRole("{}", "{\"credentials\":{\"accessKeyId\":\"  \"}}").issuedKey()).isNull();
  }

  /** Rule: only successful calls whose documents the builders read, holding at least one document, have them. */
  @Test
  void failedCallsOtherEventsAndCallsWithoutDocumentsHaveNone() {
    String resp = "{\"credentials\":{\"accessKeyId\":\"ASIA1\"}}";
    assertThat(StsDocuments.of(call("sts.amazonaws.com", "AssumeRole", "AccessDenied", "{}", resp))).isNull();
    assertThat(StsDocuments.of(call("s3.amazonaws.com", "ListBuckets", null, "{}", resp))).isNull();
    assertThat(StsDocuments.of(call("sts.amazonaws.com", "AssumeRole", null, null, null))).isNull();
    assertThat(StsDocuments.of(call("sts.amazonaws.com", "GetSessionToken", null, null, resp)).issuedKey()).isEqualTo("ASIA1");
    assertThat(StsDocuments.of(call("iam.amazonaws.com", "AssumeRoleLike", null, "{\"roleArn\":\"r\"}", null)).requestedRole())
        .as("the principal graph reads any AssumeRole* call's request").isEqualTo("r");
  }

  /** Rule: reading the documents as tokens gives what reading them as trees gives, whatever they hold. */
  @Test
  void tokenReadingAgreesWithTreeReading() {
    String[] requests = {null, "", "null", " ", "{}", "[]", "\"text\"", "12", "{not json", "{\"roleArn\":\"r\"} trailing",
        "{\"roleArn\":\"a\",\"roleArn\":\"b\"}", "{\"roleArn\":\"a\",\"roleArn\":null}", "{\"roleArn\":\"\\u0041\\n\"}",
        "{\"roleArn\":{\"x\":1},\"roleSessionName\":[1,{\"a\":2}],\"sourceIdentity\":\" \"}",
        "{\"roleArn\":true,\"roleSessionName\":1.5e2,\"sourceIdentity\":-0}", "{\"roleArn\":\"r\",\"policy\":{\"a\":[1,2,{\"b\":null}]}}",
        "{\"roleArn\":\"r\"", "{\"roleSessionName\":\"s\",\"roleSessionName\":{}}",
        "{\"roleArn\":\"\",\"roleSessionName\":\" \",\"sourceIdentity\":{\"a\":\"b\"}}"};
    String[] responses = {null, "null", "{}", "\"redacted\"", "[{\"credentials\":{\"accessKeyId\":\"A\"}}]",
        "{\"credentials\":{\"accessKeyId\":\"ASIA1\",\"expiration\":\"Oct 1, 2026\"},\"sourceIdentity\":\"s\"}",
        "{\"credentials\":\"redacted\",\"assumedRoleUser\":{\"arn\":\"a\"},\"federatedUser\":{\"arn\":[\"f\"]}}",
        "{\"credentials\":{\"accessKeyId\":{\"deeper\":\"x\"},\"expiration\":12}}",
        "{\"credentials\":{\"accessKeyId\":\"A\"},\"credentials\":{\"expiration\":\"e\"}}",
        "{\"credentials\":{\"accessKeyId\":\"A\",\"accessKeyId\":null}}", "{\"credentials\":null,\"sourceIdentity\":false}",
        "{\"credentials\":{\"accessKeyId\":\"A\"}", "{\"assumedRoleUser\":{\"arn\":\"x\",\"nested\":{\"arn\":\"y\"}}}",
        "{\"credentials\":{\"accessKeyId\":\" \"},\"sourceIdentity\":\"\"}"};
    int compared = 0;
    for (String name : new String[] {"AssumeRole", "GetSessionToken"}) {
      for (String request : requests) {
        for (String response : responses) {
          CloudTrailEvent e = call("sts.amazonaws.com", name, null, request, response);
          assertThat(StsDocuments.of(e)).as(name + " " + request + " / " + response)
              .isEqualTo(request == null && response == null ? null : StsDocuments.ofTree(e));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(2 * requests.length * responses.length);
  }
}
