package io.github.trailbench.app.shell;

import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** What the window shows while no case is open: the ways to start, and the cases opened last. */
final class WelcomePane extends VBox {

  WelcomePane(ShellViewModel model, ShellView.Actions actions) {
    super(10);
    setId("welcome");
    getStyleClass().add("welcome");
    setAlignment(Pos.CENTER);
    setPadding(new Insets(24));
    setMaxWidth(Double.MAX_VALUE);

    Label title = new Label("No case open");
    title.getStyleClass().add("title-2");
    Label lead = new Label("A case is a folder on this machine that holds the imported logs, IAM data and your findings.");
    lead.getStyleClass().add("text-muted");
    lead.setWrapText(true);

    Button sample = button("Open the sample case", "mdi2s-shield-search", "welcome-sample", actions::openSample);
    sample.setDefaultButton(true);
    Button newCase = button("New case…", "mdi2f-folder-plus-outline", "welcome-new", actions::newCase);
    Button open = button("Open case…", "mdi2f-folder-open-outline", "welcome-open", actions::openCase);
    Button folder = button("Import a folder…", "mdi2f-folder-download-outline", "welcome-import-folder", actions::importFolder);
    folder.setTooltip(new javafx.scene.control.Tooltip("Creates a case (you choose where) and imports a folder such as an AWSLogs/ tree into it"));

    Label recentTitle = new Label("Recent cases");
    recentTitle.getStyleClass().add("title-4");
    VBox recent = new VBox(2);
    recent.setId("welcome-recent");
    recent.setAlignment(Pos.CENTER);
    Runnable fill = () -> {
      recent.getChildren().clear();
      for (Path p : model.recentCases()) {
        Hyperlink link = new Hyperlink(p.getFileName() + "   " + p);
        link.setOnAction(e -> model.openCase(p, actions::error));
        recent.getChildren().add(link);
      }
      if (recent.getChildren().isEmpty()) {
        Label none = new Label("none yet");
        none.getStyleClass().add("text-muted");
        recent.getChildren().add(none);
      }
    };
    model.recentCases().addListener((ListChangeListener<Path>) c -> fill.run());
    fill.run();

    VBox buttons = new VBox(8, sample, newCase, open, folder);
    buttons.setAlignment(Pos.CENTER);
    buttons.setMaxWidth(280);
    buttons.getChildren().forEach(b -> ((Button) b).setMaxWidth(Double.MAX_VALUE));
    getChildren().addAll(title, lead, buttons, recentTitle, recent);
  }

  private static Button button(String text, String icon, String id, Runnable action) {
    Button b = new Button(text, new FontIcon(icon));
    b.setId(id);
    b.setOnAction(e -> action.run());
    return b;
  }
}
