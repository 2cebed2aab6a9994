package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of the root user: "was the root user used, by whom, and could anything have stopped it?", run end to end on
 * {@code src/test/resources/fixtures/root} (written by its {@code make-fixtures.py}): CloudTrail records of a
 * management account 111111111111 and a member account 222222222222, an organization/v1 manifest, a
 * resource-policies/v1 manifest, the management account's authorization details and the member account's credential
 * report, imported with the CLI and read back with {@code explain --json}, {@code findings --format json} and
 * {@code events --format json} (through {@link ExplainedEvents}).
 *
 * <p>The organization attaches two of AWS's own example SCPs (aws-samples/service-control-policy-examples,
 * Privileged-access-controls): on OU Workloads (member account 222222222222) "Prevent root credentials management in
 * member accounts" — Deny {@code *} when {@code ArnLike aws:PrincipalArn arn:aws:iam::*:root} and
 * {@code Null aws:AssumedRoot true}, i.e. the root user is refused everything unless the call comes from a short-term
 * root session opened with sts:AssumeRoot; on OU Sandbox (member account 333333333333) and directly on the management
 * account "Deny the root user from performing actions except S3 bucket policy changes" — Deny NotAction
 * [s3:GetBucketPolicy, s3:PutBucketPolicy, s3:DeleteBucketPolicy] when {@code ArnLike aws:PrincipalArn
 * arn:aws:iam::*:root}.
 *
 * <p>The expected answers come from these pages:
 *
 * <ul>
 *   <li>[SCP-SAMPLE] AWS's SCP examples, Privileged-access-controls README:
 *       https://github.com/aws-samples/service-control-policy-examples/blob/main/Privileged-access-controls/README.md —
 *       "Only allow management account sessions to be able to perform actions on root credentials. Note: An SCP
 *       restricts permissions for IAM users and roles in member accounts, including the member account's root user. SCPs
 *       have no effect on users or roles in the management account." (policy
 *       Prevent-root-credentials-management-in-member-accounts-in-AWS-Organizations.json, the one attached here).
 *   <li>[SCP] AWS Organizations User Guide, "Service control policies (SCPs)":
 *       https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html — "SCPs don't affect
 *       users or roles in the management account. They affect only the member accounts in your organization."
 *   <li>[TRACK] IAM User Guide, "Track privileged tasks in AWS CloudTrail":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-track-privileged-tasks.html — the AssumeRoot record in
 *       the management account (requestParameters targetPrincipal, taskPolicyArn) and the member account's record of the
 *       root session: userIdentity {@code "type": "Root"}, {@code "arn": "arn:aws:iam::<member>:root"},
 *       {@code "sessionContext": {..., "assumedRoot": "true"}}.
 *   <li>[KEYS] IAM User Guide, "AWS global condition context keys", aws:AssumedRoot:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-assumedroot
 *       — the key is in the request context of a call made with AssumeRoot credentials (value true) and absent otherwise,
 *       which is what [SCP-SAMPLE]'s {@code Null aws:AssumedRoot true} relies on.
 *   <li>[ASSUMEROOT] STS API Reference, AssumeRoot: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html
 *       — "Returns a set of short term credentials you can use to perform privileged tasks on a member account";
 *       TaskPolicyArn "The identity based policy that scopes the session to the privileged tasks that can be performed";
 *       DurationSeconds "The value can range from 0 seconds up to the maximum session duration of 900 seconds (15
 *       minutes)".
 *   <li>[TASK] AWS Managed Policy Reference, IAMAuditRootUserCredentials
 *       (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMAuditRootUserCredentials.html): Deny NotAction
 *       [iam:ListAccessKeys, iam:ListSigningCertificates, iam:GetLoginProfile, iam:ListMFADevices, iam:GetAccountSummary,
 *       iam:GetUser, iam:GetAccessKeyLastUsed] on "*", and Deny of the credential-auditing actions on NotResource
 *       arn:aws:iam::*:root (statement DenyAuditingCredentialsOnNonRootUserResource).
 *   <li>[ROOT] IAM User Guide, "AWS account root user": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
 *       — the root user "has complete access to all AWS services and resources in the account"; it has no identity-based
 *       policies.
 *   <li>[S3-ROOT] Amazon S3 API Reference, DeleteBucketPolicy:
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html — "To ensure that bucket owners don't
 *       inadvertently lock themselves out of their own buckets, the root principal in a bucket owner's AWS account can
 *       perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy
 *       explicitly denies the root principal's access."
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html — an explicit deny in
 *       any policy, a resource-based policy included, overrides any allow.
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html —
 *       "Root – The request was made with your AWS account credentials."; IAMUser "userName" is the user's name.
 *   <li>[SIGNIN] CloudTrail User Guide, "AWS Management Console sign-in events":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 *       — a failed root sign-in: {@code "errorMessage": "Failed authentication"}, {@code "ConsoleLogin": "Failure"};
 *       [CW-ALARM] https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
 *       (AWS's example alarm: three or more console sign-in failures within five minutes).
 *   <li>[CRED] IAM User Guide, "Generate credential reports for your AWS account":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html — the row of user
 *       {@code <root_account>} is the root user; access_key_1_active "When the user has an access key and the access
 *       key's status is Active, this value is TRUE"; [ROOT] "We recommend that you don't create access keys for your root
 *       user".
 * </ul>
 *
 * Tests that show a wrong answer fail with what AWS documents and what the product said; src/main is not changed.
 */
class RootUserAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/root");
  static final String MGMT = "111111111111";
  static final String MEMBER = "222222222222";
  static final String MEMBER_ROOT = "arn:aws:iam::" + MEMBER + ":root";
  static final String MGMT_ROOT = "arn:aws:iam::" + MGMT + ":root";
  static final String SCP = "PreventRootCredentialsManagement";
  static final String TASK = "IAMAuditRootUserCredentials";
  static final String SESSION_KEY = "ASIAROOTSESSION00001";

  /** Every event of the fixture whose userIdentity.type is Root [CT-UID]. */
  static final Set<String> ROOT_EVENTS = Set.of("root-member-createuser", "root-sandbox-createuser",
      "root-sandbox-putbucketpolicy", "root-mgmt-createuser", "root-mgmt-getobject",
      "root-mgmt-deletebucketpolicy", "ar-accountsummary", "ar-after-expiry", "ar-listkeys-alice", "ar-createkey",
      "root-login-fail-1", "root-login-fail-2", "root-login-fail-3");
  static final Set<String> SESSION_EVENTS = Set.of("ar-accountsummary", "ar-after-expiry", "ar-listkeys-alice", "ar-createkey");

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "organization.json", "resource-policies.json",
        "iam-management.json", "credential-report-member.csv");
    assertThat(r.out()).contains("16 added");
    findings = ExplainedEvents.findings(caseDir);
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static JsonNode step(JsonNode e, String label) {
    for (JsonNode c : e.path("trace").path("children")) {
      if (c.path("label").asText().equals(label)) {
        return c;
      }
    }
    throw new AssertionError("no step " + label + " in " + why(e));
  }

  static List<JsonNode> findingsOf(String rule) {
    List<JsonNode> out = new ArrayList<>();
    findings.forEach(f -> {
      if (f.path("rule").asText().equals(rule)) {
        out.add(f);
      }
    });
    return out;
  }

  static Set<String> ids(JsonNode f) {
    Set<String> out = new TreeSet<>();
    f.path("eventIds").forEach(i -> out.add(i.asText()));
    return out;
  }

  static String show(JsonNode f) {
    return f.path("rule").asText() + " " + f.path("severity").asText() + " | " + f.path("title").asText() + " | "
        + f.path("summary").asText() + " | " + ids(f);
  }

  static Set<String> eventIds(String filter) throws Exception {
    Set<String> out = new TreeSet<>();
    ExplainedEvents.events(caseDir, filter).forEach(e -> out.add(e.path("eventId").asText()));
    return out;
  }

  // ------------------------------------------------------------------ 1. SCPs and the root user

  /**
   * Q1. The member account's root user, with its own access key, calls iam:CreateUser; CloudTrail records AccessDenied
   * "with an explicit deny in a service control policy". [SCP-SAMPLE]: the attached SCP denies every action of
   * arn:aws:iam::*:root when aws:AssumedRoot is absent (Null true), and SCPs restrict "the member account's root user".
   * The record is a Root call without sessionContext.assumedRoot: not a short-term root session [TRACK], so the request
   * context has no aws:AssumedRoot [KEYS]. The answer is ExplicitDeny by PreventRootCredentialsManagement, agreeing with
   * CloudTrail — the log does carry what the decision needs (the absence of an AssumeRoot session).
   */
  @Test
  void q01_memberRootCallIsExplicitlyDeniedByTheRootScp() throws Exception {
    JsonNode e = explain("root-member-createuser");
    assertThat(e.path("decision").asText())
        .as("AWS [SCP-SAMPLE][KEYS]: a Root call without assumedRoot [TRACK] has no aws:AssumedRoot, so the SCP's "
            + "Null aws:AssumedRoot=true matches and the SCP denies explicitly; the product said: %s", why(e))
        .isEqualTo("ExplicitDeny");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
    assertThat(e.path("explanation").asText()).contains(SCP);
  }

  /**
   * Q2. The management account's root user creates a user; DenyRootExceptBucketPolicy is attached to the management
   * account itself and would refuse it anywhere else (Q18). [SCP]:
   * "SCPs don't affect users or roles in the management account" ([SCP-SAMPLE]: "SCPs have no effect on users or roles in
   * the management account"). Allowed, agrees; the SCP step says SCPs do not apply; the reason is the root user's full
   * permissions [ROOT], never "no identity-based policy allows".
   */
  @Test
  void q02_managementRootIsNotLimitedBySCPs() throws Exception {
    JsonNode e = explain("root-mgmt-createuser");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    JsonNode scp = step(e, "Service control policies (SCPs)");
    assertThat(scp.path("outcome").asText()).as(why(e)).isEqualTo("NotApplicable");
    assertThat(scp.path("explanation").asText()).contains("management account");
  }

  /**
   * Q3. Root has no identity-based policies [ROOT]: no explanation of a root call may give "no identity-based policy
   * allows" (or an implicit deny of the identity side) as its reason — neither for an allowed call, nor for one a bucket
   * policy refused.
   */
  @Test
  void q03_rootCallsAreNeverExplainedByAMissingIdentityPolicy() throws Exception {
    for (String id : List.of("root-mgmt-createuser", "root-mgmt-getobject", "root-mgmt-deletebucketpolicy")) {
      JsonNode e = explain(id);
      assertThat(e.path("explanation").asText().toLowerCase(java.util.Locale.ROOT)).as(why(e))
          .doesNotContain("no identity-based policy").doesNotContain("denied implicitly");
      JsonNode identity = step(e, e.path("trace").path("children").get(6).path("label").asText());
      assertThat(identity.path("outcome").asText()).as("identity step of " + why(e)).isNotEqualTo("Deny");
    }
  }

  // ------------------------------------------------------------------ 2. resource policies and the root user

  /**
   * Q4. The management account's root user reads mgmt-vault/secrets.txt; the bucket policy denies s3:GetObject to
   * Principal "*" unless aws:PrincipalArn is role VaultReader. The root user is not exempt from an explicit deny in a
   * resource policy [EVAL]; CloudTrail recorded AccessDenied. ExplicitDeny by the bucket policy, agrees.
   */
  @Test
  void q04_bucketPolicyDenyToEveryoneStillDeniesTheRootUser() throws Exception {
    JsonNode e = explain("root-mgmt-getobject");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ExplicitDeny");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    assertThat(e.path("explanation").asText()).as(why(e)).contains("resource-based policy").contains("mgmt-vault");
  }

  /**
   * Q5. The same root user deletes mgmt-vault's bucket policy, whose statement LockThePolicy denies
   * s3:DeleteBucketPolicy to Principal "*". [S3-ROOT]: the bucket owner's root principal can always get, put and delete
   * its bucket policy "even if their bucket policy explicitly denies the root principal's access". Allowed, agrees.
   */
  @Test
  void q05_bucketOwnersRootDeletesAPolicyThatDeniesIt() throws Exception {
    JsonNode e = explain("root-mgmt-deletebucketpolicy");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ 3. centralized root access (sts:AssumeRoot)

  /**
   * Q6. John (management account) opened a root session in the member account with IAMAuditRootUserCredentials; the
   * session calls iam:GetAccountSummary, which the task policy leaves allowed [TASK]; CloudTrail recorded success. The
   * record carries sessionContext.assumedRoot "true" [TRACK], so aws:AssumedRoot is in the request context [KEYS] and
   * the SCP's Null aws:AssumedRoot=true does not match: this is exactly the call [SCP-SAMPLE] is written to let through
   * ("Only allow management account sessions to be able to perform actions on root credentials"). Allowed, agrees.
   */
  @Test
  void q06_rootSessionCallInsideItsTaskPolicyPassesTheRootScp() throws Exception {
    JsonNode e = explain("ar-accountsummary");
    assertThat(ExplainedEvents.missing(e)).as("AWS [TRACK][KEYS]: the record's sessionContext.assumedRoot=\"true\" is "
        + "aws:AssumedRoot; the product said the log does not carry it: %s", why(e)).doesNotContain("aws:assumedroot");
    assertThat(e.path("decision").asText())
        .as("AWS [SCP-SAMPLE]: an AssumeRoot session passes the root-deny SCP (Null aws:AssumedRoot is false) and "
            + "IAMAuditRootUserCredentials allows GetAccountSummary [TASK]; the product said: %s", why(e))
        .isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
  }

  /**
   * Q7. The root session tries iam:CreateAccessKey: outside IAMAuditRootUserCredentials' NotAction list, so its Deny
   * statement refuses it [TASK] ("scopes the session to the privileged tasks" [ASSUMEROOT]). CloudTrail recorded
   * AccessDenied. ExplicitDeny naming the task policy, agrees.
   */
  @Test
  void q07_taskPolicyRefusesAnActionOutsideTheTask() throws Exception {
    JsonNode e = explain("ar-createkey");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ExplicitDeny");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    assertThat(e.path("explanation").asText()).as(why(e)).contains(TASK);
  }

  /**
   * Q8. The root session lists IAM user alice's access keys: iam:ListAccessKeys is in the task, but
   * DenyAuditingCredentialsOnNonRootUserResource denies it on any resource but arn:aws:iam::*:root [TASK]. CloudTrail
   * recorded AccessDenied. ExplicitDeny on user/alice naming the task policy, agrees.
   */
  @Test
  void q08_taskPolicyRefusesAuditingAnotherPrincipalsCredentials() throws Exception {
    JsonNode e = explain("ar-listkeys-alice");
    assertThat(e.path("request").path("resource").asText()).isEqualTo("arn:aws:iam::" + MEMBER + ":user/alice");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ExplicitDeny");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    assertThat(e.path("explanation").asText()).as(why(e)).contains(TASK);
  }

  /**
   * Q9. A call of the same root session logged as successful at 10:20, 20 minutes after AssumeRoot, whose response gave
   * the credentials' expiration as 10:15 ([ASSUMEROOT]: at most 900 seconds). AWS cannot have accepted it: the replay
   * must not agree with the record, and must say why (the credentials had expired).
   */
  @Test
  void q09_rootSessionUsedAfterItsFifteenMinutesCannotBeWhatAwsDid() throws Exception {
    JsonNode e = explain("ar-after-expiry");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("disagrees");
    assertThat(e.path("comparison").asText() + e.path("gaps")).as(why(e)).contains("expired");
  }

  /**
   * Q10. Who is the root session? [TRACK]: the member account's record names the member account's root user
   * (arn:aws:iam::222222222222:root, type Root), and the AssumeRoot call in the management account's trail names who
   * opened it (John's role session). The events list must say the same.
   */
  @Test
  void q10_rootSessionCallsAreTheMemberRootAndTheAssumeRootCallIsJohns() throws Exception {
    for (JsonNode ev : ExplainedEvents.events(caseDir, "accessKey:" + SESSION_KEY)) {
      assertThat(ev.path("principalArn").asText()).as(ev.toString()).isEqualTo(MEMBER_ROOT);
      assertThat(ev.path("identityType").asText()).isEqualTo("Root");
      assertThat(ev.path("accountId").asText()).isEqualTo(MEMBER);
    }
    assertThat(eventIds("accessKey:" + SESSION_KEY)).containsExactlyInAnyOrderElementsOf(SESSION_EVENTS);
    JsonNode open = ExplainedEvents.events(caseDir, "eventId:ar-open-audit").get(0);
    assertThat(open.path("principalArn").asText()).isEqualTo("arn:aws:sts::" + MGMT + ":assumed-role/John/john");
  }

  /**
   * Q11. Findings for the centralized-root-access story (docs/detections.md root-session-opened, root-session-activity,
   * root-account-use): John opened one session in 222222222222 with IAMAuditRootUserCredentials (medium); the session's
   * four calls are short-term root session activity (medium), refused ones included; none of them is reported as the
   * root user's own activity (root-account-use: "not a sign-in with the root user's password or keys" [TRACK]).
   */
  @Test
  void q11_assumeRootFindingsNameTheOpenerTheAccountAndTheTask() {
    assertThat(findingsOf("root-session-opened")).anySatisfy(f -> {
      assertThat(ids(f)).containsExactly("ar-open-audit");
      assertThat(f.path("severity").asText()).isEqualTo("medium");
      assertThat(f.path("summary").asText()).contains("assumed-role/John/john").contains(MEMBER).contains(TASK);
    });
    assertThat(findingsOf("root-session-activity")).anySatisfy(f -> assertThat(ids(f)).containsAll(SESSION_EVENTS));
    for (JsonNode f : findingsOf("root-account-use")) {
      assertThat(ids(f)).as(show(f)).doesNotContainAnyElementsOf(SESSION_EVENTS);
    }
  }

  /**
   * Q12. The Intern role (no sts:AssumeRoot in its policies) called AssumeRoot for the member account; CloudTrail
   * recorded AccessDenied. [ASSUMEROOT]: the credentials are what a successful call returns; a refused call opened no
   * session. explain: denied implicitly (no policy allows sts:AssumeRoot), agrees.
   */
  @Test
  void q12_refusedAssumeRootIsAnImplicitDenyOfTheCaller() throws Exception {
    JsonNode e = explain("ar-open-denied");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ImplicitDeny");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
  }

  /**
   * Q13. The same refused AssumeRoot in the findings: it is shown (an attempt at root access matters) as an attempt,
   * lowered — but its sentence may not state that the intern "opened" a root session: the call failed, so no short-term
   * root credentials were issued [ASSUMEROOT] and no session exists.
   */
  @Test
  void q13_refusedAssumeRootIsNotReportedAsAnOpenedSession() {
    JsonNode f = findingsOf("root-session-opened").stream().filter(x -> ids(x).contains("ar-open-denied")).findFirst()
        .orElseThrow(() -> new AssertionError("no root-session-opened finding holds ar-open-denied: " + findings));
    assertThat(f.path("severity").asText()).as(show(f)).isEqualTo("low");
    assertThat(f.path("summary").asText())
        .as("AWS [ASSUMEROOT]: a refused AssumeRoot returns no credentials, so nobody opened a session; the product "
            + "said: %s", show(f))
        .doesNotContainPattern("opened \\d+ short-term root session");
  }

  // ------------------------------------------------------------------ 4. sign-ins, keys and names

  /**
   * Q14. Three failed root sign-ins to the member account within three minutes ([SIGNIN] shape, "Failed
   * authentication"): AWS's example alarm [CW-ALARM] is three or more failures in five minutes; docs/detections.md
   * console-sign-in-failures (medium) groups by principal, which is the member account's root user.
   */
  @Test
  void q14_rootPasswordGuessingIsARepeatedSignInFailureBurst() {
    assertThat(findingsOf("console-sign-in-failures")).anySatisfy(f -> {
      assertThat(ids(f)).containsExactly("root-login-fail-1", "root-login-fail-2", "root-login-fail-3");
      assertThat(f.path("severity").asText()).isEqualTo("medium");
      assertThat(f.path("summary").asText()).contains(MEMBER_ROOT);
    });
  }

  /**
   * Q15. The member account's credential report: {@code <root_account>} has access_key_1_active TRUE and mfa_active
   * FALSE [CRED]; the trail shows the root user signing with an AKIA key. docs/detections.md: hygiene-root-access-key
   * and hygiene-root-no-mfa, both critical. The IAM user named "root" (a row of its own, user/root) is not the root
   * user: no root finding may be raised for it.
   */
  @Test
  void q15_credentialReportRootKeyIsCriticalAndTheUserNamedRootIsNotRoot() {
    assertThat(findingsOf("hygiene-root-access-key")).singleElement()
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("critical"));
    assertThat(findingsOf("hygiene-root-no-mfa")).singleElement()
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("critical"));
    for (String rule : List.of("hygiene-root-access-key", "hygiene-root-no-mfa", "hygiene-root-recently-used")) {
      findingsOf(rule).forEach(f -> assertThat(f.path("summary").asText()).as(show(f)).doesNotContain("IAM user root"));
    }
  }

  /**
   * Q16. An IAM user named "root" (userIdentity type IAMUser, arn …:user/root [CT-UID]) listed buckets. That is not the
   * root user: root-account-use must not count it.
   */
  @Test
  void q16_anIamUserNamedRootIsNotRootActivity() {
    for (JsonNode f : findings) {
      if (f.path("rule").asText().startsWith("root-")) {
        assertThat(ids(f)).as(show(f)).doesNotContain("user-named-root");
      }
    }
  }

  /**
   * Q17. The timeline's filters for root: {@code identityType:Root} (and CloudTrail's own name
   * {@code userIdentity.type:Root}) return exactly the records whose userIdentity.type is Root [CT-UID] — the root
   * session's calls included (they are type Root [TRACK]), the AssumeRoot call (type AssumedRole) and the IAM user named
   * root excluded; {@code principal:<member root ARN>} returns exactly the member account's root calls.
   */
  @Test
  void q17_timelineFiltersReturnExactlyTheRootCalls() throws Exception {
    assertThat(eventIds("identityType:Root")).containsExactlyInAnyOrderElementsOf(ROOT_EVENTS);
    assertThat(eventIds("userIdentity.type:Root")).containsExactlyInAnyOrderElementsOf(ROOT_EVENTS);
    Set<String> member = new TreeSet<>(ROOT_EVENTS);
    member.removeIf(id -> id.startsWith("root-mgmt-") || id.startsWith("root-sandbox-"));
    assertThat(eventIds("principal:" + MEMBER_ROOT)).containsExactlyInAnyOrderElementsOf(member);
    assertThat(eventIds("principal:" + MGMT_ROOT)).containsExactlyInAnyOrder("root-mgmt-createuser", "root-mgmt-getobject",
        "root-mgmt-deletebucketpolicy");
  }

  /**
   * Q18. The sandbox account's root user (its own AKIA key) calls iam:CreateUser; OU Sandbox carries
   * DenyRootExceptBucketPolicy ([SCP-SAMPLE]: "Restrict use of root user with exceptions for S3 bucket policy changes";
   * SCPs restrict "the member account's root user"). CloudTrail recorded the SCP's explicit deny. ExplicitDeny naming
   * the SCP and the OU, agrees. (With a condition on aws:PrincipalArn only, nothing is missing from the log.)
   */
  @Test
  void q18_sandboxRootIsDeniedByTheRootSCPOnItsOu() throws Exception {
    JsonNode e = explain("root-sandbox-createuser");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ExplicitDeny");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    assertThat(e.path("explanation").asText()).as(why(e)).contains("DenyRootExceptBucketPolicy").contains("Sandbox");
  }

  /**
   * Q19. The same root user puts a bucket policy on its own bucket: s3:PutBucketPolicy is the SCP's NotAction exception
   * ([SCP-SAMPLE]: the root user may still change S3 bucket policies), and the root user has every permission in its own
   * account [ROOT]. Allowed, agrees.
   */
  @Test
  void q19_sandboxRootMayStillChangeABucketPolicy() throws Exception {
    JsonNode e = explain("root-sandbox-putbucketpolicy");
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
  }
}
