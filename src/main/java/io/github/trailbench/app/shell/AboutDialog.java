package io.github.trailbench.app.shell;

import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.TextArea;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Name, version, runtime and the licences of the data that ships with the app. */
public final class AboutDialog {
  private AboutDialog() {}

  public static Alert create(Window owner, String version) {
    return create(owner, version, List.of(), "");
  }

  /**
   * @param dataSources one line per data set in use (IP databases with licence and date, the
   *     action catalog, what enriched the open case)
   * @param licenceText the licence and attribution notices of bundled data, shown expandable
   */
  public static Alert create(Window owner, String version, List<String> dataSources, String licenceText) {
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
    body.setMaxWidth(560);
    VBox content = new VBox(10, body);
    if (!dataSources.isEmpty()) {
      Label data = new Label("Data in use:\n" + dataSources.stream().map(l -> "• " + l).collect(Collectors.joining("\n")));
      data.setId("about-data");
      data.setWrapText(true);
      data.setMaxWidth(560);
      content.getChildren().add(data);
    }
    alert.getDialogPane().setContent(content);
    if (licenceText != null && !licenceText.isBlank()) {
      TextArea licences = new TextArea(licenceText);
      licences.setId("about-licences");
      licences.setEditable(false);
      licences.setWrapText(true);
      licences.setPrefRowCount(14);
      alert.getDialogPane().setExpandableContent(licences);
    }
    return alert;
  }

  public static void show(Window owner, String version, List<String> dataSources, String licenceText) {
    create(owner, version, dataSources, licenceText).show();
  }
}
