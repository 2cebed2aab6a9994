package io.github.trailbench.app.decision;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request the analyst asks about: from a logged event or written by hand. Context values are
 * lists because keys can be multi-valued. {@code unknownKeys} are keys the evidence cannot
 * carry (a request rebuilt from a log): conditions on them are undetermined, not false.
 *
 * <p>A request from a logged event is evaluated as the replay evaluates it: {@code resourceAccount}
 * from the log (null: the case's data decides), {@code openWorld} (a key neither in the context nor
 * in {@code absentKeys} is unknown: the log may not carry it) and the {@code sessionPolicies} of the
 * call's temporary key (AssumeRole's session policies, a root session's task policy). {@code recorded}
 * is what CloudTrail recorded of the call (Allowed, Denied, Not authenticated), null for a request
 * written by hand. {@code issuer} is the logged session's {@code sessionIssuer.arn} (the role, or
 * the user who federated a federated user), null otherwise.
 */
public record DecisionRequest(
    String principal,
    String action,
    String resource,
    Map<String, List<String>> context,
    Set<String> unknownKeys,
    String sourceEventId,
    String resourceAccount,
    boolean openWorld,
    Set<String> absentKeys,
    List<NamedPolicy> sessionPolicies,
    String recorded,
    String issuer,
    LoggedLimits limits) {

  /**
   * What the replay knows of a logged call beyond its context: keys known only to be none of some
   * values or to hold some values among others, why AWS refuses it whatever the policies allow
   * (what its credentials cannot do), why its credentials had expired, and the trust policy the log
   * shows in force for a role it assumes, the policy kind its error message names as what refused
   * it, the caller's managed policy versions the log shows in force, and why whether its credentials had
   * expired is unknown (their logged expiration could not be read); null for a hand-written request.
   */
  public record LoggedLimits(Map<String, Set<String>> notAmong, Map<String, Set<String>> holding, String refusal,
      String expired, io.github.trailbench.core.correlate.Explainer.LoggedTrust trust,
      io.github.trailbench.core.correlate.LoggedRefusal loggedRefusal,
      io.github.trailbench.core.correlate.LoggedPolicyVersions.Replacements versions, String unreadExpiration) {
    public LoggedLimits {
      notAmong = notAmong == null ? Map.of() : Map.copyOf(notAmong);
      holding = holding == null ? Map.of() : Map.copyOf(holding);
      versions = versions == null ? io.github.trailbench.core.correlate.LoggedPolicyVersions.Replacements.NONE : versions;
    }

    /** Limits without logged policy versions. */
    public LoggedLimits(Map<String, Set<String>> notAmong, Map<String, Set<String>> holding, String refusal, String expired,
        io.github.trailbench.core.correlate.Explainer.LoggedTrust trust, io.github.trailbench.core.correlate.LoggedRefusal loggedRefusal) {
      this(notAmong, holding, refusal, expired, trust, loggedRefusal, null, null);
    }
  }

  /** A request without what the replay knows beyond its context. */
  public DecisionRequest(String principal, String action, String resource, Map<String, List<String>> context,
      Set<String> unknownKeys, String sourceEventId, String resourceAccount, boolean openWorld, Set<String> absentKeys,
      List<NamedPolicy> sessionPolicies, String recorded, String issuer) {
    this(principal, action, resource, context, unknownKeys, sourceEventId, resourceAccount, openWorld, absentKeys, sessionPolicies,
        recorded, issuer, null);
  }

  public DecisionRequest {
    context = Map.copyOf(context);
    unknownKeys = Set.copyOf(unknownKeys);
    absentKeys = absentKeys == null ? Set.of() : Set.copyOf(absentKeys);
    sessionPolicies = sessionPolicies == null ? List.of() : List.copyOf(sessionPolicies);
  }

  /** A request without the logged session's issuer. */
  public DecisionRequest(String principal, String action, String resource, Map<String, List<String>> context,
      Set<String> unknownKeys, String sourceEventId, String resourceAccount, boolean openWorld, Set<String> absentKeys,
      List<NamedPolicy> sessionPolicies, String recorded) {
    this(principal, action, resource, context, unknownKeys, sourceEventId, resourceAccount, openWorld, absentKeys, sessionPolicies,
        recorded, null);
  }

  /** A request stated whole, with no session policies: a key not given is absent. */
  public DecisionRequest(String principal, String action, String resource, Map<String, List<String>> context,
      Set<String> unknownKeys, String sourceEventId) {
    this(principal, action, resource, context, unknownKeys, sourceEventId, null, false, Set.of(), List.of(), null);
  }

  /** A hand-written request: every key not given is absent, as AWS would see it. */
  public static DecisionRequest of(String principal, String action, String resource, Map<String, List<String>> context) {
    return new DecisionRequest(principal, action, resource, context, Set.of(), null);
  }

  /** What-if: the analyst now says what the context is, so edited keys are no longer unknown. */
  public DecisionRequest withContext(Map<String, List<String>> newContext) {
    Set<String> stillUnknown = new java.util.HashSet<>(unknownKeys);
    stillUnknown.removeIf(k -> newContext.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(k)));
    return new DecisionRequest(principal, action, resource, newContext, stillUnknown, sourceEventId, resourceAccount, openWorld,
        absentKeys, sessionPolicies, recorded, issuer, limits);
  }

  /** What-if: another principal; the logged session's policies were that session's, so they go. */
  public DecisionRequest withPrincipal(String newPrincipal) {
    return new DecisionRequest(newPrincipal, action, resource, context, unknownKeys, sourceEventId, resourceAccount, openWorld,
        absentKeys, newPrincipal.equals(principal) ? sessionPolicies : List.of(), recorded);
  }
}
