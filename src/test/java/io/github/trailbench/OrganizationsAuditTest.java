package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Audit of AWS Organizations and account-level changes: "did someone weaken the organization's guardrails or take an
 * account out of them, and was it allowed?". The records, IAM data and organization manifest of
 * {@code src/test/resources/fixtures/orgs} (written by its make-fixtures.py) are imported with the CLI, then read back
 * with {@code explain --event ID --json}, {@code findings --no-save --format json} and {@code simulate}.
 * OrgPolicyAuditTest already covers SCP/RCP evaluation levels, the management account and service-linked roles for
 * other services, and the basic detach/disable/update/delete/leave findings; these cases do not repeat it.
 *
 * <p>Organization o-a1b2c3d4e5, management account 999900001111; root r-7k2p has FullAWSAccess, RCPFullAWSAccess, the
 * SCP DenyLeaveOrganization (p-d3nyl34v3, AWS's example) and the RCP DataPerimeterRCP (p-d4t4per1m); OUs Prod
 * (111122223333), Sandbox (222233334444), Security (333344445555). In the management account: mgmt-admin (Allow *),
 * org-auditor (Describe / List only) and org-operator: Allow DisablePolicyType/UpdatePolicy/DetachPolicy but Deny them
 * when {@code organizations:PolicyType} is SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY; Allow
 * RemoveAccountFromOrganization only on the sandbox account's ARN; Allow RegisterDelegatedAdministrator and
 * DisableAWSServiceAccess only when {@code organizations:ServicePrincipal} = inspector2.amazonaws.com. Member accounts
 * each have a role Admin (Allow *). Every Organizations call is recorded in us-east-1.
 *
 * <p>Pages (each case quotes the one it relies on):
 * <ul>
 *   <li>[SAR] Service Authorization Reference, "Actions, resources, and condition keys for AWS Organizations":
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html -
 *       RemoveAccountFromOrganization "Grants permission to remove the specified account from the organization",
 *       resource types "account*"; CloseAccount "account*"; RegisterDelegatedAdministrator "account*", condition keys
 *       "organizations:ServicePrincipal"; DisablePolicyType "Grants permission to disable an organization policy type in
 *       a root", resource types "root*", condition keys "organizations:PolicyType"; DetachPolicy resource types
 *       "account", "organizationalunit", "policy*", "root"; MoveAccount "account*", "organizationalunit*", "root*";
 *       DisableAWSServiceAccess "Grants permission to disable integration of an AWS service (the service that is
 *       specified by ServicePrincipal) with AWS Organizations", condition keys "organizations:ServicePrincipal";
 *       LeaveOrganization: no resource type. Resource ARNs: account
 *       "arn:${Partition}:organizations::${Account}:account/o-${OrganizationId}/${AccountId}", root
 *       "arn:${Partition}:organizations::${Account}:root/o-${OrganizationId}/r-${RootId}", policy
 *       "arn:${Partition}:organizations::${Account}:policy/o-${OrganizationId}/${PolicyType}/p-${PolicyId}".
 *       Condition keys: organizations:PolicyType "Filters access by the specified policy type names";
 *       organizations:ServicePrincipal "Filters access by the specified service principal names".
 *   <li>[API-LEAVE] Organizations API Reference, LeaveOrganization:
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_LeaveOrganization.html - "This operation can
 *       be called only from a member account in the organization." / "The management account in an organization with
 *       all features enabled can set service control policies (SCPs) that can restrict what administrators of member
 *       accounts can do. This includes preventing them from successfully calling LeaveOrganization and leaving the
 *       organization."
 *   <li>[API-DETACH] Organizations API Reference, DetachPolicy:
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html - "If the policy being
 *       detached is a service control policy (SCP), the changes to permissions for AWS Identity and Access Management
 *       (IAM) users and roles in affected accounts are immediate."
 *   <li>[API-DISABLE-TYPE] Organizations API Reference, DisablePolicyType:
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_DisablePolicyType.html - "Disables an
 *       organizational policy type in a root. A policy of a certain type can be attached to entities in a root only if
 *       that type is enabled in the root. After you perform this operation, you no longer can attach policies of the
 *       specified type to that root or to any organizational unit (OU) or account in that root."; its example response
 *       shows the root's ARN in the management account: "arn:aws:organizations::111111111111:root/o-exampleorgid/r-examplerootid111".
 *   <li>[SCP] Organizations User Guide, "Service control policies (SCPs)":
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html - "SCPs do not affect
 *       users or roles in the management account. They affect only the member accounts in your organization."
 *   <li>[SCP-EX] Organizations User Guide, "Example SCPs" / general examples: "Prevent member accounts from leaving the
 *       organization" - Deny "organizations:LeaveOrganization" on "*".
 *   <li>[API-UPDATE] Organizations API Reference, UpdatePolicy:
 *       https://docs.aws.amazon.com/organizations/latest/APIReference/API_UpdatePolicy.html - "Updates an existing policy
 *       with a new name, description, or content."
 *   <li>[CT-ORGS] Organizations User Guide, "Logging AWS Organizations API calls with AWS CloudTrail": Organizations is a
 *       global service whose calls are recorded in US East (N. Virginia), eventSource organizations.amazonaws.com.
 * </ul>
 */
class OrganizationsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/orgs");
  static final String MGMT = "999900001111";
  static final String ORG = "o-a1b2c3d4e5";
  static final String ACCOUNT_ARN = "arn:aws:organizations::" + MGMT + ":account/" + ORG + "/";
  static final String ROOT_ARN = "arn:aws:organizations::" + MGMT + ":root/" + ORG + "/r-7k2p";
  static final String DENY_LEAVE_ARN = "arn:aws:organizations::" + MGMT + ":policy/" + ORG + "/service_control_policy/p-d3nyl34v3";
  static final Set<String> SKIPPED = Set.of("outcome-not-explained-by-policies");

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    List<String> args = new ArrayList<>(List.of("import", "--case", caseDir.toString()));
    for (String f : List.of("events.json", "iam-999900001111.json", "iam-111122223333.json", "iam-222233334444.json",
        "iam-333344445555.json", "organization.json")) {
      args.add(FIXTURES.resolve(f).toString());
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("18 added").contains("0 rejected");
  }

  static JsonNode explain(String id) throws Exception {
    return ExplainedEvents.only(caseDir, id);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static List<JsonNode> findingsOn(String eventId) throws Exception {
    return ExplainedEvents.holding(ExplainedEvents.findings(caseDir), eventId, SKIPPED);
  }

  static String describe(List<JsonNode> fs) {
    StringBuilder sb = new StringBuilder();
    fs.forEach(f -> sb.append(f.path("rule").asText()).append('/').append(f.path("severity").asText()).append(": ")
        .append(f.path("title").asText()).append(" | ").append(f.path("summary").asText()).append("; "));
    return sb.toString();
  }

  static JsonNode simulate(String principal, String action, String resource) throws Exception {
    List<String> args = new ArrayList<>(List.of("simulate", "--case", caseDir.toString(), "--principal", principal,
        "--actions", action, "--format", "json"));
    if (resource != null) {
      args.add("--resource");
      args.add(resource);
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<JsonNode> rows = ExplainedEvents.jsonLines(r.out());
    assertThat(rows).as(r.out()).hasSize(1);
    return rows.get(0);
  }

  /** The resource ARNs of every evaluated action of the event. */
  static List<String> resources(List<JsonNode> l) {
    List<String> out = new ArrayList<>();
    l.forEach(e -> out.add(e.path("request").path("resource").asText()));
    return out;
  }

  // ------------------------------------------------------------------ 1. leaving the organization

  /**
   * Q1. "The prod Admin role tried to leave: what stopped it?" [API-LEAVE]: SCPs can prevent member accounts "from
   * successfully calling LeaveOrganization"; [SCP-EX]: the Deny on organizations:LeaveOrganization at the root does
   * exactly that. CloudTrail logged AccessDeniedException; the replay must deny explicitly, name the SCP and agree.
   */
  @Test
  void memberAccountLeaveIsDeniedByTheAwsExampleScp() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "leave-prod-denied", "*", "ExplicitDeny", "agrees");
    soft.assertThat(e.path("explanation").asText()).as("AWS [SCP-EX]: the root SCP denies LeaveOrganization; product: " + why(e))
        .contains("DenyLeaveOrganization");
    soft.assertAll();
  }

  /**
   * Q2. "Can the management account's administrator get round that SCP?" [SCP]: "SCPs do not affect users or roles in
   * the management account. They affect only the member accounts in your organization." The same Deny that stops the
   * prod Admin role does not apply to mgmt-admin (whose LeaveOrganization AWS refuses for another reason,
   * [API-LEAVE]: "can be called only from a member account"); policy-wise mgmt-admin is allowed, prod Admin denied.
   */
  @Test
  void theDenyLeaveScpBindsAMemberButNotTheManagementAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode mgmt = simulate("arn:aws:iam::" + MGMT + ":user/mgmt-admin", "organizations:LeaveOrganization", null);
    JsonNode member = simulate("arn:aws:iam::111122223333:role/Admin", "organizations:LeaveOrganization", null);
    soft.assertThat(mgmt.path("decision").asText()).as("AWS [SCP]: SCPs do not affect the management account; product: " + mgmt)
        .isEqualTo("Allowed");
    soft.assertThat(member.path("decision").asText()).as("AWS [SCP-EX]: a member account is denied; product: " + member)
        .isEqualTo("ExplicitDeny");
    soft.assertAll();
  }

  /**
   * Q3. "Which account tried to leave, and did it get out?" The refused LeaveOrganization must be reported as an
   * attempt (not as an account that left), naming account 111122223333 and the SCP that stopped it [API-LEAVE].
   */
  @Test
  void aRefusedLeaveIsAnAttemptNamingTheAccountAndTheScp() throws Exception {
    List<JsonNode> fs = findingsOn("leave-prod-denied");
    assertThat(fs).as("expected an organization-left attempt naming 111122223333 and DenyLeaveOrganization; product: " + describe(fs))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("organization-left");
          assertThat(f.path("title").asText()).contains("attempted");
          assertThat(f.path("severity").asText()).isNotIn("high", "critical");
          assertThat(f.path("title").asText() + f.path("summary").asText()).contains("111122223333").contains("DenyLeaveOrganization");
        });
  }

  /**
   * Q4. "The management account removed the sandbox account: is that reported, naming the account?" [SCP]: once out
   * of the organization the account is bound by none of its SCPs. Expected a high organization-left finding naming
   * 222233334444.
   */
  @Test
  void removingAnAccountIsAHighFindingNamingTheAccount() throws Exception {
    List<JsonNode> fs = findingsOn("remove-sandbox");
    assertThat(fs).as("expected a high organization-left finding naming 222233334444; product: " + describe(fs))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("organization-left");
          assertThat(f.path("severity").asText()).isEqualTo("high");
          assertThat(f.path("summary").asText()).contains("222233334444");
        });
  }

  // ------------------------------------------------------------------ 2. the replay: organization resource ARNs

  /**
   * Q5. "On what was RemoveAccountFromOrganization authorized?" [SAR]: its required resource type is account*, ARN
   * arn:aws:organizations::${Account}:account/o-${OrganizationId}/${AccountId}; the record names accountId
   * 222233334444 and the case's manifest gives the organization and its management account. Expected resource
   * arn:aws:organizations::999900001111:account/o-a1b2c3d4e5/222233334444, allowed, agreeing with the log.
   */
  @Test
  void removeAccountIsAuthorizedOnTheAccountArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "remove-sandbox", ACCOUNT_ARN + "222233334444", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q6. "org-operator may remove only the sandbox account: was its attempt on prod refused by its own policy?" Its
   * only Allow for RemoveAccountFromOrganization names the sandbox account's ARN; [SAR] authorizes the action on the
   * account named by the request (account*), here 111122223333, so no statement allows it: ImplicitDeny, agreeing with
   * the AccessDeniedException in the log. (Simulated with that resource ARN the product answers so; see Q7.)
   */
  @Test
  void aResourceLevelAllowOnAnotherAccountDoesNotAllowRemovingProd() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "operator-remove-prod-denied", ACCOUNT_ARN + "111122223333", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. Guard for Q6: given the account ARN of [SAR] explicitly, the engine applies org-operator's resource-level
   * Allow: the sandbox account may be removed, prod may not.
   */
  @Test
  void simulateAppliesTheResourceLevelAllowOnAccountArns() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String op = "arn:aws:iam::" + MGMT + ":user/org-operator";
    JsonNode sandbox = simulate(op, "organizations:RemoveAccountFromOrganization", ACCOUNT_ARN + "222233334444");
    JsonNode prod = simulate(op, "organizations:RemoveAccountFromOrganization", ACCOUNT_ARN + "111122223333");
    soft.assertThat(sandbox.path("decision").asText()).as(sandbox.toString()).isEqualTo("Allowed");
    soft.assertThat(prod.path("decision").asText()).as(prod.toString()).isEqualTo("ImplicitDeny");
    soft.assertAll();
  }

  /**
   * Q8. "On what was DisablePolicyType authorized?" [SAR]: resource type root*, ARN
   * arn:aws:organizations::${Account}:root/o-${OrganizationId}/r-${RootId}; the record names rootId r-7k2p and
   * [API-DISABLE-TYPE]'s example shows the root ARN in the management account. Expected
   * arn:aws:organizations::999900001111:root/o-a1b2c3d4e5/r-7k2p.
   */
  @Test
  void disablePolicyTypeIsAuthorizedOnTheRootArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "disable-rcp-type", ROOT_ARN, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q9. "Did org-operator's own guardrail stop it disabling SCPs?" [SAR]: DisablePolicyType supports
   * organizations:PolicyType ("Filters access by the specified policy type names"), and the record's
   * requestParameters.policyType is SERVICE_CONTROL_POLICY. The Deny NoGuardrailChanges applies: ExplicitDeny, agreeing
   * with the AccessDeniedException, not "undetermined, the log does not carry organizations:PolicyType".
   */
  @Test
  void thePolicyTypeConditionIsDecidedFromTheRecord() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "operator-disable-scp-denied", null, "ExplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as("organizations:PolicyType is in requestParameters.policyType; product: " + why(e))
        .doesNotContain("organizations:policytype");
    soft.assertAll();
  }

  /**
   * Q10. "On what was DetachPolicy authorized?" [SAR]: DetachPolicy's required resource type is policy*, ARN
   * arn:aws:organizations::${Account}:policy/o-${OrganizationId}/${PolicyType}/p-${PolicyId}; the record names
   * policyId p-d3nyl34v3, an SCP of the case's manifest. Expected an evaluated resource
   * arn:aws:organizations::999900001111:policy/o-a1b2c3d4e5/service_control_policy/p-d3nyl34v3 (the target account
   * 111122223333 is the optional account resource).
   */
  @Test
  void detachPolicyIsAuthorizedOnThePolicyArn() throws Exception {
    List<JsonNode> l = ExplainedEvents.all(caseDir, "detach-scp-prod");
    assertThat(resources(l)).as("AWS [SAR]: DetachPolicy requires the policy resource " + DENY_LEAVE_ARN + "; product:"
        + ExplainedEvents.whyAll(l)).contains(DENY_LEAVE_ARN);
  }

  /**
   * Q11. "On what were MoveAccount and CloseAccount authorized?" [SAR]: MoveAccount requires account*, (source and
   * destination) organizationalunit* and root*; CloseAccount requires account*. The records name accountId 111122223333
   * and 333344445555: each must be evaluated on the account's ARN.
   */
  @Test
  void moveAndCloseAccountAreAuthorizedOnTheAccountArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> move = ExplainedEvents.all(caseDir, "move-prod");
    soft.assertThat(resources(move)).as("AWS [SAR]: MoveAccount requires account*; product:" + ExplainedEvents.whyAll(move))
        .contains(ACCOUNT_ARN + "111122223333");
    List<JsonNode> close = ExplainedEvents.all(caseDir, "close-sec");
    soft.assertThat(resources(close)).as("AWS [SAR]: CloseAccount requires account*; product:" + ExplainedEvents.whyAll(close))
        .contains(ACCOUNT_ARN + "333344445555");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 3. the replay: delegated administrators, trusted access

  /**
   * Q12. "org-operator may delegate only Inspector: was its GuardDuty delegation refused, and its Inspector one
   * allowed?" [SAR]: RegisterDelegatedAdministrator supports organizations:ServicePrincipal ("Filters access by the
   * specified service principal names"); the records carry requestParameters.servicePrincipal (guardduty.amazonaws.com,
   * inspector2.amazonaws.com). Expected ImplicitDeny agreeing with the AccessDeniedException, and Allowed agreeing with
   * the successful call.
   */
  @Test
  void theServicePrincipalConditionIsDecidedFromTheRecordForDelegatedAdmins() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode gd = ExplainedEvents.expect(soft, caseDir, "operator-register-guardduty-denied", null, "ImplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.missing(gd)).as("servicePrincipal is in the record; product: " + why(gd))
        .doesNotContain("organizations:serviceprincipal");
    ExplainedEvents.expect(soft, caseDir, "operator-register-inspector", null, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q13. "Was org-operator's attempt to turn off GuardDuty's trusted access refused by its policy?" [SAR]:
   * DisableAWSServiceAccess has no resource type and supports organizations:ServicePrincipal; the record's
   * servicePrincipal is guardduty.amazonaws.com, not the inspector2.amazonaws.com its only Allow names: ImplicitDeny,
   * agreeing with the log.
   */
  @Test
  void theServicePrincipalConditionIsDecidedFromTheRecordForTrustedAccess() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "operator-disable-guardduty-access-denied", "*", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q14. Guard: LeaveOrganization lists no resource type in [SAR], so it is evaluated on "*"
   * (Q1), and a read-only user's DetachPolicy is an implicit deny agreeing with the log whatever the resource.
   */
  @Test
  void aReadOnlyAuditorsDetachIsAnImplicitDenyAndAnAttempt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "auditor-detach-denied", null, "ImplicitDeny", "agrees");
    List<JsonNode> fs = findingsOn("auditor-detach-denied");
    soft.assertThat(fs).as("expected an organization-policy-detached attempt; product: " + describe(fs))
        .anySatisfy(f -> assertThat(f.path("title").asText()).contains("attempted"));
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 4. findings: guardrails weakened

  /**
   * Q15. "RCPs were switched off in the root: is that reported?" [API-DISABLE-TYPE]: after DisablePolicyType "you no
   * longer can attach policies of the specified type to that root or to any organizational unit (OU) or account in
   * that root" - every RCP, here the data perimeter, is gone. Expected a high organization-policy-detached finding
   * naming RESOURCE_CONTROL_POLICY and r-7k2p.
   */
  @Test
  void disablingTheRcpPolicyTypeIsAHighFinding() throws Exception {
    List<JsonNode> fs = findingsOn("disable-rcp-type");
    assertThat(fs).as("expected a high organization-policy-detached finding for DisablePolicyType RESOURCE_CONTROL_POLICY;"
        + " product: " + describe(fs)).anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("organization-policy-detached");
          assertThat(f.path("severity").asText()).isEqualTo("high");
          assertThat(f.path("summary").asText()).contains("RESOURCE_CONTROL_POLICY").contains("r-7k2p");
        });
  }

  /**
   * Q16. Guard: disabling TAG_POLICY removes no SCP or RCP guardrail ([API-DISABLE-TYPE] acts on "the specified type"
   * only); it must not be reported as organization-policy-detached.
   */
  @Test
  void disablingTagPoliciesIsNotAGuardrailFinding() throws Exception {
    List<JsonNode> fs = findingsOn("disable-tag-type");
    assertThat(fs).as("DisablePolicyType TAG_POLICY detaches no SCP/RCP; product: " + describe(fs))
        .noneSatisfy(f -> assertThat(f.path("rule").asText()).isEqualTo("organization-policy-detached"));
  }

  /**
   * Q17. "Which guardrails were detached, and from where?" [API-DETACH]: for an SCP "the changes to permissions ...
   * in affected accounts are immediate". The finding must name both detached policies (p-d4t4per1m from r-7k2p,
   * p-d3nyl34v3 from account 111122223333) and their targets.
   */
  @Test
  void detachingNamesThePoliciesAndTheirTargets() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String[] c : List.of(new String[] {"detach-rcp-root", "p-d4t4per1m", "r-7k2p"},
        new String[] {"detach-scp-prod", "p-d3nyl34v3", "111122223333"})) {
      List<JsonNode> fs = findingsOn(c[0]);
      soft.assertThat(fs).as("expected a high organization-policy-detached finding naming " + c[1] + " and " + c[2]
          + "; product: " + describe(fs)).anySatisfy(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("high");
            assertThat(f.path("summary").asText()).contains(c[1]).contains(c[2]);
          });
    }
    soft.assertAll();
  }

  /**
   * Q18. "The data-perimeter RCP was rewritten, and the deny-leave SCP deleted: reported?" [API-UPDATE]: UpdatePolicy
   * replaces a policy's content (here by Allow *). Expected organization-policy-changed findings naming the policy
   * (DataPerimeterRCP / p-d4t4per1m; p-d3nyl34v3).
   */
  @Test
  void rewritingTheRcpAndDeletingTheScpAreReported() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> upd = findingsOn("update-rcp");
    soft.assertThat(upd).as("expected organization-policy-changed naming DataPerimeterRCP; product: " + describe(upd))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("organization-policy-changed");
          assertThat(f.path("summary").asText()).contains("DataPerimeterRCP");
        });
    List<JsonNode> del = findingsOn("delete-scp");
    soft.assertThat(del).as("expected organization-policy-changed naming p-d3nyl34v3; product: " + describe(del))
        .anySatisfy(f -> {
          assertThat(f.path("rule").asText()).isEqualTo("organization-policy-changed");
          assertThat(f.path("summary").asText()).contains("p-d3nyl34v3");
        });
    soft.assertAll();
  }

  /**
   * Q19. "Was org-operator's refused DisablePolicyType reported as an attempt, not as SCPs switched off?" The call
   * failed (AccessDeniedException), so SCPs stayed enabled; the finding must say attempted and be below high.
   */
  @Test
  void aRefusedDisableOfScpsIsOnlyAnAttempt() throws Exception {
    List<JsonNode> fs = findingsOn("operator-disable-scp-denied");
    assertThat(fs).as("expected an attempt below high; product: " + describe(fs)).isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.path("title").asText()).contains("attempted");
          assertThat(f.path("severity").asText()).isNotIn("high", "critical");
        });
  }
}
