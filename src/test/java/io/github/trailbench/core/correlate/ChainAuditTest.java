package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit of "who did what, with which credentials, through which role chain": records built as
 * AWS documents them (IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail";
 * CloudTrail User Guide, "CloudTrail userIdentity element"), fed to {@link SessionGraphBuilder}
 * and {@link PrincipalGraphBuilder}. Tests named for a rule; the ones that fail on the current code
 * are the confirmed findings (see the audit report), the others are regression tests.
 */
class ChainAuditTest {

  // ---------------------------------------------------------------- record helpers

  static final String A1 = "777788889999"; // caller's account (JohnDoe)
  static final String A2 = "111122223333"; // role owner's account
  static final String A3 = "444455556666"; // a third account

  static final String JOHN = "arn:aws:iam::" + A1 + ":user/JohnDoe";
  static final String JOHN_KEY = "AKIAQRSTUVWXYZEXAMPL";
  static final String JOHN_ID = "AIDAQRSTUVWXYZEXAMPLE";

  static String user(String acct, String name, String principalId, String key) {
    return "{'type':'IAMUser','principalId':'" + principalId + "','arn':'arn:aws:iam::" + acct + ":user/" + name + "',"
        + "'accountId':'" + acct + "'" + (key == null ? "" : ",'accessKeyId':'" + key + "'") + ",'userName':'" + name + "'}";
  }

  /** An AssumedRole identity as CloudTrail logs it; {@code extraSc} goes into sessionContext (e.g. sourceIdentity). */
  static String roleSession(String key, String acct, String role, String session, String created, String extraSc) {
    return "{'type':'AssumedRole','principalId':'AROA" + role.toUpperCase().replaceAll("[^A-Z0-9]", "") + ":" + session + "',"
        + "'arn':'arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session + "','accountId':'" + acct + "',"
        + "'accessKeyId':'" + key + "','sessionContext':{'sessionIssuer':{'type':'Role','principalId':'AROA"
        + role.toUpperCase().replaceAll("[^A-Z0-9]", "") + "','arn':'arn:aws:iam::" + acct + ":role/" + role + "','accountId':'"
        + acct + "','userName':'" + role + "'},'attributes':{'creationDate':'" + created + "','mfaAuthenticated':'false'}"
        + (extraSc == null ? "" : extraSc) + "}}";
  }

  /** The role owner's copy of a cross-account AssumeRole: "type": "AWSAccount", principal id and the caller's account, no key. */
  static String awsAccount(String principalId, String callerAccount) {
    return "{'type':'AWSAccount','principalId':'" + principalId + "','accountId':'" + callerAccount + "'}";
  }

  static String service(String svc) {
    return "{'type':'AWSService','invokedBy':'" + svc + "'}";
  }

  static CloudTrailEvent ev(String id, String time, String source, String name, String identity, String req, String resp,
      String recipient, String extra) {
    return record("{'eventVersion':'1.09','eventID':'" + id + "','eventTime':'" + time + "','eventSource':'" + source
        + "','eventName':'" + name + "','awsRegion':'us-east-2','sourceIPAddress':'192.0.2.101',"
        + "'userAgent':'aws-cli/2.15.0','eventType':'AwsApiCall','recipientAccountId':'" + recipient + "',"
        + "'userIdentity':" + identity + ",'requestParameters':" + (req == null ? "null" : req)
        + ",'responseElements':" + (resp == null ? "null" : resp) + (extra == null ? "" : "," + extra) + "}");
  }

  static String assumeReq(String roleArn, String session, String sourceIdentity) {
    return "{'roleArn':'" + roleArn + "','roleSessionName':'" + session + "'"
        + (sourceIdentity == null ? "" : ",'sourceIdentity':'" + sourceIdentity + "'") + "}";
  }

  static String assumeResp(String newKey, String acct, String role, String session, String sourceIdentity) {
    return "{'credentials':{'sessionToken':'<blob>','accessKeyId':'" + newKey + "','expiration':'Jul 18, 2026 4:07:39 PM'},"
        + "'assumedRoleUser':{'assumedRoleId':'AROA" + role.toUpperCase().replaceAll("[^A-Z0-9]", "") + ":" + session + "',"
        + "'arn':'arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session + "'}"
        + (sourceIdentity == null ? "" : ",'sourceIdentity':'" + sourceIdentity + "'") + "}";
  }

  static String roleArn(String acct, String role) {
    return "arn:aws:iam::" + acct + ":role/" + role;
  }

  static String sessionArn(String acct, String role, String session) {
    return "arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session;
  }

  static List<GraphEdge> edges(PrincipalGraph g, String from, String to, EdgeKind kind) {
    return g.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to) && e.kind() == kind).toList();
  }

  static List<GraphEdge> edgesOf(PrincipalGraph g, EdgeKind kind) {
    return g.edges().stream().filter(e -> e.kind() == kind).toList();
  }

  static PrincipalGraph principalGraph(List<CloudTrailEvent> events) {
    PrincipalGraphBuilder b = new PrincipalGraphBuilder(IamSnapshot.empty());
    events.forEach(b::add);
    return b.build();
  }

  // ---------------------------------------------------------------- 1. cross-account AssumeRole, both trails

  static final String EC2_DEV_KEY = "ASIAQRSTUVWXYZEC2DEV";
  static final String EC2_DEV_SESSION = sessionArn(A2, "EC2-dev", "JohnDoe-EC2-dev");

  /** The caller's copy (IAM User Guide, "Example cross-account AWS STS API events in CloudTrail log files"). */
  static CloudTrailEvent crossAccountCallerCopy() {
    return ev("dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE", "2026-07-18T15:07:39Z", "sts.amazonaws.com", "AssumeRole",
        user(A1, "JohnDoe", JOHN_ID, JOHN_KEY),
        assumeReq(roleArn(A2, "EC2-dev"), "JohnDoe-EC2-dev", "JohnDoe"),
        assumeResp(EC2_DEV_KEY, A2, "EC2-dev", "JohnDoe-EC2-dev", "JohnDoe"), A1,
        "'sharedEventID':'bEXAMPLE-efea-4a70-b951-19a88EXAMPLE','resources':[{'ARN':'" + roleArn(A2, "EC2-dev")
            + "','accountId':'" + A2 + "','type':'AWS::IAM::Role'}]");
  }

  /** The role owner's copy of the same call: "type": "AWSAccount", other eventID, same sharedEventID, owner's recipientAccountId. */
  static CloudTrailEvent crossAccountOwnerCopy() {
    return ev("eEXAMPLE-0000-466c-a608-4ac8dEXAMPLE", "2026-07-18T15:07:39Z", "sts.amazonaws.com", "AssumeRole",
        awsAccount(JOHN_ID, A1),
        assumeReq(roleArn(A2, "EC2-dev"), "JohnDoe-EC2-dev", "JohnDoe"),
        assumeResp(EC2_DEV_KEY, A2, "EC2-dev", "JohnDoe-EC2-dev", "JohnDoe"), A2,
        "'sharedEventID':'bEXAMPLE-efea-4a70-b951-19a88EXAMPLE'");
  }

  static CloudTrailEvent ec2DevUse(String id, String time) {
    return ev(id, time, "ec2.amazonaws.com", "DescribeInstances",
        roleSession(EC2_DEV_KEY, A2, "EC2-dev", "JohnDoe-EC2-dev", "2026-07-18T15:07:39Z", ",'sourceIdentity':'JohnDoe'"),
        "{}", null, A2, null);
  }

  static void assertCrossAccountSessionLinkedToJohnsKey(SessionGraph g) {
    assertThat(g.size()).as("sessions: John's AKIA key and the one EC2-dev session, no phantom").isEqualTo(2);
    Session s = g.session(EC2_DEV_KEY).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s.principalArn()).isEqualTo(EC2_DEV_SESSION);
    assertThat(s.crossAccount()).isTrue();
    assertThat(s.parentKey()).as("parent key of the cross-account session").isEqualTo(JOHN_KEY);
    assertThat(s.parentPrincipal()).as("parent principal of the cross-account session").isEqualTo(JOHN);
    assertThat(g.children(JOHN_KEY)).extracting(Session::accessKeyId).containsExactly(EC2_DEV_KEY);
    SessionGraph.ChainRoot root = g.rootOf(EC2_DEV_KEY);
    assertThat(root.identity()).isEqualTo(JOHN);
    assertThat(root.longTermKey()).isEqualTo(JOHN_KEY);
    assertThat(root.complete()).isTrue();
  }

  @Test
  void crossAccountAssumeRoleInBothTrails_callerCopyFirst_sessionIsCountedOnceAndKeepsCallersKeyAsParent() {
    SessionGraph g = new SessionGraphBuilder()
        .addAll(List.of(crossAccountCallerCopy(), crossAccountOwnerCopy(), ec2DevUse("u1", "2026-07-18T15:08:00Z")))
        .build();
    assertCrossAccountSessionLinkedToJohnsKey(g);
  }

  @Test
  void crossAccountAssumeRoleInBothTrails_ownerCopyFirst_sessionIsCountedOnceAndKeepsCallersKeyAsParent() {
    SessionGraph g = new SessionGraphBuilder()
        .addAll(List.of(crossAccountOwnerCopy(), crossAccountCallerCopy(), ec2DevUse("u1", "2026-07-18T15:08:00Z")))
        .build();
    assertCrossAccountSessionLinkedToJohnsKey(g);
  }

  /**
   * Only the role owner's trail: the caller is known as "account 777788889999, principal AIDA…", not its key.
   * The chain must not be reported as complete and rooted at the account's root user.
   */
  @Test
  void crossAccountAssumeRoleOwnerTrailOnly_chainIsNotClaimedCompleteAtTheCallersAccountRoot() {
    SessionGraph g = new SessionGraphBuilder()
        .addAll(List.of(crossAccountOwnerCopy(), ec2DevUse("u1", "2026-07-18T15:08:00Z"))).build();
    Session s = g.session(EC2_DEV_KEY).orElseThrow();
    assertThat(s.parentKey()).isNull();
    SessionGraph.ChainRoot root = g.rootOf(EC2_DEV_KEY);
    assertThat(root.longTermKey()).isNull();
    assertThat(root.complete())
        .as("root %s: the owner's copy names account %s and principal %s, not the root user", root, A1, JOHN_ID)
        .isFalse();
  }

  @Test
  void crossAccountAssumeRoleInBothTrails_principalGraphHasOneDidAssumeAndOneKeyUsedBySessionEdge() {
    for (List<CloudTrailEvent> order : List.of(
        List.of(crossAccountCallerCopy(), crossAccountOwnerCopy(), ec2DevUse("u1", "2026-07-18T15:08:00Z")),
        List.of(crossAccountOwnerCopy(), crossAccountCallerCopy(), ec2DevUse("u1", "2026-07-18T15:08:00Z")))) {
      PrincipalGraph g = principalGraph(order);
      List<GraphEdge> did = edgesOf(g, EdgeKind.DID_ASSUME);
      assertThat(did).as("did-assume edges").hasSize(1);
      assertThat(did.get(0).from()).isEqualTo(JOHN);
      assertThat(did.get(0).to()).isEqualTo(roleArn(A2, "EC2-dev"));
      assertThat(did.get(0).evidence().get(0)).contains("1 time(s)");
      List<GraphEdge> used = edgesOf(g, EdgeKind.KEY_USED_BY_SESSION);
      assertThat(used).as("key-used-by-session edges, %s copy added first",
          order.get(0).userIdentity().type().equals("IAMUser") ? "caller's" : "role owner's").hasSize(1);
      assertThat(used.get(0).from()).isEqualTo(JOHN_KEY);
      assertThat(used.get(0).to()).isEqualTo(EC2_DEV_SESSION);
    }
  }

  // ---------------------------------------------------------------- 2. chains of depth 3

  static final String ALICE = "arn:aws:iam::" + A1 + ":user/alice";
  static final String ALICE_KEY = "AKIAALICECHAIN000001";
  static final String KEY_A = "ASIACHAINROLEA000001";
  static final String KEY_B = "ASIACHAINROLEB000001";
  static final String KEY_C = "ASIACHAINROLEC000001";

  /** alice's AKIA → RoleA (A1) → RoleB (A2, cross-account) → RoleC (A3, cross-account); with the owner copies when asked. */
  static List<CloudTrailEvent> depth3(boolean ownerCopies, boolean withMiddleIssuingCall) {
    List<CloudTrailEvent> l = new ArrayList<>();
    String aliceId = user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY);
    String sA = roleSession(KEY_A, A1, "RoleA", "alice-a", "2026-11-20T10:01:00Z", null);
    String sB = roleSession(KEY_B, A2, "RoleB", "alice-b", "2026-11-20T10:03:00Z", null);
    String sC = roleSession(KEY_C, A3, "RoleC", "alice-c", "2026-11-20T10:05:00Z", null);
    l.add(ev("c1", "2026-11-20T10:01:00Z", "sts.amazonaws.com", "AssumeRole", aliceId,
        assumeReq(roleArn(A1, "RoleA"), "alice-a", null), assumeResp(KEY_A, A1, "RoleA", "alice-a", null), A1, null));
    l.add(ev("c2", "2026-11-20T10:02:00Z", "s3.amazonaws.com", "ListBuckets", sA, "{}", null, A1, null));
    if (withMiddleIssuingCall) {
      l.add(ev("c3", "2026-11-20T10:03:00Z", "sts.amazonaws.com", "AssumeRole", sA,
          assumeReq(roleArn(A2, "RoleB"), "alice-b", null), assumeResp(KEY_B, A2, "RoleB", "alice-b", null), A1,
          "'sharedEventID':'shared-b'"));
      if (ownerCopies) {
        l.add(ev("c3o", "2026-11-20T10:03:00Z", "sts.amazonaws.com", "AssumeRole", awsAccount("AROAROLEA:alice-a", A1),
            assumeReq(roleArn(A2, "RoleB"), "alice-b", null), assumeResp(KEY_B, A2, "RoleB", "alice-b", null), A2,
            "'sharedEventID':'shared-b'"));
      }
    }
    l.add(ev("c4", "2026-11-20T10:04:00Z", "iam.amazonaws.com", "ListRoles", sB, "{}", null, A2, null));
    l.add(ev("c5", "2026-11-20T10:05:00Z", "sts.amazonaws.com", "AssumeRole", sB,
        assumeReq(roleArn(A3, "RoleC"), "alice-c", null), assumeResp(KEY_C, A3, "RoleC", "alice-c", null), A2,
        "'sharedEventID':'shared-c'"));
    if (ownerCopies) {
      l.add(ev("c5o", "2026-11-20T10:05:00Z", "sts.amazonaws.com", "AssumeRole", awsAccount("AROAROLEB:alice-b", A2),
          assumeReq(roleArn(A3, "RoleC"), "alice-c", null), assumeResp(KEY_C, A3, "RoleC", "alice-c", null), A3,
          "'sharedEventID':'shared-c'"));
    }
    l.add(ev("c6", "2026-11-20T10:06:00Z", "s3.amazonaws.com", "DeleteBucket", sC, "{'bucketName':'evidence'}", null, A3, null));
    return l;
  }

  static void assertDepth3Chain(SessionGraph g) {
    assertThat(g.size()).isEqualTo(4);
    assertThat(g.session(KEY_A).orElseThrow().parentKey()).isEqualTo(ALICE_KEY);
    assertThat(g.session(KEY_B).orElseThrow().parentKey()).as("RoleB's parent").isEqualTo(KEY_A);
    assertThat(g.session(KEY_B).orElseThrow().parentPrincipal()).isEqualTo(sessionArn(A1, "RoleA", "alice-a"));
    assertThat(g.session(KEY_C).orElseThrow().parentKey()).as("RoleC's parent").isEqualTo(KEY_B);
    assertThat(g.session(KEY_C).orElseThrow().parentPrincipal()).isEqualTo(sessionArn(A2, "RoleB", "alice-b"));
    assertThat(g.chain(KEY_C)).extracting(Session::accessKeyId).containsExactly(KEY_C, KEY_B, KEY_A, ALICE_KEY);
    SessionGraph.ChainRoot root = g.rootOf(KEY_C);
    assertThat(root.identity()).isEqualTo(ALICE);
    assertThat(root.longTermKey()).isEqualTo(ALICE_KEY);
    assertThat(root.complete()).isTrue();
  }

  @Test
  void depth3ChainWithCrossAccountHops_callerTrailsOnly_eachSessionNamesItsParent() {
    assertDepth3Chain(new SessionGraphBuilder().addAll(depth3(false, true)).build());
  }

  @Test
  void depth3ChainWithCrossAccountHops_allAccountsTrails_eachSessionStillNamesItsParent() {
    assertDepth3Chain(new SessionGraphBuilder().addAll(depth3(true, true)).build());
  }

  @Test
  void depth3ChainWithCrossAccountHops_allAccountsTrails_principalGraphChainsSessionToSession() {
    PrincipalGraph g = principalGraph(depth3(true, true));
    assertThat(edges(g, ALICE_KEY, sessionArn(A1, "RoleA", "alice-a"), EdgeKind.KEY_USED_BY_SESSION)).hasSize(1);
    assertThat(edges(g, sessionArn(A1, "RoleA", "alice-a"), sessionArn(A2, "RoleB", "alice-b"), EdgeKind.KEY_USED_BY_SESSION))
        .as("RoleA session → RoleB session").hasSize(1);
    assertThat(edges(g, sessionArn(A2, "RoleB", "alice-b"), sessionArn(A3, "RoleC", "alice-c"), EdgeKind.KEY_USED_BY_SESSION))
        .as("RoleB session → RoleC session").hasSize(1);
    assertThat(edgesOf(g, EdgeKind.DID_ASSUME)).extracting(e -> e.from() + " -> " + e.to()).containsExactlyInAnyOrder(
        ALICE + " -> " + roleArn(A1, "RoleA"),
        roleArn(A1, "RoleA") + " -> " + roleArn(A2, "RoleB"),
        roleArn(A2, "RoleB") + " -> " + roleArn(A3, "RoleC"));
  }

  @Test
  void depth3ChainMissingTheMiddleIssuingCall_chainStopsHonestlyAtTheUnknownSession() {
    SessionGraph g = new SessionGraphBuilder().addAll(depth3(false, false)).build();
    Session b = g.session(KEY_B).orElseThrow();
    assertThat(b.origin()).isEqualTo(SessionOrigin.UNKNOWN);
    assertThat(b.parentKey()).isNull();
    assertThat(b.parentPrincipal()).isNull();
    assertThat(g.session(KEY_C).orElseThrow().parentKey()).isEqualTo(KEY_B);
    assertThat(g.chain(KEY_C)).extracting(Session::accessKeyId).containsExactly(KEY_C, KEY_B);
    SessionGraph.ChainRoot root = g.rootOf(KEY_C);
    assertThat(root.complete()).isFalse();
    assertThat(root.longTermKey()).isNull();
    assertThat(root.identity()).isNotEqualTo(ALICE);
    assertThat(root.reason()).contains(KEY_B);
  }

  /** As above, with the role owner's copy of the last hop (RoleB → RoleC) also in the case. */
  @Test
  void depth3ChainMissingTheMiddleIssuingCall_withTheOwnersCopyOfTheLastHop_chainStillStopsAtTheUnknownSession() {
    SessionGraph g = new SessionGraphBuilder().addAll(depth3(true, false)).build();
    Session c = g.session(KEY_C).orElseThrow();
    SessionGraph.ChainRoot root = g.rootOf(KEY_C);
    assertThat(c.parentKey()).as("RoleC's parent key (its parent principal is %s, root %s)", c.parentPrincipal(), root)
        .isEqualTo(KEY_B);
    assertThat(root.complete()).as("root %s", root).isFalse();
  }

  // ---------------------------------------------------------------- 3. console sign-in and SwitchRole

  static final String ANAYA = "arn:aws:iam::" + A2 + ":user/anaya";
  static final String ANAYA_CONSOLE_KEY = "ASIAANAYACONSOLE0001";
  static final String SWITCHED_KEY = "ASIAANAYASWITCHED001";

  static List<CloudTrailEvent> consoleWithSwitchRole() {
    List<CloudTrailEvent> l = new ArrayList<>();
    l.add(record("{'eventVersion':'1.09','userIdentity':" + user(A2, "anaya", "AIDACKCEVSQ6C2EXAMPLE", null) + ","
        + "'eventTime':'2026-08-29T16:24:34Z','eventSource':'signin.amazonaws.com','eventName':'ConsoleLogin',"
        + "'awsRegion':'us-east-2','sourceIPAddress':'192.0.2.0','userAgent':'Mozilla/5.0','requestParameters':null,"
        + "'responseElements':{'ConsoleLogin':'Success'},'additionalEventData':{'LoginTo':'https://console.aws.amazon.com/',"
        + "'MobileVersion':'No','MFAUsed':'Yes'},'eventID':'s1','eventType':'AwsConsoleSignIn','recipientAccountId':'" + A2 + "'}"));
    String consoleUser = "{'type':'IAMUser','principalId':'AIDACKCEVSQ6C2EXAMPLE','arn':'" + ANAYA + "','accountId':'" + A2 + "',"
        + "'accessKeyId':'" + ANAYA_CONSOLE_KEY + "','userName':'anaya','sessionContext':{'attributes':{'creationDate':"
        + "'2026-08-29T16:24:34Z','mfaAuthenticated':'true'}}}";
    l.add(ev("s2", "2026-08-29T16:25:00Z", "iam.amazonaws.com", "ListUsers", consoleUser, "{}", null, A2,
        "'sessionCredentialFromConsole':'true'"));
    // the console's switch-role record: signed with the user's console session, SwitchFrom / SwitchTo in additionalEventData
    l.add(record("{'eventVersion':'1.09','userIdentity':" + consoleUser + ",'eventTime':'2026-08-29T16:26:00Z',"
        + "'eventSource':'signin.amazonaws.com','eventName':'SwitchRole','awsRegion':'us-east-1','sourceIPAddress':'192.0.2.0',"
        + "'userAgent':'Mozilla/5.0','requestParameters':null,'responseElements':{'SwitchRole':'Success'},"
        + "'additionalEventData':{'SwitchFrom':'" + ANAYA + "','SwitchTo':'" + roleArn(A2, "SecurityAdmin") + "',"
        + "'RedirectTo':'https://console.aws.amazon.com/guardduty/home'},'eventID':'s3','eventType':'AwsConsoleSignIn',"
        + "'recipientAccountId':'" + A2 + "','sessionCredentialFromConsole':'true'}"));
    l.add(ev("s4", "2026-08-29T16:27:00Z", "guardduty.amazonaws.com", "ListDetectors",
        roleSession(SWITCHED_KEY, A2, "SecurityAdmin", "anaya", "2026-08-29T16:26:00Z", null), "{}", null, A2,
        "'sessionCredentialFromConsole':'true'"));
    return l;
  }

  @Test
  void consoleSessionOfAnIamUserIsRootedAtTheUser() {
    SessionGraph g = new SessionGraphBuilder().addAll(consoleWithSwitchRole()).build();
    Session s = g.session(ANAYA_CONSOLE_KEY).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.CONSOLE);
    assertThat(g.rootOf(ANAYA_CONSOLE_KEY).identity()).isEqualTo(ANAYA);
    assertThat(g.rootOf(ANAYA_CONSOLE_KEY).complete()).isTrue();
  }

  /**
   * A console SwitchRole session is the signed-in user's: the chain must lead to that user (the SwitchRole record
   * names her) or stop as incomplete; it must not be reported complete with the role itself as the original identity.
   */
  @Test
  void consoleSwitchRoleSession_isTracedToTheSwitchingUserOrLeftIncomplete_neverCompleteAtTheRole() {
    SessionGraph g = new SessionGraphBuilder().addAll(consoleWithSwitchRole()).build();
    Session s = g.session(SWITCHED_KEY).orElseThrow();
    SessionGraph.ChainRoot root = g.rootOf(SWITCHED_KEY);
    assertThat(root.complete() && !ANAYA.equals(root.identity()))
        .as("switched session %s (origin %s) has root %s", s.principalArn(), s.origin(), root)
        .isFalse();
  }

  // ---------------------------------------------------------------- 4. Identity Center, SAML, web identity, federation, EC2, Lambda

  static final String SSO_ROLE = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
  static final String SSO_KEY = "ASIASSOALICE00000001";

  /** sso GetRoleCredentials as logged in the member account: credentials are not logged (responseElements null). */
  static CloudTrailEvent getRoleCredentials() {
    return record("{'eventVersion':'1.08','userIdentity':{'type':'Unknown','principalId':'d-906700c1ad.alice',"
        + "'accountId':'" + A2 + "','userName':'alice@example.com'},'eventTime':'2026-11-20T09:00:00Z',"
        + "'eventSource':'sso.amazonaws.com','eventName':'GetRoleCredentials','awsRegion':'us-east-1',"
        + "'sourceIPAddress':'198.51.100.10','userAgent':'aws-cli/2.15.0','requestParameters':{'roleName':'AdministratorAccess',"
        + "'accountId':'" + A2 + "'},'responseElements':null,'eventID':'sso1','eventType':'AwsApiCall',"
        + "'recipientAccountId':'" + A2 + "'}");
  }

  @Test
  void identityCenterRoleSessionFromTheCli_hasNoStsIssuingCall_soItsChainIsIncomplete() {
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(getRoleCredentials(),
        ev("sso2", "2026-11-20T09:01:00Z", "s3.amazonaws.com", "ListBuckets",
            roleSession(SSO_KEY, A2, SSO_ROLE, "alice@example.com", "2026-11-20T09:00:00Z", null), "{}", null, A2, null)))
        .build();
    assertThat(g.size()).as("GetRoleCredentials issues no session the builder can see").isEqualTo(1);
    Session s = g.session(SSO_KEY).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.UNKNOWN);
    assertThat(s.issuerArn()).isEqualTo(roleArn(A2, SSO_ROLE));
    assertThat(s.parentKey()).isNull();
    assertThat(g.rootOf(SSO_KEY).complete()).isFalse();
  }

  /** The same Identity Center role session used in the console: still no signed-in IAM user or root behind it. */
  @Test
  void identityCenterRoleSessionInTheConsole_isNotClaimedCompleteWithTheRoleAsOrigin() {
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(getRoleCredentials(),
        ev("sso2", "2026-11-20T09:01:00Z", "s3.amazonaws.com", "ListBuckets",
            roleSession(SSO_KEY, A2, SSO_ROLE, "alice@example.com", "2026-11-20T09:00:00Z", null), "{}", null, A2,
            "'sessionCredentialFromConsole':'true'")))
        .build();
    SessionGraph.ChainRoot root = g.rootOf(SSO_KEY);
    assertThat(root.complete() && roleArn(A2, SSO_ROLE).equals(root.identity()))
        .as("Identity Center console session has root %s", root).isFalse();
  }

  @Test
  void assumeRoleWithSamlSessionIsRootedAtTheSamlPrincipal() {
    String samlKey = "ASIASAMLAUDIT0000001";
    CloudTrailEvent issue = ev("saml1", "2026-11-01T19:14:36Z", "sts.amazonaws.com", "AssumeRoleWithSAML",
        "{'type':'SAMLUser','principalId':'SampleUkh1i4+ExamplexL/jEvs=:SamlExample','userName':'SamlExample',"
            + "'identityProvider':'bdGOnTesti4+ExamplexL/jEvs='}",
        "{'sAMLAssertionID':'_c0046c','roleSessionName':'MyAssignedRoleSessionName','sourceIdentity':'MySAMLUser',"
            + "'durationSeconds':3600,'roleArn':'" + roleArn(A3, "SAMLTestRole") + "','principalArn':'arn:aws:iam::" + A3
            + ":saml-provider/Shibboleth'}",
        "{'subjectType':'transient','issuer':'https://server.example.com/idp/shibboleth','sourceIdentity':'MySAMLUser',"
            + "'credentials':{'accessKeyId':'" + samlKey + "','expiration':'Mar 23, 2026 2:39:57 AM','sessionToken':'x'},"
            + "'nameQualifier':'bdGOnTesti4+ExamplexL/jEvs=','assumedRoleUser':{'assumedRoleId':'AROAD35Q:MyAssignedRoleSessionName',"
            + "'arn':'" + sessionArn(A3, "SAMLTestRole", "MyAssignedRoleSessionName") + "'},'subject':'SamlExample',"
            + "'audience':'https://signin.aws.amazon.com/saml'}", A3, null);
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(issue,
        ev("saml2", "2026-11-01T19:15:00Z", "s3.amazonaws.com", "ListBuckets",
            roleSession(samlKey, A3, "SAMLTestRole", "MyAssignedRoleSessionName", "2026-11-01T19:14:36Z",
                ",'sourceIdentity':'MySAMLUser'"), "{}", null, A3, null))).build();
    Session s = g.session(samlKey).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_SAML);
    assertThat(s.parentKey()).isNull();
    assertThat(s.sourceIdentity()).isEqualTo("MySAMLUser");
    assertThat(g.rootOf(samlKey).identity()).isEqualTo("SampleUkh1i4+ExamplexL/jEvs=:SamlExample");
    assertThat(g.rootOf(samlKey).complete()).isTrue();
    assertThat(g.size()).isEqualTo(1);
  }

  @Test
  void assumeRoleWithWebIdentitySessionIsRootedAtTheWebIdentityPrincipal() {
    String key = "ASIAWEBIDAUDIT000001";
    String principal = "accounts.google.com:application-id.apps.googleusercontent.com:user-id";
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(
        ev("w1", "2026-11-02T10:00:00Z", "sts.amazonaws.com", "AssumeRoleWithWebIdentity",
            "{'type':'WebIdentityUser','principalId':'" + principal + "','userName':'user-id','identityProvider':'accounts.google.com'}",
            "{'roleArn':'" + roleArn(A2, "WebAppRole") + "','roleSessionName':'app1','durationSeconds':3600}",
            "{'credentials':{'accessKeyId':'" + key + "','sessionToken':'x','expiration':'Nov 2, 2026, 11:00:00 AM'},"
                + "'subjectFromWebIdentityToken':'user-id','assumedRoleUser':{'assumedRoleId':'AROAWEB:app1','arn':'"
                + sessionArn(A2, "WebAppRole", "app1") + "'},'provider':'accounts.google.com','audience':'application-id.apps.googleusercontent.com'}",
            A2, null),
        ev("w2", "2026-11-02T10:01:00Z", "dynamodb.amazonaws.com", "GetItem",
            roleSession(key, A2, "WebAppRole", "app1", "2026-11-02T10:00:00Z", ",'webIdFederationData':{'federatedProvider':'accounts.google.com'}"),
            "{'tableName':'t'}", null, A2, null))).build();
    Session s = g.session(key).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY);
    assertThat(g.rootOf(key).identity()).isEqualTo(principal);
    assertThat(g.rootOf(key).complete()).isTrue();
  }

  @Test
  void getFederationTokenSessionIsTheFederatedUserRootedAtTheCallingUsersKey() {
    String fedKey = "ASIAFEDERATED0000001";
    String fed = "arn:aws:sts::" + A2 + ":federated-user/partner";
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(
        ev("f1", "2026-11-03T10:00:00Z", "sts.amazonaws.com", "GetFederationToken", user(A2, "broker", "AIDABROKER", "AKIABROKER0000000001"),
            "{'name':'partner','durationSeconds':3600}",
            "{'credentials':{'accessKeyId':'" + fedKey + "','sessionToken':'x','expiration':'Nov 3, 2026, 11:00:00 AM'},"
                + "'federatedUser':{'federatedUserId':'" + A2 + ":partner','arn':'" + fed + "'},'packedPolicySize':6}", A2, null),
        ev("f2", "2026-11-03T10:01:00Z", "s3.amazonaws.com", "ListBuckets",
            "{'type':'FederatedUser','principalId':'" + A2 + ":partner','arn':'" + fed + "','accountId':'" + A2 + "',"
                + "'accessKeyId':'" + fedKey + "','sessionContext':{'sessionIssuer':{'type':'IAMUser','principalId':'AIDABROKER',"
                + "'arn':'arn:aws:iam::" + A2 + ":user/broker','accountId':'" + A2 + "','userName':'broker'},"
                + "'attributes':{'creationDate':'2026-11-03T10:00:00Z','mfaAuthenticated':'false'}}}",
            "{}", null, A2, null))).build();
    Session s = g.session(fedKey).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.GET_FEDERATION_TOKEN);
    assertThat(s.principalArn()).isEqualTo(fed);
    assertThat(s.issuerArn()).isEqualTo("arn:aws:iam::" + A2 + ":user/broker");
    assertThat(s.parentKey()).isEqualTo("AKIABROKER0000000001");
    assertThat(g.rootOf(fedKey).longTermKey()).isEqualTo("AKIABROKER0000000001");
    assertThat(g.rootOf(fedKey).complete()).isTrue();
  }

  static final String INSTANCE_KEY = "ASIAINSTANCEAUDIT001";

  @Test
  void ec2InstanceProfileSessionIsIssuedByEc2WithTheInstanceId() {
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(
        ev("i1", "2026-11-04T10:00:00Z", "sts.amazonaws.com", "AssumeRole", service("ec2.amazonaws.com"),
            assumeReq(roleArn(A2, "app-server-role"), "i-0a1b2c3d4e5f60718", null),
            assumeResp(INSTANCE_KEY, A2, "app-server-role", "i-0a1b2c3d4e5f60718", null), A2, null),
        ev("i2", "2026-11-04T10:01:00Z", "s3.amazonaws.com", "GetObject",
            roleSession(INSTANCE_KEY, A2, "app-server-role", "i-0a1b2c3d4e5f60718", "2026-11-04T10:00:00Z",
                ",'ec2RoleDelivery':'2.0'"), "{'bucketName':'b','key':'k'}", null, A2, null))).build();
    Session s = g.session(INSTANCE_KEY).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.INSTANCE_PROFILE);
    assertThat(s.instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
    assertThat(s.parentKey()).isNull();
    assertThat(s.parentPrincipal()).isEqualTo("ec2.amazonaws.com");
    assertThat(g.rootOf(INSTANCE_KEY).identity()).isEqualTo("ec2.amazonaws.com");
    assertThat(g.size()).isEqualTo(1);
  }

  @Test
  void lambdaExecutionRoleSessionIsIssuedByLambdaNotByAUser() {
    String key = "ASIALAMBDAAUDIT00001";
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(
        ev("l1", "2026-11-04T11:00:00Z", "sts.amazonaws.com", "AssumeRole", service("lambda.amazonaws.com"),
            assumeReq(roleArn(A2, "orders-processor-role"), "orders-processor", null),
            assumeResp(key, A2, "orders-processor-role", "orders-processor", null), A2, null),
        ev("l2", "2026-11-04T11:00:01Z", "secretsmanager.amazonaws.com", "GetSecretValue",
            roleSession(key, A2, "orders-processor-role", "orders-processor", "2026-11-04T11:00:00Z", null),
            "{'secretId':'db'}", null, A2, null))).build();
    Session s = g.session(key).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s.parentKey()).isNull();
    assertThat(s.parentPrincipal()).isEqualTo("lambda.amazonaws.com");
    assertThat(g.rootOf(key).identity()).isEqualTo("lambda.amazonaws.com");
  }

  /**
   * A user may name her session like an instance id (roleSessionName is the caller's choice): with her AssumeRole in the
   * case, the session is hers whatever order the events are added in (the builder takes events "in any order").
   */
  @Test
  void sessionNamedLikeAnInstanceIdButIssuedByAUser_isTheUsersSession_inAnyOrder() {
    String key = "ASIAFAKEINSTANCE0001";
    CloudTrailEvent issue = ev("n1", "2026-11-05T10:00:00Z", "sts.amazonaws.com", "AssumeRole", user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY),
        assumeReq(roleArn(A1, "app-server-role"), "i-0a1b2c3d4e5f60718", null),
        assumeResp(key, A1, "app-server-role", "i-0a1b2c3d4e5f60718", null), A1, null);
    CloudTrailEvent use = ev("n2", "2026-11-05T10:01:00Z", "s3.amazonaws.com", "ListBuckets",
        roleSession(key, A1, "app-server-role", "i-0a1b2c3d4e5f60718", "2026-11-05T10:00:00Z", null), "{}", null, A1, null);
    for (List<CloudTrailEvent> order : List.of(List.of(issue, use), List.of(use, issue))) {
      SessionGraph g = new SessionGraphBuilder().addAll(order).build();
      Session s = g.session(key).orElseThrow();
      assertThat(s.origin()).as("origin, events added %s", order.get(0) == issue ? "issue first" : "use first")
          .isEqualTo(SessionOrigin.ASSUME_ROLE);
      assertThat(s.parentKey()).isEqualTo(ALICE_KEY);
      assertThat(s.instanceId()).as("instance id, events added %s", order.get(0) == issue ? "issue first" : "use first").isNull();
    }
  }

  /** Consequence of the rule above: a user's own session used from her laptop is no "instance credential used outside AWS". */
  @Test
  void sessionNamedLikeAnInstanceIdButIssuedByAUser_isNotFlaggedAsInstanceCredentialsUsedOutsideAws_inAnyOrder() {
    String key = "ASIAFAKEINSTANCE0001";
    CloudTrailEvent issue = ev("n1", "2026-11-05T10:00:00Z", "sts.amazonaws.com", "AssumeRole", user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY),
        assumeReq(roleArn(A1, "app-server-role"), "i-0a1b2c3d4e5f60718", null),
        assumeResp(key, A1, "app-server-role", "i-0a1b2c3d4e5f60718", null), A1, null);
    CloudTrailEvent use = ev("n2", "2026-11-05T10:01:00Z", "s3.amazonaws.com", "ListBuckets",
        roleSession(key, A1, "app-server-role", "i-0a1b2c3d4e5f60718", "2026-11-05T10:00:00Z", null), "{}", null, A1, null);
    for (List<CloudTrailEvent> order : List.of(List.of(issue, use), List.of(use, issue))) {
      SessionGraph g = new SessionGraphBuilder().addAll(order).build(ip -> IpOwnership.Owner.NOT_AWS);
      assertThat(g.instanceCredentialsUsedOutsideAws()).extracting(Session::accessKeyId)
          .as("events added %s", order.get(0) == issue ? "issue first" : "use first").isEmpty();
    }
  }

  // ---------------------------------------------------------------- 5. source identity; same session name, different people

  @Test
  void sourceIdentitySetOnTheFirstHopIsCarriedAlongTheChain() {
    String k1 = "ASIASRCIDHOP0000001";
    String k2 = "ASIASRCIDHOP0000002";
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(
        ev("si1", "2026-11-06T10:00:00Z", "sts.amazonaws.com", "AssumeRole", user(A1, "JohnDoe", JOHN_ID, JOHN_KEY),
            assumeReq(roleArn(A1, "JohnRole1"), "JohnRole1", "JohnDoe"), assumeResp(k1, A1, "JohnRole1", "JohnRole1", "JohnDoe"), A1, null),
        // second hop: the request does not repeat the source identity; STS carries it (response and sessionContext show it)
        ev("si2", "2026-11-06T10:05:00Z", "sts.amazonaws.com", "AssumeRole",
            roleSession(k1, A1, "JohnRole1", "JohnRole1", "2026-11-06T10:00:00Z", ",'sourceIdentity':'JohnDoe'"),
            assumeReq(roleArn(A1, "JohnRole2"), "Role2WithTags", null), assumeResp(k2, A1, "JohnRole2", "Role2WithTags", "JohnDoe"), A1, null),
        ev("si3", "2026-11-06T10:06:00Z", "s3.amazonaws.com", "ListBuckets",
            roleSession(k2, A1, "JohnRole2", "Role2WithTags", "2026-11-06T10:05:00Z", ",'sourceIdentity':'JohnDoe'"), "{}", null, A1, null)))
        .build();
    assertThat(g.session(k1).orElseThrow().sourceIdentity()).isEqualTo("JohnDoe");
    assertThat(g.session(k2).orElseThrow().sourceIdentity()).isEqualTo("JohnDoe");
    assertThat(g.session(k2).orElseThrow().parentKey()).isEqualTo(k1);
    assertThat(g.rootOf(k2).longTermKey()).isEqualTo(JOHN_KEY);
  }

  static final String BOB = "arn:aws:iam::" + A1 + ":user/bob";
  static final String BOB_KEY = "AKIABOBSAMENAME00001";
  static final String ALICE_ADMIN = "ASIAALICEADMIN000001";
  static final String BOB_ADMIN = "ASIABOBADMIN00000001";
  static final String ADMIN_SESSION = sessionArn(A1, "Admin", "admin");

  static List<CloudTrailEvent> twoPeopleSameSessionName() {
    return List.of(
        ev("sn1", "2026-11-07T10:00:00Z", "sts.amazonaws.com", "AssumeRole", user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY),
            assumeReq(roleArn(A1, "Admin"), "admin", null), assumeResp(ALICE_ADMIN, A1, "Admin", "admin", null), A1, null),
        ev("sn2", "2026-11-07T10:00:30Z", "sts.amazonaws.com", "AssumeRole", user(A1, "bob", "AIDABOBEXAMPLE", BOB_KEY),
            assumeReq(roleArn(A1, "Admin"), "admin", null), assumeResp(BOB_ADMIN, A1, "Admin", "admin", null), A1, null),
        ev("sn3", "2026-11-07T10:01:00Z", "iam.amazonaws.com", "CreateAccessKey",
            roleSession(BOB_ADMIN, A1, "Admin", "admin", "2026-11-07T10:00:30Z", null), "{'userName':'backdoor'}", null, A1, null),
        ev("sn4", "2026-11-07T10:02:00Z", "s3.amazonaws.com", "ListBuckets",
            roleSession(ALICE_ADMIN, A1, "Admin", "admin", "2026-11-07T10:00:00Z", null), "{}", null, A1, null),
        ev("sn5", "2026-11-07T10:03:00Z", "iam.amazonaws.com", "AttachUserPolicy",
            roleSession(BOB_ADMIN, A1, "Admin", "admin", "2026-11-07T10:00:30Z", null),
            "{'userName':'backdoor','policyArn':'arn:aws:iam::aws:policy/AdministratorAccess'}", null, A1, null));
  }

  @Test
  void sameSessionNameUsedByTwoPeople_sessionsAreKeptApartByKey_eachRootedAtItsOwnUser() {
    SessionGraph g = new SessionGraphBuilder().addAll(twoPeopleSameSessionName()).build();
    Session a = g.session(ALICE_ADMIN).orElseThrow();
    Session b = g.session(BOB_ADMIN).orElseThrow();
    assertThat(a.principalArn()).isEqualTo(ADMIN_SESSION).isEqualTo(b.principalArn());
    assertThat(a.parentKey()).isEqualTo(ALICE_KEY);
    assertThat(b.parentKey()).isEqualTo(BOB_KEY);
    assertThat(a.eventCount()).isEqualTo(1);
    assertThat(b.eventCount()).isEqualTo(2);
    assertThat(g.rootOf(BOB_ADMIN).identity()).isEqualTo(BOB);
    assertThat(g.rootOf(ALICE_ADMIN).identity()).isEqualTo(ALICE);
  }

  /**
   * The session name is the caller's choice: alice's and bob's sessions of one ARN are two session nodes, one per
   * chain origin (decision 152; the graph drew one node with both keys upstream, so each reached the other's onward
   * sessions), and each key-used-by-session edge's evidence names that person's own key only.
   */
  @Test
  void sameSessionNameUsedByTwoPeople_principalGraphEvidenceNamesEachPersonsOwnKeyOnly() {
    PrincipalGraph g = principalGraph(twoPeopleSameSessionName());
    List<GraphEdge> fromAlice = edges(g, ALICE_KEY, ADMIN_SESSION + "#" + ALICE, EdgeKind.KEY_USED_BY_SESSION);
    List<GraphEdge> fromBob = edges(g, BOB_KEY, ADMIN_SESSION + "#" + BOB, EdgeKind.KEY_USED_BY_SESSION);
    assertThat(edges(g, ALICE_KEY, ADMIN_SESSION + "#" + BOB, EdgeKind.KEY_USED_BY_SESSION)).isEmpty();
    assertThat(edges(g, BOB_KEY, ADMIN_SESSION + "#" + ALICE, EdgeKind.KEY_USED_BY_SESSION)).isEmpty();
    assertThat(fromAlice).hasSize(1);
    assertThat(fromBob).hasSize(1);
    assertThat(String.join(" ", fromAlice.get(0).evidence())).contains(ALICE_ADMIN).doesNotContain(BOB_ADMIN);
    assertThat(String.join(" ", fromBob.get(0).evidence())).contains(BOB_ADMIN).doesNotContain(ALICE_ADMIN);
    assertThat(edges(g, ALICE, roleArn(A1, "Admin"), EdgeKind.DID_ASSUME)).hasSize(1);
    assertThat(edges(g, BOB, roleArn(A1, "Admin"), EdgeKind.DID_ASSUME)).hasSize(1);
  }

  // ---------------------------------------------------------------- 6. failed AssumeRole; responseElements null

  @Test
  void failedAssumeRole_createsNoSessionAndNoDidAssumeEdge() {
    CloudTrailEvent denied = record("{'eventVersion':'1.09','eventID':'fail1','eventTime':'2026-11-08T10:00:00Z',"
        + "'eventSource':'sts.amazonaws.com','eventName':'AssumeRole','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.77',"
        + "'userAgent':'aws-cli/2.15.0','eventType':'AwsApiCall','recipientAccountId':'" + A1 + "',"
        + "'errorCode':'AccessDenied','errorMessage':'User: " + ALICE + " is not authorized to perform: sts:AssumeRole on resource: "
        + roleArn(A1, "Admin") + "',"
        + "'userIdentity':" + user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY) + ","
        + "'requestParameters':" + assumeReq(roleArn(A1, "Admin"), "try", null) + ",'responseElements':null}");
    SessionGraph g = new SessionGraphBuilder().add(denied).build();
    assertThat(g.size()).isEqualTo(1);
    assertThat(g.children(ALICE_KEY)).isEmpty();
    PrincipalGraph pg = principalGraph(List.of(denied));
    assertThat(edgesOf(pg, EdgeKind.DID_ASSUME)).isEmpty();
    assertThat(edgesOf(pg, EdgeKind.KEY_USED_BY_SESSION)).isEmpty();
  }

  @Test
  void assumeRoleWithNullResponseElements_issuesNoGuessedSession_laterUseStaysUnlinked() {
    String key = "ASIANORESPONSE000001";
    CloudTrailEvent noResponse = ev("nr1", "2026-11-09T10:00:00Z", "sts.amazonaws.com", "AssumeRole",
        user(A1, "alice", "AIDAALICEEXAMPLE", ALICE_KEY), assumeReq(roleArn(A1, "Deployer"), "alice-deploy", null), null, A1, null);
    CloudTrailEvent use = ev("nr2", "2026-11-09T10:01:00Z", "s3.amazonaws.com", "ListBuckets",
        roleSession(key, A1, "Deployer", "alice-deploy", "2026-11-09T10:00:00Z", null), "{}", null, A1, null);
    SessionGraph g = new SessionGraphBuilder().addAll(List.of(noResponse, use)).build();
    assertThat(g.size()).isEqualTo(2);
    Session s = g.session(key).orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.UNKNOWN);
    assertThat(s.parentKey()).isNull();
    assertThat(s.issuingEventId()).isNull();
    assertThat(g.children(ALICE_KEY)).isEmpty();
    assertThat(g.rootOf(key).complete()).isFalse();
    PrincipalGraph pg = principalGraph(List.of(noResponse, use));
    assertThat(edgesOf(pg, EdgeKind.KEY_USED_BY_SESSION)).isEmpty();
  }
}
