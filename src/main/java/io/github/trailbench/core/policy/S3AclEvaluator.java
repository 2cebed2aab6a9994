package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.AclGrant;
import io.github.trailbench.core.model.policy.AclGrantee;
import io.github.trailbench.core.model.policy.AclGroup;
import io.github.trailbench.core.model.policy.S3Acl;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an S3 ACL as a resource-side grant (docs/policy-engine.md, "S3 ACLs"). A grant to a
 * group works like {@code Principal "*"} (AllUsers: anyone; AuthenticatedUsers: any signed caller;
 * LogDelivery: the S3 logging service); a grant to an account's canonical id or e-mail works like a
 * resource policy naming that account: it delegates to the account's identity-based policies.
 * ACLs never deny, and under BucketOwnerEnforced they are ignored entirely.
 */
final class S3AclEvaluator {
  static final String LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";

  /**
   * @param direct a grant to the caller itself or to a group it is in
   * @param delegated a grant to the caller's account
   * @param matched the grant that matched (or may match), or null
   * @param unknown why a grant may or may not match ("canonical id of account … not in the case"), or null
   */
  record Outcome(Tri direct, Tri delegated, NodeBuilder node, AclGrant matched, String aclName, String unknown) {}

  private S3AclEvaluator() {}

  /** Null when the input holds no ACL or the request is not an S3 action an ACL can grant. */
  static Outcome evaluate(Request req, PrincipalInfo pi, String resourceAccount, S3AclInput in) {
    if (in == null || in.isEmpty() || !req.action().toLowerCase(Locale.ROOT).startsWith("s3:")) {
      return null;
    }
    Optional<S3AclPermissions.Row> row = S3AclPermissions.rowFor(req.action());
    S3AclPermissions.Level level = row.map(S3AclPermissions.Row::level).orElse(S3AclPermissions.Level.BUCKET);
    S3Acl acl = level == S3AclPermissions.Level.BUCKET ? in.bucketAcl() : in.objectAcl();
    String aclName = level.word() + " ACL of " + (level == S3AclPermissions.Level.BUCKET ? bucketOf(req.resource()) : req.resource());
    NodeBuilder node = new NodeBuilder(io.github.trailbench.core.policy.NodeKind.POLICY, "Access control list (" + aclName + ")");
    node.put("name", aclName);
    node.put("type", "S3 ACL");
    node.put("objectOwnership", in.ownership() == null ? "not in the case" : in.ownership().awsName());
    if (in.ownership() != null && in.ownership().aclsDisabled()) {
      node.outcome = io.github.trailbench.core.policy.Outcome.NOT_APPLICABLE;
      node.explanation = "ACLs are disabled on this bucket (Object Ownership BucketOwnerEnforced): they no longer affect permissions.";
      return new Outcome(Tri.FALSE, Tri.FALSE, node, null, aclName, null);
    }
    if (row.isEmpty() || row.get().actions().isEmpty()) {
      node.outcome = io.github.trailbench.core.policy.Outcome.NOT_APPLICABLE;
      node.explanation = "No ACL permission grants " + req.action() + ".";
      return new Outcome(Tri.FALSE, Tri.FALSE, node, null, aclName, null);
    }
    S3AclPermissions.Row needed = row.get();
    node.put("needs", needed.permission() + " or FULL_CONTROL in the " + aclName);
    node.put("source", needed.source());
    if (acl == null) {
      node.outcome = io.github.trailbench.core.policy.Outcome.NOT_APPLICABLE;
      node.explanation = "The case holds no " + level.word() + " ACL for " + req.resource() + ", so no ACL grant is considered.";
      return new Outcome(Tri.FALSE, Tri.FALSE, node, null, aclName, null);
    }
    Map<String, String> ids = new java.util.LinkedHashMap<>(in.canonicalIds());
    if (in.bucketAcl() != null && in.bucketAcl().ownerId() != null && resourceAccount != null) {
      ids.putIfAbsent(resourceAccount, in.bucketAcl().ownerId());
    }
    Tri direct = Tri.FALSE;
    Tri delegated = Tri.FALSE;
    AclGrant matched = null;
    AclGrant maybe = null;
    String unknown = null;
    for (AclGrant g : acl.grants()) {
      NodeBuilder gn = new NodeBuilder(io.github.trailbench.core.policy.NodeKind.STATEMENT, "Grant " + g.describe());
      gn.put("grantee", g.grantee().describe());
      gn.put("permission", g.permission().name());
      node.add(gn);
      if (!S3AclPermissions.covers(g.permission(), needed)) {
        gn.outcome = io.github.trailbench.core.policy.Outcome.NO_MATCH;
        gn.put("matchKind", "none");
        gn.explanation = g.permission() + " does not grant " + req.action() + " (it needs " + needed.permission() + " or FULL_CONTROL).";
        continue;
      }
      Match m = match(g.grantee(), pi, ids, in.emails());
      gn.put("matchKind", m.kind);
      Tri t = m.value;
      if (t != Tri.FALSE && level == S3AclPermissions.Level.OBJECT && in.ownership() == null) {
        // an object ACL survives a switch to BucketOwnerEnforced but no longer counts then
        t = t.and(Tri.UNKNOWN);
        m = new Match(t, m.kind, m.why + "; but the ownership controls of the bucket are not in the case (ObjectOwnership BucketOwnerEnforced would disable this ACL)");
        if (unknown == null) {
          unknown = "ownership controls of bucket " + bucketOf(req.resource()) + " not in the case";
        }
      }
      gn.outcome = NodeBuilder.matchOutcome(t);
      gn.explanation = m.why;
      if (m.value == Tri.UNKNOWN && unknown == null) {
        unknown = m.unknown;
      }
      if (t == Tri.TRUE && matched == null) {
        matched = g;
      } else if (t == Tri.UNKNOWN && maybe == null) {
        maybe = g;
      }
      if (m.kind.equals("account")) {
        delegated = delegated.or(t);
      } else {
        direct = direct.or(t);
      }
    }
    Tri any = direct.or(delegated);
    node.outcome = any == Tri.TRUE ? io.github.trailbench.core.policy.Outcome.ALLOW
        : any == Tri.UNKNOWN ? io.github.trailbench.core.policy.Outcome.UNDETERMINED : io.github.trailbench.core.policy.Outcome.NO_MATCH;
    if (matched != null) {
      node.put("grant", matched.describe());
    }
    String u = unknown;
    AclGrant mb = maybe;
    node.explanation = any == Tri.TRUE ? "The " + aclName + " grants " + matched.describe() + ", which gives " + req.action()
        + (delegated == Tri.TRUE && direct != Tri.TRUE ? " to the caller's account (its identity-based policies must allow the caller)." : ".")
        : any == Tri.UNKNOWN ? "Undetermined: " + u + "; the " + aclName + " grants " + mb.describe() + ", which would give " + req.action() + "."
        : "No grant of the " + aclName + " gives " + req.action() + " to " + req.principal() + " (" + acl.grants().size() + " grants checked).";
    return new Outcome(direct, delegated, node, matched != null ? matched : maybe, aclName, any == Tri.UNKNOWN ? unknown : null);
  }

  private record Match(Tri value, String kind, String why, String unknown) {
    Match(Tri value, String kind, String why) {
      this(value, kind, why, null);
    }
  }

  private static Match match(AclGrantee grantee, PrincipalInfo pi, Map<String, String> ids, Map<String, String> emails) {
    if (grantee instanceof AclGrantee.Group g) {
      return switch (g.group()) {
        case ALL_USERS -> new Match(Tri.TRUE, "any", "AllUsers is anyone, signed or anonymous.");
        case AUTHENTICATED_USERS -> pi.kind() == PrincipalInfo.Kind.ANONYMOUS
            ? new Match(Tri.FALSE, "none", "AuthenticatedUsers needs a signed request; this caller is anonymous.")
            : new Match(Tri.TRUE, "any", "AuthenticatedUsers is any signed request of any AWS account.");
        case LOG_DELIVERY -> LOG_DELIVERY_SERVICE.equals(pi.arn())
            ? new Match(Tri.TRUE, "direct", "LogDelivery is S3's server access log delivery (" + LOG_DELIVERY_SERVICE + ").")
            : new Match(Tri.FALSE, "none", "LogDelivery is only S3's server access log delivery (" + LOG_DELIVERY_SERVICE + ").");
      };
    }
    if (grantee instanceof AclGrantee.CanonicalUser c) {
      if (c.id().equalsIgnoreCase(pi.arn())) {
        return new Match(Tri.TRUE, "direct", "The caller is canonical user " + c.id() + ".");
      }
      String account = pi.account();
      if (account == null) {
        return new Match(Tri.FALSE, "none", "The caller belongs to no account, so no canonical user grant names it.");
      }
      String known = ids.get(account);
      if (known != null) {
        return known.equalsIgnoreCase(c.id())
            ? new Match(Tri.TRUE, "account", "Canonical user " + c.id() + " is the caller's account " + account + ".")
            : new Match(Tri.FALSE, "none", "Canonical user " + c.id() + " is not the caller's account " + account + " (whose canonical id is " + known + ").");
      }
      for (Map.Entry<String, String> e : ids.entrySet()) {
        if (e.getValue().equalsIgnoreCase(c.id())) {
          return new Match(Tri.FALSE, "none", "Canonical user " + c.id() + " is account " + e.getKey() + ", not the caller's " + account + ".");
        }
      }
      String why = "canonical id of account " + account + " not in the case";
      return new Match(Tri.UNKNOWN, "account", "Undetermined: " + why + ", so whether canonical user " + c.id() + " is the caller's account is unknown.", why);
    }
    AclGrantee.Email e = (AclGrantee.Email) grantee;
    String account = pi.account();
    if (account == null) {
      return new Match(Tri.FALSE, "none", "The caller belongs to no account, so no e-mail grant names it.");
    }
    String known = emails.get(account);
    if (known != null) {
      return known.equalsIgnoreCase(e.address())
          ? new Match(Tri.TRUE, "account", "E-mail " + e.address() + " is the caller's account " + account + ".")
          : new Match(Tri.FALSE, "none", "E-mail " + e.address() + " is not the caller's account " + account + ".");
    }
    String why = "e-mail address of account " + account + " not in the case";
    return new Match(Tri.UNKNOWN, "account", "Undetermined: " + why + ", so whether " + e.address() + " is the caller's account is unknown.", why);
  }

  static String bucketOf(String resource) {
    if (resource == null || !resource.startsWith("arn:")) {
      return resource;
    }
    String[] parts = resource.split(":", 6);
    if (parts.length < 6) {
      return resource;
    }
    String r = parts[5];
    int slash = r.indexOf('/');
    return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], slash < 0 ? r : r.substring(0, slash));
  }
}
