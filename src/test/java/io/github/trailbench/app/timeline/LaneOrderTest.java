package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.timeline.LaneOrder.Placed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaneOrderTest {

  @Test
  void aChainReadsTopToBottomWithSiblingsAndRootsByFirstUse() {
    Map<String, String> parents = Map.of("S1", "U", "S2", "S1", "S3", "U");
    List<Placed> order = LaneOrder.order(List.of("B", "U", "S1", "S3", "S2"), parents::get);
    assertThat(order).containsExactly(new Placed("B", null, 0), new Placed("U", null, 0), new Placed("S1", "U", 1),
        new Placed("S2", "S1", 2), new Placed("S3", "U", 1));
  }

  @Test
  void aMissingMiddleSessionLinksToTheNearestShownAncestor() {
    Map<String, String> parents = Map.of("S1", "U", "S2", "S1");
    assertThat(LaneOrder.order(List.of("U", "S2"), parents::get))
        .containsExactly(new Placed("U", null, 0), new Placed("S2", "U", 1));
  }

  @Test
  void anIssuingCycleStillPlacesEverySessionOnce() {
    Map<String, String> parents = Map.of("A", "B", "B", "A");
    assertThat(LaneOrder.order(List.of("A", "B"), parents::get)).extracting(Placed::session).containsExactly("A", "B");
  }
}
