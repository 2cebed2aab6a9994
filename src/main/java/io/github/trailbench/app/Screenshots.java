package io.github.trailbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/** Renders a scene to PNG, for README screenshots and visual checks. */
public final class Screenshots {
  private Screenshots() {}

  /** Runs {@code action} on the FX thread once {@code busy} is false and a layout pass has run. */
  public static void whenIdle(ObservableBooleanValue busy, Runnable action) {
    PauseTransition settle = new PauseTransition(Duration.millis(600));
    settle.setOnFinished(e -> {
      if (busy.get()) {
        whenIdle(busy, action);
      } else {
        action.run();
      }
    });
    settle.play();
  }

  public static void write(Scene scene, Path file) throws IOException {
    scene.getRoot().applyCss();
    scene.getRoot().layout();
    WritableImage image = scene.snapshot(null);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
  }
}
