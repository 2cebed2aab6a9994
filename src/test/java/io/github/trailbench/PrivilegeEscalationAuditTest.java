package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of privilege escalation, done and attempted: "did this principal give itself (or a principal it controls) more
 * power, did it work, and could it have worked?". Run end to end: the records and IAM data of
 * {@code src/test/resources/fixtures/privesc} (one account's get-account-authorization-details taken before the
 * incident, and hand-made CloudTrail records of the IAM, STS, Lambda and EC2 calls in their documented shapes) are
 * imported with the CLI and read back with {@code findings --format json --no-save} and {@code explain --event ID
 * --json}. Refusals without IAM data are audited in AttemptsAuditTest, iam:PassRole decisions in PassRoleAuditTest,
 * IAM condition keys in IamDelegatedAdminAuditTest; they are not repeated here.
 *
 * <p>Account 111122223333. One user (or role session) per case, so that each finding holds that case only (findings
 * are grouped per principal). Managed policies: AdministratorAccess (*:*), ReadOnlyAccess, CpvDevPolicy /
 * StageOnlyPolicy / StageDevPolicy / ProbeCpvPolicy (read-only, attached to their user), LegacyOps (v1 *:*, v2
 * read-only and default; attached to rollback-dev), BreakGlassAll (*:*, attached to nobody). Groups: DevTeam (no
 * policy; member group-dev), Admins (AdministratorAccess). Roles: OpsAdmin (AdministratorAccess; trust: user
 * ops-lead only), DevOpsRole (may CreatePolicy and AttachRolePolicy on itself), KeyRotator (CreateAccessKey on
 * user/*), AdminLambdaRole (Lambda, AdministratorAccess), AdminInstanceRole (EC2, AdministratorAccess, profile
 * AdminInstanceProfile). Each user's inline policy allows exactly the call of its case; the probe-* users hold only
 * s3:Get*; fenced-dev's Allow is overridden by a Deny of iam:Put* / iam:Attach*.
 *
 * <p>Pages:
 *
 * <ul>
 *   <li>[CPV] IAM API Reference, CreatePolicyVersion, SetAsDefault: "Specifies whether to set this version as the
 *       policy's default version. When this parameter is true, the new policy version becomes the operative version.
 *       That is, it becomes the version that is in effect for the IAM users, groups, and roles that the policy is
 *       attached to." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
 *   <li>[SDV] IAM API Reference, SetDefaultPolicyVersion: "Sets the specified version of the specified policy as the
 *       policy's default (operative) version. This operation affects all users, groups, and roles that the policy is
 *       attached to." https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html
 *   <li>[ATTACH] IAM API Reference, AttachUserPolicy / AttachRolePolicy / AttachGroupPolicy: "Attaches the specified
 *       managed policy to the specified user/role/group."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html; DetachUserPolicy "Removes the
 *       specified managed policy from the specified user." (API_DetachUserPolicy.html)
 *   <li>[PUT] IAM API Reference, PutUserPolicy: "Adds or updates an inline policy document that is embedded in the
 *       specified IAM user." https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
 *   <li>[NOTACTION] IAM User Guide, "IAM JSON policy elements: NotAction": "all of the applicable actions or services
 *       that are not listed are allowed if you use the Allow effect"; "NotAction matches all services and actions that
 *       are not explicitly listed ... and could result in granting users more permissions than you intended."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 *   <li>[GROUPS] IAM User Guide, "IAM user groups": "Any user in that user group automatically has the permissions
 *       that are assigned to the user group. If a new user joins your organization and needs administrator
 *       privileges, you can assign the appropriate permissions by adding the user to the Admins user group."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html; IAM API Reference, AddUserToGroup: "Adds the
 *       specified user to the specified group." https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html
 *   <li>[SAR-IAM] Service Authorization Reference, "Actions defined by AWS Identity and Access Management (IAM)":
 *       AddUserToGroup, Write, resource type group* ("Grants permission to add an IAM user to the specified IAM
 *       group"), as the product's own catalog (catalog.tsv.gz) holds it.
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 *   <li>[TRUST] IAM API Reference, UpdateAssumeRolePolicy: "Updates the policy that grants an IAM entity permission to
 *       assume a role. This is typically referred to as the 'role trust policy'."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
 *   <li>[NAMES] IAM API Reference, CreateUser, UserName: "IAM user, group, role, and policy names must be unique
 *       within the account. Names are not distinguished by case. For example, you cannot create resources named both
 *       'MyResource' and 'myresource'." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html;
 *       CreateAccessKey returns AccessKey.UserName, "The name of the IAM user that the access key is associated with."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html
 *   <li>[LOGIN] IAM API Reference, CreateLoginProfile: "Creates a password for the specified IAM user. A password
 *       allows an IAM user to access AWS services through the AWS Management Console."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
 *   <li>[KEY] IAM API Reference, CreateAccessKey: "Creates a new AWS secret access key and corresponding AWS access
 *       key ID for the specified user." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 *   <li>[PASSROLE] IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "To pass a role (and
 *       its permissions) to an AWS service, a user must have permissions to pass the role to the service."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html; Lambda Developer Guide, "Defining
 *       Lambda function permissions with an execution role": "A Lambda function's execution role is an IAM role that
 *       grants the function permission to access AWS services and resources."
 *       https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html; IAM User Guide, "Use an IAM role
 *       to grant permissions to applications running on Amazon EC2 instances".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic" (explicit deny wins; no allow is an implicit deny).
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * </ul>
 *
 * What the product promises (docs/detections.md): admin-policy-granted "A policy granting every action on every
 * resource was put in effect", admin-policy-staged (only a version or policy not in effect), a refused call is an
 * attempt lowered two levels, never below low. Left out because the documentation does not settle it: whether
 * IAMFullAccess / iam:* alone counts as "administrator"; how long IAM takes to apply a trust change (IAM is
 * eventually consistent, no bound is documented), so the AssumeRole right after UpdateAssumeRolePolicy (Q13) accepts
 * "undetermined" as well as "allowed". Tests that show a wrong answer fail with what AWS documents and what the
 * product said; src/main is not changed.
 */
class PrivilegeEscalationAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/privesc");
  static final String P = "arn:aws:iam::111122223333:";
  static final List<String> ORDER = List.of("critical", "high", "medium", "low", "info");

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static Map<String, String> verdicts;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    assertThat(ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json").out()).contains("30 added");
    findings = ExplainedEvents.findings(caseDir);
    verdicts = ExplainedEvents.eventVerdicts(caseDir);
  }

  // ------------------------------------------------------------------ helpers

  static List<JsonNode> findingsOf(String rule, String eventId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : findings) {
      if (rule == null || f.path("rule").asText().equals(rule)) {
        for (JsonNode id : f.path("eventIds")) {
          if (id.asText().equals(eventId)) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  static String show(JsonNode f) {
    return f.path("rule").asText() + " " + f.path("severity").asText() + " \"" + f.path("title").asText() + "\" / "
        + f.path("summary").asText();
  }

  static String showAll(List<JsonNode> l) {
    StringBuilder b = new StringBuilder();
    l.forEach(f -> b.append("\n  ").append(show(f)));
    return l.isEmpty() ? "(none)" : b.toString();
  }

  /** Findings holding the event, other than outcome-not-explained-by-policies (a replay finding, not a detection). */
  static List<JsonNode> detections(String eventId) {
    return findingsOf(null, eventId).stream().filter(f -> !f.path("rule").asText().equals("outcome-not-explained-by-policies")).toList();
  }

  static boolean atLeastHigh(JsonNode f) {
    return ORDER.indexOf(f.path("severity").asText()) <= ORDER.indexOf("high");
  }

  static boolean attempt(JsonNode f) {
    return f.path("title").asText().contains("attempt") || f.path("summary").asText().startsWith("Attempted only:");
  }

  /** One finding of {@code rule} holds the event, at {@code severity}, reported as done (not an attempt). */
  static void expectDone(SoftAssertions soft, String eventId, String rule, String severity, String aws) {
    List<JsonNode> l = findingsOf(rule, eventId);
    soft.assertThat(l).as("%s: AWS documents %s, so %s must report it (%s, done); the product reported: %s", eventId, aws, rule,
        severity, showAll(findingsOf(null, eventId))).hasSize(1);
    for (JsonNode f : l) {
      soft.assertThat(f.path("severity").asText()).as("%s: %s", eventId, show(f)).isEqualTo(severity);
      soft.assertThat(attempt(f)).as("%s succeeded; not an attempt: %s", eventId, show(f)).isFalse();
    }
  }

  /** The event's only replayed action: decision and verdict. */
  static JsonNode expectReplay(SoftAssertions soft, String eventId, String resource, String decision, String verdict, String aws)
      throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, eventId);
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("%s: resource (%s); the product said: %s", eventId, aws,
          ExplainedEvents.why(e)).isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText()).as("%s: decision (%s); the product said: %s", eventId, aws, ExplainedEvents.why(e))
        .isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("%s: verdict (%s); the product said: %s", eventId, aws, ExplainedEvents.why(e))
        .isEqualTo(verdict);
    return e;
  }

  /** A refused call: if a detection reports it, only as an attempt, lowered (low), never high or critical. */
  static void expectAttemptOnly(SoftAssertions soft, String eventId, String rule, String reasonFragment) {
    List<JsonNode> l = rule == null ? detections(eventId) : findingsOf(rule, eventId);
    if (rule != null) {
      soft.assertThat(l).as("%s: refused; %s must still list the attempt (docs/detections.md, Denied attempts); product: %s",
          eventId, rule, showAll(findingsOf(null, eventId))).hasSize(1);
    }
    for (JsonNode f : l) {
      soft.assertThat(attempt(f)).as("%s was refused (AccessDenied): an attempt, not done: %s", eventId, show(f)).isTrue();
      soft.assertThat(f.path("severity").asText()).as("%s refused: lowered, never critical: %s", eventId, show(f)).isIn("low", "medium");
      if (reasonFragment != null) {
        soft.assertThat(f.path("title").asText()).as("%s: the replay explains the refusal; the title names why: %s", eventId, show(f))
            .contains(reasonFragment);
      }
    }
  }

  // ------------------------------------------------------------------ managed policy versions

  /**
   * Q1. cpv-dev's CreatePolicyVersion on CpvDevPolicy (attached to cpv-dev) with setAsDefault true and a *:* document,
   * allowed. [CPV]: the new version "becomes the version that is in effect" for cpv-dev: admin-policy-granted, high,
   * done. The replay: iam:CreatePolicyVersion on the policy ARN, allowed by cpv-dev's inline policy, agrees.
   */
  @Test
  void q01CreatePolicyVersionAsDefaultOnOwnPolicyIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "cpv-default", "admin-policy-granted", "high", "[CPV] setAsDefault makes the *:* version operative");
    expectReplay(soft, "cpv-default", P + "policy/CpvDevPolicy", "Allowed", "agrees", "[CPV] the call acts on the policy");
    soft.assertAll();
  }

  /**
   * Q2. stage-only's CreatePolicyVersion with a *:* document and setAsDefault false. [CPV]: only a default version is
   * operative; nothing is granted yet. admin-policy-staged (medium), never admin-policy-granted.
   */
  @Test
  void q02VersionNotMadeDefaultIsStagedOnly() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(findingsOf("admin-policy-granted", "cpv-staged-only")).as("[CPV]: a non-default version is not in effect: %s",
        showAll(findingsOf(null, "cpv-staged-only"))).isEmpty();
    expectDone(soft, "cpv-staged-only", "admin-policy-staged", "medium", "[CPV] a version not made the default is staged");
    soft.assertAll();
  }

  /**
   * Q3. stage-dev created a *:* version of StageDevPolicy (attached to stage-dev) without setAsDefault (cpv-stage,
   * staged), then called SetDefaultPolicyVersion v2 (sdv-staged), allowed. [SDV]: v2 is now "the policy's default
   * (operative) version" for every principal it is attached to: the *:* document the log itself holds is now in
   * effect. The product's own admin-policy-staged description tells the analyst to look for exactly this call; the
   * call that puts the administrator version in effect must be reported as a grant (high, done).
   */
  @Test
  void q03SetDefaultPolicyVersionOfAStagedAdminVersionIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> l = detections("sdv-staged").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    soft.assertThat(l).as("sdv-staged: [SDV] makes v2 (the *:* document logged by cpv-stage) operative for stage-dev, so "
        + "administrator permissions were put in effect; expected admin-policy-granted (high, done). The product reported: %s",
        showAll(findingsOf(null, "sdv-staged"))).isNotEmpty();
    expectReplay(soft, "sdv-staged", P + "policy/StageDevPolicy", "Allowed", "agrees", "[SDV] the call acts on the policy");
    soft.assertAll();
  }

  /**
   * Q4. rollback-dev's SetDefaultPolicyVersion of LegacyOps back to v1, allowed. The case's IAM data holds both
   * versions: v1 is *:*, v2 (the default at export) read-only; LegacyOps is attached to rollback-dev. [SDV]: v1
   * becomes operative, so rollback-dev now holds *:*: an administrator grant (high, done), not silence.
   */
  @Test
  void q04RollbackToAnOlderBroaderVersionIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> l = detections("sdv-rollback").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    soft.assertThat(l).as("sdv-rollback: [SDV] makes LegacyOps v1 (*:* in the case's IAM data) operative for rollback-dev; "
        + "expected an administrator grant (high, done). The product reported: %s", showAll(findingsOf(null, "sdv-rollback")))
        .isNotEmpty();
    expectReplay(soft, "sdv-rollback", P + "policy/LegacyOps", "Allowed", "agrees", "[SDV]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ attaching managed policies

  /**
   * Q5. attach-dev attaches AdministratorAccess to itself, allowed. [ATTACH]: admin-policy-granted high, done; the
   * replay is iam:AttachUserPolicy on user/attach-dev with iam:PolicyARN AdministratorAccess, allowed, agrees.
   */
  @Test
  void q05AdministratorAccessAttachedToSelfIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "attach-admin-self", "admin-policy-granted", "high", "[ATTACH] AdministratorAccess attached");
    JsonNode e = expectReplay(soft, "attach-admin-self", P + "user/attach-dev", "Allowed", "agrees", "[ATTACH]");
    soft.assertThat(e.path("request").path("context").path("iam:PolicyARN").toString()).as(ExplainedEvents.why(e))
        .contains("arn:aws:iam::aws:policy/AdministratorAccess");
    soft.assertAll();
  }

  /**
   * Q6. attach-cust-dev attaches the customer managed policy BreakGlassAll to itself, allowed. The case's IAM data
   * holds BreakGlassAll's only (default) version: Allow * on *. [ATTACH]: the policy is now attached, so its default
   * version is in effect for attach-cust-dev: administrator permissions granted, as with AdministratorAccess.
   */
  @Test
  void q06CustomerStarPolicyAttachedToSelfIsAGrant() {
    List<JsonNode> l = detections("attach-cust-star").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    assertThat(l).as("attach-cust-star: [ATTACH] attaches BreakGlassAll, whose default version in the case's IAM data allows * on "
        + "*; expected admin-policy-granted (high, done). The product reported: %s", showAll(findingsOf(null, "attach-cust-star")))
        .isNotEmpty();
  }

  /**
   * Q7. A DevOpsRole session creates ShadowAdmin (*:*; create-shadow: staged, medium, right) and attaches it to
   * DevOpsRole two minutes later (attach-shadow), both allowed. The log holds the policy's document and its ARN
   * (responseElements.policy.arn). [ATTACH]: the attach puts the *:* policy in effect for the role: a grant (high,
   * done). Reporting only "staged, not yet in effect" tells the analyst the opposite of what happened.
   */
  @Test
  void q07CreatePolicyThenAttachToOwnRoleIsAGrant() {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "create-shadow", "admin-policy-staged", "medium", "CreatePolicy alone attaches nothing");
    List<JsonNode> l = detections("attach-shadow").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    soft.assertThat(l).as("attach-shadow: [ATTACH] attaches ShadowAdmin, whose *:* document the log holds (create-shadow); "
        + "expected admin-policy-granted (high, done). The product reported: %s", showAll(findingsOf(null, "attach-shadow")))
        .isNotEmpty();
    soft.assertAll();
  }

  /** Q8. group-dev attaches AdministratorAccess to DevTeam, a group it is in. [ATTACH]/[GROUPS]: high, done. */
  @Test
  void q08AdministratorAccessAttachedToOwnGroupIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "attach-group-admin", "admin-policy-granted", "high", "[ATTACH]/[GROUPS]");
    expectReplay(soft, "attach-group-admin", P + "group/DevTeam", "Allowed", "agrees", "[ATTACH] AttachGroupPolicy acts on the group");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ inline policies

  /** Q9. inline-dev puts an inline Allow * on * on itself. [PUT]: high, done; replay on user/inline-dev allowed, agrees. */
  @Test
  void q09InlineStarPolicyOnSelfIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "put-inline-star", "admin-policy-granted", "high", "[PUT] an inline *:* policy");
    expectReplay(soft, "put-inline-star", P + "user/inline-dev", "Allowed", "agrees", "[PUT]");
    soft.assertAll();
  }

  /**
   * Q10. notaction-dev puts an inline {"Effect":"Allow","NotAction":"organizations:*","Resource":"*"} on itself.
   * [NOTACTION]: every action not listed is allowed, iam:* included, so the user can do everything but Organizations
   * and can grant itself anything: an administrator grant as much as Action "*", which admin-policy-granted's
   * description ("a policy granting every action on every resource") must not miss because of the spelling.
   */
  @Test
  void q10InlineNotActionPolicyIsAGrant() {
    List<JsonNode> l = detections("put-inline-notaction").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    assertThat(l).as("put-inline-notaction: [NOTACTION] Allow NotAction organizations:* on * allows every other action, iam:* "
        + "included; expected admin-policy-granted (high, done). The product reported: %s",
        showAll(findingsOf(null, "put-inline-notaction"))).isNotEmpty();
  }

  // ------------------------------------------------------------------ groups

  /**
   * Q11. join-dev adds itself to Admins (AdministratorAccess), allowed; probe-group's same call was refused.
   * [GROUPS]: "Any user in that user group automatically has the permissions that are assigned to the user group":
   * join-dev now has *:* — a grant (high, done); the refused one an attempt (low). [SAR-IAM]: iam:AddUserToGroup is
   * authorized on the group, so the replay checks group/Admins, which join-dev's policy allows: Allowed, agrees (not a
   * "policy changed" disagreement, which sends the analyst after a change that never happened).
   */
  @Test
  void q11JoiningTheAdminGroupIsAGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> l = detections("join-admins").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList();
    soft.assertThat(l).as("join-admins: [GROUPS] join-dev joined Admins (AdministratorAccess in the case's IAM data); expected "
        + "an administrator grant (high, done). The product reported: %s", showAll(findingsOf(null, "join-admins"))).isNotEmpty();
    soft.assertThat(detections("deny-join-admins")).as("deny-join-admins: the refused join must be listed as an attempt (low); the "
        + "product reported: %s", showAll(findingsOf(null, "deny-join-admins"))).isNotEmpty();
    expectAttemptOnly(soft, "deny-join-admins", null, null);
    expectReplay(soft, "join-admins", P + "group/Admins", "Allowed", "agrees", "[SAR-IAM] AddUserToGroup: resource type group");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ trust policy

  /**
   * Q12. trust-dev rewrites OpsAdmin's trust policy to trust user/trust-dev (same account), then assumes OpsAdmin
   * (AdministratorAccess) a minute later, both allowed. [TRUST]: the first call changes who may assume the role; the
   * second gave trust-dev the role's administrator permissions. An escalation done, shown by the log alone: at least
   * one high (or critical) finding, not an attempt, must hold one of the two calls. trust-policy-external-principal
   * rightly stays quiet (same account).
   */
  @Test
  void q12TrustOpenedToSelfThenAssumedIsReported() {
    List<JsonNode> l = new ArrayList<>(detections("trust-self"));
    l.addAll(detections("assume-opsadmin"));
    assertThat(l.stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList())
        .as("trust-self + assume-opsadmin: [TRUST] trust-dev let itself into OpsAdmin (AdministratorAccess) and assumed it; "
            + "expected a high or critical escalation finding. The product reported: %s%s",
            showAll(findingsOf(null, "trust-self")), showAll(findingsOf(null, "assume-opsadmin")))
        .isNotEmpty();
  }

  /**
   * Q13. The replay of that AssumeRole. The case's IAM data holds OpsAdmin's trust as exported before the incident
   * (ops-lead only), but the log itself shows it replaced one minute earlier by a trust naming trust-dev [TRUST]. The
   * replay must not call the allowed AssumeRole a disagreement "a policy changed between the event and the IAM
   * snapshot" while the change is the previous event: Allowed (the logged trust) or Undetermined (the trust in force
   * is in doubt), never ImplicitDeny / disagrees.
   */
  @Test
  void q13AssumeRoleAfterALoggedTrustChangeIsNotADisagreement() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "assume-opsadmin");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as("[TRUST]: the trust in force names trust-dev (trust-self); the product said: %s",
        ExplainedEvents.why(e)).isIn("Allowed", "Undetermined");
    soft.assertThat(verdicts.get("assume-opsadmin")).as("the product said: %s", ExplainedEvents.why(e)).isNotEqualTo("disagrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ credentials of other users

  /** Q14. helpdesk creates a console password for admin-bob. [LOGIN]: login-profile-for-other-user high, done; agrees. */
  @Test
  void q14ConsolePasswordForAnotherUser() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "login-create-other", "login-profile-for-other-user", "high", "[LOGIN]");
    expectReplay(soft, "login-create-other", P + "user/admin-bob", "Allowed", "agrees", "[LOGIN] acts on the user");
    soft.assertAll();
  }

  /** Q15. A KeyRotator role session creates an access key for admin-carol. [KEY]: access-key-created-for-other-user high. */
  @Test
  void q15AccessKeyCreatedByARoleForAUser() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectDone(soft, "key-by-role", "access-key-created-for-other-user", "high", "[KEY]");
    expectReplay(soft, "key-by-role", P + "user/admin-carol", "Allowed", "agrees", "[KEY]");
    soft.assertAll();
  }

  /**
   * Q16. key-self calls CreateAccessKey with userName "Key-Self"; the response names the key's user "key-self".
   * [NAMES]: names are not distinguished by case, so "Key-Self" is key-self itself: no key for another user (no
   * access-key-created-for-other-user), and the replay is on user/key-self, which key-self's policy allows: agrees.
   */
  @Test
  void q16OwnKeyWithTheNameInAnotherCaseIsNotAnotherUser() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(findingsOf("access-key-created-for-other-user", "key-self-case")).as("key-self-case: [NAMES] 'Key-Self' and "
        + "'key-self' are one user (responseElements.accessKey.userName key-self); the product reported: %s",
        showAll(findingsOf(null, "key-self-case"))).isEmpty();
    JsonNode e = ExplainedEvents.only(caseDir, "key-self-case");
    soft.assertThat(e.path("verdict").asText()).as("key-self-case: [NAMES] the key is key-self's own, which its policy allows; the "
        + "product said: %s", ExplainedEvents.why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ what must not be reported

  /** Q17. it-admin (AdministratorAccess) attaches ReadOnlyAccess to intern: no administrator grant of any kind. */
  @Test
  void q17AdminGrantingReadOnlyIsNotAnEscalation() {
    assertThat(detections("grant-readonly").stream().filter(f -> f.path("rule").asText().startsWith("admin-policy")).toList())
        .as("ReadOnlyAccess is not *:*; the product reported: %s", showAll(findingsOf(null, "grant-readonly"))).isEmpty();
  }

  /** Q18. it-admin detaches AdministratorAccess from old-admin [ATTACH: Detach removes it]: nothing granted, nothing reported. */
  @Test
  void q18DetachingAdministratorAccessIsNotAGrant() {
    assertThat(detections("detach-admin").stream().filter(f -> f.path("rule").asText().startsWith("admin-policy")).toList())
        .as("DetachUserPolicy removes permissions; the product reported: %s", showAll(findingsOf(null, "detach-admin"))).isEmpty();
  }

  // ------------------------------------------------------------------ refused, with the case's IAM data

  /**
   * Q19. probe-dev's AttachUserPolicy AdministratorAccess on itself and probe-cpv's CreatePolicyVersion setAsDefault
   * *:*, both AccessDenied; neither user's policies allow the call. [EVAL]: implicit deny, which the replay shows
   * (ImplicitDeny, agrees), and the findings are attempts (low) whose title says no policy allows the action.
   */
  @Test
  void q19RefusedGrantsAreAttemptsExplainedByTheCasePolicies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectReplay(soft, "deny-attach-admin", P + "user/probe-dev", "ImplicitDeny", "agrees", "[EVAL] no policy allows it");
    expectReplay(soft, "deny-cpv-default", P + "policy/ProbeCpvPolicy", "ImplicitDeny", "agrees", "[EVAL]");
    expectAttemptOnly(soft, "deny-attach-admin", "admin-policy-granted", "no policy allows iam:AttachUserPolicy");
    expectAttemptOnly(soft, "deny-cpv-default", "admin-policy-granted", "no policy allows iam:CreatePolicyVersion");
    soft.assertAll();
  }

  /**
   * Q20. fenced-dev's PutUserPolicy *:* on itself, refused "with an explicit deny in an identity-based policy": its
   * Allow is overridden by DenyIamWrites. [EVAL]: ExplicitDeny, agrees; the attempt (low) names the denying policy.
   */
  @Test
  void q20ExplicitlyDeniedInlineGrantNamesTheDenyingPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectReplay(soft, "xdeny-put-inline", P + "user/fenced-dev", "ExplicitDeny", "agrees", "[EVAL] an explicit deny wins");
    expectAttemptOnly(soft, "xdeny-put-inline", "admin-policy-granted", "denied by fenced-dev-inline");
    soft.assertAll();
  }

  /** Q21. probe-login's CreateLoginProfile for admin-alice, refused: attempt (low), "no policy allows", agrees. */
  @Test
  void q21RefusedConsolePasswordForAnotherUserIsAnAttempt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectReplay(soft, "deny-login-other", P + "user/admin-alice", "ImplicitDeny", "agrees", "[EVAL]");
    expectAttemptOnly(soft, "deny-login-other", "login-profile-for-other-user", "no policy allows iam:CreateLoginProfile");
    soft.assertAll();
  }

  /**
   * Q22. probe-trust's UpdateAssumeRolePolicy on OpsAdmin and its AssumeRole of OpsAdmin, both refused. Nothing was
   * changed or assumed: no finding at high or critical; both replays are implicit denies that agree (no identity
   * allow; the trust policy does not name probe-trust).
   */
  @Test
  void q22RefusedTrustChangeAndAssumptionAreNotAnEscalation() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectReplay(soft, "deny-trust-self", P + "role/OpsAdmin", "ImplicitDeny", "agrees", "[EVAL]");
    expectReplay(soft, "deny-assume-opsadmin", P + "role/OpsAdmin", "ImplicitDeny", "agrees", "[EVAL] the trust policy must allow");
    expectAttemptOnly(soft, "deny-trust-self", null, null);
    expectAttemptOnly(soft, "deny-assume-opsadmin", null, null);
    soft.assertAll();
  }

  /** Q23. No finding whose calls were all refused is critical or high (docs/detections.md: lowered two levels). */
  @Test
  void q23NoRefusedOnlyFindingIsHighOrCritical() {
    List<String> refused = List.of("deny-attach-admin", "deny-cpv-default", "deny-join-admins", "deny-trust-self",
        "deny-assume-opsadmin", "deny-login-other", "xdeny-put-inline");
    List<JsonNode> bad = new ArrayList<>();
    for (JsonNode f : findings) {
      List<String> ids = new ArrayList<>();
      f.path("eventIds").forEach(i -> ids.add(i.asText()));
      if (!ids.isEmpty() && refused.containsAll(ids) && atLeastHigh(f)) {
        bad.add(f);
      }
    }
    assertThat(bad).as("refused calls only, yet high or critical: %s", showAll(bad)).isEmpty();
  }

  // ------------------------------------------------------------------ iam:PassRole routes taken

  /**
   * Q24. lambda-dev creates function helper with AdminLambdaRole (AdministratorAccess) and invokes it, both allowed
   * (the replay agrees on lambda:CreateFunction, iam:PassRole and lambda:InvokeFunction). [PASSROLE]: the function runs
   * with the role's permissions, so lambda-dev ran code as an administrator: an escalation done, which the log shows;
   * at least one high (or critical) finding, not an attempt, must hold the creation or the invocation.
   */
  @Test
  void q24LambdaWithAnAdminRoleCreatedAndInvokedIsReported() {
    List<JsonNode> l = new ArrayList<>(detections("lambda-create-admin"));
    l.addAll(detections("lambda-invoke-admin"));
    assertThat(l.stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList())
        .as("lambda-create-admin + lambda-invoke-admin: [PASSROLE] lambda-dev passed AdminLambdaRole (AdministratorAccess) to its "
            + "function and invoked it; expected a high or critical escalation finding. The product reported: %s%s",
            showAll(findingsOf(null, "lambda-create-admin")), showAll(findingsOf(null, "lambda-invoke-admin")))
        .isNotEmpty();
  }

  /**
   * Q25. ec2-admin-dev launches an instance with AdminInstanceProfile (role AdminInstanceRole, AdministratorAccess),
   * allowed. [PASSROLE]/EC2 role page: the instance's applications get the role's credentials; ec2-admin-dev, who holds
   * only RunInstances and that PassRole, controls an administrator instance: at least one high (or critical) finding.
   */
  @Test
  void q25InstanceWithAnAdminProfileIsReported() {
    assertThat(detections("ec2-run-admin-profile").stream().filter(f -> atLeastHigh(f) && !attempt(f)).toList())
        .as("ec2-run-admin-profile: [PASSROLE] an instance launched with an AdministratorAccess role; expected a high or critical "
            + "escalation finding. The product reported: %s", showAll(findingsOf(null, "ec2-run-admin-profile")))
        .isNotEmpty();
  }
}
