package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.Arn;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.Outcome;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import io.github.trailbench.core.policy.TraceNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who can become an admin-equivalent principal, as PMapper's analysis lists it: one sentence per
 * (principal, admin) pair along the shortest can-assume / can-escalate path of the principal
 * graph, each step with the policy that allows it (from the engine's trace) and, for a role, what
 * its trust policy trusts; when the trail shows the step was taken, when and from where.
 */
public final class EscalationList {

  /** One step: {@code from} takes over {@code to} with {@code action}, because {@code why}. */
  public record Step(String from, String to, String action, String why, Optional<Taken> taken) {}

  /** The trail shows the step was taken: first time and the source addresses of the calls. */
  public record Taken(Instant first, List<String> sourceIps) {
    public Taken {
      sourceIps = List.copyOf(sourceIps);
    }
  }

  /**
   * A principal that can become an admin-equivalent one, step by step; {@code adminDependsOn} names
   * the policies not in the case on which the end's being admin-equivalent rests (it is only
   * possibly admin-equivalent), null when the engine decided it.
   */
  public record Escalation(String principal, String admin, List<Step> steps, String sentence, String adminDependsOn) {
    public Escalation {
      steps = List.copyOf(steps);
    }

    /** Whether the end is admin-equivalent only if policies the case does not hold allow it. */
    public boolean possibleAdmin() {
      return adminDependsOn != null;
    }
  }

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final Pattern FIRST = Pattern.compile("first (\\S+?),");

  private final PrincipalGraph graph;
  private final IamSnapshot iam;
  private final PolicyEngine engine = new PolicyEngine();

  private EscalationList(PrincipalGraph graph, IamSnapshot iam) {
    this.graph = graph;
    this.iam = iam;
  }

  /**
   * Every non-admin user or role that can become an admin-equivalent one: those whose path the trail
   * shows taken (a step of it) first, then the others, principals in graph order within each.
   */
  public static List<Escalation> of(PrincipalGraph graph, IamSnapshot iam) {
    return new EscalationList(graph, iam).all();
  }

  private List<Escalation> all() {
    Map<String, GraphNode> byId = new LinkedHashMap<>();
    graph.nodes().forEach(n -> byId.put(n.id(), n));
    Map<String, List<GraphEdge>> out = new LinkedHashMap<>();
    for (GraphEdge e : graph.edges()) {
      if (e.kind() == EdgeKind.CAN_ASSUME || e.kind() == EdgeKind.CAN_ESCALATE) {
        out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Escalation> list = new ArrayList<>();
    for (GraphNode start : graph.nodes()) {
      if (!isPrincipal(start) || start.adminEquivalent() || iam.isServiceLinkedRole(start.id())) {
        continue;
      }
      // breadth first; an admin ends a path (what it reaches next adds nothing), a possible admin does not
      Map<String, GraphEdge> via = new LinkedHashMap<>();
      Deque<String> queue = new ArrayDeque<>(List.of(start.id()));
      List<String> admins = new ArrayList<>();
      while (!queue.isEmpty()) {
        String at = queue.removeFirst();
        for (GraphEdge e : out.getOrDefault(at, List.of())) {
          if (e.to().equals(start.id()) || via.containsKey(e.to())) {
            continue;
          }
          via.put(e.to(), e);
          GraphNode next = byId.get(e.to());
          if (next != null && next.adminEquivalent()) {
            admins.add(next.id());
          } else {
            if (next != null && next.possiblyAdmin()) {
              admins.add(next.id());
            }
            queue.addLast(e.to());
          }
        }
      }
      for (String admin : admins) {
        List<GraphEdge> path = new ArrayList<>();
        for (String at = admin; !at.equals(start.id()); at = via.get(at).from()) {
          path.add(0, via.get(at));
        }
        List<Step> steps = path.stream().map(this::step).toList();
        String dependsOn = byId.get(admin).adminDependsOn();
        list.add(new Escalation(start.id(), admin, steps, sentence(byId, steps, dependsOn), dependsOn));
      }
    }
    // paths the trail shows taken first: the incident before what was only possible (stable: graph order within each)
    list.sort(java.util.Comparator.comparing((Escalation x) -> x.steps().stream().noneMatch(st -> st.taken().isPresent())));
    return list;
  }

  private static boolean isPrincipal(GraphNode n) {
    return n.kind() == NodeKind.USER || n.kind() == NodeKind.ROLE;
  }

  private Step step(GraphEdge e) {
    String action = e.kind() == EdgeKind.CAN_ASSUME ? "sts:AssumeRole" : actionOf(e);
    List<String> why = new ArrayList<>();
    identityReason(e.from(), action, e.to()).ifPresent(why::add);
    if (e.kind() == EdgeKind.CAN_ASSUME) {
      iam.role(e.to()).flatMap(r -> trustReason(r, e.from())).ifPresent(why::add);
    } else if (e.evidence().size() > 1) {
      why.add(e.evidence().get(e.evidence().size() - 1));
    }
    if (why.isEmpty()) {
      why.add(e.evidence().isEmpty() ? "the engine allows it" : e.evidence().get(0));
    }
    return new Step(e.from(), e.to(), action, String.join("; ", why), taken(e));
  }

  /** The action an escalation edge was decided on: its first evidence line starts "ACTION on RESOURCE". */
  private static String actionOf(GraphEdge e) {
    String first = e.evidence().isEmpty() ? "" : e.evidence().get(0);
    int on = first.indexOf(" on ");
    return on > 0 ? first.substring(0, on) : e.kind().label();
  }

  /** "POLICY allows PATTERN": the identity policy statement the engine matched, with the resource it matched as written. */
  private Optional<String> identityReason(String principal, String action, String resource) {
    try {
      PoliciesInForce policies = PoliciesInForce.gather(iam, principal, action, resource, null, List.of());
      Request request = Request.builder(principal, action, resource)
          .resourceAccount(PoliciesInForce.ownerOf(iam, principal, resource)).build();
      EvaluationResult r = engine.evaluate(request, policies.set());
      for (TraceNode type : r.trace().children()) {
        if (!type.label().startsWith("Identity-based")) {
          continue;
        }
        for (TraceNode policy : type.children()) {
          if (policy.outcome() != Outcome.ALLOW && policy.outcome() != Outcome.UNDETERMINED) {
            continue;
          }
          String name = String.valueOf(policy.detail().getOrDefault("name", policy.label()));
          for (TraceNode st : policy.children()) {
            if (!st.outcome().mattered()) {
              continue;
            }
            for (TraceNode el : st.children()) {
              if ("Resource".equals(el.label()) && el.detail().get("matched") != null) {
                return Optional.of(name + " allows " + shortArn(String.valueOf(el.detail().get("matched"))));
              }
            }
            return Optional.of(name + " allows it");
          }
        }
      }
    } catch (io.github.trailbench.core.model.SourceFormatException | IllegalArgumentException e) {
      // unreadable policy: the graph's evidence line stands instead
    }
    return Optional.empty();
  }

  /** What the role's trust policy trusts that lets {@code principal} in, and whether it asks for MFA. */
  static Optional<String> trustReason(IamRole role, String principal) {
    String account = Arn.accountOf(principal);
    // the statement that lets the principal in: one without conditions first, then one naming it
    JsonNode best = null;
    int bestRank = Integer.MAX_VALUE;
    String bestTrusted = null;
    List<JsonNode> denies = new java.util.ArrayList<>();
    for (JsonNode st : PrincipalGraphBuilder.statements(role.trustPolicy().json())) {
      String trusted = trusted(st, principal, account);
      if (trusted == null) {
        continue;
      }
      if ("Deny".equals(st.path("Effect").asText())) {
        denies.add(st);
        continue;
      }
      if (!"Allow".equals(st.path("Effect").asText())) {
        continue;
      }
      int rank = (st.has("Condition") ? 10 : 0) + (trusted.contains(" names ") ? 0 : trusted.contains("root") ? 1 : 2);
      if (rank < bestRank) {
        best = st;
        bestRank = rank;
        bestTrusted = trusted;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder(bestTrusted);
    if (!best.has("Condition") && denies.isEmpty()) {
      why.append(" without MFA or other conditions");
    } else if (best.has("Condition")) {
      String conditions = best.path("Condition").toString().toLowerCase(Locale.ROOT);
      why.append(conditions.contains("multifactorauth") ? " with MFA" : " without MFA").append(" when ").append(best.path("Condition"));
    }
    for (JsonNode deny : denies) {
      why.append(deny.has("Condition") ? "; a Deny in it applies when " + deny.path("Condition") : "; a Deny in it names the caller");
    }
    return Optional.of(why.toString());
  }

  /** How a trust-policy statement covers the principal ("the trust policy names …", "… trusts the account root"), or null. */
  private static String trusted(JsonNode st, String principal, String account) {
    List<String> aws = PrincipalGraphBuilder.values(st.path("Principal").path("AWS"));
    if (st.path("Principal").isTextual() && "*".equals(st.path("Principal").asText())) {
      aws = List.of("*");
    }
    if (aws.contains(principal)) {
      return "the trust policy names " + PrincipalGraphBuilder.label(principal);
    }
    if (aws.contains("arn:aws:iam::" + account + ":root") || aws.contains(account)) {
      return "the trust policy trusts the account root";
    }
    return aws.contains("*") ? "the trust policy trusts anyone" : null;
  }

  private Optional<Taken> taken(GraphEdge can) {
    if (can.kind() != EdgeKind.CAN_ASSUME) {
      return Optional.empty();
    }
    for (GraphEdge e : graph.edges()) {
      if (e.kind() == EdgeKind.DID_ASSUME && e.from().equals(can.from()) && e.to().equals(can.to()) && !e.evidence().isEmpty()) {
        Matcher m = FIRST.matcher(e.evidence().get(0));
        if (!m.find()) {
          continue;
        }
        List<String> ips = e.evidence().stream().filter(l -> l.startsWith(PrincipalGraphBuilder.DID_ASSUME_FROM))
            .flatMap(l -> List.of(l.substring(PrincipalGraphBuilder.DID_ASSUME_FROM.length()).split(", ")).stream()).toList();
        try {
          return Optional.of(new Taken(Instant.parse(m.group(1)), ips));
        } catch (java.time.format.DateTimeParseException ex) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** "arn:aws:iam::111122223333:role/*" as "role/*": the account is the case's own. */
  static String shortArn(String arn) {
    Matcher m = Pattern.compile("^arn:aws[\\w-]*:iam::\\d{12}:(.+)$").matcher(arn);
    return m.matches() ? m.group(1) : arn;
  }

  private static String sentence(Map<String, GraphNode> byId, List<Step> steps, String dependsOn) {
    StringBuilder sb = new StringBuilder(name(byId, steps.get(0).from())).append(" can become ");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (i > 0) {
        sb.append(", then ");
      }
      sb.append(name(byId, s.to()));
      if (i == steps.size() - 1) {
        sb.append(dependsOn == null ? " (admin)" : " (possibly admin: depends on " + dependsOn + ")");
      }
      sb.append(" via ").append(s.action());
      // whether the trail shows the step taken comes before why it is allowed: a narrow pane shows it first
      s.taken().ifPresent(t -> {
        sb.append(" — did so on ").append(MINUTE.format(t.first()));
        if (!t.sourceIps().isEmpty()) {
          sb.append(" from ").append(String.join(", ", t.sourceIps()));
        }
      });
      sb.append(": ").append(s.why());
    }
    return sb.toString();
  }

  private static String name(Map<String, GraphNode> byId, String id) {
    GraphNode n = byId.get(id);
    return n == null ? id : n.label();
  }
}
