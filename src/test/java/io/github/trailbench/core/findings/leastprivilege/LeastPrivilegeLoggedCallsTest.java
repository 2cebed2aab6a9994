package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.PolicyVersion;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationFlags;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generated policy allows each logged call on what AWS checks it on, and no more than the log
 * justifies: a copy reads its source (a version with s3:GetObjectVersion) and writes its target,
 * iam:PassRole is on the role passed, actions without resource types and RunInstances are on "*",
 * IAM users and roles keep their paths, an index query is on the index, a batch delete on the
 * bucket's objects. Each case asks the policy engine what the generated policy alone decides.
 */
class LeastPrivilegeLoggedCallsTest {
  static final String ACCT = "111122223333";
  static final String ALICE = "arn:aws:iam::" + ACCT + ":user/alice";
  static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  static int n;

  static String userIdentity() {
    return "{\"type\":\"IAMUser\",\"principalId\":\"AIDAALICE\",\"arn\":\"" + ALICE + "\",\"accountId\":\"" + ACCT
        + "\",\"accessKeyId\":\"AKIAALICE\",\"userName\":\"alice\"}";
  }

  /** A CloudTrail record by alice. */
  static CloudTrailEvent ev(String source, String name, String region, String req, String resp, String resources,
      String errorCode, boolean data) throws Exception {
    n++;
    String json = "{\"eventVersion\":\"1.09\",\"userIdentity\":" + userIdentity() + ",\"eventTime\":\"2026-10-01T10:00:"
        + String.format("%02d", n % 60) + "Z\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + name
        + "\",\"awsRegion\":\"" + region + "\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15\""
        + ",\"requestParameters\":" + (req == null ? "null" : req)
        + ",\"responseElements\":" + (resp == null ? "null" : resp)
        + (errorCode == null ? "" : ",\"errorCode\":\"" + errorCode + "\",\"errorMessage\":\"denied\"")
        + ",\"eventID\":\"e" + n + "\",\"readOnly\":false"
        + (resources == null ? "" : ",\"resources\":" + resources)
        + ",\"eventType\":\"AwsApiCall\",\"managementEvent\":" + (!data) + ",\"recipientAccountId\":\"" + ACCT + "\""
        + (data ? ",\"eventCategory\":\"Data\"" : ",\"eventCategory\":\"Management\"") + "}";
    return CloudTrailRecords.parse(json, "fixture");
  }

  static ManagedPolicy managed(String name, String doc) {
    return new ManagedPolicy(name, "ANPA" + name, "arn:aws:iam::" + ACCT + ":policy/" + name, "/", "v1", Optional.empty(),
        Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new PolicyVersion("v1", true, Optional.empty(), new PolicyDocument(doc, PolicyDocument.Encoding.OBJECT))),
        "fixture");
  }

  /** alice with the given inline identity policy and optional boundary; plus a role at a path. */
  static IamSnapshot iam(String inline, String boundaryDoc) {
    List<ManagedPolicy> policies = new ArrayList<>();
    Optional<AttachedPolicy> boundary = Optional.empty();
    if (boundaryDoc != null) {
      policies.add(managed("Boundary", boundaryDoc));
      boundary = Optional.of(new AttachedPolicy("Boundary", "arn:aws:iam::" + ACCT + ":policy/Boundary"));
    }
    IamUser alice = new IamUser("/", "alice", "AIDAALICE", ALICE, Optional.empty(), List.of(),
        List.of(new InlinePolicy("alice-inline", new PolicyDocument(inline, PolicyDocument.Encoding.OBJECT))), List.of(),
        boundary, Map.of(), "fixture");
    IamUser bob = new IamUser("/division/eng/", "bob", "AIDABOB", "arn:aws:iam::" + ACCT + ":user/division/eng/bob",
        Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), "fixture");
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    IamRole svc = new IamRole("/service-role/", "etl-exec", "AROAETL", "arn:aws:iam::" + ACCT + ":role/service-role/etl-exec",
        Optional.empty(), new PolicyDocument(trust, PolicyDocument.Encoding.OBJECT), List.of(), List.of(), List.of(),
        Optional.empty(), Map.of(), null, "fixture");
    return IamSnapshot.of(List.of(new AuthorizationDetails("fixture", List.of(alice, bob), List.of(), List.of(svc), policies, 1,
        false, Optional.empty())));
  }

  static LeastPrivilegeResult run(List<CloudTrailEvent> events) throws Exception {
    return run(ADMIN, null, events);
  }

  static LeastPrivilegeResult run(String inline, String boundary, List<CloudTrailEvent> events) throws Exception {
    LeastPrivilegeResult r = new LeastPrivilege(iam(inline, boundary)).analyze(ALICE, events);
    return r;
  }

  /** What the generated policy alone decides for alice calling action on resource (the project's own engine). */
  static Decision decide(LeastPrivilegeResult r, String action, String resource) throws Exception {
    PolicySet generated = PolicySet.builder()
        .identity(new NamedPolicy("generated", PolicyParser.parse(r.policy().json(), "generated")))
        .flags(new EvaluationFlags(false, false, false, false, false)).build();
    Decision d = new PolicyEngine().evaluate(Request.builder(ALICE, action, resource).resourceAccount(ACCT).build(), generated)
        .decision();
    return d;
  }

  static UsedAction used(LeastPrivilegeResult r, String action) {
    return r.used().stream().filter(u -> u.action().equalsIgnoreCase(action)).findFirst().orElseThrow(
        () -> new AssertionError(action + " not in used " + r.used().stream().map(UsedAction::action).toList()));
  }

  static String s3res(String... arns) {
    StringBuilder sb = new StringBuilder("[");
    for (String a : arns) {
      String type = a.indexOf('/') > 0 ? "AWS::S3::Object" : "AWS::S3::Bucket";
      sb.append(sb.length() > 1 ? "," : "").append("{\"type\":\"").append(type).append("\",\"ARN\":\"").append(a).append("\"")
          .append(type.endsWith("Bucket") ? ",\"accountId\":\"" + ACCT + "\"" : "").append("}");
    }
    return sb.append("]").toString();
  }

  // ------------------------------------------------------------------ S3

  @Test
  void deleteObjectsNeedsDeleteObjectOnTheObjectsNotOnTheBucket() throws Exception {
    // DeleteObjects: CloudTrail does not log the keys; resources[] names the bucket.
    CloudTrailEvent e = ev("s3.amazonaws.com", "DeleteObjects", "us-east-1",
        "{\"bucketName\":\"data-bkt\",\"Host\":\"data-bkt.s3.us-east-1.amazonaws.com\",\"delete\":\"\"}", null,
        s3res("arn:aws:s3:::data-bkt"), null, true);
    LeastPrivilegeResult r = run(List.of(e));
    // any key of the bucket may have been deleted: the policy must allow DeleteObject on objects of data-bkt
    assertThat(decide(r, "s3:DeleteObject", "arn:aws:s3:::data-bkt/reports/q3.csv")).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void anObjectKeyHoldingWildcardCharactersIsGrantedOnlyAsItself() throws Exception {
    // S3 keys may hold '*' and '?': written as they are, the Resource would match every key of the folder
    CloudTrailEvent e = ev("s3.amazonaws.com", "GetObject", "us-east-1",
        "{\"bucketName\":\"data-bkt\",\"key\":\"exports/*\"}", null, s3res("arn:aws:s3:::data-bkt/exports/*",
            "arn:aws:s3:::data-bkt"), null, true);
    CloudTrailEvent q = ev("s3.amazonaws.com", "GetObject", "us-east-1",
        "{\"bucketName\":\"data-bkt\",\"key\":\"why?.txt\"}", null, s3res("arn:aws:s3:::data-bkt/why?.txt",
            "arn:aws:s3:::data-bkt"), null, true);
    LeastPrivilegeResult r = run(List.of(e, q));
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::data-bkt/exports/*")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::data-bkt/why?.txt")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::data-bkt/exports/payroll.csv")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::data-bkt/whyX.txt")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(r.policy().json()).contains("exports/${*}").contains("why${?}.txt");
  }

  @Test
  void widenedKeysNeverEndInsideAWrittenCharacter() {
    java.util.function.Function<String, UsedAction> used = prefix -> new UsedAction("s3:GetObject", "s3", 40, java.time.Instant.EPOCH,
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> LeastPrivilege.literal(prefix + (i % 2 == 0 ? "*" : "?") + i))
            .toList(), true, true);
    // widened at the last '/', never inside a written ${*}
    assertThat(LeastPrivilege.narrow(used.apply("arn:aws:s3:::b/k"))).containsExactly("arn:aws:s3:::b/*");
  }

  /** A CopyObject of {@code copySource} to dst-bkt/copy/report.csv, as CloudTrail logs it (its resources: target object and bucket). */
  static CloudTrailEvent copyToDstBucket(String copySource) throws Exception {
    return ev("s3.amazonaws.com", "CopyObject", "us-east-1",
        "{\"bucketName\":\"dst-bkt\",\"Host\":\"dst-bkt.s3.us-east-1.amazonaws.com\",\"key\":\"copy/report.csv\","
            + "\"x-amz-copy-source\":\"" + copySource + "\"}",
        null, s3res("arn:aws:s3:::dst-bkt/copy/report.csv", "arn:aws:s3:::dst-bkt"), null, true);
  }

  @Test
  void copyObjectOfAVersionNeedsGetObjectVersionOnTheSource() throws Exception {
    LeastPrivilegeResult r = run(List.of(copyToDstBucket("src-bkt/reports/report.csv?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")));
    assertThat(decide(r, "s3:GetObjectVersion", "arn:aws:s3:::src-bkt/reports/report.csv")).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void copyObjectGrantsNoMoreThanReadSourceWriteTarget() throws Exception {
    LeastPrivilegeResult r = run(List.of(copyToDstBucket("src-bkt/reports/report.csv")));
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::src-bkt/reports/report.csv")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "s3:PutObject", "arn:aws:s3:::dst-bkt/copy/report.csv")).isEqualTo(Decision.ALLOWED);
    // not justified by the log:
    Decision readTarget = decide(r, "s3:GetObject", "arn:aws:s3:::dst-bkt/copy/report.csv");
    Decision writeElsewhere = decide(r, "s3:PutObject", "arn:aws:s3:::any-other-bucket/x");
    assertThat(List.of(readTarget, writeElsewhere)).containsOnly(Decision.IMPLICIT_DENY);
  }

  @Test
  void uploadPartCopyOfAVersionNeedsGetObjectVersion() throws Exception {
    CloudTrailEvent e = ev("s3.amazonaws.com", "UploadPartCopy", "us-east-1",
        "{\"bucketName\":\"dst-bkt\",\"key\":\"big.bin\",\"partNumber\":\"1\",\"uploadId\":\"u1\","
            + "\"x-amz-copy-source\":\"src-bkt/big.bin?versionId=v123\"}",
        null, s3res("arn:aws:s3:::dst-bkt/big.bin", "arn:aws:s3:::dst-bkt"), null, true);
    LeastPrivilegeResult r = run(List.of(e));
    assertThat(decide(r, "s3:GetObjectVersion", "arn:aws:s3:::src-bkt/big.bin")).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void listObjectsHeadObjectVersionedGetObjectAreRight() throws Exception {
    List<CloudTrailEvent> evs = List.of(
        ev("s3.amazonaws.com", "ListObjects", "us-east-1", "{\"bucketName\":\"b1\",\"prefix\":\"in/\"}", null,
            s3res("arn:aws:s3:::b1"), null, true),
        ev("s3.amazonaws.com", "HeadObject", "us-east-1", "{\"bucketName\":\"b1\",\"key\":\"in/a.csv\"}", null,
            s3res("arn:aws:s3:::b1/in/a.csv", "arn:aws:s3:::b1"), null, true),
        ev("s3.amazonaws.com", "GetObject", "us-east-1", "{\"bucketName\":\"b1\",\"key\":\"in/b.csv\",\"versionId\":\"v9\"}",
            null, s3res("arn:aws:s3:::b1/in/b.csv", "arn:aws:s3:::b1"), null, true),
        ev("s3.amazonaws.com", "GetObject", "cn-north-1", "{\"bucketName\":\"cnb\",\"key\":\"k\"}", null, null, null, true));
    LeastPrivilegeResult r = run(evs);
    assertThat(decide(r, "s3:ListBucket", "arn:aws:s3:::b1")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::b1/in/a.csv")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "s3:GetObjectVersion", "arn:aws:s3:::b1/in/b.csv")).isEqualTo(Decision.ALLOWED);
    assertThat(used(r, "s3:GetObject").resources()).contains("arn:aws-cn:s3:::cnb/k");
  }

  // ------------------------------------------------------------------ EC2

  @Test
  void runInstancesIsNotNarrowedToTheInstanceItCreated() throws Exception {
    CloudTrailEvent e = ev("ec2.amazonaws.com", "RunInstances", "us-east-1",
        "{\"instancesSet\":{\"items\":[{\"imageId\":\"ami-0abcdef1234567890\",\"minCount\":1,\"maxCount\":1}]},"
            + "\"instanceType\":\"t3.micro\",\"subnetId\":\"subnet-0123456789abcdef0\","
            + "\"iamInstanceProfile\":{\"arn\":\"arn:aws:iam::" + ACCT + ":instance-profile/web\"}}",
        "{\"reservationId\":\"r-1\",\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0aaaaaaaaaaaaaaa1\",\"imageId\":\"ami-0abcdef1234567890\"}]}}",
        null, null, false);
    LeastPrivilegeResult r = run(List.of(e));
    // RunInstances is authorized on the image, subnet, network interface, security group, volume and the NEW instance
    assertThat(decide(r, "ec2:RunInstances", "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "ec2:RunInstances", "arn:aws:ec2:us-east-1:" + ACCT + ":instance/i-0bbbbbbbbbbbbbbb2"))
        .as("the next launch creates another instance id").isEqualTo(Decision.ALLOWED);
  }

  @Test
  void describeInstancesWithInstanceIdsNeedsStar() throws Exception {
    CloudTrailEvent e = ev("ec2.amazonaws.com", "DescribeInstances", "us-east-1",
        "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0aaaaaaaaaaaaaaa1\"}]},\"filterSet\":{}}", null, null, null, false);
    LeastPrivilegeResult r = run(List.of(e));
    assertThat(LeastPrivilege.narrow(used(r, "ec2:DescribeInstances"))).containsExactly("*");
  }

  // ------------------------------------------------------------------ IAM paths

  @Test
  void iamCallsOnARoleOrUserWithAPathAreNarrowedToTheRealArn() throws Exception {
    List<CloudTrailEvent> evs = List.of(
        ev("iam.amazonaws.com", "AttachRolePolicy", "us-east-1",
            "{\"roleName\":\"etl-exec\",\"policyArn\":\"arn:aws:iam::aws:policy/AmazonS3FullAccess\"}", null, null, null, false),
        ev("iam.amazonaws.com", "CreateAccessKey", "us-east-1", "{\"userName\":\"bob\"}",
            "{\"accessKey\":{\"userName\":\"bob\",\"accessKeyId\":\"AKIABOB\",\"status\":\"Active\"}}", null, null, false));
    LeastPrivilegeResult r = run(evs);
    assertThat(decide(r, "iam:AttachRolePolicy", "arn:aws:iam::" + ACCT + ":role/service-role/etl-exec")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "iam:CreateAccessKey", "arn:aws:iam::" + ACCT + ":user/division/eng/bob")).isEqualTo(Decision.ALLOWED);
  }

  // ------------------------------------------------------------------ DynamoDB

  @Test
  void queryOnAnIndexNeedsTheIndexArn() throws Exception {
    CloudTrailEvent e = ev("dynamodb.amazonaws.com", "Query", "us-east-1",
        "{\"tableName\":\"Orders\",\"indexName\":\"byCustomer\",\"keyConditionExpression\":\"c = :c\"}", null,
        "[{\"accountId\":\"" + ACCT + "\",\"type\":\"AWS::DynamoDB::Table\",\"ARN\":\"arn:aws:dynamodb:us-east-1:" + ACCT
            + ":table/Orders\"}]", null, true);
    LeastPrivilegeResult r = run(List.of(e));
    assertThat(decide(r, "dynamodb:Query", "arn:aws:dynamodb:us-east-1:" + ACCT + ":table/Orders/index/byCustomer"))
        .isEqualTo(Decision.ALLOWED);
  }

  // ------------------------------------------------------------------ PassRole, widening

  @Test
  void createFunctionPassRoleIsNarrowedToTheLoggedRole() throws Exception {
    CloudTrailEvent e = ev("lambda.amazonaws.com", "CreateFunction20150331", "us-east-1",
        "{\"functionName\":\"etl\",\"runtime\":\"python3.12\",\"role\":\"arn:aws:iam::" + ACCT
            + ":role/service-role/etl-exec\",\"handler\":\"app.handler\"}",
        "{\"functionName\":\"etl\",\"functionArn\":\"arn:aws:lambda:us-east-1:" + ACCT + ":function:etl\"}", null, null, false);
    LeastPrivilegeResult r = run(List.of(e));
    assertThat(decide(r, "iam:PassRole", "arn:aws:iam::" + ACCT + ":role/service-role/etl-exec")).isEqualTo(Decision.ALLOWED);
    assertThat(decide(r, "iam:PassRole", "arn:aws:iam::" + ACCT + ":role/OrganizationAccountAccessRole"))
        .as("PassRole of any role is not justified by the log").isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void elevenAssumedRolesInElevenAccountsWidenToAnyRoleAndSaySo() throws Exception {
    List<CloudTrailEvent> evs = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String acct = String.format("2222333344%02d", i);
      evs.add(ev("sts.amazonaws.com", "AssumeRole", "us-east-1",
          "{\"roleArn\":\"arn:aws:iam::" + acct + ":role/ReadOnly\",\"roleSessionName\":\"alice\"}", null,
          "[{\"ARN\":\"arn:aws:iam::" + acct + ":role/ReadOnly\",\"accountId\":\"" + acct + "\",\"type\":\"AWS::IAM::Role\"}]",
          null, false));
    }
    LeastPrivilegeResult r = run(evs);
    // more than ten roles widen to "*" (docs/least-privilege.md), which allows assuming any role: said so
    assertThat(decide(r, "sts:AssumeRole", "arn:aws:iam::" + ACCT + ":role/OpsAdminRole")).isEqualTo(Decision.ALLOWED);
    assertThat(r.caveats()).filteredOn(c -> c.kind() == Caveat.Kind.BROAD_RESOURCES).singleElement().satisfies(c -> {
      assertThat(c.items()).contains("sts:AssumeRole");
      assertThat(c.message()).contains("sts:AssumeRole on \"*\" would let the principal assume or pass any role");
    });
  }

  @Test
  void getObjectInSixBucketsStaysPerBucket() throws Exception {
    List<CloudTrailEvent> evs = new ArrayList<>();
    for (int b = 1; b <= 6; b++) {
      for (int k = 1; k <= 2; k++) {
        evs.add(ev("s3.amazonaws.com", "GetObject", "us-east-1", "{\"bucketName\":\"bkt" + b + "\",\"key\":\"in/f" + k + ".csv\"}",
            null, s3res("arn:aws:s3:::bkt" + b + "/in/f" + k + ".csv", "arn:aws:s3:::bkt" + b), null, true));
      }
    }
    LeastPrivilegeResult r = run(evs);
    // 6 buckets, at most 10 groups by the documented rule: each bucket's objects become bkt<n>/in/*
    assertThat(decide(r, "s3:GetObject", "arn:aws:s3:::payroll-secret/salaries.csv")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void createKeyIsNotNarrowedToTheKeyItCreated() throws Exception {
    String keyArn = "arn:aws:kms:us-east-1:" + ACCT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    CloudTrailEvent e = ev("kms.amazonaws.com", "CreateKey", "us-east-1",
        "{\"keyUsage\":\"ENCRYPT_DECRYPT\",\"keySpec\":\"SYMMETRIC_DEFAULT\",\"origin\":\"AWS_KMS\"}",
        "{\"keyMetadata\":{\"aWSAccountId\":\"" + ACCT + "\",\"keyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"arn\":\"" + keyArn
            + "\",\"keyState\":\"Enabled\"}}",
        "[{\"accountId\":\"" + ACCT + "\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"" + keyArn + "\"}]", null, false);
    LeastPrivilegeResult r = run(List.of(e));
    assertThat(LeastPrivilege.narrow(used(r, "kms:CreateKey"))).containsExactly("*");
  }

  @Test
  void wildcardGrantsCountedUsedAndDenyRemoves() throws Exception {
    String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"iam:*\"],\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"iam:Delete*\",\"Resource\":\"*\"}]}";
    CloudTrailEvent e = ev("s3.amazonaws.com", "GetObject", "us-east-1", "{\"bucketName\":\"b1\",\"key\":\"k\"}", null,
        s3res("arn:aws:s3:::b1/k", "arn:aws:s3:::b1"), null, true);
    LeastPrivilegeResult r = run(inline, null, List.of(getReportsQ3()));
    assertThat(r.unusedByService().get("s3")).doesNotContain("s3:GetObject").contains("s3:GetObjectAcl");
    assertThat(r.granted()).extracting(GrantedAction::action).doesNotContain("iam:DeleteUser").contains("iam:CreateUser");
  }

  @Test
  void kmsViaS3ForTheUserIsUsedAndServiceEventsAreNot() throws Exception {
    String keyArn = "arn:aws:kms:us-east-1:" + ACCT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String res = "[{\"accountId\":\"" + ACCT + "\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"" + keyArn + "\"}]";
    n++;
    String viaS3 = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAALICE\",\"arn\":\"" + ALICE
        + "\",\"accountId\":\"" + ACCT + "\",\"accessKeyId\":\"AKIAALICE\",\"userName\":\"alice\",\"invokedBy\":\"s3.amazonaws.com\"},"
        + "\"eventTime\":\"2026-10-01T11:00:00Z\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"GenerateDataKey\","
        + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"s3.amazonaws.com\",\"userAgent\":\"s3.amazonaws.com\","
        + "\"requestParameters\":{\"keyId\":\"" + keyArn + "\",\"keySpec\":\"AES_256\",\"encryptionContext\":{\"aws:s3:arn\":\"arn:aws:s3:::b1/k\"}},"
        + "\"responseElements\":null,\"eventID\":\"k1\",\"readOnly\":true,\"resources\":" + res
        + ",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"" + ACCT + "\",\"eventCategory\":\"Management\"}";
    String service = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"s3.amazonaws.com\"},"
        + "\"eventTime\":\"2026-10-01T11:00:01Z\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Decrypt\","
        + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"s3.amazonaws.com\",\"userAgent\":\"s3.amazonaws.com\","
        + "\"requestParameters\":{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"},"
        + "\"responseElements\":null,\"eventID\":\"k2\",\"readOnly\":true,\"resources\":" + res
        + ",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"" + ACCT + "\",\"eventCategory\":\"Management\"}";
    LeastPrivilegeResult r = run(List.of(CloudTrailRecords.parse(viaS3, "f"), CloudTrailRecords.parse(service, "f")));
    assertThat(decide(r, "kms:GenerateDataKey", keyArn)).isEqualTo(Decision.ALLOWED);
    assertThat(r.used()).extracting(UsedAction::action).doesNotContain("kms:Decrypt");
  }

  /** A GetObject of reports/q3.pdf, as CloudTrail logs it. */
  static CloudTrailEvent getReportsQ3() throws Exception {
    return ev("s3.amazonaws.com", "GetObject", "us-east-1", "{\"bucketName\":\"reports\",\"key\":\"q3.pdf\"}", null,
        s3res("arn:aws:s3:::reports/q3.pdf", "arn:aws:s3:::reports"), null, true);
  }

  @Test
  void aBoundaryScopedToABucketStillGrantsOnThatBucket() throws Exception {
    // AWS allows what both the identity policy ("*") and the boundary (one bucket) allow
    String boundary = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],"
        + "\"Resource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]}]}";
    LeastPrivilegeResult r = run(ADMIN, boundary, List.of(getReportsQ3()));
    assertThat(r.granted()).extracting(GrantedAction::action).contains("s3:GetObject", "s3:ListBucket")
        .doesNotContain("s3:DeleteObject", "iam:CreateUser");
    assertThat(r.caveats()).noneMatch(c -> c.kind() == Caveat.Kind.USED_BUT_NOT_GRANTED);
  }

  @Test
  void aDenyOutsideOneBucketLeavesTheActionGrantedOnIt() throws Exception {
    String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]}]}";
    LeastPrivilegeResult r = run(inline, null, List.of(getReportsQ3()));
    assertThat(r.granted()).filteredOn(g -> g.action().equals("s3:GetObject")).singleElement()
        .satisfies(g -> assertThat(g.resources()).contains("arn:aws:s3:::reports/*").doesNotContain("*"));
  }
}
