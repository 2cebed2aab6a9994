package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Audit of federation: AssumeRoleWithWebIdentity (GitHub Actions OIDC, EKS IRSA, Cognito identity pools),
 * AssumeRoleWithSAML (Okta) and IAM Identity Center role sessions, run end to end: the records and the IAM
 * data of {@code src/test/resources/fixtures/federation} are imported into a case with the CLI
 * ({@code trailbench import}), then read back with {@code explain --json}, {@code findings --format json}
 * and the session graph over the case's events (as {@code RootSessionStoreTest} does).
 *
 * <p>Each test asserts what AWS's documentation says the answer is. The record shapes follow these pages:
 *
 * <ul>
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element", section "Values for AWS STS APIs
 *       with SAML and web identity federation":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html#STS-API-SAML-WIF
 *       ({@code WebIdentityUser} / {@code SAMLUser}, principalId, userName, identityProvider).
 *   <li>[IAM-CT] IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail", "Example AWS STS API
 *       events in CloudTrail log" (the AssumeRoleWithWebIdentity and AssumeRoleWithSAML examples: userName is
 *       the token's user id and equals responseElements.subjectFromWebIdentityToken; the SAML example's
 *       responseElements carry subject, nameQualifier, issuer and audience "https://signin.aws.amazon.com/saml"):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#cloudtrail-integration_examples-sts-api
 *   <li>[STS-WIF] STS API Reference, AssumeRoleWithWebIdentity, Response Elements: SubjectFromWebIdentityToken
 *       "For OpenID Connect ID tokens, this field contains the value returned by the identity provider as the
 *       token's sub (Subject) claim"; Audience "The intended audience (also known as client ID) of the web
 *       identity token"; Provider "For OpenID Connect ID tokens, this contains the value of the iss field":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 *   <li>[STS-SAML] STS API Reference, AssumeRoleWithSAML, Response Elements: Audience "The value of the
 *       Recipient attribute of the SubjectConfirmationData element of the SAML assertion":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html
 *   <li>[KEYS] IAM User Guide, "Available keys for SAML-based AWS STS federation" (saml:aud comes from the
 *       assertion's Recipient field) and "Available keys for AWS OIDC federation" (amr, aud, sub; for an IAM
 *       OIDC provider the key is the provider's URL followed by the claim, e.g. token.actions.githubusercontent.com:sub):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml
 *       and #condition-keys-wif
 *   <li>[GH] IAM User Guide, "Create a role for OpenID Connect federation", "Configuring a role for GitHub OIDC
 *       identity provider": https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 *       (GitHub's "Configuring OpenID Connect in Amazon Web Services" repeats: "AWS Identity and Access Management
 *       (IAM) recommends that users evaluate the IAM condition key, token.actions.githubusercontent.com:sub, in the
 *       trust policy of any role that trusts GitHub's OIDC identity provider (IdP)").
 *   <li>[EKS] EKS User Guide, "Assign IAM roles to Kubernetes service accounts" (trust on
 *       oidc.eks.REGION.amazonaws.com/id/ID:sub = system:serviceaccount:NAMESPACE:SA and :aud = sts.amazonaws.com):
 *       https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 *   <li>[COGNITO] Cognito Developer Guide, "IAM roles" (trust on cognito-identity.amazonaws.com:aud = the pool id and
 *       ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated / unauthenticated):
 *       https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 *   <li>[SSO] IAM Identity Center User Guide, "Permission sets" / "IAM roles created by IAM Identity Center"
 *       (roles AWSReservedSSO_PERMISSIONSET_ID under /aws-reserved/sso.amazonaws.com/, trusting the
 *       AWSSSO_..._DO_NOT_DELETE SAML provider): https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html
 * </ul>
 *
 * The session graph, the verdicts and the findings are the product's own code paths; src/main is not changed.
 */
class FederationAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/federation");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("7 roles").contains("13 added");
  }

  /** The explain --json object of the event's only action. */
  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static List<JsonNode> conditionsOn(JsonNode trace, String key) {
    return ExplainedEvents.conditionsOn(trace, key);
  }

  static void walk(JsonNode n, java.util.function.Consumer<JsonNode> f) {
    ExplainedEvents.walk(n, f);
  }

  static SessionGraph sessions() {
    return ExplainedEvents.sessions(caseDir);
  }

  static List<JsonNode> findings() throws Exception {
    return ExplainedEvents.findings(caseDir);
  }

  static final String GH_SUB = "token.actions.githubusercontent.com:sub";
  static final String EKS_SUB = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub";

  // ------------------------------------------------------------------ 1. GitHub Actions OIDC

  /**
   * Question 1a. Trust: Federated oidc-provider/token.actions.githubusercontent.com, StringEquals :aud =
   * sts.amazonaws.com, StringLike :sub = repo:org/app:ref:refs/heads/main. The workflow of org/app on main assumed
   * the role and CloudTrail recorded it as allowed. The record carries the token's sub (userName, and
   * responseElements.subjectFromWebIdentityToken [STS-WIF]: "the token's sub (Subject) claim") and aud
   * (responseElements.audience), so the replay can and must decide the trust policy with them: Allowed, which
   * agrees with the record. Not "disagrees", and not "undetermined" on a key the record carries.
   */
  @Test
  void githubMainBranchAssumptionIsAllowedByTheSubConditionAndAgrees() throws Exception {
    JsonNode e = explain("fed-gh-main");
    assertThat(e.path("decision").asText()).as(e.path("explanation").asText()).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
    // the decision went through the sub condition, with the logged subject
    assertThat(conditionsOn(e.path("trace"), GH_SUB)).as("the trust policy's sub condition was evaluated")
        .anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("Match"));
  }

  /**
   * Question 1b. The same role, a workflow of repo attacker/x: AWS refuses (the sub condition does not match) and
   * CloudTrail records AccessDenied. The record's userName and principalId still name the token's subject
   * [CT-UID]. The product must agree with the refusal because of the sub condition, i.e. the trust policy's
   * Principal (the GitHub OIDC provider) matches and the condition on token.actions.githubusercontent.com:sub
   * does not.
   */
  @Test
  void githubOtherRepositoryIsRefusedByTheSubCondition() throws Exception {
    JsonNode e = explain("fed-gh-attacker-denied");
    assertThat(e.path("recorded").asText()).isEqualTo("Denied");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
    assertThat(conditionsOn(e.path("trace"), GH_SUB)).as("refused on the sub condition, not on the Principal: "
        + e.path("explanation").asText()).anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("NoMatch"));
  }

  /**
   * Question 1b'. The same refused request logged as a success (the record and the case's trust policy cannot both
   * be true): the product must never report it as allowed; the disagreement must point at the sub condition.
   */
  @Test
  void githubOtherRepositoryLoggedAsSuccessIsNeverReportedAllowed() throws Exception {
    JsonNode e = explain("fed-gh-attacker-success");
    assertThat(e.path("decision").asText()).isNotEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).isEqualTo("disagrees");
    assertThat(conditionsOn(e.path("trace"), GH_SUB)).as("the sub condition is what refuses: " + e.path("explanation").asText())
        .anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("NoMatch"));
  }

  /**
   * Question 1c, verdict. A trust with only the aud condition lets any GitHub repository's workflow assume the
   * role [GH]; AWS allowed repo attacker/x and the replay must agree.
   */
  @Test
  void githubAudOnlyTrustAllowsAnyRepositoryAndAgrees() throws Exception {
    JsonNode e = explain("fed-gh-open");
    assertThat(e.path("decision").asText()).as(e.path("explanation").asText()).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
  }

  /**
   * Question 1c, finding. IAM recommends evaluating token.actions.githubusercontent.com:sub in the trust policy of
   * any role that trusts GitHub's OIDC provider [GH]; without it any repository on GitHub can assume the role. The
   * case holds such a role (GitHubOpen) and a workflow of another organization's repository did assume it: a
   * finding must name the role. The sub-restricted GitHubDeploy must not be named by such a finding.
   */
  @Test
  void githubTrustWithoutSubConditionRaisesAFinding() throws Exception {
    List<JsonNode> trustFindings = findings().stream()
        .filter(f -> !f.path("rule").asText().equals("outcome-not-explained-by-policies"))
        .filter(f -> (f.path("title").asText() + " " + f.path("summary").asText()).contains("token.actions.githubusercontent.com")
            || (f.path("title").asText() + " " + f.path("summary").asText()).toLowerCase(Locale.ROOT).contains("github"))
        .toList();
    assertThat(trustFindings).as("a finding on the GitHub OIDC trust without a sub condition")
        .anySatisfy(f -> assertThat(f.path("title").asText() + " " + f.path("summary").asText()).contains("GitHubOpen"));
    assertThat(trustFindings).noneSatisfy(f -> assertThat(f.path("title").asText() + " " + f.path("summary").asText())
        .contains("GitHubDeploy"));
  }

  // ------------------------------------------------------------------ 2. EKS IRSA

  /**
   * Question 2. IRSA trust: oidc.eks.us-east-1.amazonaws.com/id/ID:sub = system:serviceaccount:ns:sa and :aud =
   * sts.amazonaws.com [EKS]. The pod's service account ns/sa assumed the role (allowed, the record carries the sub as
   * userName and subjectFromWebIdentityToken): Allowed, agrees. Service account other/sa was refused: agrees, on
   * the sub condition.
   */
  @Test
  void eksServiceAccountAssumptionIsDecidedOnTheServiceAccountSubject() throws Exception {
    JsonNode ok = explain("fed-eks");
    assertThat(ok.path("decision").asText()).as(ok.path("explanation").asText()).isEqualTo("Allowed");
    assertThat(ok.path("verdict").asText()).isEqualTo("agrees");
    JsonNode refused = explain("fed-eks-other-sa");
    assertThat(refused.path("verdict").asText()).isEqualTo("agrees");
    assertThat(conditionsOn(refused.path("trace"), EKS_SUB)).as("refused on the service account subject: "
        + refused.path("explanation").asText()).anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("NoMatch"));
  }

  /** Question 2, sessions: the IRSA session is a web identity session rooted at the service account's token subject. */
  @Test
  void eksSessionIsRootedAtTheServiceAccount() {
    SessionGraph g = sessions();
    Session s = g.session("ASIAEKSPODEXAMPLE001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY);
    assertThat(g.rootOf("ASIAEKSPODEXAMPLE001").identity()).contains("system:serviceaccount:ns:sa");
    assertThat(g.rootOf("ASIAEKSPODEXAMPLE001").complete()).isTrue();
  }

  // ------------------------------------------------------------------ 3. SAML (Okta)

  /**
   * Question 3, verdict. Trust: Federated saml-provider/Okta, StringEquals SAML:aud =
   * https://signin.aws.amazon.com/saml (the IAM User Guide's SAML trust). The record's responseElements.audience
   * is the assertion's Recipient [STS-SAML], which is what saml:aud holds [KEYS], and requestParameters.principalArn
   * names the SAML provider: the replay must find the trust policy allows it (agrees).
   */
  @Test
  void samlAssumptionIsAllowedByTheTrustPolicyAndAgrees() throws Exception {
    JsonNode e = explain("fed-saml");
    assertThat(e.path("decision").asText()).as(e.path("explanation").asText()).isEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
  }

  /**
   * Question 3, sessions. The role session's later calls are made by assumed-role/OktaAdmin/alice@example.com and
   * the chain's origin is the SAML identity (principalId NameQualifier:subject, userName alice@example.com
   * [CT-UID]), complete.
   */
  @Test
  void samlSessionShowsTheFederatedUserAndIsRootedAtTheSamlIdentity() throws Exception {
    SessionGraph g = sessions();
    Session s = g.session("ASIASAMLOKTAEXAMP001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_SAML);
    assertThat(s.principalArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/OktaAdmin/alice@example.com");
    assertThat(s.eventCount()).isEqualTo(1);
    assertThat(g.rootOf("ASIASAMLOKTAEXAMP001").identity()).endsWith(":alice@example.com");
    assertThat(g.rootOf("ASIASAMLOKTAEXAMP001").complete()).isTrue();
    JsonNode call = explain("fed-saml-call");
    assertThat(call.path("request").path("principal").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/OktaAdmin/alice@example.com");
    assertThat(call.path("verdict").asText()).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ 4. Cognito identity pool

  /**
   * Question 4. The pool's unauthenticated role trusts cognito-identity.amazonaws.com with :aud = the pool id and
   * ForAnyValue:StringLike :amr = unauthenticated [COGNITO]. The record carries the pool id (responseElements.audience
   * [STS-WIF]) but not the token's amr claim, so the replay cannot decide the amr condition: Undetermined, naming
   * cognito-identity.amazonaws.com:amr (and not aud, which the record carries), never "disagrees".
   */
  @Test
  void cognitoAmrConditionIsUndeterminedAndAudIsKnown() throws Exception {
    JsonNode e = explain("fed-cognito-unauth");
    assertThat(e.path("verdict").asText()).as(e.path("explanation").asText()).isEqualTo("undetermined");
    List<String> missing = new ArrayList<>();
    e.path("missing").forEach(m -> missing.add(m.asText().toLowerCase(Locale.ROOT)));
    assertThat(missing).contains("cognito-identity.amazonaws.com:amr").doesNotContain("cognito-identity.amazonaws.com:aud");
  }

  // ------------------------------------------------------------------ 5. IAM Identity Center

  /**
   * Question 5. An Identity Center permission set's role (AWSReservedSSO_AdministratorAccess_…, path
   * /aws-reserved/sso.amazonaws.com/) is assumed with AssumeRoleWithSAML through the AWSSSO_…_DO_NOT_DELETE provider
   * [SSO]; the session is named after the user (bob). The assumption agrees with the trust policy, the session
   * names bob and is rooted at bob's SAML identity, and the session's call is decided with the role's policies
   * (the role path is not in the session ARN).
   */
  @Test
  void identityCenterSessionIsTheUsersAndItsCallsAreDecided() throws Exception {
    SessionGraph g = sessions();
    Session s = g.session("ASIASSOBOBEXAMPLE001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_SAML);
    assertThat(s.roleSessionName()).isEqualTo("bob");
    assertThat(g.rootOf("ASIASSOBOBEXAMPLE001").identity()).endsWith(":bob");
    JsonNode call = explain("fed-sso-call");
    assertThat(call.path("verdict").asText()).isEqualTo("agrees");
    JsonNode assume = explain("fed-sso");
    assertThat(assume.path("decision").asText()).as(assume.path("explanation").asText()).isEqualTo("Allowed");
    assertThat(assume.path("verdict").asText()).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ 6. web identity session -> AssumeRole

  /**
   * Question 6. The GitHubDeploy session (issued by AssumeRoleWithWebIdentity to repo org/app main) calls
   * sts:AssumeRole on DeployTarget, whose trust names role GitHubDeploy: allowed (agrees), and DeployTarget's session
   * is a chain of two whose origin is the GitHub workflow's token subject, not a user or an account root.
   */
  @Test
  void roleChainFromAWebIdentitySessionIsRootedAtTheWorkflow() throws Exception {
    SessionGraph g = sessions();
    assertThat(g.chain("ASIADEPLOYTARGET0001")).extracting(Session::accessKeyId)
        .containsExactly("ASIADEPLOYTARGET0001", "ASIAGHMAINEXAMPLE001");
    assertThat(g.rootOf("ASIADEPLOYTARGET0001").identity()).contains("repo:org/app:ref:refs/heads/main");
    assertThat(g.rootOf("ASIADEPLOYTARGET0001").complete()).isTrue();
    assertThat(explain("fed-chain-assume").path("verdict").asText()).isEqualTo("agrees");
    assertThat(explain("fed-chain-call").path("verdict").asText()).isEqualTo("agrees");
  }

  // ------------------------------------------------------------------ the trust policy's Principal

  /**
   * Questions 1-5, the first step of every federated trust decision. A trust policy names the identity provider:
   * {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/HOST"} for an IAM OIDC provider, "cognito-identity.amazonaws.com"
   * for Cognito, "arn:aws:iam::ACCOUNT:saml-provider/NAME" for SAML ([GH], [EKS], [COGNITO], and the IAM User Guide's
   * "Create a role for a third-party identity provider (federation)"); the AssumeRoleWithSAML record names that provider
   * in requestParameters.principalArn [IAM-CT], the web identity record in userIdentity.identityProvider and
   * responseElements.provider [CT-UID]. For each successful assumption the trust policy's Principal element must match
   * the caller (matchKind direct), so that the decision is made by the conditions.
   */
  @Test
  void theTrustPolicysFederatedPrincipalMatchesTheCaller() throws Exception {
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    for (String id : List.of("fed-gh-main", "fed-gh-open", "fed-eks", "fed-saml", "fed-cognito-unauth", "fed-sso")) {
      JsonNode e = explain(id);
      List<JsonNode> principals = new ArrayList<>();
      walk(e.path("trace"), n -> {
        if ("element".equals(n.path("kind").asText()) && n.path("label").asText().startsWith("Principal")) {
          principals.add(n);
        }
      });
      soft.assertThat(principals).as(id + ": the trust policy's Principal matches " + e.path("request").path("principal").asText())
          .anySatisfy(n -> assertThat(n.path("outcome").asText()).isEqualTo("Match"));
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ what the record carries

  /** The context value of a key, its name compared case-insensitively as AWS compares condition key names. */
  static String value(io.github.trailbench.core.correlate.DerivedRequest d, String key) {
    return d.context().entrySet().stream().filter(en -> en.getKey().equalsIgnoreCase(key) && !en.getValue().isEmpty())
        .map(en -> en.getValue().get(0)).findFirst().orElse(null);
  }

  /** One fixture record, as the importer's model event. */
  static io.github.trailbench.core.model.CloudTrailEvent record(String eventId) throws Exception {
    for (JsonNode r : JSON.readTree(FIXTURES.resolve("events.json").toFile()).path("Records")) {
      if (r.path("eventID").asText().equals(eventId)) {
        return io.github.trailbench.core.correlate.TestEvents.of(r);
      }
    }
    throw new IllegalArgumentException(eventId);
  }

  /**
   * Questions 1-4, the request context alone (RequestContextDeriver, what the replay starts from). The claims a
   * trust policy tests are in the records: the OIDC subject is userName and responseElements.subjectFromWebIdentityToken
   * ("the token's sub (Subject) claim" [STS-WIF]), the audience responseElements.audience; a SAML assertion's
   * Recipient is responseElements.audience [STS-SAML], the value of saml:aud [KEYS]. So the context must hold
   * token.actions.githubusercontent.com:sub/:aud, the EKS provider's :sub, SAML:aud and cognito-identity.amazonaws.com:aud
   * (cognito-identity.amazonaws.com:amr, which no field of the record holds, is left to the replay's Cognito case).
   */
  @Test
  void theClaimsTheRecordCarriesAreInTheRequestContext() throws Exception {
    io.github.trailbench.core.correlate.RequestContextDeriver d = new io.github.trailbench.core.correlate.RequestContextDeriver();
    io.github.trailbench.core.correlate.DerivedRequest gh = d.derive(record("fed-gh-main"));
    io.github.trailbench.core.correlate.DerivedRequest eks = d.derive(record("fed-eks"));
    io.github.trailbench.core.correlate.DerivedRequest saml = d.derive(record("fed-saml"));
    io.github.trailbench.core.correlate.DerivedRequest cognito = d.derive(record("fed-cognito-unauth"));
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    soft.assertThat(value(gh, GH_SUB)).as(GH_SUB).isEqualTo("repo:org/app:ref:refs/heads/main");
    soft.assertThat(value(gh, "token.actions.githubusercontent.com:aud")).as("GitHub aud").isEqualTo("sts.amazonaws.com");
    soft.assertThat(value(eks, EKS_SUB)).as(EKS_SUB).isEqualTo("system:serviceaccount:ns:sa");
    soft.assertThat(value(saml, "SAML:aud")).as("SAML:aud").isEqualTo("https://signin.aws.amazon.com/saml");
    soft.assertThat(value(cognito, "cognito-identity.amazonaws.com:aud")).as("cognito aud")
        .isEqualTo("us-east-1:12345678-dead-beef-cafe-123456790ab");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ findings noise

  /**
   * The federated assumptions whose trust policies allow what the record shows (GitHub main, EKS ns/sa, Okta,
   * Identity Center) are explained by the case's policies: no "outcome not explained by the case's policies"
   * finding may name them.
   */
  @Test
  void allowedFederatedAssumptionsAreNotReportedAsUnexplained() throws Exception {
    List<String> unexplained = new ArrayList<>();
    for (JsonNode f : findings()) {
      if (f.path("rule").asText().equals("outcome-not-explained-by-policies")) {
        f.path("eventIds").forEach(id -> unexplained.add(id.asText()));
      }
    }
    assertThat(unexplained).doesNotContain("fed-gh-main", "fed-eks", "fed-saml", "fed-sso");
  }
}
