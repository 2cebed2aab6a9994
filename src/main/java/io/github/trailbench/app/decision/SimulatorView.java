package io.github.trailbench.app.decision;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;

/** The policy simulator: a principal, a service or actions, a resource and context; a sortable table of decisions. */
public final class SimulatorView extends VBox {
  private final SimulatorViewModel model;
  private final TableView<SimulationRow> table = new TableView<>();

  public SimulatorView(SimulatorViewModel model) {
    this.model = model;
    setId("simulator");
    setSpacing(6);
    setPadding(new Insets(10, 14, 10, 14));
    Label status = new Label();
    status.setId("simulator-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    getChildren().addAll(principalRow(), actionRow(), status, table());
    VBox.setVgrow(table, Priority.ALWAYS);
    model.loadPrincipals();
  }

  private HBox principalRow() {
    ComboBox<String> principal = new ComboBox<>(model.principals());
    principal.setId("simulator-principal");
    principal.setEditable(true);
    principal.setPromptText("User or role of the case (type to search)");
    principal.setPrefWidth(460);
    principal.setMaxWidth(Double.MAX_VALUE);
    principal.getEditor().textProperty().bindBidirectional(model.principalProperty());
    TextFields.bindAutoCompletion(principal.getEditor(), r -> matching(model.principals(), r.getUserText()));
    TextField resource = new TextField();
    resource.setId("simulator-resource");
    resource.setPromptText("Resource ARN (default *)");
    resource.textProperty().bindBidirectional(model.resourceProperty());
    HBox row = new HBox(8, label("User or role"), principal, label("On resource"), resource);
    HBox.setHgrow(principal, Priority.SOMETIMES);
    HBox.setHgrow(resource, Priority.ALWAYS);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private HBox actionRow() {
    ToggleGroup mode = new ToggleGroup();
    RadioButton byService = new RadioButton("Service");
    byService.setId("simulator-by-service");
    RadioButton byActions = new RadioButton("Actions");
    byActions.setId("simulator-by-actions");
    byService.setToggleGroup(mode);
    byActions.setToggleGroup(mode);
    byService.setSelected(model.byServiceProperty().get());
    byActions.setSelected(!model.byServiceProperty().get());
    byService.selectedProperty().addListener((obs, old, on) -> model.byServiceProperty().set(on));
    model.byServiceProperty().addListener((obs, old, on) -> (on ? byService : byActions).setSelected(true));

    ComboBox<String> service = new ComboBox<>();
    service.setId("simulator-service");
    service.setEditable(true);
    service.getItems().setAll(SimulatorViewModel.services());
    service.setPromptText("s3, iam, …");
    service.setPrefWidth(150);
    service.getEditor().textProperty().bindBidirectional(model.serviceProperty());
    TextField actions = new TextField();
    actions.setId("simulator-actions");
    actions.setPromptText("s3:Get*, iam:CreateUser, …");
    actions.setPrefWidth(240);
    actions.textProperty().bindBidirectional(model.actionsProperty());
    actions.setOnAction(e -> model.run());
    // going into a field picks its mode
    service.getEditor().focusedProperty().addListener((obs, old, in) -> {
      if (in) {
        model.byServiceProperty().set(true);
      }
    });
    service.setOnShowing(e -> model.byServiceProperty().set(true));
    actions.focusedProperty().addListener((obs, old, in) -> {
      if (in) {
        model.byServiceProperty().set(false);
      }
    });

    TextField context = new TextField();
    context.setId("simulator-context");
    context.setPromptText("Context: aws:RequestedRegion=eu-west-1, aws:MultiFactorAuthPresent=true");
    context.setTooltip(new Tooltip("key=value items, separated by commas; a key not given is absent, as in AWS's simulator"
        + " (the organization keys and the principal's tags come from the case)"));
    context.textProperty().bindBidirectional(model.contextProperty());
    context.setOnAction(e -> model.run());
    Button run = new Button("Simulate", new FontIcon("mdi2p-play-circle-outline"));
    run.setId("simulator-run");
    run.setMinWidth(Region.USE_PREF_SIZE);
    run.setOnAction(e -> model.run());
    run.disableProperty().bind(model.runningProperty());
    HBox row = new HBox(8, byService, service, byActions, actions, context, run);
    HBox.setHgrow(context, Priority.ALWAYS);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private TableView<SimulationRow> table() {
    table.setId("simulator-table");
    table.setItems(model.rows());
    table.setPlaceholder(new Label("No simulation yet."));
    // no Policy column: the sentence starts with the deciding policy and where it is attached
    TableColumn<SimulationRow, String> why = sentenceColumn();
    table.getColumns().setAll(List.of(
        column("Action", "simulator-col-action", 275, SimulationRow::action),
        decisionColumn(),
        column("Statement", "simulator-col-statement", 185, SimulationRow::statement),
        column("Resource", "simulator-col-resource", 95, SimulationRow::resource),
        why));
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    // the sentence takes what the other columns leave, wrapped over as many lines as it needs
    table.widthProperty().addListener((obs, old, w) -> {
      double others = table.getColumns().stream().filter(c -> c != why).mapToDouble(TableColumn::getWidth).sum();
      why.setPrefWidth(Math.max(300, w.doubleValue() - others - 20));
    });
    table.setRowFactory(t -> {
      javafx.scene.control.TableRow<SimulationRow> row = new javafx.scene.control.TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
          model.openTrace(row.getItem());
        }
      });
      return row;
    });
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        model.openTrace(table.getSelectionModel().getSelectedItem());
        e.consume();
      }
    });
    return table;
  }

  private static TableColumn<SimulationRow, String> column(String title, String id, double width,
      Function<SimulationRow, String> value) {
    TableColumn<SimulationRow, String> c = new TableColumn<>(title);
    c.setId(id);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
      }
    });
    return c;
  }

  /** The decision's sentence, whole: wrapped to the column's width, the row as tall as it needs. */
  private static TableColumn<SimulationRow, String> sentenceColumn() {
    TableColumn<SimulationRow, String> c = column("Why", "simulator-col-why", 400, SimulationRow::sentence);
    c.setCellFactory(col -> new TableCell<>() {
      private final Text text = new Text();

      {
        text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
        text.fillProperty().bind(textFillProperty());
        text.fontProperty().bind(fontProperty());
        text.getStyleClass().add("simulator-sentence");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
      }

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? null : item);
        setGraphic(empty ? null : text);
      }
    });
    return c;
  }

  private static TableColumn<SimulationRow, String> decisionColumn() {
    TableColumn<SimulationRow, String> c = column("Decision", "simulator-col-decision", 125, SimulationRow::decision);
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeIf(s -> s.startsWith("decision-"));
        setText(empty ? null : item);
        if (!empty && item != null) {
          getStyleClass().add("decision-cell-" + item.toLowerCase(Locale.ROOT));
        }
      }
    });
    return c;
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  private static List<String> matching(List<String> all, String typed) {
    if (typed == null || typed.isBlank()) {
      return List.of();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    List<String> out = all.stream().filter(p -> p.toLowerCase(Locale.ROOT).contains(t)).limit(30).toList();
    return out.size() == 1 && out.get(0).equals(typed) ? List.of() : out;
  }
}
