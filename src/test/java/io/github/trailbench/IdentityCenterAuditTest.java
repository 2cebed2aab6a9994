package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of IAM Identity Center and the humans behind its role sessions: "which human did this, through which
 * permission set and role chain?". The records and IAM data of {@code src/test/resources/fixtures/idc} are imported
 * with the CLI and read back with {@code events --format json}, {@code explain --event ID --json}, {@code findings
 * --format json --no-save} and the session graph (as {@link FederationAuditTest} does). It does not repeat
 * FederationAuditTest (one SSO session, its trust decision), SignInAuditTest (Identity Center sign-in events, MFA) or
 * ChainAuditTest (an SSO session without an issuing call is incomplete).
 *
 * <p>The case: an Identity Center instance in account 999988887777 (identity store d-9067642ac7); its users alice,
 * bob and carol use the access portal (ListAccounts, GetRoleCredentials), then AssumeRoleWithSAML into the permission
 * set roles AWSReservedSSO_AdministratorAccess_… / AWSReservedSSO_ReadOnly_… (path /aws-reserved/sso.amazonaws.com/)
 * of member account 111122223333. alice chains on to BreakGlassAdmin (trust names the permission set role's ARN),
 * carol and bob try DataReader (trust: aws:PrincipalArn ArnLike …/AWSReservedSSO_ReadOnly_*), an application's role
 * session makes a call on alice's behalf (onBehalfOf), and in the Identity Center account a session creates a
 * permission set, attaches AdministratorAccess to it, creates an Identity Store user, puts it in a group and assigns
 * it to the member account; another session's attempt to attach AdministratorAccess is refused.
 *
 * <p>AWS documentation fixing the expected answers:
 *
 * <ul>
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element", example "userIdentity for a request made
 *       on behalf of an IAM Identity Center user": {@code "type": "IdentityCenterUser", "accountId": …, "onBehalfOf":
 *       {"userId": …, "identityStoreArn": "arn:aws:identitystore::123456789012:identitystore/d-…"}, "credentialId": …}
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *   <li>[TIP] EMR Management Guide, "Audit access with simplified trusted identity propagation": "CloudTrail records
 *       the role session that made the call in the userIdentity element, and identifies the workforce user in the
 *       onBehalfOf section. … On the IAM Identity Center path, onBehalfOf records the Identity Center userId, the
 *       identityStoreArn …" https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-tip-simplified-auditing.html
 *   <li>[IERS] IAM Identity Center User Guide, "Identity-enhanced IAM role sessions": "When an AWS application uses an
 *       identity-enhanced role session to access a resource, CloudTrail logs the userId, the initiating session, and
 *       the action taken."
 *       https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation-identity-enhanced-iam-role-sessions.html
 *   <li>[SSO] IAM Identity Center User Guide, "Permission sets" (roles AWSReservedSSO_PERMISSIONSET_ID under
 *       /aws-reserved/sso.amazonaws.com/, trusting the AWSSSO_…_DO_NOT_DELETE SAML provider):
 *       https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html
 *   <li>[IAM-CT] IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail" (AssumeRoleWithSAML and
 *       AssumeRole records: responseElements.credentials.accessKeyId is the new session, assumedRoleUser.arn its
 *       principal): https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html
 *   <li>[PARN] IAM User Guide, "AWS global condition context keys", aws:PrincipalArn: for an IAM role "the request
 *       context contains the following value for condition key aws:PrincipalArn. Do not specify the assumed role
 *       session ARN as a value for this condition key" (the value is the role's ARN, arn:aws:iam::ACCOUNT:role/PATH
 *       ROLE): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 *   <li>[ATTACH] IAM Identity Center API Reference, AttachManagedPolicyToPermissionSet: "Attaches an AWS managed
 *       policy ARN to a permission set. … Calling ProvisionPermissionSet applies the corresponding IAM policy updates
 *       to all assigned accounts." https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AttachManagedPolicyToPermissionSet.html
 *   <li>[ASSIGN] IAM Identity Center API Reference, CreateAccountAssignment: "Assigns access to a principal for a
 *       specified AWS account using a specified permission set. … As part of a successful CreateAccountAssignment
 *       call, the specified permission set will automatically be provisioned to the account in the form of an IAM
 *       policy. That policy is attached to the IAM role created in IAM Identity Center."
 *       https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html
 *   <li>[IDS] Identity Store API Reference, CreateUser "Creates a user within the specified identity store" and
 *       CreateGroupMembership "Creates a relationship between a member and a group":
 *       https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroupMembership.html
 * </ul>
 */
class IdentityCenterAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/idc");
  static final String MEMBER = "111122223333";
  static final String IDC = "999988887777";
  static final String ALICE = "94482488-3041-7026-18f3-be45837cd0e4";
  static final String BOB = "c4d8e438-a011-70b4-1f44-9e5f1e2a6b01";
  static final String CAROL = "e1f2a3b4-5061-7082-93a4-b5c6d7e8f901";
  static final String ADM = "AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7a8b";
  static final String ADM_ARN = "arn:aws:iam::" + MEMBER + ":role/aws-reserved/sso.amazonaws.com/" + ADM;
  static final String ALICE_KEY = "ASIAIDCALICE0000001";
  static final String BOB_KEY = "ASIAIDCBOB000000001";
  static final String CHAIN_KEY = "ASIAIDCALICECHAIN01";

  @TempDir static Path tmp;
  static Path caseDir;
  static Map<String, JsonNode> events;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("5 roles");
    events = new HashMap<>();
    ExplainedEvents.events(caseDir, null).forEach(e -> events.put(e.path("eventId").asText(), e));
    assertThat(events).hasSize(20);
    findings = ExplainedEvents.findings(caseDir);
  }

  static String principal(String eventId) {
    return events.get(eventId).path("principalArn").asText(null);
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " | " + f.path("severity").asText() + " | " + f.path("title").asText() + " | "
        + f.path("summary").asText();
  }

  static List<String> ids(JsonNode f) {
    List<String> out = new ArrayList<>();
    f.path("eventIds").forEach(id -> out.add(id.asText()));
    return out;
  }

  /** Findings naming the event, other than the replay's "outcome not explained" bookkeeping. */
  static List<JsonNode> findingsOn(String eventId) {
    return findings.stream().filter(f -> !f.path("rule").asText().equals("outcome-not-explained-by-policies"))
        .filter(f -> ids(f).contains(eventId)).toList();
  }

  static String allFindings() {
    StringBuilder b = new StringBuilder();
    findings.forEach(f -> b.append("\n  ").append(text(f)).append(" ").append(ids(f)));
    return b.toString();
  }

  // ------------------------------------------------------------------ 1. the access portal

  /**
   * Q1. "Who asked the portal for credentials?" The access portal's ListAccounts / GetRoleCredentials are logged with
   * userIdentity type IdentityCenterUser whose onBehalfOf names the user (userId) and the identity store [CT-UID]. The
   * principal must be that Identity Store user (arn:aws:identitystore::999988887777:user/USER_ID), not the account.
   */
  @Test
  void portalCallsNameTheIdentityStoreUser() {
    SoftAssertions soft = new SoftAssertions();
    String alice = "arn:aws:identitystore::" + IDC + ":user/" + ALICE;
    soft.assertThat(principal("idc-portal-alice-list")).as("ListAccounts").isEqualTo(alice);
    soft.assertThat(principal("idc-portal-alice-getrole")).as("GetRoleCredentials").isEqualTo(alice);
    soft.assertThat(principal("idc-portal-bob-getrole")).as("bob's GetRoleCredentials")
        .isEqualTo("arn:aws:identitystore::" + IDC + ":user/" + BOB);
    soft.assertAll();
  }

  /**
   * Q2. The same portal record without onBehalfOf.identityStoreArn: the log names the user id but not the store, so
   * no identitystore ARN can be formed [CT-UID]. The product must not invent one (no guessed account or store), and
   * must not fall back to the account (the account did not make the call); the user id may be shown as it is.
   */
  @Test
  void portalCallWithoutTheStoreIsNotGivenAGuessedPrincipal() {
    String p = principal("idc-portal-nostore");
    assertThat(p).as("principal of a portal call whose onBehalfOf lacks identityStoreArn: " + p)
        .satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).doesNotContain("identitystore::")
            .isNotEqualTo(IDC).isNotEqualTo("arn:aws:iam::" + IDC + ":root"));
  }

  // ------------------------------------------------------------------ 2. permission set sessions

  /**
   * Q3. alice's AssumeRoleWithSAML of the permission set role issued ASIAIDCALICE0000001 [IAM-CT]; her ListBuckets
   * with it is logged as assumed-role/AWSReservedSSO_AdministratorAccess_…/alice@example.com. The session is alice's
   * (its chain roots at her SAML subject) and tied to the permission set role, whose ARN carries the path
   * /aws-reserved/sso.amazonaws.com/ [SSO] (the session ARN does not).
   */
  @Test
  void ssoSessionIsTheUsersAndNamesThePermissionSetRoleWithItsPath() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session(ALICE_KEY).orElseThrow();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(principal("idc-alice-list"))
        .isEqualTo("arn:aws:sts::" + MEMBER + ":assumed-role/" + ADM + "/alice@example.com");
    soft.assertThat(s.issuerArn()).as("the permission set role, path included").isEqualTo(ADM_ARN);
    soft.assertThat(g.rootOf(ALICE_KEY).identity()).as("root of alice's session " + g.rootOf(ALICE_KEY))
        .contains("alice@example.com");
    soft.assertAll();
  }

  /**
   * Q4. alice and bob use the same permission set role at the same time: two AssumeRoleWithSAML calls issue two
   * keys to two sessions (alice@example.com, bob@example.com) [IAM-CT]. They must stay two people: each key roots at
   * its own user, and neither's calls are attributed to the other.
   */
  @Test
  void twoUsersOfOnePermissionSetAreNotMerged() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(g.rootOf(ALICE_KEY).identity()).contains("alice@example.com").doesNotContain("bob");
    soft.assertThat(g.rootOf(BOB_KEY).identity()).contains("bob@example.com").doesNotContain("alice");
    soft.assertThat(principal("idc-bob-list")).endsWith("/bob@example.com");
    soft.assertThat(events.get("idc-bob-list").path("sessionId").asText())
        .isNotEqualTo(events.get("idc-alice-list").path("sessionId").asText());
    soft.assertAll();
  }

  /**
   * Q5. "Who can become whom and who did" (README, principal graph). The graph groups role sessions by (role, session
   * name): alice's and bob's sessions of the same permission set role must be two nodes, not one. And each
   * AssumeRoleWithSAML record names its caller - userIdentity type SAMLUser, userName and principalId carrying the SAML
   * subject (alice@example.com, bob@example.com) [CT-UID, "Values for AWS STS APIs with SAML and web identity
   * federation"] - and the role (requestParameters.roleArn) [IAM-CT]: the graph's did-assume edges (observed
   * assumptions) must show each human assuming the permission set role, one edge per human, neither naming the
   * other. Read from the case's graph as {@code graph} loads it.
   */
  @Test
  void principalGraphShowsEachHumanAssumingThePermissionSetRoleApart() throws Exception {
    io.github.trailbench.core.model.graph.PrincipalGraph g;
    try (io.github.trailbench.store.CaseStore store = io.github.trailbench.store.CaseStore.open(caseDir)) {
      g = io.github.trailbench.store.CaseGraph.load(store, io.github.trailbench.store.CaseIam.snapshot(store));
    }
    String aliceNode = "arn:aws:sts::" + MEMBER + ":assumed-role/" + ADM + "/alice@example.com";
    String bobNode = "arn:aws:sts::" + MEMBER + ":assumed-role/" + ADM + "/bob@example.com";
    String touching = g.edges().stream().filter(e -> (e.to() + e.from()).contains("AWSReservedSSO_AdministratorAccess_1a"))
        .map(e -> e.from() + " -" + e.kind() + "-> " + e.to() + " " + e.evidence()).reduce("", (x, y) -> x + "\n  " + y);
    List<io.github.trailbench.core.model.graph.GraphEdge> did = g.edges().stream()
        .filter(e -> e.kind() == io.github.trailbench.core.model.graph.EdgeKind.DID_ASSUME && e.to().equals(ADM_ARN)).toList();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(g.node(aliceNode)).as("alice's session node").isPresent();
    soft.assertThat(g.node(bobNode)).as("bob's session node").isPresent();
    soft.assertThat(did).as("AWS logs AssumeRoleWithSAML with the SAML subject as caller [CT-UID]; the product's edges of"
        + " the permission set role:" + touching)
        .anySatisfy(e -> assertThat(e.from()).contains("alice@example.com").doesNotContain("bob"))
        .anySatisfy(e -> assertThat(e.from()).contains("bob@example.com").doesNotContain("alice"));
    soft.assertAll();
  }

  /**
   * Q6. The SSO session's call is decided with the permission set role's policies (AdministratorAccess): the replay
   * must find the role although the session ARN lacks its path [SSO]: Allowed, agrees.
   */
  @Test
  void ssoSessionCallIsDecidedWithThePermissionSetRole() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "idc-bob-list");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ 3. chaining on from the SSO session

  /**
   * Q7. alice's SSO session calls AssumeRole on BreakGlassAdmin; the record's responseElements name the new key
   * ASIAIDCALICECHAIN01 [IAM-CT]. Its chain is BreakGlassAdmin session → alice's SSO session → alice: the human is
   * kept, and the chain is complete.
   */
  @Test
  void chainFromTheSsoSessionKeepsTheHuman() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(g.chain(CHAIN_KEY)).extracting(Session::accessKeyId).containsExactly(CHAIN_KEY, ALICE_KEY);
    soft.assertThat(g.rootOf(CHAIN_KEY).identity()).as("root " + g.rootOf(CHAIN_KEY)).contains("alice@example.com");
    soft.assertThat(g.rootOf(CHAIN_KEY).complete()).isTrue();
    soft.assertAll();
  }

  /**
   * Q8. BreakGlassAdmin's trust names the permission set role by its full ARN, path included
   * (arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_…) [SSO]. The
   * caller is the session assumed-role/AWSReservedSSO_…/alice@example.com, whose role is that ARN: the trust's
   * Principal matches, the call is allowed and agrees with CloudTrail. The chained session's own call (iam:ListUsers)
   * is decided with BreakGlassAdmin's AdministratorAccess: agrees.
   */
  @Test
  void trustNamingThePermissionSetRoleByItsPathAllowsTheChain() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "idc-alice-chain");
    soft.assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees");
    JsonNode c = ExplainedEvents.only(caseDir, "idc-alice-chain-call");
    soft.assertThat(c.path("verdict").asText()).as(ExplainedEvents.why(c)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q9. DataReader's trust allows the account with ArnLike aws:PrincipalArn
   * "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_*". For a role session
   * aws:PrincipalArn is the role's ARN (with its path), not the session ARN [PARN]. carol's ReadOnly session (whose
   * permission set allows sts:AssumeRole on DataReader) matches: Allowed, agrees with CloudTrail's success.
   */
  @Test
  void principalArnConditionOnThePermissionSetPathAllowsTheReadOnlyUser() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "idc-carol-reader");
    assertThat(ExplainedEvents.missing(e)).as(ExplainedEvents.why(e)).doesNotContain("aws:principalarn");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees");
    assertThat(ExplainedEvents.conditionsOn(e.path("trace"), "aws:PrincipalArn"))
        .anySatisfy(n -> assertThat(n.path("outcome").asText()).isEqualTo("Match"));
  }

  /**
   * Q10. bob's AdministratorAccess session is not a ReadOnly permission set role: the ArnLike aws:PrincipalArn
   * condition fails, the trust grants nothing and AWS refused (AccessDenied) [PARN]. The replay must refuse on that
   * condition and agree.
   */
  @Test
  void principalArnConditionRefusesTheOtherPermissionSet() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "idc-bob-reader-denied");
    assertThat(e.path("recorded").asText()).isEqualTo("Denied");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isNotEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees");
    assertThat(ExplainedEvents.conditionsOn(e.path("trace"), "aws:PrincipalArn"))
        .anySatisfy(n -> assertThat(n.path("outcome").asText()).isEqualTo("NoMatch"));
  }

  // ------------------------------------------------------------------ 4. identity-enhanced sessions

  /**
   * Q11. An application's identity-enhanced role session (AnalyticsAppRole/app-session-42) called ListBuckets on
   * alice's behalf: "CloudTrail records the role session that made the call in the userIdentity element, and
   * identifies the workforce user in the onBehalfOf section" [TIP]. The caller is the role session, not alice: the
   * principal is the session ARN, and the call is decided as that session (its role's policy allows
   * s3:ListAllMyBuckets): Allowed, agrees.
   */
  @Test
  void identityEnhancedSessionCallIsTheRoleSessions() throws Exception {
    String session = "arn:aws:sts::" + MEMBER + ":assumed-role/AnalyticsAppRole/app-session-42";
    assertThat(principal("idc-enhanced-call")).isEqualTo(session);
    JsonNode e = ExplainedEvents.only(caseDir, "idc-enhanced-call");
    assertThat(e.path("request").path("principal").asText()).as(ExplainedEvents.why(e)).isEqualTo(session);
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees");
  }

  /**
   * Q12. "Which human was behind the application's session?" CloudTrail logs the userId [IERS] in
   * userIdentity.onBehalfOf (userId and identityStoreArn [TIP]). The analyst must be able to find the call by that
   * human: a filter on the CloudTrail field {@code userIdentity.onBehalfOf.userId} (the filter language accepts
   * CloudTrail's names, README) must select the event.
   */
  @Test
  void identityEnhancedSessionCanBeFoundByTheHumanItActedFor() {
    CliRun r = CliRun.of("events", "--case", caseDir.toString(), "--format", "json", "--filter",
        "userIdentity.onBehalfOf.userId:" + ALICE);
    assertThat(r.exit()).as("AWS logs the human in userIdentity.onBehalfOf.userId [TIP]; the product's filter on it: "
        + r.out() + r.err()).isZero();
    assertThat(r.out()).as("events on behalf of alice").contains("idc-enhanced-call");
  }

  // ------------------------------------------------------------------ 5. Identity Center administration

  /**
   * Q13. AttachManagedPolicyToPermissionSet with arn:aws:iam::aws:policy/AdministratorAccess: every account the
   * permission set is (or will be) assigned to gets AdministratorAccess on its AWSReservedSSO_ role [ATTACH] [ASSIGN]:
   * an administrator grant as much as AttachRolePolicy of AdministratorAccess, which the product reports
   * (admin-policy-granted, high). A finding at high severity or above must name the event.
   */
  @Test
  void administratorAccessAttachedToAPermissionSetIsReported() {
    List<JsonNode> on = findingsOn("idc-admin-attach-admin");
    assertThat(on).as("AWS: AttachManagedPolicyToPermissionSet gives AdministratorAccess in every assigned account"
        + " [ATTACH]; the product's findings:" + allFindings())
        .anySatisfy(f -> assertThat(f.path("severity").asText()).isIn("high", "critical"));
  }

  /**
   * Q14. CreateAccountAssignment gave the new Identity Store user the permission set (with AdministratorAccess) in
   * account 111122223333: "the specified permission set will automatically be provisioned to the account in the form
   * of an IAM policy" [ASSIGN]. That is access granted to a principal in an account (persistence / escalation): a
   * finding must name the event.
   */
  @Test
  void accountAssignmentIsReported() {
    assertThat(findingsOn("idc-admin-assign")).as("AWS: CreateAccountAssignment provisions the permission set to the"
        + " account [ASSIGN]; the product's findings:" + allFindings()).isNotEmpty();
  }

  /**
   * Q15. identitystore CreateUser then CreateGroupMembership by the same session [IDS]: a new workforce identity
   * created and given group membership (hence the group's assignments) - Identity Center's counterpart of the
   * product's iam-user-persistence-chain. A finding must name the new user's creation.
   */
  @Test
  void identityStoreUserCreatedAndAddedToAGroupIsReported() {
    List<JsonNode> on = new ArrayList<>(findingsOn("idc-admin-create-user"));
    on.addAll(findingsOn("idc-admin-group-member"));
    assertThat(on).as("AWS: CreateUser creates a user in the identity store, CreateGroupMembership makes it a member"
        + " of a group [IDS]; the product's findings:" + allFindings()).isNotEmpty();
  }

  /**
   * Q16. The refused AttachManagedPolicyToPermissionSet (AccessDeniedException) granted nothing [ATTACH]. The product
   * lists refused calls of its detections as attempts (README: a finding whose calls were all denied "stays visible
   * but says so"). It must be reported, and as an attempt, never as a grant that succeeded.
   */
  @Test
  void refusedAdministratorAttachIsAnAttempt() {
    List<JsonNode> on = findingsOn("idc-admin-attach-denied");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(on).as("refused attach reported as an attempt; the product's findings:" + allFindings())
        .isNotEmpty();
    soft.assertThat(on).allSatisfy(f -> assertThat(text(f).toLowerCase(Locale.ROOT)).containsAnyOf("attempt", "denied"));
    soft.assertAll();
  }

  /**
   * Q17. The Identity Center administration calls are made by the permission set session of the Identity Center
   * account (assumed-role/AWSReservedSSO_AdministratorAccess_…/alice@example.com): the timeline's principal of each is
   * that session, never the account or an Identity Store user.
   */
  @Test
  void administrationCallsNameTheSessionThatMadeThem() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("idc-admin-create-ps", "idc-admin-attach-admin", "idc-admin-create-user",
        "idc-admin-group-member", "idc-admin-assign")) {
      soft.assertThat(principal(id)).as(id)
          .isEqualTo("arn:aws:sts::" + IDC + ":assumed-role/AWSReservedSSO_AdministratorAccess_00aa11bb22cc33dd/alice@example.com");
    }
    soft.assertAll();
  }
}
