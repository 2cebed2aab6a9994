package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DecisionViewTest {
  private DecisionViewModel model;

  @Start
  void start(Stage stage) {
    model = new DecisionViewModel(Traces::mfaRule, Runnable::run, Runnable::run);
    stage.setScene(new Scene(new DecisionView(model), 1300, 850));
    stage.show();
  }

  @SuppressWarnings("unchecked")
  private static TraceStep selected(FxRobot robot) {
    TreeView<TraceStep> tree = robot.lookup("#trace-tree").queryAs(TreeView.class);
    return tree.getSelectionModel().getSelectedItem().getValue();
  }

  @Test
  void typingARequestAndEvaluatingShowsTheDecisionAndTheTree(FxRobot robot) {
    robot.clickOn("#request-principal").write("arn:aws:iam::111122223333:user/alice");
    robot.clickOn("#request-action").write("iam:CreateUser");
    robot.clickOn("#request-resource").write("arn:aws:iam::111122223333:user/svc-backup");
    robot.clickOn("#evaluate");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#decision-badge").queryAs(Label.class).getText()).isEqualTo("ImplicitDeny");
    assertThat(selected(robot).id()).isEqualTo("0");
  }

  @Test
  void nextStepMovesTheHighlightAndExplainsIt(FxRobot robot) {
    robot.interact(() -> model.open(Traces.createUser(true)));
    robot.clickOn("#only-deciding-path"); // the whole trace: 9 steps
    for (int i = 0; i < 7; i++) {
      robot.clickOn("#next-step");
    }
    assertThat(selected(robot).id()).isEqualTo("0.1.1.2.2");
    assertThat(robot.lookup("#step-line").queryAs(Label.class).getText()).startsWith("Step 8 of 9");
    assertThat(robot.lookup("#step-explanation").queryAs(Label.class).getText()).contains("aws:MultiFactorAuthPresent");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getSelectedText()).contains("AdminWithMfa");
    robot.clickOn("#previous-step");
    assertThat(selected(robot).id()).isEqualTo("0.1.1.2.1");
  }

  @Test
  void clickingANodeSelectsThatStep(FxRobot robot) {
    robot.interact(() -> model.open(Traces.createUser(true)));
    robot.clickOn("#only-deciding-path"); // the whole trace, with the not-applicable SCP step
    robot.clickOn("#step-0_2");
    assertThat(model.currentProperty().get().id()).isEqualTo("0.2");
  }

  @Test
  void whatIfRemovingMfaFlipsTheDecision(FxRobot robot) {
    robot.interact(() -> model.open(Traces.createUser(true)));
    assertThat(robot.lookup("#decision-badge").queryAs(Label.class).getText()).isEqualTo("Allowed");
    robot.clickOn("Context");
    robot.clickOn("#what-if-key").write("aws:MultiFactorAuthPresent");
    robot.clickOn("#what-if-value").write("false");
    robot.clickOn("#what-if-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#decision-badge").queryAs(Label.class).getText()).isEqualTo("ImplicitDeny");
    assertThat(robot.lookup("#what-if-summary").queryAs(Label.class).getText()).contains("Allowed → ImplicitDeny");
  }

  @Test
  void onlyTheDecidingPathIsOnWhenTheViewOpensAndTheToggleShowsTheWholeTrace(FxRobot robot) {
    robot.interact(() -> model.open(Traces.createUser(true)));
    assertThat(robot.lookup("#only-deciding-path").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
    assertThat(robot.lookup("#step-0_1_1_1").tryQuery()).as("the statement that did not match").isEmpty();
    assertThat(robot.lookup("#step-0_1_1_2").tryQuery()).isPresent();
    robot.clickOn("#only-deciding-path");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#step-0_1_1_1").tryQuery()).isPresent();
    assertThat(robot.lookup("#step-0_2").tryQuery()).isPresent();
    robot.clickOn("#only-deciding-path");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#step-0_1_1_1").tryQuery()).isEmpty();
    assertThat(robot.lookup("#step-0_1_1_2").tryQuery()).isPresent();
  }
}
