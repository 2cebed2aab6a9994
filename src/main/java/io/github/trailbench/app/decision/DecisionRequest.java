package io.github.trailbench.app.decision;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request the analyst asks about: from a logged event or written by hand. Context values are
 * lists because keys can be multi-valued. {@code unknownKeys} are keys the evidence cannot
 * carry (a request rebuilt from a log): conditions on them are undetermined, not false.
 */
public record DecisionRequest(
    String principal,
    String action,
    String resource,
    Map<String, List<String>> context,
    Set<String> unknownKeys,
    String sourceEventId) {

  public DecisionRequest {
    context = Map.copyOf(context);
    unknownKeys = Set.copyOf(unknownKeys);
  }

  /** A hand-written request: every key not given is absent, as AWS would see it. */
  public static DecisionRequest of(String principal, String action, String resource, Map<String, List<String>> context) {
    return new DecisionRequest(principal, action, resource, context, Set.of(), null);
  }

  /** What-if: the analyst now says what the context is, so edited keys are no longer unknown. */
  public DecisionRequest withContext(Map<String, List<String>> newContext) {
    Set<String> stillUnknown = new java.util.HashSet<>(unknownKeys);
    stillUnknown.removeIf(k -> newContext.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(k)));
    return new DecisionRequest(principal, action, resource, newContext, stillUnknown, sourceEventId);
  }

  public DecisionRequest withPrincipal(String newPrincipal) {
    return new DecisionRequest(newPrincipal, action, resource, context, unknownKeys, sourceEventId);
  }
}
