package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.PrincipalGraph;

/** Builds the principal graph of the open case (IAM data, trail, policy engine). */
@FunctionalInterface
public interface GraphService {
  PrincipalGraph load() throws Exception;

  /** Least privilege of a user or role: the analysis as text and the generated minimal policy. */
  record LeastPrivilegeReport(String principal, String text, String policyJson) {}

  /** Least privilege of a user or role of the case; unsupported by services without IAM data. */
  default LeastPrivilegeReport leastPrivilege(String principalArn) throws Exception {
    throw new UnsupportedOperationException("least privilege needs the case's IAM data");
  }
}
