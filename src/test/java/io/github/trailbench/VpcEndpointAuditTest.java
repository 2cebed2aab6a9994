package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of calls made through VPC endpoints and of network conditions: "this call came through a VPC endpoint / from
 * inside a VPC - why was it allowed or denied?". Run end to end: the records and IAM data of
 * {@code src/test/resources/fixtures/vpce} (one account's get-account-authorization-details and a resource-policies/v1
 * manifest with four bucket policies, two queue policies and a key policy) are imported with the CLI
 * ({@code trailbench import}) and read back with {@code explain --event ID --json} and {@code findings --format json}.
 *
 * <p>Account 111122223333. Users: dev (identity policy allows s3:GetObject, s3:PutObject, sqs:SendMessage, kms:Decrypt
 * on *), alice (no policy), carol (s3:GetObject allowed, plus the IAM User Guide's "Denies access to AWS based on the
 * source IP" policy for 192.0.2.0/24 and 203.0.113.0/24), dave (s3:GetObject allowed). Endpoints: vpce-1a2b3c4d (the
 * "approved" S3 endpoint), vpce-99998888 and vpce-77776666 (others), vpce-0sqs1111 (SQS), vpce-1234abcd (KMS). The VPC
 * of an endpoint is never in a record.
 *
 * <p>Pages that fix the expected answers:
 *
 * <ul>
 *   <li>[KEYS] IAM User Guide, "AWS global condition context keys"
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html:
 *       aws:SourceIp "This key is included in the request context, except when the requester uses a VPC endpoint to
 *       make the request" and "If the request comes from a host that uses an Amazon VPC endpoint, then the aws:SourceIp
 *       key is not available. You should instead use a VPC-specific key such as aws:VpcSourceIp"; aws:SourceVpc and
 *       aws:SourceVpce "This key is included in the request context only if the requester uses a VPC endpoint to make
 *       the request"; aws:VpcSourceIp "the key matches only if the request originates from the specified IP address and
 *       it goes through a VPC endpoint" / "This key is included in the request context only if the request is made using
 *       a VPC endpoint"; aws:ViaAWSService "returns true when a service uses the credentials of an IAM principal to make
 *       a request on behalf of the principal".
 *   <li>[S3-VPCE] S3 User Guide, "Controlling access from VPC endpoints with bucket policies" (Restricting access to a
 *       specific VPC endpoint: a policy that "allows access to a specific bucket, examplebucket, only from the VPC endpoint
 *       with the ID vpce-1a2b3c4d" by a Deny with StringNotEquals aws:SourceVpce, which "denies all access to the bucket
 *       if the specified endpoint is not being used"; Restricting access to a specific VPC: the same with aws:SourceVpc):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 *   <li>[KMS-VPCE] KMS Developer Guide, "Use VPC endpoints to control access to AWS KMS resources" (key policy
 *       example-key-1, condition written "aws:sourceVpce": "When a user makes a request to AWS KMS, the VPC endpoint ID in
 *       the request is compared to the aws:sourceVpce condition key value in the policy. If they do not match, the
 *       request is denied"), and "Logging AWS KMS requests that use a VPC endpoint" ("When a request to AWS KMS uses a
 *       VPC endpoint, the VPC endpoint ID appears in the AWS CloudTrail log entry that records the request"):
 *       https://docs.aws.amazon.com/kms/latest/developerguide/vpce-policy-condition.html,
 *       https://docs.aws.amazon.com/kms/latest/developerguide/vpce-logging.html
 *   <li>[DENY-IP] IAM User Guide, "AWS: Denies access to AWS based on the source IP" ("all AWS actions are denied when
 *       the source IP address is not in the specified range AND when an AWS service does not make the call"):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
 *   <li>[DP] AWS data perimeter policy examples, resource_based_policies/s3_bucket_policy.json, statement
 *       EnforceNetworkPerimeter (Deny s3:* with NotIpAddressIfExists aws:SourceIp, StringNotEqualsIfExists on the
 *       network, BoolIfExists aws:PrincipalIsAWSService false and aws:ViaAWSService false):
 *       https://github.com/aws-samples/data-perimeter-policy-examples; here with aws:SourceVpce as the network key.
 *   <li>[CT-S3] CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" (Principal {"Service":
 *       "cloudtrail.amazonaws.com"} allowed s3:PutObject on the AWSLogs prefix):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 *   <li>[DENIED-MSG] IAM User Guide, "Troubleshoot access denied error messages": "When a policy explicitly denies access
 *       because the policy contains a Deny statement, then AWS includes the phrase with an explicit deny in a type policy
 *       in the access denied error message. When the policy implicitly denies access, then AWS includes the phrase
 *       because no type policy allows the action action"; VPC endpoint policies are one such type:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 *   <li>[EP-POLICY] AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies": "An endpoint policy
 *       is a resource-based policy that you attach to a VPC endpoint to control which AWS principals can use the endpoint
 *       to access an AWS service. An endpoint policy does not override or replace identity-based policies or
 *       resource-based policies": https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 * </ul>
 *
 * <p>The case holds no VPC endpoint policy (docs/policy-engine.md, "Not implemented yet"): every endpoint has one, so a
 * refusal of a call that came through an endpoint may be the endpoint policy's. Only the product's own paths are used;
 * src/main is not changed. Tests that show a wrong answer fail with what AWS documents and what the product said.
 */
class VpcEndpointAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/vpce");
  static final String VPCE_BUCKET = "arn:aws:s3:::vpce-bucket/data.csv";
  static final String VPC_BUCKET = "arn:aws:s3:::vpc-bucket/data.csv";
  static final String PERIMETER = "arn:aws:s3:::perimeter-bucket/a.csv";
  static final String OPEN = "arn:aws:s3:::open-bucket/report.csv";
  static final String IP_QUEUE = "arn:aws:sqs:us-east-1:111122223333:vpc-ip-queue";
  static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString(), FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("7 resource policies").contains("23 added");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static List<String> missing(JsonNode e) {
    return ExplainedEvents.missing(e);
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }

  static List<String> context(JsonNode e, String key) {
    return ExplainedEvents.contextValues(e, key);
  }

  // ------------------------------------------------------------------ aws:SourceVpce

  /**
   * Question 1. The vpce-bucket policy is [S3-VPCE]'s "Restricting access to a specific VPC endpoint" (Deny s3:* unless
   * StringNotEquals aws:SourceVpce vpce-1a2b3c4d). dev reads through vpce-1a2b3c4d: aws:SourceVpce is the logged
   * vpcEndpointId [KEYS], the Deny does not apply and dev's identity policy allows: Allowed, as recorded.
   */
  @Test
  void callThroughTheNamedEndpointPassesABucketPolicyRestrictedToIt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "vpce-named-get", VPCE_BUCKET, "Allowed", "agrees");
    soft.assertThat(context(e, "aws:SourceVpce")).as("aws:SourceVpce of " + why(e)).containsExactly("vpce-1a2b3c4d");
    soft.assertThat(ExplainedEvents.conditionsOn(e.path("trace"), "aws:SourceVpce"))
        .as("the trace shows the bucket policy's aws:SourceVpce test, so the analyst sees why its Deny did not apply: " + why(e))
        .isNotEmpty();
    io.github.trailbench.cli.CliRun text = io.github.trailbench.cli.CliRun.of("explain", "--case", caseDir.toString(), "--event",
        "vpce-named-get");
    soft.assertThat(text.out().lines().findFirst().orElse("")).as("the explanation's first line names the endpoint")
        .endsWith(" through VPC endpoint vpce-1a2b3c4d");
    soft.assertAll();
  }

  /**
   * Question 2. The same bucket read through another endpoint (vpce-99998888), and over the internet (no
   * vpcEndpointId): [S3-VPCE] "denies all access to the bucket if the specified endpoint is not being used". Over the
   * internet aws:SourceVpce is not in the request [KEYS], so StringNotEquals matches. Both ExplicitDeny, as recorded.
   */
  @Test
  void anotherEndpointOrTheInternetIsRefusedByABucketPolicyRestrictedToOneEndpoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode other = expect(soft, "vpce-other-get", VPCE_BUCKET, "ExplicitDeny", "agrees");
    soft.assertThat(context(other, "aws:SourceVpce")).as(why(other)).containsExactly("vpce-99998888");
    JsonNode internet = expect(soft, "vpce-internet-get", VPCE_BUCKET, "ExplicitDeny", "agrees");
    soft.assertThat(context(internet, "aws:SourceVpce")).as(why(internet)).isEmpty();
    soft.assertThat(missing(internet)).as(why(internet)).doesNotContain("aws:sourcevpce");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ aws:SourceVpc

  /**
   * Question 3. vpc-bucket denies unless aws:SourceVpc = vpc-111bbb22 [S3-VPCE]. A read through vpce-1a2b3c4d carries
   * aws:SourceVpc [KEYS], but CloudTrail logs only the endpoint id, never its VPC: the decision depends on a value the
   * log lacks, so undetermined naming aws:SourceVpc, never guessed from the endpoint.
   */
  @Test
  void sourceVpcThroughAnEndpointIsUndetermined() throws Exception {
    JsonNode e = explain("vpc-endpoint-get");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(missing(e)).as(why(e)).contains("aws:sourcevpc");
    assertThat(context(e, "aws:SourceVpc")).as(why(e)).isEmpty();
  }

  /** Question 4. The same bucket read over the internet: aws:SourceVpc is not in the request [KEYS]: ExplicitDeny, as recorded. */
  @Test
  void sourceVpcIsAbsentOverTheInternet() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "vpc-internet-get", VPC_BUCKET, "ExplicitDeny", "agrees");
    soft.assertThat(missing(e)).as(why(e)).doesNotContain("aws:sourcevpc");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ aws:VpcSourceIp

  /**
   * Question 5. vpc-ip-queue allows alice sqs:SendMessage only with IpAddress aws:VpcSourceIp 10.0.1.0/24 (alice has no
   * identity policy). Through vpce-0sqs1111 from 10.0.1.27: aws:VpcSourceIp is the logged private address and
   * aws:SourceIp is not in the request [KEYS]: Allowed, as recorded.
   */
  @Test
  void vpcSourceIpInTheAllowedSubnetThroughAnEndpoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "vpcip-in-subnet", IP_QUEUE, "Allowed", "agrees");
    soft.assertThat(context(e, "aws:VpcSourceIp")).as(why(e)).containsExactly("10.0.1.27");
    soft.assertThat(context(e, "aws:SourceIp")).as("aws:SourceIp is not available through an endpoint: " + why(e)).isEmpty();
    soft.assertAll();
  }

  /** Question 6. The same through the endpoint from 10.0.2.41, outside the subnet: ImplicitDeny, as recorded. */
  @Test
  void vpcSourceIpOutsideTheAllowedSubnet() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "vpcip-other-subnet", IP_QUEUE, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 7. alice sends to the same queue over the internet (sourceIPAddress 198.51.100.24, no vpcEndpointId).
   * [KEYS]: aws:VpcSourceIp "is included in the request context only if the request is made using a VPC endpoint", so
   * it is absent, the IpAddress condition does not match, no statement allows: ImplicitDeny, as CloudTrail recorded.
   * The log settles it (no vpcEndpointId); "undetermined on aws:VpcSourceIp" would ask for a value AWS never sets.
   */
  @Test
  void vpcSourceIpIsAbsentOverTheInternet() throws Exception {
    JsonNode e = explain("vpcip-internet");
    assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText())
        .as("AWS (IAM User Guide, global condition keys): aws:VpcSourceIp is only in requests made through a VPC"
            + " endpoint; this record has no vpcEndpointId, so the queue policy's IpAddress aws:VpcSourceIp cannot match"
            + " and the call is implicitly denied, as recorded. The product said: " + why(e))
        .isEqualTo("ImplicitDeny / agrees");
  }

  // ------------------------------------------------------------------ aws:SourceIp

  /**
   * Question 8. carol's identity policies hold [DENY-IP] (Deny * when NotIpAddress aws:SourceIp 192.0.2.0/24,
   * 203.0.113.0/24 and aws:ViaAWSService false). Over the internet from 203.0.113.5: Allowed; from 198.51.100.7:
   * ExplicitDeny; both as recorded.
   */
  @Test
  void sourceIpDenyOverTheInternet() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode in = expect(soft, "srcip-corp-internet", OPEN, "Allowed", "agrees");
    soft.assertThat(context(in, "aws:SourceIp")).as(why(in)).containsExactly("203.0.113.5");
    expect(soft, "srcip-other-internet", OPEN, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 9. carol reads through vpce-1a2b3c4d from 10.0.1.30. [KEYS]: "If the request comes from a host that uses
   * an Amazon VPC endpoint, then the aws:SourceIp key is not available": NotIpAddress on an absent key matches, so the
   * source-IP Deny refuses the call even from inside the company's network: ExplicitDeny, as recorded (the classic
   * lock-out an analyst has to explain). The replay must take aws:SourceIp as absent, not as 10.0.1.30 and not unknown.
   */
  @Test
  void sourceIpIsAbsentThroughAnEndpointSoTheSourceIpDenyApplies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "srcip-through-endpoint", OPEN, "ExplicitDeny", "agrees");
    soft.assertThat(context(e, "aws:SourceIp")).as(why(e)).isEmpty();
    soft.assertThat(missing(e)).as(why(e)).doesNotContain("aws:sourceip");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ data perimeter

  /**
   * Question 10. perimeter-bucket holds [DP]'s EnforceNetworkPerimeter (Deny s3:* unless aws:SourceIp in 203.0.113.0/24
   * or aws:SourceVpce = vpce-1a2b3c4d, not for AWS service principals nor calls via AWS services). dev through
   * vpce-1a2b3c4d (aws:SourceIp absent, aws:SourceVpce matches) and from 203.0.113.9 over the internet (aws:SourceVpce
   * absent, aws:SourceIp matches): the Deny's conditions are not all true, Allowed, as recorded.
   */
  @Test
  void dataPerimeterLetsTheApprovedEndpointAndTheCorporateRangeThrough() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "perim-named-endpoint", PERIMETER, "Allowed", "agrees");
    expect(soft, "perim-corp-ip", PERIMETER, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Question 11. The same bucket, dev through another endpoint (vpce-77776666) and from 198.51.100.99 over the
   * internet: every condition of the Deny holds: ExplicitDeny, as recorded.
   */
  @Test
  void dataPerimeterRefusesOtherEndpointsAndOtherAddresses() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "perim-other-endpoint", PERIMETER, "ExplicitDeny", "agrees");
    expect(soft, "perim-internet", PERIMETER, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 12. The perimeter's exceptions. dave's GetObject made by Athena with dave's credentials (userIdentity
   * IAMUser with invokedBy athena.amazonaws.com): aws:ViaAWSService is true [KEYS], the Deny does not apply: Allowed.
   * CloudTrail's own log delivery (userIdentity AWSService, invokedBy cloudtrail.amazonaws.com) allowed by the bucket
   * policy's [CT-S3] statement: aws:PrincipalIsAWSService is true, the Deny does not apply: Allowed. Both as recorded.
   */
  @Test
  void dataPerimeterExemptsCallsViaAndByAwsServices() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode via = expect(soft, "perim-via-service", PERIMETER, "Allowed", "agrees");
    soft.assertThat(context(via, "aws:ViaAWSService")).as(why(via)).containsExactly("true");
    JsonNode svc = expect(soft, "perim-service-principal",
        "arn:aws:s3:::perimeter-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/x.json.gz", "Allowed", "agrees");
    soft.assertThat(context(svc, "aws:PrincipalIsAWSService")).as(why(svc)).containsExactly("true");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ KMS

  /**
   * Question 13. The key holds [KMS-VPCE]'s example-key-1, whose Deny is written with the lower-case key name
   * "aws:sourceVpce" (condition key names are case-insensitive). dev's Decrypt through vpce-1234abcd (the endpoint id
   * is in the record [KMS-VPCE]): Allowed; over the internet: "If they do not match, the request is denied":
   * ExplicitDeny. Both as recorded.
   */
  @Test
  void kmsKeyPolicyRestrictedToAnEndpoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-named-endpoint", KEY, "Allowed", "agrees");
    expect(soft, "kms-internet", KEY, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ refused by the VPC endpoint policy

  /**
   * Question 14. dev's GetObject on open-bucket through vpce-1a2b3c4d was refused with "... because no VPC endpoint
   * policy allows the s3:GetObject action" [DENIED-MSG]: the endpoint policy [EP-POLICY], which the case does not hold,
   * refused it. The case's policies allow it, and they are not wrong for that: the replay must not say the case's
   * policies disagree with CloudTrail. Either undetermined (the endpoint policy is not in the case) or agrees with the
   * endpoint policy named as the cause; the comparison must name the VPC endpoint.
   */
  @Test
  void refusalByTheEndpointPolicyImplicitIsNotADisagreement() throws Exception {
    JsonNode e = explain("epol-implicit-s3");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText())
        .as("AWS: the error message says no VPC endpoint policy allowed the call (IAM User Guide, Troubleshoot access"
            + " denied error messages); the endpoint policy is not in the case, so the case's Allow does not contradict"
            + " the refusal: expected undetermined (or agrees naming the endpoint policy). The product said: " + why(e))
        .isIn("undetermined", "agrees");
    soft.assertThat((e.path("comparison").asText() + " " + e.path("gaps")).toLowerCase(Locale.ROOT))
        .as("the comparison should name the VPC endpoint policy of vpce-1a2b3c4d: " + why(e))
        .contains("vpc endpoint");
    soft.assertAll();
  }

  /**
   * Question 15. dev's SendMessage to open-queue through vpce-0sqs1111 refused "with an explicit deny in a VPC endpoint
   * policy" [DENIED-MSG]. The queue policy and dev's identity policy allow it. Same answer as question 14: not a
   * disagreement of the case's policies.
   */
  @Test
  void refusalByTheEndpointPolicyExplicitIsNotADisagreement() throws Exception {
    JsonNode e = explain("epol-explicit-sqs");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText())
        .as("AWS: the error message says an explicit deny in a VPC endpoint policy refused the call; that policy is not"
            + " in the case: expected undetermined (or agrees naming the endpoint policy), not disagrees. The product"
            + " said: " + why(e))
        .isIn("undetermined", "agrees");
    soft.assertThat((e.path("comparison").asText() + " " + e.path("gaps")).toLowerCase(Locale.ROOT))
        .as("the comparison should name the VPC endpoint policy of vpce-0sqs1111: " + why(e))
        .contains("vpc endpoint");
    soft.assertAll();
  }

  /**
   * Question 16. dev's GetObject on open-bucket through vpce-1a2b3c4d refused with S3's bare "Access Denied" (S3 does
   * not always give the policy type [DENIED-MSG]: "Some AWS services do not support this access denied error message
   * format"). The call passed an endpoint whose policy [EP-POLICY] the case does not hold, and which can refuse what the
   * case's policies allow: the refusal may be the endpoint policy's, so undetermined (a policy in force the case lacks,
   * as decision 99 treats every other one), never "disagrees".
   */
  @Test
  void bareRefusalThroughAnEndpointIsUndetermined() throws Exception {
    JsonNode e = explain("epol-plain-s3");
    assertThat(e.path("verdict").asText())
        .as("AWS: an endpoint policy controls which principals can use the endpoint to access the service and is not in"
            + " the case; a refusal of a call made through vpce-1a2b3c4d that the case's policies allow may be that"
            + " policy's: expected undetermined. The product said: " + why(e))
        .isEqualTo("undetermined");
  }

  /**
   * Question 17 (guard). The same refusal over the internet (no vpcEndpointId): no endpoint policy applies, the case's
   * policies allow, CloudTrail says denied: that is a real disagreement, and the product must keep saying so.
   */
  @Test
  void bareRefusalWithoutAnEndpointStillDisagrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "noendpoint-plain-s3", OPEN, "Allowed", "disagrees");
    soft.assertAll();
  }

  /**
   * Question 18. findings: the "outcome not explained by the case's policies" detection reports denied calls the
   * policies allow, saying "a policy may have changed". The refusals by a VPC endpoint policy (questions 14-16) are
   * explained by a policy the case does not hold (and by the error message itself for 14 and 15): they must not be
   * reported as unexplained by the case's policies; the call over the internet (question 17) may be.
   */
  @Test
  void endpointPolicyRefusalsAreNotReportedAsUnexplainedOutcomes() throws Exception {
    List<String> reported = new ArrayList<>();
    for (JsonNode f : ExplainedEvents.findings(caseDir)) {
      if ("outcome-not-explained-by-policies".equals(f.path("rule").asText())) {
        f.path("eventIds").forEach(id -> reported.add(id.asText() + " (" + f.path("summary").asText() + ")"));
      }
    }
    assertThat(reported)
        .as("AWS: these calls were refused by the VPC endpoint policy (named in the error message) or passed an endpoint"
            + " whose policy the case lacks; the product reported them as outcomes the case's policies do not explain")
        .noneMatch(s -> s.startsWith("epol-"));
  }
}
