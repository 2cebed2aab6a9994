package io.github.trailbench.core.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "What would have denied this" for an allowed request, and "what would have allowed this" for a
 * denied one: the smallest policy changes that flip the decision, each checked by evaluating the
 * request again with the change applied. A candidate that does not flip the decision is dropped;
 * one whose re-evaluation is Undetermined is kept and says which keys it relies on.
 *
 * <p>For an Allowed (or Undetermined) decision: a Deny for exactly this action and resource in an
 * SCP (when SCPs apply) and in an identity-based policy; a condition on the allowing statements
 * that the request's context fails ({@code aws:MultiFactorAuthPresent}, {@code aws:SourceIp},
 * {@code aws:RequestedRegion}); removing the allowing statement when it is the only one. For an
 * explicit deny: removing the Deny statements that matched (adding the missing allow when nothing
 * would allow then). For an implicit deny: Allow statements where the evaluation found none.
 */
public final class DecisionSuggestions {
  private static final String MFA = "aws:MultiFactorAuthPresent";
  private static final String SOURCE_IP = "aws:SourceIp";
  private static final String REGION = "aws:RequestedRegion";

  private final PolicyEngine engine;

  public DecisionSuggestions(PolicyEngine engine) {
    this.engine = engine;
  }

  /** Suggestions for {@code result}, the engine's decision on {@code request} against {@code set}. */
  public List<Suggestion> suggest(Request request, PolicySet set, EvaluationResult result) {
    List<Suggestion> out = new ArrayList<>();
    switch (result.decision()) {
      case ALLOWED, UNDETERMINED -> wouldHaveDenied(request, set, result, out);
      case EXPLICIT_DENY -> removeDeny(request, set, result).ifPresent(out::add);
      case IMPLICIT_DENY -> addAllow(request, set, result, List.of()).ifPresent(out::add);
      default -> throw new IllegalStateException(result.decision().name());
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ allowed → denied

  private void wouldHaveDenied(Request request, PolicySet set, EvaluationResult result, List<Suggestion> out) {
    boolean allowed = result.decision() == Decision.ALLOWED;
    TraceNode trace = result.trace();
    ObjectNode deny = PolicyJson.statement("Deny", null, request.action(), request.resource());
    if (trace.find("2").outcome() != Outcome.NOT_APPLICABLE) {
      String name = "WhatIfDeny " + request.action() + " (SCP)";
      List<PolicyChange> changes = List.of(new PolicyChange.Add(PolicyKind.SCP, -1,
          new NamedPolicy(name, PolicyJson.document(name, List.of(deny)))));
      Suggestion.Verification v = verify(request, set, changes);
      if (isDenied(v)) {
        out.add(new Suggestion.AddDeny(PolicyKind.SCP, "An explicit deny in any applicable policy wins; an SCP at the"
            + " account's level denying " + request.action() + " on " + request.resource()
            + " applies to every IAM principal of the account, whatever its own policies allow.", changes, v));
      }
    }
    if (trace.find("7").outcome() != Outcome.NOT_APPLICABLE) {
      String name = "WhatIfDeny " + request.action();
      List<PolicyChange> changes = List.of(new PolicyChange.Add(PolicyKind.IDENTITY, -1,
          new NamedPolicy(name, PolicyJson.document(name, List.of(deny)))));
      Suggestion.Verification v = verify(request, set, changes);
      if (isDenied(v)) {
        out.add(new Suggestion.AddDeny(PolicyKind.IDENTITY, "An explicit deny in any applicable policy wins; a Deny"
            + " statement for " + request.action() + " on " + request.resource() + " in one of the principal's"
            + " identity-based policies overrides every allow.", changes, v));
      }
    }
    if (!allowed) {
      return;
    }
    Map<PolicyRef, List<Integer>> allowing = allowingStatements(trace);
    if (allowing.isEmpty()) {
      return;
    }
    EvalContext ctx = new EvalContext(request, PrincipalInfo.parse(request.principal()), request.resourceAccount());
    conditionOnAllow(request, set, allowing, ctx, "Bool", MFA, List.of("true"), mfaReason(ctx)).ifPresent(out::add);
    EvalContext.Lookup ip = ctx.lookup(SOURCE_IP);
    if (ip.state() != EvalContext.State.ABSENT) {
      String range = ip.values().stream().anyMatch(v -> v.startsWith("192.0.2.")) ? "198.51.100.0/24" : "192.0.2.0/24";
      String reason = ip.state() == EvalContext.State.UNKNOWN
          ? "The evidence does not carry the request's source address, so whether it is outside " + range
              + " is undetermined."
          : "The request came from " + String.join(", ", ip.values()) + ", outside " + range + " (a documentation range:"
              + " put the organization's own address ranges there).";
      conditionOnAllow(request, set, allowing, ctx, "IpAddress", SOURCE_IP, List.of(range), reason).ifPresent(out::add);
    }
    EvalContext.Lookup region = ctx.lookup(REGION);
    if (region.state() != EvalContext.State.ABSENT) {
      String other = region.values().contains("eu-central-1") ? "us-east-1" : "eu-central-1";
      String reason = region.state() == EvalContext.State.UNKNOWN
          ? "The evidence does not carry the requested region, so whether it is " + other + " is undetermined."
          : "The request was made in " + String.join(", ", region.values()) + ", not " + other
              + " (put the regions the account is meant to use there).";
      conditionOnAllow(request, set, allowing, ctx, "StringEquals", REGION, List.of(other), reason).ifPresent(out::add);
    }
    removeOnlyAllow(request, set, allowing).ifPresent(out::add);
  }

  private static String mfaReason(EvalContext ctx) {
    EvalContext.Lookup mfa = ctx.lookup(MFA);
    return switch (mfa.state()) {
      case UNKNOWN -> "The evidence does not carry whether the caller signed in with MFA, so whether this condition"
          + " fails is undetermined.";
      case ABSENT -> "The request carries no " + MFA + " (long-term access keys never do), and a Bool condition on an"
          + " absent key does not hold.";
      default -> "The caller had not authenticated with MFA (" + MFA + " = " + String.join(", ", mfa.values()) + ").";
    };
  }

  private Optional<Suggestion> conditionOnAllow(Request request, PolicySet set, Map<PolicyRef, List<Integer>> allowing,
      EvalContext ctx, String operator, String key, List<String> values, String reason) {
    EvalContext.Lookup now = ctx.lookup(key);
    if (now.present() && key.equals(MFA) && now.values().stream().anyMatch("true"::equalsIgnoreCase)) {
      return Optional.empty();
    }
    List<PolicyChange> changes = new ArrayList<>();
    for (Map.Entry<PolicyRef, List<Integer>> e : allowing.entrySet()) {
      PolicyDocument doc = find(set, e.getKey()).document();
      for (int i : e.getValue()) {
        if (PolicyJson.testsKey(doc, i, key)) {
          return Optional.empty();
        }
      }
      changes.add(new PolicyChange.Replace(e.getKey().kind(), e.getKey().name(),
          PolicyJson.withCondition(doc, e.getKey().name(), e.getValue(), operator, key, values)));
    }
    Suggestion.Verification v = verify(request, set, changes);
    if (!isDenied(v) && !v.undetermined()) {
      return Optional.empty();
    }
    return Optional.of(new Suggestion.ConditionOnAllow(operator, key, values, reason + widerThanTheRequest(request, set, allowing)
        + relies(v), changes, v));
  }

  private Optional<Suggestion> removeOnlyAllow(Request request, PolicySet set, Map<PolicyRef, List<Integer>> allowing) {
    if (allowing.size() != 1 || allowing.values().iterator().next().size() != 1) {
      return Optional.empty();
    }
    PolicyRef ref = allowing.keySet().iterator().next();
    int index = allowing.get(ref).get(0);
    NamedPolicy policy = find(set, ref);
    String statement = policy.document().statements().get(index).displayName();
    List<PolicyChange> changes = List.of(new PolicyChange.Replace(ref.kind(), ref.name(),
        PolicyJson.withoutStatements(policy.document(), ref.name(), List.of(index))));
    Suggestion.Verification v = verify(request, set, changes);
    if (!isDenied(v)) {
      return Optional.empty();
    }
    return Optional.of(new Suggestion.RemoveAllow(ref.name(), statement, "Statement " + statement + " of " + ref.name()
        + " is the only statement that allowed the request; without it nothing allows "
        + request.action() + " and the request is implicitly denied." + widerThanTheRequest(request, set, allowing), changes, v));
  }

  /**
   * A warning when a changed statement allows more than this request (another action, a wider
   * resource, NotAction or NotResource): the change applies to all of it, not only to this call.
   */
  private static String widerThanTheRequest(Request request, PolicySet set, Map<PolicyRef, List<Integer>> statements) {
    List<String> wider = new ArrayList<>();
    for (Map.Entry<PolicyRef, List<Integer>> e : statements.entrySet()) {
      NamedPolicy policy = find(set, e.getKey());
      for (int i : e.getValue()) {
        io.github.trailbench.core.model.policy.Statement st = policy.document().statements().get(i);
        boolean exactAction = !st.action().negated() && st.action().values().size() == 1
            && st.action().values().get(0).equalsIgnoreCase(request.action());
        boolean exactResource = st.resource() == null || !st.resource().negated() && st.resource().values().size() == 1
            && st.resource().values().get(0).equals(request.resource());
        if (!exactAction || !exactResource) {
          wider.add(st.displayName() + " of " + policy.name());
        }
      }
    }
    return wider.isEmpty() ? "" : " Note: " + String.join(", ", wider) + " also allow" + (wider.size() == 1 ? "s" : "")
        + " other actions or resources; the change applies to all of them, not only to " + request.action() + " on "
        + request.resource() + ".";
  }

  /** Allow statements that granted: identity-based (step 7) and resource-based (step 4), when that step allowed. */
  private static Map<PolicyRef, List<Integer>> allowingStatements(TraceNode trace) {
    Map<PolicyRef, List<Integer>> out = new LinkedHashMap<>();
    for (String step : List.of("4", "7")) {
      TraceNode type = trace.find(step);
      if (type.outcome() == Outcome.ALLOW) {
        collectStatements(type, Outcome.ALLOW, out);
      }
    }
    return out;
  }

  private static void collectStatements(TraceNode under, Outcome wanted, Map<PolicyRef, List<Integer>> out) {
    for (TraceNode policy : under.children()) {
      if (policy.kind() != NodeKind.POLICY) {
        continue;
      }
      Optional<PolicyKind> kind = PolicyKind.ofLabel(String.valueOf(policy.detail().get("type")));
      if (kind.isEmpty()) {
        continue;
      }
      PolicyRef ref = new PolicyRef(kind.get(), String.valueOf(policy.detail().get("name")));
      for (TraceNode st : policy.children()) {
        if (st.kind() == NodeKind.STATEMENT && st.outcome() == wanted && st.detail().get("index") instanceof Integer i) {
          out.computeIfAbsent(ref, r -> new ArrayList<>()).add(i);
        }
      }
    }
  }

  // ------------------------------------------------------------------ denied → allowed

  private Optional<Suggestion> removeDeny(Request request, PolicySet set, EvaluationResult result) {
    Map<PolicyRef, List<Integer>> denying = new LinkedHashMap<>();
    collectStatements(result.trace().find("1"), Outcome.DENY, denying);
    if (denying.isEmpty()) {
      return Optional.empty();
    }
    List<PolicyChange> changes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<PolicyRef, List<Integer>> e : denying.entrySet()) {
      NamedPolicy policy = find(set, e.getKey());
      e.getValue().forEach(i -> names.add(policy.document().statements().get(i).displayName() + " of " + policy.name()));
      changes.add(new PolicyChange.Replace(e.getKey().kind(), e.getKey().name(),
          PolicyJson.withoutStatements(policy.document(), policy.name(), e.getValue())));
    }
    String reason = "An explicit deny wins over every allow; without " + String.join(" and ", names) + " ";
    Suggestion.Verification v = verify(request, set, changes);
    if (v.decision() == Decision.IMPLICIT_DENY) {
      PolicySet withoutDeny = PolicyChanges.apply(set, changes);
      EvaluationResult then = engine.evaluate(request, withoutDeny);
      Optional<Suggestion> allow = addAllow(request, set, then, changes);
      if (allow.isEmpty()) {
        return Optional.empty();
      }
      changes = allow.get().changes();
      v = allow.get().verified();
      reason += "nothing would allow the request either, so the missing allow is added too: "
          + String.join(", ", ((Suggestion.AddAllow) allow.get()).where()) + ".";
    } else {
      reason += "the policies that allow " + request.action() + " decide.";
    }
    if (v.decision() != Decision.ALLOWED && !v.undetermined()) {
      return Optional.empty();
    }
    return Optional.of(new Suggestion.RemoveDeny(names, reason + relies(v), changes, v));
  }

  /**
   * Allow statements where the evaluation of {@code result} found none, after {@code before}
   * (changes already decided on, e.g. a removed deny).
   */
  private Optional<Suggestion> addAllow(Request request, PolicySet original, EvaluationResult result,
      List<PolicyChange> before) {
    PolicySet set = PolicyChanges.apply(original, before);
    TraceNode trace = result.trace();
    List<PolicyChange> changes = new ArrayList<>(before);
    List<String> where = new ArrayList<>();
    ObjectNode allow = PolicyJson.statement("Allow", null, request.action(), request.resource());
    for (String step : List.of("2", "3")) {
      PolicyKind kind = step.equals("2") ? PolicyKind.SCP : PolicyKind.RCP;
      TraceNode type = trace.find(step);
      if (type.outcome() != Outcome.DENY) {
        continue;
      }
      for (int l = 0; l < type.children().size(); l++) {
        if (type.children().get(l).outcome() == Outcome.DENY) {
          if (kind == PolicyKind.RCP) {
            // AWS Organizations accepts Allow in no RCP but RCPFullAWSAccess (every action, every principal)
            String name = "RCPFullAWSAccess (reattached at RCP level " + (l + 1) + ")";
            ObjectNode full = PolicyJson.statement("Allow", "*", "*", "*");
            full.remove("Sid");
            changes.add(new PolicyChange.Add(kind, l, new NamedPolicy(name, PolicyJson.document(name, List.of(full)))));
            where.add("RCP level " + (l + 1) + " (RCPFullAWSAccess attached there: an RCP may hold no other Allow)");
          } else {
            String name = "WhatIfAllow " + request.action() + " (" + kind.name() + " level " + (l + 1) + ")";
            changes.add(new PolicyChange.Add(kind, l, new NamedPolicy(name, PolicyJson.document(name, List.of(allow)))));
            where.add(kind.name() + " level " + (l + 1));
          }
        }
      }
    }
    TraceNode resource = trace.find("4");
    if (resource.outcome() == Outcome.DENY) {
      ObjectNode statement = PolicyJson.statement("Allow", request.principal(), request.action(), request.resource());
      NamedPolicy existing = set.resourcePolicy();
      if (existing != null) {
        changes.add(new PolicyChange.Replace(PolicyKind.RESOURCE, existing.name(),
            PolicyJson.withStatement(existing.document(), existing.name(), statement)));
        where.add("resource-based policy " + existing.name() + " naming the caller");
      } else {
        String name = "WhatIfAllow " + request.action() + " (resource-based)";
        changes.add(new PolicyChange.Add(PolicyKind.RESOURCE, -1, new NamedPolicy(name, PolicyJson.document(name, List.of(statement)))));
        where.add("a resource-based policy naming the caller");
      }
    }
    if (trace.find("5").outcome() == Outcome.DENY && set.permissionsBoundary() != null) {
      NamedPolicy b = set.permissionsBoundary();
      changes.add(new PolicyChange.Replace(PolicyKind.BOUNDARY, b.name(), PolicyJson.withStatement(b.document(), b.name(), allow)));
      where.add("permissions boundary " + b.name());
    }
    if (trace.find("6").outcome() == Outcome.DENY && !set.sessionPolicies().isEmpty()) {
      NamedPolicy s = set.sessionPolicies().get(0);
      changes.add(new PolicyChange.Replace(PolicyKind.SESSION, s.name(), PolicyJson.withStatement(s.document(), s.name(), allow)));
      where.add("session policy " + s.name());
    }
    Outcome identity = trace.find("7").outcome();
    // a key or trust policy that names only the caller's own account grants nothing by itself
    boolean resourceGrants = resource.outcome() == Outcome.ALLOW
        && !(PolicyEngine.GRANT_DELEGATED.equals(resource.detail().get("grant"))
            && !Boolean.TRUE.equals(trace.detail().get("crossAccount")));
    if (identity == Outcome.DENY || (identity == Outcome.NO_MATCH && !resourceGrants)) {
      String name = "WhatIfAllow " + request.action();
      changes.add(new PolicyChange.Add(PolicyKind.IDENTITY, -1, new NamedPolicy(name, PolicyJson.document(name, List.of(allow)))));
      where.add("an identity-based policy");
    }
    if (where.isEmpty()) {
      return Optional.empty();
    }
    Suggestion.Verification v = verify(request, original, changes);
    if (v.decision() != Decision.ALLOWED && !v.undetermined()) {
      return Optional.empty();
    }
    String reason = "Nothing allowed " + request.action() + " on " + request.resource() + " where an allow is needed ("
        + String.join(", ", where) + "); Allow statements for exactly this action and resource there"
        + (where.stream().anyMatch(w -> w.startsWith("RCP level")) ? " (at an RCP level, RCPFullAWSAccess itself)" : "")
        + " make every required step allow.";
    return Optional.of(new Suggestion.AddAllow(where, reason + relies(v), changes, v));
  }

  // ------------------------------------------------------------------ shared

  private Suggestion.Verification verify(Request request, PolicySet set, List<PolicyChange> changes) {
    EvaluationResult r = engine.evaluate(request, PolicyChanges.apply(set, changes));
    return new Suggestion.Verification(r.decision(), r.dependsOn());
  }

  private static boolean isDenied(Suggestion.Verification v) {
    return v.decision() == Decision.EXPLICIT_DENY || v.decision() == Decision.IMPLICIT_DENY;
  }

  private static String relies(Suggestion.Verification v) {
    return v.undetermined()
        ? " Verified: Undetermined — it relies on " + String.join(", ", v.dependsOn()) + ", which the evidence does not carry."
        : " Verified: " + v.decision().json() + ".";
  }

  private static NamedPolicy find(PolicySet set, PolicyRef ref) {
    List<NamedPolicy> candidates = new ArrayList<>();
    switch (ref.kind()) {
      case IDENTITY -> candidates.addAll(set.identityPolicies());
      case SESSION -> candidates.addAll(set.sessionPolicies());
      case BOUNDARY -> candidates.add(set.permissionsBoundary());
      case RESOURCE -> candidates.add(set.resourcePolicy());
      case SCP -> set.scps().forEach(candidates::addAll);
      case RCP -> set.rcps().forEach(candidates::addAll);
      default -> throw new IllegalStateException(ref.kind().name());
    }
    return candidates.stream().filter(p -> p != null && p.name().equals(ref.name())).findFirst()
        .orElseThrow(() -> new IllegalStateException("the trace names " + ref.kind().label() + " " + ref.name()
            + ", which the set does not hold"));
  }

  private record PolicyRef(PolicyKind kind, String name) {}
}
