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
 * Audit of IAM administration under IAM condition keys: "this principal created a user/role, attached a policy,
 * changed a trust policy — was that allowed, and by which statement?". Run end to end: the records and IAM data of
 * {@code src/test/resources/fixtures/iamdeleg} (one account's get-account-authorization-details and hand-made
 * CloudTrail records of IAM calls in the documented shapes) are imported with the CLI and read back with
 * {@code explain --event ID --json} and {@code findings --format json}. iam:PassRole is audited in PassRoleAuditTest
 * and not repeated here.
 *
 * <p>Account 111122223333. Every call is made by user deleg-admin, whose inline policy DelegatedAdmin holds:
 * CreateOrChangeOnlyWithBoundary (Allow iam:CreateUser, AttachUserPolicy, DetachUserPolicy, PutUserPermissionsBoundary,
 * PutUserPolicy, DeleteUserPolicy on * if StringEquals iam:PermissionsBoundary = policy/XCompanyBoundaries, as in the
 * IAM User Guide's delegated-admin example); BoundaryRemoval (Allow iam:DeleteUserPermissionsBoundary) overridden by
 * NoBoundaryUserDelete (Deny iam:DeleteUserPermissionsBoundary); DenyAdminAttach (Deny Attach{User,Role}Policy if
 * ArnEquals iam:PolicyARN = aws AdministratorAccess); AttachAppPolicies (Allow Attach/DetachRolePolicy on role/* if
 * ArnLike iam:PolicyARN policy/app-*); EditAppPolicies (Allow iam:CreatePolicyVersion if ArnLike iam:PolicyARN
 * policy/app-*); BeanstalkSLR (Allow iam:CreateServiceLinkedRole if iam:AWSServiceName = elasticbeanstalk.amazonaws.com);
 * ManageDevRoles (Allow UpdateAssumeRolePolicy/DeleteRole if iam:ResourceTag/team = dev); TagDevOnly (Allow iam:TagRole
 * if aws:RequestTag/team = dev and ForAllValues aws:TagKeys ⊆ [team]); ScpReportOnly (Allow
 * iam:GenerateOrganizationsAccessReport if iam:OrganizationsPolicyId = p-examplepolicy1); KeepProtectedRoles (Deny
 * UpdateAssumeRolePolicy/DeleteRole if iam:ResourceTag/protected = true). Users: bounded-user (boundary
 * XCompanyBoundaries), free-user (no boundary), other-bounded-user (boundary OtherBoundary). Roles: app-role
 * (team=dev), ops-role (team=ops), untagged-role (no tags), legacy-dev-role (team=dev, protected=true). ghost-role /
 * ghost-role2 and new-bounded are not in the snapshot.
 *
 * <p>Pages (each test names the ones that fix its answer):
 *
 * <ul>
 *   <li>[CK-IAM] IAM User Guide, "IAM and AWS STS condition context keys",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html —
 *       iam:PermissionsBoundary: "Checks that the specified policy is attached as permissions boundary on the IAM
 *       principal resource."; iam:PolicyARN: "Checks the Amazon Resource Name (ARN) of a managed policy in requests
 *       that involve a managed policy."; iam:AWSServiceName: "Specifies the AWS service to which this role is
 *       attached."; iam:OrganizationsPolicyId: "Checks that the policy with the specified AWS Organizations ID matches
 *       the policy used in the request."; iam:ResourceTag/key-name: "Checks that the tag attached to the identity
 *       resource (user or role) matches the specified key name and value."
 *   <li>[BOUNDARY] IAM User Guide, "Permissions boundaries for IAM entities", "Delegating responsibility to others using
 *       permissions boundaries": Zhang's policy lets him create users only with "iam:PermissionsBoundary":
 *       ".../policy/XCompanyBoundaries" and manage (attach/detach/put/delete policies of) users only when they have
 *       that boundary (statement CreateOrChangeOnlyWithBoundary), and denies iam:DeleteUserPermissionsBoundary
 *       (statement NoBoundaryUserDelete). https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *   <li>[SLR-API] IAM API Reference, CreateServiceLinkedRole, AWSServiceName: "The service principal for the AWS service
 *       to which this role is attached… For example: elasticbeanstalk.amazonaws.com."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html
 *   <li>[ORG-API] IAM API Reference, GenerateOrganizationsAccessReport: "You can generate a service last accessed data
 *       report for a policy by specifying an entity's path and an optional Organizations policy ID."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateOrganizationsAccessReport.html
 *   <li>[TAGS-REQ] IAM User Guide, "Controlling access to AWS resources using tags": "You can use conditions in your
 *       IAM policies to control what tag key-value pairs can be passed in a request that tags an AWS resource."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html; [TAGS-IAM] "Controlling access to and for
 *       IAM users and roles": iam:ResourceTag / aws:ResourceTag on the user or role acted on.
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic": "an explicit deny in any of these policies overrides the
 *       allow"; without an Allow the request is implicitly denied; a condition on a key absent from the request context
 *       does not match. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * </ul>
 *
 * Only the product's own paths are used; src/main is not changed. Tests that show a wrong answer fail with a message
 * saying what AWS documents and what the product said.
 */
class IamDelegatedAdminAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/iamdeleg");
  static final String P = "arn:aws:iam::111122223333:";
  static final String XB = P + "policy/XCompanyBoundaries";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("28 added");
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static String context(JsonNode e, String key) {
    JsonNode c = e.path("request").path("context").path(key);
    if (c.isArray()) {
      return c.size() == 0 ? null : c.get(0).asText();
    }
    return c.isMissingNode() || c.isNull() ? null : c.asText();
  }

  /** Decision and verdict of the event's only action, with the AWS answer in the message. */
  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict, String aws)
      throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, eventId);
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("%s: resource; the product said: %s", eventId, why(e))
          .isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText()).as("%s: AWS documents %s, so the decision is %s; the product said: %s", eventId,
        aws, decision, why(e)).isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("%s: verdict must be %s (%s); the product said: %s", eventId, verdict, aws,
        why(e)).isEqualTo(verdict);
    return e;
  }

  // ------------------------------------------------------------------ CreateUser with permissionsBoundary

  /** Q1. CreateUser with permissionsBoundary = XCompanyBoundaries, recorded as success. [BOUNDARY]/[CK-IAM]: Allowed. */
  @Test
  void q01CreateUserWithTheRequiredBoundaryIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "cu-boundary", P + "user/new-bounded", "Allowed", "agrees",
        "[BOUNDARY] CreateUser is allowed when iam:PermissionsBoundary is XCompanyBoundaries");
    soft.assertThat(context(e, "iam:PermissionsBoundary")).as(why(e)).isEqualTo(XB);
    soft.assertThat(e.path("explanation").asText()).as("names the statement's policy: %s", why(e)).contains("DelegatedAdmin");
    soft.assertAll();
  }

  /**
   * Q2/Q3. CreateUser without a boundary and with OtherBoundary, both refused (AccessDenied). [BOUNDARY]: skipping the
   * boundary "fails and access is denied"; [EVAL]: ImplicitDeny, agrees.
   */
  @Test
  void q02CreateUserWithoutOrWithAnotherBoundaryIsImplicitlyDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "cu-noboundary", P + "user/new-free", "ImplicitDeny", "agrees",
        "[BOUNDARY] a CreateUser without the boundary fails; the logged request sets none, so the key is absent [EVAL]");
    expect(soft, "cu-otherboundary", P + "user/new-other", "ImplicitDeny", "agrees",
        "[BOUNDARY] iam:PermissionsBoundary = OtherBoundary does not match StringEquals XCompanyBoundaries");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ managing existing users: iam:PermissionsBoundary of the target

  /**
   * Q4. AttachUserPolicy (app-reader) on bounded-user, recorded as success. [CK-IAM] iam:PermissionsBoundary "checks that
   * the specified policy is attached as permissions boundary on the IAM principal resource" — the user acted on; the
   * case's get-account-authorization-details lists bounded-user's PermissionsBoundary = XCompanyBoundaries. [BOUNDARY]
   * (CreateOrChangeOnlyWithBoundary covers iam:AttachUserPolicy): Allowed, agrees. Nothing the case lacks.
   */
  @Test
  void q04AttachUserPolicyOnABoundedUserIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "aup-bounded", P + "user/bounded-user", "Allowed", "agrees",
        "[CK-IAM] iam:PermissionsBoundary is the boundary attached to the user acted on (XCompanyBoundaries in the case's IAM data)");
    soft.assertThat(context(e, "iam:PermissionsBoundary")).as("iam:PermissionsBoundary of bounded-user from the IAM data: %s", why(e))
        .isEqualTo(XB);
    soft.assertAll();
  }

  /**
   * Q5. AttachUserPolicy on free-user (no boundary in the IAM data), refused. The key is absent (the user has no
   * boundary), so StringEquals does not match [EVAL]: ImplicitDeny, agrees — the delegate's guard worked.
   */
  @Test
  void q05AttachUserPolicyOnAnUnboundedUserIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "aup-free", P + "user/free-user", "ImplicitDeny", "agrees",
        "[CK-IAM]/[EVAL] free-user has no permissions boundary in the case's IAM data: iam:PermissionsBoundary is absent");
    soft.assertAll();
  }

  /** Q6. AttachUserPolicy on other-bounded-user (boundary OtherBoundary), refused: ImplicitDeny, agrees. */
  @Test
  void q06AttachUserPolicyOnAUserWithAnotherBoundaryIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "aup-otherbounded", P + "user/other-bounded-user", "ImplicitDeny", "agrees",
        "[CK-IAM] iam:PermissionsBoundary is other-bounded-user's boundary, OtherBoundary, which does not match");
    soft.assertThat(context(e, "iam:PermissionsBoundary")).as(why(e)).isEqualTo(P + "policy/OtherBoundary");
    soft.assertAll();
  }

  /** Q7. PutUserPolicy on bounded-user, success: [BOUNDARY] statement covers iam:PutUserPolicy: Allowed, agrees. */
  @Test
  void q07PutUserPolicyOnABoundedUserIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "pup-bounded", P + "user/bounded-user", "Allowed", "agrees",
        "[BOUNDARY]/[CK-IAM] PutUserPolicy is allowed on a user whose boundary is XCompanyBoundaries");
    soft.assertAll();
  }

  /**
   * Q8. AttachUserPolicy of AdministratorAccess on bounded-user, refused with "explicit deny". DenyAdminAttach matches
   * iam:PolicyARN [CK-IAM]; [EVAL] an explicit deny overrides the allow: ExplicitDeny, agrees — whatever the boundary.
   */
  @Test
  void q08AttachingAdministratorAccessIsExplicitlyDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "aup-admin", P + "user/bounded-user", "ExplicitDeny", "agrees",
        "[CK-IAM]/[EVAL] the Deny on iam:PolicyARN = AdministratorAccess applies");
    soft.assertThat(context(e, "iam:PolicyARN")).as(why(e)).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
    soft.assertAll();
  }

  /**
   * Q9. AttachUserPolicy on new-bounded, a user created in the log (cu-boundary, with boundary XCompanyBoundaries) after
   * the IAM snapshot. The snapshot does not hold it: the product must not refuse it as if it had no boundary (never
   * guessed); Allowed (from the log's CreateUser) or Undetermined, never a deny nor "disagrees".
   */
  @Test
  void q09CallOnAUserCreatedAfterTheSnapshotIsNotGuessedDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "aup-newuser");
    soft.assertThat(e.path("decision").asText()).as("not in the snapshot, so not known to lack the boundary: %s", why(e))
        .isIn("Allowed", "Undetermined");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isNotEqualTo("disagrees");
    soft.assertAll();
  }

  /** Q10. DeleteUserPermissionsBoundary on bounded-user, refused: [BOUNDARY] NoBoundaryUserDelete / [EVAL]: ExplicitDeny. */
  @Test
  void q10DeleteUserPermissionsBoundaryIsExplicitlyDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "dub-bounded", P + "user/bounded-user", "ExplicitDeny", "agrees",
        "[BOUNDARY] NoBoundaryUserDelete denies iam:DeleteUserPermissionsBoundary; [EVAL] the deny overrides BoundaryRemoval");
    soft.assertAll();
  }

  /**
   * Q11. PutUserPermissionsBoundary setting XCompanyBoundaries on other-bounded-user, success. Here the key is the
   * boundary the request sets (requestParameters.permissionsBoundary), not the user's current one: Allowed, agrees.
   */
  @Test
  void q11PutUserPermissionsBoundaryUsesTheRequestedBoundary() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "pub-other", P + "user/other-bounded-user", "Allowed", "agrees",
        "[BOUNDARY] the delegate may set XCompanyBoundaries on a user");
    soft.assertThat(context(e, "iam:PermissionsBoundary")).as(why(e)).isEqualTo(XB);
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:PolicyARN on roles and policies

  /** Q12. AttachRolePolicy app-reader (ArnLike policy/app-*): Allowed; ops-reader: ImplicitDeny. [CK-IAM] iam:PolicyARN. */
  @Test
  void q12AttachRolePolicyIsLimitedByPolicyArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "arp-app", P + "role/ops-role", "Allowed", "agrees", "[CK-IAM] iam:PolicyARN app-reader matches policy/app-*");
    soft.assertThat(context(ok, "iam:PolicyARN")).as(why(ok)).isEqualTo(P + "policy/app-reader");
    JsonNode no = expect(soft, "arp-ops", P + "role/ops-role", "ImplicitDeny", "agrees", "[CK-IAM]/[EVAL] ops-reader does not match policy/app-*");
    soft.assertThat(ExplainedEvents.conditionsOn(no.path("trace"), "iam:PolicyARN")).as("trace tests iam:PolicyARN: %s", why(no))
        .isNotEmpty();
    soft.assertAll();
  }

  /** Q13. AttachRolePolicy AdministratorAccess on app-role, refused: DenyAdminAttach, ExplicitDeny, agrees. */
  @Test
  void q13AttachRolePolicyAdministratorAccessIsExplicitlyDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "arp-admin", P + "role/app-role", "ExplicitDeny", "agrees", "[CK-IAM]/[EVAL] Deny on iam:PolicyARN = AdministratorAccess");
    soft.assertAll();
  }

  /**
   * Q14. CreatePolicyVersion with setAsDefault on policy/app-reader (success) and on policy/XCompanyBoundaries (refused).
   * [CK-IAM] iam:PolicyARN is the managed policy of the request (requestParameters.policyArn): Allowed / ImplicitDeny.
   */
  @Test
  void q14CreatePolicyVersionIsLimitedByPolicyArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "cpv-app", P + "policy/app-reader", "Allowed", "agrees", "[CK-IAM] iam:PolicyARN app-reader matches policy/app-*");
    soft.assertThat(context(ok, "iam:PolicyARN")).as(why(ok)).isEqualTo(P + "policy/app-reader");
    expect(soft, "cpv-boundary", XB, "ImplicitDeny", "agrees", "[CK-IAM]/[EVAL] the boundary policy is not policy/app-*");
    soft.assertAll();
  }

  /** Q15. The refused AdministratorAccess attaches are reported as attempts, not as granted administrator permissions. */
  @Test
  void q15RefusedAdminAttachesAreAttemptsInFindings() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode f : ExplainedEvents.findings(caseDir)) {
      boolean admin = false;
      for (JsonNode id : f.path("eventIds")) {
        admin |= List.of("aup-admin", "arp-admin").contains(id.asText());
      }
      if (admin) {
        soft.assertThat(f.path("title").asText()).as("refused by DenyAdminAttach (iam:PolicyARN): %s", f).contains("attempted");
      }
      for (JsonNode id : f.path("eventIds")) {
        soft.assertThat(id.asText()).as("app-reader is no admin grant: %s", f).isNotIn("arp-app", "aup-bounded");
      }
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:AWSServiceName

  /**
   * Q16. CreateServiceLinkedRole with requestParameters.aWSServiceName = elasticbeanstalk.amazonaws.com, success.
   * [CK-IAM] iam:AWSServiceName "Specifies the AWS service to which this role is attached"; [SLR-API] AWSServiceName is
   * that service principal and is a required parameter, logged in the record: Allowed by BeanstalkSLR, agrees.
   */
  @Test
  void q16CreateServiceLinkedRoleForTheAllowedServiceIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "slr-beanstalk", null, "Allowed", "agrees",
        "[CK-IAM]/[SLR-API] iam:AWSServiceName is the request's AWSServiceName (elasticbeanstalk.amazonaws.com), logged in requestParameters");
    soft.assertThat(context(e, "iam:AWSServiceName")).as("iam:AWSServiceName from requestParameters.aWSServiceName: %s", why(e))
        .isEqualTo("elasticbeanstalk.amazonaws.com");
    soft.assertAll();
  }

  /** Q17. CreateServiceLinkedRole for autoscaling.amazonaws.com, refused: the key does not match: ImplicitDeny, agrees. */
  @Test
  void q17CreateServiceLinkedRoleForAnotherServiceIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "slr-autoscaling", null, "ImplicitDeny", "agrees",
        "[CK-IAM]/[EVAL] iam:AWSServiceName = autoscaling.amazonaws.com does not match elasticbeanstalk.amazonaws.com");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:ResourceTag on roles

  /**
   * Q18. UpdateAssumeRolePolicy on app-role (team=dev in the IAM data) succeeded; on ops-role (team=ops) refused.
   * [CK-IAM]/[TAGS-IAM] iam:ResourceTag is the tag of the role acted on: Allowed / ImplicitDeny, both agree.
   */
  @Test
  void q18UpdateAssumeRolePolicyFollowsTheRolesTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "uarp-dev", P + "role/app-role", "Allowed", "agrees", "[CK-IAM] app-role is tagged team=dev");
    soft.assertThat(context(ok, "iam:ResourceTag/team")).as(why(ok)).isEqualTo("dev");
    expect(soft, "uarp-ops", P + "role/ops-role", "ImplicitDeny", "agrees", "[CK-IAM] ops-role is tagged team=ops");
    soft.assertAll();
  }

  /**
   * Q19. DeleteRole on untagged-role (no tags in the IAM data, which lists every tag): the key is absent [EVAL]:
   * ImplicitDeny; on legacy-dev-role (team=dev, protected=true): KeepProtectedRoles denies explicitly [EVAL].
   */
  @Test
  void q19DeleteRoleUntaggedAndProtected() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "dr-untagged", P + "role/untagged-role", "ImplicitDeny", "agrees", "[EVAL] no team tag on untagged-role: absent");
    expect(soft, "dr-protected", P + "role/legacy-dev-role", "ExplicitDeny", "agrees",
        "[EVAL] the Deny on iam:ResourceTag/protected = true overrides ManageDevRoles");
    soft.assertAll();
  }

  /**
   * Q20. DeleteRole on ghost-role (success) and UpdateAssumeRolePolicy on ghost-role2 (refused): neither role is in the
   * case's IAM data, so its tags are unknown: Undetermined, with iam:ResourceTag/team among what is missing — never
   * guessed from the outcome.
   */
  @Test
  void q20RolesOutsideTheSnapshotAreUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("dr-ghost", "uarp-ghost-denied")) {
      JsonNode e = ExplainedEvents.only(caseDir, id);
      soft.assertThat(e.path("decision").asText()).as("%s: the role's tags are not in the case: %s", id, why(e)).isEqualTo("Undetermined");
      soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
      soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).contains("iam:resourcetag/team");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ aws:RequestTag on TagRole

  /**
   * Q21. TagRole app-role with team=dev (success) and with team=dev + owner=mallory (refused). [TAGS-REQ]: the request's
   * tags decide: Allowed; the extra key fails ForAllValues aws:TagKeys ⊆ [team]: ImplicitDeny.
   */
  @Test
  void q21TagRoleIsLimitedByRequestTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "tr-dev", P + "role/app-role", "Allowed", "agrees", "[TAGS-REQ] aws:RequestTag/team = dev");
    soft.assertThat(context(ok, "aws:RequestTag/team")).as(why(ok)).isEqualTo("dev");
    expect(soft, "tr-extra", P + "role/app-role", "ImplicitDeny", "agrees", "[TAGS-REQ] aws:TagKeys [team, owner] is not ⊆ [team]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:OrganizationsPolicyId

  /**
   * Q22. GenerateOrganizationsAccessReport with organizationsPolicyId p-examplepolicy1 (success) and p-otherpolicy2
   * (refused). [CK-IAM] iam:OrganizationsPolicyId is the policy ID "used in the request"; [ORG-API] the request names it
   * (logged in requestParameters.organizationsPolicyId): Allowed / ImplicitDeny, both agree.
   */
  @Test
  void q22OrganizationsAccessReportIsLimitedByPolicyId() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "gor-scp", null, "Allowed", "agrees",
        "[CK-IAM]/[ORG-API] iam:OrganizationsPolicyId is the request's organizationsPolicyId p-examplepolicy1");
    soft.assertThat(context(ok, "iam:OrganizationsPolicyId")).as(why(ok)).isEqualTo("p-examplepolicy1");
    expect(soft, "gor-other", null, "ImplicitDeny", "agrees", "[CK-IAM]/[EVAL] p-otherpolicy2 does not match");
    soft.assertAll();
  }
}
