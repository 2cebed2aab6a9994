package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentFrameTest {
  private static final Map<String, GraphLayout.Box> BOXES = Map.of(
      "critical-user", new GraphLayout.Box(0, 0, 100, 30),
      "critical-role", new GraphLayout.Box(400, 100, 100, 30),
      "high-far-right", new GraphLayout.Box(1500, 0, 100, 30),
      "high-near", new GraphLayout.Box(200, 300, 100, 30));

  /** Rule: when the incident is wider than the view, the most severe findings' nodes stay in it, not the middle of all. */
  @Test
  void nodesThatWouldWidenTheViewPastItsSizeAreLeftOutInOrderOfPriority() {
    List<String> kept = GraphView.mostThatFit(List.of("critical-user", "critical-role", "high-far-right", "high-near"), BOXES, 800, 500);
    assertThat(kept).containsExactly("critical-user", "critical-role", "high-near");
  }

  @Test
  void theFirstNodeIsKeptEvenWhenItAloneIsLargerThanTheView() {
    assertThat(GraphView.mostThatFit(List.of("high-far-right", "critical-user"), BOXES, 50, 10)).containsExactly("high-far-right");
  }

  @Test
  void nodesNotLaidOutAreSkippedAndEverythingThatFitsIsKept() {
    assertThat(GraphView.mostThatFit(List.of("gone", "critical-user", "critical-role", "high-near"), BOXES, 800, 500))
        .containsExactly("critical-user", "critical-role", "high-near");
  }
}
