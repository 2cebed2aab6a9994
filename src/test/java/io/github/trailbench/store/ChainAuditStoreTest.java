package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chain audit through an imported case: a cross-account AssumeRole logged in both accounts (IAM User Guide,
 * "Example cross-account AWS STS API events in CloudTrail log files"), both trails imported into one case, then
 * {@link CaseSessionLinks#parents} (the app's session lanes read it).
 */
class ChainAuditStoreTest {
  @TempDir Path tmp;

  static final String JOHN_KEY = "AKIAQRSTUVWXYZEXAMPL";
  static final String ISSUED = "ASIAQRSTUVWXYZEC2DEV";

  static String assumeRole(String eventId, String identity, String recipient, String extra) {
    return """
        {"eventVersion":"1.08","userIdentity":%s,"eventTime":"2026-07-18T15:07:39Z","eventSource":"sts.amazonaws.com",
         "eventName":"AssumeRole","awsRegion":"us-east-2","sourceIPAddress":"192.0.2.101","userAgent":"aws-cli/2.15.0",
         "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/EC2-dev","roleSessionName":"JohnDoe-EC2-dev",
           "sourceIdentity":"JohnDoe"},
         "responseElements":{"credentials":{"sessionToken":"<blob>","accessKeyId":"%s","expiration":"Jul 18, 2026 4:07:39 PM"},
           "assumedRoleUser":{"assumedRoleId":"AROAEC2DEV:JohnDoe-EC2-dev",
             "arn":"arn:aws:sts::111122223333:assumed-role/EC2-dev/JohnDoe-EC2-dev"},"sourceIdentity":"JohnDoe"},
         "requestID":"4EXAMPLE-0e8d-11e4-96e4-e55c0EXAMPLE","sharedEventID":"bEXAMPLE-efea-4a70-b951-19a88EXAMPLE",
         "eventID":"%s","eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"%s"%s}
        """.formatted(identity, ISSUED, eventId, recipient, extra);
  }

  static final String CALLER_COPY = assumeRole("dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE",
      "{\"type\":\"IAMUser\",\"principalId\":\"AIDAQRSTUVWXYZEXAMPLE\",\"arn\":\"arn:aws:iam::777788889999:user/JohnDoe\","
          + "\"accountId\":\"777788889999\",\"accessKeyId\":\"" + JOHN_KEY + "\",\"userName\":\"JohnDoe\"}",
      "777788889999", ",\"resources\":[{\"ARN\":\"arn:aws:iam::111122223333:role/EC2-dev\",\"accountId\":\"111122223333\","
          + "\"type\":\"AWS::IAM::Role\"}]");
  static final String OWNER_COPY = assumeRole("eEXAMPLE-0000-466c-a608-4ac8dEXAMPLE",
      "{\"type\":\"AWSAccount\",\"principalId\":\"AIDAQRSTUVWXYZEXAMPLE\",\"accountId\":\"777788889999\"}",
      "111122223333", "");

  private Path file(String name, String... records) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, "{\"Records\":[" + String.join(",", records) + "]}");
    return f;
  }

  private java.util.Map<String, String> linksOf(List<Path> files) {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      s.importer(DefaultEventFacts.deriver()).importPaths(files, ImportListener.NONE);
      return CaseSessionLinks.parents(s);
    }
  }

  /** Both accounts' trails in one file, the caller's record first. */
  @Test
  void crossAccountAssumeRoleInBothTrails_oneFile_issuedKeyIsLinkedToTheCallersKey() throws Exception {
    assertThat(linksOf(List.of(file("both.json", CALLER_COPY, OWNER_COPY)))).containsEntry(ISSUED, JOHN_KEY);
  }

  /** Each account's trail in its own file (the usual layout: AWSLogs/ACCOUNT/CloudTrail/...), both imported. */
  @Test
  void crossAccountAssumeRoleInBothTrails_oneFilePerAccount_issuedKeyIsLinkedToTheCallersKey() throws Exception {
    assertThat(linksOf(List.of(file("777788889999.json", CALLER_COPY), file("111122223333.json", OWNER_COPY))))
        .containsEntry(ISSUED, JOHN_KEY);
  }

  /** Regression: the caller's trail alone. */
  @Test
  void crossAccountAssumeRoleCallerTrailOnly_issuedKeyIsLinkedToTheCallersKey() throws Exception {
    assertThat(linksOf(List.of(file("caller.json", CALLER_COPY)))).containsExactlyEntriesOf(java.util.Map.of(ISSUED, JOHN_KEY));
  }
}
