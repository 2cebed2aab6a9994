package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "why was this S3 data call allowed or denied?": the IAM action each S3 operation is authorized as, and the
 * S3 condition keys a CloudTrail record carries. The records of {@code src/test/resources/fixtures/s3keys/events.json}
 * (S3 data events in the shape of [CT-S3]), get-account-authorization-details of account 111122223333 and a
 * resource-policies/v1 manifest (bucket policies as get-bucket-policy prints them) are imported with the CLI and each
 * event is read back with {@code explain --event ID --json}. Cases already covered by S3AuthorizationAuditTest (ACLs,
 * ownership, access points, cross-account, x-amz-acl, presigned URLs, SourceVpce) are not repeated. Nothing under
 * src/main is changed.
 *
 * <p>Principals: mapper (s3:* on every fixture bucket), narrow (only s3:GetObject, s3:ListBucket, s3:PutObject on
 * map-bucket), alice (ListBucket on home-bucket with the IAM User Guide home-directory conditions), capped (ListBucket,
 * denied above 100 keys), tagreader (GetObject only with s3:ExistingObjectTag/environment = production) and the role
 * HomeRole (the same home-directory statement, used from the session HomeRole/alice).
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[CT-S3] S3 User Guide, "CloudTrail log file entries for Amazon S3": requestParameters (bucketName, Host, key,
 *       query parameters), additionalEventData SignatureVersion / AuthenticationMethod, tlsDetails:
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
 *   <li>[PERMS] S3 User Guide, "Required permissions for Amazon S3 API operations" ("This page maps S3 API operations to
 *       the required permissions"; bucket operations take the bucket ARN, object operations the object ARN):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html and the Service
 *       Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 *   <li>[HEAD] S3 API Reference, HeadObject: "To use HEAD, you must have the s3:GetObject permission. You need the
 *       relevant read object (or version) permission for this operation":
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html; HeadBucket: "you must have permissions to
 *       perform the s3:ListBucket action": https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 *   <li>[VERSION] S3 API Reference, GetObject: "If you include a versionId in your request header, you must have the
 *       s3:GetObjectVersion permission"; DeleteObject: "s3:DeleteObjectVersion - To delete a specific version of an
 *       object from a versioning-enabled bucket"; PutObjectTagging: "To put tags of any other version, use the versionId
 *       query parameter. You also need permission for the s3:PutObjectVersionTagging action"; ListObjectVersions:
 *       "To use this operation, you must have READ access to the bucket" / s3:ListBucketVersions:
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 *   <li>[MPU] S3 User Guide, "Multipart upload API and permissions": "Upload Part – You must be allowed to perform the
 *       s3:PutObject action"; "Complete Multipart Upload – You must be allowed to perform the s3:PutObject action";
 *       "Abort Multipart Upload – You must be allowed to perform the s3:AbortMultipartUpload action"; "List Parts – You
 *       must be allowed to perform the s3:ListMultipartUploadParts action":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 *   <li>[RESTORE] S3 API Reference, RestoreObject: "you must have permissions to perform the s3:RestoreObject action";
 *       SelectObjectContent: "You must have the s3:GetObject permission for this operation"; GetBucketLocation: the
 *       s3:GetBucketLocation action: https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_SelectObjectContent.html,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 *   <li>[SSE] S3 User Guide, "Requiring server-side encryption with AWS KMS keys" / Bucket policy examples
 *       (StringNotEquals s3:x-amz-server-side-encryption aws:kms; s3:x-amz-server-side-encryption-aws-kms-key-id); AWS
 *       Organizations, "Example SCPs for Amazon S3": "Null": {"s3:x-amz-server-side-encryption": "true"} "restricts all
 *       users from uploading unencrypted objects":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html,
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_s3.html
 *   <li>[HOME] IAM User Guide, "Amazon S3: Allows IAM users access to their S3 home directory, programmatically and in
 *       the console" (StringEquals s3:prefix ["", "home/"] with s3:delimiter "/"; StringLike s3:prefix
 *       "home/${aws:username}/*"); "This policy will not work when using IAM roles because the aws:username variable is
 *       not available when using IAM roles":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_home-directory-console.html
 *   <li>[LIST-KEYS] Service Authorization Reference, Amazon S3 condition keys: s3:prefix, s3:delimiter, s3:max-keys
 *       ("Filters access by maximum number of keys returned in a ListBucket request") on s3:ListBucket:
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 *   <li>[SIGV4-KEYS] S3 API Reference, "Amazon S3 Signature Version 4 Authentication Specific Policy Keys":
 *       s3:signatureversion "AWS" identifies Signature Version 2, "AWS4-HMAC-SHA256" identifies Signature Version 4;
 *       s3:x-amz-content-sha256 "to disallow unsigned content in your bucket" (valid value UNSIGNED-PAYLOAD):
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/bucket-policy-s3-sigv4-conditions.html
 *   <li>[TLS] S3 User Guide, Bucket policy examples (Deny Bool aws:SecureTransport false; NumericLessThan s3:TlsVersion
 *       1.2): https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 *   <li>[TAGS] S3 User Guide, "Tagging and access control policies": "s3:RequestObjectTag/&lt;tag-key&gt; – Use this
 *       condition key to restrict the tag keys and values that you want to allow on objects. This is useful when adding
 *       tags to objects using the PutObjectTagging and PutObject ... requests"; "s3:ExistingObjectTag/&lt;tag-key&gt; –
 *       Use this condition key to verify that an existing object tag has the specific tag key and value":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html. The tag set of a PutObject
 *       appears in the record's requestParameters as "x-amz-tagging" (URL-query form "Project=Blue"); no AWS page showing
 *       a PutObject record with it was found, and the product itself reads that field (EventActionMapper, rule s3-put,
 *       adds s3:PutObjectTagging from it).
 * </ul>
 */
class S3ActionsAndKeysAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/s3keys");
  static final String MAP = "arn:aws:s3:::map-bucket";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString(), FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("5 resource policies").contains("41 added");
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }

  /** Checks the event's only action name, resource, decision and verdict. */
  static JsonNode expectAction(SoftAssertions soft, String eventId, String action, String resource, String decision,
      String verdict) throws Exception {
    JsonNode e = expect(soft, eventId, resource, decision, verdict);
    soft.assertThat(e.path("request").path("action").asText()).as("action of " + ExplainedEvents.why(e)).isEqualTo(action);
    return e;
  }

  /** The explain object of one of the event's evaluated actions. */
  static JsonNode action(String eventId, String action) throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, eventId);
    return all.stream().filter(e -> action.equals(e.path("request").path("action").asText())).findFirst()
        .orElseThrow(() -> new AssertionError(eventId + ": no evaluated action " + action + " among " + all));
  }

  // ------------------------------------------------------------------ action mapping

  /**
   * Q1. HeadObject on docs/a.txt [HEAD]: "To use HEAD, you must have the s3:GetObject permission": s3:GetObject on the
   * object ARN. mapper (s3:*) and narrow (s3:GetObject) are both allowed, as recorded.
   */
  @Test
  void headObjectIsAuthorizedAsGetObject() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-headobject", "s3:GetObject", MAP + "/docs/a.txt", "Allowed", "agrees");
    expectAction(soft, "narrow-headobject", "s3:GetObject", MAP + "/docs/a.txt", "Allowed", "agrees");
    soft.assertAll();
  }

  /** Q2. HeadObject with versionId [HEAD] "the relevant read object (or version) permission": s3:GetObjectVersion. */
  @Test
  void headObjectOfAVersionIsAuthorizedAsGetObjectVersion() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-headobject-version", "s3:GetObjectVersion", MAP + "/docs/a.txt", "Allowed", "agrees");
    soft.assertAll();
  }

  /** Q3. HeadBucket [HEAD]: s3:ListBucket on the bucket ARN (not an object ARN). */
  @Test
  void headBucketIsListBucketOnTheBucket() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-headbucket", "s3:ListBucket", MAP, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q4. ListObjectsV2, logged as eventName ListObjects with list-type 2 [CT-S3]: s3:ListBucket on the bucket ARN [PERMS].
   */
  @Test
  void listObjectsV2IsListBucket() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-listv2", "s3:ListBucket", MAP, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q5. ListObjectVersions [VERSION][PERMS]: s3:ListBucketVersions on the bucket; narrow (s3:ListBucket only) is denied
   * implicitly, as recorded: s3:ListBucket does not cover it.
   */
  @Test
  void listObjectVersionsIsListBucketVersions() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-listversions", "s3:ListBucketVersions", MAP, "Allowed", "agrees");
    expectAction(soft, "narrow-listversions", "s3:ListBucketVersions", MAP, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q6. UploadPart and CompleteMultipartUpload [MPU]: s3:PutObject on the object; narrow (s3:PutObject, no other
   * multipart action) uploads a part: allowed, as recorded.
   */
  @Test
  void uploadPartAndCompleteMultipartUploadArePutObject() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-uploadpart", "s3:PutObject", MAP + "/big/file.bin", "Allowed", "agrees");
    expectAction(soft, "map-complete", "s3:PutObject", MAP + "/big/file.bin", "Allowed", "agrees");
    expectAction(soft, "narrow-uploadpart", "s3:PutObject", MAP + "/big/file.bin", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. AbortMultipartUpload [MPU]: s3:AbortMultipartUpload, not s3:PutObject: narrow is denied implicitly, as recorded.
   */
  @Test
  void abortMultipartUploadNeedsItsOwnAction() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-abort", "s3:AbortMultipartUpload", MAP + "/big/file.bin", "Allowed", "agrees");
    expectAction(soft, "narrow-abort", "s3:AbortMultipartUpload", MAP + "/big/file.bin", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /** Q8. ListParts [MPU]: s3:ListMultipartUploadParts on the object. */
  @Test
  void listPartsIsListMultipartUploadParts() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-listparts", "s3:ListMultipartUploadParts", MAP + "/big/file.bin", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q9. GetObject with versionId [VERSION]: s3:GetObjectVersion; narrow (s3:GetObject only) is denied implicitly, as
   * recorded.
   */
  @Test
  void getObjectOfAVersionNeedsGetObjectVersion() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-getversion", "s3:GetObjectVersion", MAP + "/docs/a.txt", "Allowed", "agrees");
    expectAction(soft, "narrow-getversion", "s3:GetObjectVersion", MAP + "/docs/a.txt", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /** Q10. DeleteObject with versionId [VERSION]: s3:DeleteObjectVersion. */
  @Test
  void deleteObjectOfAVersionIsDeleteObjectVersion() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-deleteversion", "s3:DeleteObjectVersion", MAP + "/docs/a.txt", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q11. GetObjectTagging / PutObjectTagging [PERMS], and PutObjectTagging with versionId [VERSION]:
   * s3:PutObjectVersionTagging.
   */
  @Test
  void objectTaggingOperations() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-gettagging", "s3:GetObjectTagging", MAP + "/docs/a.txt", "Allowed", "agrees");
    expectAction(soft, "map-puttagging", "s3:PutObjectTagging", MAP + "/docs/a.txt", "Allowed", "agrees");
    expectAction(soft, "map-puttagging-version", "s3:PutObjectVersionTagging", MAP + "/docs/a.txt", "Allowed", "agrees");
    soft.assertAll();
  }

  /** Q12. RestoreObject, SelectObjectContent and GetBucketLocation [RESTORE]. */
  @Test
  void restoreSelectAndBucketLocation() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectAction(soft, "map-restore", "s3:RestoreObject", MAP + "/archive/old.bin", "Allowed", "agrees");
    expectAction(soft, "map-select", "s3:GetObject", MAP + "/docs/data.csv", "Allowed", "agrees");
    expectAction(soft, "map-location", "s3:GetBucketLocation", MAP, "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ encryption headers

  /**
   * Q13. kms-bucket denies PutObject with StringNotEquals s3:x-amz-server-side-encryption aws:kms, with Null true, and
   * with StringNotEqualsIfExists on the KMS key ARN [SSE]. The request headers are in requestParameters: aws:kms with the
   * allowed key: allowed; AES256: explicit deny; aws:kms with another key: explicit deny. All as recorded.
   */
  @Test
  void denyUploadsWithoutSseKms() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-put-ok", "arn:aws:s3:::kms-bucket/in/a.csv", "Allowed", "agrees");
    expect(soft, "kms-put-aes", "arn:aws:s3:::kms-bucket/in/b.csv", "ExplicitDeny", "agrees");
    expect(soft, "kms-put-otherkey", "arn:aws:s3:::kms-bucket/in/d.csv", "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q14. A PutObject to kms-bucket with no encryption header in requestParameters (the bucket's default encryption was
   * applied, additionalEventData SSEApplied Default_SSE_KMS). [SSE]: the condition key is the request header, which the
   * bucket default does not set. No AWS page states that every request header is copied to requestParameters, so
   * "undetermined, naming s3:x-amz-server-side-encryption" and "explicit deny" are both acceptable; "allowed" (taking the
   * applied default encryption for the header) is not.
   */
  @Test
  void defaultBucketEncryptionIsNotTheRequestHeader() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "kms-put-default");
    soft.assertThat(e.path("decision").asText()).as("decision of " + ExplainedEvents.why(e)).isIn("Undetermined", "ExplicitDeny");
    if ("Undetermined".equals(e.path("decision").asText())) {
      soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + ExplainedEvents.why(e)).contains("s3:x-amz-server-side-encryption");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ ListBucket keys

  /**
   * Q15. alice's policy [HOME]: ListBucket with StringLike s3:prefix home/${aws:username}/*. Prefix home/alice/: allowed;
   * home/bob/: denied; no prefix at all: denied (the record shows no prefix). All as recorded.
   */
  @Test
  void listBucketOnlyUnderTheUsersHome() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "home-list-own", "arn:aws:s3:::home-bucket", "Allowed", "agrees");
    expect(soft, "home-list-other", "arn:aws:s3:::home-bucket", "ImplicitDeny", "agrees");
    expect(soft, "home-list-noprefix", "arn:aws:s3:::home-bucket", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q16. The root listing of the same example [HOME]: StringEquals s3:prefix ["", "home/"] and s3:delimiter "/". The
   * console's root listing carries prefix "" and delimiter "/": allowed, as recorded. An empty prefix is a value, not a
   * missing key.
   */
  @Test
  void rootListingWithEmptyPrefixAndSlashDelimiter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "home-list-root");
    soft.assertThat(e.path("decision").asText())
        .as("AWS [HOME]: the root listing (prefix \"\", delimiter \"/\") matches StringEquals s3:prefix [\"\", \"home/\"] and"
            + " s3:delimiter \"/\": allowed; the record carries \"prefix\": \"\"; the product said " + ExplainedEvents.why(e))
        .isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + ExplainedEvents.why(e)).isEqualTo("agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as("s3:prefix is in the record (empty): " + ExplainedEvents.why(e)).doesNotContain("s3:prefix");
    soft.assertAll();
  }

  /**
   * Q17. The role HomeRole has the home-directory statement; its session HomeRole/alice lists home/alice/. [HOME]: "This
   * policy will not work when using IAM roles because the aws:username variable is not available": denied, as recorded
   * (the session name is not aws:username).
   */
  @Test
  void usernameVariableDoesNotMatchForARoleSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "home-list-role", "arn:aws:s3:::home-bucket", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /** Q18. capped: Deny ListBucket with NumericGreaterThan s3:max-keys 100 [LIST-KEYS]; max-keys 1000: explicit deny. */
  @Test
  void maxKeysFromTheRequest() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "home-list-maxkeys", "arn:aws:s3:::home-bucket", "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ signature and transport

  /**
   * Q19. sig-bucket denies s3:* with StringNotEquals s3:signatureversion AWS4-HMAC-SHA256 [SIGV4-KEYS]; additionalEventData
   * SignatureVersion SigV4: allowed; SigV2 (s3:signatureversion "AWS"): explicit deny. Both as recorded.
   */
  @Test
  void denyUnlessSignatureVersion4() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sig-v4-get", "arn:aws:s3:::sig-bucket/x.txt", "Allowed", "agrees");
    expect(soft, "sig-v2-get", "arn:aws:s3:::sig-bucket/x.txt", "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q20. tls-bucket denies Bool aws:SecureTransport false and NumericLessThan s3:TlsVersion 1.2 [TLS]. TLSv1.3: allowed;
   * TLSv1.1: explicit deny; no tlsDetails: undetermined, naming aws:SecureTransport.
   */
  @Test
  void denyNonTlsAndOldTls() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "tls-get", "arn:aws:s3:::tls-bucket/x.txt", "Allowed", "agrees");
    expect(soft, "tls-old-get", "arn:aws:s3:::tls-bucket/x.txt", "ExplicitDeny", "agrees");
    JsonNode n = expect(soft, "tls-none-get", "arn:aws:s3:::tls-bucket/x.txt", "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(n)).as("missing of " + ExplainedEvents.why(n)).contains("aws:securetransport");
    soft.assertAll();
  }

  /**
   * Q21. sha-bucket denies PutObject with StringEquals s3:x-amz-content-sha256 UNSIGNED-PAYLOAD [SIGV4-KEYS]. The record
   * does not carry the x-amz-content-sha256 header [CT-S3]: undetermined, naming the key.
   */
  @Test
  void contentSha256IsNotInTheRecord() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "sha-put", "arn:aws:s3:::sha-bucket/u/a.bin", "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + ExplainedEvents.why(e)).contains("s3:x-amz-content-sha256");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ object tags

  /**
   * Q22. tagreader may GetObject only with StringEquals s3:ExistingObjectTag/environment production [TAGS]. Object tags
   * are not in the record: undetermined, naming the key.
   */
  @Test
  void existingObjectTagIsUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "tag-get-existing", "arn:aws:s3:::tag-bucket/t/a.csv", "Undetermined", "undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + ExplainedEvents.why(e)).contains("s3:existingobjecttag/environment");
    soft.assertAll();
  }

  /**
   * Q23. tag-bucket denies PutObject with StringNotEquals s3:RequestObjectTag/Project Blue [TAGS]. The record carries the
   * request's tag set in requestParameters "x-amz-tagging" (Project=Blue, Project=Red). [TAGS]: the key is the tag in the
   * PutObject request: Project=Blue: the deny does not apply, allowed, as recorded; Project=Red: explicit deny, as
   * recorded. The record holds the value; "undetermined" here gives up an answer the log contains.
   */
  @Test
  void requestObjectTagFromXAmzTagging() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode blue = action("tag-put-blue", "s3:PutObject");
    soft.assertThat(blue.path("decision").asText())
        .as("AWS [TAGS]: s3:RequestObjectTag/Project is Blue (x-amz-tagging Project=Blue in the record), so the deny does not"
            + " apply and s3:PutObject is allowed; the product said " + ExplainedEvents.why(blue))
        .isEqualTo("Allowed");
    soft.assertThat(blue.path("verdict").asText()).as("verdict of " + ExplainedEvents.why(blue)).isEqualTo("agrees");
    JsonNode red = action("tag-put-red", "s3:PutObject");
    soft.assertThat(red.path("decision").asText())
        .as("AWS [TAGS]: s3:RequestObjectTag/Project is Red (x-amz-tagging Project=Red in the record), StringNotEquals Blue"
            + " holds: explicit deny; the product said " + ExplainedEvents.why(red))
        .isEqualTo("ExplicitDeny");
    soft.assertThat(red.path("verdict").asText()).as("verdict of " + ExplainedEvents.why(red)).isEqualTo("agrees");
    // the upload's tags also need s3:PutObjectTagging, which is allowed: on its own that line would contradict the
    // refusal, but the call needs both actions and s3:PutObject is what refused it
    JsonNode tagging = action("tag-put-red", "s3:PutObjectTagging");
    soft.assertThat(tagging.path("decision").asText()).as(ExplainedEvents.why(tagging)).isEqualTo("Allowed");
    soft.assertThat(tagging.path("verdict").asText()).as("an allowed action of a call another action refused: "
        + ExplainedEvents.why(tagging)).isEqualTo("agrees");
    soft.assertThat(tagging.path("comparison").asText()).contains("also needs s3:PutObject, which is refused");
    soft.assertThat(ExplainedEvents.eventVerdicts(caseDir)).containsEntry("tag-put-red", "agrees");
    CliRun text = CliRun.of("explain", "--case", caseDir.toString(), "--event", "tag-put-red");
    soft.assertThat(text.out()).as("explain's text names what refused the call beside the allowed action")
        .contains("Allowed on its own; CloudTrail recorded the request as denied, which agrees: the call also needs"
            + " s3:PutObject, which is refused.");
    soft.assertAll();
  }
}
