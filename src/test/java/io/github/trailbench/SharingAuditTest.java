package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "did anyone share our data with another account or the public, did it work, and with whom?", end to
 * end: the records of {@code src/test/resources/fixtures/sharing/events.json} (hand-made CloudTrail records in the
 * request shapes of each service's API reference, written by {@code make_events.py}; one IAM user per case so that
 * no two cases merge into one finding) are imported with the CLI together with the organization manifest
 * {@code organization.json} (the case's account 111122223333 and the disaster-recovery account 222233334444 in
 * organization o-sh4r3d0rg1, OU ou-sh4r-workload1), and read back with {@code findings --no-save --format json}.
 * 999988887777 is an outside account, o-f0re1gn0rg1 an outside organization. Nothing under src/main is changed.
 *
 * <p>The product's own scale (docs/decisions.md #108): "critical only for data made public, high for sharing with a
 * named account"; docs/detections.md "Denied attempts": a refused call reads "attempted", lowered two levels. A
 * share to a case's own organization is snapshot-or-image-shared-within-organization (low). The cases not repeated
 * here are in StratusCoverageAuditTest (EBS, AMI and RDS snapshot shared with one outside account, Lambda
 * AddPermission principal "*", bucket policy for an outside account, snapshot shared with an organization account),
 * AttemptsAuditTest (a refused copy of every rule, dry runs) and the rules' own fixtures.
 *
 * <p>Generic rules that fire on any call (new region, new key address, bursts of refusals, outcomes the policies
 * do not explain) do not count as answering the question.
 *
 * <p>Left out because the documentation found does not settle the answer: AWS Backup (StartCopyJob to another
 * account's vault, PutBackupVaultAccessPolicy): the API reference gives the request shape (DestinationBackupVaultArn
 * "An Amazon Resource Name (ARN) that uniquely identifies a destination backup vault to copy to",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartCopyJob.html) but no page found says whether a
 * copy to an account outside the organization can succeed, and a vault access policy lets others copy INTO the
 * vault, which exposes nothing; S3 replication without the Destination Account element (the bucket ARN names no
 * account, so the destination owner is not in the log: at most undetermined); the severity of a Lambda permission
 * for an account of the case's organization (AWS documents nothing that separates it from any other account).
 */
class SharingAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/sharing");
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

  /** The findings (generic rules left out) that hold this event. */
  static List<JsonNode> holding(String eventId) {
    return ExplainedEvents.holding(findings, eventId, GENERIC);
  }

  static String show(List<JsonNode> fs) {
    if (fs.isEmpty()) {
      return "no finding";
    }
    return fs.stream().map(f -> f.path("rule").asText() + " " + f.path("severity").asText() + " \""
        + f.path("title").asText() + "\" / " + f.path("summary").asText()).collect(Collectors.joining("; "));
  }

  static boolean atLeast(JsonNode f, String severity) {
    return ORDER.indexOf(f.path("severity").asText()) <= ORDER.indexOf(severity);
  }

  /**
   * A successful share: some finding holding the event, of at least this severity, not worded as an attempt, whose
   * summary names {@code whom} (the analyst's "with whom").
   */
  static void expectShared(String eventId, String severity, String whom, String aws) {
    List<JsonNode> fs = holding(eventId);
    assertThat(fs)
        .as("%s: AWS documents %s; expected a finding of severity %s or more naming %s; the product said: %s", eventId,
            aws, severity, whom, show(fs))
        .anySatisfy(f -> {
          assertThat(atLeast(f, severity)).as("severity %s or more: %s", severity, show(List.of(f))).isTrue();
          assertThat(f.path("title").asText()).as("a successful call is not an attempt").doesNotContain("attempted");
          assertThat(f.path("summary").asText()).as("the finding names %s", whom).contains(whom);
        });
  }

  /** No finding of these rules holds the event. */
  static void expectNone(String eventId, Set<String> rules, String aws) {
    List<JsonNode> fs = holding(eventId).stream().filter(f -> rules.contains(f.path("rule").asText())).toList();
    assertThat(fs).as("%s: AWS documents %s; the product said: %s", eventId, aws, show(fs)).isEmpty();
  }

  static final Set<String> SHARING_RULES = Set.of("snapshot-or-image-made-public", "snapshot-or-image-shared-with-account",
      "snapshot-or-image-shared-within-organization", "s3-bucket-policy-public", "s3-bucket-policy-cross-account",
      "s3-acl-public-or-cross-account", "lambda-function-opened-outside");

  // ------------------------------------------------------------------ 1. EBS snapshots, AMIs, RDS snapshots

  /**
   * ModifySnapshotAttribute adding createVolumePermission group "all". EC2 API Reference, ModifySnapshotAttribute
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySnapshotAttribute.html): "Adds or removes
   * permission settings for the specified snapshot ... Encrypted snapshots and snapshots with AWS Marketplace product
   * codes cannot be made public"; the group "all" is the public one (CreateVolumePermission,
   * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolumePermission.html, Group: "The group to be
   * added or removed. The possible value is all."). Expected: snapshot-or-image-made-public, critical, naming
   * the snapshot, and no second finding that it was shared with "an account".
   */
  @Test
  void ebsSnapshotGivenToGroupAllIsMadePublicCritical() {
    List<JsonNode> fs = holding("sh-ebs-public");
    assertThat(fs).as(show(fs)).anySatisfy(f -> {
      assertThat(f.path("rule").asText()).isEqualTo("snapshot-or-image-made-public");
      assertThat(f.path("severity").asText()).isEqualTo("critical");
      assertThat(f.path("summary").asText()).contains("snap-0f00d1e5ca1ab0001").contains("public");
    });
    assertThat(fs).as(show(fs)).noneMatch(f -> f.path("rule").asText().equals("snapshot-or-image-shared-with-account"));
  }

  /**
   * Removing a share is not exposure: ModifySnapshotAttribute removing group "all", ModifyImageAttribute removing an
   * account's launchPermission, ModifyDBClusterSnapshotAttribute valuesToRemove ["all"]. RDS API Reference,
   * ModifyDBClusterSnapshotAttribute (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html),
   * ValuesToRemove: "To remove authorization for other AWS accounts to copy or restore a manual DB cluster snapshot,
   * set this list to include one or more AWS account identifiers, or all to remove authorization for any AWS account
   * to copy or restore the DB cluster snapshot." None of the sharing rules may report these.
   */
  @Test
  void removingASnapshotOrImageShareIsNotExposure() {
    for (String id : List.of("sh-ebs-remove-public", "sh-ami-remove-account", "sh-rds-cluster-remove-all")) {
      expectNone(id, SHARING_RULES, "a remove/valuesToRemove that takes a permission away");
    }
  }

  /**
   * ModifyImageAttribute adding a launchPermission for organizationArn of another organization (o-f0re1gn0rg1, not
   * the case's o-sh4r3d0rg1). EC2 API Reference, ModifyImageAttribute / LaunchPermission
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchPermission.html): OrganizationArn "The Amazon
   * Resource Name (ARN) of an organization"; EC2 Image Builder's LaunchPermissionConfiguration, which sends this same
   * ModifyImageAttribute request (https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_LaunchPermissionConfiguration.html):
   * organizationArns "The ARN for an AWS Organization that you want to share your AMI with". Every account of an
   * outside organization can launch (and so copy the disks of) the image: at least as bad as one outside account
   * (high, the product's scale). docs/detections.md says "Sharing with an organization or organizational unit ARN
   * (AMIs) is not reported".
   */
  @Test
  void amiSharedWithAnOutsideOrganizationIsReported() {
    expectShared("sh-ami-foreign-org", "high", "o-f0re1gn0rg1",
        "launchPermission for organizationArn arn:aws:organizations::888877776666:organization/o-f0re1gn0rg1 shares the "
            + "AMI with every account of that (outside) organization (API_LaunchPermission.html)");
  }

  /**
   * ModifyImageAttribute adding a launchPermission for organizationalUnitArn of an OU of the case's own organization
   * (ou-sh4r-workload1 of o-sh4r3d0rg1, in the manifest). LaunchPermission, OrganizationalUnitArn "The Amazon
   * Resource Name (ARN) of an organizational unit (OU)" (API_LaunchPermission.html); Image Builder: "The ARN for an
   * AWS Organizations organizational unit (OU) that you want to share your AMI with". The image leaves the account for
   * every account of that OU: the product lists a share with one account of the organization
   * (snapshot-or-image-shared-within-organization, low, "Listed so that a copy out of the account stays visible");
   * a share with all of them must be listed too, at low (inside the organization, so not high).
   */
  @Test
  void amiSharedWithAnOuOfTheOrganizationIsListedAsWithinTheOrganization() {
    List<JsonNode> fs = holding("sh-ami-own-ou");
    assertThat(fs)
        .as("AMI shared with OU ou-sh4r-workload1 of the case's organization (every account of the OU may launch it, "
            + "API_LaunchPermission.html); expected snapshot-or-image-shared-within-organization (low) naming the OU; "
            + "the product said: %s", show(fs))
        .anySatisfy(f -> {
          assertThat(f.path("severity").asText()).isEqualTo("low");
          assertThat(f.path("summary").asText()).contains("ou-sh4r-workload1");
        });
  }

  /**
   * ModifyDBClusterSnapshotAttribute, attributeName restore, valuesToAdd ["all"]. RDS API Reference
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html): "To share
   * a manual DB cluster snapshot with other AWS accounts, specify restore as the AttributeName and use the
   * ValuesToAdd parameter to add a list of IDs of the AWS accounts that are authorized to restore the manual DB
   * cluster snapshot. Use the value all to make the manual DB cluster snapshot public, which means that it can be
   * copied or restored by all AWS accounts." Expected: snapshot-or-image-made-public, critical, naming the snapshot.
   */
  @Test
  void auroraClusterSnapshotRestoreAllIsMadePublicCritical() {
    List<JsonNode> fs = holding("sh-rds-cluster-public");
    assertThat(fs).as(show(fs)).anySatisfy(f -> {
      assertThat(f.path("rule").asText()).isEqualTo("snapshot-or-image-made-public");
      assertThat(f.path("severity").asText()).isEqualTo("critical");
      assertThat(f.path("title").asText()).doesNotContain("attempted");
      assertThat(f.path("summary").asText()).contains("orders-aurora-2026-12-01");
    });
  }

  /**
   * ModifyDBSnapshotAttribute restore valuesToAdd ["222233334444", "999988887777"]: the organization's DR account
   * first, an outside account second. RDS API Reference, ModifyDBSnapshotAttribute
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html), ValuesToAdd:
   * "To authorize other AWS accounts to copy or restore a manual snapshot, set this list to include one or more AWS
   * account IDs". Both accounts can restore the database; the outside one is why it is high. Asked "with whom", the
   * finding must name 999988887777, not only the organization's own account.
   */
  @Test
  void rdsSnapshotSharedWithAnOrganizationAccountAndAnOutsiderNamesTheOutsider() {
    List<JsonNode> fs = holding("sh-rds-mixed");
    assertThat(fs).as(show(fs)).anySatisfy(f -> {
      assertThat(f.path("rule").asText()).isEqualTo("snapshot-or-image-shared-with-account");
      assertThat(f.path("severity").asText()).isEqualTo("high");
    });
    expectShared("sh-rds-mixed", "high", OUTSIDE,
        "valuesToAdd authorizes every listed account to restore the snapshot (API_ModifyDBSnapshotAttribute.html); "
            + "999988887777 is outside the case's organization");
  }

  /**
   * One ModifyImageAttribute adding two launch permissions: organizationArn of the case's own organization
   * (o-sh4r3d0rg1) first, then userId 999988887777 (outside). LaunchPermission (API_LaunchPermission.html):
   * OrganizationArn "The Amazon Resource Name (ARN) of an organization", UserId "The AWS account ID"; both get launch
   * permission. The outside account makes it high, and asked "with whom" the finding must name it (the rule's summary
   * reads only the first item's userId).
   */
  @Test
  void amiSharedWithTheOrganizationAndAnOutsiderNamesTheOutsider() {
    expectShared("sh-ami-org-and-outsider", "high", OUTSIDE,
        "launchPermission add [organizationArn of the own organization, userId 999988887777]: the outside account may "
            + "launch the image (API_LaunchPermission.html)");
  }

  // ------------------------------------------------------------------ 2. Lambda AddPermission

  /**
   * AddPermission (logged AddPermission20150331v2), principal "999988887777". Lambda API Reference, AddPermission
   * (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html): "Grants a principal permission to use a
   * function ... To grant permission to another account, specify the account ID as the Principal." Expected:
   * lambda-function-opened-outside, high, naming the account.
   */
  @Test
  void lambdaPermissionForAnOutsideAccountIsHighAndNamesIt() {
    expectShared("sh-lambda-other-account", "high", OUTSIDE, "AddPermission with Principal 999988887777 grants that account");
  }

  /**
   * AddPermission principal "*" with principalOrgID o-f0re1gn0rg1 (not the case's organization). Lambda Developer
   * Guide, "Granting function access to an organization" (https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-organization.html):
   * "In this command, Principal is *. This means that all users in the organization o-a1b2c3d4e5f get function
   * invocation permissions." Every account of an outside organization can invoke the function: high, naming the
   * organization. The rule leaves out any "*" with a principalOrgID, whatever the organization.
   */
  @Test
  void lambdaPermissionForAnOutsideOrganizationIsReported() {
    expectShared("sh-lambda-foreign-org", "high", "o-f0re1gn0rg1",
        "principal * with principalOrgID o-f0re1gn0rg1 lets all users in that organization invoke the function "
            + "(permissions-function-organization.html); o-f0re1gn0rg1 is not the case's organization o-sh4r3d0rg1");
  }

  /**
   * AddPermission principal "*" with sourceAccount 111122223333 (the case's own account) and sourceArn of a bucket:
   * the statement's Condition is StringEquals AWS:SourceAccount 111122223333. IAM User Guide, "AWS global condition
   * context keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html): "the
   * aws:SourceAccount condition key is only available when the call to your resource is made directly by an AWS
   * service principal"; AddPermission, SourceAccount: "For AWS service, the ID of the AWS account that owns the
   * resource." S3's definition of public (PublicAccessBlockConfiguration,
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html) likewise counts a grant
   * to "A fixed aws:SourceAccount" as not public. Only AWS services acting for this account can invoke: not "opened
   * to everyone or another account".
   */
  @Test
  void lambdaPermissionForStarLimitedToTheOwnAccountAsSourceIsNotOpenedOutside() {
    expectNone("sh-lambda-star-source-account", Set.of("lambda-function-opened-outside"),
        "Principal * with Condition AWS:SourceAccount = the function's own account: the key is present only when an "
            + "AWS service calls on behalf of that account (reference_policies_condition-keys.html), so no user of "
            + "another account can invoke");
  }

  /**
   * AddPermission principal "arn:aws:iam::111122223333:role/report-runner": a role of the function's own account.
   * AddPermission (API_AddPermission.html), Principal: "The AWS service, AWS account, IAM user, or IAM role that
   * invokes the function." The account in the ARN is the function's own: nothing is opened to another account.
   * docs/detections.md admits "a principal given as an ARN of the account itself is also reported".
   */
  @Test
  void lambdaPermissionForARoleOfTheOwnAccountIsNotOpenedOutside() {
    expectNone("sh-lambda-own-role", Set.of("lambda-function-opened-outside"),
        "Principal arn:aws:iam::111122223333:role/report-runner is a role of the function's own account 111122223333");
  }

  /**
   * AddPermission for 999988887777 refused with AccessDeniedException: nothing was granted. docs/detections.md
   * "Denied attempts": "attempted", high lowered to low, summary "Attempted only:".
   */
  @Test
  void refusedLambdaPermissionForAnOutsideAccountIsAnAttempt() {
    List<JsonNode> fs = holding("sh-lambda-refused");
    assertThat(fs).as(show(fs)).anySatisfy(f -> {
      assertThat(f.path("rule").asText()).isEqualTo("lambda-function-opened-outside");
      assertThat(f.path("title").asText()).contains("attempted");
      assertThat(f.path("summary").asText()).startsWith("Attempted only:");
      assertThat(f.path("severity").asText()).isEqualTo("low");
    });
  }

  // ------------------------------------------------------------------ 3. RAM

  /**
   * RAM CreateResourceShare of an Aurora cluster with principals ["999988887777"], allowExternalPrincipals true.
   * RAM API Reference, CreateResourceShare (https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html):
   * "Sharing a resource makes it available for use by principals outside of the AWS account that created the
   * resource"; allowExternalPrincipals "A value of true lets you share with individual AWS accounts that are not in
   * your organization"; principals "An AWS account ID, for example: 123456789012". Expected: a high finding naming
   * the account.
   */
  @Test
  void ramShareCreatedForAnOutsideAccountIsReported() {
    expectShared("sh-ram-create-external", "high", OUTSIDE,
        "CreateResourceShare with principals [999988887777] and allowExternalPrincipals true shares the cluster with an "
            + "account outside the organization (API_CreateResourceShare.html)");
  }

  /**
   * RAM AssociateResourceShare adding principal 999988887777 to an existing share. RAM API Reference,
   * AssociateResourceShare (https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html):
   * "Adds the specified list of principals and list of resources to a resource share ... Newly added principals
   * immediately receive access to the resources shared in this resource share." Expected: high, naming the account.
   */
  @Test
  void ramShareAssociatedWithAnOutsideAccountIsReported() {
    expectShared("sh-ram-associate-external", "high", OUTSIDE,
        "AssociateResourceShare: newly added principals immediately receive access (API_AssociateResourceShare.html)");
  }

  /**
   * Guard for the RAM cases: CreateResourceShare of a subnet with the case's own organization ARN as principal and
   * allowExternalPrincipals false. CreateResourceShare (API_CreateResourceShare.html), principals "An Amazon
   * Resource Name (ARN) of an organization in Organizations, for example: organizations::123456789012:organization/o-exampleorgid";
   * allowExternalPrincipals "A value of false only has meaning if your account is a member of an AWS Organization".
   * Nothing leaves the organization: no finding above low.
   */
  @Test
  void ramShareWithTheOwnOrganizationIsNotReportedAsOutside() {
    List<JsonNode> fs = holding("sh-ram-create-own-org");
    assertThat(fs).as("shared only with the case's own organization o-sh4r3d0rg1; the product said: %s", show(fs))
        .noneMatch(f -> atLeast(f, "medium"));
  }

  // ------------------------------------------------------------------ 4. resource policies opened outside

  /**
   * SQS SetQueueAttributes with attributes.Policy allowing Principal "*" sqs:ReceiveMessage and sqs:SendMessage, no
   * condition. SQS API Reference, SetQueueAttributes (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html):
   * "Sets the value of one or more queue attributes, like a policy"; "To remove the ability to change queue
   * permissions, you must deny permission to the AddPermission, RemovePermission, and SetQueueAttributes actions".
   * Anyone can read the queue's messages: public, critical on the product's scale (like s3-bucket-policy-public).
   */
  @Test
  void sqsQueuePolicyOpenedToEveryoneIsPublic() {
    expectShared("sh-sqs-public", "critical", "*",
        "a queue Policy with Principal * and no Condition lets anyone receive its messages (API_SetQueueAttributes.html)");
  }

  /**
   * SNS SetTopicAttributes attributeName Policy granting arn:aws:iam::999988887777:root SNS:Subscribe. SNS API
   * Reference, SetTopicAttributes (https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html): "Policy –
   * The policy that defines who can access your topic. By default, only the topic owner can publish or subscribe to
   * the topic." The outside account can subscribe and receive every message: high, naming it.
   */
  @Test
  void snsTopicPolicyForAnOutsideAccountIsReported() {
    expectShared("sh-sns-other-account", "high", OUTSIDE,
        "a topic Policy granting 999988887777 SNS:Subscribe (API_SetTopicAttributes.html: 'The policy that defines who "
            + "can access your topic')");
  }

  /**
   * ECR SetRepositoryPolicy granting arn:aws:iam::999988887777:root ecr:BatchGetImage and GetDownloadUrlForLayer. ECR
   * API Reference, SetRepositoryPolicy (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_SetRepositoryPolicy.html):
   * "Applies a repository policy to the specified repository to control access permissions"; policyText "The JSON
   * repository policy text to apply to the repository." The outside account can pull every image: high.
   */
  @Test
  void ecrRepositoryPolicyForAnOutsideAccountIsReported() {
    expectShared("sh-ecr-other-account", "high", OUTSIDE,
        "a repository policy letting 999988887777 pull images (API_SetRepositoryPolicy.html)");
  }

  /**
   * Secrets Manager PutResourcePolicy granting arn:aws:iam::999988887777:root secretsmanager:GetSecretValue.
   * Secrets Manager API Reference, PutResourcePolicy (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html):
   * "Attaches a resource-based permission policy to a secret"; ResourcePolicy "A JSON-formatted string for an AWS
   * resource-based policy". (BlockPublicPolicy true blocks only "policies that allow broad access to the secret, for
   * example those that use a wildcard for the principal"; a named account is allowed.) The outside account can read
   * the secret: high.
   */
  @Test
  void secretPolicyForAnOutsideAccountIsReported() {
    expectShared("sh-secret-other-account", "high", OUTSIDE,
        "a secret's resource policy letting 999988887777 call GetSecretValue (API_PutResourcePolicy.html)");
  }

  /**
   * KMS PutKeyPolicy whose new policy lets arn:aws:iam::999988887777:root kms:Decrypt and kms:CreateGrant. KMS API
   * Reference, PutKeyPolicy (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html): "Attaches a
   * key policy to the specified KMS key." The outside account can decrypt whatever the key protects (and data
   * shared with it encrypted under this key): high.
   */
  @Test
  void kmsKeyPolicyForAnOutsideAccountIsReported() {
    expectShared("sh-kms-policy-other-account", "high", OUTSIDE,
        "a key policy letting 999988887777 use kms:Decrypt (API_PutKeyPolicy.html)");
  }

  /**
   * KMS CreateGrant with granteePrincipal arn:aws:iam::999988887777:root, operations Decrypt. KMS API Reference,
   * CreateGrant (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html): "A grant is a policy
   * instrument that allows AWS principals to use KMS keys in cryptographic operations"; GranteePrincipal "The identity
   * that gets the permissions specified in the grant ... Valid principals include AWS accounts, IAM users, IAM roles".
   * The outside account can decrypt with the key without any policy change: high.
   */
  @Test
  void kmsGrantToAnOutsideAccountIsReported() {
    expectShared("sh-kms-grant-other-account", "high", OUTSIDE,
        "a grant whose grantee principal is 999988887777's root allows it to Decrypt (API_CreateGrant.html)");
  }

  /**
   * S3 PutBucketReplication of bucket finance-data to arn:aws:s3:::quarterly-archive-7781 with Destination Account
   * 999988887777 and AccessControlTranslation Owner Destination. S3 API Reference, Destination
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Destination.html): Account "Destination bucket owner account
   * ID. In a cross-account scenario, if you direct Amazon S3 to change replica ownership to the AWS account that owns
   * the destination bucket by specifying the AccessControlTranslation property, this is the account ID of the
   * destination bucket owner."; AccessControlTranslation "Specify this only in a cross-account scenario (where source
   * and destination bucket owners are not the same)". Every new object is copied to, and owned by, the outside
   * account: high, naming it.
   */
  @Test
  void s3ReplicationToAnOutsideAccountsBucketIsReported() {
    expectShared("sh-s3-replication-other-account", "high", OUTSIDE,
        "replication to a bucket whose owner is 999988887777, replicas owned by it (API_Destination.html)");
  }

  /**
   * PutBucketPolicy with an Allow Principal "*" s3:GetObject without any condition, and a second statement, Deny
   * "*" s3:* when aws:SecureTransport is false (the usual TLS-only statement). S3 API Reference,
   * PublicAccessBlockConfiguration (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html):
   * "Amazon S3 considers a bucket policy public unless at least one of the following conditions is true: The policy
   * limits access to a set of CIDRs using aws:SourceIp ... The policy grants permissions, not including any "bad
   * actions," to one of the following: A fixed AWS principal ..."; s3:Get* is a bad action. The Allow statement
   * grants s3:GetObject to everyone: the bucket is public whatever a Deny statement adds. Expected:
   * s3-bucket-policy-public, critical (the rule reads "an Allow statement whose Principal is '*' ... and that has no
   * Condition").
   */
  @Test
  void publicBucketPolicyWithATlsOnlyDenyIsStillPublic() {
    List<JsonNode> fs = holding("sh-s3-policy-public-with-tls-deny");
    assertThat(fs)
        .as("AWS (API_PublicAccessBlockConfiguration.html): a policy granting s3:GetObject to * without condition is "
            + "public; the Deny with aws:SecureTransport does not limit who may read. Expected s3-bucket-policy-public "
            + "(critical); the product said: %s", show(fs))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("s3-bucket-policy-public");
          assertThat(f.path("severity").asText()).isEqualTo("critical");
        });
  }
}
