package io.github.trailbench.app.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.Workspaces;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.store.CaseRulePacksTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Rule packs…" dialog over a real case: a folder of two Sigma files, one broken, is kept in
 * the case through the dialog (the folder chooser's answer injected), the list shows the pack and
 * the broken file's reason, and the next detection run lists the pack's finding naming the pack.
 */
@ExtendWith(ApplicationExtension.class)
class RulePacksDialogTest {
  @TempDir static Path tmp;
  private CaseWorkspace workspace;
  private FindingsViewModel findings;
  private RulePacksViewModel packs;
  private Path folder;

  @Start
  void start(Stage stage) throws Exception {
    Path events = Files.writeString(tmp.resolve("events.json"), """
        {"Records":[
         {"eventVersion":"1.09","eventID":"gd-1","eventTime":"2026-10-03T14:22:58Z","eventSource":"guardduty.amazonaws.com",
          "eventName":"DeleteDetector","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","recipientAccountId":"111122223333",
          "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob"}}]}
        """);
    folder = CaseRulePacksTest.twoSigmaFiles(Files.createTempDirectory(tmp, "rules"));
    workspace = Workspaces.create();
    workspace.open(Files.createTempDirectory(tmp, "case"));
    workspace.importFiles(List.of(events), p -> {});
    findings = new FindingsViewModel(workspace.findings(), Runnable::run, Runnable::run);
    packs = new RulePacksViewModel(workspace.caseRules(), Runnable::run, Runnable::run);
    packs.setChooser(isFolder -> isFolder ? Optional.of(folder) : Optional.empty());
    packs.setAfterChange(findings::load);
    findings.setRulePacks(packs);
    stage.setScene(new Scene(new FindingsView(findings), 1300, 800));
    stage.show();
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @SuppressWarnings("unchecked")
  private static <T> TableView<T> table(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TableView.class);
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !packs.runningProperty().get() && !findings.runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aFolderAddedThroughTheDialogIsListedWithItsBrokenFileAndItsFindingAppears(FxRobot robot) throws Exception {
    robot.clickOn("#rule-packs-button");
    waitIdle();
    robot.clickOn("#add-rule-folder");
    waitIdle();

    TableView<CaseRulesService.RulePackRow> list = table(robot, "#rule-packs");
    assertThat(list.getItems()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("my-sigma");
      assertThat(p.kind()).isEqualTo("folder");
      assertThat(p.ruleCount()).isEqualTo(1);
      assertThat(p.licence()).isEqualTo("DRL-1.1");
      assertThat(p.source()).isEqualTo(folder.toString());
      assertThat(p.enabled()).isTrue();
    });
    ListView<String> errors = robot.lookup("#rule-pack-errors").queryAs(ListView.class);
    assertThat(errors.getItems()).singleElement().asString()
        .startsWith("broken-modifier.yml at detection.selection.eventName|base64: modifier 'base64' is not supported");
    assertThat(robot.lookup("#rule-packs-message").queryLabeled().getText()).startsWith("Kept \"my-sigma\": 1 rule(s), 1 file(s) did not load");

    robot.clickOn("#known-address").write("198.51.100.7/24");
    robot.clickOn("#known-address-note").write("office");
    robot.clickOn("#add-known-address");
    waitIdle();
    assertThat(table(robot, "#known-addresses").getItems()).containsExactly(new CaseRulesService.KnownAddress("198.51.100.0/24", "office"));

    robot.interact(() -> ((Stage) robot.lookup("#rule-packs-pane").query().getScene().getWindow()).close());
    robot.clickOn("#run-detections");
    waitIdle();
    TableView<Finding> found = table(robot, "#findings");
    assertThat(found.getItems()).filteredOn(f -> f.ruleId().equals("sigma-pack-detector-deleted")).singleElement()
        .satisfies(f -> assertThat(f.pack()).isEqualTo("my-sigma"));
    assertThat(found.getItems()).anyMatch(f -> f.ruleId().equals("guardduty-disabled"));
    int row = found.getItems().indexOf(found.getItems().stream().filter(f -> f.pack().equals("my-sigma")).findFirst().orElseThrow());
    assertThat(found.getColumns().stream().filter(c -> "Rule".equals(c.getText())).findFirst().orElseThrow().getCellData(row))
        .isEqualTo("sigma-pack-detector-deleted \u00b7 my-sigma");
    assertThat(findings.staleNoticeProperty().get()).isEmpty();

    // turning the pack off makes the stored findings stale until the next run
    robot.clickOn("#rule-packs-button");
    waitIdle();
    robot.clickOn("#enabled-my-sigma");
    waitIdle();
    assertThat(RulePacksDialogTest.<CaseRulesService.RulePackRow>table(robot, "#rule-packs").getItems().get(0).enabled()).isFalse();
    assertThat(findings.staleNoticeProperty().get()).startsWith("The stored findings were made by rule set builtin");
    assertThat(robot.lookup("#findings-stale").queryLabeled().isVisible()).isTrue();
  }
}
