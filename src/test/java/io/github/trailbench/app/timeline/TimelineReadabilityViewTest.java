package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timeline as the app styles it (Primer theme and Trailbench's stylesheet) at the width a
 * 1366×768 screen leaves beside the navigation: what an analyst can read.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineReadabilityViewTest {
  /** 1366 minus the navigation (210) and the window's borders. */
  static final double TIMELINE_WIDTH_AT_1366 = 1140;
  private StoreCaseWorkspace workspace;
  private TimelineViewModel model;

  @Start
  void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("timeline-readability"));
    workspace.importFiles(List.of(TimelineViewModelTest.FIXTURE), p -> {});
    model = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    Scene scene = new Scene(new TimelineView(model), TIMELINE_WIDTH_AT_1366, 700);
    scene.getStylesheets().add(Path.of("assets/theme.css").toUri().toString());
    stage.setScene(scene);
    stage.show();
    model.apply();
  }

  @AfterEach
  void close() {
    workspace.close();
    Application.setUserAgentStylesheet(null);
  }

  @SuppressWarnings("unchecked")
  private static TableView<EventRow> table(FxRobot robot) {
    return robot.lookup("#events").queryAs(TableView.class);
  }

  @Test
  void principalsAreShortWithTheArnOnHoverAndErrorVerdictAndSourceIpFitTheWidth(FxRobot robot) {
    TableView<EventRow> table = table(robot);
    List<String> principals = robot.lookup("#events .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
        .filter(c -> c.getTableColumn() != null && "Principal".equals(c.getTableColumn().getText()) && c.getText() != null)
        .map(c -> c.getText()).toList();
    assertThat(principals).contains("user/ci-deploy", "user/bob").noneMatch(p -> p.startsWith("arn:"));
    javafx.scene.control.TableCell<?, ?> bobCell = robot.lookup("#events .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
        .stream().filter(c -> "user/bob".equals(c.getText())).findFirst().orElseThrow();
    assertThat(bobCell.getTooltip().getText()).isEqualTo("arn:aws:iam::111122223333:user/bob");

    double visible = table.getWidth();
    double right = 0;
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      right += c.isVisible() ? c.getWidth() : 0;
      if (c.getText().equals("Error") || c.getText().equals("Verdict") || c.getText().equals("Source IP")) {
        assertThat(right).as(c.getText() + "'s right edge within the table's %s px", visible).isLessThan(visible);
      }
    }
  }

  /**
   * Who, what, when, from where and whether the engine agrees, without scrolling sideways: the
   * columns up to Source IP end inside the table, beside its vertical scroll bar.
   */
  @Test
  void theColumnsUpToSourceIpFitBesideTheScrollBar(FxRobot robot) {
    TableView<EventRow> table = table(robot);
    double scrollBar = 16;
    double right = 0;
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      right += c.isVisible() ? c.getWidth() : 0;
      if (c.getText().equals("Source IP")) {
        break;
      }
    }
    assertThat(right).as("Source IP's right edge within the table's %s px less a scroll bar", table.getWidth())
        .isLessThanOrEqualTo(table.getWidth() - scrollBar);
  }

  /**
   * An undetermined verdict says on what: the cell, its question mark and the usual keys fit whole,
   * in the cells' own font.
   */
  @Test
  void anUndeterminedVerdictShowsItsKeyWhole(FxRobot robot) {
    TableView<EventRow> table = table(robot);
    TableColumn<EventRow, ?> verdict = table.getColumns().stream().filter(c -> "Verdict".equals(c.getText())).findFirst().orElseThrow();
    javafx.scene.control.TableCell<?, ?> cell = robot.lookup("#events .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
        .stream().filter(c -> c.getTableColumn() == verdict).findFirst().orElseThrow();
    double icon = TimelineView.undeterminedIcon().prefWidth(-1) + cell.getGraphicTextGap();
    double padding = cell.snappedLeftInset() + cell.snappedRightInset();
    for (String key : List.of(io.github.trailbench.core.policy.UnknownPolicy.KEY, "aws:SecureTransport", "aws:SourceVpc",
        "aws:PrincipalOrgID", "aws:MultiFactorAuthPresent", "(caller)", "(resource ARN)")) {
      String shown = new RowVerdict(io.github.trailbench.core.correlate.ReplayVerdict.UNDETERMINED, key).cellText();
      Text text = new Text(shown);
      text.setFont(cell.getFont());
      assertThat(icon + text.getLayoutBounds().getWidth() + padding).as("\"%s\" in the Verdict column", shown)
          .isLessThanOrEqualTo(verdict.getWidth());
    }
  }

  /** An analyst orders and compares calls by the second: the Time column shows them whole at the default width. */
  @Test
  void timesShowTheirSecondsAtTheDefaultWidth(FxRobot robot) {
    // on the FX thread: selecting from the test thread raced the table's layout (a JavaFX text-layout NPE in one CI run)
    robot.interact(() -> table(robot).getSelectionModel().select(1)); // a selected denied row is drawn bold, so wider
    WaitForAsyncUtils.waitForFxEvents();
    List<javafx.scene.control.Labeled> times = robot.lookup("#events .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
        .stream().filter(c -> c.getTableColumn() != null && "Time".equals(c.getTableColumn().getText())
            && c.getText() != null && !c.getText().isEmpty())
        .map(c -> (javafx.scene.control.Labeled) c).toList();
    assertThat(times).isNotEmpty();
    for (javafx.scene.control.Labeled c : times) {
      Text shown = (Text) c.lookup(".text");
      assertThat(shown.getText()).as("the Time cell as drawn").isEqualTo(c.getText());
    }
  }

  @Test
  void aSelectedDeniedRowAndItsMenuAreReadable(FxRobot robot) throws Exception {
    robot.interact(() -> table(robot).getSelectionModel().select(1)); // ListUsers, AccessDenied (on the FX thread)
    WaitForAsyncUtils.waitForFxEvents();
    TableRow<?> row = row(robot, 1);
    assertThat(row.getStyleClass()).contains("event-failed");
    assertThat(row.isSelected()).isTrue();
    Color rowBackground = lastFill(row);
    Text errorText = (Text) row.lookupAll(".text").stream().filter(t -> "AccessDenied".equals(((Text) t).getText())).findFirst().orElseThrow();
    assertThat(contrast((Color) errorText.getFill(), rowBackground)).as("denied text on the selected row").isGreaterThan(4.5);

    robot.rightClickOn(row);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#event-menu").tryQuery().isPresent());
    WaitForAsyncUtils.waitForFxEvents();
    Node menu = robot.lookup(".context-menu").match(Node::isVisible).query();
    Label explain = robot.from(menu).lookup(".label").match(l -> "Explain this decision".equals(((Label) l).getText())).queryAs(Label.class);
    Text label = (Text) explain.lookup(".text");
    assertThat(contrast((Color) label.getFill(), backgroundBehind(explain)))
        .as("menu label on the menu (not the row's colours)").isGreaterThan(4.5);
  }

  @Test
  void showEventsAroundThisOneFromTheRowMenuListsItsNeighbourhood(FxRobot robot) throws Exception {
    robot.interact(() -> {
      model.filterProperty().set("principal:bob");
      model.apply();
    });
    assertThat(table(robot).getItems()).hasSize(4);
    robot.rightClickOn(row(robot, 0)); // DescribeInstances 10:00
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("Show events around this one (± 1 hour)");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 6);
    assertThat(table(robot).getItems()).extracting(EventRow::eventName)
        .containsExactly("GetCallerIdentity", "ListUsers", "ListRoles", "ListBuckets", "DescribeInstances", "RunInstances");
    assertThat(table(robot).getSelectionModel().getSelectedItem().eventName()).isEqualTo("DescribeInstances");
    assertThat(robot.lookup("#filter").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
  }

  @Test
  void simulateThisPrincipalFromTheRowMenuHandsTheRowsUserToTheSimulator(FxRobot robot) throws Exception {
    List<String> simulated = new java.util.ArrayList<>();
    robot.interact(() -> {
      model.setSimulateHandler(simulated::add);
      model.filterProperty().set("principal:bob");
      model.apply();
    });
    robot.rightClickOn(row(robot, 0));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("Simulate this principal…");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(simulated).containsExactly("arn:aws:iam::111122223333:user/bob");
  }

  private static TableRow<?> row(FxRobot robot, int index) {
    return robot.lookup(".table-row-cell").match(n -> n.isVisible() && ((TableRow<?>) n).getIndex() == index).queryAs(TableRow.class);
  }

  /** The colour of the nearest ancestor that paints a background. */
  private static Color backgroundBehind(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
        return lastFill(r);
      }
    }
    throw new AssertionError("nothing paints behind " + node);
  }

  private static Color lastFill(Region region) {
    List<javafx.scene.layout.BackgroundFill> fills = region.getBackground().getFills();
    Paint p = fills.get(fills.size() - 1).getFill();
    return (Color) p;
  }

  /** WCAG contrast ratio of two opaque colours. */
  static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  private static double linear(double v) {
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
}
