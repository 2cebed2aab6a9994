package io.github.trailbench.core.findings.leastprivilege;

import java.util.List;

/**
 * The minimal identity policy for the used actions: one or more statements per service.
 *
 * @param statements in service order
 * @param json the policy document, pretty-printed
 */
public record GeneratedPolicy(List<PolicyStatement> statements, String json) {
  public GeneratedPolicy {
    statements = List.copyOf(statements);
  }

  /** One Allow statement. */
  public record PolicyStatement(String sid, String service, List<String> actions, List<String> resources) {
    public PolicyStatement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
    }
  }
}
