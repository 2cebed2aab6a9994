package io.github.trailbench.app.workspace;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionResult;
import io.github.trailbench.app.decision.TraceStep;
import io.github.trailbench.core.correlate.DerivedRequest;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.PoliciesInForce;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import io.github.trailbench.core.policy.TraceNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decisions for the decision-tree view: the engine over the policies the case holds. */
final class EngineDecisions {
  private final PolicyEngine engine = new PolicyEngine();

  DecisionResult evaluate(IamSnapshot iam, DecisionRequest r) throws SourceFormatException {
    PoliciesInForce policies = PoliciesInForce.gather(iam, r.principal(), r.action(), r.resource(), null, List.of());
    Request.Builder b = Request.builder(r.principal(), r.action(), r.resource())
        .resourceAccount(PoliciesInForce.ownerOf(iam, r.principal(), r.resource()));
    r.context().forEach(b::context);
    r.unknownKeys().forEach(b::unknown);
    EvaluationResult result = engine.evaluate(b.build(), policies.set());
    List<DecisionResult.MissingKey> missing = new ArrayList<>();
    for (String key : result.dependsOn()) {
      missing.add(new DecisionResult.MissingKey(key,
          "the decision depends on it and the evidence does not carry it; settle it with the value from another source"
              + " (IAM tags, the organization, the resource's configuration at the time)"));
    }
    String explanation = result.explanation()
        + (policies.gaps().isEmpty() ? "" : " Evidence the case lacks: " + String.join("; ", policies.gaps()) + ".");
    return new DecisionResult(result.decision().json(), explanation, step(result.trace(), policies.sources()), missing);
  }

  static TraceStep step(TraceNode n, Map<String, String> sources) {
    Map<String, String> detail = new LinkedHashMap<>();
    n.detail().forEach((k, v) -> detail.put(k, String.valueOf(v)));
    String source = null;
    int statement = -1;
    if (n.kind() == io.github.trailbench.core.policy.NodeKind.POLICY) {
      source = sources.get(String.valueOf(n.detail().get("name")));
    }
    if (n.kind() == io.github.trailbench.core.policy.NodeKind.STATEMENT && n.detail().get("index") != null) {
      try {
        statement = Integer.parseInt(String.valueOf(n.detail().get("index")));
      } catch (NumberFormatException e) {
        statement = -1;
      }
    }
    List<TraceStep> children = n.children().stream().map(c -> step(c, sources)).toList();
    return new TraceStep(n.id(), n.kind().json(), n.label(), n.outcome(),
        n.explanation(), detail, children, source, statement);
  }

  /** The requests a logged event made: one per IAM action, keys the log cannot carry marked unknown. */
  static List<DecisionRequest> requestsOf(IamSnapshot iam, CloudTrailEvent event) {
    DerivedRequest d = new Explainer(iam, key -> List.of()).derive(event);
    String resource = d.resourceArns().isEmpty() ? "*" : d.resourceArns().get(0);
    Set<String> unknown = new java.util.LinkedHashSet<>();
    d.missing().forEach(m -> unknown.add(m.key()));
    return d.actions().stream()
        .map(a -> new DecisionRequest(d.principalArn(), a, resource, d.context(), unknown, event.eventId()))
        .toList();
  }
}
