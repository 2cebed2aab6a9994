package io.github.trailbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Work held back for the first page runs only after a frame laid out with what the page brought
 * (#23: on two cores the case's other readers took a core from the first rows' layout).
 */
@ExtendWith(ApplicationExtension.class)
class AfterFirstPageTest {
  private Stage stage;
  private VBox rows;
  private final List<String> seen = new ArrayList<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    rows = new VBox();
    stage.setScene(new Scene(rows, 300, 200));
    stage.show();
  }

  @Test
  void heldBackWorkWaitsForTheFrameWithTheArrivedRows() throws Exception {
    SimpleBooleanProperty loading = new SimpleBooleanProperty(true);
    Label row = new Label("CreateUser by alice");
    WaitForAsyncUtils.asyncFx(() -> AfterFirstPage.run(loading, stage, () -> {
      // what the analyst waits for has been laid out by now
      seen.add("ran with the row " + (row.getScene() != null && row.getWidth() > 0 ? "laid out" : "not laid out"));
    })).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(seen).as("nothing runs while the page is loading").isEmpty();

    WaitForAsyncUtils.asyncFx(() -> {
      rows.getChildren().add(row);
      loading.set(false);
      seen.add("loaded");
    }).get();
    WaitForAsyncUtils.waitForFxEvents(5);
    assertThat(seen).containsExactly("loaded", "ran with the row laid out");
  }

  @Test
  void runsAtOnceWhenNothingIsLoading() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      AfterFirstPage.run(new SimpleBooleanProperty(false), stage, () -> seen.add("ran"));
      seen.add("after the call");
    }).get();
    assertThat(seen).containsExactly("ran", "after the call");
  }

  @Test
  void runsOnceTheRowsArriveEvenWithoutAWindowOnScreen() throws Exception {
    SimpleBooleanProperty loading = new SimpleBooleanProperty(true);
    WaitForAsyncUtils.asyncFx(() -> {
      stage.hide();
      AfterFirstPage.run(loading, stage, () -> seen.add("ran"));
      loading.set(false);
      seen.add("loaded");
    }).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(seen).containsExactly("ran", "loaded");
    Platform.runLater(stage::show);
  }
}
