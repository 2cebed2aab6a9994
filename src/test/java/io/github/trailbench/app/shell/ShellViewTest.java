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
  private final java.util.List<String> actionsCalled = new java.util.ArrayList<>();

  @Start
  void start(Stage stage) {
    model = new ShellViewModel(workspace, Runnable::run);
    ShellView view = new ShellView(model, PlannedView::new, new ShellView.Actions() {
      @Override public void openCase() {}
      @Override public void importFiles() {}
      @Override public void export() {}
      @Override public void about() { aboutOpened++; }
      @Override public void quit() {}
      @Override public void openSample() { actionsCalled.add("sample"); }
      @Override public void newCase() { actionsCalled.add("new"); }
      @Override public void importFolder() { actionsCalled.add("folder"); }
      @Override public void help(HelpTopic topic) { actionsCalled.add("help " + topic.id()); }
    });
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  private static Node shownView(FxRobot robot) {
    StackPane content = robot.lookup("#content").queryAs(StackPane.class);
    return content.getChildren().get(0);
  }

  private void openCase(FxRobot robot, String dir) throws Exception {
    robot.interact(() -> model.openCase(Path.of(dir), msg -> {}));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.openCaseProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void whatOpeningRepairedIsShownOverTheViewsUntilDismissed(FxRobot robot) throws Exception {
    Node notice = robot.lookup("#repair-notice").query();
    assertThat(notice.isVisible()).isFalse();
    workspace.openNotes = java.util.List.of(
        "repaired: dropped 257 orphan events and 12 orphan terms of an unfinished import (file 7, never committed)");

    openCase(robot, "/cases/c1");

    assertThat(notice.isVisible()).isTrue();
    assertThat(robot.lookup("#repair-notice-text").queryLabeled().getText())
        .startsWith("Opening c1 repaired the case: repaired: dropped 257 orphan events")
        .contains("importing them again adds them");
    robot.clickOn("#repair-notice-dismiss");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(notice.isVisible()).isFalse();

    workspace.openNotes = java.util.List.of();
    openCase(robot, "/cases/c2");
    assertThat(notice.isVisible()).isFalse();
  }

  @Test
  void withoutACaseTheWelcomePaneOffersTheWaysToStartAndCaseMenusSayWhyTheyAreOff(FxRobot robot) throws Exception {
    assertThat(shownView(robot).getId()).isEqualTo("welcome");
    robot.clickOn("#welcome-sample");
    robot.clickOn("#welcome-new");
    robot.clickOn("#welcome-import-folder");
    assertThat(actionsCalled).containsExactly("sample", "new", "folder");
    robot.clickOn("File");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("Import files… (open a case first)").tryQuery()).isPresent();
    assertThat(robot.lookup("Export… (open a case first)").tryQuery()).isPresent();
    robot.type(KeyCode.ESCAPE);

    openCase(robot, "/cases/acme-incident");
    assertThat(shownView(robot).getId()).isEqualTo("view-timeline");
    robot.clickOn("File");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("Import files…").tryQuery()).isPresent();
    assertThat(robot.lookup("Import files… (open a case first)").tryQuery()).isEmpty();
    robot.type(KeyCode.ESCAPE);
  }

  @Test
  void anOpenedCaseIsListedAmongTheRecentOnesAndOpensFromThere(FxRobot robot) throws Exception {
    RecentCases recent = RecentCases.inMemory();
    recent.add(Path.of("/cases/older"));
    ShellViewModel withRecent = new ShellViewModel(workspace, Runnable::run, recent);
    assertThat(withRecent.recentCases()).containsExactly(Path.of("/cases/older"));
    robot.interact(() -> withRecent.openCase(Path.of("/cases/acme-incident"), msg -> {}));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> withRecent.recentCases().size() == 2);
    assertThat(withRecent.recentCases()).containsExactly(Path.of("/cases/acme-incident"), Path.of("/cases/older"));

    robot.interact(() -> model.openCase(Path.of("/cases/first"), msg -> {}));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.recentCases()).containsExactly(Path.of("/cases/first"));
  }

  @Test
  void clickingARecentCaseOnTheWelcomePaneOpensIt(FxRobot robot) throws Exception {
    robot.interact(() -> model.recentCases().setAll(Path.of("/cases/older")));
    robot.clickOn((Node) robot.lookup("#welcome-recent .hyperlink").query());
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.openCaseProperty().get() != null);
    assertThat(workspace.opened).containsExactly(Path.of("/cases/older"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(shownView(robot).getId()).isEqualTo("view-timeline");
  }

  @Test
  void whileTheCaseLoadsTheStatusBarSaysSoWithProgress(FxRobot robot) throws Exception {
    workspace.events = 3237;
    openCase(robot, "/cases/acme-incident");
    robot.interact(() -> model.showCaseLoading(true));
    assertThat(robot.lookup("#status-text").queryAs(Label.class).getText()).isEqualTo("Loading case… 3,237 events");
    assertThat(robot.lookup("#status-progress").query().isVisible()).isTrue();
    robot.interact(() -> model.showCaseLoading(false));
    assertThat(robot.lookup("#status-text").queryAs(Label.class).getText()).isEqualTo("Ready");
    assertThat(robot.lookup("#status-progress").query().isVisible()).isFalse();
  }

  @Test
  void theHelpMenuOffersShortcutsTheFilterLanguageAndWhereCasesLive(FxRobot robot) {
    for (HelpTopic topic : HelpTopic.values()) {
      robot.clickOn("Help").clickOn(topic.title());
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertThat(actionsCalled).containsExactly("help shortcuts", "help filters", "help cases");
  }

  @Test
  void startsOnTheTimelineAndSaysWhatItWillShow(FxRobot robot) throws Exception {
    openCase(robot, "/cases/acme-incident");
    assertThat(shownView(robot).getId()).isEqualTo("view-timeline");
    assertThat(robot.lookup(".planned-state").queryAs(Label.class).getText()).contains("issue #7");
  }

  @Test
  void clickingTheNavigationSwitchesTheView(FxRobot robot) throws Exception {
    openCase(robot, "/cases/acme-incident");
    robot.clickOn("#nav-findings");
    assertThat(shownView(robot).getId()).isEqualTo("view-findings");
    assertThat(model.selectedProperty().get()).isEqualTo(Section.FINDINGS);

    robot.clickOn("#nav-decision");
    assertThat(shownView(robot).getId()).isEqualTo("view-decision");
    assertThat(robot.lookup("#view-decision .planned-title").queryAs(Label.class).getText())
        .isEqualTo("Decision tree");
  }

  @Test
  void keyboardShortcutsSelectViews(FxRobot robot) throws Exception {
    openCase(robot, "/cases/acme-incident");
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
