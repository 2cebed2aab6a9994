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
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the principal graph of a case: IAM structure (groups, attached policies, boundaries,
 * instance profiles), trust relations, can-assume and privilege-escalation edges decided by the
 * policy engine (with the decision as evidence), and did-assume / owns-key edges observed in the
 * trail (with counts and first/last time).
 */
public final class PrincipalGraphBuilder {
  /** Above this many principals the quadratic escalation search is skipped (noted in the graph). */
  static final int ESCALATION_LIMIT = 400;
  /** Keys a "could" question cannot know: the decision may hinge on them (shown as conditions). */
  private static final List<String> UNKNOWN_FOR_CAN = List.of("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge",
      "aws:SourceIp", "aws:SourceVpce", "aws:PrincipalTag/*", "aws:RequestTag/*", "aws:CurrentTime", "aws:EpochTime",
      "aws:RequestedRegion", "aws:SecureTransport", "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IamSnapshot iam;
  private final PolicyEngine engine = new PolicyEngine();
  private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
  private final List<GraphEdge> edges = new ArrayList<>();
  private final Map<String, Observed> assumed = new LinkedHashMap<>();
  private final Map<String, Observed> keys = new LinkedHashMap<>();

  public PrincipalGraphBuilder(IamSnapshot iam) {
    this.iam = iam;
  }

  private record Observed(String from, String to, long count, Instant first, Instant last) {
    Observed plus(Instant t) {
      return new Observed(from, to, count + 1, first == null || t.isBefore(first) ? t : first, last == null || t.isAfter(last) ? t : last);
    }

    String evidence() {
      return count + " time(s), first " + first + ", last " + last;
    }
  }

  /** Adds what one event shows: successful role assumptions and long-term keys in use. */
  public void add(CloudTrailEvent e) {
    if (e.failed() || e.userIdentity() == null || e.eventTime() == null) {
      return;
    }
    String caller = callerNodeId(e);
    if (e.eventName() != null && e.eventName().startsWith("AssumeRole") && e.requestParametersJson() != null && caller != null) {
      try {
        JsonNode role = JSON.readTree(e.requestParametersJson()).path("roleArn");
        if (role.isTextual()) {
          assumed.merge(caller + " " + role.asText(), new Observed(caller, role.asText(), 1, e.eventTime(), e.eventTime()),
              (a, b) -> a.plus(e.eventTime()));
        }
      } catch (java.io.IOException ex) {
        // unreadable requestParameters: no edge from this event
      }
    }
    String key = e.userIdentity().accessKeyId();
    if (key != null && key.startsWith("AKIA") && "IAMUser".equals(e.userIdentity().type()) && e.userIdentity().arn() != null) {
      keys.merge(e.userIdentity().arn() + " " + key, new Observed(e.userIdentity().arn(), key, 1, e.eventTime(), e.eventTime()),
          (a, b) -> a.plus(e.eventTime()));
    }
  }

  /** The IAM identity behind a call: the user, or the role of an assumed-role session. */
  static String callerNodeId(CloudTrailEvent e) {
    String arn = e.userIdentity().arn();
    if ("AssumedRole".equals(e.userIdentity().type()) && e.userIdentity().sessionContext() != null
        && e.userIdentity().sessionContext().sessionIssuer() != null) {
      return e.userIdentity().sessionContext().sessionIssuer().arn();
    }
    if ("AWSService".equals(e.userIdentity().type())) {
      return e.userIdentity().invokedBy();
    }
    return arn;
  }

  public PrincipalGraph build() {
    List<IamPrincipal> principals = new ArrayList<>();
    for (IamUser u : iam.users()) {
      node(u.arn(), NodeKind.USER, u.name(), userDetails(u));
      principals.add(u);
      u.groups().forEach(g -> iam.group(g).ifPresent(group -> edge(u.arn(), group.arn(), EdgeKind.MEMBER_OF, List.of())));
      structure(u.arn(), u.inlinePolicies(), u.attachedPolicies(), u.permissionsBoundary());
    }
    for (IamGroup g : iam.groups()) {
      node(g.arn(), NodeKind.GROUP, g.name(), Map.of("path", g.path()));
      structure(g.arn(), g.inlinePolicies(), g.attachedPolicies(), Optional.empty());
    }
    for (IamRole r : iam.roles()) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("path", r.path());
      d.put("trust policy", compact(r.trustPolicy().json()));
      if (iam.isServiceLinkedRole(r.arn())) {
        d.put("service-linked", "yes (SCPs do not apply)");
      }
      r.tags().forEach((k, v) -> d.put("tag " + k, v));
      node(r.arn(), NodeKind.ROLE, r.name(), d);
      principals.add(r);
      structure(r.arn(), r.inlinePolicies(), r.attachedPolicies(), r.permissionsBoundary());
      for (InstanceProfile p : r.instanceProfiles()) {
        node(p.arn(), NodeKind.INSTANCE_PROFILE, p.name(), Map.of("roles", String.join(", ", p.roleNames())));
        edge(p.arn(), r.arn(), EdgeKind.INSTANCE_PROFILE_OF, List.of("instances launched with it receive the role's credentials"));
      }
      trustPrincipals(r);
    }
    for (IamRole r : iam.roles()) {
      if (iam.isServiceLinkedRole(r.arn())) {
        continue;
      }
      for (IamPrincipal p : principals) {
        if (!p.arn().equals(r.arn()) && trusts(r, p)) {
          decided(p.arn(), r.arn(), "sts:AssumeRole", EdgeKind.CAN_ASSUME);
        }
      }
    }
    if (principals.size() <= ESCALATION_LIMIT) {
      escalations(principals);
    }
    for (Observed o : assumed.values()) {
      node(o.from(), kindOf(o.from()), label(o.from()), Map.of());
      node(o.to(), NodeKind.ROLE, label(o.to()), Map.of());
      edge(o.from(), o.to(), EdgeKind.DID_ASSUME, List.of("AssumeRole " + o.evidence()));
    }
    for (Observed o : keys.values()) {
      node(o.from(), NodeKind.USER, label(o.from()), Map.of());
      node(o.to(), NodeKind.ACCESS_KEY, o.to(), Map.of("kind", "long-term (AKIA)", "used", o.evidence()));
      edge(o.from(), o.to(), EdgeKind.OWNS_KEY, List.of("used " + o.evidence()));
    }
    return new PrincipalGraph(List.copyOf(nodes.values()), edges);
  }

  private Map<String, String> userDetails(IamUser u) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("path", u.path());
    u.createDate().ifPresent(t -> d.put("created", t.toString()));
    d.put("groups", String.join(", ", u.groups()));
    iam.credentialReportRow(u.arn()).ifPresent(row -> d.put("credential report", row.toString().length() > 400
        ? row.toString().substring(0, 400) + "…" : row.toString()));
    u.tags().forEach((k, v) -> d.put("tag " + k, v));
    return d;
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

  /** Cheap pre-check before asking the engine: does the trust policy name this principal, its account, or anyone? */
  private static boolean trusts(IamRole r, IamPrincipal p) {
    String text = r.trustPolicy().json();
    return text.contains(p.arn()) || text.contains(":" + p.accountId() + ":root") || text.contains("\"" + p.accountId() + "\"")
        || text.matches("(?s).*\"AWS\"\\s*:\\s*\\[?\\s*\"\\*\".*") || text.matches("(?s).*\"Principal\"\\s*:\\s*\"\\*\".*");
  }

  private void escalations(List<IamPrincipal> principals) {
    for (IamPrincipal p : principals) {
      if (p instanceof IamRole role && iam.isServiceLinkedRole(role.arn())) {
        continue;
      }
      for (IamUser target : iam.users()) {
        if (target.arn().equals(p.arn())) {
          continue;
        }
        for (String action : List.of("iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
            "iam:AttachUserPolicy", "iam:PutUserPolicy")) {
          if (decided(p.arn(), target.arn(), action, EdgeKind.CAN_ESCALATE)) {
            break;
          }
        }
      }
      for (IamRole target : iam.roles()) {
        if (target.arn().equals(p.arn()) || iam.isServiceLinkedRole(target.arn())) {
          continue;
        }
        for (String action : List.of("iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy")) {
          if (decided(p.arn(), target.arn(), action, EdgeKind.CAN_ESCALATE)) {
            break;
          }
        }
      }
    }
  }

  /** Asks the engine; adds the edge when allowed or undetermined, with the decision as evidence. */
  private boolean decided(String from, String to, String action, EdgeKind kind) {
    try {
      PoliciesInForce policies = PoliciesInForce.gather(iam, from, action, to, null, List.of());
      Request.Builder b = Request.builder(from, action, to).resourceAccount(PoliciesInForce.ownerOf(iam, from, to));
      UNKNOWN_FOR_CAN.forEach(b::unknown);
      EvaluationResult r = engine.evaluate(b.build(), policies.set());
      if (r.decision() == Decision.ALLOWED || r.decision() == Decision.UNDETERMINED) {
        String condition = r.decision() == Decision.UNDETERMINED ? " if " + String.join(", ", r.dependsOn()) + " allow it" : "";
        edge(from, to, kind, List.of(action + condition + ": " + r.explanation()));
        return true;
      }
    } catch (io.github.trailbench.core.model.SourceFormatException | IllegalArgumentException e) {
      // a document the engine cannot read: no edge, the graph's node details still show it
    }
    return false;
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
    if (id.contains(":role/")) {
      return NodeKind.ROLE;
    }
    if (id.contains(":user/")) {
      return NodeKind.USER;
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

  private static List<JsonNode> statements(String json) {
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

  private static List<String> values(JsonNode n) {
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
