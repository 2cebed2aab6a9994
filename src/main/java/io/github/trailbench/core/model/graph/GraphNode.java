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
}
