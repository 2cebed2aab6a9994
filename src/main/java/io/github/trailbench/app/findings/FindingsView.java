package io.github.trailbench.app.findings;

import io.github.trailbench.app.timeline.PrincipalLabel;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/** Findings table by severity, the selected finding's summary, evidence and triage. */
public final class FindingsView extends BorderPane {

  public FindingsView(FindingsViewModel model) {
    setId("view-findings");
    Button run = new Button("Run detections", new FontIcon("mdi2p-play-circle-outline"));
    run.setId("run-detections");
    run.setOnAction(e -> model.detect());
    // no tooltip: a disabled button shows none; the shell's welcome pane says how to open a case
    run.disableProperty().bind(model.caseOpenProperty().not());
    HBox filters = new HBox(4);
    for (Severity s : Severity.values()) {
      ToggleButton t = new ToggleButton(s.name().toLowerCase());
      t.setId("severity-" + s.name().toLowerCase());
      t.setSelected(true);
      t.selectedProperty().addListener((o, a, on) -> model.setSeverityShown(s, on));
      filters.getChildren().add(t);
    }
    Button add = new Button("New finding", new FontIcon("mdi2p-plus-circle-outline"));
    add.setId("new-finding");
    add.setTooltip(new javafx.scene.control.Tooltip("Write a finding of your own; add events to it from the timeline"));
    add.setOnAction(e -> model.create("New finding", Severity.MEDIUM, ""));
    Button delete = iconButton("delete-finding", "mdi2d-delete-outline", "Delete the selected finding");
    delete.setOnAction(e -> model.deleteSelected());
    Button up = iconButton("finding-up", "mdi2a-arrow-up", "Move the selected finding up (report order)");
    up.setOnAction(e -> model.moveSelected(-1));
    Button down = iconButton("finding-down", "mdi2a-arrow-down", "Move the selected finding down (report order)");
    down.setOnAction(e -> model.moveSelected(1));
    delete.disableProperty().bind(model.selectedProperty().isNull());
    up.disableProperty().bind(model.selectedProperty().isNull());
    down.disableProperty().bind(model.selectedProperty().isNull());
    Button explain = new Button("Explain", new FontIcon("mdi2f-file-tree-outline"));
    explain.setId("explain-finding");
    explain.setTooltip(new javafx.scene.control.Tooltip("Open the decision behind the finding's first event"));
    explain.setOnAction(e -> model.explainSelected());
    explain.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> model.selectedProperty().get() == null || model.selectedProperty().get().events().isEmpty(), model.selectedProperty()));
    explain.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    Button packs = new Button("Rule packs…", new FontIcon("mdi2b-book-open-variant"));
    packs.setId("rule-packs-button");
    packs.setTooltip(new javafx.scene.control.Tooltip("Sigma rules and rule packs kept in the case, and the known addresses"));
    packs.disableProperty().bind(model.rulePacksProperty().isNull().or(model.caseOpenProperty().not()));
    packs.setOnAction(e -> RulePacksPane.open(getScene() == null ? null : getScene().getWindow(), model.rulePacksProperty().get()));
    Button csv = new Button("Export…", new FontIcon("mdi2f-file-export-outline"));
    csv.setId("export-findings");
    csv.setOnAction(e -> exportDialog(model));
    Label message = new Label();
    message.setId("findings-message");
    message.textProperty().bind(model.messageProperty());
    HBox bar = new HBox(8, run, packs, add, new HBox(2, up, down, delete), explain, filters, csv);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.Node n : bar.lookupAll(".button")) {
      if (n instanceof javafx.scene.control.Control c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      }
    }
    for (javafx.scene.Node n : filters.getChildren()) {
      ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    csv.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    packs.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    message.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
    Label stale = new Label();
    stale.setId("findings-stale");
    stale.setWrapText(true);
    stale.getStyleClass().add(atlantafx.base.theme.Styles.WARNING);
    stale.textProperty().bind(model.staleNoticeProperty());
    stale.visibleProperty().bind(model.staleNoticeProperty().isNotEmpty());
    stale.managedProperty().bind(stale.visibleProperty());
    VBox top = new VBox(6, bar, message, stale);
    top.setPadding(new Insets(10, 12, 8, 12));
    setTop(top);

    TableView<Finding> table = new TableView<>(model.shown());
    table.setId("findings");
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    // widths that fit a 1366-pixel screen beside the sidebar, Status included; the title says what
    // happened and takes the room (the rule id, last, is also under the selected finding)
    table.getColumns().add(col("Severity", 80, f -> f.severity().name().toLowerCase()));
    table.getColumns().add(col("Title", 520, Finding::title));
    table.getColumns().add(col("Events", 70, f -> String.valueOf(f.eventCount())));
    // names as the timeline shows them (user/ci-deploy, OpsAdminRole/ci-maint); the whole ARNs in the tooltip and the evidence
    TableColumn<Finding, String> principals = col("Principals", 220,
        f -> f.principals().stream().map(PrincipalLabel::of).collect(java.util.stream.Collectors.joining(", ")));
    principals.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
      @Override
      protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        Finding f = empty ? null : getTableRow().getItem();
        setText(empty ? null : text);
        setTooltip(f == null || f.principals().isEmpty() ? null : new javafx.scene.control.Tooltip(String.join("\n", f.principals())));
      }
    });
    table.getColumns().add(principals);
    table.getColumns().add(col("Status", 80, f -> f.status().code()
        + (model.isNoLongerDetected(f) ? " · not detected now" : "")));
    table.getColumns().add(col("Rule", 130, f -> f.pack().isEmpty() ? f.ruleId() : f.ruleId() + " \u00b7 " + f.pack()));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(Finding f, boolean empty) {
        super.updateItem(f, empty);
        getStyleClass().removeIf(c -> c.startsWith("severity-"));
        if (!empty && f != null) {
          getStyleClass().add("severity-" + f.severity().name().toLowerCase());
        }
      }
    });
    table.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
      if (f != null && f != model.selectedProperty().get()) {
        model.selectedProperty().set(f);
      }
    });

    TextField title = new TextField();
    title.setId("finding-title");
    title.getStyleClass().add("title-4");
    title.setOnAction(e -> model.setTitle(title.getText()));
    title.focusedProperty().addListener((o, was, is) -> {
      if (!is) {
        model.setTitle(title.getText());
      }
    });
    ComboBox<Severity> severity = new ComboBox<>();
    severity.setId("finding-severity");
    severity.getItems().setAll(Severity.values());
    severity.setOnAction(e -> {
      if (severity.getValue() != null && model.selectedProperty().get() != null
          && severity.getValue() != model.selectedProperty().get().severity()) {
        model.setSeverity(severity.getValue());
      }
    });
    Label summary = new Label();
    summary.setId("finding-summary");
    summary.setWrapText(true);
    summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // what happened is read whole; the evidence scrolls
    ComboBox<FindingStatus> status = new ComboBox<>();
    status.setId("finding-status");
    status.getItems().setAll(FindingStatus.values());
    status.setOnAction(e -> {
      if (status.getValue() != null && model.selectedProperty().get() != null
          && status.getValue() != model.selectedProperty().get().status()) {
        model.setStatus(status.getValue());
      }
    });
    TextArea notes = new TextArea();
    notes.setId("finding-notes");
    notes.setPromptText("Analyst notes");
    notes.setPrefRowCount(3);
    notes.focusedProperty().addListener((o, was, is) -> {
      if (!is && model.selectedProperty().get() != null && !notes.getText().equals(model.selectedProperty().get().notes())) {
        model.setNotes(notes.getText());
      }
    });
    TextArea evidence = new TextArea();
    evidence.setId("finding-evidence");
    evidence.setEditable(false);
    evidence.getStyleClass().add("event-decoded");
    model.selectedProperty().addListener((o, a, f) -> {
      title.setText(f == null ? "" : f.title());
      severity.setValue(f == null ? null : f.severity());
      summary.setText(f == null ? "" : f.summary() + (f.description().isEmpty() ? "" : "\n\n" + f.description()));
      status.setValue(f == null ? null : f.status());
      notes.setText(f == null || f.notes() == null ? "" : f.notes());
      evidence.setText(f == null ? "" : String.join("\n", FindingsViewModel.evidenceLines(f)));
      if (f != null && table.getSelectionModel().getSelectedItem() != f) {
        table.getSelectionModel().select(f);
      }
    });
    Label rule = new Label();
    rule.setId("finding-rule");
    rule.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
    model.selectedProperty().addListener((o, a, f) -> rule.setText(f == null ? "" : f.isManual() ? "Written by an analyst"
        : "Rule " + f.ruleId() + (f.pack().isEmpty() ? "" : " from rule pack " + f.pack()) + (model.isNoLongerDetected(f) ? " · the latest detection run no longer raises it" : "")));
    HBox triage = new HBox(8, new Label("Severity"), severity, new Label("Status"), status, rule);
    triage.setAlignment(Pos.CENTER_LEFT);
    VBox detail = new VBox(8, title, triage, summary, notes, evidence);
    detail.setPadding(new Insets(10));
    VBox.setVgrow(evidence, Priority.ALWAYS);
    SplitPane split = new SplitPane(table, detail);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.5);
    setCenter(split);
  }

  /** Asks where to save the shown findings, as PDF or CSV; used by the button and by File › Export…. */
  public static void exportDialog(FindingsViewModel model) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export findings");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("PDF report", "*.pdf"),
        new FileChooser.ExtensionFilter("CSV (RFC 4180, formula-safe)", "*.csv"));
    chooser.setInitialFileName("trailbench-findings.pdf");
    File file = chooser.showSaveDialog(null);
    if (file != null) {
      model.export(file.toPath());
    }
  }

  private static Button iconButton(String id, String icon, String tip) {
    Button b = new Button(null, new FontIcon(icon));
    b.setId(id);
    b.setTooltip(new javafx.scene.control.Tooltip(tip));
    return b;
  }

  private static TableColumn<Finding, String> col(String title, double width, Function<Finding, String> value) {
    TableColumn<Finding, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    return c;
  }
}
