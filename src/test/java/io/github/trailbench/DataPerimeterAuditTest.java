package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of data-perimeter and confused-deputy condition keys: "our perimeter is aws:PrincipalOrgID / aws:ResourceOrgID /
 * aws:SourceOrgID / aws:SourceAccount / aws:SourceArn / aws:PrincipalIsAWSService / aws:ViaAWSService / aws:PrincipalOrgPaths
 * conditions — did it hold for these calls, and does the replay decide them as AWS would?". Run end to end: the records
 * and IAM data of {@code src/test/resources/fixtures/perimeter} (written by its make-fixtures.py: get-account-authorization-details
 * of five accounts, an organization/v1 manifest, a resource-policies/v1 manifest) are imported with the CLI and each event is
 * read back with {@code explain --event ID --json}.
 *
 * <p>Organization o-perim00001 (management account 900000000001, FullAWSAccess everywhere, no RCPs):
 *
 * <pre>
 * Root r-pr1m
 * ├─ 900000000001 management        role Reader (s3:GetObject)
 * ├─ OU Workloads ou-pr1m-w0rkl0ds
 * │  ├─ 333344445555                role Reader (s3:GetObject)
 * │  └─ OU Prod ou-pr1m-pr0dpr0d
 * │     └─ 111122223333             data owner: user alice (s3:*, kms:*, sns:*), roles DataEngineer (s3:* + Deny unless
 * │                                 aws:ResourceOrgID = o-perim00001), Publisher (s3:* + AWS's example Deny s3:PutObject unless
 * │                                 aws:ResourceOrgID = ${aws:PrincipalOrgID}), Reader (s3:GetObject), WorkloadsWriter
 * │                                 (s3:PutObject only where aws:ResourceOrgPaths is under Workloads); owns prod-drop
 * └─ OU Sandbox ou-pr1m-s4ndb0x1
 *    └─ 222233334444                role Analyst (s3:GetObject); owns buckets sandbox-drop, workloads-tree/-children/-direct
 * </pre>
 *
 * 444455556666 (user contractor, s3:*) and 777788889999 (owner of exfil-drop) are in no organization the case holds.
 * {@code no-scp/organization.json} is the same tree with no policy listed (SCPs not enabled).
 *
 * <p>Pages that fix the expected answers:
 *
 * <ul>
 *   <li>[KEYS] IAM User Guide, "AWS global condition context keys",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html — intro: "the
 *       aws:SourceAccount condition key is only available when the call to your resource is made directly by an AWS
 *       service principal"; aws:PrincipalIsAWSService: "set to true when a service uses a service principal to perform a
 *       direct action on your resources. The context key is set to false if the service uses the credentials of an IAM
 *       principal to make a request on the principal's behalf"; aws:PrincipalOrgID: "included in the request context only
 *       if the principal is a member of an organization", and (Note) a policy on it "prevents all principals outside of
 *       the specified organization from accessing the Amazon S3 bucket. This includes any AWS services that interact with
 *       your internal resources, such as AWS CloudTrail sending log data to your Amazon S3 buckets"; aws:PrincipalOrgPaths:
 *       "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/" with ForAnyValue:StringEquals "returns true for principals
 *       in accounts that are attached directly to the ou-ab12-22222222 OU, but not in its child OUs"; ".../ou-ab12-22222222/*"
 *       "returns true for principals in an account that is attached directly to the OU or any of its child OUs";
 *       ".../ou-ab12-22222222/ou-*" "returns true for principals in an account that is attached directly to any of the
 *       child OUs, but not directly to the parent OU"; aws:ResourceOrgID: "the identifier of the organization in AWS
 *       Organizations to which the requested resource belongs", example Deny s3:PutObject StringNotEquals aws:ResourceOrgID
 *       "${aws:PrincipalOrgID}" "prevents the principal from adding objects ... unless the Amazon S3 resource belongs to
 *       the same organization as the principal making the request"; aws:SourceArn / aws:SourceAccount: "included in the
 *       request context only if accessing a resource triggers an AWS service to call another service on behalf of the
 *       resource owner"; aws:ViaAWSService: "returns true when a service uses the credentials of an IAM principal to make
 *       a request on behalf of the principal ... also returns false when the principal makes the call directly".
 *   <li>[DEPUTY] IAM User Guide, "The confused deputy problem" (cross-service: restrict service principals with
 *       aws:SourceArn, aws:SourceAccount, aws:SourceOrgID): https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 *   <li>[PERIMETER] AWS whitepaper "Building a data perimeter on AWS", Perimeter implementation: "The primary way to
 *       ensure IAM principals belong to my AWS is by specifying the aws:PrincipalOrgID IAM policy condition"; "In certain
 *       cases, AWS services might use an AWS service principal instead of an IAM role to interact with" your resources
 *       (exempted with aws:PrincipalIsAWSService, and kept to your organization with aws:SourceOrgID):
 *       https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
 *   <li>[CT-S3] CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" (cloudtrail.amazonaws.com s3:PutObject
 *       with s3:x-amz-acl bucket-owner-full-control and aws:SourceArn the trail's ARN):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 *   <li>[S3-LOG] S3 User Guide, "Permissions for log delivery" (logging.s3.amazonaws.com s3:PutObject, ArnLike
 *       aws:SourceArn the source bucket, StringEquals aws:SourceAccount):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 *   <li>[S3-SNS] S3 User Guide, "Granting permissions to publish event notification messages to a destination" (topic
 *       policy for s3.amazonaws.com SNS:Publish with ArnLike aws:SourceArn and StringEquals aws:SourceAccount):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element" (type AWSService with invokedBy for a call an
 *       AWS service principal made; invokedBy on a principal's identity for a call a service made for it):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html;
 *       record contents ("resources ... Optional"; accountId, "the account ID of the resource owner"):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 *   <li>[DENY-IP] IAM User Guide, "AWS: Denies access to AWS based on the source IP" (BoolIfExists aws:ViaAWSService
 *       false spares requests a service makes with the principal's credentials):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json); src/main is not changed. Wrong answers stay failing.
 */
class DataPerimeterAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/perimeter");
  static final List<String> FILES = List.of("events.json", "iam-111122223333.json", "iam-222233334444.json",
      "iam-333344445555.json", "iam-444455556666.json", "iam-900000000001.json", "resource-policies.json");

  @TempDir static Path tmp;
  static Path caseDir;
  static Path noScpCase;

  @BeforeAll
  static void importCases() {
    caseDir = tmp.resolve("case");
    String[] main = java.util.stream.Stream.concat(FILES.stream(), java.util.stream.Stream.of("organization.json"))
        .toArray(String[]::new);
    assertThat(ExplainedEvents.importInto(caseDir, FIXTURES, main).out()).contains("0 rejected");
    noScpCase = tmp.resolve("no-scp-case");
    String[] noScp = java.util.stream.Stream.concat(FILES.stream(), java.util.stream.Stream.of("no-scp/organization.json"))
        .toArray(String[]::new);
    ExplainedEvents.importInto(noScpCase, FIXTURES, noScp);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, null, decision, verdict);
  }

  /** The line of {@code action} of the event (an upload with x-amz-acl has an s3:PutObjectAcl line too). */
  static JsonNode line(Path c, String eventId, String action) throws Exception {
    List<JsonNode> all = ExplainedEvents.all(c, eventId);
    return all.stream().filter(x -> action.equals(x.path("request").path("action").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " line for " + eventId + ExplainedEvents.whyAll(all)));
  }

  /** The outcomes of the trace's condition nodes on {@code key}. */
  static List<String> conditionOutcomes(JsonNode e, String key) {
    return ExplainedEvents.conditionsOn(e.path("trace"), key).stream().map(c -> c.path("outcome").asText()).toList();
  }

  /** The request's values of {@code key} as the trace's condition nodes on it show them (the org keys are not listed in request.context). */
  static List<String> conditionValues(JsonNode e, String key) {
    return ExplainedEvents.conditionsOn(e.path("trace"), key).stream().map(c -> c.path("detail").path("request").asText()).toList();
  }

  /** The Sids of the trace's statements whose outcome is Deny (the statements that denied). */
  static List<String> denyingSids(JsonNode e) {
    List<String> out = new java.util.ArrayList<>();
    ExplainedEvents.walk(e.path("trace"), n -> {
      if ("statement".equals(n.path("kind").asText()) && "Deny".equals(n.path("outcome").asText())) {
        out.add(n.path("detail").path("sid").asText());
      }
    });
    return out;
  }

  // ------------------------------------------------------------------ identity perimeter (bucket policy)

  /**
   * Case 1. [PERIMETER] [KEYS]: perimeter-data's bucket policy denies s3:* unless aws:PrincipalOrgID is o-perim00001 or the
   * caller is an AWS service principal (StringNotEqualsIfExists + BoolIfExists aws:PrincipalIsAWSService false), and grants
   * 222233334444. Analyst (a role session of the member account 222233334444) reads an object: Allowed, as recorded; the
   * perimeter's aws:PrincipalOrgID test is what spared it (its condition node does not match), not a guess: the decision
   * does not depend on aws:PrincipalOrgID.
   */
  @Test
  void aMemberAccountsRoleSessionPassesThePerimeterOnItsOrganization() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "member-get-perimeter", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).doesNotContain("aws:principalorgid");
    soft.assertThat(conditionValues(e, "aws:PrincipalOrgID")).as(why(e)).containsOnly("o-perim00001");
    soft.assertThat(conditionOutcomes(e, "aws:PrincipalOrgID")).as("the perimeter's org test: " + why(e)).isNotEmpty()
        .doesNotContain("Match");
    soft.assertAll();
  }

  /**
   * Case 2. [PERIMETER] [KEYS]: contractor of 444455556666 (in no organization of the case; the bucket policy grants its
   * account) reads the same object. Whatever aws:PrincipalOrgID it carries (none, or another organization's) is not
   * o-perim00001, and it is no service principal: ExplicitDeny by EnforceOrgIdentities, as recorded (AccessDenied).
   */
  @Test
  void anOutsideAccountIsRefusedByThePerimeterStatement() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "outsider-get-perimeter", "ExplicitDeny", "agrees");
    soft.assertThat(denyingSids(e)).as("the statement that denied: " + why(e)).contains("EnforceOrgIdentities");
    soft.assertAll();
  }

  /**
   * Case 3. [KEYS] [CT-S3] [CT-UID]: CloudTrail's service principal (userIdentity type AWSService, invokedBy
   * cloudtrail.amazonaws.com) delivers a log file into perimeter-data. aws:PrincipalIsAWSService is true, so the perimeter
   * Deny does not apply (the branch that decided: its aws:PrincipalIsAWSService condition does not match). The only grant,
   * AWSCloudTrailWrite, requires aws:SourceArn = the trail's ARN, which the record does not carry: the s3:PutObject line is
   * undetermined naming aws:SourceArn — never Allowed by guess, never an explicit deny.
   */
  @Test
  void cloudTrailPassesThePerimeterAsAServiceAndItsGrantHangsOnSourceArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = line(caseDir, "cloudtrail-put-perimeter", "s3:PutObject");
    soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Undetermined");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).contains("aws:sourcearn").doesNotContain("aws:principalorgid");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:PrincipalIsAWSService")).as(why(e)).containsExactly("true");
    soft.assertThat(conditionOutcomes(e, "aws:PrincipalIsAWSService")).as("the perimeter's service test: " + why(e))
        .isNotEmpty().doesNotContain("Match");
    soft.assertAll();
  }

  /**
   * Case 4. [KEYS] (aws:PrincipalOrgID, Note): a perimeter written on aws:PrincipalOrgID alone (perimeter-strict: Deny
   * s3:* StringNotEqualsIfExists aws:PrincipalOrgID o-perim00001, no service exemption) "prevents all principals outside of
   * the specified organization ... This includes any AWS services ..., such as AWS CloudTrail sending log data to your
   * Amazon S3 buckets". CloudTrail's delivery (recorded AccessDenied) is refused by OrgOnly: ExplicitDeny, agrees. A
   * service principal carries no organization of the customer's (absent: IfExists holds; or another: not equal), so the
   * answer does not depend on the key.
   */
  @Test
  void aPerimeterWithoutTheServiceExemptionRefusesCloudTrail() throws Exception {
    JsonNode e = line(caseDir, "cloudtrail-put-strict", "s3:PutObject");
    assertThat(e.path("decision").asText())
        .as("AWS: a PrincipalOrgID-only perimeter refuses CloudTrail's delivery (explicit deny by OrgOnly); product said: "
            + why(e))
        .isEqualTo("ExplicitDeny");
    assertThat(denyingSids(e)).as("the statement that denied: " + why(e)).contains("OrgOnly");
  }

  // ------------------------------------------------------------------ service principals on behalf of a resource

  /**
   * Case 5. [S3-SNS] [KEYS] [DEPUTY]: S3 (userIdentity AWSService, invokedBy s3.amazonaws.com) publishes an event
   * notification to the uploads topic, whose policy allows s3.amazonaws.com only for aws:SourceArn = perimeter-data and
   * aws:SourceAccount = 111122223333. The record names neither the source bucket nor its account: undetermined, naming
   * the source keys.
   */
  @Test
  void anEventNotificationIsUndeterminedOnTheSourceKeys() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "s3-publish-uploads", "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).containsAnyOf("aws:sourcearn", "aws:sourceaccount");
    soft.assertAll();
  }

  /**
   * Case 6. [S3-LOG] [DEPUTY] [KEYS]: S3 server access logging (AWSService, invokedBy logging.s3.amazonaws.com) writes into
   * perimeter-logs, whose policy grants it for aws:SourceArn = perimeter-data and aws:SourceAccount = 111122223333, and
   * whose EnforceConfusedDeputyProtection denies when aws:SourceAccount is present and aws:SourceOrgID is not o-perim00001.
   * None of these is logged: undetermined, naming them; never an explicit deny or an allow by guess.
   */
  @Test
  void serverAccessLogDeliveryIsUndeterminedOnTheSourceKeys() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "logging-put-logs", "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).containsAnyOf("aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).doesNotContain("aws:principalorgid");
    soft.assertAll();
  }

  /**
   * Case 7. [KEYS]: aws:SourceAccount "is only available when the call to your resource is made directly by an AWS
   * service principal". alice's GetObject that Athena made with her credentials (IAMUser with invokedBy
   * athena.amazonaws.com [CT-UID]) is no service principal's call: aws:SourceAccount is absent, the guardrail's Null
   * aws:SourceAccount false fails, EnforceConfusedDeputyProtection does not apply; her identity policy allows: Allowed, as
   * recorded.
   */
  @Test
  void aCallAServiceMadeWithAUsersCredentialsHasNoSourceAccount() throws Exception {
    noSourceKeysAndAllowed("alice-athena-get-logs");
  }

  /**
   * Case 8. [KEYS]: the same read by the DataEngineer role session through Athena (AssumedRole with invokedBy). Whether
   * Athena forwarded the session's credentials or used a role of its own, the caller is an IAM role session, not a service
   * principal, so aws:SourceAccount is absent either way: EnforceConfusedDeputyProtection does not apply; the role's policy
   * allows (perimeter-logs is in the organization, so its ResourceOrgID Deny does not apply): Allowed, as recorded.
   */
  @Test
  void aCallAServiceMadeAsARoleSessionHasNoSourceAccount() throws Exception {
    noSourceKeysAndAllowed("engineer-athena-get-logs");
  }

  static void noSourceKeysAndAllowed(String eventId) throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, eventId);
    String msg = "AWS: aws:SourceAccount is \"only available when the call to your resource is made directly by an AWS service"
        + " principal\"; this call used a principal's credentials (not a service principal), so the key is absent,"
        + " EnforceConfusedDeputyProtection (Null aws:SourceAccount false) does not apply and the call is Allowed; product said: ";
    assertThat(ExplainedEvents.missing(e)).as(msg + why(e)).doesNotContain("aws:sourceaccount", "aws:sourceorgid");
    assertThat(e.path("decision").asText()).as(msg + why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(msg + why(e)).isEqualTo("agrees");
  }

  /** Case 9. [KEYS] (guard): alice's own GetObject on perimeter-logs: no aws:SourceAccount, the guardrail does not apply: Allowed. */
  @Test
  void aPrincipalsOwnCallHasNoSourceAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "alice-get-logs", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Case 19. [KEYS] (aws:PrincipalIsAWSService "set to false if the service uses the credentials of an IAM principal to
   * make a request on the principal's behalf") [PERIMETER]: contractor of 444455556666 has Athena read perimeter-data with
   * its credentials (IAMUser with invokedBy athena.amazonaws.com [CT-UID]). Going through a service does not make the
   * caller a service principal: the perimeter still applies, ExplicitDeny by EnforceOrgIdentities, as recorded.
   */
  @Test
  void anOutsidersCallMadeThroughAServiceIsStillOutsideThePerimeter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "outsider-athena-get-perimeter", "ExplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:PrincipalIsAWSService")).as(why(e)).containsExactly("false");
    soft.assertThat(denyingSids(e)).as("the statement that denied: " + why(e)).contains("EnforceOrgIdentities");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ network perimeter and aws:ViaAWSService

  /**
   * Case 10. [KEYS] [DENY-IP]: the key policy denies kms:* outside 203.0.113.0/24 unless aws:ViaAWSService or
   * aws:PrincipalIsAWSService is true. S3 decrypts an object for alice (IAMUser with invokedBy s3.amazonaws.com: her
   * credentials forwarded, aws:ViaAWSService true): NetworkPerimeter does not apply whatever the service's address;
   * EnableIAMUserPermissions and her policy allow: Allowed, as recorded, with aws:ViaAWSService true.
   */
  @Test
  void decryptThroughS3IsNotCaughtByTheViaAwsServiceFalseDeny() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "alice-decrypt-via-s3", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:ViaAWSService")).as(why(e)).containsExactly("true");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).doesNotContain("aws:sourceip");
    soft.assertAll();
  }

  /** Case 11. [KEYS] [DENY-IP]: alice's own Decrypt from 198.51.100.7 (aws:ViaAWSService false): ExplicitDeny by NetworkPerimeter, as recorded. */
  @Test
  void aDirectDecryptFromOutsideTheNetworkIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "alice-decrypt-direct", "ExplicitDeny", "agrees");
    soft.assertThat(denyingSids(e)).as("the statement that denied: " + why(e)).contains("NetworkPerimeter");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ resource perimeter (aws:ResourceOrgID)

  /**
   * Case 12. [KEYS] (aws:ResourceOrgID): DataEngineer's policy denies s3:* unless aws:ResourceOrgID is o-perim00001;
   * Publisher's is AWS's own example (StringNotEquals aws:ResourceOrgID "${aws:PrincipalOrgID}"). Both upload into
   * sandbox-drop of the member account 222233334444 (resources[].accountId; its bucket policy grants 111122223333):
   * Allowed, as recorded, without depending on aws:ResourceOrgID.
   */
  @Test
  void aBucketOfAMemberAccountPassesTheResourcePerimeter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("engineer-put-member", "publisher-put-member")) {
      JsonNode e = expect(soft, id, "Allowed", "agrees");
      soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).doesNotContain("aws:resourceorgid");
    }
    soft.assertAll();
  }

  /**
   * Case 13. [KEYS] (aws:ResourceOrgID): the same uploads into exfil-drop of 777788889999, an account in no organization the
   * case holds (its bucket policy grants everyone): its aws:ResourceOrgID, if any, is not o-perim00001 (nor the principal's
   * organization): ExplicitDeny by the role's Deny, as recorded.
   */
  @Test
  void aBucketOfAnOutsideAccountIsRefusedByTheResourcePerimeter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "engineer-put-outside", "ExplicitDeny", "agrees");
    soft.assertThat(denyingSids(e)).as("the statement that denied: " + why(e)).contains("DenyResourcesOutsideMyOrganization");
    JsonNode p = expect(soft, "publisher-put-outside", "ExplicitDeny", "agrees");
    soft.assertThat(denyingSids(p)).as("the statement that denied: " + why(p)).contains("DenyPutObjectToS3ResourcesOutsideMyOrganization");
    soft.assertAll();
  }

  /**
   * Case 14. [KEYS] [CT-UID]: DataEngineer uploads into unplaced-drop; the record's bucket resource carries no accountId
   * (the field is optional) and the case holds no policy, ACL or other data placing the bucket. S3 bucket ARNs carry no
   * account, so the case cannot say which organization the resource belongs to: whether the role's Deny applies depends on
   * aws:ResourceOrgID. Expected: undetermined, naming aws:ResourceOrgID — not the caller's own organization by default.
   */
  @Test
  void aBucketTheCaseCannotPlaceIsUndeterminedOnResourceOrgId() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "engineer-put-unplaced");
    assertThat(e.path("verdict").asText())
        .as("AWS: the resource's organization is the owner's, which neither the record nor the case gives: undetermined on"
            + " aws:ResourceOrgID; product said: " + why(e) + " with aws:ResourceOrgID="
            + conditionValues(e, "aws:ResourceOrgID"))
        .isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(e)).as(why(e)).contains("aws:resourceorgid");
  }

  // ------------------------------------------------------------------ aws:PrincipalOrgPaths

  /**
   * Case 15. [KEYS] (aws:PrincipalOrgPaths): workloads-tree (owned by 222233334444) grants s3:GetObject to "*" when
   * ForAnyValue:StringLike aws:PrincipalOrgPaths "o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/*" ("attached directly to the OU or
   * any of its child OUs"). Reader of 333344445555 (directly in Workloads) and Reader of 111122223333 (in Workloads/Prod):
   * Allowed; Reader of the management account (directly under the root): ImplicitDeny. All as recorded.
   */
  @Test
  void orgPathsWithAWildcardCoverTheOuAndItsChildren() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "workloads-reader-tree", "Allowed", "agrees");
    expect(soft, "prod-reader-tree", "Allowed", "agrees");
    expect(soft, "mgmt-reader-tree", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Case 16. [KEYS] (aws:PrincipalOrgPaths): workloads-children grants on ".../ou-pr1m-w0rkl0ds/ou-*" ("attached directly
   * to any of the child OUs, but not directly to the parent OU"): 333344445555 ImplicitDeny, 111122223333 Allowed, as recorded.
   */
  @Test
  void orgPathsWithOuWildcardCoverOnlyTheChildren() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "workloads-reader-children", "ImplicitDeny", "agrees");
    expect(soft, "prod-reader-children", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Case 17. [KEYS] (aws:PrincipalOrgPaths): workloads-direct grants on ForAnyValue:StringEquals
   * "o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/" ("attached directly to the OU, but not in its child OUs"): 333344445555
   * Allowed, 111122223333 ImplicitDeny, as recorded.
   */
  @Test
  void orgPathsWithoutAWildcardCoverOnlyTheOusOwnAccounts() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "workloads-reader-direct", "Allowed", "agrees");
    expect(soft, "prod-reader-direct", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Case 18. [KEYS] (aws:PrincipalOrgPaths): the path is the account's place in the organization ("a text representation
   * of the structure of an Organizations entity"), whatever policies are attached. The same case with an organization
   * manifest listing the tree but no policy (SCPs not enabled, docs/iam-formats.md: "the type is not enabled") must give
   * the same answers as cases 15–17: 333344445555 Allowed on workloads-tree and workloads-direct, 111122223333 Allowed on
   * workloads-children.
   */
  @Test
  void orgPathsDoNotDependOnWhichPoliciesAreAttached() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("workloads-reader-tree", "workloads-reader-direct", "prod-reader-children")) {
      JsonNode e = ExplainedEvents.only(noScpCase, id);
      String msg = "AWS: aws:PrincipalOrgPaths is the account's path o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/… whatever SCPs are"
          + " attached, so the grant holds and the read is Allowed as recorded; product (manifest without SCPs) said "
          + conditionValues(e, "aws:PrincipalOrgPaths") + ": ";
      soft.assertThat(e.path("decision").asText()).as(msg + why(e)).isEqualTo("Allowed");
      soft.assertThat(e.path("verdict").asText()).as(msg + why(e)).isEqualTo("agrees");
      soft.assertThat(conditionValues(e, "aws:PrincipalOrgPaths")).as(msg + why(e)).isNotEmpty()
          .allSatisfy(p -> assertThat(p).startsWith("o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/"));
    }
    soft.assertAll();
  }

  /**
   * Case 20. [KEYS] (aws:ResourceOrgPaths: ForAnyValue:StringLike "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" "will match
   * resources owned by accounts attached to the OU ou-ab12-11111111 or any of the child OUs"): WorkloadsWriter may put
   * objects only into resources whose path is under Workloads. prod-drop of 111122223333 (Workloads/Prod): Allowed;
   * sandbox-drop of 222233334444 (Sandbox): ImplicitDeny (its bucket policy grants 111122223333, the role's does not).
   * Both as recorded.
   */
  @Test
  void resourceOrgPathsCoverTheResourcesOfAccountsBelowTheOu() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "writer-put-prod", "Allowed", "agrees");
    expect(soft, "writer-put-sandbox", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Case 21. [KEYS] (aws:ResourceOrgPaths: "the AWS Organizations path for the accessed resource"): as case 18, for the
   * resource side. With the manifest listing the tree but no SCPs, prod-drop's path is still
   * o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/ou-pr1m-pr0dpr0d/: WorkloadsWriter's upload is Allowed, as recorded.
   */
  @Test
  void resourceOrgPathsDoNotDependOnWhichPoliciesAreAttached() throws Exception {
    JsonNode e = ExplainedEvents.only(noScpCase, "writer-put-prod");
    String msg = "AWS: aws:ResourceOrgPaths of prod-drop is o-perim00001/r-pr1m/ou-pr1m-w0rkl0ds/ou-pr1m-pr0dpr0d/ whatever SCPs"
        + " are attached, so WriteInsideWorkloads allows the upload; product (manifest without SCPs) said "
        + conditionValues(e, "aws:ResourceOrgPaths") + ": ";
    assertThat(e.path("decision").asText()).as(msg + why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(msg + why(e)).isEqualTo("agrees");
  }
}
