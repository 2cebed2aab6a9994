package io.github.trailbench.app.decision;

import java.util.List;
import java.util.Map;

/**
 * What the simulator asks: one principal of the case, a service's actions or a list of actions
 * and patterns ({@code s3:Get*}), a resource ("*" when blank) and context keys.
 *
 * @param service a service prefix, or null when {@code actions} is given
 * @param actions action names and patterns, or empty when {@code service} is given
 */
public record SimulationQuery(String principal, String service, List<String> actions, String resource,
    Map<String, List<String>> context) {

  public SimulationQuery {
    actions = List.copyOf(actions);
    context = Map.copyOf(context);
  }
}
