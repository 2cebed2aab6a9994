package io.github.trailbench.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
  private final FakeWorkspace workspace = new FakeWorkspace();
  private ShellViewModel model;
  private int aboutOpened;

  @Start
  void start(Stage stage) {
    model = new ShellViewModel(workspace, Runnable::run);
    ShellView view = new ShellView(model, PlannedView::new, new ShellView.Actions() {
      @Override public void openCase() {}
      @Override public void importFiles() {}
      @Override public void export() {}
      @Override public void about() { aboutOpened++; }
      @Override public void quit() {}
    });
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  private static Node shownView(FxRobot robot) {
    StackPane content = robot.lookup("#content").queryAs(StackPane.class);
    return content.getChildren().get(0);
  }

  @Test
  void startsOnTheTimelineAndSaysWhatItWillShow(FxRobot robot) {
    assertThat(shownView(robot).getId()).isEqualTo("view-timeline");
    assertThat(robot.lookup(".planned-state").queryAs(Label.class).getText()).contains("issue #7");
  }

  @Test
  void clickingTheNavigationSwitchesTheView(FxRobot robot) {
    robot.clickOn("#nav-findings");
    assertThat(shownView(robot).getId()).isEqualTo("view-findings");
    assertThat(model.selectedProperty().get()).isEqualTo(Section.FINDINGS);

    robot.clickOn("#nav-decision");
    assertThat(shownView(robot).getId()).isEqualTo("view-decision");
    assertThat(robot.lookup("#view-decision .planned-title").queryAs(Label.class).getText())
        .isEqualTo("Decision tree");
  }

  @Test
  void keyboardShortcutsSelectViews(FxRobot robot) {
    robot.clickOn("#nav-timeline");
    robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT5).release(KeyCode.DIGIT5).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shownView(robot).getId()).isEqualTo("view-imports");
    robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shownView(robot).getId()).isEqualTo("view-graph");
  }

  @Test
  void helpMenuOpensAbout(FxRobot robot) {
    robot.clickOn("Help").clickOn("#menu-about");
    assertThat(aboutOpened).isEqualTo(1);
  }

  @Test
  void openingACaseShowsItInTheStatusBarAndSidebar(FxRobot robot) throws Exception {
    workspace.events = 1234;
    robot.interact(() -> model.openCase(Path.of("/cases/acme-incident"), msg -> {}));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.openCaseProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#nav-case").queryAs(Label.class).getText()).isEqualTo("acme-incident");
    assertThat(robot.lookup("#status-case").queryAs(Label.class).getText())
        .contains("acme-incident", "1,234 events", "2026-10-03 10:00 UTC");
  }

  @Test
  void aFailedOpenIsReportedInTheStatusBar(FxRobot robot) throws Exception {
    workspace.failOpenWith = "cannot read /cases/broken/case.mv.db: not an H2 file";
    StringBuilder reported = new StringBuilder();
    robot.interact(() -> model.openCase(Path.of("/cases/broken"), reported::append));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(reported.toString()).contains("not an H2 file");
    assertThat(robot.lookup("#status-text").queryAs(Label.class).getText()).contains("failed", "not an H2 file");
    assertThat(robot.lookup("#nav-case").queryAs(Label.class).getText()).isEqualTo("No case open");
  }
}
