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
  void clickingExportWritesTheFilteredEventsToTheChosenFileAndSaysSo(FxRobot robot) throws Exception {
    Path file = Files.createTempDirectory("timeline-export").resolve("iam.csv");
    model.setExportFileChoice(() -> java.util.Optional.of(file));
    robot.clickOn("#filter").write("eventSource:iam.amazonaws.com").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    List<String> shownIds = table(robot).getItems().stream().map(EventRow::eventId).toList();
    robot.clickOn("#export-events");
    WaitForAsyncUtils.waitForFxEvents();
    List<String> lines = Files.readString(file).lines().toList();
    assertThat(lines.get(0)).startsWith("eventTime,eventId,");
    assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[1]).containsExactlyElementsOf(shownIds).hasSize(3);
    assertThat(robot.lookup("#timeline-notice").queryLabeled().getText()).isEqualTo("Exported 3 events to " + file);
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
  void theHistogramHasADatedAxisTellsCountsOnHoverAndZoomsToAClickedBar(FxRobot robot) throws Exception {
    HistogramChart chart = robot.lookup("#histogram").queryAs(HistogramChart.class);
    assertThat(chart.ticks()).extracting(TimeAxis.Tick::label).startsWith("2026-10-03 09:00").contains("10:00", "12:00");
    TimelineQueries.Bucket busiest = chart.buckets().stream().max(java.util.Comparator.comparingLong(TimelineQueries.Bucket::total)).orElseThrow();
    int i = chart.buckets().indexOf(busiest);
    double x = (i + 0.5) * chart.getWidth() / chart.buckets().size();
    robot.moveTo(chart.localToScreen(x, chart.getHeight() - HistogramChart.AXIS - 3));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(chart.hoverTextProperty().get()).isEqualTo("2026-10-03 09:00:00 – 09:05:00Z: 4 events (2 success, 2 access denied)\nClick to zoom to this bar, drag to zoom to a range");

    robot.clickOn(chart.localToScreen(x, chart.getHeight() - HistogramChart.AXIS - 3), MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.windowProperty().get()).isEqualTo(new TimelineQueries.Window(busiest.start(), busiest.end()));
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).containsExactly("GetCallerIdentity", "ListUsers", "ListRoles", "ListBuckets");
  }

  @Test
  void theAxisFollowsTheChosenZone(FxRobot robot) {
    HistogramChart chart = robot.lookup("#histogram").queryAs(HistogramChart.class);
    robot.interact(() -> model.zoneProperty().set(java.time.ZoneId.of("Asia/Kolkata")));
    assertThat(chart.ticks()).extracting(TimeAxis.Tick::label).startsWith("2026-10-03 14:30", "15:00");
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

  @Test
  void autocompleteCompletesAFieldNameThenAValueAndTheTableFilters(FxRobot robot) throws Exception {
    robot.clickOn("#filter").write("eventN");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> suggestionTexts(robot).contains("eventName:"));
    robot.type(KeyCode.TAB);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(filterText(robot)).isEqualTo("eventName:");
    assertThat(robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class).isFocused()).isTrue();
    robot.write("ListR");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> suggestionTexts(robot).equals(List.of("ListRoles")));
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
    assertThat(filterText(robot)).isEqualTo("eventName:ListRoles ");
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).containsExactly("ListRoles");
  }

  @Test
  void escapeClosesTheSuggestionsAndASyntaxErrorStillPointsAtItsPosition(FxRobot robot) throws Exception {
    robot.clickOn("#filter").write("error:");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> suggestionTexts(robot).contains("AccessDenied"));
    robot.type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(model.suggestions()).isEmpty();
    robot.write("x AND (").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#filter-error").queryAs(javafx.scene.control.Label.class).getText()).contains("at character");
    assertThat(robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class).getCaretPosition())
        .isEqualTo(model.filterErrorPositionProperty().get()).isGreaterThan(0);
  }

  @Test
  void clickingAColumnHeaderSortsTheRowsByItAndAgainReversesThem(FxRobot robot) {
    robot.clickOn(header(robot, "Event"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).containsExactly(
        "CreateBucket", "DescribeInstances", "GetCallerIdentity", "GetUser", "ListBuckets", "ListRoles", "ListUsers", "RunInstances");
    robot.clickOn(header(robot, "Event"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::eventName).startsWith("RunInstances", "ListUsers", "ListRoles");
    robot.clickOn(header(robot, "Principal"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems()).extracting(EventRow::principal).startsWith(
        "arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/bob");
    assertThat(model.sortProperty().get()).isEqualTo(new TimelineQueries.Sort(TimelineQueries.Column.PRINCIPAL, true));
  }

  @Test
  void theColumnMenuHidesAndShowsAColumn(FxRobot robot) {
    javafx.scene.control.TableColumn<EventRow, ?> ip = table(robot).getColumns().stream()
        .filter(c -> c.getText().equals("Source IP")).findFirst().orElseThrow();
    assertThat(ip.isVisible()).isTrue();
    robot.clickOn(".show-hide-columns-button");
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn((javafx.scene.Node) robot.lookup(".context-menu .check-menu-item")
        .match(n -> n.lookupAll(".label").stream().anyMatch(l -> "Source IP".equals(((javafx.scene.control.Label) l).getText())))
        .query());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(ip.isVisible()).isFalse();
    assertThat(robot.lookup(".column-header .label").queryAllAs(javafx.scene.control.Label.class))
        .extracting(javafx.scene.control.Label::getText).doesNotContain("Source IP").contains("Event");
  }

  @Test
  void clickingASessionTickSelectsThatEventInTheTable(FxRobot robot) throws Exception {
    robot.clickOn("#show-sessions");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.lanesProperty().get().lanes().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    SwimlaneChart chart = robot.lookup("#swimlanes").queryAs(SwimlaneChart.class);
    TimelineQueries.Lane bob = chart.lanes().lanes().get(1);
    assertThat(bob.session()).isEqualTo("AKIAEXAMPLEBOB000001");
    EventRow createBucket = bob.ticks().get(2);
    assertThat(createBucket.eventName()).isEqualTo("CreateBucket");
    javafx.geometry.Point2D at = chart.localToScreen(chart.xOf(createBucket.time()), chart.yOf(1));
    robot.clickOn(at, MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getSelectionModel().getSelectedItem()).isEqualTo(createBucket);
    assertThat(robot.lookup("#swimlanes-note").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo("2 sessions");
  }

  @Test
  void keysJumpBetweenErrorsFocusTheFilterAndOpenTheDetail(FxRobot robot) throws Exception {
    robot.clickOn((javafx.scene.Node) robot.lookup(".table-row-cell").nth(0).query());
    robot.type(KeyCode.N);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("ListUsers");
    robot.type(KeyCode.N).type(KeyCode.N);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("RunInstances");
    robot.press(KeyCode.SHIFT).type(KeyCode.F8).release(KeyCode.SHIFT);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("ListRoles");
    robot.type(KeyCode.P);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("ListUsers");
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#event-decoded").queryAs(javafx.scene.control.TextArea.class).isFocused()).isTrue();
    robot.type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).isFocused()).isTrue();
    robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class).isFocused()).isTrue();
  }

  private static String filterText(FxRobot robot) {
    return robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class).getText();
  }

  @SuppressWarnings("unchecked")
  private static List<String> suggestionTexts(FxRobot robot) {
    return robot.lookup("#filter-suggestions").tryQueryAs(javafx.scene.control.ListView.class)
        .map(l -> ((javafx.scene.control.ListView<TimelineViewModel.Suggestion>) l).getItems().stream()
            .map(TimelineViewModel.Suggestion::text).toList())
        .orElse(List.of());
  }

  private static javafx.scene.Node header(FxRobot robot, String title) {
    return robot.lookup(".column-header").match(n -> n.lookupAll(".label").stream()
        .anyMatch(l -> title.equals(((javafx.scene.control.Label) l).getText()))).query();
  }
}
