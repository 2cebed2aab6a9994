package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One plain sentence for a decision, built from its trace: the policy that decided, where it is
 * attached, and the values that decided. For example "Denied by SCP ProtectSecurityTooling on OU
 * Production: the caller's role OpsAdminRole is not OrgSecurityAdmin." or "Allowed by
 * ci-deploy-policy (inline on user ci-deploy): s3:GetObject on arn:aws:s3:::bucket/*."
 */
public final class DecisionSentence {
  private DecisionSentence() {}

  /** The sentence, placing identity-based policies by the principal the trace names. */
  public static String of(EvaluationResult result) {
    return of(result, name -> null);
  }

  /**
   * The sentence.
   *
   * @param attachment where a policy (by its name in the trace) is attached, in a few words such as
   *     "inline on user ci-deploy"; null when not known (then the trace's own placement is used)
   */
  public static String of(EvaluationResult result, Function<String, String> attachment) {
    TraceNode root = result.trace();
    String action = String.valueOf(root.detail().get("action"));
    switch (result.decision()) {
      case ALLOWED:
        return allowed(result, root, action, attachment);
      case EXPLICIT_DENY: {
        TraceNode stmt = first(child(root, "1"), NodeKind.STATEMENT, Outcome.DENY);
        if (stmt == null) {
          return "Denied explicitly.";
        }
        return "Denied by " + placed(policyOf(root, stmt), attachment) + ": " + values(stmt, action) + ".";
      }
      case IMPLICIT_DENY:
        String reason = implicitReason(root, action, attachment);
        return "Denied implicitly: " + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason) + ".";
      default:
        return "Undetermined: " + stripPrefix(result.explanation(), "Undetermined. ");
    }
  }

  /**
   * The statement that decided: the matching Deny under an explicit deny, the granting Allow
   * (resource-based or identity-based) when allowed, the first statement that may match when
   * undetermined; empty under an implicit deny (no statement decided) or when nothing can deny.
   */
  public static java.util.Optional<TraceNode> decidingStatement(EvaluationResult result) {
    TraceNode root = result.trace();
    return java.util.Optional.ofNullable(switch (result.decision()) {
      case EXPLICIT_DENY -> first(child(root, "1"), NodeKind.STATEMENT, Outcome.DENY);
      case ALLOWED -> child(root, NotDeniable.STEP_ID) != null ? null : grant(root);
      case UNDETERMINED -> first(root, NodeKind.STATEMENT, Outcome.UNDETERMINED);
      case IMPLICIT_DENY -> null;
    });
  }

  /** The policy node of the trace a statement node belongs to. */
  public static TraceNode policyOf(EvaluationResult result, TraceNode statement) {
    return policyOf(result.trace(), statement);
  }

  private static String allowed(EvaluationResult result, TraceNode root, String action, Function<String, String> attachment) {
    TraceNode notDeniable = child(root, NotDeniable.STEP_ID);
    if (notDeniable != null) {
      return "Allowed whatever the policies say: no policy can deny " + action + " (the policies alone would give "
          + notDeniable.detail().get("policiesWouldGive") + ").";
    }
    TraceNode resource = child(root, "4");
    TraceNode identity = child(root, "7");
    Object resourceGrant = resource == null ? null : resource.detail().get("grant");
    if (resourceGrant instanceof String g && g.startsWith("S3 ACL: ") && resource.outcome() == Outcome.ALLOW
        && (Boolean.TRUE.equals(resource.detail().get("required")) || identity == null || identity.outcome() != Outcome.ALLOW)) {
      boolean crossAccount = Boolean.TRUE.equals(root.detail().get("crossAccount"));
      return "Allowed by the " + resource.detail().get("acl") + ": it grants " + g.substring("S3 ACL: ".length()) + ", which gives "
          + action + (crossAccount ? " (cross-account: the caller's own side allows too)" : "") + ".";
    }
    TraceNode grant = grant(root);
    if (grant == null) {
      return "Allowed: " + stripPrefix(result.explanation(), "Allowed: ");
    }
    String sentence = "Allowed by " + placed(policyOf(root, grant), attachment) + ": " + values(grant, action);
    TraceNode identityGrant = identity == null ? null : first(identity, NodeKind.STATEMENT, Outcome.ALLOW);
    if (Boolean.TRUE.equals(root.detail().get("crossAccount")) && identityGrant != null && identityGrant != grant) {
      // cross-account: the resource side let the caller in, and its own side had to allow too
      sentence += ", and (cross-account, both sides must allow) by " + placed(policyOf(root, identityGrant), attachment) + ": "
          + values(identityGrant, action);
    }
    return sentence + ".";
  }

  /** How strongly a resource statement's Principal grants: named directly, every principal, the session's role, its account. */
  private static int principalRank(TraceNode statement) {
    for (TraceNode element : statement.children()) {
      if (element.label().equals("Principal")) {
        return switch (String.valueOf(element.detail().get("matchKind"))) {
          case "direct" -> 4;
          case "any" -> 3;
          case "role" -> 2;
          case "account" -> 1;
          default -> 0;
        };
      }
    }
    return 0;
  }

  /** The resource-based Allow statement that granted: the one whose Principal grants most (a direct name over the account). */
  private static TraceNode resourceGrant(TraceNode resource) {
    TraceNode best = null;
    for (TraceNode n : resource.flatten()) {
      if (n.kind() == NodeKind.STATEMENT && n.outcome() == Outcome.ALLOW && (best == null || principalRank(n) > principalRank(best))) {
        best = n;
      }
    }
    return best;
  }

  /** The Allow statement that granted: the resource-based policy's when it decides, else the identity-based one's. */
  private static TraceNode grant(TraceNode root) {
    TraceNode resource = child(root, "4");
    TraceNode identity = child(root, "7");
    TraceNode grant = null;
    Object grantKind = resource == null ? null : resource.detail().get("grant");
    boolean sameAccount = !Boolean.TRUE.equals(root.detail().get("crossAccount"));
    // in the same account, a key or trust policy that names only the account lets the identity policies decide
    boolean delegatedHere = sameAccount && PolicyEngine.GRANT_DELEGATED.equals(grantKind) && identity != null && identity.outcome() == Outcome.ALLOW;
    boolean resourceDecides = resource != null && resource.outcome() == Outcome.ALLOW && !delegatedHere
        && (Boolean.TRUE.equals(resource.detail().get("required")) || "principal named directly".equals(grantKind) || "every principal (*)".equals(grantKind)
            || identity == null || identity.outcome() != Outcome.ALLOW);
    if (resourceDecides) {
      grant = resourceGrant(resource);
    }
    if (grant == null && identity != null) {
      grant = first(identity, NodeKind.STATEMENT, Outcome.ALLOW);
    }
    return grant;
  }

  private static String implicitReason(TraceNode root, String action, Function<String, String> attachment) {
    String resource = String.valueOf(root.detail().get("resource"));
    for (String id : List.of("2", "3")) {
      TraceNode step = child(root, id);
      if (step != null && step.outcome() == Outcome.DENY) {
        String type = id.equals("2") ? "SCP" : "RCP";
        for (TraceNode level : step.children()) {
          if (level.outcome() == Outcome.DENY) {
            return "no " + type + " " + levelPlace(level) + " allows " + action
                + " (" + type + "s must allow at every level of the organization path)";
          }
        }
      }
    }
    TraceNode res = child(root, "4");
    if (res != null && res.outcome() == Outcome.DENY) {
      TraceNode pol = res.children().isEmpty() ? null : res.children().get(0);
      return pol == null ? lowerFirst(stripPrefix(res.explanation(), "Implicit deny: "))
          : placed(pol, attachment) + " does not allow " + root.detail().get("principal") + " to call " + action
              + ", and it must (" + (Boolean.TRUE.equals(res.detail().get("sameAccount")) ? String.valueOf(res.detail().getOrDefault("kind", "resource-based policy"))
                  + " must allow" : "cross-account request") + ")";
    }
    TraceNode identity = child(root, "7");
    // the resource side allowing on its own (same account, a direct or role grant) leaves the identity side out
    boolean resourceAlone = res != null && res.outcome() == Outcome.ALLOW && !Boolean.TRUE.equals(root.detail().get("crossAccount"))
        && !PolicyEngine.GRANT_DELEGATED.equals(res.detail().get("grant"));
    // only a definite "no allow" is named; an undetermined identity allow is not the reason when something else denies
    if (identity != null && (identity.outcome() == Outcome.DENY || identity.outcome() == Outcome.NO_MATCH) && !resourceAlone) {
      List<String> names = new ArrayList<>();
      identity.children().forEach(p -> names.add(String.valueOf(p.detail().get("name"))));
      String who = principalPhrase(String.valueOf(root.detail().get("principal")));
      return names.isEmpty() ? who + " has no identity-based policy, so nothing allows " + action
          : "no policy of " + who + " (" + String.join(", ", names) + ") allows " + action + " on " + resource;
    }
    TraceNode boundary = child(root, "5");
    if (boundary != null && boundary.outcome() == Outcome.DENY) {
      return "the permissions boundary " + boundary.children().get(0).detail().get("name") + " does not allow " + action;
    }
    TraceNode session = child(root, "6");
    if (session != null && session.outcome() == Outcome.DENY) {
      return "no session policy of this session allows " + action;
    }
    return "no applicable policy allows " + action;
  }

  /** "SCP X on OU Y", "permissions boundary X", "X (inline on user u)", "X (identity-based policy of role r)". */
  static String placed(TraceNode policy, Function<String, String> attachment) {
    String name = String.valueOf(policy.detail().get("name"));
    String type = String.valueOf(policy.detail().get("type"));
    String at = attachment.apply(name);
    switch (type) {
      case "SCP":
      case "RCP": {
        int sep = name.indexOf(" @ ");
        if (sep < 0) {
          return type + " " + name + (at != null ? " (" + at + ")" : "");
        }
        return type + " " + name.substring(0, sep) + " on " + target(name.substring(sep + 3));
      }
      case "permissions boundary":
        return "permissions boundary " + name + (at != null ? " (" + at + ")" : "");
      case "session policy":
        return "session policy " + name;
      case "S3 ACL":
        return "the " + name;
      case "resource-based policy":
        return "the resource-based policy " + name + (at != null ? " (" + at + ")" : "");
      default: {
        if (at != null) {
          return name + " (" + at + ")";
        }
        String label = policy.label();
        int comma = label.lastIndexOf(", ");
        String owner = comma >= 0 && label.endsWith(")") ? label.substring(comma + 2, label.length() - 1) : null;
        return name + " (identity-based policy" + (owner != null ? " of " + owner : "") + ")";
      }
    }
  }

  /** "Production (ou-7k2p-prod0001)" → "OU Production"; "Root (r-7k2p)" → "the organization root". */
  private static String target(String placement) {
    int paren = placement.lastIndexOf(" (");
    String targetName = paren > 0 ? placement.substring(0, paren) : placement;
    String id = paren > 0 && placement.endsWith(")") ? placement.substring(paren + 2, placement.length() - 1) : "";
    if (id.startsWith("ou-")) {
      return "OU " + targetName;
    }
    if (id.startsWith("r-")) {
      return "the organization root";
    }
    if (id.matches("\\d{12}")) {
      return "account " + targetName + (targetName.equals(id) ? "" : " (" + id + ")");
    }
    return targetName;
  }

  private static String levelPlace(TraceNode level) {
    for (TraceNode p : level.children()) {
      String name = String.valueOf(p.detail().get("name"));
      int sep = name.indexOf(" @ ");
      if (sep >= 0) {
        return "on " + target(name.substring(sep + 3));
      }
    }
    return "at " + level.label().replaceFirst("^(SCP|RCP) ", "");
  }

  /** The values that decided: failed or held conditions in plain words, else action on resource. */
  static String values(TraceNode statement, String action) {
    String actionPattern = null;
    String resourcePattern = null;
    List<String> conditions = new ArrayList<>();
    for (TraceNode element : statement.children()) {
      switch (element.label()) {
        case "Action" -> actionPattern = String.valueOf(element.detail().get("matched"));
        case "NotAction" -> actionPattern = action + " (outside NotAction)";
        case "Resource" -> resourcePattern = String.valueOf(element.detail().get("matched"));
        case "NotResource" -> resourcePattern = element.detail().get("request") + " (outside NotResource)";
        case "Condition" -> element.children().forEach(c -> conditions.add(condition(c)));
        default -> { }
      }
    }
    String what = (actionPattern == null ? action : actionPattern.equals("*") || actionPattern.contains("*") ? action + " (as " + actionPattern + ")" : actionPattern)
        + (resourcePattern == null ? "" : " on " + resourcePattern);
    if (conditions.isEmpty()) {
      return what;
    }
    return statement.outcome() == Outcome.DENY ? String.join(" and ", conditions)
        : what + ", as " + String.join(" and ", conditions);
  }

  /** A condition node in plain words, e.g. "the caller's role OpsAdminRole is not OrgSecurityAdmin". */
  static String condition(TraceNode c) {
    String op = String.valueOf(c.detail().get("operator"));
    String key = String.valueOf(c.detail().get("key"));
    Object request = c.detail().get("request");
    Object policy = c.detail().get("policy");
    String state = String.valueOf(c.detail().get("keyState"));
    boolean negated = op.contains("Not") && !op.startsWith("Null");
    if ("unknown".equals(state)) {
      return key + " is not known";
    }
    if (op.startsWith("Null")) {
      return key + ("absent".equals(state) ? " is absent" : " is present");
    }
    if ("absent".equals(state)) {
      return key + " is absent";
    }
    if (key.equalsIgnoreCase("aws:PrincipalArn") && request instanceof String arn) {
      String who = principalPhrase(arn);
      String names = String.join(" or ", lastSegments(policy));
      return "the caller's " + who + (negated ? " is not " : " is ") + names;
    }
    String req = request instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(request);
    String pol = policy instanceof List<?> l ? String.join(" or ", l.stream().map(String::valueOf).toList()) : String.valueOf(policy);
    if (op.contains("IpAddress")) {
      return key + " " + req + (negated ? " is outside " : " is in ") + pol;
    }
    if (negated) {
      return key + " is " + req + ", not " + pol;
    }
    return key + " is " + req + (pol.equals(req) ? "" : " (" + op + " " + pol + ")");
  }

  private static List<String> lastSegments(Object policy) {
    List<String> out = new ArrayList<>();
    List<?> values = policy instanceof List<?> l ? l : List.of(String.valueOf(policy));
    for (Object v : values) {
      String s = String.valueOf(v);
      int slash = s.lastIndexOf('/');
      out.add(slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s);
    }
    return out;
  }

  /** "role OpsAdminRole", "user alice", "the account root user", or the ARN itself. */
  static String principalPhrase(String arn) {
    PrincipalInfo p = PrincipalInfo.parse(arn);
    return switch (p.kind()) {
      case USER -> "user " + p.name();
      case ROLE, ASSUMED_ROLE_SESSION -> "role " + p.name();
      case ROOT -> "account root user";
      default -> arn;
    };
  }

  private static TraceNode policyOf(TraceNode root, TraceNode statement) {
    String id = statement.id();
    return root.find(id.substring(0, id.lastIndexOf('.')));
  }

  private static TraceNode child(TraceNode root, String id) {
    for (TraceNode c : root.children()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }

  private static TraceNode first(TraceNode under, NodeKind kind, Outcome outcome) {
    if (under == null) {
      return null;
    }
    for (TraceNode n : under.flatten()) {
      if (n.kind() == kind && n.outcome() == outcome) {
        return n;
      }
    }
    return null;
  }

  private static String stripPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
