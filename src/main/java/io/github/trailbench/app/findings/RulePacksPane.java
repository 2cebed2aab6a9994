package io.github.trailbench.app.findings;

import io.github.trailbench.app.findings.CaseRulesService.KnownAddress;
import io.github.trailbench.app.findings.CaseRulesService.RulePackRow;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Rule packs…" dialog: the case's rule packs (source, licence, rule count, the files that
 * did not load and why, on/off, remove), adding a file or folder, and the known addresses.
 */
public final class RulePacksPane extends BorderPane {

  public RulePacksPane(RulePacksViewModel model) {
    setId("rule-packs-pane");
    Label heading = new Label("Rule packs kept in this case");
    heading.getStyleClass().add("title-4");
    Label explain = new Label("Their rules run with the built-in ones on every detection run; the case keeps each file's text.");
    explain.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
    explain.setWrapText(true);
    Button addFile = new Button("Add file…", new FontIcon("mdi2f-file-plus-outline"));
    addFile.setId("add-rule-file");
    addFile.setOnAction(e -> model.addChosen(false));
    Button addFolder = new Button("Add folder…", new FontIcon("mdi2f-folder-plus-outline"));
    addFolder.setId("add-rule-folder");
    addFolder.setOnAction(e -> model.addChosen(true));
    TextField licence = new TextField();
    licence.setId("rule-pack-licence");
    licence.setPromptText("Licence, if the rules name none");
    licence.setPrefColumnCount(22);
    licence.textProperty().bindBidirectional(model.licenceProperty());
    Button remove = new Button("Remove", new FontIcon("mdi2d-delete-outline"));
    remove.setId("remove-rule-pack");
    remove.setOnAction(e -> model.removeSelected());
    remove.disableProperty().bind(model.selectedProperty().isNull());
    for (Button b : new Button[] {addFile, addFolder, remove}) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    addFile.disableProperty().bind(model.runningProperty());
    addFolder.disableProperty().bind(model.runningProperty());
    HBox bar = new HBox(8, addFile, addFolder, licence, remove);
    bar.setAlignment(Pos.CENTER_LEFT);

    TableView<RulePackRow> table = new TableView<>(model.packs());
    table.setId("rule-packs");
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setPlaceholder(new Label("No rule packs yet"));
    TableColumn<RulePackRow, RulePackRow> on = new TableColumn<>("On");
    on.setPrefWidth(44);
    on.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
    on.setCellFactory(c -> new TableCell<>() {
      private final CheckBox box = new CheckBox();

      {
        box.setOnAction(e -> model.setEnabled(getItem(), box.isSelected()));
      }

      @Override
      protected void updateItem(RulePackRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
          setGraphic(null);
        } else {
          box.setSelected(row.enabled());
          box.setId("enabled-" + row.name());
          setGraphic(box);
        }
      }
    });
    table.getColumns().add(on);
    table.getColumns().add(col("Name", 130, RulePackRow::name));
    table.getColumns().add(col("Kind", 64, RulePackRow::kind));
    table.getColumns().add(col("Rules", 100, r -> r.ruleCount() + (r.errors().isEmpty() ? "" : " (" + r.errors().size() + " failed)")));
    table.getColumns().add(col("Licence", 220, RulePackRow::licence));
    table.getColumns().add(col("Source", 290, RulePackRow::source));
    table.setPrefHeight(150);
    table.setMinHeight(110);
    table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
      if (r != null && r != model.selectedProperty().get()) {
        model.selectedProperty().set(r);
      }
    });
    ListView<String> errors = new ListView<>();
    errors.setId("rule-pack-errors");
    errors.setPrefHeight(90);
    errors.setMinHeight(70);
    errors.setPlaceholder(new Label("Every file of this pack loaded"));
    Label errorsLabel = new Label("Files that did not load");
    model.selectedProperty().addListener((o, a, r) -> {
      errors.getItems().setAll(r == null ? java.util.List.of() : r.errors());
      errorsLabel.setText(r == null ? "Files that did not load" : "Files of \"" + r.name() + "\" that did not load");
      if (r != null && table.getSelectionModel().getSelectedItem() != r) {
        table.getSelectionModel().select(r);
      }
    });

    Label known = new Label("Known addresses");
    known.getStyleClass().add("title-4");
    Label knownExplain = new Label("Calls from these are never a \"new address\"; findings with such calls say so.");
    knownExplain.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
    TableView<KnownAddress> addresses = new TableView<>(model.addresses());
    addresses.setId("known-addresses");
    addresses.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    addresses.setPlaceholder(new Label("No known addresses"));
    addresses.setPrefHeight(110);
    addresses.setMinHeight(100);
    TableColumn<KnownAddress, String> range = new TableColumn<>("Address or range");
    range.setPrefWidth(200);
    range.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().range()));
    TableColumn<KnownAddress, String> note = new TableColumn<>("Note");
    note.setPrefWidth(420);
    note.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().note()));
    addresses.getColumns().add(range);
    addresses.getColumns().add(note);
    TextField address = new TextField();
    address.setId("known-address");
    address.setPromptText("198.51.100.0/24");
    TextField addressNote = new TextField();
    addressNote.setId("known-address-note");
    addressNote.setPromptText("Note (office, CI runner …)");
    HBox.setHgrow(addressNote, Priority.ALWAYS);
    Button addAddress = new Button("Add address");
    addAddress.setId("add-known-address");
    addAddress.setMinWidth(Region.USE_PREF_SIZE);
    addAddress.setOnAction(e -> {
      model.addAddress(address.getText(), addressNote.getText());
      address.clear();
      addressNote.clear();
    });
    Button removeAddress = new Button("Remove address");
    removeAddress.setId("remove-known-address");
    removeAddress.setMinWidth(Region.USE_PREF_SIZE);
    removeAddress.disableProperty().bind(addresses.getSelectionModel().selectedItemProperty().isNull());
    removeAddress.setOnAction(e -> model.removeAddress(addresses.getSelectionModel().getSelectedItem()));
    HBox addressBar = new HBox(8, address, addressNote, addAddress, removeAddress);
    addressBar.setAlignment(Pos.CENTER_LEFT);

    Label message = new Label();
    message.setId("rule-packs-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    VBox content = new VBox(8, heading, explain, bar, table, errorsLabel, errors, known, knownExplain, addresses, addressBar,
        message);
    VBox.setVgrow(errors, Priority.ALWAYS);
    content.setPadding(new Insets(14));
    setCenter(content);
  }

  /** Opens the dialog (not modal) over {@code owner} and reads the case's packs. */
  public static Stage open(Window owner, RulePacksViewModel model) {
    Stage stage = new Stage();
    stage.setTitle("Rule packs and known addresses");
    if (owner != null) {
      stage.initOwner(owner);
    }
    RulePacksPane pane = new RulePacksPane(model);
    Scene scene = new Scene(pane, 900, 640);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.setScene(scene);
    model.load();
    stage.show();
    return stage;
  }

  private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    return c;
  }
}
