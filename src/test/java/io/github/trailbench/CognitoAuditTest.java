package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionOrigin;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of Amazon Cognito identity pools and their roles: "could anyone on the internet get AWS credentials
 * through our identity pool, and what did those sessions do?". The records and IAM data of
 * {@code src/test/resources/fixtures/cognito} are imported with the CLI, then read back with
 * {@code explain --event ID --json}, {@code findings --format json} and the session graph. FederationAuditTest
 * already covers the guest role's basic-flow assumption (amr undetermined, aud known) and the Federated principal
 * match; these cases do not repeat it.
 *
 * <p>The case: account 111122223333, identity pool us-east-1:11111111-aaaa-bbbb-cccc-000000000001 ("our pool").
 * Roles: CognitoLegacyOpen (trusts cognito-identity.amazonaws.com with no condition), CognitoNoAud (only
 * ForAnyValue:StringLike amr = authenticated, no aud), AppGuest (aud = our pool, amr = unauthenticated), AppAuth (aud =
 * our pool, amr = authenticated). AppGuest and AppAuth grant s3:GetObject on
 * arn:aws:s3:::app-userdata/${cognito-identity.amazonaws.com:sub}/*.
 *
 * <p>Pages (each case quotes the one it relies on):
 * <ul>
 *   <li>[ROLE-TRUST] Cognito Developer Guide, "Role trust and permissions":
 *       https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html - "the policy restricts
 *       the aud of the token, in this case the identity pool ID, to match the identity pool. Finally, the policy specifies
 *       that one of the array members of the multi-value amr claim of the token issued by the Amazon Cognito
 *       GetOpenIdToken API operation has the value unauthenticated." / "If you don't configure your role correctly to
 *       trust your identity pool, an exception from STS results, like the following: AccessDenied -- Not authorized to
 *       perform sts:AssumeRoleWithWebIdentity".
 *   <li>[IAM-ROLES] Cognito Developer Guide, "IAM roles": https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 *       - "Remember that unauthenticated identities are assumed by users who do not log in to your app." and "If the IAM
 *       role trust policy's Principal is an identity pool service principal like cognito-identity.amazonaws.com, you
 *       can't create or modify role trust policy to allow any identity pool to assume the role."
 *   <li>[BEST] Cognito Developer Guide, "Security best practices for Amazon Cognito identity pools":
 *       https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html - "IAM
 *       requires that roles for identity pools have at least one trust policy condition. [...] AWS STS also requires
 *       that cross-account basic authentication requests have two specific conditions: cognito-identity.amazonaws.com:aud
 *       and cognito-identity.amazonaws.com:amr. As a best practice, apply both conditions in all IAM roles that trust
 *       the identity pools service principal cognito-identity.amazonaws.com."
 *   <li>[STS-ROLEARN] STS API Reference, AssumeRoleWithWebIdentity, RoleArn:
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html - "The trust policies of
 *       these roles must accept the cognito-identity.amazonaws.com service principal and must contain the
 *       cognito-identity.amazonaws.com:aud condition key to restrict role assumption to users from your intended
 *       identity pools. A policy that trusts Amazon Cognito identity pools without this condition creates a risk that a
 *       user from an unintended identity pool can assume the role."; Response Elements: SubjectFromWebIdentityToken "For
 *       OpenID Connect ID tokens, this field contains the value returned by the identity provider as the token's sub
 *       (Subject) claim", Audience "The intended audience (also known as client ID) of the web identity token".
 *   <li>[FLOW] Cognito Developer Guide, "Identity pools authentication flow":
 *       https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html - basic flow GetId,
 *       GetOpenIdToken, AssumeRoleWithWebIdentity; enhanced flow GetId, GetCredentialsForIdentity.
 *   <li>[S3-COGNITO] IAM User Guide, "Amazon S3: Allows Amazon Cognito users to access objects in their bucket":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_cognito-bucket.html - "This
 *       policy allows access only to objects with a name that includes cognito, the name of the application, and the
 *       federated user's ID, represented by the ${cognito-identity.amazonaws.com:sub} variable." / "The 'sub' value used
 *       in the object key is not the user's sub value in the User Pool, it is the identity id associated with the user
 *       in the Identity Pool."
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *       (AssumedRole sessions with sessionContext.sessionIssuer; WebIdentityUser for AssumeRoleWithWebIdentity).
 *   <li>[UNAUTH-SCOPE] AWS managed policy reference, AmazonCognitoUnAuthedIdentitiesSessionPolicy:
 *       https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonCognitoUnAuthedIdentitiesSessionPolicy.html
 *       - "Cognito Identity Service will automatically include it as a scoped down policy when creating credentials.
 *       The privileges to temporarily access other AWS resources through the enhanced flow will now be defined by the
 *       intersection of the role [...] and the privileges given in this managed policy".
 * </ul>
 */
class CognitoAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/cognito");
  static final String POOL = "us-east-1:11111111-aaaa-bbbb-cccc-000000000001";
  static final String SUB_GUEST = "us-east-1:aaaa0000-0000-0000-0000-00000000g001";
  static final String SUB_AUTH = "us-east-1:bbbb0000-0000-0000-0000-00000000a001";
  static final String AMR = "cognito-identity.amazonaws.com:amr";
  static final String AUD = "cognito-identity.amazonaws.com:aud";
  static final String SUB = "cognito-identity.amazonaws.com:sub";
  static final java.util.Set<String> NOT_TRUST_RULES = java.util.Set.of("outcome-not-explained-by-policies");

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("4 roles").contains("13 added");
  }

  static JsonNode explain(String id) throws Exception {
    return ExplainedEvents.only(caseDir, id);
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " | " + f.path("title").asText() + " | " + f.path("summary").asText();
  }

  static List<JsonNode> trustFindings() throws Exception {
    return ExplainedEvents.findings(caseDir).stream().filter(f -> !NOT_TRUST_RULES.contains(f.path("rule").asText())).toList();
  }

  // ------------------------------------------------------------------ 1. who can get the role: the trust policies

  /**
   * Q1. "Can an identity pool of any account get CognitoLegacyOpen?" Its trust names cognito-identity.amazonaws.com
   * with no condition at all (a role made before IAM began refusing such trusts [IAM-ROLES], [BEST]). [STS-ROLEARN]: "A
   * policy that trusts Amazon Cognito identity pools without this [aud] condition creates a risk that a user from an
   * unintended identity pool can assume the role", and the trail shows a foreign pool's identity doing so. A finding
   * must name the role.
   */
  @Test
  void trustWithoutAnyConditionIsReportedAsOpenToEveryIdentityPool() throws Exception {
    List<JsonNode> f = trustFindings();
    assertThat(f).as("AWS [STS-ROLEARN] warns that a Cognito trust without cognito-identity.amazonaws.com:aud lets a user"
        + " of an unintended identity pool assume the role; expected a finding naming CognitoLegacyOpen (assumed by pool"
        + " us-east-1:99999999-…), the product reported: " + f.stream().map(CognitoAuditTest::text).toList())
        .anySatisfy(x -> assertThat(text(x)).contains("CognitoLegacyOpen"));
  }

  /**
   * Q2. "CognitoNoAud tests amr = authenticated but no aud: can another pool's signed-in user get it?" Yes, per
   * [STS-ROLEARN] (the aud condition is what restricts the role to "your intended identity pools") and [BEST] ("apply
   * both conditions in all IAM roles that trust [...] cognito-identity.amazonaws.com"). A finding must name the role.
   */
  @Test
  void trustWithAmrButNoAudIsReportedAsOpenToOtherIdentityPools() throws Exception {
    List<JsonNode> f = trustFindings();
    assertThat(f).as("expected a finding naming CognitoNoAud (amr only, no cognito-identity.amazonaws.com:aud)"
        + " [STS-ROLEARN]; the product reported: " + f.stream().map(CognitoAuditTest::text).toList())
        .anySatisfy(x -> assertThat(text(x)).contains("CognitoNoAud"));
  }

  /**
   * Q3. The roles pinned to our pool (aud = the pool id, [ROLE-TRUST]) are not open to other pools: no finding may
   * say AppAuth or AppGuest is assumable by any identity pool / any user of a shared provider.
   */
  @Test
  void audPinnedRolesAreNotReportedAsOpenToOtherPools() throws Exception {
    List<JsonNode> f = trustFindings().stream()
        .filter(x -> x.path("rule").asText().contains("federated") || text(x).toLowerCase(Locale.ROOT).contains("identity pool")
            || text(x).toLowerCase(Locale.ROOT).contains("every user"))
        .toList();
    assertThat(f).noneSatisfy(x -> assertThat(text(x)).containsAnyOf("AppAuth", "AppGuest"));
  }

  // ------------------------------------------------------------------ 2. basic flow: AssumeRoleWithWebIdentity replayed

  /**
   * Q4. A foreign pool's identity (audience us-east-1:99999999-…) tried AssumeRoleWithWebIdentity on AppGuest and STS
   * refused it (AccessDenied, as [ROLE-TRUST] shows for a role that does not trust the pool). The record carries the
   * audience (responseElements is null on a refusal, but principalId is provider:audience:subject [CT-UID]); the aud
   * condition alone settles it: Denied, agrees, and amr (which the record lacks) is not needed for the answer.
   */
  @Test
  void foreignPoolIsRefusedOnTheAudConditionAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "cog-foreign-guest", null, "ImplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as("a refusal decided by aud needs no amr: " + ExplainedEvents.why(e))
        .doesNotContain(AMR);
    soft.assertAll();
  }

  /**
   * Q5. The same foreign pool's identity assumed CognitoLegacyOpen (no condition) and STS allowed it. The trust's
   * Federated principal cognito-identity.amazonaws.com matches and no condition limits it [ROLE-TRUST]: Allowed,
   * agrees, nothing missing.
   */
  @Test
  void foreignPoolAssumingTheUnconditionedRoleIsAllowedAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "cog-foreign-legacy", null, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as(ExplainedEvents.why(e)).isEmpty();
    soft.assertAll();
  }

  /**
   * Q6. The foreign pool's identity assumed CognitoNoAud (amr = authenticated only) and STS allowed it. The record
   * does not carry the token's amr ([STS-ROLEARN] response elements: subject, audience, provider), so the replay
   * cannot confirm it: undetermined, naming cognito-identity.amazonaws.com:amr, not aud (the trust has no aud
   * condition), and never "disagrees".
   */
  @Test
  void foreignPoolAssumingTheAmrOnlyRoleIsUndeterminedOnAmr() throws Exception {
    JsonNode e = explain("cog-foreign-noaud");
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(e)).as(ExplainedEvents.why(e)).contains(AMR).doesNotContain(AUD);
  }

  /**
   * Q7. Our pool's guest assumed AppGuest (basic flow [FLOW]); the trust's aud condition is decided with the logged
   * audience (responseElements.audience, [STS-ROLEARN]): the condition node on cognito-identity.amazonaws.com:aud
   * matches. (FederationAuditTest only checks that aud is not listed as missing.)
   */
  @Test
  void guestAssumptionMatchesTheAudConditionWithTheLoggedPoolId() throws Exception {
    JsonNode e = explain("cog-basic-guest");
    assertThat(ExplainedEvents.conditionsOn(e.path("trace"), AUD)).as(ExplainedEvents.why(e))
        .isNotEmpty().allSatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("Match"));
    assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isNotEqualTo("disagrees");
  }

  // ------------------------------------------------------------------ 3. what the guest session did

  /**
   * Q8. The guest session (key from the basic-flow AssumeRoleWithWebIdentity) listed the account's buckets; AppGuest
   * allows s3:ListAllMyBuckets: Allowed, agrees. The session is a web identity session of cognito-identity.amazonaws.com
   * (webIdFederationData.federatedProvider [CT-UID]), so aws:FederatedProvider is cognito-identity.amazonaws.com.
   */
  @Test
  void guestSessionListingBucketsIsAllowedByTheRoleAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "cog-guest-list", null, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:FederatedProvider")).as(ExplainedEvents.why(e))
        .containsExactly("cognito-identity.amazonaws.com");
    soft.assertAll();
  }

  /**
   * Q9. The guest session called iam:ListUsers, which AppGuest does not grant; CloudTrail recorded AccessDenied. A
   * call outside the role's permissions is refused: Denied, agrees.
   */
  @Test
  void guestSessionCallOutsideTheRoleIsRefusedAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "cog-guest-iam", null, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q10. The guest session read app-userdata/SUB_GUEST/photo.jpg. AppGuest grants
   * app-userdata/${cognito-identity.amazonaws.com:sub}/*, the variable being "the identity id associated with the user in
   * the Identity Pool" [S3-COGNITO]. The case holds that id for this session: the AssumeRoleWithWebIdentity that issued
   * its key logged subjectFromWebIdentityToken = SUB_GUEST ("the token's sub (Subject) claim" [STS-ROLEARN]), and the
   * session's own record carries it in webIdFederationData. AWS allowed it: Allowed, agrees; not undetermined on a value
   * the case holds.
   */
  @Test
  void guestSessionReadingItsOwnPrefixIsDecidedWithTheIdentityId() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "cog-guest-own",
        "arn:aws:s3:::app-userdata/" + SUB_GUEST + "/photo.jpg", "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as("the identity id is in the case (issuing call's"
        + " subjectFromWebIdentityToken): " + ExplainedEvents.why(e)).doesNotContain(SUB);
    soft.assertAll();
  }

  /**
   * Q11. The guest session tried to read another identity's object app-userdata/OTHER/passport.jpg and S3 refused it.
   * With ${cognito-identity.amazonaws.com:sub} = SUB_GUEST the resource does not match [S3-COGNITO]: Denied, agrees.
   * Whatever the product knows of the sub, it must never say Allowed here.
   */
  @Test
  void guestSessionReadingAnotherIdentitysPrefixIsRefusedAndAgrees() throws Exception {
    JsonNode e = explain("cog-guest-other");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isNotEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as("AWS refused it and the case holds the identity id: "
        + ExplainedEvents.why(e)).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ 4. the authenticated session (enhanced flow)

  /**
   * Q12. A signed-in identity got AppAuth's credentials through GetId + GetCredentialsForIdentity [FLOW]; its session
   * read the Profiles table, which AppAuth grants: Allowed, agrees.
   */
  @Test
  void authSessionReadingItsTableIsAllowedAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "cog-auth-get", null, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q13. The same session read the Orders table, which AppAuth does not grant; DynamoDB refused it: Denied, agrees.
   */
  @Test
  void authSessionReadingAnotherTableIsRefusedAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "cog-auth-orders", null, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 5. the sessions in the graph

  /**
   * Q14. "Who is behind the guest session's calls?" The basic-flow session is a web identity session
   * (ASSUME_ROLE_WITH_WEB_IDENTITY) of AppGuest, and its chain is rooted at the Cognito identity that presented the
   * token: the issuing record's userName / subjectFromWebIdentityToken is SUB_GUEST ([CT-UID], [STS-ROLEARN]).
   */
  @Test
  void basicFlowGuestSessionIsRootedAtTheCognitoIdentity() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session("ASIACOGGUESTBASIC001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY);
    assertThat(s.principalArn()).contains("assumed-role/AppGuest/CognitoIdentityCredentials");
    SessionGraph.ChainRoot root = g.rootOf("ASIACOGGUESTBASIC001");
    assertThat(root.identity()).as(root.toString()).contains(SUB_GUEST);
    assertThat(s.eventCount()).as("the session's four calls").isGreaterThanOrEqualTo(4);
  }

  /**
   * Q15. The enhanced-flow session (no STS record in the account's trail for it here): the graph must hold the
   * session as AppAuth's, and must not claim a complete chain rooted at someone the data does not show - if it names
   * a root, it is the Cognito identity (SUB_AUTH), never a user or the account. "The product must never guess."
   */
  @Test
  void enhancedFlowSessionIsTheRolesAndIsNotRootedAtAGuess() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session("ASIACOGAUTHENH00001").orElseThrow();
    assertThat(s.principalArn()).contains("assumed-role/AppAuth/CognitoIdentityCredentials");
    SessionGraph.ChainRoot root = g.rootOf("ASIACOGAUTHENH00001");
    if (root.complete()) {
      assertThat(root.identity()).as(root.toString()).contains(SUB_AUTH);
    } else {
      assertThat(root.identity() == null || !root.identity().contains(":user/")).as(root.toString()).isTrue();
    }
  }

  // ------------------------------------------------------------------ 6. Cognito's own calls and the guest scope-down

  /**
   * Q16. GetId and GetCredentialsForIdentity (the enhanced flow [FLOW]) are public Cognito calls that no IAM policy
   * decides. GetCredentialsForIdentity API Reference
   * (https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html): "Amazon Cognito
   * doesn't evaluate AWS Identity and Access Management (IAM) policies in requests for this API operation. For this
   * operation, you can't use IAM credentials to authorize requests, and you can't grant IAM permissions in policies."
   * (GetId's page says the same.) Their replay verdict must be not-deniable or no-decision - never "disagrees" or
   * undetermined on some policy.
   */
  @Test
  void cognitoIdentityPublicCallsAreNotDecidedByIam() throws Exception {
    java.util.Map<String, String> v = ExplainedEvents.eventVerdicts(caseDir);
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("cog-enh-getid", "cog-enh-creds")) {
      soft.assertThat(v.get(id)).as(id + " (all verdicts: " + v + ")").isIn("not-deniable", "no-decision");
    }
    soft.assertAll();
  }

  /**
   * Q17. An unauthenticated identity's enhanced-flow session of AppGuest (amr ["unauthenticated"] in its
   * webIdFederationData, no AssumeRoleWithWebIdentity in the trail issued its key) called s3:ListBuckets and S3 refused
   * it, although AppGuest allows s3:ListAllMyBuckets. AWS documents why [UNAUTH-SCOPE]: Cognito adds
   * AmazonCognitoUnAuthedIdentitiesSessionPolicy (no s3 action) "as a scoped down policy when creating credentials",
   * and enhanced-flow guest permissions are "the intersection of the role [...] and the privileges given in this
   * managed policy". So the refusal is explained by a session policy the case cannot see in the log: the replay must
   * not call it "disagrees" (it may say undetermined naming a session policy, or agree).
   */
  @Test
  void enhancedFlowGuestRefusalIsExplainedByCognitosScopeDownPolicy() throws Exception {
    JsonNode e = explain("cog-enh-guest-list");
    assertThat(e.path("verdict").asText()).as("AWS documents Cognito's scope-down session policy for enhanced-flow guest"
        + " credentials [UNAUTH-SCOPE]; the product said: " + ExplainedEvents.why(e)).isNotEqualTo("disagrees");
  }
}
