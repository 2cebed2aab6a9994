package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The principal graph view on the bundled sample case (samples/README.md), built by the workspace with the real engine. */
@ExtendWith(ApplicationExtension.class)
class GraphSampleCaseTest {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String DEVELOPERS = "arn:aws:iam::111122223333:group/Developers";
  static final String LEAKED_KEY = "AKIARFWHS3K5CEKMQEQK";
  static final String CI_MAINT = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static StoreCaseWorkspace workspace;
  /** Built once from the case by the workspace (IAM data + trail + engine); each test gets a fresh view of it. */
  static PrincipalGraph built;
  private GraphViewModel model;
  private GraphView view;

  @BeforeAll
  static void importSample() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("graph-sample"));
    assertThat(workspace.importFiles(List.of(Path.of("samples/case")), p -> {}).added()).isEqualTo(3238);
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

      @Override
      public List<io.github.trailbench.core.correlate.EscalationList.Escalation> escalations(PrincipalGraph g) throws Exception {
        return workspace.graph().escalations(g);
      }

      @Override
      public LeastPrivilegeReport leastPrivilege(String principalArn) throws Exception {
        return workspace.graph().leastPrivilege(principalArn);
      }

      @Override
      public List<String> serviceActivity(String principalArn) throws Exception {
        return workspace.graph().serviceActivity(principalArn);
      }
    };
    model = new GraphViewModel(cached, Runnable::run, Runnable::run);
    model.setIncidentNodes(List.of(CI, LEAKED_KEY));
    stage.setScene(new Scene(view = new GraphView(model), 1400, 900));
    stage.show();
    model.load();
  }

  private static String id(String nodeId) {
    return "#node-" + GraphView.sanitize(nodeId);
  }

  private List<GraphEdge> edges(String from, String to, EdgeKind kind) {
    return model.graphProperty().get().edges().stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to) && e.kind() == kind).toList();
  }

  private String details(FxRobot robot) {
    return view.detailsText();
  }

  @Test
  void aViewMadeAfterTheGraphWasBuiltInTheBackgroundDrawsItAtOnceAndAnswersClicks(FxRobot robot) {
    // the app builds the graph after the timeline's first page; the view is made when the analyst turns to it
    WaitForAsyncUtils.waitForFxEvents();
    GraphView[] late = new GraphView[1];
    robot.interact(() -> view.getScene().setRoot(late[0] = new GraphView(model)));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Node ci = robot.from(late[0]).lookup(id(CI)).query();
    assertThat(ci).as("drawn without another load").isNotNull();
    robot.clickOn(ci);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.selectedProperty().get().id()).isEqualTo(CI);
    assertThat(late[0].detailsText()).contains("ci-deploy");
  }

  @Test
  void theLeakedUserReachesTheAdminRoleBothAsDecidedAndAsObserved(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    PrincipalGraph g = model.graphProperty().get();
    assertThat(g.node(CI).orElseThrow().kind()).isEqualTo(NodeKind.USER);
    assertThat(g.node(LEAKED_KEY).orElseThrow().kind()).isEqualTo(NodeKind.ACCESS_KEY);
    assertThat(g.node(CI_MAINT).orElseThrow().kind()).isEqualTo(NodeKind.SESSION);
    assertThat(g.node(OPS).orElseThrow().kind()).isEqualTo(NodeKind.ROLE);

    List<GraphEdge> can = edges(CI, OPS, EdgeKind.CAN_ASSUME);
    assertThat(can).hasSize(1);
    assertThat(can.get(0).evidence().get(0)).startsWith("sts:AssumeRole on " + OPS).contains("Allowed", "ci-deploy-policy");
    List<GraphEdge> did = edges(CI, OPS, EdgeKind.DID_ASSUME);
    assertThat(did).hasSize(1);
    assertThat(did.get(0).evidence()).containsExactly(
        "AssumeRole 1 time(s), first 2026-10-03T14:06:12Z, last 2026-10-03T14:06:12Z", "from 203.0.113.77");
    assertThat(edges(CI, LEAKED_KEY, EdgeKind.OWNS_KEY)).hasSize(1);
    assertThat(edges(LEAKED_KEY, CI_MAINT, EdgeKind.KEY_USED_BY_SESSION)).hasSize(1);
    assertThat(edges(CI_MAINT, OPS, EdgeKind.SESSION_OF)).hasSize(1);

    for (String n : List.of(CI, LEAKED_KEY, CI_MAINT, OPS)) {
      assertThat(robot.lookup(id(n)).tryQuery()).as("drawn: " + n).isPresent();
    }
    assertThat(model.layoutProperty().get().edges()).extracting(l -> l.edge().id())
        .contains(can.get(0).id(), did.get(0).id());
  }

  @Test
  void explainAsksTheDecisionViewWhyTheLeakedUserCanAssumeTheAdminRole(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    List<GraphViewModel.DecisionQuestion> asked = new java.util.ArrayList<>();
    model.setDecisionHandler(asked::add);
    robot.clickOn(id(CI));
    robot.clickOn("#graph-explain").clickOn("#graph-explain-" + GraphView.sanitize(OPS));
    assertThat(asked).containsExactly(new GraphViewModel.DecisionQuestion(CI, "sts:AssumeRole", OPS,
        "Why can ci-deploy assume OpsAdminRole?"));
    // the question, answered by the case's decision service (identity policy and trust policy)
    io.github.trailbench.app.decision.DecisionResult r = workspace.decisions().evaluate(
        io.github.trailbench.app.decision.DecisionRequest.of(CI, "sts:AssumeRole", OPS, java.util.Map.of()));
    assertThat(r.decision()).isEqualTo("Allowed");
  }

  @Test
  void aUsersSourceAddressesShowWhatTheCasesEnrichmentKnows(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(id(CI));
    String details = details(robot);
    assertThat(details).contains("source addresses");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("203\\.0\\.113\\.77 \\((\\d+); ([^)]*\\))").matcher(details);
    assertThat(m.find()).as(details).isTrue();
    assertThat(m.group(2)).as("the attacker's address is a documentation range").contains("RFC 5737");
  }

  @Test
  void aUsersNodeDetailsShowAccessAdvisorsLastAccessBesideTheTrailsFirstAndLastUse(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> model.selectedProperty().set(model.graphProperty().get().node(CI).orElseThrow()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#graph-details-serviceuse").tryQuery()).isPresent();
    assertThat(details(robot)).contains("Service use",
        "cloudformation — Access Advisor: last 2026-09-21 (report of 2026-10-08) · no use in the trail",
        "sts — Access Advisor: last 2026-10-07 (report of 2026-10-08) · trail: 2026-10-01 … 2026-10-07");
    robot.interact(() -> model.selectedProperty().set(model.graphProperty().get().node(OPS).orElseThrow()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#graph-details-serviceuse").tryQuery()).as("no Access Advisor report for the role").isEmpty();
    // the timeline's row menu asks the same of a row's principal; a role session stands for its role
    assertThat(workspace.timeline().serviceActivity(CI)).contains(
        "cloudformation — Access Advisor: last 2026-09-21 (report of 2026-10-08) · no use in the trail");
    assertThat(workspace.timeline().serviceActivity(CI_MAINT)).isEmpty();
  }

  @Test
  void leastPrivilegeOfTheLeakedUserShowsWhatItUsedAndAPolicyAllowingIt(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(id(LEAKED_KEY));
    assertThat(robot.lookup("#graph-least-privilege").queryButton().isDisabled()).as("not for a key").isTrue();
    robot.clickOn(id(CI));
    robot.clickOn("#graph-least-privilege");
    WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
        () -> robot.lookup("#least-privilege-text").tryQuery().isPresent());
    String text = robot.lookup("#least-privilege-text").queryAs(TextArea.class).getText();
    assertThat(text).startsWith(CI + " (").contains("used:", "sts:AssumeRole", "caveats:");
    String policy = robot.lookup("#least-privilege-policy").queryAs(TextArea.class).getText();
    assertThat(policy).contains("\"Version\"", "sts:AssumeRole", OPS);
  }

  @Test
  void onTheIncidentTheAdminRolesNameIsWholeAndReadableAndTheEscalationListIsBesideTheGraph(FxRobot robot)
      throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.incidentScopeProperty().get()).as("opens on the incident").isTrue();
    javafx.scene.control.Label ops = (javafx.scene.control.Label) robot.lookup(id(OPS))
        .queryAs(javafx.scene.layout.StackPane.class).getChildren().get(0);
    javafx.scene.text.Text drawn = (javafx.scene.text.Text) ops.lookup(".text");
    assertThat(drawn.getText()).as("not cut off").isEqualTo("OpsAdminRole");
    assertThat(GraphViewTest.shownNodeLabels(robot)).isNotEmpty()
        .allSatisfy(l -> assertThat(GraphViewTest.shownFontPx(l)).as(l.getText()).isGreaterThanOrEqualTo(11));
    assertThat(model.layoutProperty().get().edges()).as("the admin users' fans are folded")
        .noneMatch(l -> l.edge().kind() == EdgeKind.CAN_ESCALATE && l.edge().from().endsWith(":user/alice"));
    WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
        () -> !model.escalations().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.Hyperlink first = robot.lookup("#graph-escalations .hyperlink")
        .queryAllAs(javafx.scene.control.Hyperlink.class).stream()
        .filter(h -> h.getText().replace("\u200B", "").startsWith("ci-deploy can become OpsAdminRole (admin) via sts:AssumeRole"))
        .findFirst().orElseThrow();
    assertThat(first.getText().replace("\u200B", "")).contains("did so on 2026-10-03 14:06 from 203.0.113.77");
    robot.clickOn(first);
    assertThat(model.highlightedEdges()).contains(edges(CI, OPS, EdgeKind.CAN_ASSUME).get(0).id());
  }

  @Test
  void clickingTheAdminRoleShowsItsTrustPoliciesAndActivity(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(details(robot)).startsWith("Select a node");
    robot.clickOn(id(OPS));
    String text = details(robot);
    assertThat(text).startsWith("Role · admin-equivalent\n" + OPS)
        .contains("trust policy: {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::111122223333:root\"}")
        .contains("policies: AdministratorAccess (managed)")
        .contains("activity: 52 event(s), first 2026-10-03T14:07:02Z, last 2026-10-03T14:22:58Z")
        .contains("can assume " + CI, "did assume " + CI, "session of " + CI_MAINT);
    assertThat(robot.lookup(id(OPS)).queryParent().getStyleClass()).contains("selected");
  }

  @Test
  void searchingFocusesTheSessionsNeighbourhood(FxRobot robot) {
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(id(DEVELOPERS)).tryQuery()).isPresent();
    robot.clickOn("#graph-search").write("ci-maint").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.focusProperty().get()).isEqualTo(CI_MAINT);
    assertThat(model.selectedProperty().get().id()).isEqualTo(CI_MAINT);
    assertThat(details(robot)).startsWith("Role session\n" + CI_MAINT).contains("keys: ASIA6KIP2SZ5FMEY6CHT");
    assertThat(robot.lookup(id(CI_MAINT)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(OPS)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(LEAKED_KEY)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(DEVELOPERS)).tryQuery()).as("three steps from the session: session → role → member → group")
        .isEmpty();
  }

  @Test
  void hidingRoleSessionsRemovesEverySessionNodeAndKeepsTheRest(FxRobot robot) {
    robot.clickOn("#graph-whole");
    WaitForAsyncUtils.waitForFxEvents();
    List<String> sessions = model.graphProperty().get().nodes().stream().filter(n -> n.kind() == NodeKind.SESSION)
        .map(GraphNode::id).toList();
    assertThat(sessions).hasSizeGreaterThan(5);
    sessions.forEach(s -> assertThat(robot.lookup(id(s)).tryQuery()).as(s).isPresent());
    robot.clickOn("#graph-kinds").clickOn("#kind-session");
    WaitForAsyncUtils.waitForFxEvents();
    sessions.forEach(s -> assertThat(robot.lookup(id(s)).tryQuery()).as(s).isEmpty());
    assertThat(model.layoutProperty().get().edges()).noneMatch(l -> l.edge().kind() == EdgeKind.SESSION_OF);
    assertThat(robot.lookup(id(OPS)).tryQuery()).isPresent();
    assertThat(robot.lookup(id(LEAKED_KEY)).tryQuery()).isPresent();
  }
}
