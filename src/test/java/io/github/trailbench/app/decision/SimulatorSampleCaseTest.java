package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The simulator mode of the decision view over the sample case's IAM data, with the real engine. */
@ExtendWith(ApplicationExtension.class)
class SimulatorSampleCaseTest {
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static StoreCaseWorkspace workspace;
  private DecisionViewModel model;
  private Stage stage;

  @BeforeAll
  static void importSampleIam() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("simulator-sample"));
    workspace.importFiles(List.of(Path.of("samples/case/iam"), Path.of("samples/case/org"), Path.of("samples/case/policies")), p -> {});
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    model = new DecisionViewModel(workspace.decisions(), Runnable::run, Runnable::run);
    // the decision view at 1366×768 less the shell's navigation (~210 px) and menu/status bars
    stage.setScene(new Scene(new DecisionView(model), 1366 - 210, 768 - 60));
    stage.show();
  }

  @SuppressWarnings("unchecked")
  private static TableView<SimulationRow> table(FxRobot robot) {
    return robot.lookup("#simulator-table").queryAs(TableView.class);
  }

  private void simulateCloudTrail(FxRobot robot) {
    robot.clickOn("Simulate a principal");
    robot.clickOn("#simulator-principal").write("OpsAdmin");
    robot.interact(() -> model.simulator().principalProperty().set(OPS));
    robot.clickOn("#simulator-service").write("cloudtrail");
    robot.clickOn("#simulator-context").write("aws:RequestedRegion=eu-west-1");
    robot.clickOn("#simulator-run");
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aPrincipalAndAServiceListEveryActionWithItsDecisionTheDecidingStatementAndTheSentence(FxRobot robot) {
    simulateCloudTrail(robot);
    TableView<SimulationRow> table = table(robot);
    int actions = io.github.trailbench.core.catalog.ActionCatalog.get().service("cloudtrail").orElseThrow().actions().size();
    assertThat(table.getItems()).hasSize(actions);
    SimulationRow stop = table.getItems().stream().filter(r -> r.action().equals("cloudtrail:StopLogging")).findFirst().orElseThrow();
    assertThat(stop.decision()).isEqualTo("ExplicitDeny");
    assertThat(stop.policy()).startsWith("ProtectSecurityTooling @ Production");
    assertThat(stop.statement()).isEqualTo("ProtectSecurityTooling");
    assertThat(stop.sentence()).isEqualTo(
        "Denied by SCP ProtectSecurityTooling on OU Production: the caller's role OpsAdminRole is not OrgSecurityAdmin.");
    assertThat(table.getItems()).filteredOn(r -> r.action().equals("cloudtrail:DescribeTrails")).singleElement()
        .satisfies(r -> assertThat(r.decision()).isEqualTo("Allowed"));
    assertThat(robot.lookup("#simulator-status").queryAs(Label.class).getText())
        .startsWith(actions + " action(s) for " + OPS + " on *: " + (actions - 4) + " Allowed, 4 ExplicitDeny");
  }

  @Test
  void clickingTheDecisionHeaderSortsTheDeniesTogether(FxRobot robot) {
    simulateCloudTrail(robot);
    TableView<SimulationRow> table = table(robot);
    robot.clickOn(robot.lookup("#simulator-table .column-header")
        .match((javafx.scene.control.skin.TableColumnHeader h) -> h.getTableColumn() != null && "Decision".equals(h.getTableColumn().getText()))
        .queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table.getSortOrder()).extracting(TableColumn::getText).containsExactly("Decision");
    List<String> decisions = table.getItems().stream().map(SimulationRow::decision).toList();
    assertThat(decisions).isSorted();
    assertThat(decisions.subList(decisions.size() - 4, decisions.size())).containsOnly("ExplicitDeny");
  }

  @Test
  void doubleClickingARowOpensItsFullTraceInTheDecisionMode(FxRobot robot) {
    simulateCloudTrail(robot);
    TableView<SimulationRow> table = table(robot);
    int index = table.getItems().indexOf(table.getItems().stream().filter(r -> r.action().equals("cloudtrail:StopLogging"))
        .findFirst().orElseThrow());
    robot.interact(() -> table.scrollTo(index));
    robot.doubleClickOn("cloudtrail:StopLogging");
    WaitForAsyncUtils.waitForFxEvents();
    TabPane modes = robot.lookup("#decision-modes").queryAs(TabPane.class);
    assertThat(modes.getSelectionModel().getSelectedItem().getId()).isEqualTo("mode-decision");
    assertThat(model.requestProperty().get().action()).isEqualTo("cloudtrail:StopLogging");
    assertThat(model.requestProperty().get().principal()).isEqualTo(OPS);
    assertThat(robot.lookup("#decision-badge").queryAs(Label.class).getText()).isEqualTo("ExplicitDeny");
    assertThat(robot.lookup("#decision-message").queryAs(Label.class).getText())
        .isEqualTo(table.getItems().get(index).sentence());
  }

  @Test
  void wildcardActionsExpandAndEnterOpensTheSelectedRowsTrace(FxRobot robot) {
    robot.clickOn("Simulate a principal");
    robot.interact(() -> model.simulator().principalProperty().set(OPS));
    robot.clickOn("#simulator-actions").write("iam:CreateUser, s3:GetObjectAcl*");
    assertThat(model.simulator().byServiceProperty().get()).as("going into the actions field picks the Actions mode").isFalse();
    assertThat(robot.lookup("#simulator-by-actions").queryAs(javafx.scene.control.RadioButton.class).isSelected()).isTrue();
    robot.clickOn("#simulator-context").write("aws:RequestedRegion=eu-west-1");
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    TableView<SimulationRow> table = table(robot);
    assertThat(table.getItems()).extracting(SimulationRow::action)
        .containsExactlyElementsOf(io.github.trailbench.core.correlate.PrincipalSimulation.expandActions(
            io.github.trailbench.core.catalog.ActionCatalog.get(), List.of("iam:CreateUser", "s3:GetObjectAcl*")));
    assertThat(table.getItems().get(0).decision()).isEqualTo("Allowed");
    assertThat(table.getItems().get(0).policy()).isEqualTo("AdministratorAccess");
    robot.clickOn("iam:CreateUser");
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.simulatorShownProperty().get()).isFalse();
    assertThat(model.requestProperty().get().action()).isEqualTo("iam:CreateUser");
    assertThat(robot.lookup("#decision-badge").queryAs(Label.class).getText()).isEqualTo("Allowed");
  }

  @Test
  void anUnknownPrincipalIsNamedInTheStatusLineAndTheTableStaysEmpty(FxRobot robot) {
    robot.clickOn("Simulate a principal");
    robot.interact(() -> {
      model.simulator().principalProperty().set("arn:aws:iam::111122223333:user/nobody");
      model.simulator().serviceProperty().set("s3");
    });
    robot.clickOn("#simulator-run");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).isEmpty();
    assertThat(robot.lookup("#simulator-status").queryAs(Label.class).getText())
        .isEqualTo("unknown principal arn:aws:iam::111122223333:user/nobody: not a user or role in the case's IAM data");
  }

  @Test
  void theCasesUsersAndRolesAreOfferedAndSimulatingFromElsewhereOpensTheSimulatorOnThem(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.simulator().principals()).contains(OPS, "arn:aws:iam::111122223333:user/ci-deploy");
    robot.interact(() -> model.simulatePrincipal("arn:aws:iam::111122223333:user/ci-deploy"));
    TabPane modes = robot.lookup("#decision-modes").queryAs(TabPane.class);
    assertThat(modes.getSelectionModel().getSelectedItem().getId()).isEqualTo("mode-simulator");
    assertThat(model.simulator().principalProperty().get()).isEqualTo("arn:aws:iam::111122223333:user/ci-deploy");
  }

  @Test
  @SuppressWarnings("unchecked")
  void at1366x768EveryVisibleRowShowsItsWholeSentenceWithoutHoveringOrScrollingSideways(FxRobot robot) {
    simulateCloudTrail(robot);
    TableView<SimulationRow> table = table(robot);
    double columns = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
    assertThat(columns).as("no column lies beyond the table's right edge").isLessThanOrEqualTo(table.getWidth());
    assertThat(table.getColumns()).extracting(TableColumn::getText).containsExactly("Action", "Decision", "Statement", "Resource", "Why");
    int stop = table.getItems().indexOf(table.getItems().stream().filter(r -> r.action().equals("cloudtrail:StopLogging")).findFirst().orElseThrow());
    robot.interact(() -> table.scrollTo(Math.max(0, stop - 2)));
    WaitForAsyncUtils.waitForFxEvents();
    List<javafx.scene.control.TableCell<SimulationRow, String>> sentences = robot.lookup("#simulator-table .table-cell")
        .match((javafx.scene.control.TableCell<SimulationRow, String> c) -> c.getTableColumn() != null
            && "Why".equals(c.getTableColumn().getText()) && !c.isEmpty() && c.isVisible())
        .queryAllAs(javafx.scene.control.TableCell.class).stream()
        .map(c -> (javafx.scene.control.TableCell<SimulationRow, String>) c)
        .filter(c -> c.localToScene(c.getBoundsInLocal()).getMaxY() <= table.localToScene(table.getBoundsInLocal()).getMaxY())
        .toList();
    assertThat(sentences).as("rows in view at 1366x768").hasSizeGreaterThanOrEqualTo(8);
    for (var cell : sentences) {
      javafx.scene.text.Text text = (javafx.scene.text.Text) cell.getGraphic();
      assertThat(text.getText()).isEqualTo(cell.getItem()).isNotBlank();
      javafx.geometry.Bounds b = text.getBoundsInParent();
      assertThat(b.getMaxX()).as("%s fits the column's width", cell.getItem()).isLessThanOrEqualTo(cell.getWidth() + 0.5);
      assertThat(b.getMaxY()).as("%s fits the row's height", cell.getItem()).isLessThanOrEqualTo(cell.getHeight() + 0.5);
    }
    assertThat(sentences).extracting(javafx.scene.control.TableCell::getItem)
        .anySatisfy(t -> assertThat((String) t).contains("is not OrgSecurityAdmin"));
  }
}
