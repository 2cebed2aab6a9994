package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How logged PutBucketAcl / PutObjectAcl requests are read, and denied attempts of the ACL rules. */
class S3AclDetectionTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

  static List<LoggedAcls.Audience> audiences(String requestParameters) throws Exception {
    return LoggedAcls.grants(M.readTree(requestParameters)).stream().map(LoggedAcls.LoggedGrant::audience).toList();
  }

  @Test
  void cannedAclsPublicReadPublicReadWriteAndAuthenticatedReadArePublicTheOthersOpenNothing() throws Exception {
    assertThat(audiences("{\"x-amz-acl\": [\"public-read\"]}")).containsExactly(LoggedAcls.Audience.PUBLIC);
    assertThat(audiences("{\"x-amz-acl\": \"public-read-write\"}")).containsExactly(LoggedAcls.Audience.PUBLIC, LoggedAcls.Audience.PUBLIC);
    assertThat(audiences("{\"x-amz-acl\": [\"authenticated-read\"]}")).containsExactly(LoggedAcls.Audience.PUBLIC);
    for (String quiet : List.of("private", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write", "aws-exec-read")) {
      assertThat(audiences("{\"x-amz-acl\": [\"" + quiet + "\"]}")).as(quiet).isEmpty();
    }
  }

  @Test
  void grantHeadersNameGroupsCanonicalIdsAndEmails() throws Exception {
    List<LoggedAcls.LoggedGrant> g = LoggedAcls.grants(M.readTree("""
        {"x-amz-grant-read": ["uri=\\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\\", id=\\"%s\\""],
         "x-amz-grant-write": ["uri=\\"http://acs.amazonaws.com/groups/s3/LogDelivery\\""],
         "x-amz-grant-full-control": ["emailAddress=\\"ops@partner.example\\""]}""".formatted(OWNER)));
    assertThat(g).extracting(LoggedAcls.LoggedGrant::permission).containsExactly("READ", "READ", "WRITE", "FULL_CONTROL");
    assertThat(g).extracting(LoggedAcls.LoggedGrant::audience).containsExactly(
        LoggedAcls.Audience.PUBLIC, LoggedAcls.Audience.OTHER_ACCOUNT, null, LoggedAcls.Audience.OTHER_ACCOUNT);
  }

  @Test
  void accessControlPolicyBodyGrantToTheOwnerIsNotOutsideButAnotherCanonicalIdIs() throws Exception {
    String body = """
        {"AccessControlPolicy": {"Owner": {"ID": "%s"}, "AccessControlList": {"Grant": [
          {"Grantee": {"xsi:type": "CanonicalUser", "ID": "%s"}, "Permission": "FULL_CONTROL"},
          {"Grantee": {"xsi:type": "CanonicalUser", "ID": "0f1e"}, "Permission": "READ"},
          {"Grantee": {"xsi:type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ_ACP"}]}}}
        """.formatted(OWNER, OWNER);
    assertThat(audiences(body)).containsExactly(null, LoggedAcls.Audience.OTHER_ACCOUNT, LoggedAcls.Audience.PUBLIC);
    String single = """
        {"AccessControlPolicy": {"Owner": {"ID": "%s"}, "AccessControlList": {"Grant":
          {"Grantee": {"xsi:type": "CanonicalUser", "ID": "%s"}, "Permission": "FULL_CONTROL"}}}}""".formatted(OWNER, OWNER);
    assertThat(audiences(single)).as("a single Grant is logged as an object").containsExactly((LoggedAcls.Audience) null);
  }

  @Test
  void aPublicAclAttemptThatS3RefusedIsReportedAsAnAttemptBelowTheRulesSeverity() {
    String record = """
        {"Records": [{"eventVersion": "1.09", "eventTime": "2026-11-21T13:03:00Z", "eventSource": "s3.amazonaws.com",
          "eventName": "PutBucketAcl", "awsRegion": "eu-west-1", "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.30",
          "userIdentity": {"type": "IAMUser", "principalId": "AIDAJ45Q7YFFAREXAMPLE", "arn": "arn:aws:iam::111122223333:user/mallory",
            "accountId": "111122223333", "userName": "mallory", "accessKeyId": "AKIAIOSFODNN7EXAMPLE"},
          "errorCode": "AccessControlListNotSupported", "errorMessage": "The bucket does not allow ACLs",
          "requestParameters": {"bucketName": "acme-locked", "acl": "", "x-amz-acl": ["public-read"]},
          "eventID": "att-1", "eventType": "AwsApiCall", "recipientAccountId": "111122223333"}]}""";
    List<CloudTrailEvent> events = TestEvents.parse(record);
    DetectionResult r = new DetectionEngine(RulePack.builtIn().only("s3-acl-public-or-cross-account"), BuiltInRulesTest.OPTIONS).run(events);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.title()).contains("attempted");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
    });
  }
}
