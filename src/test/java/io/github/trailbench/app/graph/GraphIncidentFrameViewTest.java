package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The graph opens on the sample's escalation, ci-deploy → OpsAdminRole, whole and readable at 1366×768. */
@ExtendWith(ApplicationExtension.class)
class GraphIncidentFrameViewTest {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String LEAKED_KEY = "AKIARFWHS3K5CEKMQEQK";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static StoreCaseWorkspace workspace;
  static PrincipalGraph built;
  private GraphViewModel model;

  @BeforeAll
  static void importSample() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("graph-frame"));
    workspace.importFiles(List.of(Path.of("samples/case")), p -> {});
    built = workspace.graph().load();
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Start
  void start(Stage stage) {
    GraphService cached = new GraphService() {
      @Override
      public PrincipalGraph load() {
        return built;
      }
    };
    model = new GraphViewModel(cached, Runnable::run, Runnable::run);
    // what the sample's high and critical findings name: the leaked user and its key
    model.setIncidentNodes(List.of(CI, LEAKED_KEY));
    // the graph view in a 1366×768 window: less the shell's navigation (~210 px), menu and status bars
    stage.setScene(new Scene(new GraphView(model), 1366 - 210, 768 - 60));
    stage.show();
    model.load();
  }

  private static Bounds sceneBounds(Node n) {
    return n.localToScene(n.getBoundsInLocal());
  }

  private static boolean inside(Bounds outer, Bounds inner) {
    return inner.getMinX() >= outer.getMinX() && inner.getMaxX() <= outer.getMaxX()
        && inner.getMinY() >= outer.getMinY() && inner.getMaxY() <= outer.getMaxY();
  }

  @Test
  void onOpenTheLeakedUserAndTheAdminRoleItBecameAreWholeReadableInTheViewportAndClearOfTheMinimap(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.incidentScopeProperty().get()).isTrue();
    Bounds viewport = sceneBounds(robot.lookup("#graph-canvas").query());
    Node minimap = robot.lookup("#graph-minimap").query();
    assertThat(minimap.isVisible()).isTrue();
    Bounds map = sceneBounds(minimap);
    for (String node : List.of(CI, OPS)) {
      Node box = robot.lookup("#node-" + GraphView.sanitize(node)).query();
      assertThat(box.isVisible()).as(node + " drawn as a box, not a dot").isTrue();
      Bounds b = sceneBounds(box);
      assertThat(inside(viewport, b)).as(node + " " + b + " inside the viewport " + viewport).isTrue();
      assertThat(b.intersects(map)).as(node + " " + b + " clear of the minimap " + map).isFalse();
      Label label = (Label) ((javafx.scene.layout.StackPane) box).getChildren().get(0);
      assertThat(GraphViewTest.shownFontPx(label)).as(node + " label px").isGreaterThanOrEqualTo(11);
      assertThat(((javafx.scene.text.Text) label.lookup(".text")).getText()).as("not cut off").isEqualTo(label.getText());
    }
  }

  /** Zoomed out to hold the incident, the other nodes are dots: each visible dot is named under it, readably. */
  @Test
  void everyVisibleDotIsNamedUnderItAtAReadableSize(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    Bounds viewport = sceneBounds(robot.lookup("#graph-canvas").query());
    List<javafx.scene.shape.Circle> dots = robot.lookup(".graph-dot").queryAllAs(javafx.scene.shape.Circle.class).stream()
        .filter(Node::isVisible).filter(d -> inside(viewport, sceneBounds(d))).toList();
    assertThat(dots).as("the sample's incident frame at 1366x768 shows dots").hasSizeGreaterThan(5);
    List<String> shown = new java.util.ArrayList<>();
    for (javafx.scene.shape.Circle dot : dots) {
      Bounds d = sceneBounds(dot);
      javafx.scene.text.Text caption = robot.lookup(".graph-dot-caption").queryAllAs(javafx.scene.text.Text.class).stream()
          .filter(t -> sceneBounds(t).getMinY() >= d.getMaxY() - 0.5 && sceneBounds(t).getMinY() <= d.getMaxY() + 6
              && Math.abs(sceneBounds(t).getCenterX() - d.getCenterX()) < 1)
          .findFirst().orElseThrow(() -> new AssertionError("no caption under the dot at " + d));
      assertThat(caption.isVisible()).isTrue();
      assertThat(sceneBounds(caption).getHeight()).as("caption height on screen").isBetween(10.0, 18.0);
      shown.add(caption.getText());
    }
    // a policy, a role, and sessions by their session names (not all "DeployRole/...")
    assertThat(shown).contains("ci-deploy-policy", "DeployRole");
    assertThat(shown).anyMatch(t -> t.startsWith("ci-deploy-4"));
    assertThat(shown).noneMatch(t -> t.startsWith("DeployRole/"));
  }

  @Test
  void theMinimapFoldsAwayAndBackWithItsToggle(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    Node minimap = robot.lookup("#graph-minimap").query();
    robot.clickOn("#graph-minimap-toggle");
    assertThat(minimap.isVisible()).isFalse();
    robot.clickOn("#graph-minimap-toggle");
    assertThat(minimap.isVisible()).isTrue();
  }
}
