package io.github.trailbench.app.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's layout: menu, navigation, the current view, status bar. No logic. */
public final class ShellView extends BorderPane {

  /** What the menu's commands do; supplied by the application, which owns dialogs. */
  public interface Actions {
    void openCase();

    void importFiles();

    void export();

    void about();

    void quit();

    /** Chooses an empty folder and creates a case in it. */
    default void newCase() {
      openCase();
    }

    /** Opens the bundled sample case (imported on first open). */
    default void openSample() {}

    /** Chooses a folder (an {@code AWSLogs/} tree) and imports it, creating a case first when none is open. */
    default void importFolder() {}

    /** Shows a help topic. */
    default void help(HelpTopic topic) {}

    /** Tells the analyst something failed. */
    default void error(String message) {}
  }

  private static final String NEEDS_CASE = " (open a case first)";

  private final ShellViewModel model;
  private final Function<Section, Node> views;
  private final Map<Section, Node> built = new EnumMap<>(Section.class);
  private final StackPane content = new StackPane();

  private final Actions actions;
  private Node welcome; // built when first shown: a case given on the command line never needs it

  public ShellView(ShellViewModel model, Function<Section, Node> views, Actions actions) {
    this(model, views, actions, false);
  }

  /**
   * @param firstViewAfterFirstFrame build the first section's view only once the window has drawn
   *     its first frame (the shell, with "Opening…" where the view goes): building the view and
   *     styling it for its first frame is most of a cold start, and the window need not wait for it
   */
  public ShellView(ShellViewModel model, Function<Section, Node> views, Actions actions, boolean firstViewAfterFirstFrame) {
    this.model = model;
    this.views = views;
    this.waitingForFirstFrame = firstViewAfterFirstFrame;
    this.actions = actions;
    getStyleClass().add("shell");
    setTop(menuBar(actions));
    setLeft(navigation());
    content.setId("content");
    content.getStyleClass().add("content");
    BorderPane center = new BorderPane(content);
    center.setTop(repairNotice());
    setCenter(center);
    setBottom(statusBar());
    model.selectedProperty().addListener((obs, old, section) -> show(section));
    model.openCaseProperty().addListener((obs, old, c) -> show(model.selectedProperty().get()));
    // a task's end clears "busy" before its success handler sets the case: look once both have run,
    // or the welcome pane would replace "Opening…" for a moment
    model.busyProperty().addListener((obs, old, b) -> {
      if (b) {
        show(model.selectedProperty().get());
      } else {
        javafx.application.Platform.runLater(() -> show(model.selectedProperty().get()));
      }
    });
    show(model.selectedProperty().get());
  }

  /** A bar over the views saying what opening the case repaired, until the analyst dismisses it. */
  private Node repairNotice() {
    Label text = new Label();
    text.setId("repair-notice-text");
    text.setWrapText(true);
    text.textProperty().bind(model.repairNoticeProperty());
    text.setGraphic(new FontIcon("mdi2a-alert-outline"));
    javafx.scene.control.Button dismiss = new javafx.scene.control.Button("Dismiss");
    dismiss.setId("repair-notice-dismiss");
    dismiss.setOnAction(e -> model.dismissRepairNotice());
    dismiss.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox bar = new HBox(10, text, dismiss);
    HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    bar.setId("repair-notice");
    bar.getStyleClass().add("repair-notice");
    bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    bar.setPadding(new javafx.geometry.Insets(6, 12, 6, 12));
    bar.visibleProperty().bind(model.repairNoticeProperty().isNotEmpty());
    bar.managedProperty().bind(bar.visibleProperty());
    return bar;
  }

  /** The section's view once a case is open (or opening); the welcome pane before. */
  private void show(Section section) {
    if (model.openCaseProperty().get() == null && !model.busyProperty().get()) {
      if (welcome == null) {
        welcome = new WelcomePane(model, actions);
      }
      showInContent(welcome);
      return;
    }
    if (waitingForFirstFrame && !built.containsKey(section)) {
      showAfterFirstFrame();
      return;
    }
    showInContent(built.computeIfAbsent(section, views));
  }

  private void showInContent(Node node) {
    if (content.getChildren().size() != 1 || content.getChildren().get(0) != node) {
      content.getChildren().setAll(node);
    }
  }

  private boolean waitingForFirstFrame;
  private boolean firstFrameWatched;

  /** "Opening…" in the content area until a frame with it was laid out, then the selected view. */
  private void showAfterFirstFrame() {
    if (content.getChildren().size() == 1 && "content-opening".equals(content.getChildren().get(0).getId())) {
      return; // already shown, maybe already laid out: the case finishing opening must not replace it
    }
    Label opening = new Label("Opening\u2026");
    opening.setId("content-opening");
    opening.getStyleClass().add("placeholder");
    content.getChildren().setAll(opening);
    if (firstFrameWatched) {
      return;
    }
    firstFrameWatched = true;
    if (getScene() != null) {
      afterFirstLayoutOf(getScene());
    } else {
      sceneProperty().addListener((obs, old, scene) -> {
        if (scene != null && old == null) {
          afterFirstLayoutOf(scene);
        }
      });
    }
  }

  private void afterFirstLayoutOf(javafx.scene.Scene scene) {
    Runnable[] afterLayout = new Runnable[1];
    afterLayout[0] = () -> {
      scene.removePostLayoutPulseListener(afterLayout[0]);
      // this pulse is drawn next; the view is built on the following turn of the event loop
      javafx.application.Platform.runLater(() -> {
        if (waitingForFirstFrame) {
          waitingForFirstFrame = false;
          show(model.selectedProperty().get());
        }
      });
    };
    scene.addPostLayoutPulseListener(afterLayout[0]);
  }

  private MenuBar menuBar(Actions actions) {
    javafx.beans.binding.BooleanBinding noCase = model.openCaseProperty().isNull();
    MenuItem newCase = item("New case…", "mdi2f-folder-plus-outline", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
    newCase.setId("menu-new-case");
    newCase.setOnAction(e -> actions.newCase());
    MenuItem open = item("Open case…", "mdi2f-folder-open-outline", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
    open.setId("menu-open-case");
    open.setOnAction(e -> actions.openCase());
    MenuItem sample = item("Open the sample case", "mdi2s-shield-search", null);
    sample.setId("menu-open-sample");
    sample.setOnAction(e -> actions.openSample());
    MenuItem importFiles = item("Import files…", "mdi2d-database-import-outline", new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
    importFiles.setId("menu-import-files");
    importFiles.setOnAction(e -> actions.importFiles());
    importFiles.disableProperty().bind(noCase.or(model.busyProperty()));
    needsCase(importFiles, "Import files…");
    MenuItem importFolder = item("Import a folder…", "mdi2f-folder-download-outline",
        new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    importFolder.setId("menu-import-folder");
    importFolder.setOnAction(e -> actions.importFolder());
    importFolder.disableProperty().bind(model.busyProperty());
    MenuItem export = item("Export…", "mdi2f-file-export-outline", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
    export.setId("menu-export");
    export.setOnAction(e -> actions.export());
    export.disableProperty().bind(noCase);
    needsCase(export, "Export…");
    MenuItem quit = item("Quit", null, new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    quit.setOnAction(e -> actions.quit());
    Menu file = new Menu("_File", null, newCase, open, sample, new SeparatorMenuItem(), importFiles, importFolder, export,
        new SeparatorMenuItem(), quit);
    file.setId("menu-file");

    Menu view = new Menu("_View");
    KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6};
    for (Section s : model.sections()) {
      MenuItem go = item(s.title(), s.iconLiteral(), new KeyCodeCombination(digits[s.ordinal()], KeyCombination.SHORTCUT_DOWN));
      go.setId("menu-view-" + s.id());
      go.setOnAction(e -> model.select(s));
      view.getItems().add(go);
    }

    Menu help = new Menu("_Help");
    for (HelpTopic topic : HelpTopic.values()) {
      MenuItem show = item(topic.title(), topic.iconLiteral(), topic == HelpTopic.SHORTCUTS ? new KeyCodeCombination(KeyCode.F1) : null);
      show.setId("menu-help-" + topic.id());
      show.setOnAction(e -> actions.help(topic));
      help.getItems().add(show);
    }
    MenuItem about = item("About Trailbench", "mdi2i-information-outline", null);
    about.setId("menu-about");
    about.setOnAction(e -> actions.about());
    help.getItems().addAll(new SeparatorMenuItem(), about);

    MenuBar bar = new MenuBar(file, view, help);
    bar.setId("menubar");
    return bar;
  }

  /**
   * A menu item cannot carry a tooltip (JavaFX shows none for menu items, nor for anything
   * disabled), so an item that needs a case says so in its text while it is disabled.
   */
  private void needsCase(MenuItem item, String text) {
    item.textProperty().bind(javafx.beans.binding.Bindings.when(model.openCaseProperty().isNull())
        .then(text + NEEDS_CASE).otherwise(text));
  }

  private static MenuItem item(String text, String icon, KeyCombination accelerator) {
    MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
    if (accelerator != null) {
      item.setAccelerator(accelerator);
    }
    return item;
  }

  private Node navigation() {
    ListView<Section> list = new ListView<>();
    list.setId("navigation");
    list.getStyleClass().add("navigation");
    list.getItems().setAll(model.sections());
    list.setPrefWidth(210);
    list.setCellFactory(v -> new SectionCell());
    list.getSelectionModel().select(model.selectedProperty().get());
    list.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> {
      if (s != null) {
        model.select(s);
      }
    });
    model.selectedProperty().addListener((obs, old, s) -> list.getSelectionModel().select(s));

    Label brand = new Label("Trailbench", new FontIcon("mdi2s-shield-search"));
    brand.getStyleClass().add("brand");
    Label caseName = new Label();
    caseName.setId("nav-case");
    caseName.getStyleClass().add("nav-case");
    caseName.setWrapText(true);
    caseName.textProperty().bind(model.openCaseProperty().map(c -> c.name()).orElse("No case open"));
    VBox box = new VBox(brand, caseName, list);
    box.getStyleClass().add("sidebar");
    VBox.setVgrow(list, Priority.ALWAYS);
    return box;
  }

  private Node statusBar() {
    Label caseLine = new Label();
    caseLine.setId("status-case");
    caseLine.textProperty().bind(model.caseLineProperty());
    Label status = new Label();
    status.setId("status-text");
    status.textProperty().bind(model.statusProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("status-progress");
    progress.setPrefWidth(140);
    progress.progressProperty().bind(model.progressProperty());
    progress.visibleProperty().bind(model.busyProperty().or(model.caseLoadingProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button cancel = new Button("Cancel import");
    cancel.setId("cancel-import");
    cancel.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
    cancel.visibleProperty().bind(model.importingProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> model.cancelImport());
    HBox bar = new HBox(12, caseLine, spacer, status, progress, cancel);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 10, 4, 10));
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  private static final class SectionCell extends ListCell<Section> {
    @Override
    protected void updateItem(Section section, boolean empty) {
      super.updateItem(section, empty);
      if (empty || section == null) {
        setText(null);
        setGraphic(null);
        setId(null);
      } else {
        setText(section.title());
        setGraphic(new FontIcon(section.iconLiteral()));
        setId("nav-" + section.id());
      }
    }
  }
}
