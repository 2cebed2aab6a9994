package io.github.trailbench.core.correlate;

import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.catalog.ActionInfo;
import io.github.trailbench.core.catalog.ServiceInfo;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.DecisionSentence;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import io.github.trailbench.core.policy.TraceNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IAM policy simulator over a case: one principal of the case's IAM data, many actions (a
 * service's, or patterns such as {@code s3:Get*} expanded through the catalog), one resource and
 * context; each action decided by the engine against the policies gathered for that principal.
 */
public final class PrincipalSimulation {

  /** What to simulate. {@code resource} "*" when the analyst gives none, as AWS's simulator does. */
  public record Question(String principal, List<String> actions, String resource, Map<String, List<String>> context) {
    public Question {
      actions = List.copyOf(actions);
      resource = resource == null || resource.isBlank() ? "*" : resource.strip();
      context = Map.copyOf(context);
    }
  }

  /**
   * One action's answer.
   *
   * @param policy the policy of the statement that decided, as the trace names it; null when no
   *     statement decided (an implicit deny)
   * @param statement that statement: its Sid, or {@code #index} without one; null as {@code policy}
   * @param context the request's context as evaluated: the case's keys and the analyst's (to re-open
   *     the same request in the decision view)
   * @param gaps evidence the case lacks for this request (no organization data, an unreadable policy…)
   * @param notGiven context keys the analyst did not give, taken as absent (as AWS's IAM policy simulator takes
   *     them), on which the decision depends: AWS's simulator lists such keys as MissingContextValues
   */
  public record Row(String action, String resource, Decision decision, String policy, String statement, String sentence,
      EvaluationResult result, Map<String, List<String>> context, List<String> gaps, List<String> notGiven) {
    public Row {
      context = Map.copyOf(context);
      gaps = List.copyOf(gaps);
      notGiven = List.copyOf(notGiven);
    }
  }

  private final IamSnapshot iam;
  private final PolicyEngine engine;

  public PrincipalSimulation(IamSnapshot iam, PolicyEngine engine) {
    this.iam = iam;
    this.engine = engine;
  }

  /** Users and roles of the case, users first, each in the IAM data's order: who can be simulated. */
  public static List<String> principals(IamSnapshot iam) {
    List<String> out = new ArrayList<>();
    iam.users().forEach(u -> out.add(u.arn()));
    iam.roles().forEach(r -> out.add(r.arn()));
    return out;
  }

  /**
   * Whether {@code arn} is the root user ({@code arn:PARTITION:iam::ACCOUNT:root}) of an account the case holds users or
   * roles of, or places in its organization data: every account has one, with every permission but what an SCP or a
   * resource policy's Deny takes away.
   */
  private boolean knownRoot(String arn) {
    if (arn == null || !arn.matches("arn:[a-z-]+:iam::\\d{12}:root")) {
      return false;
    }
    String account = io.github.trailbench.core.model.Arn.accountOf(arn);
    return iam.organizationOf(account).isPresent()
        || iam.users().stream().anyMatch(u -> account.equals(io.github.trailbench.core.model.Arn.accountOf(u.arn())))
        || iam.roles().stream().anyMatch(r -> account.equals(io.github.trailbench.core.model.Arn.accountOf(r.arn())));
  }

  /** Every action of a service, in catalog order. */
  public static List<String> serviceActions(ActionCatalog catalog, String service) {
    ServiceInfo s = catalog.service(service.strip())
        .orElseThrow(() -> new IllegalArgumentException("no service '" + service.strip() + "' in the action catalog"));
    return s.actions().stream().map(ActionInfo::fullName).toList();
  }

  /**
   * The actions a list of names and patterns stands for, each once, in the order given: a pattern
   * with {@code *} or {@code ?} expands through the catalog, a plain name must be in it.
   */
  public static List<String> expandActions(ActionCatalog catalog, List<String> patterns) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : patterns) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.indexOf('*') >= 0 || p.indexOf('?') >= 0) {
        List<String> expanded = catalog.expand(p);
        if (expanded.isEmpty()) {
          throw new IllegalArgumentException(p + " matches no action in the action catalog");
        }
        out.addAll(expanded);
      } else {
        out.add(catalog.canonicalName(p)
            .orElseThrow(() -> new IllegalArgumentException(p + " is not an action in the action catalog")));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no action given");
    }
    return List.copyOf(out);
  }

  /** Decides every action of the question; the principal must be a user or role of the case (or a session of a role). */
  public List<Row> run(Question q) throws SourceFormatException {
    if (iam.principal(q.principal()).isEmpty() && !knownRoot(q.principal())) {
      throw new IllegalArgumentException("unknown principal " + q.principal() + ": not a user or role in the case's IAM data");
    }
    Map<String, PolicyDocument> parsed = new HashMap<>();
    String owner = PoliciesInForce.ownerOf(iam, q.principal(), q.resource());
    String ownerGap = PoliciesInForce.ownerKnown(iam, q.resource()) ? null : "the owner of " + q.resource() + " is not in the"
        + " case: taken as the caller's account " + owner + " (as AWS's IAM policy simulator does without a resource owner);"
        + " owned by another account, its resource policy would also have to allow";
    boolean session = q.principal().contains(":assumed-role/");
    List<Row> rows = new ArrayList<>(q.actions().size());
    for (String action : q.actions()) {
      // as for a logged call: a resource whose optional policy the case does not hold may have one that allows
      PoliciesInForce policies = PoliciesInForce.gather(iam, q.principal(), null, action, q.resource(), null, List.of(), parsed,
          true);
      List<String> gaps = new ArrayList<>(policies.gaps());
      if (ownerGap != null) {
        gaps.add(ownerGap);
      }
      Request.Builder closed = builder(q, action, owner, session);
      Request request = closed.build();
      EvaluationResult r = engine.evaluate(request, policies.set());
      // the same request with every key not given unknown: what the decision depends on that the analyst left out
      // (the case holds a user's or role's every tag: one it lacks is absent; a session's are unknown already)
      EvaluationResult open = engine.evaluate(builder(q, action, owner, session)
          .openWorld(session ? List.of() : List.of("aws:PrincipalTag/*")).build(), policies.set());
      List<String> notGiven = open.dependsOn().stream().filter(k -> !k.startsWith("(") && !q.context().containsKey(k)
          && !r.dependsOn().contains(k)).toList();
      Optional<TraceNode> stmt = DecisionSentence.decidingStatement(r);
      String policy = stmt.map(st -> String.valueOf(DecisionSentence.policyOf(r, st).detail().get("name"))).orElse(null);
      String statement = stmt.map(PrincipalSimulation::statementName).orElse(null);
      String sentence = DecisionSentence.of(r, policies::placement) + (notGiven.isEmpty() ? ""
          : " Taken as absent, not given: " + String.join(", ", notGiven) + " (the decision depends on "
              + (notGiven.size() == 1 ? "it" : "them") + "; give a value to decide for a caller that has one).");
      rows.add(new Row(action, q.resource(), r.decision(), policy, statement, sentence, r, request.context(), gaps, notGiven));
    }
    return rows;
  }

  /**
   * The request of one action: what the case's IAM data says about every request of the principal, then the analyst's
   * keys over it. A role session's tags may override its role's (session tags passed to AssumeRole), which the case
   * does not hold: they are unknown unless the analyst gives them.
   */
  private Request.Builder builder(Question q, String action, String owner, boolean session) {
    Request.Builder b = Request.builder(q.principal(), action, q.resource()).resourceAccount(owner);
    Set<String> filled = new java.util.HashSet<>();
    Explainer.orgKeys(iam, b, io.github.trailbench.core.model.Arn.accountOf(q.principal()), "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths", filled);
    Explainer.orgKeys(iam, b, owner, "aws:ResourceOrgID", "aws:ResourceOrgPaths", filled);
    if (session) {
      if (q.context().keySet().stream().noneMatch(k -> k.regionMatches(true, 0, "aws:PrincipalTag/", 0, 17))) {
        b.unknown("aws:PrincipalTag/*");
      }
    } else {
      iam.principalTags(q.principal()).forEach((k, v) -> b.context("aws:PrincipalTag/" + k, v));
    }
    q.context().forEach(b::context);
    return b;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * One row as one JSON line, the stable form of {@code simulate --case … --format json}
   * (docs/cli.md): principal, action, resource, decision, policy, statement, sentence,
   * explanation, dependsOn, gaps, notGiven.
   */
  public static String json(String principal, Row row) {
    com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
    o.put("principal", principal);
    o.put("action", row.action());
    o.put("resource", row.resource());
    o.put("decision", row.decision().json());
    o.put("policy", row.policy());
    o.put("statement", row.statement());
    o.put("sentence", row.sentence());
    o.put("explanation", row.result().explanation());
    com.fasterxml.jackson.databind.node.ArrayNode dependsOn = o.putArray("dependsOn");
    row.result().dependsOn().forEach(dependsOn::add);
    com.fasterxml.jackson.databind.node.ArrayNode gaps = o.putArray("gaps");
    row.gaps().forEach(gaps::add);
    com.fasterxml.jackson.databind.node.ArrayNode notGiven = o.putArray("notGiven");
    row.notGiven().forEach(notGiven::add);
    return o.toString();
  }

  private static String statementName(TraceNode statement) {
    Object sid = statement.detail().get("sid");
    return sid != null ? String.valueOf(sid) : "#" + statement.detail().get("index");
  }
}
