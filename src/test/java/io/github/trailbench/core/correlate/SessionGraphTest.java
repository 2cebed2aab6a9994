package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionGraphTest {
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String AKIA = "AKIAIOSFODNN7EXAMPLE";
  static final String ASIA1 = "ASIAY34FZKBOKMUTVV7A";
  static final String ASIA2 = "ASIAZ7EXAMPLECHAIN02";

  static String aliceIdentity() {
    return "{'type':'IAMUser','principalId':'AIDAJ45Q7YFFAREXAMPLE','arn':'" + ALICE + "',"
        + "'accountId':'111122223333','accessKeyId':'" + AKIA + "','userName':'alice'}";
  }

  static String sessionIdentity(String key, String acct, String role, String session, String created) {
    return "{'type':'AssumedRole','principalId':'AROAEXAMPLE" + role.toUpperCase() + ":" + session + "',"
        + "'arn':'arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session + "','accountId':'" + acct + "',"
        + "'accessKeyId':'" + key + "','sessionContext':{'sessionIssuer':{'type':'Role','principalId':'AROAEXAMPLE',"
        + "'arn':'arn:aws:iam::" + acct + ":role/" + role + "','accountId':'" + acct + "','userName':'" + role + "'},"
        + "'attributes':{'creationDate':'" + created + "','mfaAuthenticated':'false'}}}";
  }

  static CloudTrailEvent ev(String id, String time, String source, String name, String identity,
      String req, String resp, String ip) {
    return record("{'eventVersion':'1.09','eventID':'" + id + "','eventTime':'" + time + "','eventSource':'" + source
        + "','eventName':'" + name + "','awsRegion':'us-east-1','sourceIPAddress':'" + ip + "',"
        + "'userAgent':'aws-cli/2.15.0','eventType':'AwsApiCall','recipientAccountId':'111122223333',"
        + "'userIdentity':" + identity + ",'requestParameters':" + (req == null ? "null" : req)
        + ",'responseElements':" + (resp == null ? "null" : resp) + "}");
  }

  /** AKIA user → GetCallerIdentity → AssumeRole → calls → AssumeRole (cross-account) → calls. */
  static List<CloudTrailEvent> roleChain() {
    List<CloudTrailEvent> l = new ArrayList<>();
    l.add(ev("e1", "2026-11-20T10:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", aliceIdentity(), null, null, "198.51.100.23"));
    l.add(ev("e2", "2026-11-20T10:01:00Z", "sts.amazonaws.com", "AssumeRole", aliceIdentity(),
        "{'roleArn':'arn:aws:iam::111122223333:role/Deployer','roleSessionName':'alice-deploy','sourceIdentity':'alice'}",
        "{'credentials':{'accessKeyId':'" + ASIA1 + "','sessionToken':'x','expiration':'Nov 20, 2026, 11:01:00 AM'},"
            + "'assumedRoleUser':{'assumedRoleId':'AROAEXAMPLEDEPLOYER:alice-deploy',"
            + "'arn':'arn:aws:sts::111122223333:assumed-role/Deployer/alice-deploy'},'sourceIdentity':'alice'}",
        "198.51.100.23"));
    l.add(ev("e3", "2026-11-20T10:02:00Z", "s3.amazonaws.com", "ListBuckets",
        sessionIdentity(ASIA1, "111122223333", "Deployer", "alice-deploy", "2026-11-20T10:01:00Z"),
        "{'Host':'s3.amazonaws.com'}", null, "198.51.100.23"));
    l.add(ev("e4", "2026-11-20T10:03:00Z", "sts.amazonaws.com", "AssumeRole",
        sessionIdentity(ASIA1, "111122223333", "Deployer", "alice-deploy", "2026-11-20T10:01:00Z"),
        "{'roleArn':'arn:aws:iam::444455556666:role/Audit','roleSessionName':'hop2'}",
        "{'credentials':{'accessKeyId':'" + ASIA2 + "','sessionToken':'y','expiration':'Nov 20, 2026, 11:03:00 AM'},"
            + "'assumedRoleUser':{'assumedRoleId':'AROAEXAMPLEAUDIT:hop2',"
            + "'arn':'arn:aws:sts::444455556666:assumed-role/Audit/hop2'},'sourceIdentity':'alice'}",
        "198.51.100.23"));
    l.add(ev("e5", "2026-11-20T10:04:00Z", "iam.amazonaws.com", "ListUsers",
        sessionIdentity(ASIA2, "444455556666", "Audit", "hop2", "2026-11-20T10:03:00Z"), "{}", null, "203.0.113.99"));
    l.add(ev("e6", "2026-11-20T10:05:00Z", "ec2.amazonaws.com", "DescribeInstances",
        sessionIdentity(ASIA2, "444455556666", "Audit", "hop2", "2026-11-20T10:03:00Z"), "{}", null, "203.0.113.99"));
    return l;
  }

  /** One temporary key, two session principals in the log: the session keeps its first and names the other. */
  static List<CloudTrailEvent> oneKeyTwoPrincipals() {
    List<CloudTrailEvent> l = new ArrayList<>();
    l.add(ev("k1", "2026-11-20T10:02:00Z", "s3.amazonaws.com", "ListBuckets",
        sessionIdentity(ASIA1, "111122223333", "Deployer", "alice-deploy", "2026-11-20T10:01:00Z"), "{}", null, "198.51.100.23"));
    l.add(ev("k2", "2026-11-20T10:03:00Z", "s3.amazonaws.com", "ListBuckets",
        sessionIdentity(ASIA1, "111122223333", "Deployer", "alice-deploy", "2026-11-20T10:01:00Z"), "{}", null, "198.51.100.23"));
    l.add(ev("k3", "2026-11-20T10:04:00Z", "iam.amazonaws.com", "ListUsers",
        sessionIdentity(ASIA1, "111122223333", "Admin", "mallory", "2026-11-20T10:01:00Z"), "{}", null, "203.0.113.5"));
    // a call a service made with the key (invokedBy) is not the key's own call
    l.add(ev("k4", "2026-11-20T10:05:00Z", "kms.amazonaws.com", "Decrypt",
        sessionIdentity(ASIA2, "111122223333", "Deployer", "bob", "2026-11-20T10:01:00Z"), "{}", null, "198.51.100.24"));
    l.add(ev("k5", "2026-11-20T10:06:00Z", "kms.amazonaws.com", "Decrypt",
        sessionIdentity(ASIA2, "111122223333", "Other", "svc", "2026-11-20T10:01:00Z")
            .replace("'accessKeyId'", "'invokedBy':'s3.amazonaws.com','accessKeyId'"), "{}", null, "s3.amazonaws.com"));
    return l;
  }

  @Test
  void aTemporaryKeyLoggedAsTwoPrincipals_namesTheOtherBesideTheFirst() {
    SessionGraph g = new SessionGraphBuilder().addAll(oneKeyTwoPrincipals()).build();
    Session s = g.session(ASIA1).orElseThrow();
    assertThat(s.principalArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Deployer/alice-deploy");
    assertThat(s.alsoLoggedAs()).containsExactly("arn:aws:sts::111122223333:assumed-role/Admin/mallory");
    assertThat(g.session(ASIA2).orElseThrow().alsoLoggedAs()).isEmpty();
    // one principal throughout: nothing contested
    assertThat(new SessionGraphBuilder().addAll(roleChain()).build().sessions())
        .allSatisfy(x -> assertThat(x.alsoLoggedAs()).isEmpty());

    PrincipalGraphBuilder builder = new PrincipalGraphBuilder(new SyntheticIam().snapshot());
    oneKeyTwoPrincipals().forEach(builder::add);
    PrincipalGraph graph = builder.build();
    GraphNode node = graph.nodes().stream()
        .filter(n -> n.id().equals("arn:aws:sts::111122223333:assumed-role/Deployer/alice-deploy")).findFirst().orElseThrow();
    assertThat(node.details().get("contested keys")).startsWith(ASIA1 + " also logged as arn:aws:sts::111122223333:assumed-role/Admin/mallory");
    assertThat(graph.nodes()).filteredOn(n -> !n.id().equals(node.id()))
        .allSatisfy(n -> assertThat(n.details()).doesNotContainKey("contested keys"));
  }

  @Test
  void roleChainLinksBackToTheUserAndHerLongTermKey() {
    SessionGraph g = new SessionGraphBuilder().addAll(roleChain()).build();
    assertThat(g.size()).isEqualTo(3);

    Session s2 = g.session(ASIA2).orElseThrow();
    assertThat(s2.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s2.principalArn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/Audit/hop2");
    assertThat(s2.issuerArn()).isEqualTo("arn:aws:iam::444455556666:role/Audit");
    assertThat(s2.parentKey()).isEqualTo(ASIA1);
    assertThat(s2.parentPrincipal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Deployer/alice-deploy");
    assertThat(s2.crossAccount()).isTrue();
    assertThat(s2.sourceIdentity()).isEqualTo("alice");
    assertThat(s2.eventCount()).isEqualTo(2);
    assertThat(s2.issuingEventId()).isEqualTo("e4");

    Session s1 = g.session(ASIA1).orElseThrow();
    assertThat(s1.parentKey()).isEqualTo(AKIA);
    assertThat(s1.parentPrincipal()).isEqualTo(ALICE);
    assertThat(s1.crossAccount()).isFalse();
    assertThat(s1.eventCount()).isEqualTo(2); // ListBuckets + the second AssumeRole

    assertThat(g.chain(ASIA2)).extracting(Session::accessKeyId).containsExactly(ASIA2, ASIA1, AKIA);
    SessionGraph.ChainRoot root = g.rootOf(ASIA2);
    assertThat(root.identity()).isEqualTo(ALICE);
    assertThat(root.longTermKey()).isEqualTo(AKIA);
    assertThat(root.complete()).isTrue();
    assertThat(g.children(AKIA)).extracting(Session::accessKeyId).containsExactly(ASIA1);

    Session k = g.session(AKIA).orElseThrow();
    assertThat(k.kind()).isEqualTo(KeyKind.LONG_TERM);
    assertThat(k.origin()).isEqualTo(SessionOrigin.LONG_TERM_KEY);
    assertThat(k.eventCount()).isEqualTo(2); // GetCallerIdentity + AssumeRole
  }

  @Test
  void orderOfEventsDoesNotMatter() {
    List<CloudTrailEvent> l = roleChain();
    Collections.reverse(l);
    SessionGraph g = new SessionGraphBuilder().addAll(l).build();
    assertThat(g.rootOf(ASIA2).identity()).isEqualTo(ALICE);
    assertThat(g.chain(ASIA2)).extracting(Session::accessKeyId).containsExactly(ASIA2, ASIA1, AKIA);
  }

  @Test
  void sessionSeenOnlyInUseIsIncomplete() {
    SessionGraph g = new SessionGraphBuilder().addAll(roleChain().subList(4, 6)).build();
    SessionGraph.ChainRoot r = g.rootOf(ASIA2);
    assertThat(r.complete()).isFalse();
    assertThat(r.reason()).contains("not in the data");
    assertThat(g.session(ASIA2).orElseThrow().origin()).isEqualTo(SessionOrigin.UNKNOWN);
  }

  @Test
  void instanceProfileSessionUsedOutsideAwsIsFlaggedThroughTheHook() {
    String id = "{'type':'AssumedRole','principalId':'AROAWEB:i-0abcd1234ef567890',"
        + "'arn':'arn:aws:sts::111122223333:assumed-role/WebRole/i-0abcd1234ef567890','accountId':'111122223333',"
        + "'accessKeyId':'ASIAINSTANCEEXAMPLE1','sessionContext':{'sessionIssuer':{'type':'Role',"
        + "'arn':'arn:aws:iam::111122223333:role/WebRole','accountId':'111122223333','userName':'WebRole'},"
        + "'attributes':{'creationDate':'2026-11-20T08:00:00Z','mfaAuthenticated':'false'},'ec2RoleDelivery':'2.0'}}";
    List<CloudTrailEvent> l = List.of(
        ev("a", "2026-11-20T08:00:00Z", "sts.amazonaws.com", "AssumeRole",
            "{'type':'AWSService','invokedBy':'ec2.amazonaws.com'}",
            "{'roleArn':'arn:aws:iam::111122223333:role/WebRole','roleSessionName':'i-0abcd1234ef567890'}",
            "{'credentials':{'accessKeyId':'ASIAINSTANCEEXAMPLE1','expiration':'Nov 20, 2026, 2:00:00 PM'},"
                + "'assumedRoleUser':{'arn':'arn:aws:sts::111122223333:assumed-role/WebRole/i-0abcd1234ef567890'}}",
            "ec2.amazonaws.com"),
        ev("b", "2026-11-20T09:00:00Z", "s3.amazonaws.com", "ListBuckets", id, "{}", null, "54.240.1.10"),
        ev("c", "2026-11-20T09:10:00Z", "s3.amazonaws.com", "ListBuckets", id, "{}", null, "192.0.2.66"));
    SessionGraphBuilder b = new SessionGraphBuilder().addAll(l);
    Session s = b.build().session("ASIAINSTANCEEXAMPLE1").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.INSTANCE_PROFILE);
    assertThat(s.instanceId()).isEqualTo("i-0abcd1234ef567890");
    assertThat(s.parentPrincipal()).isEqualTo("ec2.amazonaws.com");
    assertThat(s.usedOutsideAws()).isEmpty(); // no IP knowledge: nothing flagged

    SessionGraph g = b.build(ip -> ip.startsWith("54.") ? IpOwnership.Owner.AWS : IpOwnership.Owner.NOT_AWS);
    assertThat(g.session("ASIAINSTANCEEXAMPLE1").orElseThrow().usedOutsideAws()).containsExactly("192.0.2.66");
    assertThat(g.instanceCredentialsUsedOutsideAws()).hasSize(1);
    assertThat(g.rootOf("ASIAINSTANCEEXAMPLE1").identity()).isEqualTo("ec2.amazonaws.com");
  }

  @Test
  void aSessionNamedLikeAnInstanceButIssuedToAUsersKeyIsNotAnInstanceSession() {
    // any caller of AssumeRole chooses the session name: alice names hers like an EC2 instance
    String session = "i-0abc12345def67890";
    String used = sessionIdentity("ASIAC1SESSION0000001", "111122223333", "AppRole", session, "2026-11-20T10:01:00Z");
    List<CloudTrailEvent> l = List.of(
        ev("i1", "2026-11-20T10:01:00Z", "sts.amazonaws.com", "AssumeRole", aliceIdentity(),
            "{'roleArn':'arn:aws:iam::111122223333:role/AppRole','roleSessionName':'" + session + "'}",
            "{'credentials':{'accessKeyId':'ASIAC1SESSION0000001','expiration':'Nov 20, 2026, 11:01:00 AM'},"
                + "'assumedRoleUser':{'arn':'arn:aws:sts::111122223333:assumed-role/AppRole/" + session + "'}}",
            "198.51.100.23"),
        ev("i2", "2026-11-20T10:02:00Z", "s3.amazonaws.com", "ListBuckets", used, "{}", null, "198.51.100.50"),
        ev("i3", "2026-11-20T11:02:00Z", "s3.amazonaws.com", "ListBuckets", used, "{}", null, "198.51.100.99"));
    SessionGraph g = new SessionGraphBuilder().addAll(l).build(ip -> IpOwnership.Owner.NOT_AWS);
    Session s = g.session("ASIAC1SESSION0000001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s.instanceId()).isNull();
    assertThat(s.parentKey()).isEqualTo(AKIA);
    assertThat(g.rootOf("ASIAC1SESSION0000001").identity()).isEqualTo(ALICE);
    assertThat(g.instanceCredentialsUsedOutsideAws()).as("no instance credentials to have been stolen").isEmpty();
  }

  @Test
  void consoleSessionIsRootedAtTheUser() {
    CloudTrailEvent e = record("{'eventID':'c1','eventTime':'2026-11-20T10:00:00Z','eventSource':'iam.amazonaws.com',"
        + "'eventName':'ListUsers','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23','userAgent':'AWS Internal',"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAX','arn':'" + ALICE + "','accountId':'111122223333',"
        + "'accessKeyId':'ASIACONSOLEEXAMPLE01','userName':'alice','sessionContext':{'attributes':"
        + "{'creationDate':'2026-11-20T09:59:00Z','mfaAuthenticated':'true'}}},'sessionCredentialFromConsole':'true'}");
    SessionGraph g = new SessionGraphBuilder().add(e).build();
    Session s = g.session("ASIACONSOLEEXAMPLE01").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.CONSOLE);
    assertThat(s.mfaAuthenticated()).isTrue();
    assertThat(g.rootOf("ASIACONSOLEEXAMPLE01").identity()).isEqualTo(ALICE);
    assertThat(g.rootOf("ASIACONSOLEEXAMPLE01").complete()).isTrue();
  }

  @Test
  void samlSessionIsRootedAtTheSamlPrincipal() {
    CloudTrailEvent e = ev("s1", "2026-11-20T10:00:00Z", "sts.amazonaws.com", "AssumeRoleWithSAML",
        "{'type':'SAMLUser','principalId':'SampleUkh1i4+ExamplexL/jEvs=:SamlExample','userName':'SamlExample',"
            + "'identityProvider':'bdGOnTesI3AxmmlsqsWnosbgvNo='}",
        "{'sAMLAssertionID':'_c0046cEXAMPLE','roleSessionName':'SamlExample','roleArn':'arn:aws:iam::111122223333:role/SAMLTestRoleShibboleth',"
            + "'principalArn':'arn:aws:iam::111122223333:saml-provider/Shibboleth'}",
        "{'credentials':{'accessKeyId':'ASIASAMLEXAMPLE00001','expiration':'Nov 20, 2026, 11:00:00 AM'},"
            + "'assumedRoleUser':{'arn':'arn:aws:sts::111122223333:assumed-role/SAMLTestRoleShibboleth/SamlExample'}}",
        "203.0.113.8");
    SessionGraph g = new SessionGraphBuilder().add(e).build();
    Session s = g.session("ASIASAMLEXAMPLE00001").orElseThrow();
    assertThat(s.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE_WITH_SAML);
    assertThat(s.parentKey()).isNull();
    assertThat(g.rootOf("ASIASAMLEXAMPLE00001").identity()).isEqualTo("SampleUkh1i4+ExamplexL/jEvs=:SamlExample");
  }

  @Test
  void failedAssumeRoleIssuesNothing() {
    CloudTrailEvent e = record("{'eventID':'f','eventTime':'2026-11-20T10:00:00Z','eventSource':'sts.amazonaws.com',"
        + "'eventName':'AssumeRole','errorCode':'AccessDenied','userIdentity':" + aliceIdentity() + "}");
    SessionGraph g = new SessionGraphBuilder().add(e).build();
    assertThat(g.size()).isEqualTo(1); // only the caller's key
  }
}
