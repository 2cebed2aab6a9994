package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of what each kind of temporary credentials may do, and for how long: "could these credentials have made this
 * call at all, and were they still valid?". The records and IAM data of {@code src/test/resources/fixtures/stslimits}
 * (one account, 111122223333; written by its {@code make-fixtures.py}) are imported with the CLI and read back with
 * {@code explain --event ID --json}, {@code events --format json} and {@code findings --format json --no-save}. Nothing
 * under src/main is changed.
 *
 * <p>The case: IAM user dev (inline policy: iam:*, sts:*, s3:* on *); roles ChainA (trusts dev; sts:* and s3:*),
 * ChainB (trusts role ChainA and dev; s3:*) and Target (trusts the account root, i.e. delegates to the account's identity
 * policies; s3:*). dev's long-term key is AKIADEVEXAMPLE000001. dev made a GetSessionToken session without MFA
 * (ASIAGSTNOMFA00000001, 10:00-11:00), one with MFA (ASIAGSTMFA0000000001), a federated user "contractor" with a session
 * policy allowing "*" (ASIAFEDCONTRACTOR001, 10:01-12:01), and a ChainA session (ASIACHAINA0000000001, 10:20-11:20) from
 * which ChainB was assumed. The root user's key is AKIAROOTEXAMPLE00001.
 *
 * <p>Pages (AWS documentation) that fix the expected answers:
 *
 * <ul>
 *   <li>[GST] STS API Reference, GetSessionToken, "Permissions": "The temporary security credentials created by
 *       GetSessionToken can be used to make API calls to any AWS service with the following exceptions: You cannot call
 *       any IAM API operations unless MFA authentication information is included in the request. You cannot call any
 *       STS API except AssumeRole or GetCallerIdentity.":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html ; the same in the IAM User Guide,
 *       "Compare AWS STS credentials", column "Restrictions on resulting temporary credentials" of GetSessionToken:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html
 *   <li>[GFT] STS API Reference, GetFederationToken, "Permissions": "You can use the temporary credentials created by
 *       GetFederationToken in any AWS service with the following exceptions: You cannot call any IAM operations using
 *       the CLI or the Amazon Web Services API. This limitation does not apply to console sessions. You cannot call any STS operations
 *       except GetCallerIdentity.": https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html ;
 *       the same row of [CMP]. Intersection of the user's and the session policies: IAM User Guide, "Permissions for
 *       GetFederationToken": "the resulting session's permissions are the intersection of the user's identity-based
 *       policy and the session policies":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
 *   <li>[CMP] IAM User Guide, "Compare AWS STS credentials": AssumeRole, "Who can call": "IAM user or IAM role with
 *       existing temporary security credentials"; restrictions: "Cannot call GetFederationToken or GetSessionToken.":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html
 *   <li>[DUR] STS API Reference, AssumeRole, DurationSeconds: "If you specify a value higher than this setting or the
 *       administrator setting (whichever is lower), the operation fails." / "Role chaining limits your AWS CLI or AWS
 *       API role session to a maximum of one hour. ... if you assume a role using role chaining and provide a
 *       DurationSeconds parameter value greater than one hour, the operation fails.":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html ; IAM User Guide, "Roles terms and
 *       concepts", Role chaining: "Role chaining limits your AWS CLI or AWS API role session to a maximum of one
 *       hour": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining ; IAM API
 *       Reference, UpdateRole, MaxSessionDuration: "The MaxSessionDuration setting determines the maximum duration that
 *       can be requested using the DurationSeconds parameter":
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html . AWS support's knowledge-center page
 *       https://repost.aws/knowledge-center/iam-role-chaining-limit gives the refusal's message, "The requested
 *       DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining." (error code
 *       ValidationError, as the SDK's error shows).
 *   <li>[EXP] STS API Reference, Credentials data type, Expiration: "The date on which the current credentials
 *       expire.": https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html ; a request signed with
 *       expired credentials is refused before authorization with ExpiredToken / ExpiredTokenException, "The security
 *       token included in the request is expired" (the message AWS's SDKs and CLI print; the product itself lists the
 *       code among authentication failures, Explainer.notAuthenticated). No AWS page says what CloudTrail's record of a
 *       success after the expiration means: it is impossible, so a wrong clock, a forged or misattributed record.
 *   <li>[ROOT] [CMP]'s "Who can call" of AssumeRole names an IAM user or role, never the root user; STS answers a root
 *       user's AssumeRole with AccessDenied "Roles may not be assumed by root accounts." (the error AWS's CLI prints).
 *       The IAM User Guide, "Switch to an IAM role (AWS API)": "You can call AssumeRole only with IAM user or IAM role
 *       credentials. You cannot call AssumeRole with the credentials of the AWS account root user.": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element" (IAMUser with an ASIA key and
 *       sessionContext.attributes for GetSessionToken credentials; FederatedUser with sessionIssuer; Root):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 * </ul>
 *
 * <p>What the replay must say of a logged success that AWS documents as impossible for these credentials: the engine's
 * decision is not "Allowed" (AWS refuses it whatever the policies say) and the verdict is "disagrees" (CloudTrail's
 * record contradicts it: the record or the clock is wrong, or the key is not what the record says); never "agrees". Of a
 * logged refusal of such a call: not "disagrees". Of a call made after the issuing call's logged expiration: never
 * "agrees" without a word, and a finding names it.
 *
 * <p>Tests whose answer is wrong stay failing, with a message saying what AWS documents and what the product said.
 */
class StsLimitsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/stslimits");

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    var r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("1 user").contains("3 roles").contains("29 added");
  }

  static JsonNode explain(String id) throws Exception {
    return ExplainedEvents.only(caseDir, id);
  }

  static String msg(String aws, String expected, JsonNode e) {
    return "AWS documents: " + aws + "\n  expected " + expected + "\n  product said: " + ExplainedEvents.why(e);
  }

  /** Everything the explanation says, lower case. */
  static String said(JsonNode e) {
    return (e.path("explanation").asText() + " " + e.path("comparison").asText() + " " + e.path("gaps") + " "
        + e.path("missing")).toLowerCase(Locale.ROOT);
  }

  static final Set<String> REFUSED = Set.of("ImplicitDeny", "ExplicitDeny");

  /** A logged success AWS documents as impossible: the decision is a refusal and the verdict "disagrees". */
  static void impossibleSuccess(String id, String aws) throws Exception {
    JsonNode e = explain(id);
    String m = msg(aws, "a refusal (ImplicitDeny/ExplicitDeny) / disagrees", e);
    assertThat(e.path("decision").asText()).as(m).isIn(REFUSED);
    assertThat(e.path("verdict").asText()).as(m).isEqualTo("disagrees");
  }

  static void expect(String id, String decision, String verdict, String aws) throws Exception {
    JsonNode e = explain(id);
    assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText()).as(msg(aws, decision + " / " + verdict, e))
        .isEqualTo(decision + " / " + verdict);
  }

  /** The call-level verdict of an event as {@code events --filter verdict:…} lists it. */
  static String verdictOf(String id) throws Exception {
    return ExplainedEvents.eventVerdicts(caseDir).get(id);
  }

  static final String GST = "GetSessionToken credentials: \"You cannot call any IAM API operations unless MFA authentication"
      + " information is included in the request. You cannot call any STS API except AssumeRole or GetCallerIdentity.\""
      + " (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html)";
  static final String GFT = "GetFederationToken credentials: \"You cannot call any IAM operations using the CLI or the Amazon Web"
      + " Services API ... You cannot call any STS operations except GetCallerIdentity.\""
      + " (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html)";
  static final String CHAIN = "\"if you assume a role using role chaining and provide a DurationSeconds parameter value greater"
      + " than one hour, the operation fails\" (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)";
  static final String MAX = "\"If you specify a value higher than this setting [the role's maximum session duration] ..., the"
      + " operation fails\" (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, DurationSeconds)";
  static final String EXP = "Credentials.Expiration: \"The date on which the current credentials expire\""
      + " (https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html); a call signed with expired credentials"
      + " is refused with ExpiredToken";
  static final String ROOT = "AssumeRole \"Who can call: IAM user or IAM role with existing temporary security credentials\""
      + " (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html); \"You cannot call AssumeRole"
      + " with the credentials of the AWS account root user\" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html)";

  // ------------------------------------------------------------------ 1. GetSessionToken credentials

  /**
   * Q1. dev's GetSessionToken session without MFA (sessionContext.attributes.mfaAuthenticated false) listed the account's
   * users and CloudTrail logged a success. dev's policy allows iam:*, but [GST]: without MFA these credentials cannot
   * call any IAM operation. The logged success is impossible: the replay must not say Allowed / agrees.
   */
  @Test
  void q01_sessionTokenWithoutMfaCannotCallIam_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("gst-nomfa-iam-success", GST);
  }

  /**
   * Q2. The same session's CreateUser refused with InvalidClientTokenId (what IAM answers such credentials): the replay
   * must not report a disagreement (a refusal is what AWS documents); the product treats the code as an authentication
   * failure: no decision.
   */
  @Test
  void q02_sessionTokenWithoutMfaRefusedByIamIsNoDisagreement() throws Exception {
    JsonNode e = explain("gst-nomfa-iam-refused");
    assertThat(e.path("verdict").asText()).as(msg(GST, "not disagrees", e)).isIn("agrees", "no decision", "no-decision");
  }

  /** Q3. The MFA session (mfaAuthenticated true) lists users: [GST] allows IAM with MFA, dev's policy allows: agrees. */
  @Test
  void q03_sessionTokenWithMfaMayCallIam() throws Exception {
    expect("gst-mfa-iam-success", "Allowed", "agrees", GST);
  }

  /** Q4. The no-MFA session assumed ChainB (trust names dev): [GST] lets these credentials call AssumeRole: agrees. */
  @Test
  void q04_sessionTokenMayAssumeARole() throws Exception {
    expect("gst-nomfa-assumerole", "Allowed", "agrees", GST);
  }

  /** Q5. The no-MFA session called GetFederationToken, logged a success: [GST] no STS call but AssumeRole/GetCallerIdentity. */
  @Test
  void q05_sessionTokenCannotCallGetFederationToken_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("gst-nomfa-getfederationtoken", GST);
  }

  /**
   * Q6. The no-MFA session called GetSessionToken again, logged a success: [GST], and "The GetSessionToken operation must
   * be called by using the long-term AWS security credentials of an IAM user" (same page). Impossible: disagrees.
   */
  @Test
  void q06_sessionTokenCannotCallGetSessionToken_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("gst-nomfa-getsessiontoken", GST);
  }

  /** Q7. GetCallerIdentity from the session: [GST] allows it, and no policy can deny it: not deniable. */
  @Test
  void q07_sessionTokenGetCallerIdentityIsNotDeniable() throws Exception {
    JsonNode e = explain("gst-nomfa-getcalleridentity");
    assertThat(e.path("verdict").asText()).as(msg(GST, "not deniable", e)).isIn("not deniable", "not-deniable");
  }

  // ------------------------------------------------------------------ 2. GetFederationToken credentials

  /** Q8. federated-user/contractor (session policy "*", dev allows iam:*) listed users, logged a success: [GFT] impossible. */
  @Test
  void q08_federatedUserCannotCallIam_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("fed-iam-success", GFT);
  }

  /**
   * Q9. The federated user's CreateUser refused (AccessDenied): [GFT] says AWS refuses it whatever the policies allow, so
   * the replay must agree with the refusal, not report that the case's policies would have allowed it (disagrees).
   */
  @Test
  void q09_federatedUserIamRefusalAgrees() throws Exception {
    JsonNode e = explain("fed-iam-refused");
    String m = msg(GFT, "a refusal / agrees", e);
    assertThat(e.path("decision").asText()).as(m).isIn(REFUSED);
    assertThat(e.path("verdict").asText()).as(m).isEqualTo("agrees");
  }

  /** Q10. The federated user assumed ChainB (trust names dev), logged a success: [GFT] no STS call but GetCallerIdentity. */
  @Test
  void q10_federatedUserCannotAssumeARole_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("fed-assumerole-success", GFT);
  }

  /** Q11. The federated user's GetCallerIdentity: the one STS call [GFT] allows, and no policy can deny it. */
  @Test
  void q11_federatedUserGetCallerIdentityIsNotDeniable() throws Exception {
    JsonNode e = explain("fed-getcalleridentity");
    assertThat(e.path("verdict").asText()).as(msg(GFT, "not deniable", e)).isIn("not deniable", "not-deniable");
  }

  /**
   * Q12. The federated user's s3:ListAllMyBuckets: dev's policy allows s3:* and the session policy "*": the intersection
   * allows it ([GFT], "Permissions for GetFederationToken"): Allowed / agrees.
   */
  @Test
  void q12_federatedUserOtherServiceIsTheIntersection() throws Exception {
    expect("fed-s3-before-expiry", "Allowed", "agrees", GFT);
  }

  // ------------------------------------------------------------------ 3. role chaining and session durations

  /**
   * Q13. The ChainA session (a role session) assumed ChainB with DurationSeconds 7200 and CloudTrail logged a success
   * (expiration two hours later). [DUR]: with role chaining a DurationSeconds above one hour makes the operation fail.
   * The logged success is impossible: never agrees.
   */
  @Test
  void q13_chainedAssumeRoleAboveOneHour_loggedSuccessDoesNotAgree() throws Exception {
    JsonNode e = explain("chain-b-7200-success");
    assertThat(e.path("verdict").asText()).as(msg(CHAIN, "disagrees (not agrees)", e)).isEqualTo("disagrees");
  }

  /**
   * Q14. The same request refused with ValidationError "The requested DurationSeconds exceeds the 1 hour session limit for
   * roles assumed by role chaining." [DUR]. CloudTrail recorded a failure (errorCode): the replay must not say that
   * CloudTrail recorded it as allowed, and must not report a disagreement with the policies.
   */
  @Test
  void q14_chainedAssumeRoleRefusedForItsDurationIsNotReadAsAllowed() throws Exception {
    JsonNode e = explain("chain-b-7200-refused");
    String m = msg(CHAIN, "recorded not Allowed, verdict not disagrees", e);
    assertThat(e.path("recorded").asText()).as(m).isNotEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(m).isNotEqualTo("disagrees");
  }

  /** Q15. The chained assumption with DurationSeconds 3600 (allowed by [DUR]): Allowed / agrees. */
  @Test
  void q15_chainedAssumeRoleOfOneHourAgrees() throws Exception {
    expect("chain-b-3600", "Allowed", "agrees", CHAIN);
  }

  /**
   * Q16. The ChainB session issued by that chained AssumeRole (10:25) made a call at 11:45, 80 minutes later. A chained
   * session lasts at most one hour [DUR], so these credentials had expired by 11:25 whatever the record's expiration
   * says: the logged success is impossible: never agrees.
   */
  @Test
  void q16_chainedSessionUsedAfterOneHourDoesNotAgree() throws Exception {
    JsonNode e = explain("chain-b-long-s3-after-1h");
    assertThat(e.path("verdict").asText()).as(msg(CHAIN, "not agrees (a chained session lives at most one hour)", e))
        .isNotEqualTo("agrees");
  }

  /**
   * Q17. UpdateRole set Target's MaxSessionDuration to 3600 at 09:00 (the trail holds it); at 10:30 dev assumed Target with
   * DurationSeconds 7200 and CloudTrail logged a success. [DUR]: a DurationSeconds above the role's maximum session
   * duration makes the operation fail. With the setting in the case, the logged success is impossible: never agrees.
   */
  @Test
  void q17_assumeRoleAboveTheRolesMaxSessionDuration_loggedSuccessDoesNotAgree() throws Exception {
    JsonNode e = explain("dev-target-7200-success");
    assertThat(e.path("verdict").asText()).as(msg(MAX, "disagrees (not agrees)", e)).isEqualTo("disagrees");
  }

  /**
   * Q25. The ChainA role session called GetSessionToken and CloudTrail logged a success. ChainA's policy allows sts:*, but
   * [CMP] (AssumeRole's restrictions: "Cannot call GetFederationToken or GetSessionToken") and [GST] ("The GetSessionToken
   * operation must be called by using the long-term AWS security credentials of an IAM user") make it impossible: a
   * refusal / disagrees.
   */
  @Test
  void q25_roleSessionCannotCallGetSessionToken_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("chain-a-getsessiontoken", "AssumeRole credentials: \"Cannot call GetFederationToken or GetSessionToken\""
        + " (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html)");
  }

  // ------------------------------------------------------------------ 4. credentials used after their expiration

  /** Q18. ChainA's credentials (expiration 11:20, as AssumeRole's response logged it) used at 10:40: valid, agrees. */
  @Test
  void q18_sessionUsedBeforeItsExpirationAgrees() throws Exception {
    expect("chain-a-s3-before-expiry", "Allowed", "agrees", EXP);
  }

  /**
   * Q19. The same credentials used at 11:50, 30 minutes after the logged expiration, and CloudTrail logged a success.
   * [EXP]: expired credentials are refused (ExpiredToken). The replay must not agree without a word: verdict not
   * "agrees", and the explanation says the credentials had expired.
   */
  @Test
  void q19_sessionUsedAfterItsExpirationIsNotAnAgreement() throws Exception {
    JsonNode e = explain("chain-a-s3-after-expiry");
    String m = msg(EXP, "not agrees, naming the expiration 11:20", e);
    assertThat(e.path("verdict").asText()).as(m).isNotEqualTo("agrees");
    assertThat(said(e)).as(m).contains("expir");
  }

  /** Q20. The same for the GetSessionToken credentials (expiration 11:00) used at 12:00. */
  @Test
  void q20_sessionTokenUsedAfterItsExpirationIsNotAnAgreement() throws Exception {
    JsonNode e = explain("gst-nomfa-s3-after-expiry");
    String m = msg(EXP, "not agrees, naming the expiration 11:00", e);
    assertThat(e.path("verdict").asText()).as(m).isNotEqualTo("agrees");
    assertThat(said(e)).as(m).contains("expir");
  }

  /** Q21. At 11:51 the same ChainA credentials were refused with ExpiredToken: authentication failure, no decision. */
  @Test
  void q21_expiredTokenRefusalIsAnAuthenticationFailure() throws Exception {
    JsonNode e = explain("chain-a-s3-expired-refused");
    assertThat(e.path("recorded").asText()).as(msg(EXP, "Not authenticated", e)).isEqualTo("Not authenticated");
    assertThat(verdictOf("chain-a-s3-expired-refused")).as(msg(EXP, "no-decision", e)).isEqualTo("no-decision");
  }

  /**
   * Q22. Findings: the two successes logged after their credentials' expiration (chain-a-s3-after-expiry,
   * gst-nomfa-s3-after-expiry) are impossible per [EXP] (a wrong clock, a forged or misattributed record): a finding must
   * name them; the ExpiredToken refusal and the call before the expiration must not be named as such.
   */
  @Test
  void q22_successesAfterExpirationRaiseAFinding() throws Exception {
    List<JsonNode> findings = ExplainedEvents.findings(caseDir);
    List<String> named = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (JsonNode f : findings) {
      all.append("\n  ").append(f.path("rule").asText()).append(": ").append(f.path("title").asText()).append(" ")
          .append(f.path("eventIds"));
      String text = (f.path("rule").asText() + " " + f.path("title").asText() + " " + f.path("summary").asText())
          .toLowerCase(Locale.ROOT);
      if (text.contains("expir")) {
        f.path("eventIds").forEach(id -> named.add(id.asText()));
      }
    }
    assertThat(named).as("AWS documents: " + EXP + "\n  expected a finding about use after expiration naming"
        + " chain-a-s3-after-expiry and gst-nomfa-s3-after-expiry\n  product's findings:" + all)
        .contains("chain-a-s3-after-expiry", "gst-nomfa-s3-after-expiry").doesNotContain("chain-a-s3-before-expiry");
  }

  // ------------------------------------------------------------------ 5. the root user

  /**
   * Q23. The root user (userIdentity Root, its own AKIA key) assumed Target, whose trust names the account root, and
   * CloudTrail logged a success. [ROOT]: the root user cannot call AssumeRole. The logged success is contradictory:
   * a refusal / disagrees, never Allowed / agrees.
   */
  @Test
  void q23_rootCannotAssumeARole_loggedSuccessDisagrees() throws Exception {
    impossibleSuccess("root-assume-success", ROOT);
  }

  /**
   * Q24. The root user's AssumeRole refused with AccessDenied "Roles may not be assumed by root accounts." [ROOT]: the
   * replay must agree with the refusal, not report that the case's policies would have allowed it.
   */
  @Test
  void q24_rootAssumeRoleRefusalAgrees() throws Exception {
    JsonNode e = explain("root-assume-refused");
    String m = msg(ROOT, "a refusal / agrees", e);
    assertThat(e.path("decision").asText()).as(m).isIn(REFUSED);
    assertThat(e.path("verdict").asText()).as(m).isEqualTo("agrees");
  }
  /**
   * Session 19 (the lead's case on top of the audit): the findings that list these impossible records say what AWS would
   * not have done and why, not that "a policy may have changed" (no policy change can let these credentials make the call).
   */
  @Test
  void impossibleRecordsAreListedWithTheirReasonNotAsAPolicyGap() throws Exception {
    List<JsonNode> unexplained = ExplainedEvents.findings(caseDir).stream()
        .filter(f -> f.path("rule").asText().equals("outcome-not-explained-by-policies")).toList();
    JsonNode rootAssume = unexplained.stream().filter(f -> f.path("summary").asText().contains("sts:AssumeRole call by arn:aws:iam::111122223333:root"))
        .findFirst().orElseThrow();
    assertThat(rootAssume.path("summary").asText()).contains("which AWS would not have done whatever the policies say")
        .contains("the root user cannot call AssumeRole").doesNotContain("a policy may have changed");
  }
}
