package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.core.findings.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Bookmarks, tags, saved filters, IP enrichment and "Add to finding" in the timeline, kept in a real case. */
@ExtendWith(ApplicationExtension.class)
class TimelineAnnotationsViewTest {
  private StoreCaseWorkspace workspace;
  private TimelineViewModel model;
  private Path caseDir;
  private final List<List<Evidence>> handedToFindings = new ArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    caseDir = Files.createTempDirectory("timeline-annotations");
    workspace = new StoreCaseWorkspace();
    workspace.open(caseDir);
    workspace.importFiles(List.of(TimelineViewModelTest.FIXTURE), p -> {});
    model = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    model.setFindingHandler((evidence, title) -> handedToFindings.add(evidence));
    stage.setScene(new Scene(new TimelineView(model), 1300, 850));
    stage.show();
    model.apply();
    model.loadSavedFilters();
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @SuppressWarnings("unchecked")
  private static TableView<EventRow> table(FxRobot robot) {
    return robot.lookup("#events").queryAs(TableView.class);
  }

  private void select(FxRobot robot, int index) {
    robot.interact(() -> table(robot).getSelectionModel().select(index));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void bookmarkingAndTaggingAreKeptInTheCaseAndFilterable(FxRobot robot) throws Exception {
    select(robot, 2);
    EventRow chosen = model.selectedProperty().get();
    robot.clickOn("#event-bookmark");
    robot.clickOn("#event-tag-input").write("persistence").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#event-bookmark").queryAs(ToggleButton.class).isSelected()).isTrue();
    assertThat(robot.lookup("#event-tags").queryLabeled().getText()).isEqualTo("#persistence");

    // kept in the case: a fresh workspace's queries see them
    assertThat(workspace.timeline().tags(chosen)).containsExactly("bookmark", "persistence");

    robot.clickOn("#filter").eraseText(40).write("tag:bookmark").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventId).containsExactly(chosen.eventId());

    // a bad tag is refused with a reason, nothing stored
    select(robot, 0);
    robot.clickOn("#event-tag-input").write("two words").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.noticeProperty().get()).contains("Not tagged", "not a tag");
    assertThat(workspace.timeline().tags(chosen)).containsExactly("bookmark", "persistence");

    // unbookmark
    robot.clickOn("#event-bookmark");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(workspace.timeline().tags(chosen)).containsExactly("persistence");
  }

  @Test
  void aSavedFilterIsOfferedAgainAndAppliesWhenChosen(FxRobot robot) throws Exception {
    robot.clickOn("#filter").write("ip:203.0.113.77").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    int attackerEvents = table(robot).getItems().size();
    assertThat(attackerEvents).isEqualTo(4);
    robot.interact(() -> model.saveFilter("attacker"));
    assertThat(model.savedFilters()).extracting(TimelineQueries.SavedFilter::name).containsExactly("attacker");

    robot.clickOn("#filter").eraseText(40).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).hasSize(8);

    robot.clickOn("#saved-filters").clickOn("#saved-filter-attacker");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.filterProperty().get()).isEqualTo("ip:203.0.113.77");
    assertThat(table(robot).getItems()).hasSize(attackerEvents);

    robot.interact(() -> model.saveFilter("broken"));
    robot.interact(() -> model.filterProperty().set("eventName:("));
    robot.interact(() -> model.saveFilter("broken"));
    assertThat(model.noticeProperty().get()).contains("Filter not saved");
    assertThat(workspace.timeline().savedFilters()).extracting(TimelineQueries.SavedFilter::name)
        .containsExactlyInAnyOrder("attacker", "broken");
  }

  @Test
  void anEventAnotherFileContradictsSaysSoInTheDetail(FxRobot robot) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(TimelineViewModelTest.FIXTURE.toFile());
    var first = (com.fasterxml.jackson.databind.node.ObjectNode) doc.path("Records").get(0).deepCopy();
    String contestedId = first.path("eventID").asText();
    first.put("errorCode", "AccessDenied");
    first.put("errorMessage", "User is not authorized");
    Path other = caseDir.resolveSibling(caseDir.getFileName() + "-other-trail.json");
    json.writeValue(other.toFile(), json.createObjectNode().set("Records", json.createArrayNode().add(first)));
    workspace.importFiles(List.of(other), p -> {});

    robot.clickOn("#filter").write("eventId:" + contestedId).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventId).containsExactly(contestedId);
    robot.interact(() -> { // the row was selected before the second import
      model.selectedProperty().set(null);
      table(robot).getSelectionModel().clearSelection();
    });
    select(robot, 0);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.selectedContested().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#event-decoded").queryTextInputControl().getText())
        .contains("CONTESTED     another copy says otherwise")
        .contains(other.getFileName() + " (record 1): errorCode AccessDenied in that copy, none in the case");

    robot.clickOn("#filter").eraseText(80).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    EventRow uncontested = table(robot).getItems().stream().filter(r -> !r.eventId().equals(contestedId)).findFirst().orElseThrow();
    robot.interact(() -> table(robot).getSelectionModel().select(uncontested));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> uncontested.equals(model.selectedProperty().get()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.selectedContested()).isEmpty();
    assertThat(robot.lookup("#event-decoded").queryTextInputControl().getText()).doesNotContain("CONTESTED");
  }

  @Test
  void theDetailShowsTheSourceAddressEnrichmentAndAddToFindingHandsOverTheEvent(FxRobot robot) throws Exception {
    robot.clickOn("#filter").write("ip:203.0.113.77").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    select(robot, 0);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.selectedIpInfoProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#event-decoded").queryTextInputControl().getText())
        .contains("203.0.113.77  (", "RFC 5737");
    EventRow row = model.selectedProperty().get();
    robot.clickOn("#event-add-to-finding");
    assertThat(handedToFindings).hasSize(1);
    Evidence.Event e = (Evidence.Event) handedToFindings.get(0).get(0);
    assertThat(e.eventId()).isEqualTo(row.eventId());
    assertThat(e.sourceIp()).isEqualTo("203.0.113.77");
    assertThat(e.time()).isEqualTo(row.time());
  }
}
