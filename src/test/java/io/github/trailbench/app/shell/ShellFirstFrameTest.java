package io.github.trailbench.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's window shows its shell first, with "Opening…" where the case's view goes, and builds
 * that view only after a frame with the placeholder was laid out (#23: the window appears before
 * the costliest part of a cold start).
 */
@ExtendWith(ApplicationExtension.class)
class ShellFirstFrameTest {
  private final List<Section> built = new ArrayList<>();
  private final List<Double> placeholderWidthWhenBuilt = new ArrayList<>();
  private final List<Node> contentShown = new ArrayList<>();
  private ShellView view;
  private boolean builtBeforeShown;
  private Node contentBeforeShown;

  @Start
  void start(Stage stage) {
    ShellViewModel model = new ShellViewModel(new FakeWorkspace(), Runnable::run);
    model.openCase(Path.of("/cases/acme-incident"), msg -> {});
    view = new ShellView(model, section -> {
      built.add(section);
      Node placeholder = view.lookup("#content-opening");
      placeholderWidthWhenBuilt.add(placeholder == null ? -1.0 : ((Label) placeholder).getWidth());
      return new PlannedView(section);
    }, new ShellView.Actions() {
      @Override public void openCase() {}
      @Override public void importFiles() {}
      @Override public void export() {}
      @Override public void about() {}
      @Override public void quit() {}
      @Override public void openSample() {}
      @Override public void newCase() {}
      @Override public void importFolder() {}
      @Override public void help(HelpTopic topic) {}
    }, true);
    builtBeforeShown = !built.isEmpty();
    StackPane content = (StackPane) view.lookup("#content");
    contentBeforeShown = content.getChildren().get(0);
    content.getChildren().addListener((javafx.collections.ListChangeListener<Node>) change -> {
      while (change.next()) {
        contentShown.addAll(change.getAddedSubList());
      }
    });
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  @Test
  void theCasesViewIsBuiltOnlyAfterAFrameShowedOpeningInItsPlace(FxRobot robot) {
    assertThat(builtBeforeShown).as("the view was built before the window was shown").isFalse();
    assertThat(contentBeforeShown.getId()).isEqualTo("content-opening");
    assertThat(((Label) contentBeforeShown).getText()).isEqualTo("Opening\u2026");

    WaitForAsyncUtils.waitForFxEvents();

    assertThat(built).containsExactly(Section.TIMELINE);
    assertThat(contentShown).extracting(Node::getId)
        .as("the case finishing opening neither showed the welcome pane nor replaced the placeholder")
        .containsExactly("view-timeline");
    assertThat(placeholderWidthWhenBuilt).singleElement().satisfies(w ->
        assertThat(w).as("the placeholder had been laid out when the view was built").isGreaterThan(0.0));
    StackPane content = robot.lookup("#content").queryAs(StackPane.class);
    assertThat(content.getChildren()).singleElement().satisfies(n -> assertThat(n.getId()).isEqualTo("view-timeline"));

    robot.clickOn("Findings");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(built).as("later sections are built at once, as before").containsExactly(Section.TIMELINE, Section.FINDINGS);
    assertThat(content.getChildren()).singleElement().satisfies(n -> assertThat(n.getId()).isEqualTo("view-findings"));
  }
}
