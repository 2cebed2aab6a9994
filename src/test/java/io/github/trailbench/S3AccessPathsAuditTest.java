package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of S3's other doors, as AWS documents them: regional access points (a bucket policy that does or does not
 * delegate), Multi-Region Access Points, S3 Object Lambda, S3 Access Grants and S3 Express One Zone directory buckets.
 * The analyst's question: "this object was read through X: who read it, and why was it allowed?". Run end to end: the
 * records of {@code src/test/resources/fixtures/s3paths/events.json}, account 111122223333's
 * get-account-authorization-details and a resource-policies/v1 manifest (bucket, access point, Multi-Region Access
 * Point and directory bucket policies as get-bucket-policy prints them) are imported with the CLI and each event is
 * read back with {@code explain --event ID --json} and {@code events --filter}. Cases already in
 * S3AuthorizationAuditTest (access point allowed by its policy, identity policy on the access point ARN, access point
 * Deny, direct request, Multi-Region Access Point allowed) are not repeated.
 *
 * <p>Account 111122223333 owns everything. Users: apreader (no identity policy; named in access point policies),
 * apidentity (s3:GetObject on access point and Multi-Region Access Point object ARNs only), apboth (s3:GetObject on
 * strict-ap's objects and on strict-bucket/*), olapuser (s3-object-lambda:GetObject on redact-olap, s3:GetObject on the
 * supporting access point sales-ap, lambda:InvokeFunction, as [OLAP-IAM]'s example), olapnolambda (s3:GetObject on
 * sales-ap only), grantee (s3:GetDataAccess on the instance), nogrant (none). Roles: redact-fn-role (the transforming
 * function's, s3-object-lambda:WriteGetObjectResponse on *), ag-location-role (the S3 Access Grants location's role,
 * s3:GetObject/PutObject on grants-bucket/*), express-app (s3express:CreateSession on the directory bucket), express-ro
 * and express-none (no identity policy). Buckets: strict-bucket (policy grants only role/backup, no delegation) with
 * access point strict-ap (policy names apreader); arn-bucket (delegates with s3:DataAccessPointArn = good-ap only) with
 * good-ap and other-ap (both name apreader); sales-bucket (delegates with s3:DataAccessPointAccount); mrap-open-bucket
 * (delegates to the Multi-Region Access Point zq3x8kdwm1p7a.mrap, whose policy is not in the case); mrap-strict-bucket
 * (no policy) behind k7qpx2m9lw3bd.mrap (policy names apidentity); directory bucket fast-data--usw2-az1--x-s3 (policy
 * lets express-ro create ReadOnly sessions only).
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[AP-POLICY] S3 User Guide, "Configuring IAM policies for using access points": "For an application or user to
 *       be able to access objects through an access point, both the access point and the underlying bucket must
 *       permit the request"; "Delegating access control to access points" (bucket policy Allow "*" with StringEquals
 *       s3:DataAccessPointAccount, or s3:DataAccessPointArn); example 2 grants s3:ListBucket on the access point's
 *       ARN with an s3:prefix condition: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
 *   <li>[AP-LOG] S3 User Guide, "Monitoring and logging access points": "CloudTrail log entries for requests made
 *       through access points include the access point ARN (which includes the access point name) in the resources
 *       section of the log": https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-monitoring-logging.html
 *   <li>[MRAP] S3 User Guide, "Multi-Region Access Point permissions": "For a request to succeed, all of the following
 *       must permit the operation: The Multi-Region Access Point policy; The underlying AWS Identity and Access
 *       Management (IAM) policy; The underlying bucket policy":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html; requests appear
 *       in CloudTrail with the Multi-Region Access Point's hostname (ALIAS.accesspoint.s3-global.amazonaws.com), which
 *       does not carry its account: https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointCloudTrail.html
 *   <li>[OLAP-IAM] S3 User Guide, "Configuring IAM policies for Object Lambda Access Points": "The following four
 *       resources must have permissions granted to work with Object Lambda Access Points: The IAM identity ...; The
 *       bucket and its associated standard access point ... known as a supporting access point; The Object Lambda
 *       Access Point; The AWS Lambda function"; the example identity policy allows "s3-object-lambda:GetObject" on
 *       arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/my-object-lambda-ap, "s3:GetObject" on the
 *       supporting access point and "lambda:InvokeFunction" on the function:
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-policies.html. Service Authorization Reference, S3
 *       Object Lambda: GetObject and WriteGetObjectResponse act on resource type objectlambdaaccesspoint
 *       (arn:${Partition}:s3-object-lambda:${Region}:${Account}:accesspoint/${AccessPointName}):
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3objectlambda.html
 *   <li>[OLAP-CTX] S3 User Guide, "Event context format and usage": the user request goes to
 *       "object-lambda-111122223333.s3-object-lambda.us-east-1.amazonaws.com" (the Host of the fixture's records);
 *       inputS3Url is "A presigned URL that can be used to fetch the original object from Amazon S3. The URL is signed
 *       by using the original caller's identity, and that user's permissions apply" (through the supporting access
 *       point): https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-event-context.html. No AWS page shows a
 *       CloudTrail record of an Object Lambda GetObject or WriteGetObjectResponse; the fixture's (eventSource
 *       s3.amazonaws.com, the Host above, resources[] with AWS::S3ObjectLambda::AccessPoint, the CloudTrail data event
 *       resource type of Object Lambda access points) is an assumption. The cases assert only what the permissions
 *       pages fix: the action and the Object Lambda access point ARN.
 *   <li>[AG] S3 User Guide, "Request access to Amazon S3 data through S3 Access Grants": "GetDataAccess first verifies
 *       that you have granted this identity access to the data. Then, S3 Access Grants uses the AssumeRole API
 *       operation to obtain a temporary credential token and vends it to the requester":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-credentials.html; S3 API Reference,
 *       GetDataAccess: "You must have the s3:GetDataAccess permission to use this operation":
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetDataAccess.html; Service Authorization Reference,
 *       S3: GetDataAccess requires resource accessgrantsinstance, arn:${Partition}:s3:${Region}:${Account}:access-grants/default;
 *       "Working with S3 Access Grants instances": "You can create only one S3 Access Grants instance per AWS Region
 *       per account": https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-instance.html. Whether and how
 *       the later data call's record names the grantee (source identity) is not documented: left out.
 *   <li>[EXPRESS-AUTHZ] S3 User Guide, "Authorizing Zonal endpoint API operations with CreateSession": "To use Zonal
 *       endpoint API operations (object-level, or data plane operations), except for CopyObject and HeadBucket, you use
 *       the CreateSession API operation ... you must allow the s3express:CreateSession action for your directory
 *       bucket in an identity-based policy or a bucket policy"; "In your bucket policy, you can specify the
 *       s3express:SessionMode condition key to control who can create ReadWrite or ReadOnly sessions":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-create-session.html; S3 API Reference,
 *       CreateSession: "After the session is created, you don't need to use other policies to grant permissions to
 *       each Zonal endpoint API individually": https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateSession.html;
 *       the AWS managed policy AmazonS3ExpressReadOnlyAccess allows s3express:CreateSession with StringEquals
 *       s3express:SessionMode ReadOnly.
 *   <li>[EXPRESS-LOG] S3 User Guide, "CloudTrail log file examples for directory buckets" (CreateSession: eventSource
 *       s3express.amazonaws.com, requestParameters bucketName, host, "x-amz-create-session-mode": "ReadWrite"):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-log-files.html; "Monitoring and logging
 *       access points for directory buckets" (resources AWS::S3Express::Object, AWS::S3Express::DirectoryBucket with
 *       arn:aws:s3express:REGION:ACCOUNT:bucket/NAME): 
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-directory-buckets-monitoring-logging.html
 * </ul>
 */
class S3AccessPathsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/s3paths");
  static final String A = "111122223333";
  static final String AP = "arn:aws:s3:us-east-1:" + A + ":accesspoint/";
  static final String OLAP = "arn:aws:s3-object-lambda:us-east-1:" + A + ":accesspoint/redact-olap";
  static final String DIRECTORY_BUCKET = "arn:aws:s3express:us-west-2:" + A + ":bucket/fast-data--usw2-az1--x-s3";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json", "resource-policies.json");
    assertThat(r.out()).contains("9 resource policies").contains("22 added");
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static List<String> ids(String filter) throws Exception {
    return ExplainedEvents.events(caseDir, filter).stream().map(e -> e.path("eventId").asText()).toList();
  }

  // ------------------------------------------------------------------ access points

  /**
   * Q1. apreader (no identity policy) reads hr/salaries.csv through strict-ap, whose policy names apreader for
   * s3:GetObject; strict-bucket's policy grants only role/backup and does not delegate to access points. [AP-POLICY]:
   * the access point permits, the bucket does not: refused (implicit deny), as CloudTrail recorded; the explanation
   * names both the access point and the bucket.
   */
  @Test
  void anAccessPointPolicyAloneDoesNotOpenABucketThatDoesNotDelegate() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "ap-strict-reader-get", null, "ImplicitDeny", "agrees");
    soft.assertThat(e.path("gaps").toString()).as("names the access point and the bucket: " + why(e))
        .contains(AP + "strict-ap").contains("arn:aws:s3:::strict-bucket");
    soft.assertAll();
  }

  /**
   * Q2. apidentity, whose identity policy allows s3:GetObject on strict-ap's object ARNs only (not on
   * arn:aws:s3:::strict-bucket/*), reads through strict-ap. [AP-POLICY]: the bucket does not permit (no bucket policy
   * grant, no delegation, no identity grant on the bucket's ARN): implicit deny, as recorded.
   */
  @Test
  void anIdentityGrantOnTheAccessPointArnAloneDoesNotReachANonDelegatingBucket() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ap-strict-identity-get", "arn:aws:s3:::strict-bucket/hr/salaries.csv", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q3. apboth's identity policy allows s3:GetObject on strict-ap's objects and on strict-bucket/*; the bucket does not
   * delegate. [AP-POLICY], same account: both the access point and the bucket permit: allowed, as recorded; the
   * request is shown on the access point's object ARN.
   */
  @Test
  void identityGrantsOnBothArnsAllowThroughANonDelegatingBucket() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ap-strict-both-get", AP + "strict-ap/object/hr/salaries.csv", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q4. arn-bucket delegates only to good-ap (StringEquals s3:DataAccessPointArn). apreader reads through other-ap,
   * whose policy names it. [AP-POLICY]: s3:DataAccessPointArn is other-ap's ARN, the delegation does not apply:
   * implicit deny, as recorded (decided from the record's access point, not undetermined).
   */
  @Test
  void aBucketDelegatingByAccessPointArnRefusesAnotherAccessPoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ap-other-get", "arn:aws:s3:::arn-bucket/public/a.csv", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q5. The same read through good-ap: the bucket delegates to it and good-ap's policy names apreader on public/*.
   * [AP-POLICY]: allowed by the access point policy, as recorded; s3:DataAccessPointArn in the request is good-ap's.
   */
  @Test
  void aBucketDelegatingByAccessPointArnAllowsThatAccessPoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "ap-good-get", AP + "good-ap/object/public/a.csv", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "s3:DataAccessPointArn")).as(why(e)).containsExactly(AP + "good-ap");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("resource-based policy " + AP + "good-ap");
    soft.assertAll();
  }

  /**
   * Q6. ListObjectsV2 through good-ap: [AP-POLICY] example 2 grants s3:ListBucket on the access point's own ARN with an
   * s3:prefix condition. prefix public/2026/ is allowed; prefix private/ is refused (implicit deny), both as recorded.
   */
  @Test
  void aListThroughAnAccessPointIsAskedOnTheAccessPointArnWithItsPrefix() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "ap-good-list", AP + "good-ap", "Allowed", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3:ListBucket");
    expect(soft, "ap-good-list-private", AP + "good-ap", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. "What went through good-ap?" [AP-LOG]: the record's resources[] holds the access point ARN, so
   * resource:ACCESS_POINT_ARN finds good-ap's three calls and not other-ap's; resource:BUCKET_ARN finds all four calls on
   * arn-bucket.
   */
  @Test
  void theResourceFilterFindsAccessPointCallsByTheAccessPointArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(ids("resource:\"" + AP + "good-ap\"")).containsExactlyInAnyOrder("ap-good-get", "ap-good-list",
        "ap-good-list-private");
    soft.assertThat(ids("resource:\"arn:aws:s3:::arn-bucket\"")).containsExactlyInAnyOrder("ap-other-get", "ap-good-get",
        "ap-good-list", "ap-good-list-private");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Multi-Region Access Points

  /**
   * Q8. apidentity reads through zq3x8kdwm1p7a.mrap (Host only); the case holds no policy of that Multi-Region Access
   * Point, so its ARN (account) is not known, and mrap-open-bucket delegates by s3:DataAccessPointArn. [MRAP]: the
   * host does not carry the account, the decision needs the key: undetermined on s3:DataAccessPointArn, never a guess.
   */
  @Test
  void aMultiRegionAccessPointWithoutAKnownArnIsUndeterminedOnItsKey() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "mrap-nopolicy-get", null, "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).contains("s3:dataaccesspointarn");
    soft.assertAll();
  }

  /**
   * Q9. apidentity reads through k7qpx2m9lw3bd.mrap: its identity policy and the MRAP policy allow the MRAP's objects,
   * mrap-strict-bucket has no policy. [MRAP]: "all of the following must permit": the bucket does not: implicit deny,
   * as recorded; the explanation names the Multi-Region Access Point.
   */
  @Test
  void aMultiRegionAccessPointNeedsTheUnderlyingBucketToo() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "mrap-strict-get", null, "ImplicitDeny", "agrees");
    soft.assertThat(e.path("gaps").toString()).as(why(e)).contains("arn:aws:s3::" + A + ":accesspoint/k7qpx2m9lw3bd.mrap");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ S3 Object Lambda

  /**
   * Q10. olapuser GetObject through the Object Lambda access point redact-olap (allowed in the log). [OLAP-IAM]: the
   * call is authorized as s3-object-lambda:GetObject on the Object Lambda access point's ARN, which olapuser's policy
   * allows: allowed, agrees; and action:s3-object-lambda:GetObject finds the call.
   */
  @Test
  void anObjectLambdaGetObjectIsAskedAsS3ObjectLambdaGetObject() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "olap-get");
    soft.assertThat(e.path("request").path("action").asText())
        .as("AWS documents s3-object-lambda:GetObject on the Object Lambda access point [OLAP-IAM]; the product said " + why(e))
        .isEqualTo("s3-object-lambda:GetObject");
    soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(OLAP);
    soft.assertThat(e.path("decision").asText()).as("olapuser's policy allows s3-object-lambda:GetObject: " + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("CloudTrail recorded it allowed: " + why(e)).isEqualTo("agrees");
    soft.assertThat(ids("action:s3-object-lambda:GetObject")).as("who used the Object Lambda access point")
        .contains("olap-get", "olap-get-denied");
    soft.assertAll();
  }

  /**
   * Q11. olapnolambda (s3:GetObject on the supporting access point only) GetObject through redact-olap, refused.
   * [OLAP-IAM]: the missing permission is s3-object-lambda:GetObject on the Object Lambda access point: implicit deny,
   * and the explanation must name that action (not s3:GetObject, which the user has on the supporting access point).
   */
  @Test
  void anObjectLambdaRefusalIsForTheMissingS3ObjectLambdaGetObject() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "olap-get-denied");
    soft.assertThat(e.path("request").path("action").asText())
        .as("AWS documents s3-object-lambda:GetObject [OLAP-IAM]; the product said " + why(e)).isEqualTo("s3-object-lambda:GetObject");
    soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ImplicitDeny");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("s3-object-lambda:GetObject");
    soft.assertAll();
  }

  /**
   * Q12. The transforming function fetches the original through the supporting access point sales-ap with the
   * presigned inputS3Url, signed with olapuser's identity [OLAP-CTX] (AuthenticationMethod QueryString). sales-bucket
   * delegates to its account's access points, olapuser's policy allows sales-ap's objects [AP-POLICY]: allowed, agrees,
   * the principal is olapuser.
   */
  @Test
  void theSupportingAccessPointReadIsDecidedWithTheCallersIdentity() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "olap-supporting-get", AP + "sales-ap/object/customers/list.csv", "Allowed", "agrees");
    soft.assertThat(e.path("request").path("principal").asText()).as(why(e)).isEqualTo("arn:aws:iam::" + A + ":user/olapuser");
    soft.assertAll();
  }

  /**
   * Q13. The function's execution role calls WriteGetObjectResponse. [OLAP-IAM] / Service Authorization Reference:
   * s3-object-lambda:WriteGetObjectResponse, which the role's policy allows on *: allowed, agrees; the principal is
   * the function role's session.
   */
  @Test
  void writeGetObjectResponseIsTheFunctionRolesAction() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "olap-wgor", null, "Allowed", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3-object-lambda:WriteGetObjectResponse");
    soft.assertThat(e.path("request").path("principal").asText()).as(why(e))
        .isEqualTo("arn:aws:sts::" + A + ":assumed-role/redact-fn-role/redact-fn");
    soft.assertAll();
  }

  /** Q14. "What went through redact-olap?": resource:OLAP_ARN finds the two GetObject calls and the function's response. */
  @Test
  void theResourceFilterFindsObjectLambdaCallsByTheObjectLambdaAccessPointArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(ids("resource:\"" + OLAP + "\"")).containsExactlyInAnyOrder("olap-get", "olap-get-denied", "olap-wgor");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ S3 Access Grants

  /**
   * Q15. grantee calls GetDataAccess (allowed); its identity policy allows s3:GetDataAccess on
   * arn:aws:s3:us-east-1:111122223333:access-grants/default. [AG]: the action is s3:GetDataAccess on the account's
   * Access Grants instance, whose ARN is fixed by account and Region (one instance per Region per account, id
   * "default"): allowed, agrees, not undetermined on the resource.
   */
  @Test
  void getDataAccessIsAskedOnTheAccountsAccessGrantsInstance() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "ag-getdataaccess");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3:GetDataAccess");
    soft.assertThat(e.path("request").path("resource").asText())
        .as("AWS documents the instance arn:aws:s3:REGION:ACCOUNT:access-grants/default, one per Region and account [AG]; the product said "
            + why(e))
        .isEqualTo("arn:aws:s3:us-east-1:" + A + ":access-grants/default");
    soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /** Q16. nogrant (no policy) calls GetDataAccess, refused. [AG]: s3:GetDataAccess is not allowed: implicit deny, agrees. */
  @Test
  void getDataAccessWithoutThePermissionIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "ag-getdataaccess-denied", null, "ImplicitDeny", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3:GetDataAccess");
    soft.assertAll();
  }

  /**
   * Q17. The object is then read with the vended credentials: [AG] S3 Access Grants obtains them with AssumeRole of
   * the location's role, so the caller is that role's session, and the role's policy (s3:GetObject on grants-bucket/*)
   * is what allows it: allowed, agrees, the principal named is the ag-location-role session.
   */
  @Test
  void aReadWithVendedCredentialsIsTheLocationRolesSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "ag-getobject", "arn:aws:s3:::grants-bucket/reports/q4.csv", "Allowed", "agrees");
    soft.assertThat(e.path("request").path("principal").asText()).as(why(e))
        .isEqualTo("arn:aws:sts::" + A + ":assumed-role/ag-location-role/access-grants-1a2b3c4d");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ S3 Express One Zone

  /**
   * Q18. express-app calls CreateSession on fast-data--usw2-az1--x-s3 (record as [EXPRESS-LOG]); its policy allows
   * s3express:CreateSession on the directory bucket's ARN. [EXPRESS-AUTHZ]: allowed, agrees, on the bucket ARN.
   */
  @Test
  void createSessionIsAskedOnTheDirectoryBucket() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "x-createsession", DIRECTORY_BUCKET, "Allowed", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3express:CreateSession");
    soft.assertAll();
  }

  /**
   * Q19. express-ro (no identity policy) creates a ReadOnly session; the bucket policy lets it create sessions with
   * StringEquals s3express:SessionMode ReadOnly. The record carries "x-amz-create-session-mode": "ReadOnly"
   * [EXPRESS-LOG], the mode the condition key tests [EXPRESS-AUTHZ]: allowed, agrees, decided from the record.
   */
  @Test
  void theSessionModeComesFromTheCreateSessionRecord() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "x-createsession-ro");
    soft.assertThat(ExplainedEvents.contextValues(e, "s3express:SessionMode"))
        .as("the record's x-amz-create-session-mode is s3express:SessionMode [EXPRESS-AUTHZ]; the product said " + why(e))
        .containsExactly("ReadOnly");
    soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q20. express-ro asks for a ReadWrite session, refused. The bucket policy allows ReadOnly sessions only: implicit
   * deny, agrees [EXPRESS-AUTHZ]; the record names the mode, so the product must not be undetermined.
   */
  @Test
  void aReadWriteSessionIsRefusedByASessionModeCondition() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "x-createsession-ro-rw");
    soft.assertThat(e.path("decision").asText())
        .as("the record's mode ReadWrite fails StringEquals s3express:SessionMode ReadOnly [EXPRESS-AUTHZ]; the product said " + why(e))
        .isEqualTo("ImplicitDeny");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /** Q21. express-none (no policy, not in the bucket policy) CreateSession, refused: implicit deny, agrees [EXPRESS-AUTHZ]. */
  @Test
  void createSessionWithoutPermissionIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "x-createsession-none", DIRECTORY_BUCKET, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q22. express-app's GetObject and PutObject on the directory bucket (eventSource s3express.amazonaws.com), allowed.
   * [EXPRESS-AUTHZ]: they are authorized by the session ("you don't need to use other policies to grant permissions
   * to each Zonal endpoint API individually"), so the product must never say they disagree (express-app has no
   * s3:GetObject or s3:PutObject permission).
   */
  @Test
  void directoryBucketDataCallsNeverDisagree() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    Map<String, String> verdicts = ExplainedEvents.eventVerdicts(caseDir);
    soft.assertThat(verdicts.get("x-getobject")).as("x-getobject").isNotNull().isNotEqualTo("disagrees");
    soft.assertThat(verdicts.get("x-putobject")).as("x-putobject").isNotNull().isNotEqualTo("disagrees");
    soft.assertAll();
  }

  /**
   * Q23. "Why was that directory bucket read allowed?" [EXPRESS-AUTHZ]: the permission that authorizes a Zonal data call
   * is s3express:CreateSession on the directory bucket (the session's credentials carry it). The explanation must
   * name it: s3express:CreateSession on arn:aws:s3express:us-west-2:111122223333:bucket/fast-data--usw2-az1--x-s3,
   * allowed by express-app's policy.
   */
  @Test
  void aDirectoryBucketReadIsExplainedByTheSessionsCreateSession() throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", "x-getobject", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> lines = ExplainedEvents.jsonLines(r.out());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(lines)
        .as("AWS documents the data call as authorized by s3express:CreateSession on the directory bucket [EXPRESS-AUTHZ]; the product said: "
            + r.out().strip())
        .hasSize(1);
    if (lines.size() == 1) {
      JsonNode e = lines.get(0);
      soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("s3express:CreateSession");
      soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(DIRECTORY_BUCKET);
      soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    }
    soft.assertAll();
  }
}
