package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
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
 * (console credentials, instance-profile sessions with {@code ec2RoleDelivery} or an instance id
 * as session name). Memory grows with distinct keys, not events. Not thread-safe.
 */
public final class SessionGraphBuilder {
  private static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");

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
    final Set<String> ips = new LinkedHashSet<>();

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
    UserIdentity u = e.userIdentity();
    String callerKey = null;
    Principal caller = null;
    if (u != null && !"AWSService".equals(u.type()) && u.accessKeyId() != null && !u.accessKeyId().isBlank()) {
      callerKey = u.accessKeyId();
      caller = Principals.resolve(e);
      use(node(callerKey), e, u, caller);
    }
    if ("sts.amazonaws.com".equals(e.eventSource()) && !e.failed()
        && SessionOrigin.ofStsCall(e.eventName()) != null) {
      issue(e, u, callerKey, caller == null ? Principals.resolve(e) : caller);
    }
    return this;
  }

  private void use(Node n, CloudTrailEvent e, UserIdentity u, Principal p) {
    Instant t = e.eventTime();
    if (t != null) {
      if (n.first == null || t.isBefore(n.first)) {
        n.first = t;
      }
      if (n.last == null || t.isAfter(n.last)) {
        n.last = t;
      }
    }
    n.count++;
    String ip = e.sourceIpAddress();
    if (ip != null && !ip.isEmpty() && n.ips.size() < AccessKeyActivity.MAX_VALUES) {
      n.ips.add(ip);
    }
    if (n.principalArn == null) {
      n.principalArn = p.arn();
    }
    if (n.accountId == null) {
      n.accountId = u.accountId();
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
    boolean ec2Delivery = sc != null && sc.ec2RoleDelivery() != null;
    if (p.type() == PrincipalType.ASSUMED_ROLE
        && (ec2Delivery || (p.sessionName() != null && INSTANCE_ID.matcher(p.sessionName()).matches()))) {
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

  private void issue(CloudTrailEvent e, UserIdentity u, String callerKey, Principal caller) {
    JsonNode resp = Json.parse(e.responseElementsJson());
    if (resp == null) {
      return;
    }
    String newKey = Principals.text(resp.path("credentials").get("accessKeyId"));
    if (newKey == null) {
      return;
    }
    JsonNode req = Json.parse(e.requestParametersJson());
    Node n = node(newKey);
    SessionOrigin origin = SessionOrigin.ofStsCall(e.eventName());
    n.issuingEventId = e.eventId();
    n.issuedAt = e.eventTime() != null ? e.eventTime() : n.issuedAt;
    n.expiration = Principals.text(resp.path("credentials").get("expiration"));
    n.parentKey = callerKey;
    String callerArn = caller.arn();
    n.parentPrincipal = callerArn;
    String roleArn = req == null ? null : Principals.text(req.get("roleArn"));
    String assumed = Principals.text(resp.path("assumedRoleUser").get("arn"));
    String federated = Principals.text(resp.path("federatedUser").get("arn"));
    switch (origin) {
      case GET_SESSION_TOKEN -> {
        n.principalArn = callerArn;
        n.issuerArn = callerArn;
      }
      case GET_FEDERATION_TOKEN -> {
        n.principalArn = federated != null ? federated : n.principalArn;
        n.issuerArn = callerArn;
      }
      default -> {
        n.principalArn = assumed != null ? assumed : n.principalArn;
        n.issuerArn = roleArn != null ? roleArn : n.issuerArn;
        n.roleSessionName = req == null ? n.roleSessionName : Principals.text(req.get("roleSessionName"));
      }
    }
    String src = req == null ? null : Principals.text(req.get("sourceIdentity"));
    if (src == null) {
      src = Principals.text(resp.get("sourceIdentity"));
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

  /** Builds with no IP-ownership knowledge (nothing flagged as used outside AWS). */
  public SessionGraph build() {
    return build(IpOwnership.UNKNOWN);
  }

  /** Builds; {@code ipOwnership} decides which instance-profile uses are outside AWS. */
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
          n.sourceIdentity, n.crossAccount, n.mfa, n.instanceId, n.first, n.last, n.count, n.ips, outside));
    }
    return new SessionGraph(out);
  }
}
