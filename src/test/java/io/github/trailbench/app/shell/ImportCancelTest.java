package io.github.trailbench.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.ImportOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An import running in the background can be cancelled from the status bar. */
@ExtendWith(ApplicationExtension.class)
class ImportCancelTest {
  private final FakeWorkspace workspace = new FakeWorkspace();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private ShellViewModel model;

  @Start
  void start(Stage stage) {
    model = new ShellViewModel(workspace, worker);
    ShellView view = new ShellView(model, PlannedView::new, new ShellView.Actions() {
      @Override public void openCase() {}
      @Override public void importFiles() {}
      @Override public void export() {}
      @Override public void about() {}
      @Override public void quit() {}
    });
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  @Test
  void theCancelButtonShowsOnlyDuringAnImportAndStopsIt(FxRobot robot) throws Exception {
    Button cancel = robot.lookup("#cancel-import").queryButton();
    assertThat(cancel.isVisible()).isFalse();

    workspace.holdImportUntilCancelled = new CountDownLatch(1);
    AtomicReference<ImportOutcome> done = new AtomicReference<>();
    robot.interact(() -> model.importFiles(List.of(Path.of("a.json"), Path.of("b.json"), Path.of("c.json")), done::set, m -> {}));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, cancel::isVisible);

    robot.clickOn("#cancel-import");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> done.get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(workspace.cancelRequested).isTrue();
    assertThat(done.get().cancelled()).isTrue();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.busyProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(cancel.isVisible()).isFalse();
    assertThat(robot.lookup("#status-text").queryAs(Label.class).getText()).contains("Import cancelled: 2 file(s) not imported");
  }
}
