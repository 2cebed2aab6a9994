package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class GraphViewTest {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String KEY = "AKIAEXAMPLECI0000001";
  static final String ADMIN = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static final String BACKUP = "arn:aws:iam::111122223333:user/svc-backup";
  static final String BOB = "arn:aws:iam::111122223333:user/bob";

  private GraphViewModel model;
  private GraphView view;

  static PrincipalGraph graph() {
    return new PrincipalGraph(
        List.of(node(CI, NodeKind.USER), node(KEY, NodeKind.ACCESS_KEY),
            new GraphNode(ADMIN, NodeKind.ROLE, "OpsAdminRole", Map.of("tags", "team=platform", GraphNode.ADMIN_DETAIL, "AdministratorAccess")),
            node(BACKUP, NodeKind.USER), node(BOB, NodeKind.USER)),
        List.of(edge(CI, KEY, EdgeKind.OWNS_KEY), edge(CI, ADMIN, EdgeKind.CAN_ASSUME), edge(CI, ADMIN, EdgeKind.DID_ASSUME),
            edge(ADMIN, BACKUP, EdgeKind.CAN_ESCALATE)));
  }

  static GraphNode node(String id, NodeKind kind) {
    return new GraphNode(id, kind, id.substring(id.lastIndexOf('/') + 1), Map.of("tags", "team=platform"));
  }

  static GraphEdge edge(String from, String to, EdgeKind kind) {
    return new GraphEdge(from, to, kind, kind.label(), List.of("evidence for " + kind.label()));
  }

  @Start
  void start(Stage stage) {
    model = new GraphViewModel(GraphViewTest::graph, Runnable::run, Runnable::run);
    model.setIncidentNodes(List.of(CI));
    stage.setScene(new Scene(view = new GraphView(model), 1300, 800));
    stage.show();
    model.load();
  }

  private static String id(String nodeId) {
    return "#node-" + GraphView.sanitize(nodeId);
  }

  /** Height in screen pixels of a node's name as drawn now. */
  static double shownFontPx(javafx.scene.control.Label label) {
    return label.getFont().getSize() * label.getLocalToSceneTransform().getMyy();
  }

  static java.util.List<javafx.scene.control.Label> shownNodeLabels(FxRobot robot) {
    return robot.lookup(".graph-node-label").queryAllAs(javafx.scene.control.Label.class).stream()
        .filter(l -> l.getParent().isVisible()).toList();
  }

  @Test
  void itOpensOnTheIncidentsNeighbourhoodWithNamesAtLeastElevenPixelsTall(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.incidentScopeProperty().get()).isTrue();
    assertThat(robot.lookup(id(CI)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(ADMIN)).tryQuery()).as("one step from ci-deploy").isPresent();
    assertThat(robot.lookup(id(BOB)).tryQuery()).as("unrelated to the incident").isEmpty();
    assertThat(shownNodeLabels(robot)).isNotEmpty().allSatisfy(l -> assertThat(shownFontPx(l)).as(l.getText()).isGreaterThanOrEqualTo(11));
    assertThat(robot.lookup(id(CI)).queryAs(javafx.scene.layout.StackPane.class).getStyleClass()).contains("incident");
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(id(BOB)).tryQuery()).as("the whole graph one click away").isPresent();
    robot.clickOn("#graph-incident");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(id(BOB)).tryQuery()).isEmpty();
  }

  @Test
  void theLegendNamesTheNodeKindsAndEveryEdgeStyle(FxRobot robot) {
    assertThat(robot.lookup("#graph-legend").tryQuery()).isPresent();
    for (String edge : List.of("can_assume", "did_assume", "can_escalate", "owns_key", "key_used_by_session")) {
      javafx.scene.control.Label row = robot.lookup("#legend-" + edge).queryAs(javafx.scene.control.Label.class);
      assertThat(row.getText()).isEqualTo(EdgeKind.valueOf(edge.toUpperCase()).label());
      assertThat(row.getGraphic().getStyleClass()).as("drawn in the edge's own style").contains("graph-edge", "edge-" + edge);
    }
    assertThat(robot.lookup("#legend-admin").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo("Admin-equivalent");
    assertThat(robot.lookup("#legend-node-session").tryQuery()).isPresent();
  }

  @Test
  void anAdminsCanEscalateFanIsFoldedIntoOneBadge(FxRobot robot) {
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    String escalate = new GraphEdge(ADMIN, BACKUP, EdgeKind.CAN_ESCALATE, "", List.of()).id();
    assertThat(model.layoutProperty().get().edges()).extracting(l -> l.edge().id()).doesNotContain(escalate)
        .contains(new GraphEdge(CI, ADMIN, EdgeKind.CAN_ASSUME, "", List.of()).id());
    assertThat(robot.lookup(id(ADMIN)).queryAs(javafx.scene.layout.StackPane.class).getStyleClass()).contains("admin");
    assertThat(robot.lookup("#badge-" + GraphView.sanitize(ADMIN)).queryAs(javafx.scene.control.Label.class).getText())
        .isEqualTo("admin: can reach everything");
    assertThat(robot.lookup("#badge-" + GraphView.sanitize(CI)).tryQuery()).isEmpty();
  }

  @Test
  void searchZoomsToAReadableSizeAndCentresTheMatch(FxRobot robot) {
    robot.clickOn("#graph-search").write("svc-backup").type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Node canvas = robot.lookup("#graph-canvas").query();
    javafx.scene.layout.StackPane box = robot.lookup(id(BACKUP)).queryAs(javafx.scene.layout.StackPane.class);
    javafx.geometry.Bounds b = canvas.sceneToLocal(box.localToScene(box.getBoundsInLocal()));
    javafx.geometry.Bounds c = canvas.getLayoutBounds();
    assertThat(b.getCenterX()).isCloseTo(c.getCenterX(), org.assertj.core.data.Offset.offset(2.0));
    assertThat(b.getCenterY()).isCloseTo(c.getCenterY(), org.assertj.core.data.Offset.offset(2.0));
    assertThat(shownFontPx((javafx.scene.control.Label) box.getChildren().get(0))).isGreaterThanOrEqualTo(11);
  }

  @Test
  void nodeDetailsAreCollapsibleSectionsInAProportionalFontWithArnsWrappedAtTheirParts(FxRobot robot) {
    robot.clickOn(id(CI));
    TitledPane outgoing = robot.lookup("#graph-details-outgoing").queryAs(TitledPane.class);
    assertThat(outgoing.isCollapsible()).isTrue();
    robot.clickOn(outgoing.lookup(".title"));
    assertThat(outgoing.isExpanded()).as("collapsed by a click on its title").isFalse();
    javafx.scene.control.Label arn = robot.lookup("#graph-details .label").queryAllAs(javafx.scene.control.Label.class).stream()
        .filter(l -> l.getText().startsWith("arn:")).findFirst().orElseThrow();
    assertThat(arn.isWrapText()).isTrue();
    assertThat(arn.getText()).isEqualTo("arn:\u200Baws:\u200Biam:\u200B:\u200B111122223333:\u200Buser/\u200Bci-deploy");
    assertThat(arn.getFont().getFamily()).doesNotContainIgnoringCase("mono");
  }

  @Test
  void everyNodeOfTheGraphIsDrawnAfterLayout(FxRobot robot) {
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    for (String n : List.of(CI, KEY, ADMIN, BACKUP, BOB)) {
      assertThat(robot.lookup(id(n)).tryQuery()).as(n).isPresent();
    }
    GraphLayout.Box ci = model.layoutProperty().get().nodes().get(CI);
    GraphLayout.Box admin = model.layoutProperty().get().nodes().get(ADMIN);
    assertThat(ci.x()).as("layered left to right: the caller before the role it assumes").isLessThan(admin.x());
  }

  @Test
  void addToFindingHandsOverTheSelectedNodeAsTypedEvidence(FxRobot robot) throws Exception {
    java.util.List<java.util.List<io.github.trailbench.core.findings.Evidence>> got = new java.util.ArrayList<>();
    java.util.List<String> titles = new java.util.ArrayList<>();
    List<java.nio.file.Path> pictures = new java.util.ArrayList<>();
    model.setFindingHandler(request -> {
      got.add(request.evidence());
      titles.add(request.title());
      pictures.add(request.picture());
    });
    assertThat(robot.lookup("#graph-add-to-finding").queryButton().isDisabled()).as("nothing selected").isTrue();
    robot.clickOn(id(KEY));
    robot.clickOn("#graph-add-to-finding");
    robot.clickOn(id(CI));
    robot.clickOn("#graph-add-to-finding");
    assertThat(got).hasSize(2);
    assertThat(got.get(0).get(0)).isEqualTo(new io.github.trailbench.core.findings.Evidence.AccessKey(KEY));
    assertThat(got.get(1).get(0)).isEqualTo(new io.github.trailbench.core.findings.Evidence.Principal(CI));
    assertThat(titles.get(1)).isEqualTo("User ci-deploy");
    // a picture of the graph as shown goes with it, referenced from the evidence, for the report
    assertThat(got.get(1)).anySatisfy(e -> assertThat(e).isEqualTo(new io.github.trailbench.core.findings.Evidence.Reference(
        io.github.trailbench.core.findings.Evidence.ReferenceKind.GRAPH_PATH, "graph:" + CI, "Principal graph around user ci-deploy")));
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(pictures.get(1).toFile());
    assertThat(png.getWidth()).isPositive();
  }

  @Test
  void clickingANodeShowsItsDetailsAndEvidence(FxRobot robot) {
    robot.clickOn(id(ADMIN));
    String details = view.detailsText();
    assertThat(details).contains("Role", ADMIN, "can assume " + CI, "evidence for did assume", "can escalate to " + BACKUP);
  }

  @Test
  void whatCanItReachHighlightsTheEscalationPath(FxRobot robot) {
    robot.clickOn(id(CI));
    robot.clickOn("#graph-reachable");
    assertThat(model.highlightedEdges()).contains(
        new GraphEdge(CI, ADMIN, EdgeKind.CAN_ASSUME, "", List.of()).id(),
        new GraphEdge(ADMIN, BACKUP, EdgeKind.CAN_ESCALATE, "", List.of()).id());
    assertThat(model.pathLines()).anyMatch(l -> l.contains("svc-backup"));
  }

  @Test
  void searchFocusesTheNeighbourhoodOfTheMatch(FxRobot robot) {
    robot.clickOn("#graph-search").write("svc-backup").type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#graph-depth .increment-arrow-button");
    robot.clickOn("#graph-depth .decrement-arrow-button");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.focusProperty().get()).isEqualTo(BACKUP);
    assertThat(robot.lookup(id(BOB)).tryQuery()).isEmpty();
    assertThat(robot.lookup(id(BACKUP)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(ADMIN)).tryQuery()).as("linked only by the admin's folded fan").isEmpty();
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(id(BOB)).tryQuery()).isPresent();
  }

  @Test
  void hidingANodeTypeRemovesThoseNodes(FxRobot robot) {
    robot.clickOn("#graph-kinds").clickOn("#kind-access_key");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(id(KEY)).tryQuery()).isEmpty();
    assertThat(robot.lookup(id(CI)).tryQuery()).isPresent();
  }

  @Test
  void theTimelineButtonSendsTheSelectedNode(FxRobot robot) {
    java.util.List<String> sent = new java.util.ArrayList<>();
    model.setTimelineHandler(sent::add);
    robot.clickOn(id(ADMIN));
    robot.clickOn("#graph-timeline");
    assertThat(sent).containsExactly(ADMIN);
  }
}
