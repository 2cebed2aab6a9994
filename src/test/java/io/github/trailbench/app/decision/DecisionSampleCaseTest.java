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

  @BeforeAll
  static void importSample() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("decision-sample"));
    assertThat(workspace.importFiles(List.of(Path.of("samples/case")), p -> {}).added()).isEqualTo(3237);
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Start
  void start(Stage stage) {
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

  @Test
  void theBackdoorUserCreationIsAllowedThroughTheAssumedAdminRole(FxRobot robot) throws Exception {
    openEvent(robot, CREATE_USER);
    assertThat(text(robot, "#decision-badge")).isEqualTo("Allowed");
    assertThat(model.requestProperty().get().principal()).isEqualTo("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint");
    robot.clickOn("#only-deciding-path");
    nextUntil(robot, "AdministratorAccess");
    TraceStep policy = model.currentProperty().get();
    assertThat(policy.kind()).isEqualTo("policy");
    assertThat(policy.outcome()).isEqualTo(io.github.trailbench.core.policy.Outcome.ALLOW);
    robot.clickOn("#next-step");
    assertThat(model.currentProperty().get().kind()).isEqualTo("statement");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getSelectedText()).contains("\"Effect\"", "\"Allow\"");
    assertThat(text(robot, "#step-line")).contains("Step");
  }

  @Test
  void stopLoggingIsDeniedByTheScpAtTheProductionOu(FxRobot robot) throws Exception {
    openEvent(robot, STOP_LOGGING);
    assertThat(text(robot, "#decision-badge")).isEqualTo("ExplicitDeny");
    robot.clickOn("#only-deciding-path");
    nextUntil(robot, "ProtectSecurityTooling @ Production (ou-7k2p-prod0001)");
    assertThat(model.currentProperty().get().outcome()).isEqualTo(io.github.trailbench.core.policy.Outcome.DENY);
    robot.clickOn("#next-step");
    TraceStep statement = model.currentProperty().get();
    assertThat(statement.kind()).isEqualTo("statement");
    assertThat(statement.outcome()).isIn(io.github.trailbench.core.policy.Outcome.MATCH, io.github.trailbench.core.policy.Outcome.DENY);
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getSelectedText()).contains("cloudtrail:StopLogging");
  }

  @Test
  void turningMfaOffDeniesAliceTheMfaProtectedRole(FxRobot robot) {
    DecisionRequest withMfa = DecisionRequest.of("arn:aws:iam::111122223333:user/alice", "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/OrgSecurityAdmin", Map.of("aws:MultiFactorAuthPresent", List.of("true")));
    robot.interact(() -> model.open(withMfa));
    assertThat(text(robot, "#decision-badge")).isEqualTo("Allowed");
    robot.clickOn("#what-if-key").write("aws:MultiFactorAuthPresent");
    robot.clickOn("#what-if-value").write("false");
    robot.clickOn("#what-if-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#decision-badge")).isEqualTo("ImplicitDeny");
    assertThat(text(robot, "#what-if-summary")).contains("Allowed → ImplicitDeny");
  }
}
