package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a {@link SessionGraph} from a stream of events in any order. Links come from the STS
 * calls that issue credentials (AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity,
 * GetSessionToken, GetFederationToken: {@code responseElements.credentials.accessKeyId} and
 * {@code assumedRoleUser.arn} / {@code federatedUser.arn}) and from how keys are used
 * (console credentials, instance-profile sessions with {@code ec2RoleDelivery}, the service resource
 * {@code inScopeOf} names). Memory grows with distinct keys, not events. Not thread-safe.
 */
public final class SessionGraphBuilder implements AlikeEvents {
  /** How many distinct principal ARNs of one temporary key are kept (one is expected). */
  static final int MAX_LOGGED_ARNS = 4;
  static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");

  private final Map<String, Node> nodes = new LinkedHashMap<>();

  private static final class Node {
    final String key;
    SessionOrigin origin;
    String principalArn;
    String issuerArn;
    String accountId;
    String parentKey;
    String parentPrincipal;
    String issuingEventId;
    Instant issuedAt;
    String expiration;
    String roleSessionName;
    String sourceIdentity;
    boolean crossAccount;
    Boolean mfa;
    String instanceId;
    Instant first;
    Instant last;
    long count;
    boolean consoleChecked;
    /** The issuing call known is the role owner's copy of a cross-account call (names no caller). */
    boolean issuedByOwnersCopy;
    /** The service resource the credentials were issued to ({@code userIdentity.inScopeOf.credentialsIssuedTo}). */
    String workload;
    LinkedHashSet<String> ips = new LinkedHashSet<>();
    /** The userIdentity.arn values the key's own calls were logged with (a temporary key: one expected), bounded. */
    LinkedHashSet<String> loggedArns;
    /** {@code ips} is held by a built session ({@link FrozenAddresses}): copy it before adding. */
    boolean ipsHandedOut;
    /**
     * The identity of the last use applied in full, the partition of its event's region and the
     * principal resolved from them; null again after a call issued this key. A use with the same
     * identity object right after changes nothing but the counts (events rebuilt from one facts
     * term share it), so it skips resolving the principal.
     */
    UserIdentity lastIdentity;
    String lastPartition;
    Principal lastPrincipal;

    Node(String key) {
      this.key = key;
    }
  }

  private Node node(String key) {
    return nodes.computeIfAbsent(key, Node::new);
  }

  public SessionGraphBuilder addAll(Iterable<CloudTrailEvent> events) {
    for (CloudTrailEvent e : events) {
      add(e);
    }
    return this;
  }

  public SessionGraphBuilder add(CloudTrailEvent e) {
    return add(e, 1, e.eventTime());
  }

  /**
   * Adds {@code count} events this builder treats alike but for their time ({@link AlikeEvents}):
   * the earliest is {@code e}, the latest at {@code latest}. A call that issued a session
   * ({@link #issuedKey} not null) comes on its own ({@code count} 1): its event id is the session's
   * issuing event.
   */
  public SessionGraphBuilder add(CloudTrailEvent e, long count, Instant latest) {
    return add(e, StsDocuments.of(e), count, latest);
  }

  /** As {@link #add(CloudTrailEvent, long, Instant)}, with {@code e}'s documents already read ({@link StsDocuments#of}). */
  public SessionGraphBuilder add(CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    use(e, docs, count, latest);
    return this;
  }

  /** Adds; returns the node of the key the events used, or null. */
  private Node use(CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    Node used = null;
    UserIdentity u = e.userIdentity();
    String callerKey = null;
    Principal caller = null;
    if (u != null && !"AWSService".equals(u.type()) && u.accessKeyId() != null && !u.accessKeyId().isBlank()) {
      callerKey = u.accessKeyId();
      Node n = node(callerKey);
      used = n;
      count(n, e, count, latest);
      String partition = Principals.partitionOfRegion(e.awsRegion());
      if (n.lastIdentity == u && partition.equals(n.lastPartition)) {
        caller = n.lastPrincipal;
      } else {
        caller = Principals.resolve(e);
        use(n, e, u, caller);
        n.lastIdentity = u;
        n.lastPartition = partition;
        n.lastPrincipal = caller;
      }
    }
    if (docs != null && docs.issuedKey() != null && issues(e)) {
      issue(e, docs, u, callerKey, caller == null ? Principals.resolve(e) : caller, count);
    }
    String created = createdKey(e);
    if (created != null) {
      // IAM API Reference, CreateAccessKey: the call creates the key its response returns; the key is the named
      // user's (its owner comes from its uses or the principal graph, not from who created it)
      Node n = node(created);
      if (n.issuingEventId == null) {
        n.issuingEventId = e.eventId();
        n.issuedAt = e.eventTime();
      }
    }
    return used;
  }

  /** The access key id a successful iam CreateAccessKey returned, or null for any other event. */
  static String createdKey(CloudTrailEvent e) {
    if (!"iam.amazonaws.com".equals(e.eventSource()) || !"CreateAccessKey".equals(e.eventName()) || e.failed()) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode response = Json.parse(e.responseElementsJson());
    String id = response == null ? null : Principals.text(response.path("accessKey").get("accessKeyId"));
    return id != null && KeyKind.of(id) == KeyKind.LONG_TERM ? id : null;
  }

  /** The key node each group's uses counted on (null: the group's events used no key), by group number. */
  private Node[] nodeOfGroup = new Node[64];

  /** As {@link #add(CloudTrailEvent, StsDocuments, long, Instant)}, as group {@code group} of {@link AlikeEvents}. */
  @Override
  public void add(int group, CloudTrailEvent e, StsDocuments docs, long count, Instant latest) {
    Node used = use(e, docs, count, latest);
    if (group >= nodeOfGroup.length) {
      nodeOfGroup = java.util.Arrays.copyOf(nodeOfGroup, Math.max(group + 1, nodeOfGroup.length * 2));
    }
    nodeOfGroup[group] = used;
  }

  @Override
  public void address(int group, String ip, long count) {
    Node n = group < nodeOfGroup.length ? nodeOfGroup[group] : null;
    if (n != null) {
      addAddress(n, ip);
    }
  }

  private static void addAddress(Node n, String ip) {
    if (ip != null && !ip.isEmpty() && n.ips.size() < AccessKeyActivity.MAX_VALUES && !n.ips.contains(ip)) {
      if (n.ipsHandedOut) {
        n.ips = new LinkedHashSet<>(n.ips);
        n.ipsHandedOut = false;
      }
      n.ips.add(ip);
    }
  }

  /** Whether {@code e} is a successful STS call that issues a session (AssumeRole*, GetSessionToken, GetFederationToken). */
  public static boolean issues(CloudTrailEvent e) {
    return "sts.amazonaws.com".equals(e.eventSource()) && !e.failed() && SessionOrigin.ofStsCall(e.eventName()) != null;
  }

  /** The access key a session-issuing call ({@link #issues}) issued, from its response; null for any other event. */
  public static String issuedKey(CloudTrailEvent e) {
    return issuedKey(e, StsDocuments.of(e));
  }

  /** As {@link #issuedKey(CloudTrailEvent)}, with {@code e}'s documents already read ({@link StsDocuments#of}). */
  public static String issuedKey(CloudTrailEvent e, StsDocuments docs) {
    return docs != null && issues(e) ? docs.issuedKey() : null;
  }

  /** What every use of a key adds: its count, first and last time, source addresses. */
  private static void count(Node n, CloudTrailEvent e, long count, Instant latest) {
    Instant t = e.eventTime();
    if (t != null) {
      if (n.first == null || t.isBefore(n.first)) {
        n.first = t;
      }
      if (n.last == null || latest.isAfter(n.last)) {
        n.last = latest;
      }
    }
    n.count += count;
    addAddress(n, e.sourceIpAddress());
  }

  /** What a use tells of the key's session: principal, issuer, account, origin and the rest, each the first one known. */
  private void use(Node n, CloudTrailEvent e, UserIdentity u, Principal p) {
    if (n.principalArn == null) {
      n.principalArn = p.arn();
    }
    if (KeyKind.of(n.key) == KeyKind.TEMPORARY && u.arn() != null && !u.arn().isEmpty() && u.invokedBy() == null
        && Explainer.authenticated(e)) {
      if (n.loggedArns == null) {
        n.loggedArns = new LinkedHashSet<>();
      }
      if (n.loggedArns.size() < MAX_LOGGED_ARNS) {
        n.loggedArns.add(u.arn());
      }
    }
    if (n.accountId == null) {
      n.accountId = u.accountId();
    }
    if (n.workload == null && u.inScopeOf() != null) {
      n.workload = u.inScopeOf().credentialsIssuedTo();
    }
    SessionContext sc = u.sessionContext();
    if (sc != null) {
      if (n.issuerArn == null && sc.sessionIssuer() != null) {
        n.issuerArn = sc.sessionIssuer().arn();
      }
      if (n.mfa == null) {
        n.mfa = sc.mfaAuthenticated();
      }
      if (n.issuedAt == null) {
        n.issuedAt = sc.creationDate();
      }
      if (n.sourceIdentity == null) {
        n.sourceIdentity = sc.sourceIdentity();
      }
    }
    KeyKind kind = KeyKind.of(n.key);
    if (kind == KeyKind.LONG_TERM) {
      n.origin = SessionOrigin.LONG_TERM_KEY;
      if (n.issuerArn == null) {
        n.issuerArn = p.arn();
      }
      return;
    }
    if (n.roleSessionName == null && p.sessionName() != null) {
      n.roleSessionName = p.sessionName();
    }
    // CloudTrail sets ec2RoleDelivery on credentials the instance metadata service delivered; a session
    // name like an instance id is the caller's choice and proves nothing (SessionGraph.rootOf names it as a hint)
    boolean ec2Delivery = sc != null && sc.ec2RoleDelivery() != null;
    if (p.type() == PrincipalType.ASSUMED_ROLE && ec2Delivery) {
      if (n.origin == null || n.origin == SessionOrigin.UNKNOWN || n.origin == SessionOrigin.ASSUME_ROLE) {
        n.origin = SessionOrigin.INSTANCE_PROFILE;
      }
      if (n.instanceId == null && p.sessionName() != null && INSTANCE_ID.matcher(p.sessionName()).matches()) {
        n.instanceId = p.sessionName();
      }
      if (n.parentPrincipal == null) {
        n.parentPrincipal = "ec2.amazonaws.com";
      }
    }
    if (sc != null && sc.assumedRoot() && (n.origin == null || n.origin == SessionOrigin.UNKNOWN)) {
      // a short-term root session, known as such from its use even when the AssumeRoot call is not in the case
      n.origin = SessionOrigin.ASSUME_ROOT;
      if (n.issuerArn == null) {
        n.issuerArn = p.arn();
      }
    }
    if (!n.consoleChecked && n.origin == null) {
      n.consoleChecked = true;
      String raw = e.rawJson();
      if (raw != null && raw.contains("\"sessionCredentialFromConsole\"")) {
        n.origin = SessionOrigin.CONSOLE;
        if (n.issuerArn == null && (p.type() == PrincipalType.IAM_USER || p.type() == PrincipalType.ROOT)) {
          n.issuerArn = p.arn();
        }
      }
    }
  }

  private void issue(CloudTrailEvent e, StsDocuments docs, UserIdentity u, String callerKey, Principal caller, long count) {
    String newKey = docs.issuedKey();
    if (count != 1) {
      throw new IllegalArgumentException("a call that issued a session is added on its own: event " + e.eventId());
    }
    Node n = node(newKey);
    n.lastIdentity = null;
    SessionOrigin origin = SessionOrigin.ofStsCall(e.eventName());
    // the role owner's copy of a cross-account call (userIdentity AWSAccount: CloudTrail logs the call in
    // both accounts, with one sharedEventID) names only the caller's account: it never replaces the
    // caller's own copy, and alone it leaves the caller unknown
    boolean ownersCopy = u != null && "AWSAccount".equals(u.type());
    if (ownersCopy && n.issuingEventId != null && !n.issuedByOwnersCopy) {
      return;
    }
    n.issuedByOwnersCopy = ownersCopy;
    n.issuingEventId = e.eventId();
    n.issuedAt = e.eventTime() != null ? e.eventTime() : n.issuedAt;
    n.expiration = docs.expiration();
    n.parentKey = ownersCopy ? null : callerKey;
    String callerArn = ownersCopy ? null : caller.arn();
    n.parentPrincipal = callerArn;
    String roleArn = docs.roleArn();
    String assumed = docs.assumedRoleArn();
    String federated = docs.federatedUserArn();
    switch (origin) {
      case GET_SESSION_TOKEN -> {
        n.principalArn = callerArn;
        n.issuerArn = callerArn;
      }
      case GET_FEDERATION_TOKEN -> {
        n.principalArn = federated != null ? federated : n.principalArn;
        n.issuerArn = callerArn;
      }
      case ASSUME_ROOT -> {
        // the session is the target account's root user, scoped by the task policy; the caller is who opened it
        String root = docs.targetRootArn();
        n.principalArn = root != null ? root : n.principalArn;
        n.issuerArn = root != null ? root : n.issuerArn;
      }
      default -> {
        n.principalArn = assumed != null ? assumed : n.principalArn;
        n.issuerArn = roleArn != null ? roleArn : n.issuerArn;
        n.roleSessionName = docs.requestReadable() ? docs.roleSessionName() : n.roleSessionName;
      }
    }
    String src = docs.requestSourceIdentity();
    if (src == null) {
      src = docs.responseSourceIdentity();
    }
    if (src == null && u != null && u.sessionContext() != null && u.sessionContext().sourceIdentity() != null
        && !u.sessionContext().sourceIdentity().isEmpty()) {
      // a source identity set earlier in a role chain persists into the next session (IAM User Guide, "Monitor and
      // control actions taken with assumed roles")
      src = u.sessionContext().sourceIdentity();
    }
    if (src != null) {
      n.sourceIdentity = src;
    }
    String sessionAccount = ResourceArns.accountOf(n.principalArn != null ? n.principalArn : roleArn);
    if (sessionAccount != null) {
      n.accountId = sessionAccount;
    }
    String callerAccount = u == null ? null : u.accountId();
    n.crossAccount = callerAccount != null && sessionAccount != null && !callerAccount.equals(sessionAccount);
    if (u != null && "AWSService".equals(u.type())) {
      n.parentPrincipal = u.invokedBy();
      n.parentKey = null;
      if ("ec2.amazonaws.com".equals(u.invokedBy()) && n.roleSessionName != null
          && INSTANCE_ID.matcher(n.roleSessionName).matches()) {
        origin = SessionOrigin.INSTANCE_PROFILE;
        n.instanceId = n.roleSessionName;
      }
    }
    if (n.origin != SessionOrigin.INSTANCE_PROFILE) {
      n.origin = origin;
    }
  }

  private static Set<String> frozenIps(Node n) {
    if (n.ips.isEmpty()) {
      return Set.of();
    }
    n.ipsHandedOut = true;
    return new FrozenAddresses(n.ips);
  }

  /** Builds with no IP-ownership knowledge (nothing flagged as used outside AWS). */
  public SessionGraph build() {
    return build(IpOwnership.UNKNOWN);
  }

  /** Builds; {@code ipOwnership} decides which instance-profile uses are outside AWS. */
  /** The principals other than the session's that calls signed with its temporary key were logged as. */
  private static Set<String> alsoLoggedAs(Node n) {
    if (n.loggedArns == null || n.principalArn == null) {
      return Set.of();
    }
    Set<String> others = new LinkedHashSet<>(n.loggedArns);
    others.remove(n.principalArn);
    return others;
  }

  public SessionGraph build(IpOwnership ipOwnership) {
    Map<String, Session> out = new LinkedHashMap<>();
    Map<String, IpOwnership.Owner> memo = new HashMap<>();
    for (Node n : nodes.values()) {
      Set<String> outside = new LinkedHashSet<>();
      if (n.origin == SessionOrigin.INSTANCE_PROFILE) {
        for (String ip : n.ips) {
          if (IpOwnership.isIpLiteral(ip)
              && memo.computeIfAbsent(ip, ipOwnership::ownerOf) == IpOwnership.Owner.NOT_AWS) {
            outside.add(ip);
          }
        }
      }
      SessionOrigin origin = n.origin != null ? n.origin
          : KeyKind.of(n.key) == KeyKind.LONG_TERM ? SessionOrigin.LONG_TERM_KEY : SessionOrigin.UNKNOWN;
      out.put(n.key, new Session(n.key, KeyKind.of(n.key), origin, n.principalArn, n.issuerArn, n.accountId,
          n.parentKey, n.parentPrincipal, n.issuingEventId, n.issuedAt, n.expiration, n.roleSessionName,
          n.sourceIdentity, n.crossAccount, n.mfa, n.instanceId, n.first, n.last, n.count, frozenIps(n), outside,
          alsoLoggedAs(n), n.workload));
    }
    return new SessionGraph(out);
  }
}
