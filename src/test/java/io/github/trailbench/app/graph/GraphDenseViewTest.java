package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A dense graph (every key used by every session) in the view: every edge drawn, arrowheads only where an edge runs backwards. */
@ExtendWith(ApplicationExtension.class)
class GraphDenseViewTest {
  private GraphViewModel model;

  static PrincipalGraph dense() {
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      nodes.add(new GraphNode("AKIAKEY" + k, NodeKind.ACCESS_KEY, "AKIAKEY" + k, Map.of()));
    }
    String role = "arn:aws:iam::111122223333:role/shared";
    nodes.add(new GraphNode(role, NodeKind.ROLE, "shared", Map.of()));
    for (int s = 0; s < 50; s++) {
      String session = "arn:aws:sts::111122223333:assumed-role/shared/s" + s;
      nodes.add(new GraphNode(session, NodeKind.SESSION, "shared/s" + s, Map.of()));
      edges.add(new GraphEdge(session, role, EdgeKind.SESSION_OF, EdgeKind.SESSION_OF.label(), List.of()));
      for (int k = 0; k < 40; k++) {
        edges.add(new GraphEdge("AKIAKEY" + k, session, EdgeKind.KEY_USED_BY_SESSION, EdgeKind.KEY_USED_BY_SESSION.label(), List.of()));
      }
    }
    return new PrincipalGraph(nodes, edges);
  }

  @Start
  void start(Stage stage) {
    model = new GraphViewModel(GraphDenseViewTest::dense, Runnable::run, Runnable::run);
    stage.setScene(new Scene(new GraphView(model), 1300, 800));
    stage.show();
    model.load();
  }

  @Test
  void everyEdgeIsDrawnAndOnlyThoseRunningBackwardsHaveArrowheads(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    GraphLayout.Placed placed = model.layoutProperty().get();
    assertThat(placed.edges().size()).isGreaterThan(GraphLayout.MAX_ROUTED_EDGES);
    long backwards = placed.edges().stream().filter(l -> l.points()[l.points().length - 2] < l.points()[0]).count();
    assertThat(robot.lookup(".graph-edge").queryAll().stream().filter(n -> n instanceof javafx.scene.shape.Polyline).count())
        .isEqualTo(placed.edges().size());
    assertThat(robot.lookup(".graph-arrow").queryAll()).hasSize((int) backwards);
    assertThat(backwards).as("laid out left to right").isLessThan(placed.edges().size() / 10);
  }
}
