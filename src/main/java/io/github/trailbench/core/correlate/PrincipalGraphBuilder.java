package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.InstanceProfile;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the principal graph of a case: IAM structure (groups, attached policies, boundaries,
 * instance profiles), trust relations, can-assume and privilege-escalation edges decided by the
 * policy engine (with the decision as evidence; routes in {@link EscalationSearch}), and what the
 * trail shows: did-assume and owns-key edges (counts, first/last time) and role sessions grouped
 * by (role, session name) with the key that issued them (docs/correlation.md).
 */
public final class PrincipalGraphBuilder implements AlikeEvents {
  /** Above this many principals the quadratic escalation search is skipped (noted in the graph). */
  static final int ESCALATION_LIMIT = 400;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IamSnapshot iam;
  private final EngineQuestions questions;
  private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
  private final List<GraphEdge> edges = new ArrayList<>();
  private final Map<String, Observed> assumed = new LinkedHashMap<>();
  /** Successful console role switches, by "caller role". */
  private final Map<String, Observed> switched = new LinkedHashMap<>();
  private final Map<KeyOfUser, Observed> keys = new LinkedHashMap<>();
  /** Long-term keys the case saw created (successful CreateAccessKey), by key id: their user and the creating call. */
  private final Map<String, Created> created = new LinkedHashMap<>();

  private record Created(String userArn, String eventId, java.time.Instant time) {}
  /** Source addresses of the AssumeRole calls behind each did-assume edge (first few kept). */
  private final Map<String, java.util.Set<String>> assumedFrom = new LinkedHashMap<>();
  /** The task policies of the AssumeRoot calls behind a caller → root user edge. */
  private final Map<String, java.util.Set<String>> rootTasks = new LinkedHashMap<>();
  private static final int ASSUMED_FROM_KEPT = 5;
  /** How a did-assume edge's evidence names the source addresses of its calls. */
  public static final String DID_ASSUME_FROM = "from ";
  private final Map<String, Observed> activity = new LinkedHashMap<>();
  /** Callers without an ARN (SAML and web identity users), by node id: their subject and provider, for their nodes. */
  private final Map<String, Principal> federatedCallers = new LinkedHashMap<>();
  private final SessionGraphBuilder sessions = new SessionGraphBuilder();

  public PrincipalGraphBuilder(IamSnapshot iam) {
    this.iam = iam;
    this.questions = new EngineQuestions(iam);
  }

  private java.util.function.Function<String, String> addressNote = ip -> null;

  /**
   * How to describe a source address in node details (e.g. country, AS and AWS ownership from the
   * case's enrichment); returning null shows the address alone.
   */
  public PrincipalGraphBuilder describeAddressesWith(java.util.function.Function<String, String> note) {
    this.addressNote = note == null ? ip -> null : note;
    return this;
  }

  /** Calls seen from one node to another (or of one caller): how many, first and last; counted in place, per event. */
  private static final class Observed {
    final String from;
    final String to;
    long count;
    Instant first;
    Instant last;
    /** For a caller's activity: its source addresses with their call counts (at most 50 kept). */
    Map<String, long[]> addresses;

    Observed(String from, String to) {
      this.from = from;
      this.to = to;
    }

    void add(long n, Instant earliest, Instant latest) {
      count += n;
      first = first == null || earliest.isBefore(first) ? earliest : first;
      last = last == null || latest.isAfter(last) ? latest : last;
    }

    /** {@code n} calls from {@code ip}: counted when the address is kept (the first 50 met). */
    void address(String ip, long n) {
      if (ip == null) {
        return;
      }
      if (addresses == null) {
        addresses = new LinkedHashMap<>();
      }
      long[] calls = addresses.get(ip);
      if (calls == null && addresses.size() < 50) {
        addresses.put(ip, calls = new long[1]);
      }
      if (calls != null) {
        calls[0] += n;
      }
    }

    String from() {
      return from;
    }

    String to() {
      return to;
    }

    String evidence() {
      return count + " time(s), first " + first + ", last " + last;
    }
  }

  /** Adds what one event shows: successful role assumptions, sessions, long-term keys in use, activity. */
  public void add(CloudTrailEvent e) {
    add(e, 1, e.eventTime());
  }

  /**
   * Adds {@code count} events this builder treats alike but for their time ({@link AlikeEvents}):
   * the earliest is {@code e}, at {@code e.eventTime()}, the latest at {@code latest}. Groups added
   * in the order of their first events give the graph of adding every event in order.
   */
  public void add(CloudTrailEvent e, long count, Instant latest) {
    add(e, StsDocuments.of(e), count, latest);
  }

  /** As {@link #add(CloudTrailEvent, long, Instant)}, with {@code e}'s documents already read ({@link StsDocuments#of}). */
  public void add(CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    if (e.userIdentity() == null || e.eventTime() == null) {
      return;
    }
    sessions.add(e, docs, count, latest);
    use(e, docs, count, latest);
  }

  /** The caller activity each group counted on (null: none), by group number. */
  private Observed[] callerOfGroup = new Observed[64];

  /** As {@link #add(CloudTrailEvent, StsDocuments, long, Instant)}, as group {@code group} of {@link AlikeEvents}. */
  @Override
  public void add(int group, CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    Observed caller = null;
    if (e.userIdentity() != null && e.eventTime() != null) {
      sessions.add(group, e, docs, count, latest);
      caller = use(e, docs, count, latest);
    }
    if (group >= callerOfGroup.length) {
      callerOfGroup = java.util.Arrays.copyOf(callerOfGroup, Math.max(group + 1, callerOfGroup.length * 2));
    }
    callerOfGroup[group] = caller;
  }

  @Override
  public void address(int group, String ip, long count) {
    sessions.address(group, ip, count);
    Observed a = group < callerOfGroup.length ? callerOfGroup[group] : null;
    if (a != null) {
      a.address(ip, count);
    }
  }

  /** What the events show but for the session graph; returns the caller's activity, or null. */
  private Observed use(CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    String caller = callerNodeId(e);
    if (caller != null && federated(e)) {
      federatedCallers.putIfAbsent(caller, Principals.resolve(e));
    }
    Observed a = null;
    if (caller != null) {
      a = activity.get(caller);
      if (a == null) {
        activity.put(caller, a = new Observed(caller, caller));
      }
      a.add(count, e.eventTime(), latest);
      a.address(e.sourceIpAddress(), count);
    }
    if (e.failed()) {
      return a;
    }
    String role = docs == null ? null : docs.requestedRole();
    if (role != null && caller != null && e.eventName().startsWith("AssumeRole")) {
      assumed.computeIfAbsent(caller + " " + role, k -> new Observed(caller, role)).add(count, e.eventTime(), latest);
      if (e.sourceIpAddress() != null) {
        java.util.Set<String> from = assumedFrom.computeIfAbsent(caller + " " + role, k -> new java.util.LinkedHashSet<>());
        if (from.size() < ASSUMED_FROM_KEPT) {
          from.add(e.sourceIpAddress());
        }
      }
    }
    String switchedTo = switchedTo(e);
    if (switchedTo != null && caller != null) {
      switched.computeIfAbsent(caller + " " + switchedTo, k -> new Observed(caller, switchedTo)).add(count, e.eventTime(), latest);
      if (e.sourceIpAddress() != null) {
        java.util.Set<String> from = assumedFrom.computeIfAbsent(caller + " " + switchedTo, k -> new java.util.LinkedHashSet<>());
        if (from.size() < ASSUMED_FROM_KEPT) {
          from.add(e.sourceIpAddress());
        }
      }
    }
    String root = docs == null || !"AssumeRoot".equals(e.eventName()) ? null : docs.targetRootArn();
    if (root != null && caller != null) {
      // centralized root access: the caller opened a short-term root session in the member account
      assumed.computeIfAbsent(caller + " " + root, k -> new Observed(caller, root)).add(count, e.eventTime(), latest);
      if (docs.taskPolicyArn() != null) {
        java.util.Set<String> tasks = rootTasks.computeIfAbsent(caller + " " + root, k -> new java.util.LinkedHashSet<>());
        if (tasks.size() < ASSUMED_FROM_KEPT) {
          tasks.add(docs.taskPolicyArn());
        }
      }
    }
    String made = SessionGraphBuilder.createdKey(e);
    if (made != null && !created.containsKey(made)) {
      String owner = createdKeyOwner(e);
      if (owner != null) {
        created.put(made, new Created(owner, e.eventId(), e.eventTime()));
      }
    }
    String key = e.userIdentity().accessKeyId();
    if (key != null && key.startsWith("AKIA") && "IAMUser".equals(e.userIdentity().type()) && e.userIdentity().arn() != null) {
      keys.computeIfAbsent(new KeyOfUser(e.userIdentity().arn(), key), k -> new Observed(k.userArn(), k.key()))
          .add(count, e.eventTime(), latest);
    }
    return a;
  }

  private record KeyOfUser(String userArn, String key) {}

  /** Whether {@code e} is a console role switch CloudTrail did not log as an error (its outcome is in its response). */
  public static boolean consoleRoleSwitch(CloudTrailEvent e) {
    return "signin.amazonaws.com".equals(e.eventSource()) && "SwitchRole".equals(e.eventName()) && !e.failed();
  }

  /**
   * The role a successful console role switch switched to: {@code responseElements.SwitchRole}
   * "Success" and the role {@code additionalEventData.SwitchTo} names (IAM User Guide: switching to a
   * role and assuming it are the same act); null for any other event.
   */
  static String switchedTo(CloudTrailEvent e) {
    if (!consoleRoleSwitch(e)) {
      return null;
    }
    JsonNode response = Json.parse(e.responseElementsJson());
    if (response == null || !"Success".equals(Principals.text(response.get("SwitchRole")))) {
      return null;
    }
    JsonNode extra = Json.parse(e.additionalEventDataJson());
    String to = extra == null ? null : Principals.text(extra.get("SwitchTo"));
    return to != null && to.contains(":role/") ? to : null;
  }

  /**
   * The user a successful CreateAccessKey made the key for (IAM API Reference, CreateAccessKey: the
   * response's accessKey.userName; without a UserName in the request, the calling user): the case's
   * user of that name in the call's account, else the ARN built from it (a path the log does not
   * show is then missing). Null when the call names no user and its caller is not an IAM user.
   */
  private String createdKeyOwner(CloudTrailEvent e) {
    com.fasterxml.jackson.databind.JsonNode response = Json.parse(e.responseElementsJson());
    String name = response == null ? null : Principals.text(response.path("accessKey").get("userName"));
    if (name == null) {
      com.fasterxml.jackson.databind.JsonNode request = Json.parse(e.requestParametersJson());
      name = request == null ? null : Principals.text(request.get("userName"));
    }
    if (name == null) {
      return "IAMUser".equals(e.userIdentity().type()) ? e.userIdentity().arn() : null;
    }
    String account = e.recipientAccountId() != null ? e.recipientAccountId() : e.userIdentity().accountId();
    for (IamUser u : iam.users()) {
      if (u.name().equals(name) && (account == null || u.arn().contains(":" + account + ":"))) {
        return u.arn();
      }
    }
    return account == null ? null : "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":iam::" + account + ":user/" + name;
  }

  /**
   * The identity behind a call: the user, or the role of an assumed-role session; a SAML or web
   * identity user, whom CloudTrail logs without an ARN, as {@link Principals#resolve} names it (its
   * principalId: the provider's name qualifier or issuer and the subject).
   */
  static String callerNodeId(CloudTrailEvent e) {
    String arn = e.userIdentity().arn();
    if ("AssumedRole".equals(e.userIdentity().type()) && e.userIdentity().sessionContext() != null
        && e.userIdentity().sessionContext().sessionIssuer() != null) {
      return e.userIdentity().sessionContext().sessionIssuer().arn();
    }
    if ("AWSService".equals(e.userIdentity().type())) {
      return e.userIdentity().invokedBy();
    }
    if (Principals.blankToNull(arn) == null && federated(e)) {
      return Principals.resolve(e).arn();
    }
    return arn;
  }

  private static boolean federated(CloudTrailEvent e) {
    PrincipalType type = PrincipalType.of(e.userIdentity().type());
    return type == PrincipalType.SAML_USER || type == PrincipalType.WEB_IDENTITY_USER;
  }

  /** The node of a SAML or web identity user: named by its subject, with its provider. */
  private void federatedCallerNode(String id, Principal p) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("type", p.type() == PrincipalType.SAML_USER ? "SAML user" : "web identity user");
    if (p.identityProvider() != null) {
      d.put("identity provider", p.identityProvider());
    }
    d.put("principal id", id);
    d.put("activity", activityOf(id));
    node(id, NodeKind.USER, p.name() != null ? p.name() : id, d);
  }

  public PrincipalGraph build() {
    List<IamPrincipal> principals = new ArrayList<>();
    // group nodes first: a user's member-of edge would otherwise create a bare node for the group
    for (IamGroup g : iam.groups()) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("path", g.path());
      d.put("policies", policyNames(g.inlinePolicies(), g.attachedPolicies(), Optional.empty()));
      node(g.arn(), NodeKind.GROUP, g.name(), d);
    }
    for (IamUser u : iam.users()) {
      node(u.arn(), NodeKind.USER, u.name(), userDetails(u));
      principals.add(u);
      u.groups().forEach(g -> iam.group(g).ifPresent(group -> edge(u.arn(), group.arn(), EdgeKind.MEMBER_OF, List.of())));
      structure(u.arn(), u.inlinePolicies(), u.attachedPolicies(), u.permissionsBoundary());
    }
    for (IamGroup g : iam.groups()) {
      structure(g.arn(), g.inlinePolicies(), g.attachedPolicies(), Optional.empty());
    }
    for (IamRole r : iam.roles()) {
      node(r.arn(), NodeKind.ROLE, r.name(), roleDetails(r));
      principals.add(r);
      structure(r.arn(), r.inlinePolicies(), r.attachedPolicies(), r.permissionsBoundary());
      for (InstanceProfile p : r.instanceProfiles()) {
        node(p.arn(), NodeKind.INSTANCE_PROFILE, p.name(), Map.of("roles", String.join(", ", p.roleNames())));
        edge(p.arn(), r.arn(), EdgeKind.INSTANCE_PROFILE_OF, List.of("instances launched with it receive the role's credentials"));
      }
      trustPrincipals(r);
    }
    for (IamPrincipal p : principals) {
      adminEvidence(p).ifPresent(claim -> mark(p.arn(), claim));
    }
    Map<String, List<String>> canAssume = new LinkedHashMap<>();
    List<String> accounts = principals.stream().map(IamPrincipal::accountId).toList();
    for (IamRole r : iam.roles()) {
      if (iam.isServiceLinkedRole(r.arn())) {
        continue;
      }
      TrustNames trust = TrustNames.of(r);
      for (int i = 0; i < principals.size(); i++) {
        IamPrincipal p = principals.get(i);
        if (!p.arn().equals(r.arn()) && mayAssume(trust, p, accounts.get(i))) {
          Optional<String> allowed = questions.ask(p.arn(), "sts:AssumeRole", r.arn(), Map.of());
          if (allowed.isPresent()) {
            edge(p.arn(), r.arn(), EdgeKind.CAN_ASSUME, List.of(allowed.get()));
            canAssume.computeIfAbsent(p.arn(), k -> new ArrayList<>()).add(r.arn());
          }
        }
      }
    }
    if (principals.size() <= ESCALATION_LIMIT) {
      for (EscalationSearch.Escalation x : new EscalationSearch(iam, questions).search(principals, canAssume)) {
        edge(x.from(), x.to(), EdgeKind.CAN_ESCALATE, x.evidence());
        selfRaise(x).ifPresent(claim -> {
          GraphNode n = nodes.get(x.from());
          if (n != null && !n.adminEquivalent() && !(n.possiblyAdmin() && claim instanceof PossibleAdmin)) {
            mark(x.from(), claim);
          }
        });
      }
    } else {
      node(ESCALATION_SKIPPED, NodeKind.ACCOUNT, "escalation search skipped", Map.of("why",
          principals.size() + " principals: above " + ESCALATION_LIMIT + " the pairwise can-escalate search is not run"));
    }
    java.util.Set<String> usedKeys = new java.util.HashSet<>();
    for (Observed o : keys.values()) {
      node(o.from(), NodeKind.USER, label(o.from()), Map.of());
      node(o.to(), NodeKind.ACCESS_KEY, o.to(), Map.of("kind", "long-term (AKIA)", "used", o.evidence()));
      edge(o.from(), o.to(), EdgeKind.OWNS_KEY, List.of("used " + o.evidence()));
      usedKeys.add(o.to());
    }
    created.forEach((key, c) -> {
      if (!usedKeys.contains(key)) {
        // a key the case saw made and never saw used: its owner from the creating call
        node(c.userArn(), NodeKind.USER, label(c.userArn()), Map.of());
        node(key, NodeKind.ACCESS_KEY, key, Map.of("kind", "long-term (AKIA)", "created", c.eventId() + " at " + c.time()));
        edge(c.userArn(), key, EdgeKind.OWNS_KEY, List.of("created by CreateAccessKey " + c.eventId() + " at " + c.time()
            + ", not used in the case"));
      }
    });
    Map<String, Observed> assumedOrSwitched = new LinkedHashMap<>(assumed);
    switched.forEach(assumedOrSwitched::putIfAbsent);
    for (Map.Entry<String, Observed> pair : assumedOrSwitched.entrySet()) {
      Observed o = pair.getValue();
      boolean rootSession = o.to().endsWith(":root");
      Principal federated = federatedCallers.get(o.from());
      if (federated != null) {
        federatedCallerNode(o.from(), federated);
      }
      node(o.from(), kindOf(o.from()), label(o.from()), Map.of());
      node(o.to(), rootSession ? NodeKind.ACCOUNT : NodeKind.ROLE, rootSession ? "root user of " + io.github.trailbench.core.model.Arn.accountOf(o.to()) : label(o.to()),
          rootSession ? Map.of("principal", o.to()) : Map.of());
      List<String> evidence = new ArrayList<>();
      if (assumed.containsKey(pair.getKey())) {
        evidence.add((rootSession ? "AssumeRoot (a short-term root session) " : "AssumeRole ") + o.evidence());
      }
      Observed switches = switched.get(pair.getKey());
      if (switches != null) {
        evidence.add("console SwitchRole (switching to a role assumes it) " + switches.evidence());
      }
      java.util.Set<String> tasks = rootTasks.getOrDefault(o.from() + " " + o.to(), java.util.Set.of());
      if (!tasks.isEmpty()) {
        evidence.add("task policy: " + String.join(", ", tasks));
      }
      java.util.Set<String> from = assumedFrom.getOrDefault(o.from() + " " + o.to(), java.util.Set.of());
      if (!from.isEmpty()) {
        evidence.add(DID_ASSUME_FROM + String.join(", ", from));
      }
      edge(o.from(), o.to(), EdgeKind.DID_ASSUME, evidence);
    }
    roleSessions(sessions.build());
    return new PrincipalGraph(List.copyOf(nodes.values()), edges);
  }

  /** Node id of the note left in the graph when the escalation search was skipped. */
  public static final String ESCALATION_SKIPPED = "#escalation-search-skipped";

  private static final class SessionGroup {
    final String id;
    final String roleArn;
    final String sessionName;
    /** Whose chain its keys come from ({@link #chainOrigin}): every member's, also in a collapsed node. */
    final String origin;
    /** The service resources the keys were issued to (userIdentity.inScopeOf). */
    final java.util.Set<String> workloads = new java.util.LinkedHashSet<>();
    final List<String> keys = new ArrayList<>();
    /** The member sessions' source addresses, in order; united only for a group that is shown. */
    final List<java.util.Set<String>> ipsOfSessions = new ArrayList<>();
    final java.util.Set<String> origins = new java.util.LinkedHashSet<>();
    /** Per member key the log also shows signing as other principals: those principals. */
    final Map<String, java.util.Set<String>> alsoLoggedAs = new LinkedHashMap<>();
    /** Per parent, how each of its keys was issued: written only for the few an edge shows. */
    final Map<String, List<java.util.function.Supplier<String>>> parents = new LinkedHashMap<>();
    long events;
    Instant first;
    Instant last;
    int members = 1;

    SessionGroup(String id, String roleArn, String sessionName, String origin) {
      this.id = id;
      this.roleArn = roleArn;
      this.sessionName = sessionName;
      this.origin = origin;
    }

    void add(Session s) {
      keys.add(s.accessKeyId());
      if (!s.alsoLoggedAs().isEmpty()) {
        alsoLoggedAs.put(s.accessKeyId(), s.alsoLoggedAs());
      }
      if (!s.sourceIps().isEmpty()) {
        ipsOfSessions.add(s.sourceIps());
      }
      origins.add(s.origin().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      if (s.workload() != null) {
        workloads.add(s.workload());
      }
      events += s.eventCount();
      Instant f = s.firstSeen() != null ? s.firstSeen() : s.issuedAt();
      Instant l = s.lastSeen() != null ? s.lastSeen() : s.issuedAt();
      first = f != null && (first == null || f.isBefore(first)) ? f : first;
      last = l != null && (last == null || l.isAfter(last)) ? l : last;
    }

    void merge(SessionGroup other) {
      keys.addAll(other.keys);
      alsoLoggedAs.putAll(other.alsoLoggedAs);
      ipsOfSessions.addAll(other.ipsOfSessions);
      origins.addAll(other.origins);
      workloads.addAll(other.workloads);
      other.parents.forEach((k, v) -> parents.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      events += other.events;
      first = other.first != null && (first == null || other.first.isBefore(first)) ? other.first : first;
      last = other.last != null && (last == null || other.last.isAfter(last)) ? other.last : last;
      members += other.members;
    }
  }

  /**
   * Whose chain a session's key comes from, as the session graph traces it: the chain's root
   * identity, marked when the chain is incomplete. Two callers who chose the same session name get
   * two session nodes, so neither reaches what only the other's key did.
   */
  private static String chainOrigin(SessionGraph graph, Session s) {
    SessionGraph.ChainRoot root = graph.rootOf(s.accessKeyId());
    String who = root.identity() != null ? root.identity() : "unknown";
    return root.complete() ? who : who + " (chain incomplete)";
  }

  /**
   * Role sessions observed in the trail, one node per (role, session name) — the session principal
   * ARN — and chain origin ({@link #chainOrigin}: the same name chosen by two callers is two nodes,
   * {@code ARN#origin}), with its ASIA keys in the details; per role at most
   * {@link #SESSIONS_PER_ROLE} such nodes, the rest collapsed into one "+N sessions" node per chain
   * origin. Edges: session → role (session of) and the key or session whose key signed the issuing
   * call → session (key used by session).
   */
  private void roleSessions(SessionGraph graph) {
    Map<String, Map<String, List<Session>>> byPrincipalAndOrigin = new LinkedHashMap<>();
    for (Session s : graph.sessions()) {
      String principal = s.principalArn();
      if (principal == null || !principal.contains(":assumed-role/")) {
        continue;
      }
      byPrincipalAndOrigin.computeIfAbsent(principal, k -> new LinkedHashMap<>())
          .computeIfAbsent(chainOrigin(graph, s), k -> new ArrayList<>()).add(s);
    }
    Map<String, SessionGroup> byPrincipal = new LinkedHashMap<>();
    Map<String, String> groupOfKey = new LinkedHashMap<>();
    byPrincipalAndOrigin.forEach((principal, byOrigin) -> byOrigin.forEach((origin, members) -> {
      String id = byOrigin.size() == 1 ? principal : principal + "#" + origin;
      SessionGroup g = new SessionGroup(id, roleOfSession(principal, members.get(0).issuerArn()), label(principal), origin);
      members.forEach(s -> {
        g.add(s);
        groupOfKey.put(s.accessKeyId(), id);
      });
      byPrincipal.put(id, g);
    }));
    for (Session s : graph.sessions()) {
      String group = groupOfKey.get(s.accessKeyId());
      if (group == null) {
        continue;
      }
      String parent;
      java.util.function.Supplier<String> how;
      if (s.parentKey() != null && groupOfKey.containsKey(s.parentKey())) {
        String of = groupOfKey.get(s.parentKey());
        parent = of;
        how = () -> "role chaining: " + s.parentKey() + " (a key of " + label(of) + ") signed the " + originLabel(s) + " that issued "
            + s.accessKeyId() + issuedAt(s);
      } else if (s.parentKey() != null && s.parentKey().startsWith("AKIA")) {
        parent = s.parentKey();
        how = () -> s.parentKey() + " signed the " + originLabel(s) + " that issued " + s.accessKeyId() + issuedAt(s);
      } else if (s.parentKey() != null && s.parentPrincipal() != null && nodes.containsKey(s.parentPrincipal())) {
        parent = s.parentPrincipal();
        how = () -> s.parentKey() + " of " + s.parentPrincipal() + " signed the " + originLabel(s)
            + " that issued " + s.accessKeyId() + issuedAt(s);
      } else {
        continue;
      }
      byPrincipal.get(group).parents.computeIfAbsent(parent, k -> new ArrayList<>()).add(how);
    }

    Map<String, List<SessionGroup>> perRole = new LinkedHashMap<>();
    byPrincipal.values().forEach(g -> perRole.computeIfAbsent(g.roleArn, k -> new ArrayList<>()).add(g));
    Map<String, String> nodeOf = new LinkedHashMap<>();
    List<SessionGroup> shown = new ArrayList<>();
    for (Map.Entry<String, List<SessionGroup>> e : perRole.entrySet()) {
      List<SessionGroup> list = new ArrayList<>(e.getValue());
      list.sort(java.util.Comparator.comparingLong((SessionGroup g) -> -g.events).thenComparing(g -> g.id));
      // the collapsed sessions, one node per chain origin: collapsing never merges two callers' paths
      Map<String, List<SessionGroup>> restByOrigin = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        SessionGroup g = list.get(i);
        if (i < SESSIONS_PER_ROLE || list.size() == SESSIONS_PER_ROLE + 1) {
          shown.add(g);
          nodeOf.put(g.id, g.id);
        } else {
          restByOrigin.computeIfAbsent(g.origin, k -> new ArrayList<>()).add(g);
        }
      }
      restByOrigin.forEach((origin, groups) -> {
        String id = e.getKey() + "#other-sessions" + (restByOrigin.size() == 1 ? "" : "#" + origin);
        SessionGroup rest = new SessionGroup(id, e.getKey(), null, origin);
        rest.members = 0;
        groups.forEach(g -> {
          rest.merge(g);
          nodeOf.put(g.id, id);
        });
        shown.add(rest);
      });
    }
    for (SessionGroup g : shown) {
      boolean split = g.id.contains("#") && !g.id.endsWith("#other-sessions");
      String from = split ? " (" + label(g.origin) + ")" : "";
      String label = g.sessionName != null ? label(g.roleArn) + "/" + g.sessionName + from
          : "+" + g.members + " sessions of " + label(g.roleArn) + from;
      node(g.id, NodeKind.SESSION, label, sessionDetails(g));
      edge(g.id, g.roleArn, EdgeKind.SESSION_OF, List.of(g.keys.size() + " key(s), " + g.events + " event(s)"
          + (g.first == null ? "" : ", first " + g.first + ", last " + g.last)));
    }
    for (SessionGroup g : shown) {
      for (Map.Entry<String, List<java.util.function.Supplier<String>>> p : g.parents.entrySet()) {
        String from = nodeOf.getOrDefault(p.getKey(), p.getKey());
        if (!from.equals(g.id)) {
          edge(from, g.id, EdgeKind.KEY_USED_BY_SESSION, cappedLazy(p.getValue(), 5));
        }
      }
    }
  }

  /** At most this many session nodes per role; the others are collapsed into one node. */
  static final int SESSIONS_PER_ROLE = 8;

  private String roleOfSession(String sessionArn, String issuerArn) {
    if (issuerArn != null && issuerArn.contains(":role/")) {
      return issuerArn;
    }
    Optional<IamRole> role = iam.role(sessionArn);
    if (role.isPresent()) {
      return role.get().arn();
    }
    io.github.trailbench.core.model.Arn a = io.github.trailbench.core.model.Arn.parse(sessionArn).orElseThrow();
    String[] parts = a.resource().split("/");
    return "arn:" + a.partition() + ":iam::" + a.account() + ":role/" + (parts.length > 1 ? parts[1] : a.resource());
  }

  private static String originLabel(Session s) {
    switch (s.origin()) {
      case ASSUME_ROLE:
        return "AssumeRole";
      case ASSUME_ROLE_WITH_SAML:
        return "AssumeRoleWithSAML";
      case ASSUME_ROLE_WITH_WEB_IDENTITY:
        return "AssumeRoleWithWebIdentity";
      default:
        return "call";
    }
  }

  private static Map<String, String> sessionDetails(SessionGroup g) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("role", g.roleArn);
    if (g.sessionName != null) {
      d.put("session name", g.sessionName);
    } else {
      d.put("sessions", g.members + " (role, session name) groups collapsed: the role has more than " + SESSIONS_PER_ROLE);
    }
    d.put("keys", String.join(", ", capped(g.keys, 6)));
    if (!g.alsoLoggedAs.isEmpty()) {
      List<String> contested = new ArrayList<>();
      g.alsoLoggedAs.forEach((key, others) -> contested.add(key + " also logged as " + String.join(", ", others)));
      d.put("contested keys", String.join("; ", capped(contested, 3)) + " (one STS key is one session of one principal:"
          + " the log disagrees with itself; the key's calls are counted here)");
    }
    d.put("issued by", String.join(", ", g.origins));
    if (g.origin != null) {
      d.put("chain from", g.origin);
    }
    if (!g.workloads.isEmpty()) {
      d.put("issued to", String.join(", ", capped(new ArrayList<>(g.workloads), 3)) + " (userIdentity.inScopeOf)");
    }
    d.put("activity", g.events + " event(s)" + (g.first == null ? "" : ", first " + g.first + ", last " + g.last));
    java.util.Set<String> ips = new java.util.LinkedHashSet<>();
    g.ipsOfSessions.forEach(ips::addAll);
    if (!ips.isEmpty()) {
      d.put("source IPs", String.join(", ", capped(new ArrayList<>(ips), 6)));
    }
    return d;
  }

  private static String issuedAt(Session s) {
    return s.issuedAt() == null ? "" : " at " + s.issuedAt();
  }

  /** As {@link #capped}, writing only the values shown. */
  private static List<String> cappedLazy(List<java.util.function.Supplier<String>> values, int max) {
    List<String> out = new ArrayList<>();
    values.stream().limit(max).forEach(v -> out.add(v.get()));
    if (values.size() > max) {
      out.add("… and " + (values.size() - max) + " more");
    }
    return out;
  }

  private static List<String> capped(List<String> values, int max) {
    if (values.size() <= max) {
      return values;
    }
    List<String> out = new ArrayList<>(values.subList(0, max));
    out.add("… and " + (values.size() - max) + " more");
    return out;
  }

  private Map<String, String> roleDetails(IamRole r) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("path", r.path());
    r.createDate().ifPresent(t -> d.put("created", t.toString()));
    d.put("trust policy", compact(r.trustPolicy().json()));
    d.put("policies", policyNames(r.inlinePolicies(), r.attachedPolicies(), r.permissionsBoundary()));
    if (iam.isServiceLinkedRole(r.arn())) {
      d.put("service-linked", "yes (SCPs do not apply)");
    }
    r.tags().forEach((k, v) -> d.put("tag " + k, v));
    d.put("last used (IAM)", r.lastUsed().lastUsedDate().map(t -> t + r.lastUsed().region().map(x -> " in " + x).orElse(""))
        .orElse("not in IAM's tracking window"));
    d.put("activity", activityOf(r.arn()));
    addressesOf(r.arn(), d);
    return d;
  }

  private Map<String, String> userDetails(IamUser u) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("path", u.path());
    u.createDate().ifPresent(t -> d.put("created", t.toString()));
    d.put("groups", String.join(", ", u.groups()));
    d.put("policies", policyNames(u.inlinePolicies(), u.attachedPolicies(), u.permissionsBoundary()));
    iam.credentialReportRow(u.arn()).ifPresent(row -> d.put("credential report", credentialReport(row)));
    u.tags().forEach((k, v) -> d.put("tag " + k, v));
    d.put("activity", activityOf(u.arn()));
    addressesOf(u.arn(), d);
    return d;
  }

  /** The caller's source addresses, most used first, each with what is known of it. */
  private void addressesOf(String id, Map<String, String> d) {
    Observed o = activity.get(id);
    Map<String, long[]> ips = o == null ? null : o.addresses;
    if (ips == null || ips.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    ips.entrySet().stream().sorted(java.util.Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])).limit(8)
        .forEach(e -> {
          String note = addressNote.apply(e.getKey());
          lines.add(e.getKey() + " (" + e.getValue()[0] + (note == null ? "" : "; " + note) + ")");
        });
    d.put("source addresses", String.join(", ", lines) + (ips.size() > 8 ? ", … " + (ips.size() - 8) + " more" : ""));
  }

  private String activityOf(String id) {
    Observed o = activity.get(id);
    return o == null ? "no events in the case" : o.count + " event(s), first " + o.first + ", last " + o.last;
  }

  private static String policyNames(List<InlinePolicy> inline, List<AttachedPolicy> attached, Optional<AttachedPolicy> boundary) {
    List<String> names = new ArrayList<>();
    inline.forEach(p -> names.add(p.name() + " (inline)"));
    attached.forEach(p -> names.add(p.name() + " (managed)"));
    boundary.ifPresent(b -> names.add(b.name() + " (permissions boundary)"));
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String credentialReport(io.github.trailbench.core.model.iam.CredentialReportRow row) {
    StringBuilder sb = new StringBuilder();
    sb.append("password ").append(row.passwordEnabled()).append(" (last used ").append(row.passwordLastUsed()).append(")");
    sb.append("; MFA ").append(row.mfaActive());
    for (int slot = 1; slot <= 2; slot++) {
      io.github.trailbench.core.model.iam.AccessKeyStatus k = row.accessKey(slot);
      if (k.exists()) {
        sb.append("; key ").append(slot).append(k.isActive() ? " active" : " inactive").append(", rotated ").append(k.lastRotated())
            .append(", last used ").append(k.lastUsedDate()).append(" ").append(k.lastUsedService()).append(" ")
            .append(k.lastUsedRegion());
      }
    }
    return sb.toString();
  }

  private void structure(String owner, List<InlinePolicy> inline, List<AttachedPolicy> attached, Optional<AttachedPolicy> boundary) {
    for (AttachedPolicy p : attached) {
      node(p.arn(), NodeKind.MANAGED_POLICY, p.name(), Map.of("arn", p.arn()));
      edge(owner, p.arn(), EdgeKind.POLICY_ATTACHED, List.of());
    }
    for (InlinePolicy p : inline) {
      String id = owner + "#inline/" + p.name();
      node(id, NodeKind.INLINE_POLICY, p.name(), Map.of("document", compact(p.document().json())));
      edge(owner, id, EdgeKind.POLICY_ATTACHED, List.of("inline"));
    }
    boundary.ifPresent(b -> {
      node(b.arn(), NodeKind.MANAGED_POLICY, b.name(), Map.of("arn", b.arn()));
      edge(owner, b.arn(), EdgeKind.PERMISSIONS_BOUNDARY, List.of());
    });
  }

  /** Principals a trust policy names that are not IAM identities of the case: accounts, services, providers, anyone. */
  private void trustPrincipals(IamRole r) {
    String own = r.accountId();
    for (JsonNode st : statements(r.trustPolicy().json())) {
      if (!"Allow".equals(st.path("Effect").asText())) {
        continue;
      }
      JsonNode principal = st.path("Principal");
      if (principal.isTextual() && principal.asText().equals("*")) {
        node("*", NodeKind.ANYONE, "Anyone (*)", Map.of());
        edge("*", r.arn(), EdgeKind.CROSS_ACCOUNT_TRUST, List.of("trust policy allows Principal \"*\"" + conditions(st)));
        continue;
      }
      for (String aws : values(principal.path("AWS"))) {
        String account = aws.matches("\\d{12}") ? aws : io.github.trailbench.core.model.Arn.accountOf(aws);
        if (!account.equals(own) && !account.isEmpty()) {
          String id = "arn:aws:iam::" + account + ":root";
          node(id, NodeKind.EXTERNAL_ACCOUNT, "account " + account, Map.of());
          edge(id, r.arn(), EdgeKind.CROSS_ACCOUNT_TRUST, List.of("trust policy names " + aws + conditions(st)));
        } else if (aws.equals("*")) {
          node("*", NodeKind.ANYONE, "Anyone (*)", Map.of());
          edge("*", r.arn(), EdgeKind.CROSS_ACCOUNT_TRUST, List.of("trust policy allows AWS \"*\"" + conditions(st)));
        }
      }
      for (String service : values(principal.path("Service"))) {
        node(service, NodeKind.SERVICE, service, Map.of());
        edge(service, r.arn(), EdgeKind.CAN_ASSUME, List.of("trust policy allows the service" + conditions(st)));
      }
      for (String provider : values(principal.path("Federated"))) {
        node(provider, NodeKind.FEDERATED_PROVIDER, label(provider), Map.of());
        edge(provider, r.arn(), EdgeKind.CAN_ASSUME, List.of("trust policy allows federated users of this provider" + conditions(st)));
      }
    }
  }

  /** The AWS principals a role's trust policy names in its Allow statements; {@code anyone} for "*" or NotPrincipal. */
  private record TrustNames(java.util.Set<String> aws, boolean anyone) {
    static TrustNames of(IamRole r) {
      java.util.Set<String> aws = new java.util.HashSet<>();
      boolean anyone = false;
      for (JsonNode st : statements(r.trustPolicy().json())) {
        if (!"Allow".equals(st.path("Effect").asText())) {
          continue;
        }
        JsonNode principal = st.path("Principal");
        anyone |= st.has("NotPrincipal") || (principal.isTextual() && principal.asText().equals("*"));
        for (String name : values(principal.path("AWS"))) {
          anyone |= name.equals("*");
          aws.add(name);
        }
      }
      return new TrustNames(aws, anyone);
    }

    boolean namesDirectly(IamPrincipal p) {
      return anyone || aws.contains(p.arn());
    }

    boolean namesAccount(String account) {
      return aws.contains(account) || aws.contains("arn:aws:iam::" + account + ":root");
    }
  }

  /**
   * Pre-check before asking the engine whether {@code p} can assume {@code r}. A trust policy naming
   * the principal (or anyone) may grant on its own; one naming only the account delegates to the
   * principal's identity policies, which can then allow sts:AssumeRole only through an Allow
   * statement whose Action matches it or that uses NotAction.
   */
  private boolean mayAssume(TrustNames trust, IamPrincipal p, String account) {
    if (trust.namesDirectly(p)) {
      return true;
    }
    return trust.namesAccount(account) && identityMayAllowAssumeRole.computeIfAbsent(p.arn(), k -> identityMayAllowAssumeRole(p));
  }

  private final Map<String, Boolean> identityMayAllowAssumeRole = new java.util.HashMap<>();

  /** IAM action matching: case-insensitive, {@code *} any run of characters, {@code ?} one character. */
  static boolean wildcardMatches(String pattern, String action) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE).matcher(action).matches();
  }

  private boolean identityMayAllowAssumeRole(IamPrincipal p) {
    for (io.github.trailbench.core.model.iam.NamedPolicy policy : iam.identityPolicies(p).policies()) {
      for (JsonNode st : statements(policy.document().json())) {
        if (!"Allow".equals(st.path("Effect").asText())) {
          continue;
        }
        if (st.has("NotAction")) {
          return true;
        }
        for (String action : values(st.path("Action"))) {
          if (wildcardMatches(action, "sts:AssumeRole")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Why a principal is, or may be, admin-equivalent. */
  private sealed interface AdminClaim permits DecidedAdmin, PossibleAdmin {}

  /** The engine decided it: {@code evidence} is the allowing decision. */
  private record DecidedAdmin(String evidence) implements AdminClaim {}

  /** The engine's answer rests on policies the case does not hold, named in {@code dependsOn}. */
  private record PossibleAdmin(String evidence, String dependsOn) implements AdminClaim {}

  /**
   * Admin-equivalent as PMapper decides it: the engine lets the principal give itself any
   * permission (attach or write a policy on itself). The first allowing decision is the evidence; an
   * answer that rests on a policy or boundary not in the case makes it only possibly admin-equivalent.
   */
  private Optional<AdminClaim> adminEvidence(IamPrincipal p) {
    if (p instanceof IamRole r && iam.isServiceLinkedRole(r.arn())) {
      return Optional.empty();
    }
    if (cappedByBoundary(p)) {
      // what it grants itself stays within its permissions boundary, which it cannot change
      return Optional.empty();
    }
    List<String> selfGrants = p instanceof IamRole
        ? List.of("iam:AttachRolePolicy", "iam:PutRolePolicy")
        : List.of("iam:AttachUserPolicy", "iam:PutUserPolicy");
    Optional<AdminClaim> possible = Optional.empty();
    for (String action : selfGrants) {
      Optional<AdminClaim> claim = questions.ask(p.arn(), action, p.arn(), Map.of()).map(why -> claim(p, why));
      if (claim.isPresent() && claim.get() instanceof DecidedAdmin) {
        return claim;
      }
      possible = possible.isPresent() ? possible : claim;
    }
    return possible;
  }

  /** The claim an allowing (or undetermined) answer makes for {@code p}: possible when it rests on policies the case lacks. */
  private AdminClaim claim(IamPrincipal p, String evidence) {
    List<String> notInCase = notInCase(p);
    boolean restsOnThem = evidence.contains(io.github.trailbench.core.policy.UnknownPolicy.KEY) || boundaryNotInCase(p);
    return restsOnThem && !notInCase.isEmpty()
        ? new PossibleAdmin(evidence, String.join(", ", notInCase) + ", not in the case") : new DecidedAdmin(evidence);
  }

  /** The policies of {@code p} the case does not hold: attached policies, groups, its boundary (short names). */
  private List<String> notInCase(IamPrincipal p) {
    List<String> out = new ArrayList<>();
    iam.identityPolicies(p).unresolved().forEach(u -> out.add(shortName(u.reference())));
    iam.permissionsBoundary(p).unresolved().forEach(u -> out.add(shortName(u.reference()) + " (permissions boundary)"));
    return out;
  }

  private static String shortName(String reference) {
    return reference.substring(reference.lastIndexOf('/') + 1);
  }

  /** Whether {@code p} has a permissions boundary whose document the case does not hold. */
  private boolean boundaryNotInCase(IamPrincipal p) {
    return p.permissionsBoundary().isPresent() && iam.managedPolicy(p.permissionsBoundary().get().arn()).isEmpty();
  }

  /**
   * An escalation that gives the principal itself any permission, so that it is admin-equivalent
   * as surely as by attaching a policy to itself: a new default version of a managed policy
   * attached to it, a policy written into a group it is in, or joining a group that allows
   * everything. (Through a role it can assume, the role is raised, not the principal.)
   */
  private Optional<AdminClaim> selfRaise(EscalationSearch.Escalation x) {
    Optional<IamPrincipal> p = iam.user(x.from()).<IamPrincipal>map(u -> u).or(() -> iam.role(x.from()));
    if (p.isEmpty() || cappedByBoundary(p.get()) || x.evidence().isEmpty()) {
      return Optional.empty();
    }
    String first = x.evidence().get(0);
    boolean ownPolicy = first.startsWith("iam:CreatePolicyVersion") && x.evidence().size() > 1
        && x.evidence().get(1).contains("attached to " + x.from());
    boolean ownGroup = first.startsWith("iam:PutGroupPolicy") || first.startsWith("iam:AttachGroupPolicy");
    boolean adminGroup = first.startsWith("iam:AddUserToGroup") && iam.group(x.to()).map(this::allowsEverything).orElse(false);
    return ownPolicy || ownGroup || adminGroup ? Optional.of(claim(p.get(), first)) : Optional.empty();
  }

  /** Whether a group's own policies hold an unconditional Allow of every action on every resource. */
  private boolean allowsEverything(io.github.trailbench.core.model.iam.IamGroup g) {
    List<String> documents = new ArrayList<>();
    g.inlinePolicies().forEach(i -> documents.add(i.document().json()));
    g.attachedPolicies().forEach(a -> iam.managedPolicy(a.arn()).ifPresent(m -> documents.add(m.defaultVersion().document().json())));
    return documents.stream().anyMatch(PrincipalGraphBuilder::allowsEverything);
  }

  /** Whether a policy document holds an unconditional Allow of every action ("*") on every resource. */
  private static boolean allowsEverything(String json) {
    for (JsonNode st : statements(json)) {
      if ("Allow".equals(st.path("Effect").asText()) && !st.has("Condition") && !st.has("NotAction") && !st.has("NotResource")
          && values(st.path("Action")).stream().anyMatch(a -> a.equals("*") || a.equals("*:*"))
          && values(st.path("Resource")).contains("*")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the organization's SCPs cap the account below everything: some level on its path lacks
   * an unconditional Allow of every action on every resource, or holds a Deny. Admin-equivalent stays
   * the mark (SCPs bound every principal of the account alike, root included, and the escalation
   * is still to the most anyone there can do), and its detail says the ceiling exists.
   */
  private boolean scpsCap(String account) {
    if (iam.isManagementAccount(account)) {
      return false;
    }
    for (io.github.trailbench.core.model.iam.PolicyLevel level : iam.scpLevels(account)) {
      boolean allowsAll = false;
      for (io.github.trailbench.core.model.iam.NamedPolicy p : level.policies()) {
        String json = p.document().json();
        if (statements(json).stream().anyMatch(st -> !"Allow".equals(st.path("Effect").asText()))) {
          return true;
        }
        allowsAll |= allowsEverything(json);
      }
      if (!allowsAll) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a permissions boundary caps the principal below everything: AWS allows only what both
   * its identity policies and its boundary allow, so granting itself more gains nothing beyond it.
   * A boundary that allows every action on every resource, without conditions, caps nothing; one
   * not in the case is not taken to cap (the claim is then only possible, {@link #claim}).
   */
  private boolean cappedByBoundary(IamPrincipal p) {
    Optional<io.github.trailbench.core.model.iam.AttachedPolicy> boundary = p.permissionsBoundary();
    if (boundary.isEmpty()) {
      return false;
    }
    Optional<io.github.trailbench.core.model.iam.ManagedPolicy> policy = iam.managedPolicy(boundary.get().arn());
    if (policy.isEmpty()) {
      return false;
    }
    return !allowsEverything(policy.get().defaultVersion().document().json());
  }

  private void mark(String id, AdminClaim claim) {
    if (claim instanceof DecidedAdmin a) {
      markAdmin(id, a.evidence());
    } else if (claim instanceof PossibleAdmin a) {
      GraphNode n = nodes.get(id);
      Map<String, String> d = new LinkedHashMap<>(n.details());
      d.put(GraphNode.POSSIBLE_ADMIN_DETAIL, "may grant itself any permission: " + a.evidence() + GraphNode.DEPENDS_ON
          + a.dependsOn());
      nodes.put(id, new GraphNode(n.id(), n.kind(), n.label(), d));
    }
  }

  private void markAdmin(String id, String evidence) {
    GraphNode n = nodes.get(id);
    Map<String, String> d = new LinkedHashMap<>(n.details());
    d.remove(GraphNode.POSSIBLE_ADMIN_DETAIL);
    String account = io.github.trailbench.core.model.Arn.accountOf(id);
    String ceiling = account != null && scpsCap(account)
        ? " (within the service control policies on account " + account + ", which do not allow everything and bind every"
            + " principal in it, so no one there can do more)"
        : "";
    d.put(GraphNode.ADMIN_DETAIL, "can grant itself any permission: " + evidence + ceiling);
    nodes.put(id, new GraphNode(n.id(), n.kind(), n.label(), d));
  }

  private void node(String id, NodeKind kind, String label, Map<String, String> details) {
    nodes.putIfAbsent(id, new GraphNode(id, kind, label, details));
  }

  private void edge(String from, String to, EdgeKind kind, List<String> evidence) {
    if (!nodes.containsKey(from)) {
      node(from, kindOf(from), label(from), Map.of());
    }
    if (!nodes.containsKey(to)) {
      node(to, kindOf(to), label(to), Map.of());
    }
    edges.add(new GraphEdge(from, to, kind, kind.label(), evidence));
  }

  static NodeKind kindOf(String id) {
    if (id.startsWith("AKIA") || id.startsWith("ASIA")) {
      return NodeKind.ACCESS_KEY;
    }
    if (id.contains(":assumed-role/")) {
      return NodeKind.SESSION;
    }
    if (id.contains(":role/")) {
      return NodeKind.ROLE;
    }
    if (id.contains(":user/")) {
      return NodeKind.USER;
    }
    if (id.contains(":group/")) {
      return NodeKind.GROUP;
    }
    if (id.endsWith(".amazonaws.com")) {
      return NodeKind.SERVICE;
    }
    if (id.endsWith(":root")) {
      return NodeKind.EXTERNAL_ACCOUNT;
    }
    return NodeKind.USER;
  }

  static String label(String id) {
    int slash = id.lastIndexOf('/');
    return slash >= 0 && slash < id.length() - 1 ? id.substring(slash + 1) : id;
  }

  static List<JsonNode> statements(String json) {
    try {
      JsonNode s = JSON.readTree(json).path("Statement");
      List<JsonNode> out = new ArrayList<>();
      if (s.isArray()) {
        s.forEach(out::add);
      } else if (s.isObject()) {
        out.add(s);
      }
      return out;
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  static List<String> values(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static String conditions(JsonNode st) {
    return st.has("Condition") ? " when " + st.get("Condition") : "";
  }

  private static String compact(String json) {
    try {
      return JSON.writeValueAsString(JSON.readTree(json));
    } catch (java.io.IOException e) {
      return json;
    }
  }
}
