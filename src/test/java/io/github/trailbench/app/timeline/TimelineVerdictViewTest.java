package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Verdict column and the verdict filter in the timeline, over the hand-made verdict fixture. */
@ExtendWith(ApplicationExtension.class)
class TimelineVerdictViewTest {
  private StoreCaseWorkspace workspace;
  private TimelineViewModel model;

  @Start
  void start(Stage stage) throws Exception {
    Path caseDir = Files.createTempDirectory("timeline-verdicts");
    workspace = new StoreCaseWorkspace();
    workspace.open(caseDir);
    workspace.importFiles(List.of(TimelineVerdictTest.EVENTS, TimelineVerdictTest.IAM), p -> {});
    model = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new TimelineView(model), 1300, 850));
    stage.show();
    model.apply();
    model.loadVerdicts();
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
  void typingVerdictDisagreesShowsOnlyTheDisagreeingRowsMarked(FxRobot robot) {
    assertThat(table(robot).getItems()).hasSize(5);
    robot.clickOn("#filter").write("verdict:disagrees").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).containsExactly("DeleteUser", "DeleteRole");
    List<String> marked = robot.lookup(".table-cell.verdict-disagrees").queryAll().stream()
        .map(n -> ((TableCell<?, ?>) n).getText()).toList();
    assertThat(marked).containsExactly("DISAGREES", "DISAGREES");
    assertThat(robot.lookup("#verdict-status").queryLabeled().getText()).contains("2 disagree");
  }

  @Test
  void everyRowShowsItsVerdictInTheColumn(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    List<String> texts = robot.lookup(".table-cell").queryAll().stream()
        .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "column-verdict".equals(c.getTableColumn().getId())
            && c.getTableRow() != null && c.getTableRow().getItem() != null && c.isVisible())
        .map(n -> ((TableCell<?, ?>) n).getText()).toList();
    assertThat(texts).containsExactlyInAnyOrder("agrees", "DISAGREES", "not deniable", "agrees", "DISAGREES");
  }
}
