package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Could this principal do this?" asked of the policy engine with the case's policies in force.
 * Keys no such question can know (MFA, source address, time, tags…) are unknown, so a condition
 * on them leaves the answer undetermined; undetermined counts as possible, and says on what.
 */
final class EngineQuestions {
  private static final List<String> UNKNOWN_FOR_CAN = List.of("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge",
      "aws:SourceIp", "aws:SourceVpce", "aws:PrincipalTag/*", "aws:RequestTag/*", "aws:CurrentTime", "aws:EpochTime",
      "aws:RequestedRegion", "aws:SecureTransport", "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity");

  private static final List<String> ORGANIZATION_KEYS = List.of("aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:ResourceOrgID",
      "aws:ResourceOrgPaths");

  private final IamSnapshot iam;
  private final PolicyEngine engine = new PolicyEngine();
  /** Parsed policy documents shared by every question (one graph build asks thousands that share policies). */
  private final Map<String, io.github.trailbench.core.model.policy.PolicyDocument> parsed = new java.util.HashMap<>();

  EngineQuestions(IamSnapshot iam) {
    this.iam = iam;
  }

  /**
   * The evidence line ("ACTION on RESOURCE [with KEY=VALUE] [if KEYS allow it]: why") when the
   * engine allows the request or cannot decide it; empty when it denies it or a policy is unreadable.
   */
  Optional<String> ask(String principal, String action, String resource, Map<String, String> context) {
    return ask(principal, action, resource, context, java.util.function.UnaryOperator.identity());
  }

  /**
   * Whether {@code principal} could assume {@code roleArn} once the role's trust policy names it
   * (what iam:UpdateAssumeRolePolicy lets it write): the rest of the decision - its own policies,
   * boundary, SCPs - still has to allow it.
   */
  Optional<String> askOnceTrusted(String principal, String roleArn) {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    return ask(principal, "sts:AssumeRole", roleArn, Map.of(), set -> {
      try {
        NamedPolicy rewritten = new NamedPolicy("trust policy rewritten to name the caller",
            io.github.trailbench.core.policy.PolicyParser.parse(trust, "rewritten trust policy"));
        return new PolicySet(set.identityPolicies(), set.permissionsBoundary(), set.sessionPolicies(), rewritten, set.scps(),
            set.rcps(), set.flags(), set.s3Acl());
      } catch (io.github.trailbench.core.model.SourceFormatException e) {
        throw new IllegalArgumentException(e);
      }
    });
  }

  private Optional<String> ask(String principal, String action, String resource, Map<String, String> context,
      java.util.function.UnaryOperator<PolicySet> adjust) {
    try {
      PoliciesInForce policies = PoliciesInForce.gather(iam, principal, action, resource, null, List.of(), parsed);
      Request.Builder b = Request.builder(principal, action, resource).resourceAccount(PoliciesInForce.ownerOf(iam, principal, resource));
      context.forEach(b::context);
      UNKNOWN_FOR_CAN.forEach(b::unknown);
      // organization membership from the case's organization data (a trust policy on aws:PrincipalOrgID
      // is how a role is opened to the organization); unknown when the case has none
      java.util.Set<String> filled = new java.util.HashSet<>();
      Explainer.orgKeys(iam, b, io.github.trailbench.core.model.Arn.accountOf(principal), "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
          filled);
      Explainer.orgKeys(iam, b, PoliciesInForce.ownerOf(iam, principal, resource), "aws:ResourceOrgID", "aws:ResourceOrgPaths", filled);
      for (String key : ORGANIZATION_KEYS) {
        if (!filled.contains(key)) {
          b.unknown(key);
        }
      }
      EvaluationResult r = engine.evaluate(b.build(), adjust.apply(policies.set()));
      if (r.decision() != Decision.ALLOWED && r.decision() != Decision.UNDETERMINED) {
        return Optional.empty();
      }
      StringBuilder line = new StringBuilder(action).append(" on ").append(resource);
      context.forEach((k, v) -> line.append(" with ").append(k).append('=').append(v));
      if (r.decision() == Decision.UNDETERMINED) {
        line.append(" if ").append(String.join(", ", r.dependsOn())).append(" allow it");
      }
      return Optional.of(line.append(": ").append(r.explanation()).toString());
    } catch (io.github.trailbench.core.model.SourceFormatException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
