package io.github.trailbench.app.decision;

import java.util.List;
import java.util.Map;

/**
 * One action's row of the simulator table.
 *
 * @param decision Allowed, ExplicitDeny, ImplicitDeny or Undetermined
 * @param policy the policy of the statement that decided, or "" when none did (an implicit deny)
 * @param statement that statement's Sid or {@code #index}, or ""
 * @param sentence the decision in one plain sentence
 * @param context the context the row was evaluated with, so its trace opens on the same request
 */
public record SimulationRow(String principal, String action, String resource, String decision, String policy, String statement,
    String sentence, Map<String, List<String>> context) {

  public SimulationRow {
    policy = policy == null ? "" : policy;
    statement = statement == null ? "" : statement;
    context = Map.copyOf(context);
  }

  /** The request of this row, to open its full trace in the decision view. */
  public DecisionRequest request() {
    return DecisionRequest.of(principal, action, resource, context);
  }
}
