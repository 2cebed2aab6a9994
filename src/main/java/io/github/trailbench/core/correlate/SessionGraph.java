package io.github.trailbench.core.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions and the chains linking them: each temporary key to the key or identity that had it
 * issued, back to the original long-term identity. Immutable; built by {@link SessionGraphBuilder}.
 */
public final class SessionGraph {
  private final Map<String, Session> sessions;
  private final Map<String, List<String>> children;

  SessionGraph(Map<String, Session> sessions) {
    this.sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
    Map<String, List<String>> ch = new LinkedHashMap<>();
    for (Session s : sessions.values()) {
      if (s.parentKey() != null) {
        ch.computeIfAbsent(s.parentKey(), k -> new ArrayList<>()).add(s.accessKeyId());
      }
    }
    this.children = ch;
  }

  /**
   * Where a chain starts.
   *
   * @param identity the original identity: IAM user / root ARN for long-term keys and console
   *     sessions, the SAML or web-identity principal, or the AWS service; null when unknown
   * @param longTermKey the AKIA key at the start of the chain, if any
   * @param complete every link up to the root was seen in the data
   * @param reason why the chain is incomplete, null when complete
   */
  public record ChainRoot(String identity, String longTermKey, boolean complete, String reason) {}

  public Optional<Session> session(String accessKeyId) {
    return Optional.ofNullable(sessions.get(accessKeyId));
  }

  public Collection<Session> sessions() {
    return sessions.values();
  }

  public int size() {
    return sessions.size();
  }

  /** Sessions issued with this key as the caller. */
  public List<Session> children(String accessKeyId) {
    List<Session> out = new ArrayList<>();
    for (String k : children.getOrDefault(accessKeyId, List.of())) {
      out.add(sessions.get(k));
    }
    return out;
  }

  /** This session, its parent, its parent's parent … up to the root (cycle-safe). */
  public List<Session> chain(String accessKeyId) {
    List<Session> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Session cur = sessions.get(accessKeyId);
    while (cur != null && seen.add(cur.accessKeyId())) {
      out.add(cur);
      cur = cur.parentKey() == null ? null : sessions.get(cur.parentKey());
    }
    return out;
  }

  /** The original identity behind a key. */
  public ChainRoot rootOf(String accessKeyId) {
    List<Session> chain = chain(accessKeyId);
    if (chain.isEmpty()) {
      return new ChainRoot(null, null, false, "key " + accessKeyId + " not seen");
    }
    Session top = chain.get(chain.size() - 1);
    if (top.kind() == KeyKind.LONG_TERM) {
      return new ChainRoot(top.principalArn(), top.accessKeyId(), true, null);
    }
    if (top.parentKey() != null) {
      return new ChainRoot(top.parentPrincipal(), null, false,
          "chain loops back at " + top.parentKey());
    }
    return switch (top.origin()) {
      // a user's or the root user's own console session starts the chain; a role's console session
      // (a switch to the role, an Identity Center or SAML sign-in) came from a sign-in no key links to it
      case CONSOLE -> top.principalArn() != null && top.principalArn().contains(":assumed-role/")
          ? new ChainRoot(top.issuerArn() != null ? top.issuerArn() : top.principalArn(), null, false,
              "a console session of a role: who switched to or signed in as it is not linked by a key")
          : new ChainRoot(top.issuerArn() != null ? top.issuerArn() : top.principalArn(), null, true, null);
      case ASSUME_ROLE_WITH_SAML, ASSUME_ROLE_WITH_WEB_IDENTITY, INSTANCE_PROFILE -> new ChainRoot(
          top.parentPrincipal(), null, top.parentPrincipal() != null,
          top.parentPrincipal() != null ? null : "caller of " + top.origin() + " not logged");
      case ASSUME_ROLE, GET_SESSION_TOKEN, GET_FEDERATION_TOKEN, ASSUME_ROOT -> top.parentPrincipal() != null
          ? new ChainRoot(top.parentPrincipal(), null, !top.parentPrincipal().contains(":assumed-role/"),
              top.parentPrincipal().contains(":assumed-role/")
                  ? "issued by a session whose key was not logged" : null)
          : new ChainRoot(null, null, false, "caller of the issuing call not logged");
      default -> top.workload() != null
          ? new ChainRoot(top.workload(), null, false, "issued to " + top.workload()
              + " (userIdentity.inScopeOf.credentialsIssuedTo); the call that issued " + top.accessKeyId() + " is not in the data")
          : new ChainRoot(top.issuerArn(), null, false,
              "the call that issued " + top.accessKeyId() + " is not in the data" + instanceNameHint(top));
    };
  }

  /**
   * A session named like an EC2 instance that nothing logged shows EC2 issued: the name is a hint,
   * not proof (any caller of AssumeRole chooses the session name); empty for any other session.
   */
  private static String instanceNameHint(Session s) {
    String name = s.roleSessionName();
    return s.origin() == SessionOrigin.INSTANCE_PROFILE || name == null || !SessionGraphBuilder.INSTANCE_ID.matcher(name).matches()
        ? "" : "; it is named like instance " + name + ", but has no ec2RoleDelivery and no AssumeRole by ec2.amazonaws.com"
            + " issued it in the data, and any caller of AssumeRole may choose that name";
  }

  /** Instance-profile sessions used from addresses the IP hook says are outside AWS. */
  public List<Session> instanceCredentialsUsedOutsideAws() {
    List<Session> out = new ArrayList<>();
    for (Session s : sessions.values()) {
      if (!s.usedOutsideAws().isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
