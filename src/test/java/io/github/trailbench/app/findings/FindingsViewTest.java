package io.github.trailbench.app.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.Workspaces;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
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
 * The findings view over a real case (the bundled sample): detections, triage and the analyst's
 * own findings are saved in the case and read back by a fresh workspace.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsViewTest {
  @TempDir static Path caseDir;
  static CaseWorkspace workspace;
  private FindingsViewModel model;
  private Stage stage;

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
    this.stage = stage;
    model = new FindingsViewModel(workspace.findings(), Runnable::run, Runnable::run);
    stage.setScene(new Scene(new FindingsView(model), 1300, 800));
    stage.show();
  }

  /** What a fresh workspace reads from the case. */
  static List<Finding> storedFindings() throws Exception {
    try (CaseWorkspace fresh = Workspaces.create()) {
      workspace.close();
      fresh.open(caseDir);
      List<Finding> list = fresh.findings().stored().findings();
      fresh.close();
      workspace.open(caseDir);
      return list;
    }
  }

  @SuppressWarnings("unchecked")
  private TableView<Finding> table(FxRobot robot) {
    return robot.lookup("#findings").queryAs(TableView.class);
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void triageAndTheAnalystsOwnFindingsAreKeptInTheCase(FxRobot robot) throws Exception {
    robot.clickOn("#run-detections");
    waitIdle();
    assertThat(table(robot).getItems()).extracting(Finding::ruleId).contains("cloudtrail-logging-stopped");

    // triage: select the StopLogging finding and confirm it
    Finding stopped = table(robot).getItems().stream().filter(f -> f.ruleId().equals("cloudtrail-logging-stopped"))
        .findFirst().orElseThrow();
    robot.interact(() -> table(robot).getSelectionModel().select(stopped));
    ComboBox<FindingStatus> status = robot.lookup("#finding-status").queryComboBox();
    robot.interact(() -> status.getSelectionModel().select(FindingStatus.CONFIRMED));
    waitIdle();
    assertThat(storedFindings()).filteredOn(f -> f.id().equals(stopped.id()))
        .extracting(Finding::status).containsExactly(FindingStatus.CONFIRMED);

    // a finding of the analyst's own, renamed by typing
    robot.clickOn("#new-finding");
    waitIdle();
    assertThat(model.selectedProperty().get().title()).isEqualTo("New finding");
    robot.doubleClickOn("#finding-title").eraseText(20).write("Backdoor user svc-backup").type(javafx.scene.input.KeyCode.ENTER);
    waitIdle();
    String manualId = model.selectedProperty().get().id();
    assertThat(storedFindings()).filteredOn(f -> f.id().equals(manualId)).extracting(Finding::title)
        .containsExactly("Backdoor user svc-backup");
    int last = table(robot).getItems().size() - 1;
    assertThat(table(robot).getItems().get(last).id()).as("new findings go last").isEqualTo(manualId);

    // move it up one place, in the view and in the case
    robot.clickOn("#finding-up");
    waitIdle();
    assertThat(table(robot).getItems().get(last - 1).id()).isEqualTo(manualId);
    List<Finding> stored = storedFindings();
    assertThat(stored.get(stored.size() - 2).id()).isEqualTo(manualId);

    // a re-run keeps the triage and the analyst's finding
    robot.clickOn("#run-detections");
    waitIdle();
    assertThat(model.all()).filteredOn(f -> f.id().equals(stopped.id())).extracting(Finding::status)
        .containsExactly(FindingStatus.CONFIRMED);
    assertThat(model.all()).extracting(Finding::id).contains(manualId);
    assertThat(model.messageProperty().get()).contains("0 new");

    // delete it
    robot.interact(() -> model.selectedProperty().set(model.all().stream().filter(f -> f.id().equals(manualId)).findFirst().orElseThrow()));
    robot.clickOn("#delete-finding");
    waitIdle();
    assertThat(table(robot).getItems()).extracting(Finding::id).doesNotContain(manualId);
    assertThat(storedFindings()).extracting(Finding::id).doesNotContain(manualId);
  }

  @Test
  void explainOpensTheDecisionOfTheFindingsFirstEvent(FxRobot robot) throws Exception {
    List<Evidence.Event> explained = new java.util.ArrayList<>();
    model.setExplainHandler(explained::add);
    robot.clickOn("#run-detections");
    waitIdle();
    Finding stopped = table(robot).getItems().stream().filter(f -> f.ruleId().equals("cloudtrail-logging-stopped"))
        .findFirst().orElseThrow();
    robot.interact(() -> table(robot).getSelectionModel().select(stopped));
    robot.clickOn("#explain-finding");
    assertThat(explained).extracting(Evidence.Event::eventId).containsExactly("df4199c7-7b89-4c87-8698-9cc5d75feab4");

    Finding hygiene = table(robot).getItems().stream().filter(f -> f.ruleId().startsWith("hygiene-")).findFirst().orElseThrow();
    robot.interact(() -> table(robot).getSelectionModel().select(hygiene));
    assertThat(robot.lookup("#explain-finding").queryButton().isDisabled()).as("no logged event").isTrue();
  }

  @Test
  void evidenceFromOtherViewsGoesIntoANewOrAnExistingFinding(FxRobot robot) throws Exception {
    Evidence.Event createUser = new Evidence.Event("0b0a3749-6e78-4f71-aedf-ca6f493f89a9", "111122223333", null,
        "iam.amazonaws.com", "CreateUser", "us-east-1", "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint",
        "ASIA6KIP2SZ5FMEY6CHT", "203.0.113.77", null, "Success");
    robot.interact(() -> model.addEvidence(null, "Persistence via backdoor user", Severity.CRITICAL, List.of(createUser)));
    waitIdle();
    Finding created = model.selectedProperty().get();
    assertThat(created.title()).isEqualTo("Persistence via backdoor user");
    assertThat(created.eventIds()).containsExactly(createUser.eventId());

    Evidence.Principal attacker = new Evidence.Principal("arn:aws:iam::111122223333:role/OpsAdminRole");
    robot.interact(() -> model.addEvidence(created.id(), null, null, List.of(attacker, createUser)));
    waitIdle();
    Finding stored = storedFindings().stream().filter(f -> f.id().equals(created.id())).findFirst().orElseThrow();
    assertThat(stored.evidence()).as("no duplicates").containsExactly(createUser, attacker);
    assertThat(robot.lookup("#finding-evidence").queryTextInputControl().getText())
        .contains("0b0a3749-6e78-4f71-aedf-ca6f493f89a9", "principal  arn:aws:iam::111122223333:role/OpsAdminRole");
  }

  /**
   * On a 1366-pixel laptop screen every column, Status included, is on screen without scrolling
   * sideways, and principals are named as the timeline names them, their whole ARNs in the tooltip.
   */
  @Test
  void everyColumnFitsALaptopScreenAndPrincipalsReadShort(FxRobot robot) throws Exception {
    // the view's width beside the sidebar on a 1366-pixel laptop screen
    robot.interact(() -> stage.setWidth(1154));
    robot.clickOn("#run-detections");
    waitIdle();
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

    javafx.scene.control.TableColumn<Finding, ?> titleColumn = table.getColumns().stream().filter(c -> "Title".equals(c.getText()))
        .findFirst().orElseThrow();
    assertThat(titleColumn.getWidth()).as("what happened takes the room").isGreaterThan(0.4 * table.getWidth());

    Finding escalation = table.getItems().stream().filter(f -> f.ruleId().equals("privilege-escalation-role-assumption"))
        .findFirst().orElseThrow();
    int row = table.getItems().indexOf(escalation);
    robot.interact(() -> table.scrollTo(row));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.TableCell<?, ?> cell = robot.from(table).lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
        && c.getIndex() == row && "Principals".equals(c.getTableColumn().getText())).query();
    assertThat(cell.getText()).isEqualTo("user/ci-deploy, role/OpsAdminRole");
    robot.interact(() -> table.getSelectionModel().select(escalation));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.Labeled summary = robot.lookup("#finding-summary").queryLabeled();
    assertThat(summary.getText()).startsWith(escalation.summary());
    assertThat(((javafx.scene.text.Text) summary.lookup(".text")).getText()).as("the summary drawn whole, not cut")
        .isEqualTo(summary.getText());
    assertThat(cell.getTooltip().getText()).isEqualTo(String.join("\n", escalation.principals()))
        .contains("arn:aws:iam::111122223333:user/ci-deploy");
  }
}
