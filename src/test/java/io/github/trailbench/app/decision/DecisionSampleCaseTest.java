package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The decision-tree view on the bundled sample case (samples/README.md), with the real engine. */
@ExtendWith(ApplicationExtension.class)
class DecisionSampleCaseTest {
  static final String CREATE_USER = "0b0a3749-6e78-4f71-aedf-ca6f493f89a9";
  static final String STOP_LOGGING = "df4199c7-7b89-4c87-8698-9cc5d75feab4";
  static StoreCaseWorkspace workspace;
  private DecisionViewModel model;
  private Stage stage;

  @BeforeAll
  static void importSample() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("decision-sample"));
    assertThat(workspace.importFiles(List.of(Path.of("samples/case")), p -> {}).added()).isEqualTo(3238);
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    model = new DecisionViewModel(workspace.decisions(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new DecisionView(model), 1400, 900));
    stage.show();
  }

  private static EventRow event(String id) {
    return new EventRow(id, "111122223333", null, null, null, null, null, null, null, null, null, null, List.of());
  }

  private void openEvent(FxRobot robot, String id) throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(event(id));
    assertThat(requests).hasSize(1);
    robot.interact(() -> model.open(requests.get(0)));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  /** Presses Next until the highlighted step's label contains the text; returns how many presses. */
  private int nextUntil(FxRobot robot, String labelPart) {
    for (int i = 0; i < 200; i++) {
      if (model.currentProperty().get().label().contains(labelPart)) {
        return i;
      }
      robot.clickOn("#next-step");
    }
    throw new AssertionError("no step labelled " + labelPart);
  }

  /** The step highlighted in the tree: its selected item, and the drawn cell that shows it selected. */
  @SuppressWarnings("unchecked")
  private static TraceStep highlighted(FxRobot robot) {
    TreeView<TraceStep> tree = robot.lookup("#trace-tree").queryAs(TreeView.class);
    TraceStep selected = tree.getSelectionModel().getSelectedItem().getValue();
    TreeCell<TraceStep> cell = robot.lookup("#step-" + selected.id().replace('.', '_')).queryAs(TreeCell.class);
    assertThat(cell.isSelected()).isTrue();
    assertThat(cell.getText()).contains(selected.label());
    return selected;
  }

  @Test
  void theBackdoorUserCreationIsAllowedThroughTheAssumedAdminRole(FxRobot robot) throws Exception {
    openEvent(robot, CREATE_USER);
    assertThat(text(robot, "#decision-badge")).isEqualTo("Allowed");
    assertThat(model.requestProperty().get().principal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint");
    nextUntil(robot, "AdministratorAccess");
    TraceStep policy = model.currentProperty().get();
    assertThat(highlighted(robot)).isEqualTo(policy);
    assertThat(policy.id()).startsWith("7.");
    assertThat(policy.kind()).isEqualTo("policy");
    assertThat(policy.outcome()).isEqualTo(io.github.trailbench.core.policy.Outcome.ALLOW);
    robot.clickOn("#next-step");
    assertThat(model.currentProperty().get().kind()).isEqualTo("statement");
    TraceStep statement = highlighted(robot);
    assertThat(statement).isEqualTo(model.currentProperty().get());
    assertThat(statement.id()).isEqualTo(policy.id() + ".1");
    assertThat(statement.label()).isEqualTo("Statement #0 (Allow)");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getSelectedText()).contains("\"Effect\"", "\"Allow\"");
    assertThat(text(robot, "#step-line")).contains("Step");
  }

  /** A logged call's decision says what CloudTrail recorded and whether it agrees: the view answers "was it allowed?". */
  @Test
  void aLoggedCallsDecisionSaysWhatCloudTrailRecordedAndWhetherItAgrees(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    assertThat(text(robot, "#decision-recorded")).isEqualTo("CloudTrail recorded it as denied: the decision agrees.");
    openEvent(robot, CREATE_USER);
    assertThat(text(robot, "#decision-recorded")).isEqualTo("CloudTrail recorded it as allowed: the decision agrees.");
    // a request written by hand has no record to compare with
    robot.interact(() -> model.open(DecisionRequest.of("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
        "arn:aws:s3:::acme-prod-customer-data/x", Map.of())));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#decision-recorded").queryAs(Label.class).isVisible()).isFalse();
  }

  @Test
  void stopLoggingIsDeniedByTheScpAtTheProductionOu(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    assertThat(text(robot, "#decision-badge")).isEqualTo("ExplicitDeny");
    nextUntil(robot, "ProtectSecurityTooling @ Production (ou-7k2p-prod0001)");
    assertThat(model.currentProperty().get().outcome()).isEqualTo(io.github.trailbench.core.policy.Outcome.DENY);
    TraceStep scp = highlighted(robot);
    assertThat(scp.id()).startsWith("1.");
    assertThat(scp.label()).startsWith("ProtectSecurityTooling @ Production (ou-7k2p-prod0001) (SCP, level 3");
    robot.clickOn("#next-step");
    TraceStep statement = model.currentProperty().get();
    assertThat(statement.kind()).isEqualTo("statement");
    assertThat(statement.outcome()).isIn(io.github.trailbench.core.policy.Outcome.MATCH, io.github.trailbench.core.policy.Outcome.DENY);
    assertThat(highlighted(robot)).isEqualTo(statement);
    assertThat(statement.label()).isEqualTo("Statement ProtectSecurityTooling (Deny)");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getSelectedText()).contains("cloudtrail:StopLogging");
  }

  @Test
  void theHeadlineIsOnePlainSentenceNamingThePolicyWhereItIsAttachedAndTheValuesThatDecided(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    String sentence = text(robot, "#decision-message");
    assertThat(sentence).isEqualTo(model.resultProperty().get().sentence())
        .startsWith("Denied by SCP ProtectSecurityTooling").contains("Production", "OpsAdminRole", "OrgSecurityAdmin")
        .doesNotContain("ExplicitDeny:", "matches: action");
    javafx.scene.control.TitledPane full = robot.lookup("#decision-explanation-pane").queryAs(javafx.scene.control.TitledPane.class);
    assertThat(full.isExpanded()).as("the engine's full explanation waits one click below").isFalse();
    robot.clickOn(full.lookup(".title"));
    assertThat(text(robot, "#decision-explanation")).startsWith("Explicitly denied: statement ProtectSecurityTooling");
  }

  @Test
  void underAnExplicitDenyOnlyTheDenyBranchIsShownWithNoAllowBranchBesideIt(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    assertThat(robot.lookup("#only-deciding-path").queryAs(javafx.scene.control.CheckBox.class).isSelected())
        .as("on by default").isTrue();
    int onPath = model.steps().size();
    robot.clickOn("#only-deciding-path");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.steps()).as("the whole trace").hasSizeGreaterThan(onPath)
        .anyMatch(s -> s.outcome() == io.github.trailbench.core.policy.Outcome.ALLOW);
    assertThat(robot.lookup("#step-2").tryQuery()).as("the SCP Allow branch in the whole trace").isPresent();
    robot.clickOn("#only-deciding-path");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.steps()).hasSize(onPath).isNotEmpty()
        .allSatisfy(s -> assertThat(s.id().equals("0") || s.id().equals("1") || s.id().startsWith("1.")).as(s.id() + " " + s.label()).isTrue())
        .noneMatch(s -> s.outcome() == io.github.trailbench.core.policy.Outcome.ALLOW)
        .anyMatch(s -> s.label().startsWith("ProtectSecurityTooling @ Production"));
    assertThat(robot.lookup(".tree-cell").queryAllAs(TreeCell.class)).noneMatch(c -> c.getText() != null && c.getText().startsWith("Allow"));
    assertThat(robot.lookup("#step-2").tryQuery()).as("no SCP Allow branch").isEmpty();
  }

  @Test
  void at1366x768ThePolicySourceShowsManyLinesAndTheSuggestionsAreNotClipped(FxRobot robot) throws Exception {
    robot.interact(() -> {
      stage.setWidth(1366 - 210); // the shell's navigation takes ~210 px of a 1366 px window
      stage.setHeight(768 - 60);  // menu bar and status line
    });
    openEvent(robot, STOP_LOGGING);
    nextUntil(robot, "ProtectSecurityTooling @ Production (ou-7k2p-prod0001)");
    WaitForAsyncUtils.waitForFxEvents();
    TextArea source = robot.lookup("#policy-source").queryAs(TextArea.class);
    assertThat(source.isVisible()).isTrue();
    double line = source.getFont().getSize() * 1.3;
    assertThat(source.getHeight() / line).as("lines of policy source shown").isGreaterThanOrEqualTo(12);
    robot.clickOn("What would have allowed this");
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Node list = robot.lookup("#suggestions").query();
    assertThat(list.getLayoutBounds().getHeight()).as("the suggestions list").isGreaterThanOrEqualTo(100);
    assertThat(robot.lookup("#suggestion-json").query().getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(80);
  }

  @Test
  void turningMfaOffDeniesAliceTheMfaProtectedRole(FxRobot robot) {
    DecisionRequest withMfa = DecisionRequest.of("arn:aws:iam::111122223333:user/alice", "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/OrgSecurityAdmin", Map.of("aws:MultiFactorAuthPresent", List.of("true")));
    robot.interact(() -> model.open(withMfa));
    assertThat(text(robot, "#decision-badge")).isEqualTo("Allowed");
    robot.clickOn("Context");
    robot.clickOn("#what-if-key").write("aws:MultiFactorAuthPresent");
    robot.clickOn("#what-if-value").write("false");
    robot.clickOn("#what-if-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#decision-badge")).isEqualTo("ImplicitDeny");
    assertThat(text(robot, "#what-if-summary")).contains("Allowed → ImplicitDeny");
  }

  @Test
  void removingTheProductionOuScpFromTheSetLetsTheAdminRoleStopLogging(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    nextUntil(robot, "ProtectSecurityTooling @ Production (ou-7k2p-prod0001)");
    robot.clickOn("#remove-policy");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#decision-badge")).isEqualTo("Allowed");
    assertThat(text(robot, "#what-if-summary")).contains("ExplicitDeny → Allowed",
        "remove SCP ProtectSecurityTooling @ Production (ou-7k2p-prod0001)");
    assertThat(model.resultProperty().get().explanation()).contains("AdministratorAccess");
  }

  @Test
  void requiringMfaOnTheAdminStatementWouldHaveDeniedTheBackdoorUser(FxRobot robot) throws Exception {
    openEvent(robot, CREATE_USER);
    robot.clickOn("What would have denied this");
    io.github.trailbench.core.policy.Suggestion mfaSuggestion = model.suggestions().stream()
        .filter(s -> s instanceof io.github.trailbench.core.policy.Suggestion.ConditionOnAllow c
            && c.key().equals("aws:MultiFactorAuthPresent")).findFirst().orElseThrow();
    String mfa = mfaSuggestion.title();
    @SuppressWarnings("unchecked")
    javafx.scene.control.ListView<io.github.trailbench.core.policy.Suggestion> list =
        robot.lookup("#suggestions").queryAs(javafx.scene.control.ListView.class);
    robot.interact(() -> list.scrollTo(mfaSuggestion));
    assertThat(model.suggestions()).anyMatch(s -> s instanceof io.github.trailbench.core.policy.Suggestion.AddDeny d
        && d.kind() == io.github.trailbench.core.policy.PolicyKind.SCP);
    robot.clickOn(mfa + "  →  ImplicitDeny");
    assertThat(robot.lookup("#suggestion-json").queryAs(TextArea.class).getText())
        .contains("// edit identity-based policy AdministratorAccess", "\"aws:MultiFactorAuthPresent\" : \"true\"");
    robot.clickOn("#apply-suggestion");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#decision-badge")).isEqualTo("ImplicitDeny");
    assertThat(text(robot, "#what-if-summary")).contains("Allowed → ImplicitDeny");
  }

  @Test
  void theBackdoorRequestAsTheCiUserIsEvaluatedWithTheCiUsersOwnPolicies(FxRobot robot) throws Exception {
    openEvent(robot, CREATE_USER);
    robot.clickOn("Principal");
    robot.clickOn("#what-if-principal").write("arn:aws:iam::111122223333:user/ci-deploy");
    robot.clickOn("#what-if-principal-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#decision-badge")).isEqualTo("ImplicitDeny");
    assertThat(model.steps()).anyMatch(s -> s.label().startsWith("ci-deploy-policy"))
        .noneMatch(s -> s.label().startsWith("AdministratorAccess"));
  }
}
