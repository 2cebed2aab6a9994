package io.github.trailbench.app.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.Workspaces;
import io.github.trailbench.core.findings.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The findings table read on a 1366-pixel laptop screen (the view is 1,154 pixels wide beside the
 * sidebar): every column, Status included, is on screen without scrolling sideways, and principals
 * are named as the timeline names them, their whole ARNs in the tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsTableFitTest {
  @TempDir static Path caseDir;
  static CaseWorkspace workspace;
  private FindingsViewModel model;

  @BeforeAll
  static void importSample() throws Exception {
    workspace = Workspaces.create();
    workspace.open(caseDir);
    workspace.importFiles(List.of(Path.of("samples/case")), p -> {});
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Start
  void start(Stage stage) {
    model = new FindingsViewModel(workspace.findings(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new FindingsView(model), 1154, 700));
    stage.show();
  }

  @Test
  void everyColumnFitsALaptopScreenAndPrincipalsReadShort(FxRobot robot) throws Exception {
    robot.clickOn("#run-detections");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    @SuppressWarnings("unchecked")
    TableView<Finding> table = robot.lookup("#findings").queryAs(TableView.class);
    Bounds tableBounds = table.localToScene(table.getBoundsInLocal());
    for (String header : List.of("Severity", "Title", "Rule", "Events", "Principals", "Status")) {
      Node label = robot.from(table).lookup(".column-header .label").match(n -> header.equals(((javafx.scene.control.Labeled) n).getText()))
          .query();
      Bounds b = label.localToScene(label.getBoundsInLocal());
      assertThat(b.getMaxX()).as(header + " header within the table").isLessThanOrEqualTo(tableBounds.getMaxX());
      assertThat(((javafx.scene.control.Labeled) label).getText()).isEqualTo(header);
      assertThat(label.lookup(".text") == null ? header : ((javafx.scene.text.Text) label.lookup(".text")).getText())
          .as(header + " not cut short").isEqualTo(header);
    }

    Finding escalation = table.getItems().stream().filter(f -> f.ruleId().equals("privilege-escalation-role-assumption"))
        .findFirst().orElseThrow();
    int row = table.getItems().indexOf(escalation);
    robot.interact(() -> table.scrollTo(row));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.TableCell<?, ?> cell = robot.from(table).lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
        && c.getIndex() == row && "Principals".equals(c.getTableColumn().getText())).query();
    assertThat(cell.getText()).isEqualTo("user/ci-deploy, role/OpsAdminRole");
    assertThat(cell.getTooltip().getText()).isEqualTo(String.join("\n", escalation.principals()))
        .contains("arn:aws:iam::111122223333:user/ci-deploy");
  }
}
