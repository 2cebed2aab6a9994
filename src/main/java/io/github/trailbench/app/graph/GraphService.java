package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.PrincipalGraph;

/** Builds the principal graph of the open case (IAM data, trail, policy engine). */
@FunctionalInterface
public interface GraphService {
  PrincipalGraph load() throws Exception;
}
