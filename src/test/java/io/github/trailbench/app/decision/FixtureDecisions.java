package io.github.trailbench.app.decision;

import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.DecisionSuggestions;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyChange;
import io.github.trailbench.core.policy.PolicyChanges;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small organization for what-if tests, evaluated by the real engine: ops-admin (a role
 * session) has AdministratorAccess, bob has ReadOnly; the account's OU has FullAWSAccess and
 * ProtectSecurityTooling (denies cloudtrail:StopLogging). Policies are gathered per principal.
 */
final class FixtureDecisions implements DecisionService {
  static final String OPS = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";
  static final String BOB = "arn:aws:iam::111122223333:user/bob";
  static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowAdmin\",\"Effect\":\"Allow\","
      + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
  static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
      + "\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}]}";
  static final String FULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  static final String PROTECT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ProtectSecurityTooling\","
      + "\"Effect\":\"Deny\",\"Action\":\"cloudtrail:StopLogging\",\"Resource\":\"*\"}]}";

  private final PolicyEngine engine = new PolicyEngine();

  static DecisionRequest createUser(String principal) {
    return new DecisionRequest(principal, "iam:CreateUser", "arn:aws:iam::111122223333:user/svc-backup",
        Map.of("aws:MultiFactorAuthPresent", List.of("false"), "aws:SourceIp", List.of("203.0.113.77")),
        java.util.Set.of(), "0b0a3749-6e78-4f71-aedf-ca6f493f89a9");
  }

  static DecisionRequest stopLogging() {
    return new DecisionRequest(OPS, "cloudtrail:StopLogging", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-prod-trail",
        Map.of(), java.util.Set.of(), "df4199c7-7b89-4c87-8698-9cc5d75feab4");
  }

  @Override
  public DecisionResult evaluate(DecisionRequest request) throws Exception {
    return evaluate(request, List.of());
  }

  @Override
  public DecisionResult evaluate(DecisionRequest r, List<PolicyChange> changes) throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    PolicySet.Builder b = PolicySet.builder()
        .scpLevel(List.of(policy("FullAWSAccess @ Root", FULL, sources)))
        .scpLevel(List.of(policy("FullAWSAccess @ Production", FULL, sources),
            policy("ProtectSecurityTooling @ Production", PROTECT, sources)));
    if (r.principal().equals(BOB)) {
      b.identity(policy("ReadOnly", READ_ONLY, sources));
    } else {
      b.identity(policy("AdministratorAccess", ADMIN, sources));
    }
    PolicySet set = PolicyChanges.apply(b.build(), changes);
    for (PolicyChange c : changes) {
      if (c instanceof PolicyChange.Replace replace) {
        sources.put(replace.policyName(), replace.document().source());
      } else if (c instanceof PolicyChange.Add add) {
        sources.put(add.policyName(), add.policy().document().source());
      }
    }
    Request.Builder rb = Request.builder(r.principal(), r.action(), r.resource());
    r.context().forEach(rb::context);
    r.unknownKeys().forEach(rb::unknown);
    Request request = rb.build();
    EvaluationResult result = engine.evaluate(request, set);
    return new DecisionResult(result.decision().json(), result.explanation(), TraceStep.of(result.trace(), sources), List.of(),
        new DecisionSuggestions(engine).suggest(request, set, result), io.github.trailbench.core.policy.DecisionSentence.of(result),
        io.github.trailbench.core.policy.DecidingPath.ids(result.trace()));
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
  public List<String> knownPrincipals() {
    return List.of("arn:aws:iam::111122223333:role/OpsAdminRole", OPS, BOB, "arn:aws:iam::111122223333:user/alice");
  }

  private static NamedPolicy policy(String name, String json, Map<String, String> sources) throws Exception {
    sources.put(name, json);
    return new NamedPolicy(name, PolicyParser.parse(json, name));
  }
}
