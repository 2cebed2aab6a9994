package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.correlate.SessionOrigin;
import io.github.trailbench.store.CaseEvents;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of session policies (AssumeRole {@code Policy} / {@code PolicyArns}), federated-user sessions
 * (GetFederationToken) and permissions boundaries, each where a resource-based policy may also grant, and of session
 * tags used as {@code aws:PrincipalTag}: "why was this request allowed or denied?". The records and IAM data of
 * {@code src/test/resources/fixtures/sessionpolicy} (one account, 111122223333) are imported with the CLI and each call
 * is read back with {@code explain --event ID --json}; the session graph is read as {@code FederationAuditTest} does.
 * Nothing under src/main is changed.
 *
 * <p>The case: IAM user alice (s3:GetObject/PutObject on team-bucket/*, may assume the roles and call
 * GetFederationToken); IAM user bounded-user (s3:* on team-bucket/*, boundary S3ReadBoundary = Allow s3:GetObject and
 * s3:ListBucket, Deny s3:DeleteObject); roles DataRole (s3:GetObject/PutObject on team-bucket/*), BoundedRole (s3:* on
 * team-bucket/*, boundary S3ReadBoundary), TagRole (IAM tag team=red; s3:GetObject on tag-bucket/* if
 * aws:PrincipalTag/team = blue) and ChainRole (trusts TagRole; same tag condition). Bucket policies (same account):
 * user-granted-bucket names user bounded-user; role-granted-bucket names the role ARNs of BoundedRole and DataRole;
 * session-granted-bucket names the session ARNs assumed-role/BoundedRole/bounded-sess, assumed-role/DataRole/limited and
 * assumed-role/DataRole/denyput; fed-granted-bucket names federated-user/nopolicy; alice-bucket names user alice.
 * team-bucket and tag-bucket have no bucket policy. Every bucket has Object Ownership BucketOwnerEnforced.
 *
 * <p>Pages (AWS documentation) that fix the expected answers:
 *
 * <ul>
 *   <li>[SESSION] IAM User Guide, "Policies and permissions in AWS Identity and Access Management", "Session policies":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session — "A resource-based
 *       policy can specify the ARN of the user or role as a principal. In that case, the permissions from the
 *       resource-based policy are added to the role or user's identity-based policy before the session is created. The
 *       session policy limits the total permissions granted by the resource-based policy and the identity-based
 *       policy." / "A resource-based policy can specify the ARN of the session as a principal. In that case, the
 *       permissions from the resource-based policy are added after the session is created. The resource-based policy
 *       permissions are not limited by the session policy." / "When you create a federated user session, you use an
 *       IAM user's access keys to programmatically call the GetFederationToken API operation. You must also pass
 *       session policies. The resulting session's permissions are the intersection of the IAM user's identity-based
 *       policy and the session policy."
 *   <li>[ASSUMEROLE] STS API Reference, AssumeRole, Policy / PolicyArns: "Passing policies to this operation returns
 *       new temporary credentials. The resulting session's permissions are the intersection of the role's
 *       identity-based policy and the session policies."; Tags: "the session tag passed in the request takes precedence
 *       over the role tag": https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 *   <li>[GFT] STS API Reference, GetFederationToken, Policy / PolicyArns: "This parameter is optional. However, if you
 *       do not pass any session policies, then the resulting federated user session has no permissions." / "When you
 *       pass session policies, the session permissions are the intersection of the IAM user policies and the session
 *       policies that you pass." / "If that policy specifically references the federated user session in the Principal
 *       element of the policy, the session has the permissions allowed by the policy. These permissions are granted in
 *       addition to the permissions that are granted by the session policies.":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html; IAM User Guide, "Permissions
 *       for GetFederationToken": "In most cases if you do not pass a policy with the GetFederationToken API call, the
 *       resulting temporary security credentials have no permissions. However, a resource-based policy can provide
 *       additional permissions for the session. You can access a resource with a resource-based policy that specifies
 *       your session as the allowed principal.":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic" / "How AWS enforcement code logic evaluates requests",
 *       "Resource-based policies and implicit denies in other policy types (same account)":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html —
 *       "IAM role – Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in
 *       a permissions boundary or session policy."; "IAM role session – ... Permissions granted directly to a session
 *       are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy.";
 *       "IAM user – Within the same account, resource-based policies that grant permissions to an IAM user ARN (that is
 *       not a federated user session) are not limited by an implicit deny in an identity-based policy or permissions
 *       boundary."; "IAM federated user sessions – ... if a resource-based policy grants permission to the ARN of the
 *       IAM user who federated, then requests made by the federated user during the session are limited by an implicit
 *       deny in a permission boundary or session policy."; "Session policies – ... If the session policy is present
 *       and does not allow the requested action, then the request is implicitly denied."; "An explicit deny in any of
 *       these policies overrides the allow."
 *   <li>[PB] IAM User Guide, "Permissions boundaries for IAM entities": "An entity's permissions boundary allows it to
 *       perform only the actions that are allowed by both its identity-based policies and its permissions boundaries."
 *       and the same three resource-based-policy rules as [EVAL]:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *   <li>[TAGS] IAM User Guide, "Pass session tags in AWS STS": "When you use the session credentials to make a
 *       subsequent request, the request context includes the aws:PrincipalTag context key"; the principal's tags come
 *       from "Session tags – The tags passed when you assume the role", "Incoming transitive session tags – The tags
 *       inherited from a previous session in a role chain" and "IAM tags – The tags attached to your IAM assumed role";
 *       "Viewing session tags in CloudTrail": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
 *   <li>[CT-STS] IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail", "Example AWS STS role
 *       chaining API event": requestParameters tags [{key, value}], transitiveTagKeys and incomingTransitiveTags:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#stscloudtrailexample-assumerole
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element": "FederatedUser – The request was made with
 *       temporary security credentials obtained from a call to the AWS STS GetFederationToken API. The sessionIssuer
 *       element indicates if the API was called with root or IAM user credentials."; sessionIssuer: "If they obtained
 *       credentials with root or IAM user credentials to call AWS STS GetFederationToken, the element provides
 *       information about the root account or IAM user.":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 * </ul>
 *
 * <p>Record shapes not shown by an AWS page: no AWS example shows an AssumeRole record with a session policy. The
 * fixtures put it where the API's parameters are (requestParameters.policy as the JSON text, requestParameters.policyArns
 * as [{"arn": ...}], the PolicyDescriptorType shape), as the product reads them (CaseSessions). The GetFederationToken
 * record (requestParameters name / policy, responseElements.federatedUser {arn, federatedUserId}, packedPolicySize) and
 * the FederatedUser userIdentity follow a real record published by Stratus Red Team
 * (docs/attack-techniques/AWS/aws.persistence.sts-federation-token.md, "Detonation logs").
 */
class SessionPolicyAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/sessionpolicy");
  static final String A = "111122223333";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam.json").toString(), FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("2 users").contains("4 roles").contains("5 resource policies").contains("39 added");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  /**
   * The event's decision and verdict must be what AWS documents; the failure message says what AWS documents
   * ({@code aws}) and what the product said.
   */
  static JsonNode expect(String eventId, String decision, String verdict, String aws) throws Exception {
    JsonNode e = explain(eventId);
    String msg = "AWS documents: " + aws + "\n  expected " + decision + " / " + verdict + "\n  product said: " + why(e);
    assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText()).as(msg).isEqualTo(decision + " / " + verdict);
    return e;
  }

  /** The trace's policy-type node whose label starts with {@code label}. */
  static JsonNode policyType(JsonNode e, String label) {
    List<JsonNode> found = new ArrayList<>();
    ExplainedEvents.walk(e.path("trace"), n -> {
      if ("policyType".equals(n.path("kind").asText()) && n.path("label").asText().startsWith(label)) {
        found.add(n);
      }
    });
    assertThat(found).as(label + " in the trace of " + why(e)).isNotEmpty();
    return found.get(0);
  }

  /** Everything the explanation says, lower case: sentence, comparison, gaps, missing keys. */
  static String said(JsonNode e) {
    return (e.path("explanation").asText() + " " + e.path("comparison").asText() + " " + e.path("gaps") + " "
        + e.path("missing")).toLowerCase(Locale.ROOT);
  }

  static SessionGraph sessions() {
    return ExplainedEvents.sessions(caseDir);
  }

  // ------------------------------------------------------------------ 1. AssumeRole with session policies

  /**
   * Q1. alice assumed DataRole passing an inline session policy (requestParameters.policy) that allows only
   * s3:GetObject on team-bucket/*. The session reads team-bucket/reports/a.csv: the role allows it and so does the
   * session policy, so it is in the intersection [ASSUMEROLE]: Allowed, agrees.
   */
  @Test
  void inlineSessionPolicyAndRoleBothAllow() throws Exception {
    expect("sp-inline-get", "Allowed", "agrees", "the session's permissions are the intersection of the role's identity-based"
        + " policy and the session policies [ASSUMEROLE]; both allow s3:GetObject on team-bucket/*");
  }

  /**
   * Q2. The same session writes team-bucket/reports/b.csv and is refused. DataRole's policy allows s3:PutObject, the
   * session policy does not: "If the session policy is present and does not allow the requested action, then the
   * request is implicitly denied" [EVAL]. Implicit deny, agrees, and the trace names the session policy that the
   * AssumeRole call passed as what refused. Contrast: a session of the same role issued without a session policy
   * (sp-assume-plain) makes the same write and it is Allowed.
   */
  @Test
  void inlineSessionPolicyRefusesWhatTheRoleAllows() throws Exception {
    JsonNode e = expect("sp-inline-put", "ImplicitDeny", "agrees", "a present session policy that does not allow the action"
        + " implicitly denies it [EVAL]");
    JsonNode session = policyType(e, "Session polic");
    assertThat(session.path("outcome").asText()).as("the session policy step refuses: " + why(e)).isEqualTo("Deny");
    assertThat(session.toString()).as("the session policy of the AssumeRole call is named").contains("sp-assume-inline");
    expect("sp-plain-put", "Allowed", "agrees", "without a session policy the role session has the role's permissions");
  }

  /**
   * Q3. alice assumed DataRole with PolicyArns = [ReadOnlySessionPolicy] (a managed policy of the case, allowing
   * s3:GetObject on team-bucket/*). Managed session policies limit the session like an inline one [ASSUMEROLE]: the
   * read is Allowed, the write (which the role allows) is an implicit deny by the session policy.
   */
  @Test
  void managedSessionPolicyByArnLimitsTheSession() throws Exception {
    expect("sp-arns-get", "Allowed", "agrees", "intersection of role policy and managed session policy [ASSUMEROLE]");
    JsonNode put = expect("sp-arns-put", "ImplicitDeny", "agrees", "the managed session policy does not allow s3:PutObject"
        + " [ASSUMEROLE], [EVAL]");
    assertThat(policyType(put, "Session polic").toString()).contains("ReadOnlySessionPolicy");
  }

  /**
   * Q4. A session issued with PolicyArns naming a managed policy that is not in the case's IAM data. The session is
   * limited by that policy [ASSUMEROLE], whose content is unknown: the write the role allows is undetermined, and the
   * explanation names the session policy (never "allowed by the role").
   */
  @Test
  void sessionPolicyNotInTheCaseLeavesTheCallUndetermined() throws Exception {
    JsonNode e = expect("sp-unexported-put", "Undetermined", "undetermined", "the session is limited by a session policy"
        + " the case does not hold [ASSUMEROLE]; the product must not guess");
    assertThat(said(e)).contains("notexportedsessionpolicy");
  }

  /**
   * Q5. A DataRole session whose issuing AssumeRole call is not in the case (its key ASIAORPHANEXAMPLE001 is seen in use
   * only) writes team-bucket and CloudTrail records AccessDenied. The role's policy allows the write; a session policy
   * passed to AssumeRole would refuse it [EVAL], and whether one was passed is recorded only in the issuing call, which
   * the case lacks. The replay cannot know the session's permissions: undetermined, naming the unknown session policy;
   * not "Allowed, disagrees" with a policy-change guess.
   */
  @Test
  void sessionWhoseIssuingCallIsMissingIsUndeterminedOnItsSessionPolicy() throws Exception {
    JsonNode e = explain("sp-orphan-put-denied");
    String msg = "AWS documents: a role session's permissions are the role's policies intersected with the session"
        + " policies passed to AssumeRole [ASSUMEROLE], [EVAL]; the AssumeRole call of this key is not in the case, so a"
        + " refused call the role allows is undetermined on the unknown session policy\n  product said: " + why(e);
    assertThat(e.path("verdict").asText()).as(msg).isEqualTo("undetermined");
    assertThat(said(e)).as(msg).contains("session polic");
  }

  /**
   * Q6. Resource-based policy naming the ROLE ARN (role-granted-bucket grants DataRole s3:PutObject; the role's own
   * policy does not cover that bucket). The session limited to s3:GetObject on team-bucket writes there: "Resource-based
   * policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary or
   * session policy" [EVAL], [SESSION]: implicit deny, agrees.
   */
  @Test
  void roleArnGrantIsLimitedByTheSessionPolicy() throws Exception {
    expect("sp-rolearn-put", "ImplicitDeny", "agrees", "a role-ARN grant is limited by an implicit deny in the session policy [EVAL]");
  }

  /**
   * Q6'. The same role-ARN grant, for a DataRole session whose inline session policy allows exactly s3:PutObject on
   * role-granted-bucket/* (the role's own identity policy does not cover that bucket): the grant is "added to the role
   * ... before the session is created" and the session policy, which allows the write, limits the total [SESSION]:
   * Allowed, agrees.
   */
  @Test
  void roleArnGrantWithinTheSessionPolicyIsAllowed() throws Exception {
    expect("sp-rolegrant-allowed-put", "Allowed", "agrees", "a role-ARN grant adds to the role's permissions before the"
        + " session is created; the session policy allows this write [SESSION]");
  }

  /**
   * Q7. Resource-based policy naming the ROLE SESSION ARN (session-granted-bucket grants
   * arn:aws:sts::111122223333:assumed-role/DataRole/limited s3:PutObject). The same restricted session writes there: "The
   * resource-based policy permissions are not limited by the session policy" [SESSION]: Allowed, agrees.
   */
  @Test
  void sessionArnGrantIsNotLimitedByTheSessionPolicy() throws Exception {
    expect("sp-sessionarn-put", "Allowed", "agrees", "a grant to the session ARN is not limited by the session policy [SESSION], [EVAL]");
  }

  /**
   * Q8. A session policy with an explicit Deny s3:PutObject, and a bucket policy that grants the session ARN
   * s3:PutObject: "An explicit deny in any of these policies overrides the allow" [EVAL]. Explicit deny, agrees.
   */
  @Test
  void explicitDenyInTheSessionPolicyBeatsASessionArnGrant() throws Exception {
    expect("sp-deny-sessionarn-put", "ExplicitDeny", "agrees", "an explicit deny in a session policy overrides any allow [EVAL]");
  }

  // ------------------------------------------------------------------ 2. permissions boundaries

  /**
   * Q9. bounded-user's identity policy allows s3:* on team-bucket/*, its boundary only s3:GetObject/ListBucket: the
   * write is outside the intersection [PB] (implicit deny, agrees), the read inside it (Allowed, agrees).
   */
  @Test
  void userBoundaryCapsTheIdentityPolicy() throws Exception {
    JsonNode put = expect("pb-user-put-team", "ImplicitDeny", "agrees", "an entity may perform only what both its identity"
        + " policies and its boundary allow [PB]");
    assertThat(policyType(put, "Permissions boundary").path("outcome").asText()).isEqualTo("Deny");
    expect("pb-user-get-team", "Allowed", "agrees", "inside both the identity policy and the boundary [PB]");
  }

  /**
   * Q10. user-granted-bucket's policy grants the IAM user ARN bounded-user s3:PutObject; the boundary does not allow
   * s3:PutObject and the identity policy does not cover the bucket. "resource-based policies that grant permissions to
   * an IAM user ARN ... are not limited by an implicit deny in an identity-based policy or permissions boundary" [EVAL],
   * [PB]: Allowed, agrees.
   */
  @Test
  void userArnGrantIsNotLimitedByTheUsersBoundary() throws Exception {
    expect("pb-user-put-usergrant", "Allowed", "agrees", "a same-account grant to the IAM user ARN is not limited by an"
        + " implicit deny in the boundary [EVAL], [PB]");
  }

  /**
   * Q11. The same bucket policy grants bounded-user s3:DeleteObject, and the boundary has Deny s3:DeleteObject: the
   * explicit deny wins over the user-ARN grant [EVAL]. Explicit deny, agrees, on the boundary.
   */
  @Test
  void explicitDenyInTheBoundaryBeatsAUserArnGrant() throws Exception {
    JsonNode e = expect("pb-user-delete-usergrant", "ExplicitDeny", "agrees", "an explicit deny in any policy, a boundary"
        + " included, overrides the allow [EVAL]");
    assertThat(e.path("explanation").asText()).contains("S3ReadBoundary");
  }

  /** Q12. BoundedRole (s3:* on team-bucket/*, boundary S3ReadBoundary): its session's write is outside the boundary [PB]. */
  @Test
  void roleBoundaryCapsTheRoleSession() throws Exception {
    expect("pb-role-put-team", "ImplicitDeny", "agrees", "a role's boundary caps its identity policy for its sessions [PB]");
  }

  /**
   * Q13. role-granted-bucket grants the role ARN BoundedRole s3:PutObject: "Resource-based policies that grant
   * permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary" [EVAL]: implicit deny.
   */
  @Test
  void roleArnGrantIsLimitedByTheRolesBoundary() throws Exception {
    expect("pb-role-put-rolegrant", "ImplicitDeny", "agrees", "a role-ARN grant is limited by an implicit deny in the boundary [EVAL]");
  }

  /**
   * Q14. session-granted-bucket grants the session ARN assumed-role/BoundedRole/bounded-sess: "Permissions granted
   * directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or
   * session policy" [EVAL]: Allowed, agrees.
   */
  @Test
  void sessionArnGrantIsNotLimitedByTheRolesBoundary() throws Exception {
    expect("pb-role-put-sessiongrant", "Allowed", "agrees", "a grant to the role session ARN is not limited by the boundary [EVAL]");
  }

  // ------------------------------------------------------------------ 3. GetFederationToken

  /**
   * Q15. alice called GetFederationToken (name alice-fed) with a session policy allowing s3:GetObject on team-bucket/*
   * and s3:PutObject on alice-bucket/*. The federated user (userIdentity FederatedUser, sessionIssuer = IAM user alice
   * [CT-UID]) reads team-bucket/reports/a.csv. Its permissions are "the intersection of the IAM user policies and the
   * session policies" [GFT], [SESSION]: alice's policy and the session policy both allow the read, and the case holds
   * both: Allowed, agrees; not undetermined on "identity-based policies of federated-user/alice-fed".
   */
  @Test
  void federatedUserHasItsIamUsersPoliciesIntersectedWithTheSessionPolicy() throws Exception {
    expect("fed-policy-get-team", "Allowed", "agrees", "a federated user session's permissions are the intersection of the"
        + " IAM user's (alice's, named by sessionIssuer) policies and the session policy [GFT], [SESSION], [CT-UID]");
  }

  /**
   * Q16. The same federated user writes team-bucket: alice's policy allows s3:PutObject there, the session policy does
   * not [GFT]: implicit deny by the session policy, agrees.
   */
  @Test
  void federatedUserIsLimitedByItsSessionPolicy() throws Exception {
    JsonNode e = expect("fed-policy-put-team", "ImplicitDeny", "agrees", "outside the session policy of GetFederationToken [GFT]");
    assertThat(policyType(e, "Session polic").path("outcome").asText()).isEqualTo("Deny");
  }

  /**
   * Q17. alice-bucket's policy grants the IAM user ARN alice s3:GetObject and s3:PutObject (alice's identity policy does
   * not cover the bucket). The federated user writes there, which its session policy allows: the user-ARN grant's
   * permissions "are added to the role or user's identity-based policy before the session is created" and the session
   * policy limits the total [SESSION], [EVAL]: Allowed, agrees.
   */
  @Test
  void userArnGrantReachesTheFederatedUserWithinItsSessionPolicy() throws Exception {
    expect("fed-policy-put-alicebucket", "Allowed", "agrees", "a grant to the ARN of the IAM user who federated adds to that"
        + " user's permissions, limited by the session policy, which allows this write [SESSION], [EVAL]");
  }

  /**
   * Q18. The federated user reads alice-bucket, which the bucket policy grants to alice's user ARN but the session
   * policy does not allow: "requests made by the federated user during the session are limited by an implicit deny in
   * a permission boundary or session policy" [EVAL]: implicit deny, agrees.
   */
  @Test
  void userArnGrantToTheFederatingUserIsLimitedByTheSessionPolicy() throws Exception {
    expect("fed-policy-get-alicebucket", "ImplicitDeny", "agrees", "a grant to the federating user's ARN is limited by an"
        + " implicit deny in the session policy [EVAL]");
  }

  /**
   * Q19. alice called GetFederationToken (name nopolicy) without Policy or PolicyArns. "if you do not pass any session
   * policies, then the resulting federated user session has no permissions" [GFT]. Its read of team-bucket (which alice
   * herself may read, and which has no bucket policy) is refused: implicit deny, agrees; not undetermined.
   */
  @Test
  void federatedUserWithoutSessionPolicyHasNoPermissions() throws Exception {
    expect("fed-nopolicy-get-team", "ImplicitDeny", "agrees", "a federated user session issued without session policies has no"
        + " permissions [GFT]");
  }

  /**
   * Q20. The same policy-less federated user reads fed-granted-bucket, whose bucket policy names
   * arn:aws:sts::111122223333:federated-user/nopolicy: "If that policy specifically references the federated user
   * session in the Principal element of the policy, the session has the permissions allowed by the policy" [GFT], and a
   * grant directly to a session is not limited by an implicit deny [EVAL]: Allowed, agrees.
   */
  @Test
  void bucketPolicyNamingTheFederatedUserGrantsDirectly() throws Exception {
    expect("fed-nopolicy-get-fedgrant", "Allowed", "agrees", "a resource policy naming the federated user session grants it"
        + " directly, even without session policies [GFT], [EVAL]");
  }

  /**
   * Q21, sessions. The federated user's key was issued by GetFederationToken called with alice's long-term key: the
   * session's origin is GET_FEDERATION_TOKEN and its chain is rooted at IAM user alice (sessionIssuer [CT-UID]).
   */
  @Test
  void federatedSessionIsRootedAtTheFederatingUser() {
    SessionGraph g = sessions();
    Session s = g.session("ASIAFEDPOLICYEXAMP01").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.GET_FEDERATION_TOKEN);
    assertThat(s.principalArn()).isEqualTo("arn:aws:sts::" + A + ":federated-user/alice-fed");
    assertThat(g.rootOf("ASIAFEDPOLICYEXAMP01").identity()).contains("alice");
  }

  // ------------------------------------------------------------------ 4. session tags

  /**
   * Q22. TagRole carries the IAM tag team=red; alice assumed it passing the session tag team=blue (requestParameters.tags
   * [CT-STS]). Its session reads tag-bucket under "aws:PrincipalTag/team = blue". The session tag "takes precedence
   * over the role tag" [ASSUMEROLE] and is in the request context as aws:PrincipalTag [TAGS]; the case holds the
   * issuing call with the tag, so the value is known: Allowed, agrees (not undetermined on aws:PrincipalTag/team).
   */
  @Test
  void sessionTagOverridesTheRoleTagOfTheSameKey() throws Exception {
    expect("tag-session-get", "Allowed", "agrees", "the session tag team=blue passed to AssumeRole (in the case) overrides the"
        + " role tag team=red and is the session's aws:PrincipalTag/team [ASSUMEROLE], [TAGS]");
  }

  /**
   * Q23. A TagRole session issued by alice (an IAM user, so no incoming transitive tags) without session tags: its
   * principal tags are the role's IAM tags [TAGS], team=red, so "aws:PrincipalTag/team = blue" does not hold and the
   * refused read is an implicit deny, agrees.
   */
  @Test
  void sessionWithoutSessionTagsHasTheRolesTags() throws Exception {
    expect("tag-untagged-get", "ImplicitDeny", "agrees", "a session issued without session tags by an IAM user has the"
        + " role's IAM tags as principal tags (team=red) [TAGS]");
  }

  /**
   * Q24. The tagged TagRole session (team=blue, transitive) assumed ChainRole; the record carries
   * incomingTransitiveTags {team: blue} [CT-STS]. The ChainRole session's aws:PrincipalTag/team is blue ("Incoming
   * transitive session tags – The tags inherited from a previous session in a role chain" [TAGS]): its read of
   * tag-bucket is Allowed, agrees. The session graph chains ChainRole's key to TagRole's.
   */
  @Test
  void transitiveTagReachesTheChainedSession() throws Exception {
    expect("tag-chain-get", "Allowed", "agrees", "a transitive session tag passes to the next session of the role chain"
        + " (incomingTransitiveTags team=blue in the AssumeRole record) [TAGS], [CT-STS]");
  }

  /**
   * Q24, sessions: ChainRole's session is chained to the TagRole session that assumed it, which alice's long-term key
   * opened; the chain is rooted at alice.
   */
  @Test
  void chainedSessionIsChainedToTheTaggedSession() {
    SessionGraph g = sessions();
    assertThat(g.chain("ASIACHAINEDEXAMPLE01")).extracting(Session::accessKeyId)
        .containsExactly("ASIACHAINEDEXAMPLE01", "ASIATAGGEDEXAMPLE001", "AKIAALICEEXAMPLE0001");
    assertThat(g.rootOf("ASIACHAINEDEXAMPLE01").identity()).contains("alice");
  }
}
