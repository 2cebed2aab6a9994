package io.github.trailbench.app.decision;

import io.github.trailbench.core.policy.Outcome;
import java.util.List;
import java.util.Map;

/**
 * A small decision service for view tests: it decides one rule the way the engine would —
 * the identity policy allows iam:CreateUser only with MFA present — and builds its trace.
 * The engine-backed tests live with the engine integration.
 */
final class Traces {
  static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
      + "{\"Sid\":\"ReadOnly\",\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"},"
      + "{\"Sid\":\"AdminWithMfa\",\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\","
      + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";

  private Traces() {}

  static DecisionResult mfaRule(DecisionRequest r) {
    List<String> mfa = r.context().getOrDefault("aws:MultiFactorAuthPresent", List.of());
    boolean mfaTrue = mfa.contains("true");
    Outcome cond = mfaTrue ? Outcome.MATCH : Outcome.NO_MATCH;
    TraceStep readOnlyAction = step("0.1.1.1.1", "element", "Action iam:Get* vs " + r.action(), Outcome.NO_MATCH, -1);
    TraceStep readOnly = new TraceStep("0.1.1.1", "statement", "Statement ReadOnly (Allow)", Outcome.NO_MATCH,
        "Statement ReadOnly does not match: action " + r.action() + " is not iam:Get*", Map.of(), List.of(readOnlyAction), null, 0);
    TraceStep adminAction = step("0.1.1.2.1", "element", "Action iam:* vs " + r.action(), Outcome.MATCH, -1);
    TraceStep adminCond = new TraceStep("0.1.1.2.2", "condition", "Bool aws:MultiFactorAuthPresent", cond,
        "aws:MultiFactorAuthPresent is " + (mfa.isEmpty() ? "absent" : mfa) + "; the policy wants true",
        Map.of("request", mfa.isEmpty() ? "(absent)" : String.join(",", mfa), "policy", "true"), List.of(), null, -1);
    TraceStep admin = new TraceStep("0.1.1.2", "statement", "Statement AdminWithMfa (Allow)", mfaTrue ? Outcome.MATCH : Outcome.NO_MATCH,
        "Statement AdminWithMfa " + (mfaTrue ? "matches" : "does not match"), Map.of(), List.of(adminAction, adminCond), null, 1);
    Outcome allow = mfaTrue ? Outcome.ALLOW : Outcome.NO_MATCH;
    TraceStep policy = new TraceStep("0.1.1", "policy", "AdminPolicy (user inline)", allow, "Policy AdminPolicy", Map.of(),
        List.of(readOnly, admin), POLICY, -1);
    TraceStep identity = new TraceStep("0.1", "policyType", "Identity-based policies", allow, "Identity policies", Map.of(),
        List.of(policy), null, -1);
    TraceStep scp = new TraceStep("0.2", "policyType", "Service control policies", Outcome.NOT_APPLICABLE,
        "Not in an organization", Map.of(), List.of(), null, -1);
    String decision = mfaTrue ? "Allowed" : "ImplicitDeny";
    TraceStep root = new TraceStep("0", "decision", decision, mfaTrue ? Outcome.ALLOW : Outcome.DENY,
        decision, Map.of(), List.of(identity, scp), null, -1);
    return new DecisionResult(decision, mfaTrue ? "AdminWithMfa allows it" : "no statement allows it", root, List.of());
  }

  private static TraceStep step(String id, String kind, String label, Outcome o, int statement) {
    return new TraceStep(id, kind, label, o, label + ": " + o.json(), Map.of(), List.of(), null, statement);
  }

  static DecisionRequest createUser(boolean mfa) {
    return DecisionRequest.of("arn:aws:iam::111122223333:user/alice", "iam:CreateUser",
        "arn:aws:iam::111122223333:user/svc-backup",
        mfa ? Map.of("aws:MultiFactorAuthPresent", List.of("true")) : Map.of());
  }
}
