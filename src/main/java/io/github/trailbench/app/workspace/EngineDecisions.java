package io.github.trailbench.app.workspace;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionResult;
import io.github.trailbench.app.decision.TraceStep;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.PoliciesInForce;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.app.decision.DecisionService;
import io.github.trailbench.core.policy.DecisionSuggestions;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyChange;
import io.github.trailbench.core.policy.PolicyChanges;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decisions for the decision-tree view: the engine over the policies the case holds. */
final class EngineDecisions {
  private final PolicyEngine engine = new PolicyEngine();
  private final DecisionSuggestions suggestions = new DecisionSuggestions(engine);

  DecisionResult evaluate(IamSnapshot iam, DecisionRequest r) throws SourceFormatException {
    return evaluate(iam, r, List.of());
  }

  /** The decision with what-if policy changes applied to the policies gathered for the request's principal. */
  DecisionResult evaluate(IamSnapshot iam, DecisionRequest r, List<PolicyChange> changes) throws SourceFormatException {
    // a logged call is evaluated as the replay does (a resource policy the case lacks may allow it)
    PoliciesInForce policies = r.recorded() != null
        ? PoliciesInForce.gatherForLoggedCall(iam, r.principal(), r.issuer(), r.action(), r.resource(), r.resourceAccount(),
            r.sessionPolicies())
        : PoliciesInForce.gather(iam, r.principal(), r.action(), r.resource(), r.resourceAccount(), r.sessionPolicies());
    if (r.limits() != null && r.limits().trust() != null && r.resource() != null) {
      policies = r.limits().trust().applyTo(policies, r.resource()); // the trust policy the log shows in force
    }
    if (r.limits() != null) {
      policies = r.limits().versions().applyTo(policies); // the managed policy versions the log shows in force
    }
    Request.Builder b = Request.builder(r.principal(), r.action(), r.resource())
        .resourceAccount(r.resourceAccount() != null ? r.resourceAccount() : PoliciesInForce.ownerOf(iam, r.principal(), r.resource()))
        .federatingUser(Explainer.federatingUser(r.principal(), r.issuer()));
    r.context().forEach(b::context);
    r.unknownKeys().forEach(b::unknown);
    if (r.limits() != null) {
      r.limits().notAmong().forEach(b::notAmong);
      r.limits().holding().forEach(b::holding);
    }
    if (r.openWorld()) {
      b.openWorld(r.absentKeys());
    }
    Request request = b.build();
    PolicySet set;
    try {
      set = PolicyChanges.apply(policies.set(), changes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the policy edits do not apply to the policies of " + r.principal() + ": "
          + e.getMessage() + " (reset the policy edits)", e);
    }
    Map<String, String> sources = new LinkedHashMap<>(policies.sources());
    for (PolicyChange c : changes) {
      if (c instanceof PolicyChange.Replace replace) {
        sources.put(replace.policyName(), replace.document().source());
      } else if (c instanceof PolicyChange.Add add) {
        sources.put(add.policyName(), add.policy().document().source());
      }
    }
    EvaluationResult result = engine.evaluate(request, set);
    List<String> gaps = new ArrayList<>(policies.gaps());

    var settled = changes.isEmpty() ? Explainer.RefusedDespiteOptional.of(engine, request, set, result, r.recorded()) : null;
    if (settled != null) {
      // as the replay decides it: the refusal shows the missing resource policy did not allow
      result = settled.result();
      gaps.remove(settled.replacedGap());
      gaps.add(settled.gap());
    }
    String refusal = r.limits() == null ? null : r.limits().refusal();
    boolean refused = refusal != null && (result.decision() == io.github.trailbench.core.policy.Decision.ALLOWED
        || result.decision() == io.github.trailbench.core.policy.Decision.UNDETERMINED);
    if (refused) {
      result = Explainer.refusedWhatever(result, refusal); // what the credentials cannot do, whatever the policies say
    }
    if (r.limits() != null && r.limits().expired() != null) {
      gaps.add(r.limits().expired());
    }
    boolean refusedAsRecorded = "Denied".equals(r.recorded()) && !refused
        && (result.decision() == io.github.trailbench.core.policy.Decision.EXPLICIT_DENY
            || result.decision() == io.github.trailbench.core.policy.Decision.IMPLICIT_DENY);
    String otherReason = refusedAsRecorded && r.limits() != null
        ? Explainer.otherReason(r.limits().loggedRefusal(), request.action(), result) : null;
    if (otherReason != null) {
      gaps.add(otherReason);
    }
    List<DecisionResult.MissingKey> missing = new ArrayList<>();
    for (String key : result.dependsOn()) {
      missing.add(new DecisionResult.MissingKey(key,
          "the decision depends on it and the evidence does not carry it; settle it with the value from another source"
              + " (IAM tags, the organization, the resource's configuration at the time)"));
    }
    String unreadExpiration = r.limits() == null ? null : r.limits().unreadExpiration();
    if (unreadExpiration != null && result.decision() == io.github.trailbench.core.policy.Decision.ALLOWED) {
      // as the replay decides it: the policies allow the call, but whether its credentials still worked is unknown
      gaps.add(unreadExpiration);
      missing.add(new DecisionResult.MissingKey(Explainer.UNREAD_EXPIRATION, unreadExpiration));
    }
    String explanation = result.explanation()
        + (gaps.isEmpty() ? "" : " Evidence the case lacks: " + String.join("; ", gaps) + ".");
    return new DecisionResult(result.decision().json(), explanation, TraceStep.of(result.trace(), sources), missing,
        // no policy edit allows what the credentials cannot do: nothing to suggest
        refused ? List.of() : suggestions.suggest(request, set, result),
        refused ? "Refused: " + refusal + "." : io.github.trailbench.core.policy.DecisionSentence.of(result),
        io.github.trailbench.core.policy.DecidingPath.ids(result.trace()), otherReason);
  }

  /** A decision service over the case's IAM data: it edits policies and gathers each principal's own. */
  DecisionService service(IamSource iam, PrincipalSource principals) {
    return new DecisionService() {
      @Override
      public DecisionResult evaluate(DecisionRequest request) throws Exception {
        return EngineDecisions.this.evaluate(iam.get(), request, List.of());
      }

      @Override
      public DecisionResult evaluate(DecisionRequest request, List<PolicyChange> changes) throws Exception {
        return EngineDecisions.this.evaluate(iam.get(), request, changes);
      }

      @Override
      public boolean editsPolicies() {
        return true;
      }

      @Override
      public boolean gathersPoliciesPerPrincipal() {
        return true;
      }

      @Override
      public List<String> knownPrincipals() throws Exception {
        return principals.get();
      }

      @Override
      public List<io.github.trailbench.app.decision.SimulationRow> simulate(io.github.trailbench.app.decision.SimulationQuery q)
          throws Exception {
        return EngineDecisions.this.simulate(iam.get(), q);
      }

      @Override
      public List<String> simulatablePrincipals() throws Exception {
        return io.github.trailbench.core.correlate.PrincipalSimulation.principals(iam.get());
      }
    };
  }

  /** The simulator table: the query's actions expanded through the catalog, each decided by the engine. */
  List<io.github.trailbench.app.decision.SimulationRow> simulate(IamSnapshot iam, io.github.trailbench.app.decision.SimulationQuery q)
      throws SourceFormatException {
    io.github.trailbench.core.catalog.ActionCatalog catalog = io.github.trailbench.core.catalog.ActionCatalog.get();
    List<String> actions = q.service() != null
        ? io.github.trailbench.core.correlate.PrincipalSimulation.serviceActions(catalog, q.service())
        : io.github.trailbench.core.correlate.PrincipalSimulation.expandActions(catalog, q.actions());
    var rows = new io.github.trailbench.core.correlate.PrincipalSimulation(iam, engine)
        .run(new io.github.trailbench.core.correlate.PrincipalSimulation.Question(q.principal(), actions, q.resource(), q.context()));
    return rows.stream().map(r -> new io.github.trailbench.app.decision.SimulationRow(q.principal(), r.action(), r.resource(),
        r.decision().json(), r.policy(), r.statement(), r.sentence(), r.context())).toList();
  }

  /** The case's IAM world, read when first needed. */
  interface IamSource {
    IamSnapshot get() throws Exception;
  }

  /** Principal ARNs the case knows. */
  interface PrincipalSource {
    List<String> get() throws Exception;
  }

  /**
   * The requests a logged event made, as `explain` and the replay verdicts evaluate them: one per
   * action it was authorized as (on the resource AWS checks that action on) and per resource AWS
   * checks one by one, with the context the log and the case give, keys the log cannot carry
   * unknown, and the session policies of the call's temporary key, as {@code explainer} (the case's) finds them.
   */
  static List<DecisionRequest> requestsOf(Explainer explainer, CloudTrailEvent event) {
    return explainer.requests(event).stream().map(l -> {
      Request q = l.request();
      // an action checked item by item (BatchGetSecretValue's GetSecretValue) is not what CloudTrail's outcome records
      String recorded = io.github.trailbench.core.catalog.EventActionMapper.decidesTheCall(event.eventSource(),
          event.eventName(), q.action()) ? Explainer.recordedOutcome(event) : null;
      return new DecisionRequest(q.principal(), q.action(), q.resource(), q.context(), q.unknownKeys(), event.eventId(),
          q.resourceAccount(), q.openWorld(), q.absentKeys(), l.sessionPolicies(), recorded,
          Explainer.issuerOf(event), new DecisionRequest.LoggedLimits(q.notAmong(), q.holding(), l.refusal(), l.expired(), l.trust(),
          "Denied".equals(Explainer.recordedOutcome(event)) ? io.github.trailbench.core.correlate.LoggedRefusal.of(event.errorMessage())
              : null, l.versions(), l.unreadExpiration()));
    }).toList();
  }
}
