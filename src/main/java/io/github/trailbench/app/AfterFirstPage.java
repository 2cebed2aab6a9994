package io.github.trailbench.app;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Holds back work until a page the analyst waits for is on screen: after {@code loading} turns
 * false and the window has laid out a frame with what arrived. Building a table's first rows is the
 * FX thread's work; on two cores, readers started as soon as the rows arrive take a core from it
 * (the sample's first timeline page came 0.2–0.5 s later).
 */
final class AfterFirstPage {
  private AfterFirstPage() {}

  /** Runs {@code then} on the FX thread once {@code loading} is false and a frame was laid out after it. */
  static void run(ObservableBooleanValue loading, Window window, Runnable then) {
    if (!loading.get()) {
      then.run();
      return;
    }
    loading.addListener(new ChangeListener<Boolean>() {
      @Override
      public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean nowLoading) {
        if (!nowLoading) {
          obs.removeListener(this);
          afterNextLayout(window, then);
        }
      }
    });
  }

  /** Runs {@code then} on the FX thread after the window's next layout pass; at once when it shows nothing. */
  static void afterNextLayout(Window window, Runnable then) {
    Scene scene = window == null ? null : window.getScene();
    if (scene == null || !window.isShowing()) {
      then.run();
      return;
    }
    Runnable[] listener = new Runnable[1];
    boolean[] ran = {false};
    listener[0] = () -> {
      if (!ran[0]) { // removed on the next turn: the scene is walking its listeners now
        ran[0] = true;
        Platform.runLater(() -> {
          scene.removePostLayoutPulseListener(listener[0]);
          then.run();
        });
      }
    };
    scene.addPostLayoutPulseListener(listener[0]);
    Platform.requestNextPulse();
  }
}
