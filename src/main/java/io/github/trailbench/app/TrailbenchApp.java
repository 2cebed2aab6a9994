package io.github.trailbench.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application. */
public class TrailbenchApp extends Application {

  public static int launchFromCommandLine(String[] args) {
    Application.launch(TrailbenchApp.class, args);
    return 0;
  }

  @Override
  public void start(Stage stage) {
    stage.setScene(new Scene(new Label("Trailbench"), 1280, 800));
    stage.setTitle("Trailbench");
    stage.show();
  }
}
