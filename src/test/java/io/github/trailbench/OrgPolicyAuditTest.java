package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of service control policies (SCPs) and resource control policies (RCPs) through an organization's hierarchy:
 * "was this call allowed, and which organization policy did (or would) stop it?". Run end to end: the CloudTrail records
 * and IAM data of {@code src/test/resources/fixtures/orgpolicy} (get-account-authorization-details of six accounts, two
 * organization/v1 manifests, a resource-policies/v1 manifest) are imported with the CLI ({@code trailbench import}) and
 * each event is read back with {@code explain --event ID --json} and {@code findings --format json}.
 *
 * <p>Organization o-a1b2c3d4e5 (management account 999900001111):
 *
 * <pre>
 * Root r-7k2p                 SCP FullAWSAccess + ProtectSecurityTooling (Deny cloudtrail:StopLogging, DeleteTrail,
 *                             organizations:LeaveOrganization); RCP RCPFullAWSAccess + DataPerimeterRCP (AWS's
 *                             identity-perimeter example: Deny s3:*, sqs:*, kms:*, secretsmanager:*, sts:AssumeRole …
 *                             unless aws:PrincipalOrgID = o-a1b2c3d4e5 or the caller is an AWS service)
 * ├─ 999900001111 management  FullAWSAccess
 * ├─ OU Workloads             FullAWSAccess + RegionLockEU (AWS's "deny outside the listed Regions" example: Deny NotAction
 * │  │                        [global services] when aws:RequestedRegion is not eu-central-1/eu-west-1 and aws:PrincipalARN
 * │  │                        is not role/BreakGlass or role/ops/NetworkAdmin)
 * │  └─ OU Prod               FullAWSAccess
 * │     └─ 111122223333       FullAWSAccess; RCP DenyAllExternalRCP (Deny "*" to principals outside the organization)
 * ├─ OU Sandbox               SandboxAllowList only (Allow s3:*, ec2:*, sts:*, cloudwatch:*): FullAWSAccess detached
 * │  └─ 222233334444          FullAWSAccess
 * └─ OU Migrating             no SCP listed (the manifest is incomplete there)
 *    └─ 333344445555          FullAWSAccess
 * </pre>
 *
 * 444455556666 (partner-dev) is in another organization, o-p4rtn3r0001, with FullAWSAccess only; 777788889999 (outsider)
 * is in no organization the case holds. Pages that fix the expected answers:
 *
 * <ul>
 *   <li>[SCP-EVAL] AWS Organizations User Guide, "SCP evaluation": "For a permission to be allowed for a specific account,
 *       there must be an explicit Allow statement at every level from the root through each OU in the direct path to
 *       the account (including the target account itself)"; "If this policy is removed and not replaced at any level of
 *       the organization, all OUs and accounts under that level would be blocked from taking any actions"; "For a
 *       permission to be denied for a specific account, any SCP from the root through each OU in the direct path to the
 *       account (including the target account itself) can deny that permission."
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 *   <li>[SCP] AWS Organizations User Guide, "Service control policies (SCPs)": "SCPs don't affect users or roles in the
 *       management account. They affect only the member accounts in your organization."; "SCPs affect only IAM users
 *       and roles that are managed by accounts that are part of the organization. SCPs don't affect resource-based
 *       policies directly. They also don't affect users or roles from accounts outside the organization."; "SCPs do not
 *       affect any service-linked role."; "No permissions are granted by an SCP." An SCP restricts "the member
 *       account's root user" too (aws-samples service-control-policy-examples, referenced from that page).
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 *   <li>[SCP-REGION] "Deny access to AWS based on the requested AWS Region" (NotAction of global services, StringNotEquals
 *       aws:RequestedRegion, ArnNotLike aws:PrincipalARN for the exempt roles):
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
 *   <li>[RCP] AWS Organizations User Guide, "Resource control policies (RCPs)": "Use an RCP when you need to restrict IAM
 *       principals that are external to your organization accounts making requests to access resources within your
 *       organization's member accounts"; "RCPs don't affect resources in the management account"; "RCPs apply to
 *       resources of the following AWS services" (a list; SNS is not on it); RCPs do not restrict actions of
 *       service-linked roles. https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 *   <li>[RCP-EX] KMS Developer Guide, "Resource control policies in AWS KMS", example RCPEnforceIdentityPerimeter
 *       (StringNotEqualsIfExists aws:PrincipalOrgID my-org-id, Bool aws:PrincipalIsAWSService false):
 *       https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html
 *   <li>[KEYS] IAM User Guide, "AWS global condition context keys": aws:PrincipalOrgID is "the identifier of the
 *       organization in AWS Organizations to which the requesting principal belongs"; aws:PrincipalArn of a role session
 *       is the ARN of the role (with its path):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic" / "Cross-account policy evaluation logic":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element" (sessionContext.sessionIssuer.arn is the role
 *       ARN with its path; invokedBy for a call an AWS service made; type AWSAccount for a request from another account):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *   <li>[SLR] IAM User Guide, "Create a service-linked role": service-linked roles live under the path
 *       /aws-service-role/SERVICE-PRINCIPAL/ (arn:aws:iam::ACCOUNT:role/aws-service-role/…):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 *   <li>[ORG-API] AWS Organizations API Reference: DetachPolicy ("If the policy being detached is a service control
 *       policy (SCP), the changes to permissions for IAM users and roles in affected accounts are immediate"),
 *       UpdatePolicy ("Updates an existing policy with a new name, description, or content"), DeletePolicy,
 *       LeaveOrganization, RemoveAccountFromOrganization:
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html,
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_UpdatePolicy.html,
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_DeletePolicy.html; User Guide "Disabling a
 *       policy type": "When you disable a policy type, all policies of the specified type are automatically detached
 *       from all entities in the organization root."
 *       https://docs.aws.amazon.com/organizations/latest/userguide/disable-policy-type.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json, findings --format json); src/main is not changed.
 */
class OrgPolicyAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/orgpolicy");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    List<String> args = new ArrayList<>(List.of("import", "--case", caseDir.toString()));
    for (String f : List.of("events.json", "iam-111122223333.json", "iam-222233334444.json", "iam-333344445555.json",
        "iam-444455556666.json", "iam-777788889999.json", "iam-999900001111.json", "organization.json",
        "organization-partner.json", "resource-policies.json")) {
      args.add(FIXTURES.resolve(f).toString());
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("32 added").contains("4 resource policies").contains("0 rejected");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, null, decision, verdict);
  }

  /** The top-level node of the trace with this label ("Service control policies (SCPs)", …). */
  static JsonNode step(JsonNode e, String label) {
    for (JsonNode c : e.path("trace").path("children")) {
      if (c.path("label").asText().equals(label)) {
        return c;
      }
    }
    throw new AssertionError("no trace step " + label + " in " + why(e));
  }

  static JsonNode scps(JsonNode e) {
    return step(e, "Service control policies (SCPs)");
  }

  static JsonNode rcps(JsonNode e) {
    return step(e, "Resource control policies (RCPs)");
  }

  /** The labels of every policy node of the trace whose outcome is Deny (the policies that denied). */
  static List<String> denyingPolicies(JsonNode e) {
    List<String> out = new ArrayList<>();
    ExplainedEvents.walk(e.path("trace"), n -> {
      if ("policy".equals(n.path("kind").asText()) && "Deny".equals(n.path("outcome").asText())) {
        out.add(n.path("label").asText());
      }
    });
    return out;
  }

  static List<JsonNode> findings() throws Exception {
    return ExplainedEvents.findings(caseDir);
  }

  /** The findings (other than the generic "outcome not explained") that list the event. */
  static List<JsonNode> findingsOn(String eventId) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : findings()) {
      if (f.path("rule").asText().equals("outcome-not-explained-by-policies")) {
        continue;
      }
      for (JsonNode id : f.path("eventIds")) {
        if (id.asText().equals(eventId)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  static String describe(List<JsonNode> fs) {
    StringBuilder sb = new StringBuilder();
    fs.forEach(f -> sb.append(f.path("rule").asText()).append('/').append(f.path("severity").asText()).append(": ")
        .append(f.path("title").asText()).append("; "));
    return sb.toString();
  }

  static final Set<String> NOTABLE = Set.of("medium", "high", "critical");

  // ------------------------------------------------------------------ allow-list SCPs: every level must allow

  /**
   * Case 1. OU Sandbox had FullAWSAccess detached and replaced by an allow-list (s3, ec2, sts, cloudwatch); root and
   * account keep FullAWSAccess. [SCP-EVAL]: an Allow is needed at every level, so sandbox-dev (AdministratorAccess-like
   * inline policy) calling dynamodb:DeleteTable is implicitly denied at the OU level (CloudTrail: AccessDenied), while
   * ec2:DescribeInstances, allowed at all three levels, is allowed. The trace must place the missing allow at level 2
   * (the OU) and the sentence must name the OU.
   */
  @Test
  void allowListOnAnIntermediateOuDeniesWhatRootAndAccountAllow() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode denied = expect(soft, "sbx-dynamodb-delete", "ImplicitDeny", "agrees");
    JsonNode scp = scps(denied);
    soft.assertThat(scp.path("outcome").asText()).as(why(denied)).isEqualTo("Deny");
    List<String> levelOutcomes = new ArrayList<>();
    scp.path("children").forEach(l -> levelOutcomes.add(l.path("label").asText() + "=" + l.path("outcome").asText()));
    soft.assertThat(levelOutcomes).as(why(denied))
        .containsExactly("SCP level 1 (root)=Allow", "SCP level 2 (OU)=Deny", "SCP level 3 (account)=Allow");
    soft.assertThat(denied.path("explanation").asText()).as(why(denied)).contains("Sandbox");
    expect(soft, "sbx-ec2-describe", "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ a Deny at any level

  /**
   * Case 2. ProtectSecurityTooling (Deny cloudtrail:StopLogging) is attached at the root only. [SCP-EVAL]: any level on
   * the path can deny. AppRole in 111122223333 (root > Workloads > Prod > account) calling StopLogging in eu-west-1
   * (inside the region lock, so only this SCP can deny): ExplicitDeny, naming ProtectSecurityTooling and the root.
   */
  @Test
  void denyAtTheRootDeniesAMemberTwoOusDown() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "prod-approle-stoplogging", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("ProtectSecurityTooling").contains("root");
    soft.assertThat(denyingPolicies(e)).as(why(e)).anySatisfy(p -> assertThat(p).contains("ProtectSecurityTooling"));
    soft.assertAll();
  }

  /**
   * Case 3. RegionLockEU at OU Workloads, AWS's region example [SCP-REGION]: Deny NotAction [global services] with
   * StringNotEquals aws:RequestedRegion [eu-central-1, eu-west-1] and ArnNotLike aws:PrincipalARN [exempt roles].
   * prod-admin (not exempt) calling ec2:RunInstances in us-east-1: ExplicitDeny by RegionLockEU on OU Workloads
   * (CloudTrail: Client.UnauthorizedOperation); ec2:DescribeInstances in eu-west-1: allowed.
   */
  @Test
  void regionLockDeniesOutsideTheListedRegionsAndNamesTheOu() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "prod-admin-run-us-east-1", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("RegionLockEU").contains("Workloads");
    soft.assertThat(ExplainedEvents.conditionsOn(e.path("trace"), "aws:RequestedRegion")).as(why(e))
        .anySatisfy(c -> assertThat(c.path("detail").path("request").asText()).isEqualTo("us-east-1"));
    expect(soft, "prod-admin-describe-eu-west-1", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Case 4. The same SCP's NotAction leaves global services out [SCP-REGION]: iam:CreateUser logged in us-east-1 (IAM's
   * region) is not matched by the Deny: allowed, as recorded.
   */
  @Test
  void regionLockNotActionLeavesGlobalServicesAlone() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "prod-admin-createuser-us-east-1", "Allowed", "agrees");
    soft.assertThat(denyingPolicies(e)).as(why(e)).isEmpty();
    soft.assertAll();
  }

  /**
   * Case 5. The exempt roles of the region lock (ArnNotLike aws:PrincipalARN arn:aws:iam::*:role/BreakGlass and
   * arn:aws:iam::*:role/ops/NetworkAdmin). [KEYS]: aws:PrincipalArn of a session is its role's ARN, with the role's
   * path, which the record carries in sessionIssuer.arn [CT-UID]. Both sessions' RunInstances in us-east-1 are allowed,
   * as recorded; the role with the /ops/ path must be matched with its path.
   */
  @Test
  void exemptRolesAreMatchedOnTheRoleArnWithItsPath() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "breakglass-run-us-east-1", "Allowed", "agrees");
    JsonNode ops = expect(soft, "netadmin-run-us-east-1", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.conditionsOn(ops.path("trace"), "aws:PrincipalARN")).as(why(ops))
        .anySatisfy(c -> assertThat(c.path("detail").path("request").asText())
            .isEqualTo("arn:aws:iam::111122223333:role/ops/NetworkAdmin"));
    soft.assertAll();
  }

  // ------------------------------------------------------------------ who SCPs do and do not affect

  /**
   * Case 6. [SCP]: SCPs don't affect users or roles in the management account, nor its root user. mgmt-admin and the
   * management account's root user stop a trail although ProtectSecurityTooling is attached at the root (and
   * FullAWSAccess at the management account): allowed, with the SCP step NotApplicable.
   */
  @Test
  void theManagementAccountIsNotLimitedBySCPs() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("mgmt-admin-stoplogging", "mgmt-root-stoplogging")) {
      JsonNode e = expect(soft, id, "Allowed", "agrees");
      soft.assertThat(scps(e).path("outcome").asText()).as(why(e)).isEqualTo("NotApplicable");
    }
    soft.assertAll();
  }

  /**
   * Case 7. [SCP]: SCPs do restrict a member account's root user. The root user of 111122223333 calling StopLogging is
   * denied by ProtectSecurityTooling at the root (CloudTrail: AccessDenied), though a root user has every permission
   * its own account can give.
   */
  @Test
  void aMemberAccountsRootUserIsLimitedBySCPs() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "member-root-stoplogging", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("ProtectSecurityTooling");
    soft.assertAll();
  }

  /**
   * Case 8. [SCP]: SCPs do not affect service-linked roles. AWS Config's service-linked role (in the case's IAM data,
   * path /aws-service-role/config.amazonaws.com/) describes instances in us-east-1, which RegionLockEU would deny for
   * any other role: allowed, SCP step NotApplicable.
   */
  @Test
  void aServiceLinkedRoleInTheCaseIsNotLimitedBySCPs() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "config-slr-describe-us-east-1", "Allowed", "agrees");
    soft.assertThat(scps(e).path("outcome").asText()).as(why(e)).isEqualTo("NotApplicable");
    soft.assertAll();
  }

  /**
   * Case 9. The same question when the IAM export does not hold the service-linked role (an export made before Security
   * Hub was enabled). The record itself says it is one: sessionContext.sessionIssuer.arn is
   * arn:aws:iam::111122223333:role/aws-service-role/securityhub.amazonaws.com/AWSServiceRoleForSecurityHub [CT-UID]
   * [SLR], invokedBy securityhub.amazonaws.com. [SCP]: "SCPs do not affect any service-linked role", so RegionLockEU
   * cannot have denied this us-east-1 call (CloudTrail recorded success). The identity policies are not in the case, so
   * "undetermined" is acceptable; an explicit deny by RegionLockEU that "disagrees" with the log is not.
   */
  @Test
  void aServiceLinkedRoleKnownOnlyFromTheLogIsNotLimitedBySCPs() throws Exception {
    JsonNode e = explain("securityhub-slr-describe-us-east-1");
    assertThat(e.path("decision").asText())
        .as("AWS: SCPs do not affect service-linked roles (the record's sessionIssuer is under /aws-service-role/), so"
            + " RegionLockEU cannot deny; product said: " + why(e))
        .isNotEqualTo("ExplicitDeny");
    assertThat(scps(e).path("outcome").asText()).as("SCP step for a service-linked role: " + why(e)).isEqualTo("NotApplicable");
    assertThat(e.path("verdict").asText()).as(why(e)).isNotEqualTo("disagrees");
  }

  /**
   * Case 10. [SCP]: "No permissions are granted by an SCP." no-perms has no identity-based policy; every level has
   * FullAWSAccess: ListBuckets is implicitly denied (CloudTrail: AccessDenied), the SCP step allows and the reason is
   * the missing identity-based allow, not an SCP.
   */
  @Test
  void fullAwsAccessGrantsNothingWithoutAnIdentityPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "noperms-listbuckets", "ImplicitDeny", "agrees");
    soft.assertThat(scps(e).path("outcome").asText()).as(why(e)).isEqualTo("Allow");
    soft.assertThat(step(e, "Identity-based policies").path("outcome").asText()).as(why(e)).isIn("NoMatch", "Deny");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).doesNotContain("SCP");
    soft.assertAll();
  }

  /**
   * Case 11. [SCP] [EVAL]: a member principal using another account's resource-based policy is still limited by its own
   * SCPs. AppRole reads an object of partner-share (account 444455556666, outside the organization), whose bucket policy
   * allows 111122223333, in us-east-1: ExplicitDeny by the caller's RegionLockEU on OU Workloads, although both the
   * identity policy and the bucket policy allow.
   */
  @Test
  void theCallersScpLimitsItsUseOfAnotherAccountsBucketPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "prod-approle-get-partner-bucket", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("RegionLockEU");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ RCPs and principals outside the organization

  /**
   * Case 12. [RCP] [RCP-EX]: the data-perimeter RCP at the root denies S3 (and sts:AssumeRole) to principals whose
   * aws:PrincipalOrgID is not o-a1b2c3d4e5. partner-dev (organization o-p4rtn3r0001) reads acme-prod-data, whose bucket
   * policy allows its account: ExplicitDeny by DataPerimeterRCP. The same call as the bucket owner's trail may show it
   * (userIdentity type AWSAccount [CT-UID]), a read of acme-prod-logs whose bucket policy the case lacks (the RCP denies
   * whatever the bucket policy says), and sts:AssumeRole of PartnerAccess (trust policy allows the partner account):
   * all ExplicitDeny by the RCP. The member account's own SCPs (RegionLockEU would deny us-east-1) are not what denies.
   */
  @Test
  void theDataPerimeterRcpStopsAPrincipalOfAnotherOrganization() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("partner-get-prod-bucket", "partner-account-get-prod-bucket", "partner-get-prod-logs-bucket",
        "partner-assume-prod-role")) {
      JsonNode e = expect(soft, id, "ExplicitDeny", "agrees");
      soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("DataPerimeterRCP");
      soft.assertThat(denyingPolicies(e)).as(why(e)).noneSatisfy(p -> assertThat(p).contains("RegionLockEU"));
    }
    soft.assertAll();
  }

  /**
   * Case 13. The same perimeter for an account that is in none of the organizations the case holds (777788889999, whose
   * bucket policy grant and identity policy both allow). The organization manifest lists every account of o-a1b2c3d4e5
   * (docs/iam-formats.md: "An account in no manifest gives an empty list ('not in an organization')"), so whatever
   * aws:PrincipalOrgID the outsider carries — none, or another organization's id — it is not o-a1b2c3d4e5, and
   * StringNotEqualsIfExists holds either way [KEYS] [RCP-EX]: the RCP denies (CloudTrail: AccessDenied). The caller's own
   * SCPs, unknown, cannot undo an explicit deny. Expected ExplicitDeny by DataPerimeterRCP; an "undetermined on
   * aws:PrincipalOrgID" leaves the analyst's perimeter question unanswered although the case settles it.
   */
  @Test
  void theDataPerimeterRcpStopsAnAccountInNoOrganizationOfTheCase() throws Exception {
    JsonNode e = explain("outsider-get-prod-bucket");
    assertThat(e.path("decision").asText())
        .as("AWS: aws:PrincipalOrgID of an account outside o-a1b2c3d4e5 is absent or another id, so StringNotEqualsIfExists"
            + " holds and DataPerimeterRCP denies; product said: " + why(e))
        .isEqualTo("ExplicitDeny");
    assertThat(e.path("explanation").asText()).as(why(e)).contains("DataPerimeterRCP");
  }

  /**
   * Case 14. [RCP] [KEYS]: a member of the organization passes the perimeter. sandbox-dev (222233334444, in
   * o-a1b2c3d4e5) reads acme-prod-data (bucket policy allows its account; its OU's allow-list allows s3:*): allowed,
   * as recorded; aws:PrincipalOrgID comes from the manifest, so the decision does not depend on it.
   */
  @Test
  void aMemberOfTheOrganizationPassesTheDataPerimeter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "sandbox-get-prod-bucket", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).doesNotContain("aws:principalorgid");
    soft.assertThat(rcps(e).path("outcome").asText()).as(why(e)).isEqualTo("Allow");
    soft.assertAll();
  }

  /**
   * Case 15. [SCP]: SCPs "don't affect users or roles from accounts outside the organization"; [RCP]: RCPs apply only to
   * the services AWS lists, and SNS is not one. partner-dev publishes to the alerts topic of 111122223333 in us-east-1
   * (topic policy and identity policy allow). Neither the member's RegionLockEU (which would deny sns:Publish in
   * us-east-1 for a member principal) nor DenyAllExternalRCP (Action "*", attached to 111122223333) limits it: allowed,
   * as recorded, with the RCP step NotApplicable.
   */
  @Test
  void membersScpsDoNotLimitOutsidersAndRcpsSkipUnlistedServices() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "partner-publish-prod-topic", "Allowed", "agrees");
    soft.assertThat(rcps(e).path("outcome").asText()).as(why(e)).isEqualTo("NotApplicable");
    List<String> all = new ArrayList<>();
    ExplainedEvents.walk(e.path("trace"), n -> all.add(n.path("label").asText()));
    soft.assertThat(all).as(why(e)).noneSatisfy(l -> assertThat(l).contains("RegionLockEU"));
    soft.assertAll();
  }

  /**
   * Case 16. [RCP]: "RCPs don't affect resources in the management account." partner-dev reads mgmt-share (owned by
   * 999900001111, bucket policy allows 444455556666) although DataPerimeterRCP is attached at the root: allowed, as
   * recorded, RCP step NotApplicable.
   */
  @Test
  void rcpsDoNotAffectResourcesOfTheManagementAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "partner-get-mgmt-bucket", "Allowed", "agrees");
    soft.assertThat(rcps(e).path("outcome").asText()).as(why(e)).isEqualTo("NotApplicable");
    soft.assertAll();
  }

  /**
   * Case 24. [RCP-EX] [KEYS]: the perimeter RCP exempts AWS services with BoolIfExists aws:PrincipalIsAWSService false
   * (the key is true when an AWS service principal calls). CloudTrail (userIdentity type AWSService, invokedBy
   * cloudtrail.amazonaws.com [CT-UID]) delivers a log file into acme-prod-data: the RCP step must allow (neither
   * DataPerimeterRCP nor DenyAllExternalRCP denies) for every action the call is checked as, and no action may come out
   * as an explicit deny. (Whether the bucket policy's aws:SourceArn condition held is the log's gap, not this audit's.)
   */
  @Test
  void theDataPerimeterRcpLetsAnAwsServiceDeliver() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> all = ExplainedEvents.all(caseDir, "cloudtrail-delivery-prod-bucket");
    soft.assertThat(all).isNotEmpty();
    for (JsonNode e : all) {
      soft.assertThat(rcps(e).path("outcome").asText()).as(why(e)).isEqualTo("Allow");
      soft.assertThat(e.path("decision").asText()).as(why(e)).isNotEqualTo("ExplicitDeny");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ incomplete organization data

  /**
   * Case 17. OU Migrating is listed with no SCP. AWS keeps at least one SCP on every node [SCP-EVAL] (an OU without an
   * allowing SCP would block everything), so the manifest is incomplete there; docs/iam-formats.md says the product then
   * takes that level as unknown. gap-dev's ec2:DescribeInstances (recorded as a success) is undetermined, naming the OU
   * in the gaps — neither "allowed" nor "denied by an empty level".
   */
  @Test
  void anOuListedWithoutPoliciesLeavesTheDecisionUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "gap-dev-describe", "Undetermined", "undetermined");
    soft.assertThat(e.path("gaps").toString()).as(why(e)).contains("ou-7k2p-1nc0mpl3");
    soft.assertAll();
  }

  /**
   * Case 18. The unknown OU does not hide a deny found elsewhere [SCP-EVAL]: gap-dev's StopLogging is denied by
   * ProtectSecurityTooling at the root whatever the OU holds: ExplicitDeny, as recorded.
   */
  @Test
  void anUnknownOuDoesNotHideADenyAtTheRoot() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "gap-dev-stoplogging", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("ProtectSecurityTooling");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ findings: guardrails weakened

  /**
   * Case 19. [ORG-API] DetachPolicy of the SCP ProtectSecurityTooling (p-pr0t3ctsec) from the root r-7k2p: every member
   * account may stop CloudTrail and leave the organization from that moment. An analyst expects a finding of at least
   * medium severity naming the event.
   */
  @Test
  void detachingAnScpFromTheRootIsAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("org-detach-scp");
    assertThat(fs).as("AWS: detaching an SCP changes member permissions immediately (API_DetachPolicy); the product"
        + " reported: [" + describe(fs) + "] for DetachPolicy p-pr0t3ctsec from r-7k2p")
        .anySatisfy(f -> assertThat(f.path("severity").asText()).isIn(NOTABLE));
  }

  /**
   * Case 20. [ORG-API] "When you disable a policy type, all policies of the specified type are automatically detached
   * from all entities in the organization root": DisablePolicyType SERVICE_CONTROL_POLICY on r-7k2p removes every SCP
   * guardrail at once. Expected a finding of at least medium severity naming the event.
   */
  @Test
  void disablingTheScpPolicyTypeIsAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("org-disable-scp-type");
    assertThat(fs).as("AWS: DisablePolicyType detaches every SCP from every entity (disable-policy-type.html); the"
        + " product reported: [" + describe(fs) + "]")
        .anySatisfy(f -> assertThat(f.path("severity").asText()).isIn(NOTABLE));
  }

  /**
   * Case 21. [ORG-API] UpdatePolicy replaced the content of SandboxAllowList (p-s4ndb0xallow) by Allow "*" on "*": the
   * Sandbox OU's allow-list is gone. Expected a finding of at least medium severity naming the event.
   */
  @Test
  void rewritingAnScpIsAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("org-update-scp");
    assertThat(fs).as("AWS: UpdatePolicy changes an SCP's content (API_UpdatePolicy), here to Allow *; the product"
        + " reported: [" + describe(fs) + "]")
        .anySatisfy(f -> assertThat(f.path("severity").asText()).isIn(NOTABLE));
  }

  /**
   * Case 22. [ORG-API] DeletePolicy of RegionLockEU (p-r3g10nl0ck). AWS requires the policy to be detached everywhere
   * first, so the deletion itself removes a guardrail for good. Expected a finding naming the event (any severity).
   */
  @Test
  void deletingAnScpIsAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("org-delete-scp");
    assertThat(fs).as("AWS: DeletePolicy removes the SCP (API_DeletePolicy); the product reported: [" + describe(fs) + "]")
        .isNotEmpty();
  }

  /**
   * Case 23. [ORG-API] RemoveAccountFromOrganization (management account) takes 333344445555 out of every SCP: a high
   * finding. LeaveOrganization by prod-admin was refused (AccessDeniedException): explain names ProtectSecurityTooling
   * at the root, and findings list it as an attempt, below the severity of the successful removal.
   */
  @Test
  void leavingOrRemovingAnAccountIsReportedAndARefusedLeaveIsAnAttempt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> removed = findingsOn("org-remove-account");
    soft.assertThat(removed).as(describe(removed)).anySatisfy(f -> assertThat(f.path("severity").asText()).isIn(Set.of("high", "critical")));
    List<JsonNode> attempt = findingsOn("org-leave-denied");
    soft.assertThat(attempt).as(describe(attempt)).isNotEmpty()
        .allSatisfy(f -> assertThat(f.path("title").asText()).contains("attempted"));
    JsonNode e = expect(soft, "org-leave-denied", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as(why(e)).contains("ProtectSecurityTooling");
    soft.assertAll();
  }
}
