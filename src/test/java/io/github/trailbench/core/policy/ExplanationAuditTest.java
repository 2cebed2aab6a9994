package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.model.policy.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of the words on top of the engine's decisions: {@link DecisionSentence} (and
 * {@link DecisionSentence#decidingStatement}), {@link DecisionSuggestions}, the engine's
 * explanation as {@code simulate} prints it, and {@code explain} on the sample case.
 *
 * <p>Each test builds a request where one branch of AWS's documented evaluation logic decides.
 * Suggestions are checked mechanically: every suggestion's changes are applied with
 * {@link PolicyChanges#apply} and the request evaluated again; for AddAllow / RemoveDeny the
 * change is also rebuilt independently from the suggestion's own words (its {@code where} list /
 * statement names) and evaluated again.
 */
class ExplanationAuditTest {
  static final PolicyEngine ENGINE = new PolicyEngine();
  static final DecisionSuggestions SUGGESTIONS = new DecisionSuggestions(ENGINE);
  static final ObjectMapper M = new ObjectMapper();

  static final String ACCT = "111122223333";
  static final String USER = "arn:aws:iam::111122223333:user/alice";
  static final String ROLE = "arn:aws:iam::111122223333:role/AppRole";
  static final String SESSION = "arn:aws:sts::111122223333:assumed-role/AppRole/s1";
  static final String XUSER = "arn:aws:iam::444455556666:user/bob";
  static final String OBJ = "arn:aws:s3:::data-bucket/report.csv";
  static final String BUCKET_ALL = "arn:aws:s3:::data-bucket/*";

  // ------------------------------------------------------------------ helpers

  /** JSON with single quotes for readability. */
  static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static NamedPolicy policy(String name, String... statements) throws Exception {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    return new NamedPolicy(name, PolicyParser.parse(j(json), name));
  }

  static String allow(String sid, String action, String resource) {
    return "{" + (sid == null ? "" : "'Sid':'" + sid + "',") + "'Effect':'Allow','Action':'" + action + "','Resource':'" + resource + "'}";
  }

  static String deny(String sid, String action, String resource) {
    return "{" + (sid == null ? "" : "'Sid':'" + sid + "',") + "'Effect':'Deny','Action':'" + action + "','Resource':'" + resource + "'}";
  }

  static String allowTo(String sid, String principal, String action, String resource) {
    return "{'Sid':'" + sid + "','Effect':'Allow','Principal':{'AWS':'" + principal + "'},'Action':'" + action
        + "','Resource':'" + resource + "'}";
  }

  static NamedPolicy admin() throws Exception {
    return policy("Admin", allow("AllowAll", "*", "*"));
  }

  static NamedPolicy onlyEc2(String name) throws Exception {
    return policy(name, allow("Ec2Only", "ec2:*", "*"));
  }

  static NamedPolicy fullAccess(String name) throws Exception {
    return policy(name, allow(null, "*", "*"));
  }

  static NamedPolicy rcpFull(String name) throws Exception {
    return policy(name, "{'Effect':'Allow','Principal':'*','Action':'*','Resource':'*'}");
  }

  static Request get(String principal) {
    return Request.builder(principal, "s3:GetObject", OBJ).resourceAccount(ACCT).build();
  }

  static EvaluationResult eval(Request r, PolicySet s) {
    return ENGINE.evaluate(r, s);
  }

  static String sentence(Request r, PolicySet s) {
    return DecisionSentence.of(eval(r, s));
  }

  static String decidingSid(Request r, PolicySet s) {
    return DecisionSentence.decidingStatement(eval(r, s)).map(n -> String.valueOf(n.detail().get("sid"))).orElse(null);
  }

  static boolean flips(Decision before, Decision after) {
    boolean wasAllowed = before == Decision.ALLOWED || before == Decision.UNDETERMINED;
    return wasAllowed ? after == Decision.EXPLICIT_DENY || after == Decision.IMPLICIT_DENY : after == Decision.ALLOWED;
  }

  /**
   * Every suggestion, applied with the product's own changes, flips the decision (or is
   * Undetermined and says so); statements it adds name exactly the request's action and
   * resource; its verified() is what re-evaluation gives. Returns the suggestions.
   */
  static List<Suggestion> checkSuggestions(Request r, PolicySet set) {
    EvaluationResult before = eval(r, set);
    List<Suggestion> all = SUGGESTIONS.suggest(r, set, before);
    for (Suggestion s : all) {
      PolicySet after = PolicyChanges.apply(set, s.changes());
      Decision d = eval(r, after).decision();
      assertThat(d).as("verified() of " + s.title()).isEqualTo(s.verified().decision());
      if (!flips(before.decision(), d)) {
        assertThat(d).as(s.title() + " does not flip " + before.decision()).isEqualTo(Decision.UNDETERMINED);
        assertThat(s.reason()).as(s.title()).contains("Undetermined");
      }
      for (PolicyChange c : s.changes()) {
        PolicyDocument doc = c instanceof PolicyChange.Add a ? a.policy().document()
            : c instanceof PolicyChange.Replace rep ? rep.document() : null;
        if (doc == null) {
          continue;
        }
        for (Statement st : doc.statements()) {
          if (st.sid() != null && st.sid().startsWith("WhatIf")) {
            assertThat(st.action().values()).as(s.title() + ": added Action").containsExactly(r.action());
            assertThat(st.action().negated()).isFalse();
            assertThat(st.resource().values()).as(s.title() + ": added Resource").containsExactly(r.resource());
          }
        }
      }
    }
    return all;
  }

  // --- rebuilding a suggestion from its words alone

  static ObjectNode tree(PolicyDocument d) throws Exception {
    return (ObjectNode) M.readTree(d.source());
  }

  static ArrayNode statements(ObjectNode doc) {
    JsonNode s = doc.get("Statement");
    if (s instanceof ArrayNode a) {
      return a;
    }
    ArrayNode a = M.createArrayNode();
    a.add(s);
    doc.set("Statement", a);
    return a;
  }

  static PolicyDocument parse(ObjectNode doc, String name) throws Exception {
    return PolicyParser.parse(M.writeValueAsString(doc), name);
  }

  static ObjectNode stmtNode(String effect, String principal, String action, String resource) {
    ObjectNode s = M.createObjectNode();
    s.put("Effect", effect);
    if (principal != null) {
      if (principal.equals("*")) {
        s.put("Principal", "*");
      } else {
        s.putObject("Principal").put("AWS", principal);
      }
    }
    s.put("Action", action);
    s.put("Resource", resource);
    return s;
  }

  static NamedPolicy withStatement(NamedPolicy p, ObjectNode st) throws Exception {
    ObjectNode doc = tree(p.document());
    statements(doc).add(st);
    return new NamedPolicy(p.name(), parse(doc, p.name()));
  }

  static List<NamedPolicy> replace(List<NamedPolicy> list, NamedPolicy p) {
    List<NamedPolicy> out = new ArrayList<>();
    for (NamedPolicy q : list) {
      out.add(q.name().equals(p.name()) ? p : q);
    }
    return out;
  }

  static NamedPolicy newPolicy(String name, ObjectNode st) throws Exception {
    ObjectNode doc = M.createObjectNode();
    doc.put("Version", "2012-10-17");
    doc.putArray("Statement").add(st);
    return new NamedPolicy(name, parse(doc, name));
  }

  static final Pattern LEVEL = Pattern.compile("(SCP|RCP) level (\\d+)( \\(RCPFullAWSAccess attached there.*\\))?");

  /** The set with Allow statements added exactly where the AddAllow suggestion's words say. */
  static PolicySet applyWhereWords(Request r, PolicySet set, List<String> where) throws Exception {
    List<NamedPolicy> identity = new ArrayList<>(set.identityPolicies());
    NamedPolicy boundary = set.permissionsBoundary();
    List<NamedPolicy> session = new ArrayList<>(set.sessionPolicies());
    NamedPolicy resource = set.resourcePolicy();
    List<List<NamedPolicy>> scps = new ArrayList<>();
    set.scps().forEach(l -> scps.add(new ArrayList<>(l)));
    List<List<NamedPolicy>> rcps = new ArrayList<>();
    set.rcps().forEach(l -> rcps.add(new ArrayList<>(l)));
    for (String w : where) {
      Matcher m = LEVEL.matcher(w);
      if (m.matches()) {
        boolean rcp = m.group(1).equals("RCP");
        int level = Integer.parseInt(m.group(2)) - 1;
        // an RCP level gets RCPFullAWSAccess (AWS accepts no other Allow in an RCP)
        (rcp ? rcps : scps).get(level).add(newPolicy("words " + w,
            rcp ? stmtNode("Allow", "*", "*", "*") : stmtNode("Allow", null, r.action(), r.resource())));
      } else if (w.startsWith("permissions boundary ")) {
        assertThat(boundary.name()).isEqualTo(w.substring("permissions boundary ".length()));
        boundary = withStatement(boundary, stmtNode("Allow", null, r.action(), r.resource()));
      } else if (w.startsWith("session policy ")) {
        String name = w.substring("session policy ".length());
        NamedPolicy sp = session.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        session = replace(session, withStatement(sp, stmtNode("Allow", null, r.action(), r.resource())));
      } else if (w.equals("an identity-based policy")) {
        identity.add(newPolicy("words identity", stmtNode("Allow", null, r.action(), r.resource())));
      } else if (w.startsWith("resource-based policy ") && w.endsWith(" naming the caller")) {
        resource = withStatement(resource, stmtNode("Allow", r.principal(), r.action(), r.resource()));
      } else if (w.equals("a resource-based policy naming the caller")) {
        resource = newPolicy("words resource", stmtNode("Allow", r.principal(), r.action(), r.resource()));
      } else {
        throw new AssertionError("suggestion words not understood: " + w);
      }
    }
    return new PolicySet(identity, boundary, session, resource, scps, rcps, set.flags(), set.s3Acl());
  }

  /** Every AddAllow, rebuilt from its words, flips the decision as the product's own changes do. */
  static void checkAddAllowWords(Request r, PolicySet set, List<Suggestion> all) throws Exception {
    for (Suggestion s : all) {
      if (s instanceof Suggestion.AddAllow a) {
        Decision d = eval(r, applyWhereWords(r, set, a.where())).decision();
        assertThat(d).as("AddAllow rebuilt from its words " + a.where()).isEqualTo(a.verified().decision());
      }
    }
  }

  /** The one suggestion of this type. */
  static <T extends Suggestion> T only(List<Suggestion> all, Class<T> type) {
    List<T> of = all.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(of).as("suggestions of type " + type.getSimpleName() + " in " + all.stream().map(Suggestion::title).toList())
        .hasSize(1);
    return of.get(0);
  }

  // ================================================================== 1. explicit denies

  @Test
  void explicitDenyInAnIdentityPolicyNamesThatPolicyItsOwnerAndTheDenyStatement() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).identity(policy("Guard", deny("DenyGet", "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(USER);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(sentence(r, set)).isEqualTo("Denied by Guard (identity-based policy of user alice): s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(decidingSid(r, set)).isEqualTo("DenyGet");
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.RemoveDeny rd = only(all, Suggestion.RemoveDeny.class);
    assertThat(rd.statements()).containsExactly("DenyGet of Guard");
    assertThat(rd.verified().decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void explicitDenyInTheResourcePolicyNamesTheResourceBasedPolicy() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .resource(policy("BucketPolicy", "{'Sid':'DenyAlice','Effect':'Deny','Principal':{'AWS':'" + USER
            + "'},'Action':'s3:GetObject','Resource':'" + BUCKET_ALL + "'}")).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied by the resource-based policy BucketPolicy: s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(decidingSid(r, set)).isEqualTo("DenyAlice");
    checkSuggestions(r, set);
  }

  @Test
  void explicitDenyInAnScpNamesTheScpAndItsOu() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Prod (ou-ab12-prod0001)"),
            policy("NoS3Get @ Prod (ou-ab12-prod0001)", deny("DenyS3Get", "s3:GetObject", "*"))))
        .build();
    Request r = get(SESSION);
    assertThat(sentence(r, set)).isEqualTo("Denied by SCP NoS3Get on OU Prod: s3:GetObject on *.");
    assertThat(decidingSid(r, set)).isEqualTo("DenyS3Get");
    checkSuggestions(r, set);
  }

  @Test
  void explicitDenyInAnRcpNamesTheRcpAndItsOu() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .rcpLevel(List.of(rcpFull("RCPFullAWSAccess @ Root (r-ab12)")))
        .rcpLevel(List.of(rcpFull("RCPFullAWSAccess @ Prod (ou-ab12-prod0001)"),
            policy("NoGet @ Prod (ou-ab12-prod0001)", "{'Sid':'DenyGet','Effect':'Deny','Principal':'*','Action':'s3:GetObject','Resource':'*'}")))
        .build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied by RCP NoGet on OU Prod: s3:GetObject on *.");
    assertThat(decidingSid(r, set)).isEqualTo("DenyGet");
    checkSuggestions(r, set);
  }

  @Test
  void explicitDenyInThePermissionsBoundaryNamesTheBoundary() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .boundary(policy("PB", allow(null, "*", "*"), deny("DenyGet", "s3:GetObject", "*"))).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied by permissions boundary PB: s3:GetObject on *.");
    assertThat(decidingSid(r, set)).isEqualTo("DenyGet");
    checkSuggestions(r, set);
  }

  @Test
  void explicitDenyInASessionPolicyNamesTheSessionPolicy() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .session(policy("SP", allow(null, "*", "*"), deny("DenyGet", "s3:GetObject", "*"))).build();
    Request r = get(SESSION);
    assertThat(sentence(r, set)).isEqualTo("Denied by session policy SP: s3:GetObject on *.");
    assertThat(decidingSid(r, set)).isEqualTo("DenyGet");
    checkSuggestions(r, set);
  }

  @Test
  void explicitDenyWithAConditionNamesTheConditionValues() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).identity(policy("IpGuard",
        "{'Sid':'OfficeOnly','Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}}"))
        .build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).context("aws:SourceIp", "198.51.100.9").build();
    assertThat(sentence(r, set)).isEqualTo("Denied by IpGuard (identity-based policy of user alice): aws:SourceIp 198.51.100.9 is outside 203.0.113.0/24.");
    checkSuggestions(r, set);
  }

  @Test
  void removeDenyRemovesEveryMatchingDenyNotJustTheFirst() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).identity(policy("Guard", deny("DenyGet", "s3:GetObject", "*")))
        .boundary(policy("PB", allow(null, "*", "*"), deny("PbDeny", "s3:*", "*"))).build();
    Request r = get(USER);
    // both Denys match; the sentence names one of them (the trace checks the boundary first)
    assertThat(sentence(r, set)).satisfiesAnyOf(s -> assertThat(s).startsWith("Denied by Guard (identity-based policy of user alice)"),
        s -> assertThat(s).startsWith("Denied by permissions boundary PB"));
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.RemoveDeny rd = only(all, Suggestion.RemoveDeny.class);
    assertThat(rd.statements()).containsExactlyInAnyOrder("DenyGet of Guard", "PbDeny of PB");
    assertThat(rd.verified().decision()).isEqualTo(Decision.ALLOWED);
    // rebuilt from its words: remove exactly the named statements
    PolicySet words = new PolicySet(replace(set.identityPolicies(), policy("Guard")), policy("PB", allow(null, "*", "*")),
        set.sessionPolicies(), null, set.scps(), set.rcps(), set.flags());
    assertThat(eval(r, words).decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void removeDenyAlsoAddsTheMissingScpAndIdentityAllowAndSaysSo() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2")).identity(policy("Guard", deny("DenyGet", "s3:GetObject", "*")))
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(onlyEc2("OnlyEc2 @ Sandbox (ou-ab12-sbx00001)")))
        .build();
    Request r = get(SESSION);
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.RemoveDeny rd = only(all, Suggestion.RemoveDeny.class);
    assertThat(rd.verified().decision()).isEqualTo(Decision.ALLOWED);
    assertThat(rd.reason()).contains("SCP level 2", "an identity-based policy");
  }

  // ================================================================== 1. implicit denies

  @Test
  void anScpLevelWithoutAllowIsNamedByItsOuAndTheSuggestionAddsAnAllowThere() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(onlyEc2("OnlyEc2 @ Sandbox (ou-ab12-sbx00001)")))
        .build();
    Request r = get(SESSION);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: no SCP on OU Sandbox allows s3:GetObject"
        + " (SCPs must allow at every level of the organization path).");
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.AddAllow a = only(all, Suggestion.AddAllow.class);
    assertThat(a.where()).containsExactly("SCP level 2");
    assertThat(a.verified().decision()).isEqualTo(Decision.ALLOWED);
    checkAddAllowWords(r, set, all);
  }

  @Test
  void addAllowWhenBothTheScpAndTheIdentityPolicyLackTheActionChangesBoth() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2"))
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(onlyEc2("OnlyEc2 @ Sandbox (ou-ab12-sbx00001)")))
        .build();
    Request r = get(SESSION);
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.AddAllow a = only(all, Suggestion.AddAllow.class);
    assertThat(a.where()).containsExactly("SCP level 2", "an identity-based policy");
    assertThat(a.verified().decision()).isEqualTo(Decision.ALLOWED);
    checkAddAllowWords(r, set, all);
    // the sentence names the first gate; adding only an identity allow would not be enough, and it does not suggest that
    assertThat(sentence(r, set)).contains("no SCP on OU Sandbox allows s3:GetObject");
  }

  @Test
  void anRcpLevelWithoutAllowIsNamedByItsOu() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .rcpLevel(List.of(rcpFull("RCPFullAWSAccess @ Root (r-ab12)")))
        .rcpLevel(List.of(policy("OnlyEc2Rcp @ Prod (ou-ab12-prod0001)", "{'Effect':'Allow','Principal':'*','Action':'ec2:*','Resource':'*'}")))
        .build();
    Request r = get(USER);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: no RCP on OU Prod allows s3:GetObject"
        + " (RCPs must allow at every level of the organization path).");
    List<Suggestion> all = checkSuggestions(r, set);
    checkAddAllowWords(r, set, all);
  }

  /**
   * AWS Organizations, RCP syntax: "The effect of Allow is only supported for the
   * RCPFullAWSAccess policy". A suggestion to write a custom RCP with an Allow statement cannot
   * be applied in AWS; the fix that exists is (re)attaching RCPFullAWSAccess at that level.
   */
  @Test
  void anRcpSuggestionNeverProposesACustomAllowRcpBecauseAwsOnlySupportsAllowInRcpFullAwsAccess() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .rcpLevel(List.of(rcpFull("RCPFullAWSAccess @ Root (r-ab12)")))
        .rcpLevel(List.of(policy("OnlyEc2Rcp @ Prod (ou-ab12-prod0001)", "{'Effect':'Allow','Principal':'*','Action':'ec2:*','Resource':'*'}")))
        .build();
    Request r = get(USER);
    List<Suggestion> all = SUGGESTIONS.suggest(r, set, eval(r, set));
    for (Suggestion s : all) {
      for (PolicyChange c : s.changes()) {
        if (c.kind() == PolicyKind.RCP && c instanceof PolicyChange.Add add) {
          assertThat(add.policy().name()).as(s.title() + ": an added RCP with an Allow statement").contains("RCPFullAWSAccess");
        }
      }
    }
  }

  @Test
  void aBoundaryWithoutTheActionIsNamedAndTheSuggestionAddsExactlyThisActionAndResourceToIt() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).boundary(onlyEc2("OnlyEc2")).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: the permissions boundary OnlyEc2 does not allow s3:GetObject.");
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.AddAllow a = only(all, Suggestion.AddAllow.class);
    assertThat(a.where()).containsExactly("permissions boundary OnlyEc2");
    assertThat(a.verified().decision()).isEqualTo(Decision.ALLOWED);
    checkAddAllowWords(r, set, all);
  }

  @Test
  void aSessionPolicyWithoutTheActionIsNamed() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).session(onlyEc2("SessionEc2")).build();
    Request r = get(SESSION);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: no session policy of this session allows s3:GetObject.");
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.AddAllow a = only(all, Suggestion.AddAllow.class);
    assertThat(a.where()).containsExactly("session policy SessionEc2");
    checkAddAllowWords(r, set, all);
  }

  @Test
  void noIdentityAllowInTheSameAccountNamesThePrincipalsPolicies() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2")).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: no policy of user alice (UserEc2) allows s3:GetObject on " + OBJ + ".");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.AddAllow.class).where()).containsExactly("an identity-based policy");
    checkAddAllowWords(r, set, all);
  }

  /**
   * The boundary alone decides: whatever the identity policy's unknown condition turns out to
   * be, the boundary does not allow. The sentence must name the boundary, and must not claim as a
   * certainty that no identity policy allows (that is undetermined).
   */
  @Test
  void whenTheIdentityAllowIsUndeterminedButTheBoundaryLacksTheActionTheSentenceNamesTheBoundary() throws Exception {
    PolicySet set = PolicySet.builder()
        .identity(policy("TagGated", "{'Sid':'RedTeamOnly','Effect':'Allow','Action':'s3:GetObject','Resource':'" + BUCKET_ALL
            + "','Condition':{'StringEquals':{'aws:ResourceTag/team':'red'}}}"))
        .boundary(onlyEc2("OnlyEc2")).build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).unknown("aws:ResourceTag/team").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    // the engine's own explanation gets it right
    assertThat(res.explanation()).contains("the permissions boundary OnlyEc2 does not allow s3:GetObject");
    String s = DecisionSentence.of(res);
    assertThat(s).doesNotContain("no policy of user alice (TagGated) allows");
    assertThat(s).isEqualTo("Denied implicitly: the permissions boundary OnlyEc2 does not allow s3:GetObject.");
  }

  // ================================================================== 1. same-account resource policy vs boundary / session

  @Test
  void sameAccountResourcePolicyNamingTheUserAllowsDespiteTheBoundaryAndTheSentenceCreditsIt() throws Exception {
    PolicySet set = PolicySet.builder().boundary(onlyEc2("OnlyEc2"))
        .resource(policy("BucketPolicy", allowTo("AliceRead", USER, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(USER);
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(DecisionSentence.of(res)).isEqualTo("Allowed by the resource-based policy BucketPolicy: s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(decidingSid(r, set)).isEqualTo("AliceRead");
    assertThat(res.explanation()).contains("the permissions boundary does not limit a resource-based policy that names the principal directly")
        .doesNotContain("the permissions boundary OnlyEc2 allows");
    List<Suggestion> all = checkSuggestions(r, set);
    // the boundary cannot take this away, so no suggestion touches it
    assertThat(all).allSatisfy(s -> assertThat(s.changes()).noneMatch(c -> c.kind() == PolicyKind.BOUNDARY));
    assertThat(only(all, Suggestion.RemoveAllow.class).statement()).isEqualTo("AliceRead");
  }

  @Test
  void sameAccountResourcePolicyNamingTheRoleSessionAllowsDespiteTheSessionPolicy() throws Exception {
    PolicySet set = PolicySet.builder().session(onlyEc2("SessionEc2"))
        .resource(policy("BucketPolicy", allowTo("SessionRead", SESSION, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(SESSION);
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(DecisionSentence.of(res)).isEqualTo("Allowed by the resource-based policy BucketPolicy: s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(res.explanation()).contains("session policies do not limit a resource-based policy that names the session directly");
    checkSuggestions(r, set);
  }

  @Test
  void sameAccountResourcePolicyNamingTheRoleArnIsStillCappedByTheBoundaryAndTheSentenceSaysBoundary() throws Exception {
    PolicySet set = PolicySet.builder().boundary(onlyEc2("OnlyEc2"))
        .resource(policy("BucketPolicy", allowTo("RoleRead", ROLE, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(SESSION);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: the permissions boundary OnlyEc2 does not allow s3:GetObject.");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.AddAllow.class).where()).containsExactly("permissions boundary OnlyEc2");
    checkAddAllowWords(r, set, all);
  }

  /**
   * The resource policy's first statement names only the account (it delegates and cannot pass
   * the boundary); the second names alice directly and is what allowed. The deciding statement
   * and the sentence's patterns must be the second one's.
   */
  @Test
  void theDecidingStatementIsTheResourceStatementThatNamesTheUserNotAnEarlierAccountStatement() throws Exception {
    PolicySet set = PolicySet.builder().boundary(onlyEc2("OnlyEc2"))
        .resource(policy("BucketPolicy", allowTo("AccountWide", ACCT, "s3:*", BUCKET_ALL),
            allowTo("AliceDirect", USER, "s3:GetObject", OBJ))).build();
    Request r = get(USER);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.ALLOWED);
    org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(decidingSid(r, set)).as("deciding statement").isEqualTo("AliceDirect");
      soft.assertThat(sentence(r, set)).as("sentence").isEqualTo("Allowed by the resource-based policy BucketPolicy: s3:GetObject on " + OBJ + ".");
      soft.assertThat(eval(r, set).explanation()).as("engine explanation (simulate's first line)").contains("statement AliceDirect");
    });
  }

  @Test
  void sameAccountIdentityAllowWithAResourcePolicyThatOnlyNamesTheAccountCreditsTheIdentityPolicy() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("UserS3", allow("ReadData", "s3:GetObject", BUCKET_ALL)))
        .resource(policy("BucketPolicy", allowTo("AccountWide", ACCT, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Allowed by UserS3 (identity-based policy of user alice): s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(decidingSid(r, set)).isEqualTo("ReadData");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.RemoveAllow.class).statement()).isEqualTo("ReadData");
  }

  @Test
  void allowedByBothIdentityAndADirectResourceGrantOffersNoSingleRemovalAndConditionsFlipBoth() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("UserS3", allow("ReadData", "s3:GetObject", BUCKET_ALL)))
        .resource(policy("BucketPolicy", allowTo("AliceRead", USER, "s3:GetObject", BUCKET_ALL))).build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).context("aws:SourceIp", "198.51.100.9")
        .context("aws:RequestedRegion", "eu-west-1").context("aws:MultiFactorAuthPresent", "false").build();
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).noneMatch(s -> s instanceof Suggestion.RemoveAllow);
    assertThat(all).filteredOn(s -> s instanceof Suggestion.ConditionOnAllow).hasSize(3)
        .allSatisfy(s -> assertThat(s.changes()).hasSize(2));
  }

  // ================================================================== 1. cross-account

  @Test
  void crossAccountResourceAllowsButTheCallersIdentitySideDoesNotAndTheSentenceSaysSo() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("BobEc2"))
        .resource(policy("BucketPolicy", allowTo("BobRead", XUSER, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(XUSER);
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(res.explanation()).contains("no identity-based policy of " + XUSER + " allows s3:GetObject (both sides must allow)");
    String s = DecisionSentence.of(res);
    // a resource-based policy DID allow: "no applicable policy allows" is false
    assertThat(s).doesNotContain("no applicable policy allows");
    assertThat(s).isEqualTo("Denied implicitly: no policy of user bob (BobEc2) allows s3:GetObject on " + OBJ + ".");
  }

  @Test
  void crossAccountResourceAllowsButIdentityLacksGetsAnIdentityAllowSuggestionThatFlips() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("BobEc2"))
        .resource(policy("BucketPolicy", allowTo("BobRead", XUSER, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(XUSER);
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.AddAllow.class).where()).containsExactly("an identity-based policy");
    checkAddAllowWords(r, set, all);
  }

  @Test
  void crossAccountIdentityAllowsButTheResourcePolicyDoesNotNamesTheResourcePolicy() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("BobS3", allow("ReadData", "s3:GetObject", BUCKET_ALL)))
        .resource(policy("BucketPolicy", allowTo("OtherRead", "arn:aws:iam::444455556666:user/carol", "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(XUSER);
    assertThat(sentence(r, set)).isEqualTo("Denied implicitly: the resource-based policy BucketPolicy does not allow " + XUSER
        + " to call s3:GetObject, and it must (cross-account request).");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.AddAllow.class).where()).containsExactly("resource-based policy BucketPolicy naming the caller");
    checkAddAllowWords(r, set, all);
  }

  @Test
  void crossAccountWithNoResourcePolicyAtAllNeedsBothSidesAndTheSuggestionAddsOnlyTheResourceSide() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("BobS3", allow("ReadData", "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(XUSER);
    assertThat(sentence(r, set)).startsWith("Denied implicitly: a cross-account request needs a resource-based policy");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(only(all, Suggestion.AddAllow.class).where()).containsExactly("a resource-based policy naming the caller");
    checkAddAllowWords(r, set, all);
  }

  /**
   * Cross-account, the resource-based policy alone did not allow: the caller's identity-based
   * policy had to allow as well. The ACL branch of the same sentence says "(cross-account: the
   * caller's own side allows too)"; the bucket-policy branch credits the bucket policy alone.
   */
  @Test
  void crossAccountAllowedSentenceAlsoNamesTheCallersIdentityPolicyBecauseBothSidesWereNeeded() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("BobS3", allow("ReadData", "s3:GetObject", BUCKET_ALL)))
        .resource(policy("BucketPolicy", allowTo("BobRead", XUSER, "s3:GetObject", BUCKET_ALL))).build();
    Request r = get(XUSER);
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(res.explanation()).contains("cross-account, and statement ReadData of policy BobS3");
    String s = DecisionSentence.of(res);
    assertThat(s).startsWith("Allowed by the resource-based policy BucketPolicy");
    assertThat(s).as("the cross-account sentence names the caller's side too").containsAnyOf("BobS3", "cross-account");
    checkSuggestions(r, set);
  }

  // ================================================================== 1. KMS / trust policy delegating to the account

  /**
   * Same account, the key policy allows the account (enabling IAM policies), the user's
   * identity policy lacks kms:Decrypt. What is missing is the identity-based allow.
   */
  @Test
  void kmsKeyPolicyThatDelegatesToTheAccountWithoutAnIdentityAllowNamesTheMissingIdentityAllow() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2"))
        .resource(policy("KeyPolicy", allowTo("EnableIamUserPermissions", "arn:aws:iam::111122223333:root", "kms:*", "*"))).build();
    Request r = Request.builder(USER, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(DecisionSentence.of(res)).contains("UserEc2");
  }

  @Test
  void kmsKeyPolicyThatDelegatesToTheAccountWithoutAnIdentityAllowGetsASuggestionThatFlips() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2"))
        .resource(policy("KeyPolicy", allowTo("EnableIamUserPermissions", "arn:aws:iam::111122223333:root", "kms:*", "*"))).build();
    Request r = Request.builder(USER, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").build();
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).as("a suggestion for an implicit deny that an identity-based allow would lift").isNotEmpty();
  }

  /**
   * Same account, the key policy only allows the account (it "enables IAM policies"); the
   * identity policy's Allow is what granted. Crediting the key policy statement alone hides the
   * identity policy that an analyst must change.
   */
  @Test
  void kmsAllowedThroughTheAccountDelegationCreditsTheIdentityPolicyThatGranted() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("UserKms", allow("UseKey", "kms:Decrypt", "*")))
        .resource(policy("KeyPolicy", allowTo("EnableIamUserPermissions", "arn:aws:iam::111122223333:root", "kms:*", "*"))).build();
    Request r = Request.builder(USER, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(DecisionSentence.of(res)).contains("UserKms");
    checkSuggestions(r, set);
  }

  // ================================================================== 1. NotAction / NotResource / NotPrincipal

  @Test
  void aNotActionDenySaysTheActionIsOutsideNotAction() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .identity(policy("ListOnly", "{'Sid':'DenyAllButList','Effect':'Deny','NotAction':'s3:List*','Resource':'*'}")).build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Denied by ListOnly (identity-based policy of user alice): s3:GetObject (outside NotAction) on *.");
    assertThat(decidingSid(r, set)).isEqualTo("DenyAllButList");
    checkSuggestions(r, set);
  }

  @Test
  void aNotResourceAllowSaysTheResourceIsOutsideNotResource() throws Exception {
    PolicySet set = PolicySet.builder()
        .identity(policy("AllButSecret", "{'Sid':'ReadAllButSecret','Effect':'Allow','Action':'s3:GetObject','NotResource':'arn:aws:s3:::secret/*'}"))
        .build();
    Request r = get(USER);
    assertThat(sentence(r, set)).isEqualTo("Allowed by AllButSecret (identity-based policy of user alice): s3:GetObject on " + OBJ
        + " (outside NotResource).");
    checkSuggestions(r, set);
  }

  @Test
  void aNotPrincipalDenyInTheBucketPolicyNamesTheBucketPolicy() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .resource(policy("BucketPolicy", "{'Sid':'OnlyAdmins','Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::111122223333:user/admin'},"
            + "'Action':'s3:GetObject','Resource':'" + BUCKET_ALL + "'}")).build();
    Request r = get(USER);
    assertThat(eval(r, set).decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(sentence(r, set)).isEqualTo("Denied by the resource-based policy BucketPolicy: s3:GetObject on " + BUCKET_ALL + ".");
    assertThat(decidingSid(r, set)).isEqualTo("OnlyAdmins");
    checkSuggestions(r, set);
  }

  // ================================================================== 1. undetermined

  @Test
  void anUndeterminedAllowIsNeverStatedAsAllowedOrDenied() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("TagGated", "{'Sid':'RedTeamOnly','Effect':'Allow','Action':'s3:GetObject','Resource':'"
        + BUCKET_ALL + "','Condition':{'StringEquals':{'aws:ResourceTag/team':'red'}}}")).build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).unknown("aws:ResourceTag/team").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.UNDETERMINED);
    String s = DecisionSentence.of(res);
    assertThat(s).startsWith("Undetermined: ").contains("aws:ResourceTag/team").doesNotContain("Allowed by", "Denied");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).allSatisfy(x -> assertThat(x).isInstanceOf(Suggestion.AddDeny.class));
  }

  @Test
  void anUndeterminedDenyIsNeverStatedAsAllowedOrDenied() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin()).identity(policy("IpGuard",
        "{'Sid':'OfficeOnly','Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}}"))
        .build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).unknown("aws:SourceIp").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(DecisionSentence.of(res)).startsWith("Undetermined: ").contains("aws:SourceIp").doesNotContain("Allowed by", "Denied by");
    checkSuggestions(r, set);
  }

  @Test
  void anUndeterminedScpAllowIsUndeterminedAndSuggestionsStillFlip() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(policy("RegionOnly @ Prod (ou-ab12-prod0001)", "{'Effect':'Allow','Action':'*','Resource':'*',"
            + "'Condition':{'StringEquals':{'aws:RequestedRegion':'eu-west-1'}}}")))
        .build();
    Request r = Request.builder(SESSION, "s3:GetObject", OBJ).resourceAccount(ACCT).unknown("aws:RequestedRegion").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(DecisionSentence.of(res)).startsWith("Undetermined: ").doesNotContain("Allowed by");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).isNotEmpty();
  }

  @Test
  void anImplicitDenyWithAnUndeterminedExplicitDenyIsStillACertainImplicitDeny() throws Exception {
    PolicySet set = PolicySet.builder().identity(onlyEc2("UserEc2")).identity(policy("IpGuard",
        "{'Sid':'OfficeOnly','Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}}"))
        .build();
    Request r = Request.builder(USER, "s3:GetObject", OBJ).resourceAccount(ACCT).unknown("aws:SourceIp").build();
    EvaluationResult res = eval(r, set);
    assertThat(res.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(DecisionSentence.of(res)).startsWith("Denied implicitly: no policy of user alice (UserEc2, IpGuard) allows s3:GetObject");
    List<Suggestion> all = checkSuggestions(r, set);
    Suggestion.AddAllow a = only(all, Suggestion.AddAllow.class);
    // adding the allow cannot remove the possible deny: the suggestion must say it is undetermined
    assertThat(a.verified().decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(a.reason()).contains("Undetermined", "aws:SourceIp");
  }

  // ================================================================== 2. suggestions on allowed requests

  @Test
  void allowedByAdminInAnOrganizationEverySuggestionFlipsAndNoneIsBroaderThanTheRequest() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)")))
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Prod (ou-ab12-prod0001)")))
        .build();
    Request r = Request.builder(SESSION, "s3:GetObject", OBJ).resourceAccount(ACCT).context("aws:SourceIp", "198.51.100.9")
        .context("aws:RequestedRegion", "eu-west-1").build();
    assertThat(sentence(r, set)).isEqualTo("Allowed by Admin (identity-based policy of role AppRole): s3:GetObject (as *) on *.");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).extracting(Suggestion::getClass).contains(Suggestion.AddDeny.class, Suggestion.ConditionOnAllow.class,
        Suggestion.RemoveAllow.class);
  }

  @Test
  void anAllowGrantedByTheRoleArnInTheBucketPolicyAndTheIdentityPolicyIsConditionedOnBoth() throws Exception {
    PolicySet set = PolicySet.builder().identity(admin())
        .resource(policy("BucketPolicy", allowTo("RoleRead", ROLE, "s3:GetObject", BUCKET_ALL))).build();
    Request r = Request.builder(SESSION, "s3:GetObject", OBJ).resourceAccount(ACCT).context("aws:MultiFactorAuthPresent", "false").build();
    assertThat(sentence(r, set)).startsWith("Allowed by Admin (identity-based policy of role AppRole)");
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).noneMatch(s -> s instanceof Suggestion.RemoveAllow);
  }

  @Test
  void crossAccountSuggestionsForAnAllowedRequestFlip() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("BobS3", allow("ReadData", "s3:GetObject", BUCKET_ALL)))
        .resource(policy("BucketPolicy", allowTo("BobRead", XUSER, "s3:GetObject", BUCKET_ALL)))
        .scpLevel(List.of(fullAccess("FullAWSAccess @ Root (r-ab12)"))).build();
    Request r = Request.builder(XUSER, "s3:GetObject", OBJ).resourceAccount(ACCT).context("aws:MultiFactorAuthPresent", "false").build();
    List<Suggestion> all = checkSuggestions(r, set);
    assertThat(all).isNotEmpty();
  }

  // ================================================================== 3. CLI

  static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  @TempDir Path dir;

  static final String BOUNDARY_CASE = j("{'request':{'principal':'" + USER + "','action':'s3:GetObject','resource':'" + OBJ
      + "','resourceAccount':'" + ACCT + "'},'permissionsBoundary':{'name':'OnlyEc2','document':{'Version':'2012-10-17','Statement':"
      + "[{'Effect':'Allow','Action':'ec2:*','Resource':'*'}]}},'resourcePolicy':{'name':'BucketPolicy','document':{'Version':'2012-10-17',"
      + "'Statement':[{'Sid':'AliceRead','Effect':'Allow','Principal':{'AWS':'" + USER + "'},'Action':'s3:GetObject','Resource':'"
      + BUCKET_ALL + "'}]}}}");

  static final String CROSS_CASE = j("{'request':{'principal':'" + XUSER + "','action':'s3:GetObject','resource':'" + OBJ
      + "','resourceAccount':'" + ACCT + "'},'identityPolicies':[{'name':'BobEc2','document':{'Version':'2012-10-17','Statement':"
      + "[{'Effect':'Allow','Action':'ec2:*','Resource':'*'}]}}],'resourcePolicy':{'name':'BucketPolicy','document':{'Version':'2012-10-17',"
      + "'Statement':[{'Sid':'BobRead','Effect':'Allow','Principal':{'AWS':'" + XUSER + "'},'Action':'s3:GetObject','Resource':'"
      + BUCKET_ALL + "'}]}}}");

  static final String UNDETERMINED_BOUNDARY_CASE = j("{'request':{'principal':'" + USER + "','action':'s3:GetObject','resource':'" + OBJ
      + "','resourceAccount':'" + ACCT + "','unknownKeys':['aws:ResourceTag/team']},'identityPolicies':[{'name':'TagGated','document':"
      + "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','Resource':'" + BUCKET_ALL
      + "','Condition':{'StringEquals':{'aws:ResourceTag/team':'red'}}}]}}],'permissionsBoundary':{'name':'OnlyEc2','document':"
      + "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ec2:*','Resource':'*'}]}}}");

  @Test
  void simulatePrintsThatTheBoundaryDoesNotLimitABucketPolicyNamingTheUser() throws Exception {
    Path f = dir.resolve("b.json");
    Files.writeString(f, BOUNDARY_CASE);
    CliRun r = cli("simulate", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String first = r.out().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("Allowed: statement AliceRead of policy BucketPolicy (resource-based policy) matches")
        .contains("the permissions boundary does not limit a resource-based policy that names the principal directly");
    assertThat(r.out()).contains("(but a resource-based policy naming the principal directly is not limited by it)");
  }

  @Test
  void simulatePrintsThatCrossAccountBothSidesMustAllow() throws Exception {
    Path f = dir.resolve("x.json");
    Files.writeString(f, CROSS_CASE);
    CliRun r = cli("simulate", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo("Implicitly denied: cross-account request: no identity-based policy of "
        + XUSER + " allows s3:GetObject (both sides must allow).");
  }

  @Test
  void simulatePrintsTheBoundaryNotAnUndeterminedIdentityPolicyAsTheReason() throws Exception {
    Path f = dir.resolve("u.json");
    Files.writeString(f, UNDETERMINED_BOUNDARY_CASE);
    CliRun r = cli("simulate", f.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = M.readTree(r.out().strip());
    assertThat(out.get("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(out.get("explanation").asText()).isEqualTo("Implicitly denied: the permissions boundary OnlyEc2 does not allow s3:GetObject.");
    assertThat(out.get("dependsOn")).isEmpty();
  }

  @Test
  void simulateFileCasesGiveTheSameSentenceAsTheApiAndSuggestionsFlip() throws Exception {
    for (String text : List.of(BOUNDARY_CASE, CROSS_CASE, UNDETERMINED_BOUNDARY_CASE)) {
      SimulateInput.Case c = SimulateInput.read(text, "case.json").get(0);
      checkSuggestions(c.request(), c.policies());
      checkAddAllowWords(c.request(), c.policies(), SUGGESTIONS.suggest(c.request(), c.policies(), eval(c.request(), c.policies())));
    }
  }

  /**
   * Cross-account GetObject with no bucket policy and an object ACL that grants only its owner
   * (the sample's 06 case without the sandbox grant): what must allow and does not is the ACL
   * (the resource side). The sentence must not call the ACL an identity-based policy.
   */
  @Test
  void crossAccountAclThatDoesNotGrantIsNotCalledAnIdentityBasedPolicy() throws Exception {
    ObjectNode c = (ObjectNode) M.readTree(Files.readString(Path.of("samples/simulate/06-s3-getobject-via-object-acl.json"))).get(0);
    ArrayNode grants = (ArrayNode) c.get("acl").get("Grants");
    grants.remove(1);
    SimulateInput.Case sc = SimulateInput.read(M.writeValueAsString(c), "acl.json").get(0);
    EvaluationResult res = eval(sc.request(), sc.policies());
    assertThat(res.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    String s = DecisionSentence.of(res);
    assertThat(s).as(s).doesNotContain("identity-based policy").contains("ACL");
    checkSuggestions(sc.request(), sc.policies());
  }

  /**
   * Sample event 10 (samples/README.md): ci-deploy assumes OpsAdminRole, whose trust policy
   * trusts the account root; "same account, so the identity policy decides" (statement
   * AssumeDeployRoles of ci-deploy-policy). The explain sentence should credit that statement.
   */
  @Test
  void explainOfTheSampleAssumeRoleCreditsTheIdentityStatementAssumeDeployRolesNotTheAccountTrust() throws Exception {
    Path caseDir = dir.resolve("case");
    CliRun imp = cli("import", "--case", caseDir.toString(), "samples/case", "--json");
    assertThat(imp.exit()).as(imp.err()).isZero();
    CliRun r = cli("explain", "--case", caseDir.toString(), "--event", "033261f9-3fbc-47cb-ac3b-396233a19a2f", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = M.readTree(r.out().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow());
    assertThat(j.path("decision").asText()).isEqualTo("Allowed");
    String explanation = j.path("explanation").asText();
    assertThat(explanation).as(explanation).contains("ci-deploy-policy");
  }
}
