package io.github.trailbench.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
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
 * The import ledger on a 1366-pixel laptop screen (the view is 1,154 pixels wide beside the
 * sidebar): each file's counts are read without scrolling sideways, and clicking a file with
 * rejected records lists where and why.
 */
@ExtendWith(ApplicationExtension.class)
class ImportsViewTest {
  @TempDir static Path caseDir;
  @TempDir static Path inputs;
  static CaseWorkspace workspace;
  private ImportsViewModel model;

  @BeforeAll
  static void importOneGoodAndOneDamagedFile() throws Exception {
    String good = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T00:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"eu-west-1\",\"eventID\":\"%s\",\"recipientAccountId\":\"111122223333\","
        + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\"}}";
    Files.writeString(inputs.resolve("good.json"), "{\"Records\":[" + String.format(good, "e-1") + "]}", StandardCharsets.UTF_8);
    // the second record has no eventTime
    Files.writeString(inputs.resolve("damaged.json"), "{\"Records\":[" + String.format(good, "e-2") + ","
        + "{\"eventID\":\"e-3\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}]}", StandardCharsets.UTF_8);
    workspace = Workspaces.create();
    workspace.open(caseDir);
    // a digest file of the trail: recorded in the ledger with a note saying why it added nothing
    Files.writeString(inputs.resolve("111122223333_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20261001T000000Z.json"),
        "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2026-10-01T00:00:00Z\",\"digestEndTime\":\"2026-10-01T01:00:00Z\","
            + "\"digestS3Bucket\":\"trail-bucket\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"logFiles\":[]}", StandardCharsets.UTF_8);
    workspace.importFiles(List.of(inputs.resolve("good.json"), inputs.resolve("damaged.json"),
        inputs.resolve("111122223333_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20261001T000000Z.json")), p -> {});
  }

  @AfterAll
  static void close() {
    javafx.application.Application.setUserAgentStylesheet(null);
    workspace.close();
  }

  @Start
  void start(Stage stage) {
    model = new ImportsViewModel(workspace.ledger(), paths -> {}, Runnable::run, Runnable::run);
    // as the app styles it: bold headers take more room
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(new ImportsView(model), 1154, 700);
    scene.getStylesheets().add(Path.of("assets/theme.css").toUri().toString());
    stage.setScene(scene);
    stage.show();
    model.refresh();
  }

  @SuppressWarnings("unchecked")
  private static TableView<LedgerEntry> ledger(FxRobot robot) {
    return robot.lookup("#ledger").queryAs(TableView.class);
  }

  @Test
  void everyCountIsReadableOnALaptopScreen(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ledger(robot).getItems().size() == 3);
    WaitForAsyncUtils.waitForFxEvents();
    TableView<LedgerEntry> table = ledger(robot);
    Bounds tableBounds = table.localToScene(table.getBoundsInLocal());
    for (String header : List.of("File", "Format", "Read", "Added", "Duplicates", "Rejected", "Note")) {
      Node label = robot.from(table).lookup(".column-header .label").match(n -> header.equals(((Labeled) n).getText())).query();
      Bounds b = label.localToScene(label.getBoundsInLocal());
      assertThat(b.getMaxX()).as(header + " within the table").isLessThanOrEqualTo(tableBounds.getMaxX());
      assertThat(((javafx.scene.text.Text) label.lookup(".text")).getText()).as(header + " not cut short").isEqualTo(header);
    }
  }

  @Test
  void clickingAFileWithRejectedRecordsSaysWhereAndWhy(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ledger(robot).getItems().size() == 3);
    WaitForAsyncUtils.waitForFxEvents();
    TableView<?> rejects = robot.lookup("#ledger-rejects").queryAs(TableView.class);
    assertThat(rejects.getItems()).isEmpty();

    robot.clickOn(robot.from(ledger(robot)).lookup(".table-cell").match(n -> "damaged.json".equals(((Labeled) n).getText()))
        .<Node>query());
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(model.selectedProperty().get().rejected()).isEqualTo(1);
    assertThat(rejects.getItems()).hasSize(1);
    LedgerEntry.Reject reject = (LedgerEntry.Reject) rejects.getItems().get(0);
    assertThat(reject.reason()).contains("missing eventTime");
    assertThat(reject.position()).isNotBlank();
  }

  /** Why a file added nothing is read without hovering: the Note column is on screen, and a click shows it whole. */
  @Test
  void aSkippedFilesNoteIsShownWholeWhenSelected(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ledger(robot).getItems().size() == 3);
    WaitForAsyncUtils.waitForFxEvents();
    LedgerEntry copy = ledger(robot).getItems().stream().filter(e -> e.path().contains("CloudTrail-Digest")).findFirst().orElseThrow();
    assertThat(copy.note()).as("the digest file's note").contains("digest file");
    Labeled noteCell = robot.from(ledger(robot)).lookup(".table-cell").match(n -> copy.note().equals(((Labeled) n).getText())).query();
    Bounds cell = noteCell.localToScene(noteCell.getBoundsInLocal());
    Bounds table = ledger(robot).localToScene(ledger(robot).getBoundsInLocal());
    assertThat(cell.getMinX() + 100).as("the note's start is on screen").isLessThan(table.getMaxX());

    robot.clickOn(noteCell);
    WaitForAsyncUtils.waitForFxEvents();
    Labeled selected = robot.lookup("#ledger-selected").queryLabeled();
    assertThat(selected.getText()).contains(copy.path()).contains(copy.note());
    javafx.scene.text.Text shown = (javafx.scene.text.Text) selected.lookup(".text");
    assertThat(shown.getText()).as("drawn whole, wrapped, not cut").isEqualTo(selected.getText());
  }
}
