package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
  private StoreCaseWorkspace workspace;
  private TimelineViewModel model;
  private Path caseDir;

  @Start
  void start(Stage stage) throws Exception {
    caseDir = Files.createTempDirectory("timeline-view");
    workspace = new StoreCaseWorkspace();
    workspace.open(caseDir);
    workspace.importFiles(List.of(TimelineViewModelTest.FIXTURE), p -> {});
    model = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new TimelineView(model), 1300, 850));
    stage.show();
    model.apply();
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @SuppressWarnings("unchecked")
  private static TableView<EventRow> table(FxRobot robot) {
    return robot.lookup("#events").queryAs(TableView.class);
  }

  @Test
  void typingAFilterAndPressingEnterNarrowsTheTable(FxRobot robot) {
    assertThat(table(robot).getItems()).hasSize(8);
    robot.clickOn("#filter").write("eventSource:iam.amazonaws.com").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).containsExactly("ListUsers", "ListRoles", "GetUser");
  }

  @Test
  void brushingTheHistogramZoomsTheTableToThatRange(FxRobot robot) {
    Bounds b = robot.lookup("#histogram").query().localToScreen(robot.lookup("#histogram").query().getBoundsInLocal());
    double y = b.getMinY() + b.getHeight() / 2;
    robot.drag(b.getMinX() + 2, y, MouseButton.PRIMARY).dropTo(b.getMinX() + b.getWidth() * 0.4, y);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.windowProperty().get()).isNotEqualTo(TimelineQueries.Window.ALL);
    int shown = table(robot).getItems().size();
    assertThat(shown).isBetween(1, 7);
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).contains("ListUsers").doesNotContain("GetUser");
    robot.clickOn("#reset-zoom");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).hasSize(8);
  }

  @Test
  void rightClickPivotsToTheRowsSourceIp(FxRobot robot) {
    robot.rightClickOn((javafx.scene.Node) robot.lookup(".table-row-cell").nth(4).query());
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("Filter to this source IP");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.filterProperty().get()).isEqualTo("ip:\"198.51.100.10\"");
    assertThat(table(robot).getItems()).hasSize(4);
  }

  @Test
  void f8JumpsToTheNextFailedEventAndShowsItsDetail(FxRobot robot) throws Exception {
    robot.clickOn((javafx.scene.Node) robot.lookup(".table-row-cell").nth(0).query());
    robot.type(KeyCode.F8);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getSelectionModel().getSelectedItem().failed());
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("ListUsers");
    String decoded = robot.lookup("#event-decoded").queryAs(javafx.scene.control.TextArea.class).getText();
    assertThat(decoded).contains("AccessDenied", "AKIAEXAMPLECI0000001", "(long-term key)");
  }
}
