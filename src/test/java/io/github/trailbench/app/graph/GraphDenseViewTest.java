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
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A dense graph (every key used by every session) in the view: every edge drawn, in one shape per
 * kind, arrowheads only where an edge runs backwards, highlighted edges drawn on top.
 */
@ExtendWith(ApplicationExtension.class)
class GraphDenseViewTest {
  private GraphViewModel model;

  static final String ROLE = "arn:aws:iam::111122223333:role/shared";

  static String session(int s) {
    return "arn:aws:sts::111122223333:assumed-role/shared/s" + s;
  }

  /** Every one of {@code keys} access keys used by every one of {@code sessions} sessions of one role. */
  static PrincipalGraph keysUsedByEverySession(int keys, int sessions) {
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      nodes.add(new GraphNode("AKIAKEY" + k, NodeKind.ACCESS_KEY, "AKIAKEY" + k, Map.of()));
    }
    nodes.add(new GraphNode(ROLE, NodeKind.ROLE, "shared", Map.of()));
    for (int s = 0; s < sessions; s++) {
      nodes.add(new GraphNode(session(s), NodeKind.SESSION, "shared/s" + s, Map.of()));
      edges.add(new GraphEdge(session(s), ROLE, EdgeKind.SESSION_OF, EdgeKind.SESSION_OF.label(), List.of()));
      for (int k = 0; k < keys; k++) {
        edges.add(new GraphEdge("AKIAKEY" + k, session(s), EdgeKind.KEY_USED_BY_SESSION, EdgeKind.KEY_USED_BY_SESSION.label(), List.of()));
      }
    }
    return new PrincipalGraph(nodes, edges);
  }

  @Start
  void start(Stage stage) {
    model = new GraphViewModel(() -> keysUsedByEverySession(40, 50), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new GraphView(model), 1300, 800));
    stage.show();
    model.load();
  }

  @Test
  void everyEdgeIsDrawnInOneShapePerKindAndOnlyThoseRunningBackwardsHaveArrowheads(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    GraphLayout.Placed placed = model.layoutProperty().get();
    assertThat(placed.edges().size()).isGreaterThan(GraphLayout.MAX_ROUTED_EDGES);
    long backwards = placed.edges().stream().filter(l -> l.points()[l.points().length - 2] < l.points()[0]).count();
    assertThat(backwards).as("laid out left to right").isLessThan(placed.edges().size() / 10);

    List<Path> lines = robot.lookup(".graph-edge.edge-bundle").queryAllAs(Path.class).stream().toList();
    assertThat(lines).as("one shape per kind of edge").hasSize(2);
    for (EdgeKind kind : List.of(EdgeKind.SESSION_OF, EdgeKind.KEY_USED_BY_SESSION)) {
      Path bundle = lines.stream().filter(p -> p.getStyleClass().contains("edge-" + kind.name().toLowerCase())).findFirst().orElseThrow();
      long drawn = bundle.getElements().stream().filter(e -> e instanceof MoveTo).count();
      assertThat(drawn).as("every %s edge starts a line in its kind's shape", kind)
          .isEqualTo(placed.edges().stream().filter(l -> l.edge().kind() == kind).count());
    }
    long heads = robot.lookup(".graph-arrow.edge-bundle").queryAllAs(Path.class).stream()
        .mapToLong(p -> p.getElements().stream().filter(e -> e instanceof ClosePath).count()).sum();
    assertThat(heads).isEqualTo(backwards);
    assertThat(robot.lookup(".graph-edge").queryAll().stream().filter(n -> n instanceof javafx.scene.shape.Polyline))
        .as("no shape per edge").isEmpty();
  }

  @Test
  void aHighlightedEdgeIsDrawnOnTopWithItsArrowheadAndGoesWhenCleared(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    String session = session(7);
    robot.interact(() -> model.highlightChain(List.of("AKIAKEY3", session)));

    GraphLayout.Line line = model.layoutProperty().get().edges().stream()
        .filter(l -> l.edge().from().equals("AKIAKEY3") && l.edge().to().equals(session)).findFirst().orElseThrow();
    List<javafx.scene.shape.Polyline> highlighted = robot.lookup(".graph-edge.highlighted").queryAllAs(javafx.scene.shape.Polyline.class)
        .stream().toList();
    assertThat(highlighted).singleElement().satisfies(p ->
        assertThat(p.getPoints()).containsExactlyElementsOf(java.util.Arrays.stream(line.points()).boxed().toList()));
    assertThat(robot.lookup(".graph-arrow.highlighted").queryAll()).hasSize(1);

    robot.interact(model::clearHighlight);
    assertThat(robot.lookup(".highlighted").queryAll()).isEmpty();
  }
}
