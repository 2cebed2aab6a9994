package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of role assumption with session tags, source identity, role session names and role chaining: "why was this
 * AssumeRole (or the session's later calls) allowed or denied?". The records and IAM data of
 * {@code src/test/resources/fixtures/ststags} (written by its {@code make-fixtures.py}) are imported with the CLI and
 * read back with {@code explain --event ID --json}; sessions through the session graph.
 *
 * <p>Account 111122223333 holds users alice (IAM tag team=blue) and bob (team=red), both allowed by their own policy
 * to call sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity on every role of the account, so that only the
 * role's trust policy differs between cases. Account 444455556666 holds carol (may assume role XAcct) and dave (may
 * not). The cases do not repeat FederationAuditTest, SessionPolicyAuditTest (Q22-Q24: session tag overriding a role
 * tag, transitive tag reaching a chained session), AbacAuditTest or ResourcePolicyAuditTest (sts:ExternalId).
 *
 * <p>What AWS documents:
 *
 * <ul>
 *   <li>[TAGS] IAM User Guide, "Pass session tags in AWS STS", section "Permissions required to add session tags":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required —
 *       to pass session tags "the role trust policy must ... allow the sts:TagSession action" (in addition to the
 *       action that matches the API operation); the principal's tags come from "Session tags – The tags passed when
 *       you assume the role", "Incoming transitive session tags – The tags inherited from a previous session in a
 *       role chain" and "IAM tags – The tags attached to your IAM assumed role".
 *   <li>[TRANSITIVE] STS API Reference, AssumeRole, TransitiveTagKeys: "If you set a tag key as transitive, the
 *       corresponding key and value passes to subsequent sessions in a role chain." / "If you choose not to specify a
 *       transitive tag key, then no tags are passed from this session to any subsequent sessions."
 *       (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, as repeated in the SDK reference
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/transitive-tag-keys.html)
 *   <li>[KEYS] IAM User Guide, "IAM and AWS STS condition context keys" (aws:RequestTag, aws:TagKeys,
 *       sts:TransitiveTagKeys, sts:RoleSessionName, sts:SourceIdentity are the request's values in the request
 *       context): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html; the
 *       AssumeRole RoleSessionName parameter: "Your administrator might require that you specify your user name as the
 *       session name when you assume the role. For more information, see sts:RoleSessionName."
 *       (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/role-session-name.html)
 *   <li>[SRCID] IAM User Guide, "Monitor and control actions taken with assumed roles":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html — "After a
 *       source identity is set, it is present in requests for any AWS action taken during the role session. The value
 *       that is set persists when a role is used to assume another role through the AWS CLI or AWS API, known as role
 *       chaining. The value that is set cannot be changed during the role session."; section "Permissions required to
 *       set source identity" (sts:SetSourceIdentity). STS API Reference, AssumeRole response SourceIdentity: "You can
 *       require users to specify a source identity when they assume a role. You do this by using the
 *       sts:SourceIdentity condition key in a role trust policy."
 *   <li>[XACCT] IAM User Guide, "Cross-account policy evaluation logic":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html — "The
 *       principal's identity-based policy must allow the requested access to the resource in the trusting service."
 *   <li>[TAGS-FED] The same page, "Things to know about session tags": "When you use session tags, the trust policies
 *       for all roles connected to the identity provider (IdP) passing tags must have the sts:TagSession permission."
 *       (the translated page https://docs.aws.amazon.com/zh_cn/IAM/latest/UserGuide/id_session-tags.html carries the
 *       same sentence); AssumeRoleWithSAML passes tags as "PrincipalTag SAML attribute" (table "Session tagging
 *       operations"). Record shape: the AssumeRoleWithSAML record carries them as requestParameters.principalTags
 *       {key: value}, as in the real record published in "Use AWS SSO as ABAC IAM for granular secure access" (no AWS
 *       page shows a tagged AssumeRoleWithSAML record).
 *   <li>[CT-STS] IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail", the AssumeRole examples
 *       (requestParameters tags [{key, value}], transitiveTagKeys, incomingTransitiveTags, sourceIdentity):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#stscloudtrailexample-assumerole
 * </ul>
 *
 * Tests whose answer is wrong stay failing, with a message saying what AWS documents and what the product said.
 */
class StsTagsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/ststags");

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam.json").toString(), FIXTURES.resolve("iam-444455556666.json").toString(),
        FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("15 roles").contains("36 added");
  }

  /** The explain --json object of one action of the event. */
  static JsonNode action(String eventId, String action) throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, eventId);
    return all.stream().filter(e -> e.path("request").path("action").asText().equalsIgnoreCase(action)).findFirst()
        .orElseThrow(() -> new AssertionError(eventId + ": no " + action + " among " + all.stream()
            .map(e -> e.path("request").path("action").asText()).toList()));
  }

  static String msg(String aws, String expected, JsonNode e) {
    return "AWS documents: " + aws + "\n  expected " + expected + "\n  product said: " + ExplainedEvents.why(e);
  }

  static void expect(SoftAssertions soft, JsonNode e, String decision, String verdict, String aws) {
    soft.assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText())
        .as(msg(aws, decision + " / " + verdict, e)).isEqualTo(decision + " / " + verdict);
  }

  static void expect(JsonNode e, String decision, String verdict, String aws) {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, decision, verdict, aws);
    soft.assertAll();
  }

  /** The outcomes of the trace's conditions on {@code key}. */
  static List<String> outcomesOn(JsonNode e, String key) {
    return ExplainedEvents.conditionsOn(e.path("trace"), key).stream().map(c -> c.path("outcome").asText()).toList();
  }

  // ------------------------------------------------------------------ 1. sts:TagSession in the trust policy

  /**
   * Q1. alice assumed TagTrust passing the session tag project=alpha (transitive); TagTrust's trust allows
   * sts:AssumeRole and sts:TagSession for alice. Both actions are allowed and agree with the record; sts:TagSession is
   * decided with the trust policy in the evaluation [TAGS].
   */
  @Test
  void taggedAssumptionAllowedByATrustThatAllowsTagSessionAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-tag-ok", "sts:AssumeRole"), "Allowed", "agrees", "trust allows sts:AssumeRole for alice");
    JsonNode tag = action("st-tag-ok", "sts:TagSession");
    expect(soft, tag, "Allowed", "agrees", "trust allows sts:TagSession for alice [TAGS]");
    soft.assertAll();
  }

  /**
   * Q2. alice assumed NoTagTrust passing a session tag; NoTagTrust's trust allows sts:AssumeRole only, so AWS refuses
   * ("the role trust policy must ... allow the sts:TagSession action" [TAGS]) and CloudTrail logged AccessDenied naming
   * sts:TagSession. The replay must find sts:TagSession implicitly denied by the trust policy, agreeing with the
   * refusal; not "Allowed by alice's own policy" and not "disagrees" (the log shows the tags were passed).
   */
  @Test
  void trustWithoutTagSessionRefusesATaggedAssumption() throws Exception {
    expect(action("st-notag-denied", "sts:TagSession"), "ImplicitDeny", "agrees",
        "a trust policy that does not allow sts:TagSession refuses an AssumeRole passing tags [TAGS]");
  }

  /**
   * Q3. The same tagged assumption of NoTagTrust logged as a success: the record and the trust policy in the case
   * cannot both be true, so the replay must say the trust refuses sts:TagSession and disagree (never "agrees").
   */
  @Test
  void taggedAssumptionLoggedAsSuccessAgainstATrustWithoutTagSessionDisagrees() throws Exception {
    expect(action("st-notag-success", "sts:TagSession"), "ImplicitDeny", "disagrees",
        "a trust policy that does not allow sts:TagSession refuses an AssumeRole passing tags [TAGS]; the log says it succeeded");
  }

  /** Q4. Without tags, NoTagTrust's trust (sts:AssumeRole only) suffices: one action, Allowed, agrees. */
  @Test
  void untaggedAssumptionNeedsNoTagSession() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "st-notag-plain");
    assertThat(all).extracting(e -> e.path("request").path("action").asText()).containsExactly("sts:AssumeRole");
    expect(all.get(0), "Allowed", "agrees", "no session tags, no sts:TagSession needed [TAGS]");
  }

  // ------------------------------------------------------------------ 2. aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys

  /**
   * Q5. ReqTagTrust allows sts:TagSession only with StringEquals aws:RequestTag/project = alpha and ForAllValues
   * aws:TagKeys = [project]. alice passed project=alpha (requestParameters.tags [CT-STS]) and AWS allowed it: the
   * trust's condition on aws:RequestTag/project must be what allowed sts:TagSession (Match), with the logged tag.
   */
  @Test
  void requestTagConditionInTheTrustAllowsTheLoggedTag() throws Exception {
    JsonNode e = action("st-reqtag-alpha", "sts:TagSession");
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, "Allowed", "agrees", "the trust's aws:RequestTag/project = alpha condition holds for the logged tag");
    soft.assertThat(outcomesOn(e, "aws:RequestTag/project")).as(msg("sts:TagSession is allowed by the trust policy's"
        + " condition on aws:RequestTag/project [TAGS], [KEYS]", "a Match on aws:RequestTag/project", e)).contains("Match");
    soft.assertAll();
  }

  /**
   * Q6. The same trust, alice passed project=beta: AWS refused (AccessDenied). The replay must agree because the
   * trust's aws:RequestTag/project condition does not match the logged tag.
   */
  @Test
  void requestTagConditionInTheTrustRefusesAnotherValue() throws Exception {
    JsonNode e = action("st-reqtag-beta", "sts:TagSession");
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, "ImplicitDeny", "agrees", "aws:RequestTag/project = beta does not match the trust's alpha [TAGS], [KEYS]");
    soft.assertThat(outcomesOn(e, "aws:RequestTag/project")).as(msg("refused on aws:RequestTag/project",
        "a NoMatch on aws:RequestTag/project", e)).contains("NoMatch");
    soft.assertAll();
  }

  /**
   * Q7. The same trust, alice passed project=alpha and cost-center=42: ForAllValues:StringEquals aws:TagKeys [project]
   * fails for cost-center, AWS refused. The replay must agree, on aws:TagKeys.
   */
  @Test
  void tagKeysConditionInTheTrustRefusesAnExtraTagKey() throws Exception {
    JsonNode e = action("st-reqtag-extra", "sts:TagSession");
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, "ImplicitDeny", "agrees", "ForAllValues:StringEquals aws:TagKeys [project] fails for cost-center [KEYS]");
    soft.assertThat(outcomesOn(e, "aws:TagKeys")).as(msg("refused on aws:TagKeys", "a NoMatch on aws:TagKeys", e))
        .contains("NoMatch");
    soft.assertAll();
  }

  /**
   * Q8. TransTrust allows sts:TagSession only with ForAllValues:StringEquals sts:TransitiveTagKeys [project]. alice
   * passed tags project and team with transitiveTagKeys [project]: allowed, on sts:TransitiveTagKeys (Match).
   */
  @Test
  void transitiveTagKeysConditionAllowsTheLoggedKeys() throws Exception {
    JsonNode e = action("st-trans-ok", "sts:TagSession");
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, "Allowed", "agrees", "transitiveTagKeys [project] is within the trust's [project] [KEYS]");
    soft.assertThat(outcomesOn(e, "sts:TransitiveTagKeys")).as(msg("allowed on sts:TransitiveTagKeys",
        "a Match on sts:TransitiveTagKeys", e)).contains("Match");
    soft.assertAll();
  }

  /** Q9. The same trust, transitiveTagKeys [team]: refused by AWS; the replay must agree, on sts:TransitiveTagKeys. */
  @Test
  void transitiveTagKeysConditionRefusesAnotherKey() throws Exception {
    JsonNode e = action("st-trans-bad", "sts:TagSession");
    SoftAssertions soft = new SoftAssertions();
    expect(soft, e, "ImplicitDeny", "agrees", "transitiveTagKeys [team] is not within the trust's [project] [KEYS]");
    soft.assertThat(outcomesOn(e, "sts:TransitiveTagKeys")).as(msg("refused on sts:TransitiveTagKeys",
        "a NoMatch on sts:TransitiveTagKeys", e)).contains("NoMatch");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 3. aws:PrincipalTag of the caller

  /**
   * Q10. PTagTrust trusts the account with StringEquals aws:PrincipalTag/team = blue. The caller's principal tags are
   * its IAM tags ([TAGS], "IAM tags"): alice (team=blue) is allowed, agrees, on the condition (Match); bob (team=red)
   * is refused, agrees; bob's assumption logged as a success disagrees.
   */
  @Test
  void callersPrincipalTagDecidesTheTrust() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode alice = action("st-ptag-alice", "sts:AssumeRole");
    expect(soft, alice, "Allowed", "agrees", "alice's IAM tag team=blue is her aws:PrincipalTag/team");
    soft.assertThat(outcomesOn(alice, "aws:PrincipalTag/team")).as(ExplainedEvents.why(alice)).contains("Match");
    expect(soft, action("st-ptag-bob", "sts:AssumeRole"), "ImplicitDeny", "agrees", "bob's aws:PrincipalTag/team is red");
    expect(soft, action("st-ptag-bob-success", "sts:AssumeRole"), "ImplicitDeny", "disagrees",
        "bob's aws:PrincipalTag/team is red; the log says the assumption succeeded");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 4. source identity

  /** Q11. SrcIdTrust allows sts:AssumeRole and sts:SetSourceIdentity for alice; she set sourceIdentity alice: agrees. */
  @Test
  void sourceIdentityAllowedByTheTrustAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-srcid-ok", "sts:AssumeRole"), "Allowed", "agrees", "trust allows sts:AssumeRole");
    expect(soft, action("st-srcid-ok", "sts:SetSourceIdentity"), "Allowed", "agrees", "trust allows sts:SetSourceIdentity [SRCID]");
    soft.assertAll();
  }

  /**
   * Q12. NoSrcIdTrust allows sts:AssumeRole only; alice passed sourceIdentity and AWS refused, naming
   * sts:SetSourceIdentity. Setting a source identity needs sts:SetSourceIdentity in the trust policy ([SRCID],
   * "Permissions required to set source identity"): ImplicitDeny, agrees.
   */
  @Test
  void trustWithoutSetSourceIdentityRefusesASourceIdentity() throws Exception {
    expect(action("st-srcid-denied", "sts:SetSourceIdentity"), "ImplicitDeny", "agrees",
        "the trust policy must allow sts:SetSourceIdentity for a request that sets a source identity [SRCID]");
  }

  /**
   * Q13. SrcIdValueTrust allows sts:SetSourceIdentity only with StringEquals sts:SourceIdentity = ${aws:username}
   * ("You can require users to specify a source identity ... by using the sts:SourceIdentity condition key in a role
   * trust policy" [SRCID]). alice setting "alice" is allowed (agrees); alice setting "admin" is refused: ImplicitDeny,
   * agrees, on sts:SourceIdentity.
   */
  @Test
  void sourceIdentityConditionInTheTrustDecidesTheValue() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-srcidval-ok", "sts:SetSourceIdentity"), "Allowed", "agrees", "sts:SourceIdentity alice = ${aws:username}");
    JsonNode bad = action("st-srcidval-bad", "sts:SetSourceIdentity");
    expect(soft, bad, "ImplicitDeny", "agrees", "sts:SourceIdentity admin is not ${aws:username} (alice) [SRCID]");
    soft.assertThat(outcomesOn(bad, "sts:SourceIdentity")).as(msg("refused on sts:SourceIdentity",
        "a NoMatch on sts:SourceIdentity", bad)).contains("NoMatch");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 5. sts:RoleSessionName

  /**
   * Q14. SessName trusts the account with StringEquals sts:RoleSessionName = ${aws:username} [KEYS]: alice naming her
   * session "alice" is allowed (agrees, on the condition); naming it "deploy" is refused (agrees); the "deploy"
   * assumption logged as a success disagrees.
   */
  @Test
  void roleSessionNameMustBeTheUserName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = action("st-sessname-ok", "sts:AssumeRole");
    expect(soft, ok, "Allowed", "agrees", "sts:RoleSessionName alice = ${aws:username}");
    soft.assertThat(outcomesOn(ok, "sts:RoleSessionName")).as(ExplainedEvents.why(ok)).contains("Match");
    expect(soft, action("st-sessname-bad", "sts:AssumeRole"), "ImplicitDeny", "agrees", "sts:RoleSessionName deploy is not alice");
    expect(soft, action("st-sessname-bad-success", "sts:AssumeRole"), "ImplicitDeny", "disagrees",
        "sts:RoleSessionName deploy is not alice; the log says it succeeded");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 6. role chaining

  /**
   * Q15. A TagTrust session that received project=alpha as a session tag, not transitive, reads proj-bucket under
   * "aws:PrincipalTag/project = alpha": its own session tags are its principal tags [TAGS] whether transitive or not:
   * Allowed, agrees.
   */
  @Test
  void nonTransitiveSessionTagStillAppliesToItsOwnSession() throws Exception {
    expect(action("st-nontrans-own-get", "s3:GetObject"), "Allowed", "agrees",
        "session tags are the session's aws:PrincipalTag [TAGS]");
  }

  /**
   * Q16. That session assumed ChainNext (the chained record carries no incomingTransitiveTags), and ChainNext's session
   * read proj-bucket under the same condition: "If you choose not to specify a transitive tag key, then no tags are
   * passed from this session to any subsequent sessions" [TRANSITIVE]; ChainNext has no IAM tag project. The issuing
   * calls are in the case, so the tag is known absent: ImplicitDeny, agrees (not undetermined). The chained assumption
   * itself is allowed by ChainNext's trust naming role TagTrust and TagTrust's own policy: agrees.
   */
  @Test
  void nonTransitiveSessionTagDoesNotReachTheChainedSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-chain-nontrans", "sts:AssumeRole"), "Allowed", "agrees", "ChainNext trusts role TagTrust");
    expect(soft, action("st-chain-nontrans-get", "s3:GetObject"), "ImplicitDeny", "agrees",
        "a non-transitive session tag does not pass to the next session [TRANSITIVE]");
    soft.assertAll();
  }

  /**
   * Q17. A NoTagTrust session (its role's policies allow no sts action) assumed ChainViaAccount, whose trust names the
   * account (arn:aws:iam::111122223333:root): the trust delegates to the caller's identity policies, here the session's
   * role policies, which do not allow sts:AssumeRole. Refused: ImplicitDeny, agrees; the same call logged as a success
   * disagrees.
   */
  @Test
  void chainedAssumptionIsDecidedOnTheCallingRolesPolicies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-chain-noperm", "sts:AssumeRole"), "ImplicitDeny", "agrees",
        "the calling session's role policies must allow sts:AssumeRole when the trust names the account");
    expect(soft, action("st-chain-noperm-success", "sts:AssumeRole"), "ImplicitDeny", "disagrees",
        "the calling session's role policies do not allow sts:AssumeRole; the log says it succeeded");
    soft.assertAll();
  }

  /**
   * Q18. The SrcIdTrust session (source identity alice) assumed ChainSrc without naming a source identity: "The value
   * that is set persists when a role is used to assume another role ... known as role chaining" [SRCID]. The ChainSrc
   * session must carry source identity alice in the session graph.
   */
  @Test
  void sourceIdentityPersistsIntoTheChainedSession() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session("ASIACHAINSRCPERSIST1").orElseThrow();
    assertThat(s.sourceIdentity()).as("AWS documents: the source identity persists across role chaining [SRCID];"
        + " product's session " + s.principalArn() + " chain " + g.chain("ASIACHAINSRCPERSIST1").stream()
        .map(Session::accessKeyId).toList()).isEqualTo("alice");
  }

  /**
   * Q19. The SrcIdTrust session (source identity alice) assumed ChainSrc asking for source identity "mallory"; AWS
   * refused (AccessDenied). "The value that is set cannot be changed during the role session" [SRCID], so the
   * replay must never say sts:SetSourceIdentity was allowed, nor disagree with the refusal, though ChainSrc's trust and
   * SrcIdTrust's policy both allow sts:SetSourceIdentity.
   */
  @Test
  void sourceIdentityCannotBeChangedInAChain() throws Exception {
    JsonNode e = action("st-srcid-chain-change", "sts:SetSourceIdentity");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as(msg("a set source identity cannot be changed [SRCID]",
        "not Allowed", e)).isNotEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(msg("a set source identity cannot be changed [SRCID]",
        "not disagrees", e)).isNotEqualTo("disagrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 7. cross-account

  /**
   * Q20. XAcct (account 111122223333) trusts account 444455556666. Cross-account, the caller's identity policy must
   * also allow [XACCT]: carol (allowed by her policy) is Allowed, agrees; dave (his policy allows only
   * s3:ListAllMyBuckets) is refused, ImplicitDeny, agrees; dave's assumption logged as a success disagrees.
   */
  @Test
  void crossAccountAssumptionNeedsTheCallersOwnPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, action("st-xacct-carol", "sts:AssumeRole"), "Allowed", "agrees", "trust and carol's policy both allow [XACCT]");
    expect(soft, action("st-xacct-dave", "sts:AssumeRole"), "ImplicitDeny", "agrees", "dave's identity policy does not allow [XACCT]");
    expect(soft, action("st-xacct-dave-success", "sts:AssumeRole"), "ImplicitDeny", "disagrees",
        "dave's identity policy does not allow [XACCT]; the log says it succeeded");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 8. AssumeRoleWithSAML passing session tags

  /**
   * Q21. An Okta SAML assertion carrying the PrincipalTag attribute project=alpha assumed SamlTagTrust (the record's
   * requestParameters.principalTags [TAGS-FED]); the trust allows sts:AssumeRoleWithSAML and sts:TagSession from the
   * provider. Passing session tags requires sts:TagSession in the trust [TAGS-FED], so the replay must evaluate
   * sts:TagSession for this call too, and find it Allowed, agrees.
   */
  @Test
  void samlAssumptionPassingTagsIsAlsoAnswerForTagSession() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "st-saml-tag-ok");
    assertThat(all).extracting(e -> e.path("request").path("action").asText())
        .as("AWS documents: the trust of a role connected to an IdP passing tags must allow sts:TagSession [TAGS-FED];"
            + " the product evaluated: " + all.stream().map(ExplainedEvents::why).toList())
        .contains("sts:AssumeRoleWithSAML", "sts:TagSession");
    expect(action("st-saml-tag-ok", "sts:TagSession"), "Allowed", "agrees", "the trust allows sts:TagSession [TAGS-FED]");
  }

  /**
   * Q22. The same assertion to SamlNoTagTrust, whose trust allows sts:AssumeRoleWithSAML only, logged as a success: AWS
   * would have refused it [TAGS-FED], so the record and the trust cannot both be true. The replay must not say
   * "agrees" for the event; sts:TagSession must be ImplicitDeny, disagrees.
   */
  @Test
  void samlTaggedAssumptionLoggedAsSuccessAgainstATrustWithoutTagSessionDisagrees() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "st-saml-notag-success");
    assertThat(all).extracting(e -> e.path("request").path("action").asText())
        .as("AWS documents: passing tags needs sts:TagSession in the trust [TAGS-FED]; the product evaluated: "
            + all.stream().map(ExplainedEvents::why).toList())
        .contains("sts:TagSession");
    expect(action("st-saml-notag-success", "sts:TagSession"), "ImplicitDeny", "disagrees",
        "the trust does not allow sts:TagSession [TAGS-FED]; the log says the tagged assumption succeeded");
  }

  /**
   * Q23. The SamlTagTrust session (issued with the SAML session tag project=alpha, in the case) reads proj-bucket under
   * "aws:PrincipalTag/project = alpha": the session's principal tags are the tags passed when it was issued [TAGS], so
   * Allowed, agrees; not undetermined on aws:PrincipalTag/project, which the issuing record carries.
   */
  @Test
  void samlSessionTagIsThePrincipalTagOfTheSessionsCalls() throws Exception {
    expect(action("st-saml-tag-get", "s3:GetObject"), "Allowed", "agrees",
        "the SAML session tag project=alpha is the session's aws:PrincipalTag/project [TAGS]");
  }
}
