package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of the what-if question, {@code trailbench simulate --case}: "as the account stands in this case, could
 * principal P do action A on resource R — and if it can't be told, what is missing?". The IAM data of
 * {@code src/test/resources/fixtures/simulate-audit} (four accounts' get-account-authorization-details, an
 * organization/v1 manifest with SCPs and RCPs, a resource-policies/v1 manifest) is imported with the CLI
 * ({@code trailbench import}) and each question is asked with {@code simulate --case … --format json}.
 *
 * <p>Accounts: organization o-s1mau0dit7 with management account 999900001111 (role MgmtAdmin, Allow *; SCP
 * DenyTerminate attached to the account itself), member 111122223333 in OU Workloads (SCP DenyTerminate: Deny
 * ec2:TerminateInstances; users alice (group Devs: Allow s3:*, Deny s3:DeleteBucket; inline Allow NotAction iam:*,
 * Deny s3:PutObject NotResource acme-uploads/*), bob (conditions on aws:SourceIp and aws:MultiFactorAuthPresent),
 * carol (ec2:Describe* only); roles BoundedRole (Allow sqs:*, s3:*; boundary WorkloadBoundary allows sqs:SendMessage,
 * sqs:ReceiveMessage, s3:GetObject), OpsRole (Allow *), TaggedRole (tag team=payments; Allow s3:GetObject on
 * acme-reports/* when aws:PrincipalTag/team = payments), the service-linked AWSServiceRoleForAutoScaling), member
 * 222233334444 in OU Sandbox whose only SCP is AllowOnlyS3 (user sandy, Allow *). 444455556666 is outside the
 * organization (user ext-auditor, Allow s3:GetObject; bucket partner-drop). The root carries the RCP DataPerimeter
 * (Deny s3:* to principals outside the organization, AWS's identity-perimeter example).
 *
 * <p>Each test asserts what AWS's documentation says. Pages:
 *
 * <ul>
 *   <li>[PB] IAM User Guide, "Permissions boundaries for IAM entities": "An entity's permissions boundary allows it to
 *       perform only the actions that are allowed by both its identity-based policies and its permissions boundaries."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *   <li>[EVAL-LOGIC] IAM User Guide, "How AWS enforcement code logic evaluates requests to allow or deny access",
 *       resource-based policies and implicit denies (same account): "IAM role – Resource-based policies that grant
 *       permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy.";
 *       "IAM role session – … Permissions granted directly to a session are not limited by an implicit deny in an
 *       identity-based policy, a permissions boundary, or session policy."; "IAM user – Within the same account,
 *       resource-based policies that grant permissions to an IAM user ARN … are not limited by an implicit deny in an
 *       identity-based policy or permissions boundary."; "An explicit deny in any of these policies overrides the allow."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 *   <li>[CROSS] IAM User Guide, "Cross-account policy evaluation logic": for a cross-account request the requester's
 *       identity-based policy and the resource-based policy in the trusting account must both allow.
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *   <li>[SCP] AWS Organizations User Guide, "Service control policies (SCPs)": "SCPs don't affect users or roles in the
 *       management account. They affect only the member accounts in your organization."; "SCPs do not affect any
 *       service-linked role."; "No permissions are granted by an SCP."
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 *   <li>[SCP-EVAL] AWS Organizations User Guide, "SCP evaluation": "For a permission to be allowed for a specific
 *       account, there must be an explicit Allow statement at every level from the root through each OU in the direct
 *       path to the account (including the target account itself)"; "any SCP from the root through each OU in the
 *       direct path to the account … can deny that permission."
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 *   <li>[RCP] AWS Organizations User Guide, "Resource control policies (RCPs)": "Use an RCP when you need to restrict
 *       IAM principals that are external to your organization accounts making requests to access resources within
 *       your organization's member accounts"; "RCPs don't affect resources in the management account".
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 *   <li>[SIM-API] IAM API Reference, SimulatePrincipalPolicy / EvaluationResult: MissingContextValues "A list of context
 *       keys that are required by the included input policies but that were not provided by one of the input
 *       parameters."; SimulateCustomPolicy: "To get the list of context keys that the policies require for correct
 *       simulation, use GetContextKeysForCustomPolicy."; "The IAM policy simulator evaluates statements in the
 *       identity-based policy and the inputs that you provide during simulation. The policy simulator results can
 *       differ from your live AWS environment."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html,
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
 *   <li>[KEYS] IAM User Guide, "AWS global condition context keys": aws:SourceIp is always in the request context
 *       except when the requester uses a VPC endpoint (AWS re:Post Knowledge Center iam-restrict-access-policy: "The
 *       aws:SourceIp condition key is always included in the request, except for requests that use Amazon VPC
 *       endpoints"); aws:MultiFactorAuthPresent is present for temporary credentials and console sign-in and absent
 *       for long-term access keys — so whether it is present depends on how the caller signs, which the case does not
 *       say. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   <li>[NOT] IAM User Guide, "IAM JSON policy elements: NotAction" ("matches everything except the specified list of
 *       actions") and "NotResource" ("matches every resource except those specified"):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 *   <li>[KMS] KMS Developer Guide, "Key policies in AWS KMS": "Every KMS key must have exactly one key policy.";
 *       "Without permission from the key policy, IAM policies that allow permissions have no effect."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 *   <li>[TAGS] IAM User Guide, "Pass session tags in AWS STS": a session's aws:PrincipalTag come from "Session tags",
 *       "Incoming transitive session tags" and "IAM tags – The tags attached to your IAM assumed role"
 *       (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html); STS API Reference, AssumeRole, Tags:
 *       "You can pass a session tag with the same key as a tag that is already attached to the role. When you do,
 *       session tags override a role tag with the same key."
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 *   <li>[PRINCIPAL] IAM User Guide, "AWS JSON policy elements: Principal", role session principals: a role session
 *       ARN "arn:aws:sts::AWS-account-ID:assumed-role/role-name/role-session-name" is a principal distinct from the
 *       role ARN. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * </ul>
 *
 * Tests that show a wrong answer fail with what AWS documents and what simulate said; src/main is not changed.
 */
class SimulateAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/simulate-audit");

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String BOB = "arn:aws:iam::111122223333:user/bob";
  static final String CAROL = "arn:aws:iam::111122223333:user/carol";
  static final String BOUNDED = "arn:aws:iam::111122223333:role/BoundedRole";
  static final String WORKER = "arn:aws:sts::111122223333:assumed-role/BoundedRole/worker-1";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsRole";
  static final String SLR = "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
  static final String MGMT = "arn:aws:iam::999900001111:role/MgmtAdmin";
  static final String SANDY = "arn:aws:iam::222233334444:user/sandy";
  static final String EXT = "arn:aws:iam::444455556666:user/ext-auditor";
  static final String TAGGED = "arn:aws:iam::111122223333:role/TaggedRole";
  static final String TAGGED_SESSION = "arn:aws:sts::111122223333:assumed-role/TaggedRole/ops-session";
  static final String JOBS = "arn:aws:sqs:eu-west-1:111122223333:jobs";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    ExplainedEvents.importInto(caseDir, FIXTURES, "iam-111122223333.json", "iam-999900001111.json", "iam-222233334444.json",
        "iam-444455556666.json", "organization.json", "resource-policies.json");
  }

  /** {@code simulate --case … --actions ACTION [--resource R] [--context K=V]… --format json}: the one row. */
  static JsonNode ask(String principal, String action, String resource, String... context) throws Exception {
    CliRun r = run(principal, action, resource, context);
    assertThat(r.exit()).as("simulate exit: " + r.out() + r.err()).isZero();
    List<JsonNode> rows = ExplainedEvents.jsonLines(r.out());
    assertThat(rows).as(r.out()).hasSize(1);
    return rows.get(0);
  }

  static CliRun run(String principal, String action, String resource, String... context) {
    List<String> args = new ArrayList<>(List.of("simulate", "--case", caseDir.toString(), "--principal", principal,
        "--actions", action, "--format", "json"));
    if (resource != null) {
      args.add("--resource");
      args.add(resource);
    }
    for (String c : context) {
      args.add("--context");
      args.add(c);
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  static String said(JsonNode row) {
    return "simulate said " + row.path("decision").asText() + " (policy " + row.path("policy") + ", statement "
        + row.path("statement") + "): " + row.path("sentence").asText() + " | dependsOn " + row.path("dependsOn") + " | gaps "
        + row.path("gaps");
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  // ---- permissions boundary, and its interplay with a resource policy naming the session vs the role [PB][EVAL-LOGIC]

  /** The role's identity policy allows sqs:*, its boundary lacks sqs:DeleteMessage: implicitly denied, naming the boundary. */
  @Test
  void boundaryWithoutTheActionDeniesImplicitlyAndNamesTheBoundary() throws Exception {
    JsonNode row = ask(BOUNDED, "sqs:DeleteMessage", null);
    assertThat(row.get("decision").asText())
        .as("[PB] allowed only when identity policy AND boundary allow; WorkloadBoundary lacks sqs:DeleteMessage. " + said(row))
        .isEqualTo("ImplicitDeny");
    assertThat(row.get("sentence").asText() + " " + row.get("explanation").asText())
        .as("the answer must name the boundary that lacks the action. " + said(row)).contains("WorkloadBoundary");
  }

  /** A queue policy (same account) naming the role *session* ARN: the boundary's implicit deny does not limit it. */
  @Test
  void queuePolicyNamingTheRoleSessionIsNotLimitedByTheBoundary() throws Exception {
    JsonNode row = ask(WORKER, "sqs:DeleteMessage", JOBS);
    assertThat(row.get("decision").asText())
        .as("[EVAL-LOGIC] \"Permissions granted directly to a session are not limited by an implicit deny in … a permissions"
            + " boundary\": the queue policy names arn:aws:sts::111122223333:assumed-role/BoundedRole/worker-1. " + said(row))
        .isEqualTo("Allowed");
    assertThat(row.get("statement").asText()).as(said(row)).isEqualTo("SessionMayDelete");
  }

  /**
   * The same queue policy naming the *role* ARN for PurgeQueue, asked for the role: a role acts only through its
   * sessions, and a grant to the role ARN is limited by the boundary (WorkloadBoundary lacks sqs:PurgeQueue).
   */
  @Test
  void queuePolicyNamingTheRoleArnIsLimitedByTheBoundaryForTheRole() throws Exception {
    JsonNode row = ask(BOUNDED, "sqs:PurgeQueue", JOBS);
    assertThat(row.get("decision").asText())
        .as("[EVAL-LOGIC] \"Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit"
            + " deny in a permissions boundary\"; the boundary lacks sqs:PurgeQueue. " + said(row))
        .isEqualTo("ImplicitDeny");
  }

  /** The same, asked for a session of the role: the role ARN grant is limited by the boundary. */
  @Test
  void queuePolicyNamingTheRoleArnIsLimitedByTheBoundaryForASession() throws Exception {
    JsonNode row = ask(WORKER, "sqs:PurgeQueue", JOBS);
    assertThat(row.get("decision").asText())
        .as("[EVAL-LOGIC] \"Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit"
            + " deny in a permissions boundary\" (session worker-1). " + said(row))
        .isEqualTo("ImplicitDeny");
  }

  // ---- same account vs cross account [EVAL-LOGIC][CROSS]

  /** Same account: a bucket policy naming the user allows without any identity-based allow. */
  @Test
  void sameAccountBucketPolicyNamingTheUserAllowsWithoutIdentityPolicy() throws Exception {
    JsonNode row = ask(CAROL, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv");
    assertThat(row.get("decision").asText())
        .as("[EVAL-LOGIC] same account, a resource policy granting the IAM user ARN is not limited by an implicit deny in"
            + " the identity-based policy. " + said(row))
        .isEqualTo("Allowed");
    assertThat(row.get("statement").asText()).as(said(row)).isEqualTo("CarolReadsReports");
  }

  /** Cross account: the partner's bucket policy names alice, and her identity side (group Devs, s3:*) allows: allowed. */
  @Test
  void crossAccountIsAllowedWhenBothTheIdentityAndTheBucketPolicyAllow() throws Exception {
    JsonNode row = ask(ALICE, "s3:GetObject", "arn:aws:s3:::partner-drop/in/x.csv");
    assertThat(row.get("decision").asText()).as("[CROSS] both sides allow. " + said(row)).isEqualTo("Allowed");
  }

  /** Cross account: the bucket policy names carol but no identity policy of hers allows s3:GetObject: denied. */
  @Test
  void crossAccountIsDeniedWhenOnlyTheBucketPolicyAllows() throws Exception {
    JsonNode row = ask(CAROL, "s3:GetObject", "arn:aws:s3:::partner-drop/in/x.csv");
    assertThat(row.get("decision").asText())
        .as("[CROSS] the requester's identity-based policy must allow as well; carol has only ec2:Describe*. " + said(row))
        .isEqualTo("ImplicitDeny");
  }

  // ---- SCPs [SCP][SCP-EVAL]

  @Test
  void anScpDenyOnTheOuDeniesEvenAnAdministratorRole() throws Exception {
    JsonNode row = ask(OPS, "ec2:TerminateInstances", null);
    assertThat(row.get("decision").asText()).as("[SCP-EVAL] an SCP on the OU denies. " + said(row)).isEqualTo("ExplicitDeny");
    assertThat(row.get("statement").asText()).as(said(row)).isEqualTo("NoTerminate");
    assertThat(row.get("policy").asText()).as(said(row)).contains("DenyTerminate");
  }

  @Test
  void anOuWhoseOnlyScpLacksAnAllowDeniesImplicitlyAndNamesIt() throws Exception {
    JsonNode ec2 = ask(SANDY, "ec2:DescribeInstances", null);
    assertThat(ec2.get("decision").asText())
        .as("[SCP-EVAL] an explicit Allow is needed at every level; OU Sandbox has only AllowOnlyS3. " + said(ec2))
        .isEqualTo("ImplicitDeny");
    assertThat(ec2.get("sentence").asText() + " " + ec2.get("explanation").asText())
        .as("the answer must say which SCP level has no Allow. " + said(ec2)).containsAnyOf("AllowOnlyS3", "Sandbox");
    JsonNode s3 = ask(SANDY, "s3:ListAllMyBuckets", null);
    assertThat(s3.get("decision").asText()).as("[SCP-EVAL] AllowOnlyS3 allows s3:*. " + said(s3)).isEqualTo("Allowed");
  }

  /**
   * The root user of a member account, asked as itself: it has no identity policies and every permission, but an SCP
   * on its account's path still denies ("SCPs affect ... the root user" of member accounts, Organizations User Guide,
   * "Service control policies"); the management account's root is not limited by SCPs. An account the case holds
   * nothing of stays an unknown principal.
   */
  @Test
  void theRootUserOfAnAccountOfTheCaseIsSimulatedUnderItsScps() throws Exception {
    JsonNode member = ask("arn:aws:iam::111122223333:root", "ec2:TerminateInstances", null);
    assertThat(member.get("decision").asText()).as(said(member)).isEqualTo("ExplicitDeny");
    assertThat(member.get("statement").asText()).as(said(member)).isEqualTo("NoTerminate");
    JsonNode member2 = ask("arn:aws:iam::111122223333:root", "ec2:DescribeInstances", null);
    assertThat(member2.get("decision").asText()).as("root needs no identity policy. " + said(member2)).isEqualTo("Allowed");
    JsonNode mgmt = ask("arn:aws:iam::999900001111:root", "ec2:TerminateInstances", null);
    assertThat(mgmt.get("decision").asText()).as(said(mgmt)).isEqualTo("Allowed");
    CliRun unknown = run("arn:aws:iam::123456789012:root", "ec2:DescribeInstances", null);
    assertThat(unknown.exit()).as(unknown.out() + unknown.err()).isEqualTo(1);
  }

  @Test
  void scpsDoNotApplyToTheManagementAccount() throws Exception {
    JsonNode row = ask(MGMT, "ec2:TerminateInstances", null);
    assertThat(row.get("decision").asText())
        .as("[SCP] \"SCPs don't affect users or roles in the management account\" (DenyTerminate is attached to it). "
            + said(row))
        .isEqualTo("Allowed");
  }

  @Test
  void scpsDoNotApplyToAServiceLinkedRole() throws Exception {
    JsonNode row = ask(SLR, "ec2:TerminateInstances", null);
    assertThat(row.get("decision").asText())
        .as("[SCP] \"SCPs do not affect any service-linked role\" (DenyTerminate is on its account's OU). " + said(row))
        .isEqualTo("Allowed");
  }

  // ---- RCPs [RCP]

  @Test
  void anRcpDeniesAPrincipalOutsideTheOrganizationThatTheBucketPolicyAllows() throws Exception {
    JsonNode row = ask(EXT, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv");
    assertThat(row.get("decision").asText())
        .as("[RCP] the DataPerimeter RCP denies s3:* to principals outside o-s1mau0dit7 though the bucket policy allows. "
            + said(row))
        .isEqualTo("ExplicitDeny");
    assertThat(row.get("statement").asText()).as(said(row)).isEqualTo("EnforceOrgIdentities");
  }

  @Test
  void anRcpDoesNotApplyToABucketOfTheManagementAccount() throws Exception {
    JsonNode row = ask(EXT, "s3:GetObject", "arn:aws:s3:::mgmt-evidence/report.pdf");
    assertThat(row.get("decision").asText())
        .as("[RCP] \"RCPs don't affect resources in the management account\": DataPerimeter cannot deny here (the caller's"
            + " own SCPs, outside the organization data, may leave it undetermined). " + said(row))
        .isIn("Allowed", "Undetermined");
    assertThat(row.path("statement").asText()).as(said(row)).isNotEqualTo("EnforceOrgIdentities");
  }

  // ---- context keys simulate cannot know [SIM-API][KEYS]

  /**
   * aws:SourceIp not given. simulate's documented contract (docs/cli.md, "simulate"): a key not given is absent, as in
   * AWS's IAM policy simulator, which still lists such keys: "MissingContextValues: A list of context keys that are
   * required by the included input policies but that were not provided by one of the input parameters" [SIM-API]. So
   * the decision is the one for a request without the key, and the answer names the key it depends on.
   */
  @Test
  void aSourceIpConditionWithoutTheKeyIsNamedAsNotGiven() throws Exception {
    JsonNode row = ask(BOB, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv");
    assertThat(row.get("decision").asText()).as("absent: the IpAddress condition fails. " + said(row)).isEqualTo("ImplicitDeny");
    assertThat(strings(row.get("notGiven"))).as("[SIM-API] MissingContextValues. " + said(row))
        .anySatisfy(k -> assertThat(k).isEqualToIgnoringCase("aws:SourceIp"));
    assertThat(row.get("sentence").asText()).contains("not given").contains("aws:SourceIp");
  }

  @Test
  void aSourceIpGivenAsInputDecides() throws Exception {
    JsonNode inside = ask(BOB, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv", "aws:SourceIp=203.0.113.7");
    assertThat(inside.get("decision").asText()).as("IpAddress 203.0.113.0/24 holds. " + said(inside)).isEqualTo("Allowed");
    assertThat(inside.get("statement").asText()).isEqualTo("ReportsFromOfficeOnly");
    JsonNode outside = ask(BOB, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv", "aws:SourceIp=198.51.100.7");
    assertThat(outside.get("decision").asText()).as("IpAddress fails: no other Allow. " + said(outside)).isEqualTo("ImplicitDeny");
  }

  /**
   * aws:MultiFactorAuthPresent not given: taken as absent (a caller with long-term keys), so the BoolIfExists Deny
   * applies, and the answer names the key it depends on ([SIM-API] MissingContextValues; docs/cli.md).
   */
  @Test
  void anMfaConditionWithoutTheKeyIsNamedAsNotGiven() throws Exception {
    JsonNode row = ask(BOB, "iam:CreateUser", null);
    assertThat(row.get("decision").asText()).as("absent: BoolIfExists false matches. " + said(row)).isEqualTo("ExplicitDeny");
    assertThat(strings(row.get("notGiven"))).as("[SIM-API] MissingContextValues. " + said(row))
        .anySatisfy(k -> assertThat(k).isEqualToIgnoringCase("aws:MultiFactorAuthPresent"));
  }

  @Test
  void anMfaKeyGivenAsInputDecides() throws Exception {
    JsonNode mfa = ask(BOB, "iam:CreateUser", null, "aws:MultiFactorAuthPresent=true");
    assertThat(mfa.get("decision").asText()).as(said(mfa)).isEqualTo("Allowed");
    JsonNode noMfa = ask(BOB, "iam:CreateUser", null, "aws:MultiFactorAuthPresent=false");
    assertThat(noMfa.get("decision").asText()).as(said(noMfa)).isEqualTo("ExplicitDeny");
    assertThat(noMfa.get("statement").asText()).isEqualTo("DenyIamWithoutMfa");
  }

  // ---- NotAction / NotResource / a group's explicit Deny [NOT][EVAL-LOGIC]

  @Test
  void notActionAllowsEverythingButTheListedActions() throws Exception {
    JsonNode iam = ask(ALICE, "iam:CreateUser", null);
    assertThat(iam.get("decision").asText()).as("[NOT] Allow NotAction iam:* does not cover iam:CreateUser. " + said(iam))
        .isEqualTo("ImplicitDeny");
    JsonNode sqs = ask(ALICE, "sqs:ListQueues", null);
    assertThat(sqs.get("decision").asText()).as("[NOT] Allow NotAction iam:* covers sqs:ListQueues. " + said(sqs))
        .isEqualTo("Allowed");
    assertThat(sqs.get("statement").asText()).isEqualTo("AllButIam");
  }

  @Test
  void aDenyWithNotResourceDeniesEverywhereButTheListedResource() throws Exception {
    JsonNode other = ask(ALICE, "s3:PutObject", "arn:aws:s3:::acme-reports/x.csv");
    assertThat(other.get("decision").asText()).as("[NOT] Deny s3:PutObject NotResource acme-uploads/* matches acme-reports. "
        + said(other)).isEqualTo("ExplicitDeny");
    assertThat(other.get("statement").asText()).isEqualTo("DenyPutOutsideUploads");
    JsonNode uploads = ask(ALICE, "s3:PutObject", "arn:aws:s3:::acme-uploads/x.csv");
    assertThat(uploads.get("decision").asText()).as(said(uploads)).isEqualTo("Allowed");
  }

  @Test
  void anExplicitDenyInTheUsersGroupPolicyWins() throws Exception {
    JsonNode row = ask(ALICE, "s3:DeleteBucket", "arn:aws:s3:::acme-uploads");
    assertThat(row.get("decision").asText()).as("[EVAL-LOGIC] an explicit deny in any policy overrides the allow. " + said(row))
        .isEqualTo("ExplicitDeny");
    assertThat(row.get("statement").asText()).isEqualTo("DenyDeleteBucket");
    assertThat(row.get("policy").asText() + " " + row.get("sentence").asText()).as(said(row)).contains("DevsS3");
  }

  // ---- what the case does not hold: a clear message, not a silent deny or a guessed allow

  /**
   * A queue in another account that the case holds nothing about: the cross-account request needs the queue's policy
   * [CROSS], which the case does not have; an SQS queue may have a policy that allows alice. The answer must say so
   * (undetermined, or at least a gap naming the queue), not a silent ImplicitDeny.
   */
  @Test
  void aCrossAccountQueueNotInTheCaseIsNotASilentDeny() throws Exception {
    JsonNode row = ask(ALICE, "sqs:SendMessage", "arn:aws:sqs:eu-west-1:444455556666:partner-queue");
    assertThat(row.get("decision").asText())
        .as("[CROSS] alice's identity side allows (NotAction iam:*); the queue policy decides and the case does not hold"
            + " it (an SQS queue may have one that names alice): undetermined, not \"there is none\". " + said(row))
        .isEqualTo("Undetermined");
    assertThat(strings(row.get("gaps"))).as("the answer must name the missing queue policy. " + said(row))
        .anySatisfy(g -> assertThat(g).contains("partner-queue"));
  }

  /**
   * A bucket the case holds nothing about (no policy, no owner): S3 ARNs carry no account, so whether this is a
   * same-account request (identity allow suffices) or a cross-account one (the bucket policy must allow) is unknown.
   * AWS's own simulator makes the same assumption but states it as an input: SimulatePrincipalPolicy, ResourceOwner:
   * "If the ResourceOwner parameter is not specified, then the owner of the resources and the resource policy defaults
   * to the account of the identity provided in CallerArn" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html).
   * Here the decision may stay Allowed, but the answer must say what the case lacks (the bucket's owner and policy),
   * not present a guess as the account's state.
   */
  @Test
  void aBucketNotInTheCaseIsNotSilentlyTakenAsTheCallersOwn() throws Exception {
    JsonNode row = ask(ALICE, "s3:GetObject", "arn:aws:s3:::unknown-bucket-7731/x");
    boolean named = strings(row.get("gaps")).stream().anyMatch(g -> g.contains("unknown-bucket-7731"));
    assertThat(row.get("decision").asText().equals("Undetermined") || named)
        .as("[EVAL-LOGIC]/[CROSS] same account needs only the identity allow, cross account also the bucket policy; the"
            + " bucket's owner is not in the case (S3 ARNs carry no account). The answer must name what is missing. "
            + said(row))
        .isTrue();
  }

  /** A KMS key the case holds no key policy for: every key has one, so the answer is undetermined naming it. */
  @Test
  void aKmsKeyNotInTheCaseIsUndeterminedNamingTheKeyPolicy() throws Exception {
    String key = "arn:aws:kms:eu-west-1:111122223333:key/0b7d3c52-aaaa-bbbb-cccc-1234567890ab";
    JsonNode row = ask(ALICE, "kms:Decrypt", key);
    assertThat(row.get("decision").asText())
        .as("[KMS] \"Every KMS key must have exactly one key policy\"; \"Without permission from the key policy, IAM policies"
            + " that allow permissions have no effect\": the key policy is not in the case. " + said(row))
        .isEqualTo("Undetermined");
    assertThat(strings(row.get("gaps"))).as(said(row)).anySatisfy(g -> assertThat(g).contains(key));
  }

  // ---- principal tags of a role vs a session of it [TAGS]

  /** The role as such: its IAM tag team=payments is what aws:PrincipalTag/team holds for a session with no session tags. */
  @Test
  void aRolesOwnTagDecidesAPrincipalTagCondition() throws Exception {
    JsonNode row = ask(TAGGED, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv");
    assertThat(row.get("decision").asText()).as("[TAGS] the role's IAM tag team=payments. " + said(row)).isEqualTo("Allowed");
  }

  /**
   * A named session of the role: its aws:PrincipalTag/team may have been overridden by a session tag passed to
   * AssumeRole, which the case (no CloudTrail) does not hold. The answer depends on the key: undetermined.
   */
  @Test
  void aNamedSessionsPrincipalTagIsNotTakenFromTheRoleAlone() throws Exception {
    JsonNode row = ask(TAGGED_SESSION, "s3:GetObject", "arn:aws:s3:::acme-reports/q3.csv");
    assertThat(row.get("decision").asText())
        .as("[TAGS] \"session tags override a role tag with the same key\": the session's team tag is not known from the"
            + " role's IAM tags alone. " + said(row))
        .isEqualTo("Undetermined");
    assertThat(strings(row.get("dependsOn"))).as(said(row))
        .anySatisfy(k -> assertThat(k.toLowerCase(java.util.Locale.ROOT)).startsWith("aws:principaltag/"));
  }

  /** A session of a role the case does not hold: bad input naming it, not a decision. */
  @Test
  void aSessionOfARoleNotInTheCaseIsRefusedNamingIt() {
    String ghost = "arn:aws:sts::111122223333:assumed-role/GhostRole/s1";
    CliRun r = run(ghost, "s3:GetObject", null);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(ghost).contains("not a user or role in the case's IAM data");
  }
}
