package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionOrigin;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "who is behind this key, through which chain of roles, and since when": the records and IAM data of
 * {@code src/test/resources/fixtures/rolechains} (written by its {@code make-fixtures.py}) are imported with the CLI,
 * then read back with {@code events --format json}, {@code explain --event ID --json}, {@code findings --format json},
 * the session graph over the case's events ({@link ExplainedEvents#sessions}) and the principal graph as
 * {@code graph} loads it ({@code CaseGraph.load}). Account A = 111111111111 (users alice, bob, carol, dave), account
 * B = 222222222222 (roles CrossRole, DataRole).
 *
 * <p>What AWS documents, quoted where each test uses it:
 *
 * <ul>
 *   <li>[CHAIN] IAM User Guide, "Roles terms and concepts", role chaining: "Role chaining is when you use a role to
 *       assume a second role. You can perform role chaining through the AWS Management Console by switching roles, the
 *       AWS CLI, or API. For example, RoleA has permission to assume RoleB. You can enable User1 to assume RoleA by
 *       using their long-term user credentials in the AssumeRole API operation. This returns RoleA short-term
 *       credentials." https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
 *   <li>[IAM-CT] IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html : the table "CloudTrail logs
 *       responseElements … for each of the AWS STS APIs that generate temporary credentials" (AssumeRole: Included);
 *       "Example cross-account AWS STS API events": the caller's copy (userIdentity IAMUser John, accessKeyId) and
 *       "the assumed role account's (111122223333) CloudTrail log entry for the same request" (userIdentity
 *       {"type": "AWSAccount", "principalId": "AIDAQRSTUVWXYZEXAMPLE", "accountId": "777788889999"}), both with the
 *       same responseElements.credentials.accessKeyId and sharedEventID; "Example AWS STS role chaining API event":
 *       "The source identity that he set when he assumed the John1 role persists in the request to assume JohnRole2";
 *       "In the case of AssumeRole, you can map calls back to the originating AWS service or to the account of the
 *       originating user."
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element",
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html :
 *       "AWSAccount – The request was made by another AWS account"; principalId "A unique identifier for the entity
 *       that made the call"; "ec2RoleDelivery – The value is 1.0 if the credentials were provided by Amazon EC2
 *       Instance Metadata Service Version 1 (IMDSv1). The value is 2.0 if the credentials were provided using the new
 *       IMDS scheme"; "inScopeOf – If the request was made in scope of an AWS service, such as Lambda or Amazon ECS, it
 *       provides information about the resource or credentials related to the request … credentialsIssuedTo – The
 *       resource related to the environment where the credentials were issued"; source identity: "sourceIdentity
 *       identifies the original user identity making the request"; the example responseElements of an AssumeRole
 *       carry {@code "expiration": "Jan 22, 2021 12:46:28 AM"}.
 *   <li>[SRC-ID] IAM User Guide, "Monitor and control actions taken with assumed roles": "After a source identity is
 *       set, it is present in requests for any AWS action taken during the role session. The value that is set
 *       persists when a role is used to assume another role through the AWS CLI or AWS API, known as role chaining."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
 *   <li>[STS-AR] STS API Reference, AssumeRole, RoleSessionName: "An identifier for the assumed role session. Use the
 *       role session name to uniquely identify a session when the same role is assumed by different principals or for
 *       different reasons … The regex used to validate this parameter is a string of characters consisting of upper-
 *       and lower-case alphanumeric characters with no spaces" (the caller chooses it); Credentials "The temporary
 *       security credentials, which include an access key ID, a secret access key, and a security (or session) token";
 *       Expiration "The date on which the current credentials expire".
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 *   <li>[EC2] EC2 User Guide, "Retrieve security credentials from instance metadata": "An application on the instance
 *       retrieves the security credentials provided by the role from the instance metadata item
 *       iam/security-credentials/role-name"; IAM User Guide, "Use an IAM role to grant permissions to applications
 *       running on Amazon EC2 instances".
 *       https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
 *   <li>[SWITCH] IAM User Guide, "Common scenarios for IAM roles": "IAM users in your account using the IAM console can
 *       switch to a role … This guide uses the phrases switch to a role and assume a role interchangeably"; "Methods to
 *       assume a role": "AWS Management Console | User or roles (by switching roles)".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios.html and
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html
 *   <li>[ECS] Amazon ECS Developer Guide, "Best practices for IAM roles in Amazon ECS": "Task role | This role allows
 *       your application code (on the container) to use other AWS services"; the task role trusts
 *       ecs-tasks.amazonaws.com ("Amazon ECS task IAM role").
 *       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
 *   <li>[TEMP] IAM User Guide, "Disabling permissions for temporary security credentials": "Temporary security
 *       credentials are valid until they expire"; "Controlling permissions for temporary security credentials": "After
 *       AWS STS issues temporary security credentials, they are valid through the expiration period".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html and
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access.html
 * </ul>
 *
 * Tests that show a wrong answer fail with what AWS documents and what the product said. src/main is not changed.
 */
class RoleChainsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/rolechains");
  static final String A = "111111111111";
  static final String B = "222222222222";
  static final String ALICE = "arn:aws:iam::" + A + ":user/alice";
  static final String BOB = "arn:aws:iam::" + A + ":user/bob";
  static final String CAROL = "arn:aws:iam::" + A + ":user/carol";
  static final String DAVE = "arn:aws:iam::" + A + ":user/ops/dave";
  static final String ALICE_KEY = "AKIAALICE0000000001";
  static final String BOB_KEY = "AKIABOB00000000001";
  static final String DAVE_KEY = "AKIADAVE0000000001";
  static final String K1 = "ASIACHAIN1000000001";
  static final String K2 = "ASIACHAIN2000000002";
  static final String K3 = "ASIACHAIN3000000003";
  static final String K9 = "ASIAORPHAN000000009";
  static final String KX = "ASIAOWNERCOPYONLY01";
  static final String KA = "ASIASAMENAMEALICE01";
  static final String KB = "ASIASAMENAMEBOB0001";
  static final String KT = "ASIATOOLS0000000001";
  static final String KE = "ASIAEC2INSTANCE0001";
  static final String KN = "ASIANAMEONLY0000001";
  static final String KL1 = "ASIALAMBDA000000001";
  static final String KL2 = "ASIALAMBDA000000002";
  static final String KC = "ASIACONSOLESWITCH01";
  static final String FN = "arn:aws:lambda:us-east-1:" + A + ":function:report-fn";
  static final String DEPLOY_ROLE = "arn:aws:iam::" + A + ":role/DeployRole";
  static final String TOOLS_ROLE = "arn:aws:iam::" + A + ":role/ToolsRole";
  static final String CONSOLE_ADMIN = "arn:aws:iam::" + A + ":role/ConsoleAdmin";
  static final String CROSS_ROLE = "arn:aws:iam::" + B + ":role/CrossRole";
  static final String INSTANCE_ROLE = "arn:aws:iam::" + A + ":role/AppInstanceRole";

  /** What a trail shows was done, as opposed to what policies would allow (did assume is drawn role to role). */
  static final Set<EdgeKind> OBSERVED =
      Set.of(EdgeKind.DID_ASSUME, EdgeKind.OWNS_KEY, EdgeKind.KEY_USED_BY_SESSION, EdgeKind.SESSION_OF);
  /** The observed edges of one set of credentials: user → key → session → session … → role. */
  static final Set<EdgeKind> KEY_EDGES = Set.of(EdgeKind.OWNS_KEY, EdgeKind.KEY_USED_BY_SESSION, EdgeKind.SESSION_OF);

  @TempDir static Path tmp;
  static Path caseDir;
  static Map<String, JsonNode> events;
  static List<JsonNode> findings;
  static SessionGraph sessions;
  static PrincipalGraph graph;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    io.github.trailbench.cli.CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-a.json", "iam-b.json");
    assertThat(r.out()).contains("31 added");
    events = new HashMap<>();
    ExplainedEvents.events(caseDir, null).forEach(e -> events.put(e.path("eventId").asText(), e));
    assertThat(events).hasSize(31);
    findings = ExplainedEvents.findings(caseDir);
    sessions = ExplainedEvents.sessions(caseDir);
    try (io.github.trailbench.store.CaseStore store = io.github.trailbench.store.CaseStore.open(caseDir)) {
      graph = io.github.trailbench.store.CaseGraph.load(store, io.github.trailbench.store.CaseIam.snapshot(store));
    }
  }

  static Session session(String key) {
    return sessions.session(key).orElseThrow(() -> new AssertionError("no session " + key));
  }

  static String describe(String key) {
    return sessions.session(key).map(Object::toString).orElse("(none)") + " root=" + sessions.rootOf(key);
  }

  static List<String> keysOf(List<Session> chain) {
    return chain.stream().map(Session::accessKeyId).toList();
  }

  static String edges(java.util.function.Predicate<GraphEdge> p) {
    return graph.edges().stream().filter(p).map(e -> e.from() + " -" + e.kind() + "-> " + e.to() + " " + e.evidence())
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /** The nodes reachable from {@code start} along observed edges only (what the trail shows was done). */
  static Map<String, List<GraphEdge>> observedReach(String start) {
    return reach(start, OBSERVED);
  }

  /** The nodes reachable from {@code start} along the keys and sessions the trail shows (not role-level edges). */
  static Map<String, List<GraphEdge>> sessionReach(String start) {
    return reach(start, KEY_EDGES);
  }

  static Map<String, List<GraphEdge>> reach(String start, Set<EdgeKind> kinds) {
    Map<String, List<GraphEdge>> out = new HashMap<>();
    out.put(start, List.of());
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      for (GraphEdge e : graph.edges()) {
        if (kinds.contains(e.kind()) && e.from().equals(at) && !out.containsKey(e.to())) {
          List<GraphEdge> path = new ArrayList<>(out.get(at));
          path.add(e);
          out.put(e.to(), path);
          queue.addLast(e.to());
        }
      }
    }
    return out;
  }

  static List<JsonNode> findingsOn(String eventId) {
    return ExplainedEvents.holding(findings, eventId, Set.of("outcome-not-explained-by-policies"));
  }

  // ------------------------------------------------------------------ 1. a chain of three roles

  /**
   * Q1. "Key ASIACHAIN3… called s3:ListBuckets in account B: who is behind it?" alice's long-term key assumed
   * DeployRole (K1), K1 assumed CrossRole in account B (K2), K2 assumed DataRole (K3) [CHAIN]. Each AssumeRole record
   * names its caller's key (userIdentity.accessKeyId) and the key it issued (responseElements.credentials.accessKeyId)
   * [IAM-CT]. The chain must read K3 → K2 → K1 → alice's AKIA key, in that order, rooted at alice, complete.
   */
  @Test
  void q01_chainOfThreeRolesIsTracedBackToAliceInOrder() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(keysOf(sessions.chain(K3))).as(describe(K3)).containsExactly(K3, K2, K1, ALICE_KEY);
    soft.assertThat(sessions.rootOf(K3).identity()).as(describe(K3)).isEqualTo(ALICE);
    soft.assertThat(sessions.rootOf(K3).longTermKey()).isEqualTo(ALICE_KEY);
    soft.assertThat(sessions.rootOf(K3).complete()).as(describe(K3)).isTrue();
    soft.assertThat(events.get("rc-k3-list").path("sessionId").asText()).isEqualTo(K3);
    soft.assertAll();
  }

  /**
   * Q2. "Since when?" Each session starts with the AssumeRole call that issued it; its response carries the
   * credentials' expiration [STS-AR]. K1, K2 and K3 must name their issuing calls (for K2 the caller's copy, which
   * names the caller) and times, and the expiration as STS returned it.
   */
  @Test
  void q02_eachSessionOfTheChainNamesItsIssuingCallAndTime() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(K1).issuingEventId()).isEqualTo("rc-hop1");
    soft.assertThat(session(K1).issuedAt()).hasToString("2026-11-20T09:00:00Z");
    soft.assertThat(session(K2).issuingEventId()).as(describe(K2)).isEqualTo("rc-hop2");
    soft.assertThat(session(K2).issuedAt()).hasToString("2026-11-20T09:05:00Z");
    soft.assertThat(session(K3).issuingEventId()).isEqualTo("rc-hop3");
    soft.assertThat(session(K3).issuedAt()).hasToString("2026-11-20T09:10:00Z");
    soft.assertThat(session(K3).expiration()).isEqualTo("Nov 20, 2026, 10:10:00 AM");
    soft.assertThat(session(K3).principalArn()).isEqualTo("arn:aws:sts::" + B + ":assumed-role/DataRole/data-hop");
    soft.assertAll();
  }

  /**
   * Q3. alice set source identity "alice" when she assumed DeployRole; it "persists when a role is used to assume
   * another role … known as role chaining" [SRC-ID], and CloudTrail logs it in the sessionContext of the session's
   * service calls [CT-UID]. K2 and K3 must carry it, and the replay of K3's call must have aws:SourceIdentity = alice.
   */
  @Test
  void q03_sourceIdentitySetAtTheFirstHopIsOnEveryLaterSession() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "rc-k3-list");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(K1).sourceIdentity()).isEqualTo("alice");
    soft.assertThat(session(K2).sourceIdentity()).as(describe(K2)).isEqualTo("alice");
    soft.assertThat(session(K3).sourceIdentity()).as(describe(K3)).isEqualTo("alice");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:SourceIdentity")).as(ExplainedEvents.why(e)).containsExactly("alice");
    soft.assertAll();
  }

  /**
   * Q4. The cross-account hop is logged twice: in account A (the caller's copy, AssumedRole with K1) and in account
   * B (the role owner's copy, userIdentity AWSAccount with principalId and accountId only), one sharedEventID, the
   * same credentials in both responses [IAM-CT]. The owner's copy comes first in the file. Neither must break the
   * chain (K2's parent is K1) nor count the assumption twice: one did-assume edge DeployRole → CrossRole, "1 time(s)".
   */
  @Test
  void q04_bothCopiesOfTheCrossAccountCallNeitherBreakTheChainNorCountTwice() {
    List<GraphEdge> did = graph.edges().stream()
        .filter(e -> e.kind() == EdgeKind.DID_ASSUME && e.to().equals(CROSS_ROLE)).toList();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(K2).parentKey()).as(describe(K2)).isEqualTo(K1);
    soft.assertThat(session(K2).crossAccount()).isTrue();
    soft.assertThat(did).as("did-assume edges into CrossRole:" + edges(e -> e.to().equals(CROSS_ROLE)))
        .filteredOn(e -> e.from().equals(DEPLOY_ROLE)).singleElement()
        .satisfies(e -> assertThat(e.evidence().get(0)).startsWith("AssumeRole 1 time(s)"));
    soft.assertThat(did).as("no edge from account A's root user, whom neither copy names")
        .noneSatisfy(e -> assertThat(e.from()).endsWith(":root"));
    soft.assertAll();
  }

  /**
   * Q5. The owner's copy names "another AWS account" [CT-UID] and, by principalId, the calling entity (here DeployRole's
   * session alice-deploy; for bob's call his AIDA user id) - not the account's root user. The events list must not
   * attribute either owner's copy to arn:aws:iam::111111111111:root, and no finding may report root activity for them.
   */
  @Test
  void q05_theRoleOwnersCopyIsNotAttributedToTheCallingAccountsRootUser() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("rc-hop2-owner", "rc-bob-x-owner")) {
      soft.assertThat(events.get(id).path("principalArn").asText("")).as("principal of " + id).doesNotEndWith(":root");
      soft.assertThat(findingsOn(id)).as("findings on " + id)
          .noneSatisfy(f -> assertThat(f.path("rule").asText()).containsIgnoringCase("root"));
    }
    soft.assertAll();
  }

  /**
   * Q6. bob assumed CrossRole across accounts, and only the role owner's copy is in the case (account A's trail was not
   * imported). It names bob's account and principalId but no key [IAM-CT]: the session KX's origin cannot be traced to a
   * key; the product must say the chain is incomplete and must not root it at account A's root user.
   */
  @Test
  void q06_ownersCopyAloneLeavesTheChainIncompleteNotRootedAtTheAccount() {
    SessionGraph.ChainRoot root = sessions.rootOf(KX);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(KX).issuingEventId()).isEqualTo("rc-bob-x-owner");
    soft.assertThat(session(KX).parentKey()).isNull();
    soft.assertThat(root.complete()).as(describe(KX)).isFalse();
    soft.assertThat(root.identity()).as(describe(KX)).satisfiesAnyOf(
        i -> assertThat(i).isNull(), i -> assertThat(i).isEqualTo(BOB));
    soft.assertAll();
  }

  /**
   * Q7. The principal graph must draw the observed chain: alice owns her AKIA key, the key signed the AssumeRole that
   * issued the DeployRole session, whose key signed the call that issued the CrossRole session, whose key issued the
   * DataRole session (README: "An observed chain reads user → AKIA key → session → role, and a role chain session →
   * session → role"). Following observed edges from alice must reach DataRole.
   */
  @Test
  void q07_principalGraphDrawsTheObservedChainFromAliceToDataRole() {
    Map<String, List<GraphEdge>> reach = sessionReach(ALICE);
    String dataRole = "arn:aws:iam::" + B + ":role/DataRole";
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(reach).as("key and session edges:" + edges(e -> KEY_EDGES.contains(e.kind())))
        .containsKey("arn:aws:sts::" + B + ":assumed-role/DataRole/data-hop").containsKey(dataRole);
    soft.assertThat(reach.getOrDefault(dataRole, List.of())).extracting(GraphEdge::kind)
        .contains(EdgeKind.OWNS_KEY, EdgeKind.KEY_USED_BY_SESSION, EdgeKind.SESSION_OF);
    soft.assertAll();
  }

  /**
   * Q20. The role owner's copy of the cross-account hop names the caller by principalId (DeployRole's role id and the
   * session name alice-deploy) and account [CT-UID, IAM-CT]. Explaining that copy must decide it as the DeployRole
   * session of account A (the caller), not as account A's root user, and agree with CloudTrail's "allowed".
   */
  @Test
  void q20_theOwnersCopyIsDecidedAsTheCallingSessionNotTheAccount() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "rc-hop2-owner");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(all).as(ExplainedEvents.whyAll(all)).isNotEmpty().allSatisfy(e -> {
      assertThat(e.path("request").path("principal").asText())
          .isEqualTo("arn:aws:sts::" + A + ":assumed-role/DeployRole/alice-deploy");
      assertThat(e.path("verdict").asText()).isEqualTo("agrees");
    });
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. a session whose issuing call is not logged

  /**
   * Q8. Key ASIAORPHAN… is a DataRole session named "alice"; no AssumeRole issuing it is in the case. The session name
   * is whatever the caller chose [STS-AR]; nothing in the record links it to the IAM user alice. The product must say
   * the origin is unknown (incomplete chain, no parent) and must not root it at user alice.
   */
  @Test
  void q08_sessionWithoutItsIssuingCallHasAnUnknownOriginNotTheUserOfThatName() {
    SessionGraph.ChainRoot root = sessions.rootOf(K9);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(K9).origin()).as(describe(K9)).isEqualTo(SessionOrigin.UNKNOWN);
    soft.assertThat(session(K9).parentKey()).isNull();
    soft.assertThat(root.complete()).as(describe(K9)).isFalse();
    soft.assertThat(root.identity()).as(describe(K9)).isNotEqualTo(ALICE);
    soft.assertThat(root.longTermKey()).isNull();
    soft.assertThat(sessionReach(ALICE)).as("no key/session path from alice to the orphan session")
        .doesNotContainKey("arn:aws:sts::" + B + ":assumed-role/DataRole/alice");
    soft.assertAll();
  }

  /**
   * Q22. "Since when?" for the same orphan key: no issuing call, but every call records
   * sessionContext.attributes.creationDate, "The date and time when the temporary security credentials were issued"
   * [CT-UID]. The session's start is that time (09:25), and no issuing event is invented.
   */
  @Test
  void q22_sessionWithoutItsIssuingCallStartsAtTheLoggedCreationDate() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(K9).issuedAt()).as(describe(K9)).hasToString("2026-11-20T09:25:00Z");
    soft.assertThat(session(K9).issuingEventId()).isNull();
    soft.assertThat(session(K9).expiration()).isNull();
    soft.assertAll();
  }

  /**
   * Q23. A chain with its middle hop missing: alice's key issued a DeployRole session (logged), some CrossRole session
   * "gap-2" (whose AssumeRole is not in the case) issued the DataRole session "gap-3" (logged, signed with key
   * ASIAGAPHOP2…). Nothing logged links ASIAGAPHOP2… to alice's DeployRole session: the chain of ASIAGAPHOP3… must stop
   * at ASIAGAPHOP2…, be reported incomplete, and not be rooted at alice's key. The source identity "alice" the record
   * carries is kept as what it is, a value set at the first hop [SRC-ID, CT-UID].
   */
  @Test
  void q23_aChainWithAMissingMiddleHopStopsAtTheGapAndIsNotCompletedByGuess() {
    String kg1 = "ASIAGAPHOP100000001";
    String kg2 = "ASIAGAPHOP200000002";
    String kg3 = "ASIAGAPHOP300000003";
    SessionGraph.ChainRoot root = sessions.rootOf(kg3);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(keysOf(sessions.chain(kg3))).as(describe(kg3)).containsExactly(kg3, kg2);
    soft.assertThat(root.complete()).as(describe(kg3)).isFalse();
    soft.assertThat(root.longTermKey()).isNull();
    soft.assertThat(root.identity()).as(describe(kg3)).isNotEqualTo(ALICE);
    soft.assertThat(sessions.rootOf(kg1).identity()).isEqualTo(ALICE);
    soft.assertThat(session(kg3).sourceIdentity()).isEqualTo("alice");
    soft.assertThat(sessionReach(ALICE)).as("no key/session path from alice across the gap")
        .doesNotContainKey("arn:aws:sts::" + B + ":assumed-role/DataRole/gap-3");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 3. one session name, two callers

  /**
   * Q9. alice and bob each assumed DeployRole with session name "deploy": two calls, two keys (KA, KB), one session
   * ARN (the name is the caller's choice [STS-AR]). In the session graph each key must root at its own caller, and
   * bob's onward session to ToolsRole (issued by KB) at bob.
   */
  @Test
  void q09_sameSessionNameByTwoCallersIsTwoSessionsEachRootedAtItsCaller() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(sessions.rootOf(KA).identity()).as(describe(KA)).isEqualTo(ALICE);
    soft.assertThat(sessions.rootOf(KB).identity()).as(describe(KB)).isEqualTo(BOB);
    soft.assertThat(keysOf(sessions.chain(KT))).as(describe(KT)).containsExactly(KT, KB, BOB_KEY);
    soft.assertThat(sessions.rootOf(KT).identity()).isEqualTo(BOB);
    soft.assertAll();
  }

  /**
   * Q10. "Did alice reach ToolsRole?" The trail shows only bob's "deploy" session (KB) assuming ToolsRole; alice's
   * "deploy" session (KA) made one ListBuckets call. Following the principal graph's edges of keys and sessions (owns
   * key, key used by session, session of - what the trail shows a set of credentials did; role-level did-assume edges
   * left aside) from alice must not reach ToolsRole: the two sessions are two sets of credentials [STS-AR] even though
   * their session ARN is the same.
   */
  @Test
  void q10_sameSessionNameDoesNotGiveAliceBobsOnwardChainInTheGraph() {
    Map<String, List<GraphEdge>> reach = sessionReach(ALICE);
    assertThat(reach.containsKey(TOOLS_ROLE))
        .as("AWS: ToolsRole was assumed with bob's key KB only (rc-bob-tools names accessKeyId " + KB + "); the product's"
            + " principal graph gives alice an observed path to it: "
            + reach.getOrDefault(TOOLS_ROLE, List.of()).stream().map(e -> e.from() + " -" + e.kind() + "-> " + e.to())
                .collect(Collectors.joining(" | ")))
        .isFalse();
  }

  // ------------------------------------------------------------------ 4. EC2 instance credentials

  /**
   * Q11. EC2 assumed AppInstanceRole for instance i-0abc… (userIdentity AWSService, invokedBy ec2.amazonaws.com,
   * session name = instance id) and the instance's calls carry sessionContext.ec2RoleDelivery "2.0" [CT-UID, EC2]. The
   * key must be tied to the instance and the role through EC2, not to a human: origin instance profile, instance id,
   * rooted at ec2.amazonaws.com; no user has an observed path to the session.
   */
  @Test
  void q11_instanceCredentialsAreTiedToTheInstanceNotToAHuman() {
    String node = "arn:aws:sts::" + A + ":assumed-role/AppInstanceRole/i-0abc1234def567890";
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(KE).origin()).as(describe(KE)).isEqualTo(SessionOrigin.INSTANCE_PROFILE);
    soft.assertThat(session(KE).instanceId()).isEqualTo("i-0abc1234def567890");
    soft.assertThat(sessions.rootOf(KE).identity()).as(describe(KE)).isEqualTo("ec2.amazonaws.com");
    for (String user : List.of(ALICE, BOB, CAROL, DAVE)) {
      soft.assertThat(sessionReach(user)).as("key/session path from " + user).doesNotContainKey(node);
    }
    soft.assertThat(graph.edges()).as("session of edge").anySatisfy(e -> {
      assertThat(e.from()).isEqualTo(node);
      assertThat(e.to()).isEqualTo(INSTANCE_ROLE);
    });
    soft.assertAll();
  }

  /**
   * Q12. Key ASIANAMEONLY… is a DeployRole session named "i-0fff1111aaaa22223". DeployRole trusts account A's
   * principals, not ec2.amazonaws.com; the record has no ec2RoleDelivery (which CloudTrail sets on credentials the
   * instance metadata service provided [CT-UID]) and no issuing call is in the case. A session name is the caller's
   * choice [STS-AR], so nothing logged says EC2 issued it: the origin is unknown and the chain incomplete. The product
   * must not claim a complete chain rooted at EC2.
   */
  @Test
  void q12_aSessionNamedLikeAnInstanceIsNotInstanceCredentialsOnItsNameAlone() {
    SessionGraph.ChainRoot root = sessions.rootOf(KN);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(root.complete())
        .as("AWS: no ec2RoleDelivery, no issuing call, a role EC2 cannot assume: the origin is not in the log; the"
            + " product says " + describe(KN))
        .isFalse();
    soft.assertThat(session(KN).origin()).as(describe(KN)).isNotEqualTo(SessionOrigin.INSTANCE_PROFILE);
    soft.assertAll();
  }

  /**
   * Q13. The same session's call from 198.51.100.77: a finding that "instance-profile credentials" were used from
   * outside claims what the log does not show (Q12). The product must not report the DeployRole session named like an
   * instance as stolen instance credentials.
   */
  @Test
  void q13_noInstanceCredentialTheftFindingForASessionNamedLikeAnInstance() {
    assertThat(findingsOn("rc-nameonly-list"))
        .as("AWS: nothing logged makes ASIANAMEONLY… instance credentials (no ec2RoleDelivery, DeployRole does not trust"
            + " EC2); the product's findings on rc-nameonly-list: " + findingsOn("rc-nameonly-list"))
        .noneSatisfy(f -> assertThat(f.path("rule").asText()).isEqualTo("instance-credentials-used-outside"));
  }

  // ------------------------------------------------------------------ 5. Lambda execution role sessions

  /**
   * Q14. carol created function report-fn with execution role report-fn-exec; Lambda then assumed the role (AssumeRole
   * by AWSService lambda.amazonaws.com, session name report-fn, responseElements with the key [IAM-CT, CT-UID]) and the
   * function called s3:ListBuckets. Whoever is behind the key is the Lambda service's workload, not carol: the log
   * shows no key of hers issuing it.
   */
  @Test
  void q14_lambdaSessionIsTheServicesWorkloadNotTheFunctionsCreator() {
    SessionGraph.ChainRoot root = sessions.rootOf(KL1);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(root.identity()).as(describe(KL1)).isEqualTo("lambda.amazonaws.com");
    soft.assertThat(root.identity()).isNotEqualTo(CAROL);
    soft.assertThat(session(KL1).parentKey()).isNull();
    soft.assertThat(sessionReach(CAROL)).as("key/session path from carol")
        .doesNotContainKey("arn:aws:sts::" + A + ":assumed-role/report-fn-exec/report-fn");
    soft.assertAll();
  }

  /**
   * Q15. Another key of report-fn-exec, whose AssumeRole is not in the case: its calls carry userIdentity.inScopeOf
   * {issuerType AWS::Lambda::Function, credentialsIssuedTo arn:aws:lambda:…:function:report-fn}, which CloudTrail
   * documents as "the resource related to the environment where the credentials were issued" [CT-UID]. "Which workload
   * is behind this key?" The log answers it: function report-fn. The session graph must tie the key to that function
   * (in its root, parent or reason), not leave only the role.
   */
  @Test
  void q15_lambdaKeyIsTiedToTheFunctionThatInScopeOfNames() {
    Session s = session(KL2);
    SessionGraph.ChainRoot root = sessions.rootOf(KL2);
    String said = s.parentPrincipal() + " " + s.instanceId() + " " + root.identity() + " " + root.reason();
    assertThat(said)
        .as("AWS: inScopeOf.credentialsIssuedTo names " + FN + " as where the credentials were issued; the product says "
            + describe(KL2))
        .contains("function:report-fn");
  }

  /**
   * Q24. bob ran an ECS task (RunTask); ECS then assumed the task role etl-task-role for the task (AssumeRole by
   * AWSService ecs-tasks.amazonaws.com, session name = the task id) and the task called s3:ListBuckets [ECS, CT-UID].
   * The key is the task's workload, issued by ECS: rooted at ecs-tasks.amazonaws.com, not at bob, whose key issued
   * nothing here.
   */
  @Test
  void q24_ecsTaskRoleSessionIsTheTasksNotWhoeverRanTheTask() {
    String key = "ASIAECSTASK00000001";
    SessionGraph.ChainRoot root = sessions.rootOf(key);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(root.identity()).as(describe(key)).isEqualTo("ecs-tasks.amazonaws.com");
    soft.assertThat(session(key).parentKey()).isNull();
    soft.assertThat(session(key).origin()).isNotEqualTo(SessionOrigin.INSTANCE_PROFILE);
    soft.assertThat(sessionReach(BOB)).as("key/session path from bob")
        .doesNotContainKey("arn:aws:sts::" + A + ":assumed-role/etl-task-role/3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 6. console

  /**
   * Q16. alice switched to ConsoleAdmin in the console (SwitchRole sign-in event, userIdentity alice,
   * additionalEventData.SwitchTo = the role) and the switched session then called iam:ListUsers. Switching to a role
   * and assuming it are the same act [SWITCH]. "Who assumed ConsoleAdmin?" The principal graph's observed edges must
   * show alice assuming ConsoleAdmin (a did-assume edge, or any observed path from alice to the role).
   */
  @Test
  void q16_consoleRoleSwitchShowsAliceAssumingTheRoleInTheGraph() {
    Map<String, List<GraphEdge>> reach = observedReach(ALICE);
    assertThat(reach)
        .as("AWS: SwitchRole by alice to ConsoleAdmin is an assumption of the role; the product's edges touching"
            + " ConsoleAdmin:" + edges(e -> (e.from() + e.to()).contains("ConsoleAdmin")))
        .containsKey(CONSOLE_ADMIN);
  }

  /**
   * Q17. The switched session's key is a console key (sessionCredentialFromConsole) of ConsoleAdmin; no AssumeRole
   * issued it and no key links it to alice's sign-in session [CT-UID]. The session graph must not claim a complete
   * chain for it (who switched is told by the SwitchRole event, not by a key).
   */
  @Test
  void q17_switchedConsoleSessionIsAConsoleSessionWithoutAClaimedCompleteChain() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(KC).origin()).as(describe(KC)).isEqualTo(SessionOrigin.CONSOLE);
    soft.assertThat(sessions.rootOf(KC).complete()).as(describe(KC)).isFalse();
    soft.assertAll();
  }

  /**
   * Q21. alice's own console session: the SwitchRole event is signed with her console key ASIAALICECONSOLE… (userIdentity
   * IAMUser alice, sessionContext, sessionCredentialFromConsole) [CT-UID]. That key is alice's console session, rooted at
   * her, complete: an IAM user's console sign-in starts the chain.
   */
  @Test
  void q21_anIamUsersConsoleSessionKeyIsHersAndStartsTheChain() {
    String key = "ASIAALICECONSOLE001";
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(key).origin()).as(describe(key)).isEqualTo(SessionOrigin.CONSOLE);
    soft.assertThat(sessions.rootOf(key).identity()).as(describe(key)).isEqualTo(ALICE);
    soft.assertThat(sessions.rootOf(key).complete()).isTrue();
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 7. expiration, long-term keys

  /**
   * Q18. alice's DeployRole session "late" was issued at 17:00 with expiration "Nov 20, 2026 6:00:00 PM" - the form of
   * the CloudTrail User Guide's AssumeRole example ("expiration": "Jan 22, 2021 12:46:28 AM") [CT-UID] - and its key
   * signed a ListBuckets logged as successful at 20:00, two hours later. Expired credentials cannot be used [TEMP]: the
   * record and the logged expiration cannot both be true, so the replay must not "agree" with it.
   */
  @Test
  void q18_sessionUsedAfterAnExpirationLoggedInTheGuidesFormIsNotAnAgreement() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "rc-late-list");
    assertThat(e.path("verdict").asText())
        .as("AWS: the credentials expired at 18:00, the call is at 20:00; the product: " + ExplainedEvents.why(e)
            + " | session " + describe("ASIAEXPIRED00000001"))
        .isNotEqualTo("agrees");
  }

  /**
   * Q19. dave's long-term key AKIADAVE… signs a call; its CreateAccessKey is not in the case. The record names its
   * owner (userIdentity IAMUser, arn with the path /ops/) [CT-UID] and the authorization details hold that user: the key
   * is dave's, the root of its own chain, and the graph's owns-key edge starts at dave's IAM user node (path included).
   */
  @Test
  void q19_longTermKeyWhoseCreationIsNotLoggedIsOwnedByTheUserTheRecordNames() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(session(DAVE_KEY).origin()).isEqualTo(SessionOrigin.LONG_TERM_KEY);
    soft.assertThat(sessions.rootOf(DAVE_KEY).identity()).isEqualTo(DAVE);
    soft.assertThat(sessions.rootOf(DAVE_KEY).complete()).isTrue();
    soft.assertThat(graph.edges()).as("owns-key edges:" + edges(e -> e.kind() == EdgeKind.OWNS_KEY))
        .anySatisfy(e -> {
          assertThat(e.kind()).isEqualTo(EdgeKind.OWNS_KEY);
          assertThat(e.from()).isEqualTo(DAVE);
          assertThat(e.to()).isEqualTo(DAVE_KEY);
        });
    soft.assertThat(graph.node(DAVE)).as("dave's node").hasValueSatisfying(
        n -> assertThat(n.label()).isEqualTo("dave"));
    soft.assertAll();
  }
}
