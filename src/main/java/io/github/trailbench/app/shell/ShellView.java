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
  }

  private final ShellViewModel model;
  private final Function<Section, Node> views;
  private final Map<Section, Node> built = new EnumMap<>(Section.class);
  private final StackPane content = new StackPane();

  public ShellView(ShellViewModel model, Function<Section, Node> views, Actions actions) {
    this.model = model;
    this.views = views;
    getStyleClass().add("shell");
    setTop(menuBar(actions));
    setLeft(navigation());
    content.setId("content");
    content.getStyleClass().add("content");
    setCenter(content);
    setBottom(statusBar());
    model.selectedProperty().addListener((obs, old, section) -> show(section));
    show(model.selectedProperty().get());
  }

  private void show(Section section) {
    Node view = built.computeIfAbsent(section, views);
    content.getChildren().setAll(view);
  }

  private MenuBar menuBar(Actions actions) {
    MenuItem open = item("Open case…", "mdi2f-folder-open-outline", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
    open.setOnAction(e -> actions.openCase());
    MenuItem importFiles = item("Import files…", "mdi2d-database-import-outline", new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
    importFiles.setOnAction(e -> actions.importFiles());
    importFiles.disableProperty().bind(model.openCaseProperty().isNull().or(model.busyProperty()));
    MenuItem export = item("Export…", "mdi2f-file-export-outline", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
    export.setOnAction(e -> actions.export());
    export.disableProperty().bind(model.openCaseProperty().isNull());
    MenuItem quit = item("Quit", null, new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    quit.setOnAction(e -> actions.quit());
    Menu file = new Menu("_File", null, open, importFiles, export, new SeparatorMenuItem(), quit);
    file.setId("menu-file");

    Menu view = new Menu("_View");
    KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
    for (Section s : model.sections()) {
      MenuItem go = item(s.title(), s.iconLiteral(), new KeyCodeCombination(digits[s.ordinal()], KeyCombination.SHORTCUT_DOWN));
      go.setId("menu-view-" + s.id());
      go.setOnAction(e -> model.select(s));
      view.getItems().add(go);
    }

    MenuItem about = item("About Trailbench", "mdi2i-information-outline", new KeyCodeCombination(KeyCode.F1));
    about.setId("menu-about");
    about.setOnAction(e -> actions.about());
    Menu help = new Menu("_Help", null, about);

    MenuBar bar = new MenuBar(file, view, help);
    bar.setId("menubar");
    return bar;
  }

  private static MenuItem item(String text, String icon, KeyCombination accelerator) {
    MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
    item.setAccelerator(accelerator);
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
    progress.visibleProperty().bind(model.busyProperty());
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
