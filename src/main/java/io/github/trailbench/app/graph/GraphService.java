package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.PrincipalGraph;

/** Builds the principal graph of the open case (IAM data, trail, policy engine). */
@FunctionalInterface
public interface GraphService {
  PrincipalGraph load() throws Exception;

  /** Least privilege of a user or role: the analysis as text and the generated minimal policy. */
  record LeastPrivilegeReport(String principal, String text, String policyJson) {}

  /** Least privilege of a user or role of the case; unsupported by services without IAM data. */
  /**
   * Who can become an admin-equivalent principal in this graph (one sentence each); empty for
   * services without the case's IAM data.
   */
  default java.util.List<io.github.trailbench.core.correlate.EscalationList.Escalation> escalations(PrincipalGraph graph)
      throws Exception {
    return java.util.List.of();
  }

  /**
   * A user's or role's services, one line each: IAM Access Advisor's last access beside the
   * trail's first and last use; empty when no Access Advisor report covers it.
   */
  default java.util.List<String> serviceActivity(String principalArn) throws Exception {
    return java.util.List.of();
  }

  default LeastPrivilegeReport leastPrivilege(String principalArn) throws Exception {
    throw new UnsupportedOperationException("least privilege needs the case's IAM data");
  }
}
