package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.KeyKind;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionOrigin;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.store.CaseGraph;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit: "whose key is this?" Access keys, their owners and their lifetimes, run end to end: the records of
 * {@code src/test/resources/fixtures/keys/events.json} (hand-made in AWS's documented shapes) and the credential report
 * {@code credential-report.csv} are imported with the CLI, then read back with {@code events --filter accessKey:…},
 * {@code findings --format json}, the principal graph as the app and CLI open it ({@link CaseGraph#load}) and the
 * session graph ({@link ExplainedEvents#sessions}).
 *
 * <p>Sources that fix the expected answers:
 *
 * <ul>
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *       ("The userIdentity element contains details about the type of IAM identity that made the request, and which
 *       credentials were used"); CloudTrail API Reference, Event: AccessKeyId "The AWS access key ID that was used to
 *       sign the request. If the request was made with temporary security credentials, this is the access key ID of the
 *       temporary credentials." https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html
 *   <li>[CAK] IAM API Reference, CreateAccessKey: "Creates a new AWS secret access key and corresponding AWS access key
 *       ID for the specified user"; UserName "The name of the IAM user that the new key will belong to"; "If you do not
 *       specify a user name, IAM determines the user name implicitly based on the AWS access key ID signing the
 *       request." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 *   <li>[UAK] IAM API Reference, UpdateAccessKey, Status: "Active means that the key can be used for programmatic calls
 *       to AWS, while Inactive means that the key cannot be used."
 *       https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
 *   <li>[DAK] IAM API Reference, DeleteAccessKey ("Deletes the access key pair associated with the specified IAM user")
 *       and STS GetAccessKeyInfo: "Providing a deleted access key might return an error that the key doesn't exist."
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
 *   <li>[IDS] STS GetAccessKeyInfo / IAM User Guide "IAM identifiers", unique ID prefixes: "Access key IDs beginning with
 *       AKIA are long-term credentials for an IAM user or the AWS account root user. Access key IDs beginning with ASIA
 *       are temporary credentials that are created using AWS STS operations. [...] To learn who requested the temporary
 *       credentials for an ASIA access key, view the AWS STS events in your CloudTrail logs."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
 *   <li>[GST] STS API Reference, GetSessionToken: "Returns a set of temporary credentials for an AWS account or IAM
 *       user [...] MFA-enabled IAM users must call GetSessionToken and submit an MFA code that is associated with their
 *       MFA device"; "The GetSessionToken operation must be called by using the long-term AWS security credentials of an
 *       IAM user." https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 *   <li>[CR] IAM User Guide, "Generate credential reports": access_key_1_last_used_date "The date and time [...] when
 *       the user's access key was most recently used to sign an AWS API request"; N/A when never used; GetCredentialReport
 *       GeneratedTime "The date and time when the credential report was created".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 * </ul>
 *
 * Tests that show a wrong answer stay failing, with what AWS documents and what the product said.
 */
class AccessKeyAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/keys");
  static final String A = "111122223333";

  static final String ADMIN = "AKIAADMINKEY00000000";
  static final String BOB = "AKIABOBNEWKEY0000000";
  static final String CAROL = "AKIACAROLKEY00000000";
  static final String ERINNEW = "AKIAERINNEWKEY000000";
  static final String DAVE = "AKIADAVEKEY000000000";
  static final String FRANK = "AKIAFRANKKEY00000000";
  static final String GINA = "AKIAGINAKEY000000000";
  static final String IVAN = "AKIAIVANKEY000000000";
  static final String HANK = "AKIAHANKKEY000000000";
  static final String GST = "ASIABOBGSTSESSION000";
  static final String DEPLOY = "ASIADEPLOYSESSION000";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static PrincipalGraph graph;
  static SessionGraph sessions;

  static String user(String name) {
    return "arn:aws:iam::" + A + ":user/" + name;
  }

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "credential-report.csv");
    assertThat(r.out()).contains("24 added");
    findings = ExplainedEvents.findings(caseDir);
    sessions = ExplainedEvents.sessions(caseDir);
    try (CaseStore s = CaseStore.open(caseDir)) {
      graph = CaseGraph.load(s, IamSnapshot.empty());
    }
  }

  static List<JsonNode> eventsOfKey(String key) throws Exception {
    return ExplainedEvents.events(caseDir, "accessKey:" + key);
  }

  static List<GraphEdge> ownsKey(String key) {
    return graph.edges().stream().filter(e -> e.kind() == EdgeKind.OWNS_KEY && e.to().equals(key)).toList();
  }

  static String text(JsonNode f) {
    return (f.path("rule").asText() + " " + f.path("title").asText() + " " + f.path("summary").asText()).toLowerCase(Locale.ROOT);
  }

  static boolean hasEvent(JsonNode f, String id) {
    for (JsonNode e : f.path("eventIds")) {
      if (e.asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  static List<JsonNode> findingsWith(String eventId) {
    return findings.stream().filter(f -> hasEvent(f, eventId)).toList();
  }

  static String brief(List<JsonNode> fs) {
    StringBuilder b = new StringBuilder();
    fs.forEach(f -> b.append("\n  ").append(f.path("rule").asText()).append(": ").append(f.path("summary").asText())
        .append(" ").append(f.path("eventIds")));
    return b.length() == 0 ? " (none)" : b.toString();
  }

  // ------------------------------------------------------------------ 1. CreateAccessKey: whose key is it?

  /**
   * Q1. admin (AKIAADMINKEY…) called CreateAccessKey with requestParameters.userName "bob"; the response's accessKey is
   * AKIABOBNEWKEY… with userName bob; five minutes later a call signed with it is logged as IAMUser bob. [CAK]: the key
   * "will belong to" the named user. The principal graph must say bob owns the key, never admin.
   */
  @Test
  void keyCreatedByAnAdminForBobIsOwnedByBobNotTheAdmin() {
    assertThat(ownsKey(BOB)).as("owns-key edges to %s: %s", BOB, ownsKey(BOB))
        .isNotEmpty().allSatisfy(e -> assertThat(e.from()).isEqualTo(user("bob")));
  }

  /**
   * Q2. Which calls were signed with bob's new key, and by whom? [CT-UID]: accessKeyId is the key that signed the
   * request; every call with it is bob's. The CreateAccessKey call itself was signed with admin's key, so it is not
   * one of them.
   */
  @Test
  void callsSignedWithBobsNewKeyAreBobsOnly() throws Exception {
    List<JsonNode> evs = eventsOfKey(BOB);
    assertThat(evs).extracting(e -> e.path("eventId").asText()).contains("k-bob-use", "k-gst-bob", "k-ar-deploy")
        .doesNotContain("k-create-bob");
    assertThat(evs).allSatisfy(e -> assertThat(e.path("principalArn").asText()).isEqualTo(user("bob")));
  }

  /**
   * Q3. admin created AKIACAROLKEY… for carol (responseElements.accessKey.userName carol); the key is never used in the
   * case. Whose is it? [CAK] the response names its user: carol. The principal graph should carry the owns-key edge
   * carol → key from the CreateAccessKey response (the evidence the case holds), so that "whose key is this?" has an
   * answer before the key is ever used (a key handed to an attacker is exactly the one to look up).
   */
  @Test
  void keyCreatedForCarolButNeverUsedIsStillKnownAsCarols() {
    assertThat(ownsKey(CAROL)).as("AWS [CAK]: CreateAccessKey's response names the key's user (carol); the case holds it. "
        + "The product's principal graph has owns-key edges to %s: %s (only calls signed with an AKIA key as IAMUser "
        + "make an owns-key edge)", CAROL, ownsKey(CAROL))
        .anySatisfy(e -> assertThat(e.from()).isEqualTo(user("carol")));
  }

  /** Q4. The keys admin created for bob and carol are reported as keys created for another user (high). */
  @Test
  void keysCreatedForOtherUsersAreReported() {
    for (String id : List.of("k-create-bob", "k-create-carol")) {
      assertThat(findingsWith(id)).as("findings with %s:%s", id, brief(findingsWith(id)))
          .anySatisfy(f -> assertThat(f.path("rule").asText()).isEqualTo("access-key-created-for-other-user"));
    }
  }

  /**
   * Q5. erin called CreateAccessKey without a userName: [CAK] "IAM determines the user name implicitly based on the AWS
   * access key ID signing the request" — the key is erin's own (the response says userName erin). Not a key created for
   * another user; and the graph attributes the new key to erin.
   */
  @Test
  void keyCreatedWithoutUserNameIsTheCallersOwn() {
    assertThat(findingsWith("k-create-erin-self")).as("findings with k-create-erin-self:%s", brief(findingsWith("k-create-erin-self")))
        .noneSatisfy(f -> assertThat(f.path("rule").asText()).isEqualTo("access-key-created-for-other-user"));
    assertThat(ownsKey(ERINNEW)).isNotEmpty().allSatisfy(e -> assertThat(e.from()).isEqualTo(user("erin")));
  }

  // ------------------------------------------------------------------ 2. lifetimes: deactivated, deleted, not yet created

  /**
   * Q6. admin set dave's key AKIADAVEKEY… Inactive at 09:00 (UpdateAccessKey, requestParameters.status Inactive); at 12:00
   * a call signed with it succeeded, with no reactivation in between. [UAK]: "Inactive means that the key cannot be
   * used". A successful call is impossible unless logs are missing (a reactivation) or clocks are wrong: the analyst must
   * be told. Expected: a finding naming the call as a use of an inactive key.
   */
  @Test
  void successfulCallWithAKeyAfterItWasSetInactiveIsFlagged() {
    List<JsonNode> fs = findingsWith("k-dave-after");
    assertThat(fs).as("AWS [UAK]: an Inactive key cannot be used, so k-dave-after (signed with %s after UpdateAccessKey "
        + "Inactive, no reactivation logged) needs a finding saying so. The product's findings with it:%s", DAVE, brief(fs))
        .anySatisfy(f -> assertThat(text(f)).containsAnyOf("inactive", "deactivat"));
  }

  /**
   * Q7. admin deleted frank's key at 09:00 (DeleteAccessKey); at 11:00 a call signed with it succeeded. [DAK]: a
   * deleted key no longer exists. Impossible unless logs or clocks are wrong: expected a finding.
   */
  @Test
  void successfulCallWithAKeyAfterItWasDeletedIsFlagged() {
    List<JsonNode> fs = findingsWith("k-frank-after");
    assertThat(fs).as("AWS [DAK]: a deleted key cannot sign a request, so k-frank-after (signed with %s after its "
        + "DeleteAccessKey) needs a finding saying so. The product's findings with it:%s", FRANK, brief(fs))
        .anySatisfy(f -> assertThat(text(f)).contains("delet"));
  }

  /**
   * Q8. gina's key AKIAGINAKEY… signs a successful call at 08:00; the CreateAccessKey whose response returns that key id
   * is at 10:00. [CAK]: CreateAccessKey "Creates a new [...] access key ID" — it cannot sign anything before. The log or
   * the clocks are wrong (or the ids were reused, which AWS does not do): expected a finding naming the early use.
   */
  @Test
  void keyUsedBeforeItsCreationEventIsFlagged() {
    List<JsonNode> fs = findingsWith("k-gina-early");
    assertThat(fs).as("AWS [CAK]: a key is created by CreateAccessKey; k-gina-early is signed with %s two hours before "
        + "the CreateAccessKey that returns it. The product's findings with it:%s", GINA, brief(fs))
        .anySatisfy(f -> assertThat(text(f)).containsAnyOf("before", "creat"));
  }

  /** Q9 (guard). Use before deactivation/deletion is normal use: no key-lifetime finding for it. */
  @Test
  void useBeforeDeactivationOrDeletionIsNotFlagged() {
    for (String id : List.of("k-dave-before", "k-frank-before", "k-ivan-before")) {
      assertThat(findingsWith(id)).as("findings with %s:%s", id, brief(findingsWith(id)))
          .noneSatisfy(f -> assertThat(text(f)).containsAnyOf("inactive", "deactivat", "delet"));
    }
  }

  /**
   * Q10 (guard). ivan's key set Inactive at 09:00 and Active again at 09:30 ([UAK] "Active means that the key can be
   * used"), then used at 10:00: a legitimate use, not flagged as use of an inactive key.
   */
  @Test
  void useAfterReactivationIsNotFlagged() {
    assertThat(findingsWith("k-ivan-after")).as("findings with k-ivan-after:%s", brief(findingsWith("k-ivan-after")))
        .noneSatisfy(f -> assertThat(text(f)).containsAnyOf("inactive", "deactivat"));
  }

  // ------------------------------------------------------------------ 3. ASIA keys

  /**
   * Q11. bob called GetSessionToken with his AKIA key and an MFA device (requestParameters.serialNumber); the response's
   * ASIA key then signs a call logged as IAMUser bob with mfaAuthenticated true. [GST]+[IDS]: the ASIA key is a
   * temporary credential of the IAM user bob, issued by the STS call signed with bob's long-term key, with MFA.
   */
  @Test
  void getSessionTokenKeyIsBobsMfaSessionIssuedByHisLongTermKey() throws Exception {
    Session s = sessions.session(GST).orElseThrow();
    assertThat(s.kind()).isEqualTo(KeyKind.TEMPORARY);
    assertThat(s.origin()).isEqualTo(SessionOrigin.GET_SESSION_TOKEN);
    assertThat(s.principalArn()).isEqualTo(user("bob"));
    assertThat(s.parentKey()).isEqualTo(BOB);
    assertThat(s.issuingEventId()).isEqualTo("k-gst-bob");
    assertThat(s.mfaAuthenticated()).isTrue();
    SessionGraph.ChainRoot root = sessions.rootOf(GST);
    assertThat(root.identity()).isEqualTo(user("bob"));
    assertThat(root.longTermKey()).isEqualTo(BOB);
    assertThat(root.complete()).isTrue();
    assertThat(eventsOfKey(GST)).extracting(e -> e.path("principalArn").asText()).containsOnly(user("bob"));
  }

  /**
   * Q12. The chain of bob's GetSessionToken key stops at bob: the admin who created bob's long-term key did not issue
   * the session ([CAK] creating a key for a user gives the key to that user; [GST] the session is the user's). The
   * long-term key's owner in the principal graph is bob, not admin.
   */
  @Test
  void sessionOfAKeyCreatedByAnAdminIsNotRootedAtTheAdmin() {
    assertThat(sessions.chain(GST)).extracting(Session::principalArn).doesNotContain(user("admin"));
    assertThat(ownsKey(BOB)).noneSatisfy(e -> assertThat(e.from()).isEqualTo(user("admin")));
  }

  /**
   * Q13. AssumeRole by bob issued ASIADEPLOYSESSION… for assumed-role/Deploy/bob-deploy (responseElements). [IDS] "To
   * learn who requested the temporary credentials for an ASIA access key, view the AWS STS events": the session is
   * Deploy/bob-deploy, issued by bob's key.
   */
  @Test
  void assumeRoleKeyIsTheRoleSessionIssuedByBob() {
    Session s = sessions.session(DEPLOY).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s.principalArn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/Deploy/bob-deploy");
    assertThat(s.parentKey()).isEqualTo(BOB);
    assertThat(sessions.rootOf(DEPLOY).identity()).isEqualTo(user("bob"));
  }

  /**
   * Q14. The same ASIA key ASIADEPLOYSESSION… then signs a call logged as assumed-role/Audit/mallory. One STS key is one
   * issued session with one principal ([IDS], [CT-UID] accessKeyId is the key that signed the request, the identity is
   * the one the credentials belong to): two principals for one key means the log is wrong or forged. It must not be
   * merged silently: expected a finding (or a flag on the session) naming the key and the second principal.
   */
  @Test
  void sameTemporaryKeySeenWithTwoPrincipalsIsNotMergedSilently() {
    List<JsonNode> fs = findingsWith("k-deploy-other");
    assertThat(fs).as("AWS [IDS]: an ASIA key is one STS session with one principal; %s signs calls as Deploy/bob-deploy "
        + "and as Audit/mallory. The session graph keeps one principal (%s) and the product's findings with "
        + "k-deploy-other are:%s", DEPLOY, sessions.session(DEPLOY).map(Session::principalArn).orElse(null), brief(fs))
        .anySatisfy(f -> assertThat(f.path("summary").asText() + f.path("title").asText()).contains(DEPLOY));
  }

  // ------------------------------------------------------------------ 4. the credential report against the log

  /**
   * Q15. The credential report (its latest date 2026-10-01) says hank's active key 1 was never used
   * (access_key_1_last_used_date N/A); the trail shows a call signed with hank's key AKIAHANKKEY… on 2026-11-06, after the
   * report. [CR]: the report describes the key as of its generation time. A finding that calls the key "never used"
   * without saying the case's log shows it used afterwards gives the analyst a false answer about a key that is in use.
   * Expected: either no unused-key finding for hank, or one that says the trail shows the key used on 2026-11-06.
   */
  @Test
  void reportSaysNeverUsedButTheLogShowsUseAfterTheReport() {
    List<JsonNode> fs = findings.stream().filter(f -> f.path("rule").asText().equals("hygiene-unused-access-key"))
        .filter(f -> f.toString().contains("hank")).toList();
    assertThat(fs).as("AWS [CR]: last_used_date N/A is as of the report; the case's trail shows hank's key used on "
        + "2026-11-06 (k-hank-use). The product's unused-key findings for hank:%s", brief(fs))
        .allSatisfy(f -> assertThat(f.toString()).containsAnyOf("2026-11-06", "k-hank-use", HANK));
  }

  /** Q16. The call signed with hank's key is hank's ([CT-UID]), whatever the report says. */
  @Test
  void hanksKeyUseIsAttributedToHank() throws Exception {
    assertThat(eventsOfKey(HANK)).extracting(e -> e.path("principalArn").asText()).containsExactly(user("hank"));
    assertThat(ownsKey(HANK)).extracting(GraphEdge::from).containsExactly(user("hank"));
  }
  /**
   * Q17. When was bob's key created? The case holds the CreateAccessKey that returned it (k-create-bob, 2026-11-02
   * 10:00 UTC; [CAK] the call "Creates a new [...] access key ID"). The key's session record (the product's per-key
   * timeline: issuing call, issued at, first and last use) should say it was issued by that call at that time, as it
   * does for an ASIA key and its STS call.
   */
  @Test
  void longTermKeyCreationTimeComesFromItsCreateAccessKey() {
    Session s = sessions.session(BOB).orElseThrow();
    assertThat(s.issuingEventId()).as("AWS [CAK]: k-create-bob created %s at 2026-11-02T10:00:00Z; the product's session "
        + "for the key: issuingEventId=%s issuedAt=%s firstSeen=%s", BOB, s.issuingEventId(), s.issuedAt(), s.firstSeen())
        .isEqualTo("k-create-bob");
    assertThat(s.issuedAt()).isEqualTo(java.time.Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(s.principalArn()).isEqualTo(user("bob"));
  }
  /**
   * Q18. The replay of the call signed with bob's GetSessionToken key: [GST] "Using the temporary security credentials
   * that the call returns, IAM users can then make programmatic calls to API operations that require MFA
   * authentication" — the caller is the IAM user bob (not a role, not the admin who created his key) and MFA is
   * present (the session was issued with serialNumber; the record's mfaAuthenticated is true), 300 s after issue.
   */
  @Test
  void replayOfTheGetSessionTokenCallIsBobWithMfa() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "k-bob-gst-use");
    JsonNode ctx = e.path("request").path("context");
    assertThat(e.path("request").path("principal").asText()).as(ExplainedEvents.why(e)).isEqualTo(user("bob"));
    assertThat(ctx.path("aws:MultiFactorAuthPresent").toString()).as(ctx.toString()).contains("true");
    assertThat(ctx.path("aws:MultiFactorAuthAge").toString()).as(ctx.toString()).contains("300");
  }
}
