package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Policy, principal and suggestion what-ifs, completion, PNG and Add-to-finding, clicked and typed. */
@ExtendWith(ApplicationExtension.class)
class DecisionWhatIfViewTest {
  private DecisionViewModel model;

  @Start
  void start(Stage stage) {
    model = new DecisionViewModel(new FixtureDecisions(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new DecisionView(model), 1400, 950));
    stage.show();
  }

  /** Nodes (list cells, labels) showing exactly this text. */
  private static java.util.function.Predicate<javafx.scene.Node> labelled(String text) {
    return n -> n instanceof javafx.scene.control.Labeled l && text.equals(l.getText()) && n.isVisible();
  }

  private static String badge(FxRobot robot) {
    return robot.lookup("#decision-badge").queryAs(Label.class).getText();
  }

  /** Clicks the tree row of the step whose label starts with the text. */
  @SuppressWarnings("unchecked")
  private void clickStep(FxRobot robot, String labelStart) {
    TraceStep step = model.steps().stream().filter(s -> s.label().startsWith(labelStart)).findFirst().orElseThrow();
    TreeView<TraceStep> tree = robot.lookup("#trace-tree").queryAs(TreeView.class);
    robot.interact(() -> tree.scrollTo(Math.max(0, tree.getRow(findItem(tree, step.id())) - 2)));
    robot.clickOn("#step-" + step.id().replace('.', '_'));
    assertThat(model.currentProperty().get().id()).isEqualTo(step.id());
  }

  private static javafx.scene.control.TreeItem<TraceStep> findItem(TreeView<TraceStep> tree, String id) {
    List<javafx.scene.control.TreeItem<TraceStep>> todo = new ArrayList<>(List.of(tree.getRoot()));
    while (!todo.isEmpty()) {
      var item = todo.remove(0);
      if (item.getValue().id().equals(id)) {
        return item;
      }
      todo.addAll(item.getChildren());
    }
    throw new AssertionError(id);
  }

  private static void replaceText(FxRobot robot, String query, String text) {
    robot.clickOn(query);
    robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
    robot.type(KeyCode.DELETE);
    robot.write(text);
  }

  @Test
  void editingAPolicyInPlaceAndApplyingFlipsTheDecisionAndMarksTheNode(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    assertThat(badge(robot)).isEqualTo("Allowed");
    clickStep(robot, "AdministratorAccess");
    robot.clickOn("#edit-policy");
    TextArea source = robot.lookup("#policy-source").queryAs(TextArea.class);
    assertThat(source.isEditable()).isTrue();
    replaceText(robot, "#policy-source",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    robot.clickOn("#apply-policy-edit");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("ImplicitDeny");
    assertThat(source.isEditable()).isFalse();
    assertThat(robot.lookup("#what-if-summary").queryAs(Label.class).getText()).contains("Allowed → ImplicitDeny");
    TraceStep policy = model.steps().stream().filter(s -> s.label().startsWith("AdministratorAccess")).findFirst().orElseThrow();
    assertThat(robot.lookup("#step-" + policy.id().replace('.', '_')).queryLabeled().getText()).contains("(edited)", "(changed)");
  }

  @Test
  void aTypingMistakeShowsWhereAndWhyAndTheTextStays(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    clickStep(robot, "AdministratorAccess");
    robot.clickOn("#edit-policy");
    String broken = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\" \"Action\":\"*\"}]}";
    replaceText(robot, "#policy-source", broken);
    robot.clickOn("#apply-policy-edit");
    Label error = robot.lookup("#policy-error").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText()).startsWith("line 1, column").contains("Unexpected character");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getText()).isEqualTo(broken);
    assertThat(badge(robot)).isEqualTo("Allowed");
    robot.clickOn("#cancel-policy-edit");
    assertThat(error.isVisible()).isFalse();
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getText()).contains("AllowAdmin");
  }

  @Test
  void removingTheScpThatDeniedStopLoggingAllowsItAndResetBringsItBack(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.stopLogging()));
    assertThat(badge(robot)).isEqualTo("ExplicitDeny");
    clickStep(robot, "ProtectSecurityTooling @ Production");
    robot.clickOn("#remove-policy");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("Allowed");
    robot.clickOn("Policies");
    assertThat(robot.lookup("#policy-edits").lookup(labelled("remove SCP ProtectSecurityTooling @ Production")).tryQuery()).isPresent();
    robot.clickOn("#reset-policy-edits");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("ExplicitDeny");
  }

  @Test
  void writingANewSessionPolicyAddsItToTheSet(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    robot.clickOn("Policies");
    robot.clickOn("#new-policy-name").write("OnlyS3");
    robot.clickOn("#new-policy");
    assertThat(robot.lookup("#policy-source").queryAs(TextArea.class).getText()).contains("iam:CreateUser");
    replaceText(robot, "#policy-source",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    robot.clickOn("#apply-policy-edit");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("ImplicitDeny");
    assertThat(robot.lookup("#policy-edits").lookup(labelled("add session policy OnlyS3")).tryQuery()).isPresent();
    assertThat(model.steps()).anyMatch(s -> s.label().startsWith("OnlyS3 (session policy)"));
  }

  @Test
  void applyingASuggestedScpDenyShowsItsJsonAndDeniesTheRequest(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    robot.clickOn("What would have denied this");
    robot.clickOn("Add a Deny for this action and resource in an SCP  →  ExplicitDeny");
    assertThat(robot.lookup("#suggestion-json").queryAs(TextArea.class).getText())
        .contains("// add SCP WhatIfDeny iam:CreateUser (SCP)", "\"Effect\" : \"Deny\"", "\"Action\" : \"iam:CreateUser\"");
    assertThat(robot.lookup("#suggestion-reason").queryAs(Label.class).getText()).contains("explicit deny");
    robot.clickOn("#apply-suggestion");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("ExplicitDeny");
    assertThat(robot.lookup("#what-if-summary").queryAs(Label.class).getText()).contains("Allowed → ExplicitDeny");
  }

  @Test
  void aWhatIfPrincipalTypedInTheViewIsEvaluatedWithItsOwnPolicies(FxRobot robot) {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    robot.clickOn("Principal");
    assertThat(robot.lookup("#principal-note").queryAs(Label.class).getText()).contains("its own policies");
    robot.clickOn("#what-if-principal").write(FixtureDecisions.BOB);
    robot.clickOn("#what-if-principal-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(badge(robot)).isEqualTo("ImplicitDeny");
    assertThat(robot.lookup("#request-principal").queryAs(TextField.class).getText()).isEqualTo(FixtureDecisions.BOB);
  }

  @Test
  void typingAnActionPrefixOffersCatalogActionsAndClickingOneFillsTheField(FxRobot robot) throws Exception {
    robot.clickOn("#request-action").write("s3:GetObjectAc");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(labelled("s3:GetObjectAcl")).tryQuery().isPresent());
    robot.clickOn(robot.lookup(labelled("s3:GetObjectAcl")).queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#request-action").queryAs(TextField.class).getText()).isEqualTo("s3:GetObjectAcl");
  }

  @Test
  void typingAContextKeyPrefixOffersGlobalKeysAndTheKeyIsAppliedAsAWhatIf(FxRobot robot) throws Exception {
    robot.interact(() -> model.open(FixtureDecisions.createUser(FixtureDecisions.OPS)));
    robot.clickOn("Context");
    robot.clickOn("#what-if-key").write("aws:RequestedReg");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(labelled("aws:RequestedRegion")).tryQuery().isPresent());
    robot.clickOn(robot.lookup(labelled("aws:RequestedRegion")).queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#what-if-key").queryAs(TextField.class).getText()).isEqualTo("aws:RequestedRegion");
    robot.clickOn("#what-if-value").write("eu-west-1");
    robot.clickOn("#what-if-apply");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.context()).contains(new DecisionViewModel.ContextEntry("aws:RequestedRegion", List.of("eu-west-1")));
  }

  @Test
  void addToFindingRendersTheTreeAsPngAndCallsTheHook(FxRobot robot) throws Exception {
    Path dir = Files.createTempDirectory("figures");
    List<DecisionTraceEvidence> received = new ArrayList<>();
    robot.interact(() -> {
      model.figureDirectoryProperty().set(dir);
      model.onAddToFindingProperty().set(received::add);
      model.open(FixtureDecisions.stopLogging());
    });
    robot.clickOn("#add-to-finding");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(received).hasSize(1);
    DecisionTraceEvidence e = received.get(0);
    assertThat(e.reference().id()).isEqualTo("df4199c7-7b89-4c87-8698-9cc5d75feab4#cloudtrail:StopLogging");
    assertThat(e.reference().label()).startsWith("ExplicitDeny: cloudtrail:StopLogging by " + FixtureDecisions.OPS);
    assertThat(e.png()).isEqualTo(dir.resolve("decision-df4199c7-7b89-4c87-8698-9cc5d75feab4-cloudtrail_StopLogging.png"));
    BufferedImage image = ImageIO.read(e.png().toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isGreaterThan(100);
    assertThat(image.getHeight()).isGreaterThan(100);
  }
}
