package io.github.trailbench.core.model.graph;

import java.util.Map;

/**
 * A node: {@code id} is its ARN (or key id, service name, {@code *}); {@code details} are the
 * facts shown when it is selected (policies, trust, tags, credential report row, activity), in the
 * order they were given.
 */
public record GraphNode(String id, NodeKind kind, String label, Map<String, String> details) {
  public GraphNode {
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }

  /** The detail that marks a user or role the policy engine found admin-equivalent, with its evidence. */
  public static final String ADMIN_DETAIL = "admin-equivalent";

  /** True when the engine found this principal can grant itself any permission. */
  public boolean adminEquivalent() {
    return details.containsKey(ADMIN_DETAIL);
  }
}
