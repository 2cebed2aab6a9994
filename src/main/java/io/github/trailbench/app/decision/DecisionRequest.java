package io.github.trailbench.app.decision;

import java.util.List;
import java.util.Map;

/**
 * A request the analyst asks about: from a logged event or written by hand. Context values are
 * lists because keys can be multi-valued.
 */
public record DecisionRequest(
    String principal, String action, String resource, Map<String, List<String>> context, String sourceEventId) {

  public DecisionRequest {
    context = Map.copyOf(context);
  }

  public DecisionRequest withContext(Map<String, List<String>> newContext) {
    return new DecisionRequest(principal, action, resource, newContext, sourceEventId);
  }

  public DecisionRequest withPrincipal(String newPrincipal) {
    return new DecisionRequest(newPrincipal, action, resource, context, sourceEventId);
  }
}
