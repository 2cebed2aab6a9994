package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.policy.NodeKind;
import io.github.trailbench.core.policy.Outcome;
import io.github.trailbench.core.policy.TraceNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStepTest {
  /** The step panel lists a node's values in the engine's order: the decision first, then who, what, where. */
  @Test
  void aStepKeepsTheOrderTheEngineGaveItsValues() {
    List<String> keys = List.of("decision", "principal", "principalKind", "action", "resource", "principalAccount",
        "resourceAccount", "crossAccount", "evaluation", "derivedContext", "a", "b", "c");
    Map<String, Object> detail = new LinkedHashMap<>();
    keys.forEach(k -> detail.put(k, k + " value"));
    TraceNode node = new TraceNode("0", NodeKind.DECISION, "Decision: Allowed", Outcome.ALLOW, "allowed", detail, List.of());
    TraceStep step = TraceStep.of(node, Map.of());
    assertThat(step.detail().keySet()).containsExactlyElementsOf(keys);
    assertThat(new TraceStep(step.id(), step.kind(), step.label(), step.outcome(), step.explanation(), step.detail(),
        List.of(), null, -1).detail().keySet()).containsExactlyElementsOf(keys);
  }
}
