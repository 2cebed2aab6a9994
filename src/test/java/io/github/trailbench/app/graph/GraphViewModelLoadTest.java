package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** Loading a graph, step by step on its worker: what the analyst reads while the canvas is still empty. */
class GraphViewModelLoadTest {
  @Test
  void whileTheGraphIsLaidOutTheMessageSaysSoAndAfterwardsGivesItsSize() {
    Deque<Runnable> worker = new ArrayDeque<>();
    GraphViewModel model = new GraphViewModel(GraphViewTest::graph, worker::add, Runnable::run);

    model.load();
    assertThat(model.messageProperty().get()).isEqualTo("Building the principal graph…");
    worker.poll().run(); // the build; the layout is queued behind it
    assertThat(model.graphProperty().get()).isNotNull();
    assertThat(model.layoutProperty().get().nodes()).as("not laid out yet").isEmpty();
    assertThat(model.loadingProperty().get()).isTrue();
    assertThat(model.messageProperty().get()).isEqualTo("5 nodes, 4 edges · laying them out…");

    while (!worker.isEmpty()) {
      worker.poll().run();
    }
    assertThat(model.layoutProperty().get().nodes()).isNotEmpty();
    assertThat(model.loadingProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).isEqualTo("5 nodes, 4 edges");
  }
}
