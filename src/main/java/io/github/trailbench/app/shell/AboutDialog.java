package io.github.trailbench.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Name, version, runtime and the licences of the data that ships with the app. */
public final class AboutDialog {
  private AboutDialog() {}

  public static Alert create(Window owner, String version) {
    Alert alert = new Alert(Alert.AlertType.INFORMATION);
    alert.initOwner(owner);
    alert.setTitle("About Trailbench");
    alert.setHeaderText("Trailbench " + version);
    Label body = new Label(
        "A workbench for AWS incident investigation: who did what, with which credentials,"
            + " through which role chain, and why each request was allowed.\n\n"
            + "Everything runs offline; no data leaves this machine.\n\n"
            + "Runtime: Java " + System.getProperty("java.version")
            + ", JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
            + "Data shipped with the app and its licences: see docs/data-licences.md.");
    body.setId("about-text");
    body.setWrapText(true);
    body.setMaxWidth(460);
    alert.getDialogPane().setContent(new VBox(body));
    return alert;
  }

  public static void show(Window owner, String version) {
    create(owner, version).show();
  }
}
