package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polyline;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A graph too crowded to read (every one of 70 keys used by every one of 50 sessions): the most
 * numerous kind of edge is left out of the picture, said so, and a selected node's own edges of
 * that kind are drawn.
 */
@ExtendWith(ApplicationExtension.class)
class GraphLeftOutEdgesTest {
  private static final int KEYS = 70;
  private static final int SESSIONS = 50;
  private static final String ROLE = GraphDenseViewTest.ROLE;
  private GraphViewModel model;

  static String session(int s) {
    return GraphDenseViewTest.session(s);
  }

  @Start
  void start(Stage stage) {
    model = new GraphViewModel(() -> GraphDenseViewTest.keysUsedByEverySession(KEYS, SESSIONS), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new GraphView(model), 1366, 768));
    stage.show();
    model.load();
  }

  @Test
  void theMostNumerousKindsAreLeftOutUntilTheRestFitsTheBudget() {
    List<GraphEdge> edges = new ArrayList<>();
    for (int i = 0; i < 2_100; i++) {
      edges.add(new GraphEdge("k" + i, "s", EdgeKind.KEY_USED_BY_SESSION, "", List.of()));
    }
    for (int i = 0; i < 2_000; i++) {
      edges.add(new GraphEdge("u" + i, "r", EdgeKind.DID_ASSUME, "", List.of()));
    }
    for (int i = 0; i < 1_000; i++) {
      edges.add(new GraphEdge("x" + i, "r", EdgeKind.SESSION_OF, "", List.of()));
    }
    for (int i = 0; i < 3; i++) {
      edges.add(new GraphEdge("u", "k" + i, EdgeKind.OWNS_KEY, "", List.of()));
    }
    // 5,103 edges: without the 2,100 key uses 3,003 are left, over 3,000; without the 2,000 assumptions too, 1,003
    assertThat(GraphViewModel.kindsLeftOut(edges, 3_000)).containsExactly(EdgeKind.KEY_USED_BY_SESSION, EdgeKind.DID_ASSUME);
    assertThat(GraphViewModel.kindsLeftOut(edges, 3_003)).containsExactly(EdgeKind.KEY_USED_BY_SESSION);
    assertThat(GraphViewModel.kindsLeftOut(edges, 1_000))
        .containsExactly(EdgeKind.KEY_USED_BY_SESSION, EdgeKind.DID_ASSUME, EdgeKind.SESSION_OF);
    assertThat(GraphViewModel.kindsLeftOut(edges, 5_103)).isEmpty();
  }

  @Test
  void theCrowdedKindIsNotDrawnAndTheNoteSaysSo(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    GraphLayout.Placed placed = model.layoutProperty().get();
    assertThat(placed.edges()).as("only the session-of edges are laid out").hasSize(SESSIONS)
        .allSatisfy(l -> assertThat(l.edge().kind()).isEqualTo(EdgeKind.SESSION_OF));
    assertThat(model.leftOutEdges()).hasSize(KEYS * SESSIONS);
    String note = robot.lookup("#graph-left-out").queryLabeled().getText();
    assertThat(note).isEqualTo("3,500 key used by session edges not drawn (too many to read): select a node to draw its own");
    assertThat(robot.lookup("#graph-left-out").query().isVisible()).isTrue();
    assertThat(robot.lookup(".graph-edge").queryAll().stream()
        .filter(n -> n.getStyleClass().contains("edge-key_used_by_session") && (n instanceof Polyline || n instanceof Path)))
        .as("no key-used-by-session edge drawn until a node is selected").isEmpty();
  }

  @Test
  void aSelectedNodesLeftOutEdgesAreDrawnAndGoWithTheSelection(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> model.select("AKIAKEY7"));
    WaitForAsyncUtils.waitForFxEvents();
    List<Polyline> revealed = robot.lookup(".graph-edge.revealed").queryAllAs(Polyline.class).stream().toList();
    assertThat(revealed).as("the key's edge to each session").hasSize(SESSIONS)
        .allSatisfy(p -> assertThat(p.getStyleClass()).contains("edge-key_used_by_session"));
    GraphLayout.Box key = model.layoutProperty().get().nodes().get("AKIAKEY7");
    assertThat(revealed).as("each starts at the key's side facing its session").allSatisfy(p -> {
      assertThat(p.getPoints().get(0)).isIn(key.x(), key.x() + key.width());
      assertThat(p.getPoints().get(1)).isEqualTo(key.centerY());
    });

    robot.interact(() -> model.select(session(3)));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(".graph-edge.revealed").queryAll()).as("the session's edge from each key").hasSize(KEYS);

    robot.interact(() -> model.selectedProperty().set(null));
    assertThat(robot.lookup(".graph-edge.revealed").queryAll()).isEmpty();
  }

  @Test
  void anExportedSvgSaysWhatItLeavesOut() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    org.w3c.dom.Document svg = GraphSvgTest.parse(model.svg());
    org.w3c.dom.NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      org.w3c.dom.Element t = (org.w3c.dom.Element) texts.item(i);
      if ("caption".equals(t.getAttribute("class"))) {
        captions.add(t.getTextContent());
      }
    }
    assertThat(captions).containsExactly("3,500 key used by session edges not drawn (too many to read)");
    assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength()).as("the drawn edges only")
        .isEqualTo(SESSIONS);
  }

  @Test
  void aPictureTakenOutOfTheAppSaysWhatItLeavesOut(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    GraphView view = robot.lookup(n -> n instanceof GraphView).queryAs(GraphView.class);
    javafx.scene.Node drawing = robot.lookup("#graph-content").query();
    double[] drawn = new double[2];
    javafx.scene.image.Image picture = WaitForAsyncUtils.asyncFx(() -> {
      javafx.scene.image.Image plain = drawing.snapshot(null, null);
      drawn[0] = plain.getWidth();
      drawn[1] = plain.getHeight();
      return view.picture();
    }).get();
    assertThat(picture.getHeight()).as("a caption line above the drawing").isGreaterThan(drawn[1] + 16);
    assertThat(picture.getWidth()).isGreaterThanOrEqualTo(drawn[0]);
  }

  @Test
  void aHighlightedLeftOutEdgeIsDrawn(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> model.highlightChain(List.of("AKIAKEY2", session(4), ROLE)));
    Set<String> kinds = new java.util.HashSet<>();
    robot.lookup(".graph-edge.highlighted").queryAll().forEach(n -> kinds.addAll(n.getStyleClass()));
    assertThat(robot.lookup(".graph-edge.highlighted").queryAll()).hasSize(2);
    assertThat(kinds).contains("edge-key_used_by_session", "edge-session_of");
  }
}
