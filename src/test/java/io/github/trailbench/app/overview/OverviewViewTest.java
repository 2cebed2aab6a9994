package io.github.trailbench.app.overview;

import static io.github.trailbench.app.overview.OverviewFixture.ALICE;
import static io.github.trailbench.app.overview.OverviewFixture.AUDITOR;
import static io.github.trailbench.app.overview.OverviewFixture.CI;
import static io.github.trailbench.app.overview.OverviewFixture.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class OverviewViewTest {
  private OverviewViewModel model;
  private final List<String> pivots = new ArrayList<>();

  @Start
  void start(Stage stage) {
    model = new OverviewViewModel(new OverviewFixture(true), Runnable::run, Runnable::run);
    model.setTimelineHandler(pivots::add);
    stage.setScene(new Scene(new OverviewView(model), 1366, 768));
    stage.show();
    model.refresh();
  }

  @SuppressWarnings("unchecked")
  private static <T> TableView<T> table(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TableView.class);
  }

  /** Clicks the first cell of the table row whose first column shows {@code text}. */
  private static void clickRow(FxRobot robot, String tableId, String text) {
    robot.clickOn(robot.lookup(tableId + " .table-row-cell").queryAll().stream()
        .filter(row -> robot.from(row).lookup(".table-cell").queryAll().stream()
            .anyMatch(c -> c instanceof javafx.scene.control.Labeled l && text.equals(l.getText())))
        .findFirst().orElseThrow(() -> new AssertionError("no row showing " + text)));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void clickingAnAccountNarrowsThePrincipalsAndEveryAccountWidensAgain(FxRobot robot) {
    TableView<OverviewViewModel.PrincipalRow> principals = table(robot, "#overview-principals");
    assertThat(principals.getItems()).extracting(OverviewViewModel.PrincipalRow::principal).containsExactly(AUDITOR, CI, ALICE);

    clickRow(robot, "#overview-accounts", PROD);

    assertThat(principals.getItems()).extracting(OverviewViewModel.PrincipalRow::principal).containsExactly(CI, ALICE);
    robot.clickOn("#overview-all-accounts");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(principals.getItems()).hasSize(3);
  }

  @Test
  void clickingAPrincipalShowsItsSliceCommandWhichCopyPutsOnTheClipboard(FxRobot robot) {
    TextArea command = robot.lookup("#overview-slice-command").queryAs(TextArea.class);
    assertThat(command.getText()).isEmpty();
    assertThat(robot.lookup("#overview-copy").queryAs(Button.class).isDisabled()).isTrue();

    clickRow(robot, "#overview-principals", "not yet");  // the auditor: most events, none in the case

    assertThat(command.getText()).contains("--filter 'principal:\"" + AUDITOR + "\"");
    assertThat(robot.lookup("#overview-show-in-timeline").queryAs(Button.class).isDisabled()).isTrue();
    robot.clickOn("#overview-copy");
    WaitForAsyncUtils.waitForFxEvents();
    String[] clip = new String[1];
    robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
    assertThat(clip[0]).isEqualTo(command.getText());
  }

  @Test
  void aPrincipalTheCaseHoldsOpensInTheTimeline(FxRobot robot) {
    clickRow(robot, "#overview-principals", "214 events");

    robot.clickOn("#overview-show-in-timeline");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(pivots).containsExactly(CI);
  }
}
