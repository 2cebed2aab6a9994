package io.github.trailbench.app.shell;

import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Shows one help topic in a window beside the app (not modal: it can stay open while working). */
public final class HelpDialog {
  private HelpDialog() {}

  public static void show(Window owner, HelpTopic topic, Path sampleCase) {
    Alert alert = new Alert(Alert.AlertType.INFORMATION);
    alert.initOwner(owner);
    alert.initModality(Modality.NONE);
    alert.setTitle("Trailbench help");
    alert.setHeaderText(topic.title());
    TextArea text = new TextArea(topic.text(sampleCase));
    text.setId("help-text");
    text.setEditable(false);
    text.setWrapText(false);
    text.getStyleClass().add("policy-source");
    text.setPrefColumnCount(90);
    text.setPrefRowCount(Math.min(24, (int) topic.text(sampleCase).lines().count() + 1));
    alert.getDialogPane().setContent(text);
    alert.setResizable(true);
    alert.show();
  }
}
