package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shapes SigmaHQ's CloudTrail rules use, each as a rule of our own (test resources
 * {@code sigma/*.yml}) with an event it must match and one it must not.
 */
class SigmaRuleShapesTest {
  private static final String USER = "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\","
      + "\"accountId\":\"111122223333\",\"userName\":\"bob\",\"accessKeyId\":\"AKIAEXAMPLEBOB000001\"}";
  private static final String ROOT = "\"userIdentity\":{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\",\"accountId\":\"111122223333\"}";

  private static String role(String roleName, String session) {
    return "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/" + roleName + "/" + session
        + "\",\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLE000000001\",\"sessionContext\":{\"sessionIssuer\":"
        + "{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/" + roleName + "\",\"accountId\":\"111122223333\",\"userName\":\""
        + roleName + "\"},\"attributes\":{\"mfaAuthenticated\":\"false\",\"creationDate\":\"2026-10-03T13:00:00Z\"}}}";
  }

  private static String event(String body) {
    return "{\"eventVersion\":\"1.09\",\"eventID\":\"ev-1\",\"eventTime\":\"2026-10-03T14:00:00Z\","
        + "\"recipientAccountId\":\"111122223333\",\"awsRegion\":\"eu-west-1\"," + body + "}";
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("contains-object.yml",
            event(USER + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutBucketPolicy\",\"requestParameters\":"
                + "{\"bucketName\":\"b\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}}"),
            event(USER + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutBucketPolicy\",\"requestParameters\":"
                + "{\"bucketName\":\"b\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}}]}}")),
        Arguments.of("startswith-endswith.yml",
            event(USER + ",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"DeleteTrail\",\"userAgent\":\"aws-cli/1.29.62 Python/3.9.18\""),
            event(USER + ",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"DeleteTrail\",\"userAgent\":\"aws-cli/2.17.20 Python/3.11.9\"")),
        Arguments.of("contains-all.yml",
            event(USER + ",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"userAgent\":\"Boto3/1.28.85 md/Botocore#1.31.85 os/macos#23.1.0\""),
            event(USER + ",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"userAgent\":\"Boto3/1.28.85 os/linux#6.8\"")),
        Arguments.of("re-filters.yml",
            event(role("app-server-role", "i-0a1b2c3d4e5f60718") + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"sourceIPAddress\":\"203.0.113.77\""),
            event(role("app-server-role", "i-0a1b2c3d4e5f60718") + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"sourceIPAddress\":\"10.0.1.5\",\"vpcEndpointId\":\"vpce-0abc\"")),
        Arguments.of("fieldref.yml",
            event(USER + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\",\"requestParameters\":{\"userName\":\"svc-backup\"}"),
            event(USER + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\",\"requestParameters\":{\"userName\":\"bob\"}")),
        Arguments.of("cidr.yml",
            event(USER + ",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"sourceIPAddress\":\"203.0.113.77\""),
            event(USER + ",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"sourceIPAddress\":\"203.0.114.77\"")),
        Arguments.of("exists.yml",
            event(ROOT + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\""),
            event("\"userIdentity\":{\"type\":\"Root\",\"accountId\":\"111122223333\",\"invokedBy\":\"config.amazonaws.com\"},"
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\"")),
        Arguments.of("one-of-status.yml",
            event(USER + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"DeleteBucket\""),
            event(USER + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"DeleteBucket\",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\"")),
        Arguments.of("all-of-them.yml",
            event(USER + ",\"eventSource\":\"guardduty.amazonaws.com\",\"eventName\":\"DeleteDetector\""),
            event(USER + ",\"eventSource\":\"guardduty.amazonaws.com\",\"eventName\":\"ListDetectors\"")),
        Arguments.of("nested-path.yml",
            event(USER + ",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"additionalEventData\":{\"MFAUsed\":\"No\"},\"responseElements\":{\"ConsoleLogin\":\"Success\"}"),
            event(USER + ",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"additionalEventData\":{\"MFAUsed\":\"Yes\"},\"responseElements\":{\"ConsoleLogin\":\"Success\"}")),
        Arguments.of("not-parens.yml",
            event(role("OpsAdminRole", "ci-maint") + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\""),
            event(role("OrgSecurityAdmin", "alice") + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\"")),
        Arguments.of("status.yml",
            event(USER + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"DeleteSAMLProvider\""),
            event(USER + ",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"DeleteSAMLProvider\",\"errorCode\":\"AccessDenied\"")),
        Arguments.of("one-of-selection.yml",
            event(USER + ",\"eventSource\":\"config.amazonaws.com\",\"eventName\":\"DeleteDeliveryChannel\""),
            event(USER + ",\"eventSource\":\"config.amazonaws.com\",\"eventName\":\"DescribeDeliveryChannels\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void eachRuleShapeMatchesItsPositiveEventAndNotItsNegativeOne(String file, String positive, String negative) throws Exception {
    Path rule = Path.of(SigmaRuleShapesTest.class.getResource("sigma/" + file).toURI());
    RulePack pack = RuleFiles.loadFile(rule);
    assertThat(pack.rules()).hasSize(1);
    DetectionEngine engine = new DetectionEngine(pack);
    assertThat(engine.run(TestEvents.parse(positive)).findings()).as("positive event of " + file).hasSize(1);
    assertThat(engine.run(TestEvents.parse(negative)).findings()).as("negative event of " + file).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aFolderOfRulesLoadsEveryFile() {
    Path dir = Path.of("src/test/resources/io/github/trailbench/core/findings/sigma");
    RuleFiles.Loaded loaded = RuleFiles.load(List.of(dir));
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.pack().rules()).hasSize(13);
  }
}
