package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationFlags;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of {@code trailbench least-privilege}: "what policy would have been enough for this principal, and what did
 * it use that the trail cannot show?". Two cases are imported with the CLI from
 * {@code src/test/resources/fixtures/leastpriv}: case A (user lp-dev, allowed everything, management and data events:
 * a launch with an instance profile, uploads with tags / an ACL / SSE-KMS, versioned Lambda and batch SQS event
 * names, two refused calls) and case B (user lp-reader, a management-events-only trail). The generated policy
 * ({@code --format policy}) is replayed through the product's own engine (identity policy alone), as
 * LeastPrivilegeLoggedCallsTest does.
 *
 * <p>Sources:
 * <ul>
 *   <li>[SAR] Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3" (and the pages
 *       for EC2, Lambda, SQS): https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html —
 *       the "Resource types" column of the Actions table: "If there is no value for this column, you must specify all
 *       resources ("*") to which the policy applies in the Resource element of your policy statement"; the API
 *       operations table maps CopyObject / PutObject to s3:PutObject plus s3:PutObjectAcl, s3:PutObjectTagging…
 *       (resource type object*).
 *   <li>[EC2-PASS] EC2 User Guide, "Grant permissions to attach an IAM role to an instance":
 *       https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permission-to-pass-iam-roles.html — "If you specify the
 *       resource for iam:PassRole as *, this would grant access to pass any of your IAM roles to an instance. To follow
 *       the best practice of least privilege, specify the ARNs of specific IAM roles with iam:PassRole".
 *   <li>[IP] IAM User Guide / EC2 Auto Scaling guide: "An instance profile is a container for an IAM role that allows
 *       Amazon EC2 to pass the IAM role to an instance when the instance is launched."
 *       https://docs.aws.amazon.com/autoscaling/ec2/userguide/us-iam-role.html
 *   <li>[S3-TAG] S3 API Reference PutObjectTagging / S3 User Guide "Tagging and access control policies":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html — "s3:RequestObjectTagKeys …
 *       adding tags to objects using the PutObjectTagging and PutObject" (an upload with tags is also authorized as
 *       s3:PutObjectTagging, on the object).
 *   <li>[S3-KMS] S3 User Guide, SSE-KMS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html —
 *       "To upload or download an object encrypted with an AWS KMS key to or from Amazon S3, you need
 *       kms:GenerateDataKey and kms:Decrypt permissions on the key."
 *   <li>[SQS-BATCH] SQS Developer Guide, "Amazon SQS batch actions":
 *       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api.html — "You cannot set
 *       permissions explicitly for SendMessageBatch … setting permissions for SendMessage … sets permissions for the
 *       corresponding batch versions of the actions."
 *   <li>[CT-DATA] CloudTrail User Guide, "Logging data events":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html — "By default,
 *       trails and event data stores do not log data events" (S3 object-level GetObject/PutObject are data events).
 * </ul>
 */
class LeastPrivilegeAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/leastpriv");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String A = "111122223333";
  static final String DEV = "arn:aws:iam::" + A + ":user/lp-dev";
  static final String READER = "arn:aws:iam::" + A + ":user/lp-reader";
  static final String APP_ROLE = "arn:aws:iam::" + A + ":role/apps/AppRole";
  static final String KEY = "arn:aws:kms:us-east-1:" + A + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";

  @TempDir static Path tmp;
  static Path caseA;
  static Path caseB;
  static JsonNode devJson;
  static String devPolicy;
  static JsonNode readerJson;

  @BeforeAll
  static void importCases() throws Exception {
    caseA = tmp.resolve("caseA");
    caseB = tmp.resolve("caseB");
    CliRun r = ExplainedEvents.importInto(caseA, FIXTURES, "events.json", "iam-111122223333.json");
    assertThat(r.out()).contains("12 added");
    ExplainedEvents.importInto(caseB, FIXTURES, "events-mgmt.json", "iam-111122223333.json");
    devJson = lp(caseA, DEV, "json");
    devPolicy = lpText(caseA, DEV, "policy");
    readerJson = lp(caseB, READER, "json");
  }

  static String lpText(Path c, String principal, String format) {
    CliRun r = CliRun.of("least-privilege", "--case", c.toString(), "--principal", principal, "--format", format);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r.out();
  }

  static JsonNode lp(Path c, String principal, String format) throws Exception {
    return JSON.readTree(lpText(c, principal, format));
  }

  /** The Resource values of the generated policy's statements that name the action. */
  static List<String> resourcesOf(String action) {
    List<String> out = new ArrayList<>();
    for (JsonNode st : devJson.get("policy").get("Statement")) {
      boolean names = false;
      for (JsonNode a : st.get("Action").isArray() ? st.get("Action") : JSON.createArrayNode().add(st.get("Action"))) {
        names |= a.asText().equalsIgnoreCase(action);
      }
      if (!names) continue;
      JsonNode res = st.get("Resource");
      if (res.isArray()) res.forEach(x -> out.add(x.asText()));
      else out.add(res.asText());
    }
    return out;
  }

  static List<String> actionsOf(JsonNode arr) {
    List<String> l = new ArrayList<>();
    arr.forEach(u -> l.add(u.get("action").asText()));
    return l;
  }

  static JsonNode caveat(JsonNode r, String kind) {
    for (JsonNode c : r.get("caveats")) {
      if (c.get("kind").asText().equals(kind)) return c;
    }
    return null;
  }

  static List<String> allCaveatItems(JsonNode r) {
    List<String> l = new ArrayList<>();
    r.get("caveats").forEach(c -> c.get("items").forEach(i -> l.add(i.asText())));
    return l;
  }

  /** What the generated policy alone decides for lp-dev calling action on resource (the product's engine). */
  static Decision decide(String action, String resource) throws Exception {
    PolicySet generated = PolicySet.builder()
        .identity(new NamedPolicy("generated", PolicyParser.parse(devPolicy, "generated")))
        .flags(new EvaluationFlags(false, false, false, false, false)).build();
    return new PolicyEngine().evaluate(Request.builder(DEV, action, resource).resourceAccount(A).build(), generated)
        .decision();
  }

  // ------------------------------------------------------------------ 1. calls authorized as several actions

  /**
   * Q1. lp-dev launched i-0aaa… with instance profile AppProfile (the case's IAM data: AppProfile holds
   * role/apps/AppRole). [IP] the profile passes its role, [EC2-PASS] iam:PassRole should name the role's ARN, not "*".
   * Expected: iam:PassRole in the proposed policy on arn:aws:iam::111122223333:role/apps/AppRole.
   */
  @Test
  void runInstancesWithAnInstanceProfileProposesPassRoleOnTheProfilesRole() {
    assertThat(actionsOf(devJson.get("used"))).contains("ec2:RunInstances", "iam:PassRole");
    assertThat(resourcesOf("iam:PassRole"))
        .as("[EC2-PASS] RunInstances with instance profile AppProfile passes its role %s (the case's IAM data says so);"
            + " AWS: 'specify the ARNs of specific IAM roles with iam:PassRole'. The product proposed iam:PassRole on %s",
            APP_ROLE, resourcesOf("iam:PassRole"))
        .containsExactly(APP_ROLE);
  }

  /**
   * Q2. Beside the launch, CreateFunction passed role/apps/AppRole by name. Whatever the launch needs, the proposed
   * policy must not let lp-dev pass an unrelated role (e.g. an admin role): [EC2-PASS] "*" "would grant access to pass
   * any of your IAM roles".
   */
  @Test
  void passRoleIsNotBroaderThanTheRolesTheTrailShowsPassed() throws Exception {
    assertThat(decide("iam:PassRole", APP_ROLE)).isEqualTo(Decision.ALLOWED);
    assertThat(decide("iam:PassRole", "arn:aws:iam::" + A + ":role/OrgAdmin"))
        .as("[EC2-PASS] the trail shows only %s passed (CreateFunction names it; AppProfile holds it): the proposed"
            + " policy must not allow passing any other role, but the product's policy has iam:PassRole on %s",
            APP_ROLE, resourcesOf("iam:PassRole"))
        .isEqualTo(Decision.IMPLICIT_DENY);
    // and it is no longer among the actions proposed on "*"
    assertThat(caveat(devJson, "BROAD_RESOURCES").get("items").toString()).doesNotContain("iam:PassRole");
  }

  /**
   * Q3. PutObject with x-amz-tagging: [SAR]/[S3-TAG] authorized as s3:PutObject and s3:PutObjectTagging, both on the
   * object (resource type object*). Expected: s3:PutObjectTagging proposed on arn:aws:s3:::lp-data/up/report.csv.
   */
  @Test
  void anUploadWithTagsProposesPutObjectTaggingOnTheUploadedObject() {
    assertThat(resourcesOf("s3:PutObject")).contains("arn:aws:s3:::lp-data/up/report.csv");
    assertThat(resourcesOf("s3:PutObjectTagging"))
        .as("[SAR] s3:PutObjectTagging has resource type object*: the tags of PutObject lp-data/up/report.csv are"
            + " set on that object. The product proposed s3:PutObjectTagging on %s", resourcesOf("s3:PutObjectTagging"))
        .containsExactly("arn:aws:s3:::lp-data/up/report.csv");
  }

  /**
   * Q4. PutObject with x-amz-acl: [SAR] PutObject maps to s3:PutObjectAcl too (resource type object*), on the object
   * uploaded. Replayed: the proposed policy must not allow setting ACLs on every object of every bucket.
   */
  @Test
  void anUploadWithAnAclProposesPutObjectAclOnlyOnTheUploadedObject() throws Exception {
    assertThat(decide("s3:PutObjectAcl", "arn:aws:s3:::lp-data/up/shared.csv")).isEqualTo(Decision.ALLOWED);
    assertThat(decide("s3:PutObjectAcl", "arn:aws:s3:::customer-exports/pii.csv"))
        .as("[SAR] the ACL of PutObject lp-data/up/shared.csv is on that object; the product proposed s3:PutObjectAcl"
            + " on %s, which lets lp-dev make any object of any bucket public", resourcesOf("s3:PutObjectAcl"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  /**
   * Q5. PutObject with SSE-KMS (responseElements x-amz-server-side-encryption aws:kms, key id): [S3-KMS] the uploader
   * needs kms:GenerateDataKey on the key; S3 calls KMS for it and the trail (no KMS events here) does not show it.
   * Expected: kms:GenerateDataKey on the key in the proposed policy, or a caveat naming it as a permission the log
   * does not show.
   */
  @Test
  void anSseKmsUploadNamesKmsGenerateDataKeyAsNeededOrAsAGap() {
    boolean proposed = resourcesOf("kms:GenerateDataKey").contains(KEY) || resourcesOf("kms:GenerateDataKey").contains("*");
    boolean named = allCaveatItems(devJson).stream().anyMatch(i -> i.toLowerCase().contains("kms:generatedatakey"));
    assertThat(proposed || named)
        .as("[S3-KMS] 'To upload … an object encrypted with an AWS KMS key … you need kms:GenerateDataKey … on the key':"
            + " PutObject lp-data/up/report.csv was encrypted with %s. The product neither proposes kms:GenerateDataKey"
            + " (policy actions: %s) nor names it in a caveat, so the proposed policy would make this upload fail", KEY,
            devJson.get("policy").get("Statement").findValuesAsText("Sid"))
        .isTrue();
  }

  /** Q6. [SAR] Lambda CreateFunction needs lambda:CreateFunction on the function and iam:PassRole on the role. */
  @Test
  void createFunctionProposesTheFunctionAndAllowsPassingItsRole() throws Exception {
    assertThat(resourcesOf("lambda:CreateFunction")).containsExactly("arn:aws:lambda:us-east-1:" + A + ":function:ingest");
    assertThat(decide("iam:PassRole", APP_ROLE)).isEqualTo(Decision.ALLOWED);
  }

  // ------------------------------------------------------------------ 2. actions without resource types

  /**
   * Q7. ec2:DescribeInstances and s3:ListAllMyBuckets have no resource type [SAR]: "you must specify all resources
   * ("*")". A statement on an ARN would not allow them.
   */
  @Test
  void actionsWithoutResourceTypesAreProposedOnStar() throws Exception {
    assertThat(resourcesOf("ec2:DescribeInstances")).containsExactly("*");
    assertThat(resourcesOf("s3:ListAllMyBuckets")).containsExactly("*");
    assertThat(decide("s3:ListAllMyBuckets", "*")).isEqualTo(Decision.ALLOWED);
    assertThat(decide("ec2:DescribeInstances", "*")).isEqualTo(Decision.ALLOWED);
  }

  // ------------------------------------------------------------------ 3. API names that differ from the IAM action

  /** Q8. ListObjectVersions is authorized as s3:ListBucketVersions on the bucket [SAR]. */
  @Test
  void listObjectVersionsIsListBucketVersionsOnTheBucket() {
    assertThat(resourcesOf("s3:ListBucketVersions")).containsExactly("arn:aws:s3:::lp-data");
    assertThat(resourcesOf("s3:ListObjectVersions")).isEmpty();
  }

  /**
   * Q9. CloudTrail logs Lambda API versions in the event name (GetFunctionConfiguration20150331v2); the IAM action is
   * lambda:GetFunctionConfiguration, on the function [SAR, list_awslambda.html].
   */
  @Test
  void aVersionedLambdaEventNameIsTheUnversionedActionOnTheFunction() {
    assertThat(resourcesOf("lambda:GetFunctionConfiguration"))
        .containsExactly("arn:aws:lambda:us-east-1:" + A + ":function:etl");
    assertThat(devPolicy).doesNotContain("20150331");
  }

  /** Q10. [SQS-BATCH] SendMessageBatch is authorized as sqs:SendMessage; there is no sqs:SendMessageBatch action. */
  @Test
  void sendMessageBatchIsSqsSendMessageOnTheQueue() throws Exception {
    assertThat(resourcesOf("sqs:SendMessage")).containsExactly("arn:aws:sqs:us-east-1:" + A + ":jobs");
    assertThat(devPolicy).doesNotContain("SendMessageBatch");
    assertThat(decide("sqs:SendMessage", "arn:aws:sqs:us-east-1:" + A + ":other-queue")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  // ------------------------------------------------------------------ 4. refused calls

  /**
   * Q11. DeleteBucket refused with AccessDenied and TerminateInstances with Client.UnauthorizedOperation: the caller
   * was not authorized, so these are no evidence of a needed permission: listed as denied, not used, not proposed.
   */
  @Test
  void refusedCallsAreListedAsDeniedAndNotProposed() throws Exception {
    assertThat(actionsOf(devJson.get("denied"))).contains("s3:DeleteBucket", "ec2:TerminateInstances");
    assertThat(actionsOf(devJson.get("used"))).doesNotContain("s3:DeleteBucket", "ec2:TerminateInstances");
    assertThat(decide("s3:DeleteBucket", "arn:aws:s3:::lp-logs")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide("ec2:TerminateInstances", "arn:aws:ec2:us-east-1:" + A + ":instance/i-0bbb000000000002"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  // ------------------------------------------------------------------ 5. what the trail cannot show

  /**
   * Q12. Case B logs management events only [CT-DATA]: lp-reader's s3:GetObject grant is unobservable, not "unused":
   * a DATA_EVENTS caveat must name it.
   */
  @Test
  void aManagementOnlyTrailSaysGetObjectUseCannotBeSeen() {
    JsonNode c = caveat(readerJson, "DATA_EVENTS");
    assertThat(c).as("DATA_EVENTS caveat for a management-only trail").isNotNull();
    assertThat(c.get("items").toString()).contains("s3:GetObject");
    assertThat(c.get("message").asText()).contains("cannot be seen");
  }

  /**
   * Q13. lp-reader's kms:Decrypt (what an SSE-KMS GetObject needs [S3-KMS]) has no KMS event in the trail: reported
   * as a gap (a caveat naming kms), not silently as unused.
   */
  @Test
  void kmsDecryptBehindUnseenReadsIsAGapNotJustUnused() {
    assertThat(allCaveatItems(readerJson)).as("caveat items of lp-reader: %s", allCaveatItems(readerJson))
        .anyMatch(i -> i.equals("kms") || i.startsWith("kms:"));
  }

  // ------------------------------------------------------------------ 6. the proposed policy, replayed

  /** Q14. Every successful logged call of lp-dev is allowed by the proposed policy alone, on what AWS checks it on. */
  @Test
  void theProposedPolicyAllowsEveryLoggedSuccessfulCall() throws Exception {
    String[][] calls = {
        {"ec2:RunInstances", "arn:aws:ec2:us-east-1:" + A + ":instance/*"},
        {"ec2:RunInstances", "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890"},
        {"iam:PassRole", APP_ROLE},
        {"s3:PutObject", "arn:aws:s3:::lp-data/up/report.csv"},
        {"s3:PutObjectTagging", "arn:aws:s3:::lp-data/up/report.csv"},
        {"s3:PutObject", "arn:aws:s3:::lp-data/up/shared.csv"},
        {"s3:PutObjectAcl", "arn:aws:s3:::lp-data/up/shared.csv"},
        {"s3:ListAllMyBuckets", "*"},
        {"ec2:DescribeInstances", "*"},
        {"s3:ListBucketVersions", "arn:aws:s3:::lp-data"},
        {"lambda:GetFunctionConfiguration", "arn:aws:lambda:us-east-1:" + A + ":function:etl"},
        {"sqs:SendMessage", "arn:aws:sqs:us-east-1:" + A + ":jobs"},
        {"s3:GetObject", "arn:aws:s3:::lp-data/up/report.csv"},
        {"lambda:CreateFunction", "arn:aws:lambda:us-east-1:" + A + ":function:ingest"}};
    List<String> notAllowed = new ArrayList<>();
    for (String[] c : calls) {
      if (decide(c[0], c[1]) != Decision.ALLOWED) notAllowed.add(c[0] + " on " + c[1]);
    }
    assertThat(notAllowed).as("logged successful calls the proposed policy does not allow").isEmpty();
  }

  /** Q15. Nothing broader than needed on the resources the log names (object, bucket, function, queue). */
  @Test
  void theProposedPolicyIsNoBroaderThanTheNamedResources() throws Exception {
    assertThat(decide("s3:GetObject", "arn:aws:s3:::lp-data/up/other.csv")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide("s3:PutObject", "arn:aws:s3:::lp-logs/x")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide("s3:ListBucketVersions", "arn:aws:s3:::lp-logs")).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide("lambda:GetFunctionConfiguration", "arn:aws:lambda:us-east-1:" + A + ":function:other"))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide("s3:GetObject", "arn:aws:s3:::lp-data")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  /**
   * Q16. Tagging on another object: the upload set tags on lp-data/up/report.csv only [SAR]; the proposed policy must
   * not let lp-dev retag (and so re-classify for ABAC) every object of every bucket.
   */
  @Test
  void theProposedPolicyDoesNotAllowTaggingOtherObjects() throws Exception {
    assertThat(decide("s3:PutObjectTagging", "arn:aws:s3:::customer-exports/pii.csv"))
        .as("[SAR] s3:PutObjectTagging (object*) was used on lp-data/up/report.csv only; the product proposed it on %s",
            resourcesOf("s3:PutObjectTagging"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  /** Q17. Management-only trail: GetBucketLocation (a management event) is narrowed to the bucket it named. */
  @Test
  void aManagementEventOnABucketIsNarrowedToTheBucket() {
    List<String> res = new ArrayList<>();
    for (JsonNode st : readerJson.get("policy").get("Statement")) {
      if (st.get("Action").toString().contains("s3:GetBucketLocation")) {
        JsonNode r = st.get("Resource");
        if (r.isArray()) r.forEach(x -> res.add(x.asText())); else res.add(r.asText());
      }
    }
    assertThat(res).containsExactly("arn:aws:s3:::lp-data");
  }
}
