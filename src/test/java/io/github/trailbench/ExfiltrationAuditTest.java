package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "did data leave the account, how, and would the findings have told me?", end to end: the records of
 * {@code src/test/resources/fixtures/exfil/events.json} (hand-made CloudTrail records in the request shapes of each
 * service's API reference, written by {@code make_events.py}; one IAM user per case so that no two cases merge into
 * one finding) are imported with the CLI together with the organization manifest {@code organization.json} (the
 * case's account 111122223333 and the backup account 222233334444 in organization o-3xf1ltr4t10), and read back with
 * {@code findings --no-save --format json}. 999988887777 is an outside account. Nothing under src/main is changed.
 *
 * <p>Expectations come from AWS's documentation (cited per case) and, for what the product promises, from
 * docs/detections.md: "Denied attempts": a finding whose calls all failed reads "attempted" (stateful kinds:
 * "— attempts only"), its severity lowered two levels, never below low.
 *
 * <p>Not repeated here: SharingAuditTest (EBS snapshot public, AMI shared with organizations/OUs, Aurora snapshot
 * public, RDS snapshot shared, Lambda/RAM/SQS/SNS/ECR/secret/KMS sharing, S3 replication to an outside account with one
 * rule, public bucket policy with a TLS-only Deny), StratusCoverageAuditTest (Stratus exfiltration techniques),
 * WindowsAuditTest (secret/bulk-read thresholds, refused reads not counted as bulk reads), AttemptsAuditTest and the
 * rules' own fixtures (replication to no/own/organization account, deny-only bucket policy, bucket BPA deleted).
 *
 * <p>Left out because the documentation found does not settle the answer, or the product promises nothing:
 * <ul>
 *   <li>Allow + NotPrincipal in a bucket policy: the IAM guide now says "NotPrincipal must be used with "Effect":"Deny".
 *       Using it with "Effect":"Allow" is not supported"
 *       (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html), so what S3
 *       does with such a request is not documented.</li>
 *   <li>BatchGetSecretValue: AWS says "Secrets Manager generates CloudTrail GetSecretValue log entries for each secret
 *       you request" (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html) but
 *       documents no shape for those entries (identity, invokedBy), so whether they count toward
 *       secrets-bulk-retrieval cannot be fixed from the docs.</li>
 *   <li>CopyObject/PutObject into another account's bucket, RDS StartExportTask, EBS direct APIs (GetSnapshotBlock),
 *       DataSync/Transfer tasks, PutObject with x-amz-acl public-read: docs/detections.md promises no finding for any
 *       of them (no rule names these calls), so a silent product is not a wrong answer against its docs. They are
 *       listed as gaps in the report.</li>
 *   <li>PutBucketReplication to an outside account with the rule's Status "Disabled": the API reference (ReplicationRule,
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRule.html) only says Status "Specifies whether
 *       the rule is enabled"; what a finding should then say (staging vs. copying) is not fixed by any page.</li>
 *   <li>PutBucketPublicAccessBlock with some settings omitted: the API reference marks each setting "Required: No"
 *       without saying what an omitted one becomes.</li>
 * </ul>
 */
class ExfiltrationAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/exfil");
  static final List<String> ORDER = List.of("critical", "high", "medium", "low", "info");
  static final Set<String> GENERIC = Set.of("access-denied-burst", "new-region-for-principal", "new-region-for-account",
      "long-term-key-new-ip", "long-term-key-new-country", "long-term-key-new-asn", "long-term-key-new-user-agent",
      "outcome-not-explained-by-policies");
  static final String OUTSIDE = "999988887777";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "organization.json");
    findings = ExplainedEvents.findings(caseDir);
  }

  // ------------------------------------------------------------------ helpers

  static List<JsonNode> holding(String eventId) {
    return ExplainedEvents.holding(findings, eventId, GENERIC);
  }

  static List<JsonNode> holding(String eventId, String rule) {
    return holding(eventId).stream().filter(f -> f.path("rule").asText().equals(rule)).toList();
  }

  static String show(List<JsonNode> fs) {
    if (fs.isEmpty()) {
      return "no finding";
    }
    return fs.stream().map(f -> f.path("rule").asText() + " " + f.path("severity").asText() + " \""
        + f.path("title").asText() + "\" / " + f.path("summary").asText()).collect(Collectors.joining("; "));
  }

  static boolean isAttempt(JsonNode f) {
    String title = f.path("title").asText();
    return title.contains("attempted") || title.contains("attempts only")
        || f.path("summary").asText().startsWith("Attempted only");
  }

  /** A successful call: a finding of this rule holding the event, this severity, not an attempt, naming {@code whom}. */
  static void expectFinding(String eventId, String rule, String severity, String whom, String aws) {
    List<JsonNode> fs = holding(eventId);
    assertThat(fs)
        .as("%s: AWS documents %s; expected %s (%s, not an attempt%s); the product said: %s", eventId, aws, rule,
            severity, whom == null ? "" : ", naming " + whom, show(fs))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo(rule);
          assertThat(f.path("severity").asText()).isEqualTo(severity);
          assertThat(isAttempt(f)).as("a successful call is not an attempt").isFalse();
          if (whom != null) {
            assertThat(f.path("summary").asText()).contains(whom);
          }
        });
  }

  /** A refused call: a finding of this rule holding the event, worded as an attempt, at the lowered severity. */
  static void expectAttempt(String eventId, String rule, String severity, String aws) {
    List<JsonNode> fs = holding(eventId, rule);
    assertThat(fs)
        .as("%s: AWS documents %s; expected %s worded as an attempt at %s (docs/detections.md \"Denied attempts\"); "
            + "the product said: %s", eventId, aws, rule, severity, show(holding(eventId)))
        .isNotEmpty()
        .allSatisfy(f -> {
          assertThat(isAttempt(f)).as("worded as an attempt: %s", show(List.of(f))).isTrue();
          assertThat(f.path("severity").asText()).as("lowered severity: %s", show(List.of(f))).isEqualTo(severity);
        });
  }

  static void expectNone(String eventId, Set<String> rules, String aws) {
    List<JsonNode> fs = holding(eventId).stream().filter(f -> rules.contains(f.path("rule").asText())).toList();
    assertThat(fs).as("%s: AWS documents %s; expected none of %s; the product said: %s", eventId, aws, rules, show(fs))
        .isEmpty();
  }

  // ------------------------------------------------------------------ 1. S3 replication

  /**
   * PutBucketReplication whose only rule's Destination Account is the recipient account itself. S3 API Reference,
   * Destination (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Destination.html): Account "Destination bucket
   * owner account ID"; AccessControlTranslation "Specify this only in a cross-account scenario (where source and
   * destination bucket owners are not the same)". The data stays in the account: not "replicated to another account".
   */
  @Test
  void replicationToABucketOfTheSameAccountIsNotCrossAccount() {
    expectNone("ex-repl-same-account", Set.of("s3-replication-to-another-account"),
        "Destination Account = the bucket owner's own account 111122223333 (API_Destination.html)");
  }

  /**
   * PutBucketReplication with two rules (logged as an array): priority 1 to a replica bucket of the same account,
   * priority 2 to a bucket whose owner is 999988887777 with AccessControlTranslation Owner Destination. API_Destination
   * (URL above): "In a cross-account scenario ... this is the account ID of the destination bucket owner"; replicas are
   * then owned by that account. docs/detections.md s3-replication-to-another-account: high, "a rule's Destination
   * Account is an account other than the recipient". Expected: high, naming the outside account, despite the first,
   * harmless rule.
   */
  @Test
  void replicationWithAnOwnRuleAndAnOutsideRuleNamesTheOutsider() {
    expectFinding("ex-repl-two-rules", "s3-replication-to-another-account", "high", OUTSIDE,
        "rule 'partner' replicates to a bucket owned by 999988887777 (API_Destination.html)");
  }

  /**
   * The same call to an outside account refused with AccessDenied. S3 API Reference, PutBucketReplication
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html): "Creates a replication
   * configuration or replaces an existing one" - a refused request creates none, nothing is replicated. Expected: an
   * attempt, high lowered to low.
   */
  @Test
  void refusedReplicationToAnOutsideAccountIsAnAttempt() {
    expectAttempt("ex-repl-refused", "s3-replication-to-another-account", "low",
        "a refused PutBucketReplication configures no replication (API_PutBucketReplication.html)");
  }

  // ------------------------------------------------------------------ 2. AMI and RDS cluster snapshot

  /**
   * ModifyImageAttribute with launchPermission add group "all". EC2 documentation, "Use ModifyImageAttribute"
   * (https://docs.aws.amazon.com/ec2/latest/devguide/example_ec2_ModifyImageAttribute_section.html): "Example 1: To make
   * an AMI public ... --launch-permission "Add=[{Group=all}]""; EC2 API Reference ModifyImageAttribute
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyImageAttribute.html): "Images with an AWS
   * Marketplace product code cannot be made public". Expected: snapshot-or-image-made-public, critical.
   */
  @Test
  void amiGivenToGroupAllIsMadePublicCritical() {
    expectFinding("ex-ami-public", "snapshot-or-image-made-public", "critical", "ami-0e4f1a7c00d5e0001",
        "launchPermission Add Group=all makes the AMI public (example_ec2_ModifyImageAttribute_section.html)");
  }

  /**
   * ModifyDBClusterSnapshotAttribute restore valuesToAdd [999988887777]. RDS API Reference
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html): "To share a
   * manual DB cluster snapshot with other AWS accounts, specify restore as the AttributeName and use the ValuesToAdd
   * parameter to add a list of IDs of the AWS accounts that are authorized to restore the manual DB cluster snapshot".
   * Expected: snapshot-or-image-shared-with-account, high, naming 999988887777.
   */
  @Test
  void auroraClusterSnapshotSharedWithAnOutsideAccountNamesIt() {
    expectFinding("ex-rds-cluster-snapshot-outside", "snapshot-or-image-shared-with-account", "high", OUTSIDE,
        "restore + ValuesToAdd [999988887777] authorizes that account to restore the cluster snapshot");
  }

  static final String RDS_SNAPSHOT_DOC = "RDS API Reference, ModifyDBSnapshotAttribute "
      + "(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html): \"Uses the "
      + "value all to make the manual DB snapshot public, which means it can be copied or restored by all AWS accounts\"";

  /**
   * ModifyDBSnapshotAttribute (a DB instance snapshot, not a cluster one) restore valuesToAdd ["all"]. RDS_SNAPSHOT_DOC.
   * Expected: snapshot-or-image-made-public, critical, naming the snapshot.
   */
  @Test
  void rdsSnapshotRestorableByAllIsMadePublicCritical() {
    expectFinding("ex-rds-snapshot-public", "snapshot-or-image-made-public", "critical", "customers-2026-12-02",
        RDS_SNAPSHOT_DOC);
  }

  // ------------------------------------------------------------------ 3. public bucket policies, Block Public Access

  static final String PUBLIC_BUCKET_POLICY_DOC = "S3 API Reference, PublicAccessBlockConfiguration "
      + "(https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html): \"Amazon S3 "
      + "considers a bucket policy public unless at least one of the following conditions is true: The policy limits "
      + "access to a set of CIDRs using aws:SourceIp ... The policy grants permissions, not including any \"bad "
      + "actions,\" to one of the following: A fixed AWS principal, user, role, or service principal; A fixed "
      + "aws:SourceArn; A fixed aws:SourceVpc; A fixed aws:SourceVpce; A fixed aws:SourceOwner; A fixed "
      + "aws:SourceAccount ...\"";

  /**
   * PutBucketPolicy with two statements: Allow s3:GetObject to the account's own role exports-app, and Deny
   * s3:DeleteBucket to Principal "*" (no condition). The only grant is to a fixed principal of the account: per the
   * page quoted in PUBLIC_BUCKET_POLICY_DOC the policy is not public. A Deny grants nothing (IAM guide, policy
   * evaluation: "an explicit deny in any of these policies overrides the allow",
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). docs/detections.md,
   * s3-bucket-policy-public: "Deny statements with Principal '*' (such as requiring TLS) are ignored". Expected: no
   * s3-bucket-policy-public (critical "grants everyone access") and no cross-account finding.
   */
  @Test
  void bucketPolicyDenyingEveryoneAndAllowingAnOwnRoleIsNotPublic() {
    expectNone("ex-policy-deny-star-allow-own-role", Set.of("s3-bucket-policy-public", "s3-bucket-policy-cross-account"),
        "the only Allow names the account's own role; Principal \"*\" appears only in a Deny. " + PUBLIC_BUCKET_POLICY_DOC);
  }

  /**
   * The same shape for an SQS queue (SetQueueAttributes Policy): Allow to an own role, Deny "*" PurgeQueue. IAM guide
   * Principal element (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
   * "Using "Principal": "*" with an Allow effect in a resource-based policy ... grants access to everyone"; a Deny grants
   * nothing. Guards the statement-by-statement reading resource-policy-public already does.
   */
  @Test
  void queuePolicyDenyingEveryoneAndAllowingAnOwnRoleIsNotPublic() {
    expectNone("ex-sqs-deny-star-allow-own-role", Set.of("resource-policy-public", "resource-policy-cross-account"),
        "the only Allow names the account's own role (reference_policies_elements_principal.html)");
  }

  /**
   * PutBucketPolicy Allow s3:GetObject to Principal {"AWS": ["*"]} (the list form) without condition. IAM guide,
   * Principal element (URL above): "Principal": "*" and {"AWS": "*"} are "equivalent" anonymous principals; the page in
   * PUBLIC_BUCKET_POLICY_DOC makes the policy public. Expected: s3-bucket-policy-public, critical.
   */
  @Test
  void bucketPolicyForAwsStarAsAListIsPublic() {
    expectFinding("ex-policy-aws-star-list", "s3-bucket-policy-public", "critical", null,
        "Allow s3:GetObject to {\"AWS\":[\"*\"]} with no condition is public. " + PUBLIC_BUCKET_POLICY_DOC);
  }

  /**
   * PutBucketPolicy Allow s3:GetObject to Principal "*" whose only Condition is Bool aws:SecureTransport true (reads
   * over HTTPS only). aws:SecureTransport is none of the keys AWS lists as making a policy non-public
   * (PUBLIC_BUCKET_POLICY_DOC): anyone on the internet can read every object over TLS. Expected:
   * s3-bucket-policy-public, critical. docs/detections.md claims "A statement with a Condition (aws:PrincipalOrgID,
   * aws:SourceVpce, aws:SourceIp...) is not public in S3's own sense" - S3's own sense names the keys, and
   * SecureTransport is not one of them.
   */
  @Test
  void bucketPolicyForEveryoneOverTlsIsStillPublic() {
    expectFinding("ex-policy-star-tls-condition", "s3-bucket-policy-public", "critical", null,
        "Allow s3:GetObject to \"*\" limited only by aws:SecureTransport is public. " + PUBLIC_BUCKET_POLICY_DOC);
  }

  /**
   * PutBucketPolicy Allow s3:GetObject to Principal "*" with Condition StringEquals aws:SourceVpce = one fixed VPC
   * endpoint. PUBLIC_BUCKET_POLICY_DOC lists "A fixed aws:SourceVpce" among the conditions that make a policy
   * non-public: only requests through that endpoint get in. Expected: no s3-bucket-policy-public (critical); the
   * contrast to bucketPolicyForEveryoneOverTlsIsStillPublic.
   */
  @Test
  void bucketPolicyForEveryoneThroughOneVpcEndpointIsNotPublic() {
    expectNone("ex-policy-star-fixed-vpce", Set.of("s3-bucket-policy-public"),
        "'*' limited to a fixed aws:SourceVpce is not public. " + PUBLIC_BUCKET_POLICY_DOC);
  }

  /**
   * A public bucket policy (Allow "*" s3:GetObject) refused with AccessDenied (what Block Public Access answers).
   * S3 user guide, Blocking public access
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html): BlockPublicPolicy
   * "Setting this option to TRUE causes Amazon S3 to reject calls to PUT Bucket policy if the specified bucket policy
   * allows public access". Nothing was exposed. Expected: an attempt, critical lowered to medium.
   */
  @Test
  void refusedPublicBucketPolicyIsAnAttempt() {
    expectAttempt("ex-policy-public-refused", "s3-bucket-policy-public", "medium",
        "S3 rejects a public PUT Bucket policy under BlockPublicPolicy; a rejected call sets no policy");
  }

  /**
   * The account-level Block Public Access configuration deleted (S3 Control DeletePublicAccessBlock, logged with
   * eventName DeleteAccountPublicAccessBlock as docs/detections.md says). S3 API Reference
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html): "Removes the
   * PublicAccessBlock configuration for an AWS account". Expected: s3-block-public-access-removed, high.
   */
  @Test
  void accountBlockPublicAccessDeletedIsReported() {
    expectFinding("ex-bpa-account-deleted", "s3-block-public-access-removed", "high", null,
        "DeletePublicAccessBlock removes the account's Block Public Access configuration");
  }

  /**
   * PutBucketPublicAccessBlock with all four settings true. S3 API Reference, PublicAccessBlockConfiguration
   * (URL in PUBLIC_BUCKET_POLICY_DOC): BlockPublicPolicy "Setting this element to TRUE causes Amazon S3 to reject calls
   * to PUT Bucket policy if the specified bucket policy allows public access" (and likewise for ACLs). Turning
   * protection on exposes nothing. Expected: no s3-block-public-access-removed.
   */
  @Test
  void blockPublicAccessTurnedFullyOnIsNotRemoval() {
    expectNone("ex-bpa-all-true", Set.of("s3-block-public-access-removed"),
        "all four settings TRUE block public policies and ACLs (API_PublicAccessBlockConfiguration.html)");
  }

  // ------------------------------------------------------------------ 4. secrets and parameters

  /**
   * 20 GetSecretValue calls on 20 secrets within 40 seconds, every one refused with AccessDenied. Secrets Manager API
   * Reference, GetSecretValue (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html):
   * "Retrieves the contents of the encrypted fields SecretString or SecretBinary" - only a successful call returns a
   * value; a refused one returns an error. docs/detections.md secrets-bulk-retrieval: "Failed attempts are listed as
   * attempts". Expected: secrets-bulk-retrieval worded "attempts only", high lowered to low.
   */
  @Test
  void refusedSecretDumpIsAnAttempt() {
    expectAttempt("ex-secrets-refused-19", "secrets-bulk-retrieval", "low",
        "a refused GetSecretValue returns no secret value (API_GetSecretValue.html)");
  }

  /**
   * DescribeParameters, then two GetParametersByPath with Recursive and WithDecryption true within two minutes. SSM API
   * Reference, GetParametersByPath (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html):
   * "Retrieve information about one or more parameters in a specific hierarchy"; WithDecryption "Retrieve all
   * parameters in a hierarchy with their value decrypted"; Recursive "Retrieve all parameters within a hierarchy".
   * docs/detections.md ssm-parameters-enumerated-and-decrypted names GetParametersByPath among its reads. Expected:
   * high, not an attempt.
   */
  @Test
  void listingThenDecryptingWholeHierarchiesIsReported() {
    expectFinding("ex-ssm-path-1", "ssm-parameters-enumerated-and-decrypted", "high", null,
        "GetParametersByPath WithDecryption returns every parameter of the hierarchy decrypted");
  }

  /**
   * The same sequence where DescribeParameters succeeded and both decrypting GetParametersByPath calls were refused
   * with AccessDenied. Listing (DescribeParameters, "Lists the parameters in your AWS account or the parameters shared
   * with you", https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html) returns
   * metadata, never values; the refused reads returned nothing. No parameter value left the account. Expected: the
   * finding reads as an attempt at low (high lowered two levels, docs/detections.md "Denied attempts": "Failed attempts
   * are listed as attempts"), not as a successful bulk decryption at high.
   */
  @Test
  void listingThenRefusedDecryptionsIsAnAttempt() {
    expectAttempt("ex-ssm-refused-1", "ssm-parameters-enumerated-and-decrypted", "low",
        "DescribeParameters returns no values and both decrypting reads were refused: nothing was decrypted");
  }

  /**
   * 20 GetSecretValue calls on 20 secrets within 40 seconds: the first 10 succeeded, the last 10 were refused. Ten
   * secret values were returned (API_GetSecretValue.html, above). docs/detections.md: "When some of a finding's calls
   * failed and others did not, its summary ends with how many failed and why". Expected: secrets-bulk-retrieval at
   * high, not worded as an attempt, its summary saying that 10 of the 20 calls failed.
   */
  @Test
  void halfRefusedSecretDumpIsStillADumpAndSaysHowManyFailed() {
    expectFinding("ex-secrets-half-19", "secrets-bulk-retrieval", "high", "10 of the 20 calls failed",
        "the ten successful GetSecretValue calls returned secret values (API_GetSecretValue.html)");
  }

  /**
   * DescribeParameters, one GetParametersByPath /prod/payments with decryption that succeeded, one on /prod/exports
   * refused. The first read returned the /prod/payments hierarchy decrypted (API_GetParametersByPath.html, above).
   * Expected: ssm-parameters-enumerated-and-decrypted at high, not an attempt (some data was decrypted).
   */
  @Test
  void listingThenOneDecryptedHierarchyIsNotOnlyAnAttempt() {
    expectFinding("ex-ssm-half-1", "ssm-parameters-enumerated-and-decrypted", "high", null,
        "GetParametersByPath /prod/payments WithDecryption succeeded: that hierarchy was returned decrypted");
  }

  /**
   * The same half-refused burst, read for "how many secrets left?". Only a successful GetSecretValue returns a value
   * ("Retrieves the contents of the encrypted fields SecretString or SecretBinary", API_GetSecretValue.html; a refused
   * call returns AccessDeniedException instead). Ten values were read, not twenty. Expected: the summary does not say
   * that 20 secret values were read (it may count the 20 calls, and must count 10 values).
   */
  @Test
  void halfRefusedSecretDumpCountsOnlyTheValuesReturned() {
    List<JsonNode> fs = holding("ex-secrets-half-19", "secrets-bulk-retrieval");
    assertThat(fs).as("a secrets-bulk-retrieval finding: %s", show(holding("ex-secrets-half-19"))).isNotEmpty();
    assertThat(fs.get(0).path("summary").asText())
        .as("AWS (API_GetSecretValue.html): the 10 refused calls returned no secret value, so 10 values were read; "
            + "the product said: %s", show(fs))
        .doesNotContain("read 20 secret value").contains("read 10 secret value(s)");
  }

  /**
   * The half-refused SSM case, read for "which parameters were decrypted?". GetParametersByPath /prod/exports was
   * refused (AccessDenied): it returned nothing (API_GetParametersByPath.html). Expected: the summary does not list
   * /prod/exports among the hierarchies "decrypted" (it may name it as refused).
   */
  @Test
  void listingThenOneDecryptedHierarchyNamesOnlyThatHierarchyAsDecrypted() {
    List<JsonNode> fs = holding("ex-ssm-half-1", "ssm-parameters-enumerated-and-decrypted");
    assertThat(fs).as("a finding: %s", show(holding("ex-ssm-half-1"))).isNotEmpty();
    String summary = fs.get(0).path("summary").asText();
    int at = summary.indexOf("decrypted ");
    String decrypted = at < 0 ? "" : summary.substring(at, Math.max(at, summary.indexOf(" (", at)));
    assertThat(decrypted)
        .as("AWS (API_GetParametersByPath.html): the refused read of /prod/exports returned nothing; only /prod/payments "
            + "was decrypted; the product said: %s", show(fs))
        .doesNotContain("/prod/exports");
  }

  // ------------------------------------------------------------------ 5. bulk object reads

  /**
   * One principal with no history calls GetObject 30 times within 30 minutes on ONE key
   * (customer-exports/config/feature-flags.json, 2 KiB each; S3 data events). S3 API Reference, GetObject
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): "Retrieves an object from Amazon S3. In the
   * GetObject request, specify the full key name for the object" - each call returns that one object again; one object
   * (2 KiB) left, 30 times. docs/detections.md bulk-object-reads promises "One principal read at least 30 objects of one
   * bucket within an hour". Expected: no finding saying 30 objects were read (a finding, if any, must say it is one
   * object read 30 times).
   */
  @Test
  void oneObjectReadThirtyTimesIsNotThirtyObjects() {
    List<JsonNode> fs = holding("ex-one-object-29", "bulk-object-reads");
    assertThat(fs)
        .as("AWS (API_GetObject.html): 30 GetObject calls on one key retrieve one object; docs/detections.md promises "
            + "bulk-object-reads for \"at least 30 objects\"; the product said: %s", show(fs))
        .noneSatisfy(f -> assertThat(f.path("summary").asText()).contains("read 30 object"));
  }
}
