package io.github.trailbench.app.decision;

import io.github.trailbench.app.decision.DecisionViewModel.ContextEntry;
import io.github.trailbench.core.policy.Outcome;
import io.github.trailbench.core.policy.PolicyChange;
import io.github.trailbench.core.policy.PolicyKind;
import io.github.trailbench.core.policy.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;

/** The decision trace as a tree, stepped through in evaluation order, with what-if edits. */
public final class DecisionView extends BorderPane {
  private final DecisionViewModel model;
  private final TreeView<TraceStep> tree = new TreeView<>();
  private final Map<String, TreeItem<TraceStep>> items = new HashMap<>();
  private final TextArea source = new TextArea();
  private final GridPane detail = new GridPane();
  /** Scrolls {@link #detail}; back to the top for each step shown, or a new step opens mid-table. */
  private final javafx.scene.control.ScrollPane detailScroll = new javafx.scene.control.ScrollPane(detail);
  private final Label stepExplanation = new Label();
  private final TitledPane sourcePane = new TitledPane();
  private final Map<TextField, String> setByModel = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean syncing;

  public DecisionView(DecisionViewModel model) {
    this.model = model;
    setId("view-decision");
    getStyleClass().add("decision-view");
    BorderPane trace = new BorderPane();
    trace.setTop(new VBox(header(), requestForm(), toolbar()));
    SplitPane split = new SplitPane(treePane(), stepPane());
    split.setDividerPositions(0.52);
    trace.setCenter(split);
    setCenter(modes(trace));

    model.steps().addListener((ListChangeListener<TraceStep>) c -> rebuildTree());
    model.currentProperty().addListener((obs, old, step) -> showStep(step));
    tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
      if (!syncing && item != null) {
        model.select(item.getValue());
      }
    });
    trace.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.N || e.getCode() == KeyCode.PAGE_DOWN) {
        model.next();
        e.consume();
      } else if (e.getCode() == KeyCode.P || e.getCode() == KeyCode.PAGE_UP) {
        model.previous();
        e.consume();
      }
    });
  }

  /**
   * Two modes of one view: the decision of one request with its trace, and the simulator (a
   * principal's every action in a table) whose rows open here with their trace.
   */
  private TabPane modes(Node trace) {
    Tab decision = new Tab("Decision", trace);
    decision.setId("mode-decision");
    decision.setGraphic(new FontIcon("mdi2f-file-tree-outline"));
    Tab simulator = new Tab("Simulate a principal", new SimulatorView(model.simulator()));
    simulator.setId("mode-simulator");
    simulator.setGraphic(new FontIcon("mdi2t-table-search"));
    TabPane modes = new TabPane(decision, simulator);
    modes.setId("decision-modes");
    modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    if (model.simulatorShownProperty().get()) {
      modes.getSelectionModel().select(simulator);
    }
    model.simulatorShownProperty().addListener((obs, old, shown) -> modes.getSelectionModel().select(shown ? simulator : decision));
    modes.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> model.simulatorShownProperty().set(tab == simulator));
    return modes;
  }

  private VBox header() {
    Label badge = new Label();
    badge.setId("decision-badge");
    badge.getStyleClass().add("decision-badge");
    badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    model.resultProperty().addListener((obs, old, r) -> {
      badge.getStyleClass().removeIf(s -> s.startsWith("decision-"));
      badge.getStyleClass().add("decision-badge");
      if (r == null) {
        badge.setText("");
        badge.setGraphic(null);
        return;
      }
      badge.setText(r.decision());
      badge.getStyleClass().add("decision-" + r.decision().toLowerCase());
      badge.setGraphic(new FontIcon(switch (r.decision()) {
        case "Allowed" -> "mdi2c-check-circle";
        case "Undetermined" -> "mdi2h-help-circle";
        default -> "mdi2c-close-octagon";
      }));
    });
    Label message = new Label();
    message.setId("decision-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    Label whatIf = new Label();
    whatIf.setId("what-if-summary");
    whatIf.getStyleClass().add("what-if-summary");
    whatIf.textProperty().bind(model.whatIfSummaryProperty());
    message.getStyleClass().add("decision-sentence");
    // the engine's full explanation, one click below the sentence (the trace is below that)
    Label full = new Label();
    full.setId("decision-explanation");
    full.setWrapText(true);
    full.getStyleClass().add("decision-explanation");
    model.resultProperty().addListener((obs, old, r) -> full.setText(r == null ? "" : r.explanation()));
    TitledPane fullPane = new TitledPane("The engine's full explanation", full);
    fullPane.setId("decision-explanation-pane");
    fullPane.setExpanded(false);
    fullPane.setAnimated(false);
    fullPane.visibleProperty().bind(model.resultProperty().isNotNull());
    fullPane.managedProperty().bind(fullPane.visibleProperty());
    Label recorded = new Label();
    recorded.setId("decision-recorded");
    recorded.setWrapText(true);
    recorded.getStyleClass().add("decision-recorded");
    recorded.textProperty().bind(model.recordedNoteProperty());
    recorded.visibleProperty().bind(recorded.textProperty().isNotEmpty());
    recorded.managedProperty().bind(recorded.visibleProperty());
    HBox top = new HBox(12, badge, message);
    top.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(message, Priority.ALWAYS);
    VBox box = new VBox(6, top, recorded, fullPane, whatIf);
    box.setPadding(new Insets(12, 14, 6, 14));
    return box;
  }

  private HBox requestForm() {
    TextField principal = field("request-principal", "Principal ARN (user, role, or assumed-role session)", 320);
    TextField action = field("request-action", "Action, e.g. s3:GetObject", 180);
    TextField resource = field("request-resource", "Resource ARN", 300);
    complete(principal, model.completions()::principals);
    complete(action, model.completions()::actions);
    model.requestProperty().addListener((obs, old, r) -> {
      if (r != null) {
        setByModel.put(principal, r.principal());
        setByModel.put(action, r.action());
        principal.setText(r.principal());
        action.setText(r.action());
        resource.setText(r.resource());
      }
    });
    Button evaluate = new Button("Evaluate", new FontIcon("mdi2p-play-circle-outline"));
    evaluate.setId("evaluate");
    evaluate.setDefaultButton(true);
    evaluate.setOnAction(e -> model.open(DecisionRequest.of(
        principal.getText().trim(), action.getText().trim(), resource.getText().trim(),
        model.requestProperty().get() == null ? Map.of() : model.requestProperty().get().context())));
    HBox form = new HBox(8, principal, action, resource, evaluate);
    form.setAlignment(Pos.CENTER_LEFT);
    form.setPadding(new Insets(0, 14, 6, 14));
    HBox.setHgrow(resource, Priority.ALWAYS);
    return form;
  }

  /**
   * Completion while the analyst types; text the model puts in the field (an opened request)
   * offers nothing, so no popup covers the view.
   */
  private void complete(TextField field, java.util.function.Function<String, List<String>> provider) {
    TextFields.bindAutoCompletion(field, r -> {
      String text = r.getUserText();
      if (text == null || text.equals(setByModel.get(field))) {
        return List.of();
      }
      List<String> offered = provider.apply(text);
      return offered.size() == 1 && offered.get(0).equals(text) ? List.of() : offered;
    });
  }

  private static TextField field(String id, String prompt, double width) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    f.setPrefWidth(width);
    return f;
  }

  private HBox toolbar() {
    Button previous = new Button("Previous", new FontIcon("mdi2c-chevron-left"));
    previous.setId("previous-step");
    previous.setOnAction(e -> model.previous());
    Button next = new Button("Next", new FontIcon("mdi2c-chevron-right"));
    next.setId("next-step");
    next.setOnAction(e -> model.next());
    CheckBox onlyPath = new CheckBox("Only the path that decided");
    onlyPath.setId("only-deciding-path");
    onlyPath.selectedProperty().bindBidirectional(model.onlyDecidingPathProperty());
    Label stepLine = new Label();
    stepLine.setId("step-line");
    stepLine.textProperty().bind(model.stepLineProperty());
    stepLine.setMaxWidth(Double.MAX_VALUE);
    stepLine.setMinWidth(0);
    stepLine.setPrefWidth(200);
    HBox.setHgrow(stepLine, Priority.ALWAYS);
    for (javafx.scene.control.Control c : java.util.List.of(previous, next, onlyPath)) {
      c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    Button png = new Button("PNG", new FontIcon("mdi2f-file-image-outline"));
    png.setId("export-png");
    png.setTooltip(new Tooltip("Export the decision tree as PNG"));
    png.setOnAction(e -> exportPng());
    Button finding = new Button("Add to finding", new FontIcon("mdi2f-flag-plus-outline"));
    finding.setId("add-to-finding");
    finding.setTooltip(new Tooltip("Attach this decision and its rendered tree to a finding"));
    finding.setOnAction(e -> addToFinding());
    png.disableProperty().bind(model.resultProperty().isNull());
    finding.disableProperty().bind(model.resultProperty().isNull());
    for (javafx.scene.control.Control c : java.util.List.of(png, finding)) {
      c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    HBox bar = new HBox(8, previous, next, onlyPath, stepLine, png, finding);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 14, 8, 14));
    bar.getStyleClass().add("decision-toolbar");
    return bar;
  }

  private VBox treePane() {
    tree.setId("trace-tree");
    tree.setShowRoot(true);
    tree.setCellFactory(t -> new StepCell());
    VBox box = new VBox(tree);
    VBox.setVgrow(tree, Priority.ALWAYS);
    return box;
  }

  private VBox stepPane() {
    stepExplanation.setId("step-explanation");
    stepExplanation.setWrapText(true);
    stepExplanation.getStyleClass().add("step-explanation");
    detail.setId("step-detail");
    detail.setHgap(10);
    detail.setVgap(4);
    source.setId("policy-source");
    source.setEditable(false);
    source.getStyleClass().add("policy-source");
    source.setPrefRowCount(12);
    source.textProperty().addListener((obs, old, text) -> {
      if (model.editingProperty().get() != null) {
        model.policyDraftProperty().set(text);
      }
    });
    sourcePane.setText("Policy source");
    VBox sourceBox = new VBox(6, sourceBar(), source);
    sourceBox.setPadding(new Insets(8));
    sourcePane.setContent(sourceBox);
    VBox.setVgrow(source, Priority.ALWAYS);
    sourcePane.setCollapsible(false);
    sourcePane.setMaxHeight(Double.MAX_VALUE);
    VBox.setVgrow(sourcePane, Priority.ALWAYS);
    // the source is a tab beside the what-ifs and suggestions: each gets the pane's whole height at 1366×768
    Tab sourceTab = new Tab("Policy source", sourceBox);
    sourceTab.setId("policy-source-tab");
    sourceTab.textProperty().bind(sourcePane.textProperty());
    TabPane tabs = new TabPane(sourceTab, contextTab(), principalTab(), policiesTab(), suggestionsTab());
    model.editingProperty().addListener((obs, old, target) -> {
      source.setEditable(target != null);
      if (target != null) {
        tabs.getSelectionModel().select(sourceTab);
        sourcePane.setText((target.added() ? "New " : "Editing ") + target.kind().label() + " " + target.name()
            + " — Apply edit re-evaluates");
        source.setText(model.policyDraftProperty().get());
        source.requestFocus();
      } else {
        sourcePane.setText("Policy source");
        showStep(model.currentProperty().get());
      }
    });
    tabs.setId("what-if-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setMinHeight(180);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    detailScroll.setId("step-detail-scroll");
    detailScroll.setFitToWidth(true);
    detailScroll.setPrefViewportHeight(110);
    detailScroll.setMinHeight(90);
    source.setMinHeight(90);
    VBox step = new VBox(8, stepExplanation, detailScroll);
    VBox.setVgrow(detailScroll, Priority.ALWAYS);
    step.setMinHeight(0);
    VBox whatIf = new VBox(8, tabs, missingPane());
    whatIf.setMinHeight(0);
    SplitPane split = new SplitPane(step, whatIf);
    split.setId("step-split");
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.3);
    VBox box = new VBox(split);
    VBox.setVgrow(split, Priority.ALWAYS);
    box.setPadding(new Insets(10));
    return box;
  }

  private VBox sourceBar() {
    Button edit = new Button("Edit", new FontIcon("mdi2p-pencil-outline"));
    edit.setId("edit-policy");
    edit.setTooltip(new Tooltip("Edit this policy's JSON and re-evaluate (what-if)"));
    edit.setOnAction(e -> model.editCurrentPolicy());
    Button remove = new Button("Remove from set", new FontIcon("mdi2d-delete-outline"));
    remove.setId("remove-policy");
    remove.setTooltip(new Tooltip("What if this policy did not exist"));
    remove.setOnAction(e -> model.removeCurrentPolicy());
    Button apply = new Button("Apply edit", new FontIcon("mdi2r-refresh"));
    apply.setId("apply-policy-edit");
    apply.setOnAction(e -> model.applyPolicyDraft());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-policy-edit");
    cancel.setOnAction(e -> model.cancelPolicyEdit());
    Runnable update = () -> {
      boolean editing = model.editingProperty().get() != null;
      boolean inPolicy = model.canEditPolicies() && model.policyOf(model.currentProperty().get()).isPresent();
      edit.setDisable(editing || !inPolicy);
      remove.setDisable(editing || !inPolicy);
      apply.setVisible(editing);
      apply.setManaged(editing);
      cancel.setVisible(editing);
      cancel.setManaged(editing);
    };
    model.editingProperty().addListener((obs, o, n) -> update.run());
    model.currentProperty().addListener((obs, o, n) -> update.run());
    update.run();
    Label error = new Label();
    error.setId("policy-error");
    error.getStyleClass().add("policy-error");
    error.setWrapText(true);
    error.textProperty().bind(model.policyErrorProperty());
    error.visibleProperty().bind(model.policyErrorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    for (javafx.scene.control.Control c : java.util.List.of(edit, remove, apply, cancel)) {
      c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    HBox buttons = new HBox(6, edit, remove, apply, cancel);
    buttons.setAlignment(Pos.CENTER_LEFT);
    return new VBox(4, buttons, error);
  }

  private Tab principalTab() {
    TextField principal = field("what-if-principal", "Another principal ARN, e.g. arn:aws:iam::111122223333:user/alice", 360);
    complete(principal, model.completions()::principals);
    Button apply = new Button("Evaluate as this principal", new FontIcon("mdi2a-account-switch-outline"));
    apply.setId("what-if-principal-apply");
    apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    apply.setOnAction(e -> model.whatIfPrincipal(principal.getText()));
    Label note = new Label();
    note.setId("principal-note");
    note.setWrapText(true);
    note.getStyleClass().add("text-muted");
    note.textProperty().bind(model.principalNoteProperty());
    HBox row = new HBox(6, principal, apply);
    HBox.setHgrow(principal, Priority.ALWAYS);
    VBox box = new VBox(8, row, note);
    box.setPadding(new Insets(8));
    Tab tab = new Tab("Principal", box);
    tab.setId("what-if-principal-tab");
    return tab;
  }

  private Tab policiesTab() {
    ComboBox<PolicyKind> kind = new ComboBox<>();
    kind.setId("new-policy-kind");
    kind.getItems().setAll(PolicyKind.SESSION, PolicyKind.SCP, PolicyKind.IDENTITY, PolicyKind.BOUNDARY,
        PolicyKind.RESOURCE, PolicyKind.RCP);
    kind.getSelectionModel().selectFirst();
    kind.setConverter(new StringConverter<>() {
      @Override
      public String toString(PolicyKind k) {
        return k == null ? "" : k.label();
      }

      @Override
      public PolicyKind fromString(String text) {
        return PolicyKind.ofLabel(text).orElse(null);
      }
    });
    TextField name = field("new-policy-name", "Name, e.g. DenyIamWrites", 180);
    Button write = new Button("Write new policy", new FontIcon("mdi2f-file-plus-outline"));
    write.setId("new-policy");
    write.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    write.setOnAction(e -> model.newPolicy(kind.getValue(), name.getText()));
    ListView<PolicyChange> edits = new ListView<>(model.policyChanges());
    edits.setId("policy-edits");
    edits.setPrefHeight(90);
    edits.setPlaceholder(new Label("No policy edits: pick a policy in the tree and Edit or Remove it, or write a new one."));
    edits.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(PolicyChange c, boolean empty) {
        super.updateItem(c, empty);
        setText(empty || c == null ? null : c.describe());
      }
    });
    Button reset = new Button("Reset policy edits", new FontIcon("mdi2u-undo"));
    reset.setId("reset-policy-edits");
    reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    reset.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.policyChanges()));
    reset.setOnAction(e -> model.resetPolicyChanges());
    HBox row = new HBox(6, kind, name, write, reset);
    row.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, row, edits);
    if (!model.canEditPolicies()) {
      Label cannot = new Label("This decision service cannot evaluate edited policies.");
      cannot.setId("policies-unavailable");
      box.getChildren().add(0, cannot);
      row.setDisable(true);
    }
    VBox.setVgrow(edits, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    Tab tab = new Tab("Policies", box);
    tab.setId("what-if-policies-tab");
    return tab;
  }

  private Tab suggestionsTab() {
    ListView<Suggestion> list = new ListView<>(model.suggestions());
    list.setId("suggestions");
    list.setPrefHeight(110);
    list.setPlaceholder(new Label("No verified suggestion for this decision."));
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(Suggestion s, boolean empty) {
        super.updateItem(s, empty);
        setText(empty || s == null ? null : s.title() + "  →  " + s.verified().decision().json()
            + (s.verified().undetermined() ? " (relies on " + String.join(", ", s.verified().dependsOn()) + ")" : ""));
      }
    });
    Label reason = new Label();
    reason.setId("suggestion-reason");
    reason.setWrapText(true);
    TextArea json = new TextArea();
    json.setId("suggestion-json");
    json.setEditable(false);
    json.getStyleClass().add("policy-source");
    json.setPrefRowCount(6);
    Button apply = new Button("Apply as what-if", new FontIcon("mdi2r-refresh"));
    apply.setId("apply-suggestion");
    apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    apply.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull()
        .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.canEditPolicies())));
    apply.setOnAction(e -> {
      Suggestion s = list.getSelectionModel().getSelectedItem();
      if (s != null) {
        model.applySuggestion(s);
      }
    });
    list.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> {
      reason.setText(s == null ? "" : s.reason());
      json.setText(s == null ? "" : changesText(s));
    });
    HBox row = new HBox(6, reason, apply);
    HBox.setHgrow(reason, Priority.ALWAYS);
    VBox box = new VBox(6, list, row, json);
    VBox.setVgrow(json, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    Tab tab = new Tab("Suggestions", box);
    tab.setId("what-if-suggestions-tab");
    tab.textProperty().bind(model.suggestionsHeadingProperty());
    return tab;
  }

  /** Each change of a suggestion, with the policy JSON it adds or edits. */
  static String changesText(Suggestion s) {
    StringBuilder sb = new StringBuilder();
    for (PolicyChange c : s.changes()) {
      sb.append("// ").append(c.describe()).append('\n');
      if (c instanceof PolicyChange.Replace r) {
        sb.append(PolicySource.of(r.document().source()).text()).append('\n');
      } else if (c instanceof PolicyChange.Add a) {
        sb.append(PolicySource.of(a.policy().document().source()).text()).append('\n');
      }
    }
    return sb.toString();
  }

  private void exportPng() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export decision tree");
    chooser.setInitialFileName(model.figureFileName());
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
    java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      try {
        writePng(tree, file.toPath());
      } catch (IOException e) {
        model.messageProperty().set("Cannot write " + file + ": " + e.getMessage());
      }
    }
  }

  private void addToFinding() {
    Path png = null;
    try {
      Path dir = model.figureDirectoryProperty().get();
      if (dir == null) {
        dir = Files.createTempDirectory("trailbench-figures");
      }
      png = dir.resolve(model.figureFileName());
      writePng(tree, png);
    } catch (IOException e) {
      model.messageProperty().set("Cannot render the tree: " + e.getMessage());
      png = null;
    }
    model.addToFinding(png);
  }

  /** The node as drawn now (a tree shows its visible rows), written as PNG. */
  static void writePng(Node node, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    java.awt.image.BufferedImage image = SwingFXUtils.fromFXImage(node.snapshot(new SnapshotParameters(), null), null);
    io.github.trailbench.core.io.WholeFile.write(file, out -> ImageIO.write(image, "png", out));
  }

  private Tab contextTab() {
    Tab tab = new Tab("Context", whatIfPane().getContent());
    tab.setId("what-if-context-tab");
    return tab;
  }

  private TitledPane whatIfPane() {
    ListView<ContextEntry> entries = new ListView<>(model.context());
    entries.setId("context-entries");
    entries.setPrefHeight(120);
    entries.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(ContextEntry e, boolean empty) {
        super.updateItem(e, empty);
        setText(empty || e == null ? null : e.key() + " = " + String.join(", ", e.values()));
      }
    });
    TextField key = field("what-if-key", "Context key, e.g. aws:MultiFactorAuthPresent", 260);
    TextField value = field("what-if-value", "Value(s), comma-separated; empty removes the key", 200);
    complete(key, text -> model.completions().contextKeys(text,
        model.requestProperty().get() == null ? null : model.requestProperty().get().action()));
    entries.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> {
      if (e != null) {
        setByModel.put(key, e.key());
        key.setText(e.key());
        value.setText(String.join(", ", e.values()));
      }
    });
    Button apply = new Button("Apply", new FontIcon("mdi2r-refresh"));
    apply.setId("what-if-apply");
    apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    apply.setOnAction(e -> {
      String k = key.getText().trim();
      if (!k.isEmpty()) {
        List<String> values = Arrays.stream(value.getText().split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
        model.setContextValue(k, values);
      }
    });
    HBox edit = new HBox(6, key, value, apply);
    HBox.setHgrow(value, Priority.ALWAYS);
    TitledPane pane = new TitledPane("What if… (request context)", new VBox(6, entries, edit));
    pane.setId("what-if");
    pane.setExpanded(true);
    return pane;
  }

  private TitledPane missingPane() {
    Label missing = new Label();
    missing.setId("missing-keys");
    missing.setWrapText(true);
    model.resultProperty().addListener((obs, old, r) -> missing.setText(
        r == null || r.missing().isEmpty()
            ? "None: the evidence carries every key this decision needs."
            : String.join("\n", r.missing().stream().map(m -> m.key() + " — " + m.reason()).toList())));
    TitledPane pane = new TitledPane("Undetermined keys", missing);
    pane.setExpanded(false);
    model.resultProperty().addListener((obs, old, r) -> pane.setExpanded(r != null && !r.missing().isEmpty()));
    return pane;
  }

  private void rebuildTree() {
    items.clear();
    List<TraceStep> visible = model.steps();
    if (visible.isEmpty()) {
      tree.setRoot(null);
      return;
    }
    Set<String> shown = new java.util.HashSet<>();
    visible.forEach(s -> shown.add(s.id()));
    TreeItem<TraceStep> root = build(visible.get(0), shown);
    tree.setRoot(root);
    showStep(model.currentProperty().get());
  }

  private TreeItem<TraceStep> build(TraceStep step, Set<String> shown) {
    TreeItem<TraceStep> item = new TreeItem<>(step);
    items.put(step.id(), item);
    item.setExpanded(step.outcome().mattered() || step.kind().equals("decision") || step.kind().equals("policyType"));
    for (TraceStep child : step.children()) {
      if (shown.contains(child.id())) {
        item.getChildren().add(build(child, shown));
      }
    }
    return item;
  }

  private void showStep(TraceStep step) {
    detail.getChildren().clear();
    if (step == null) {
      stepExplanation.setText("");
      if (model.editingProperty().get() == null) {
        source.clear();
      }
      return;
    }
    stepExplanation.setText(step.explanation());
    int row = 0;
    for (Map.Entry<String, String> e : step.detail().entrySet()) {
      Label k = new Label(e.getKey());
      k.getStyleClass().add("text-muted");
      k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      Label v = new Label(e.getValue());
      v.setWrapText(true);
      detail.addRow(row++, k, v);
    }
    detailScroll.setVvalue(0);
    TreeItem<TraceStep> item = items.get(step.id());
    if (item != null) {
      for (TreeItem<TraceStep> p = item.getParent(); p != null; p = p.getParent()) {
        p.setExpanded(true);
      }
      syncing = true;
      tree.getSelectionModel().select(item);
      syncing = false;
      int row2 = tree.getRow(item);
      if (row2 >= 0) {
        tree.scrollTo(Math.max(0, row2 - 3));
      }
    }
    if (model.editingProperty().get() != null) {
      return;
    }
    model.currentSource().ifPresentOrElse(view -> {
      source.setText(view.text());
      if (view.highlight() != null) {
        source.selectRange(view.highlight().start(), view.highlight().end());
      }
    }, source::clear);
  }

  /** Icon and words for an outcome, so it reads without colour. */
  static String iconFor(Outcome outcome) {
    return switch (outcome) {
      case ALLOW -> "mdi2c-check-circle";
      case DENY -> "mdi2c-close-octagon";
      case MATCH -> "mdi2c-checkbox-marked-circle-outline";
      case NO_MATCH -> "mdi2m-minus-circle-outline";
      case UNDETERMINED -> "mdi2h-help-circle-outline";
      case NOT_APPLICABLE -> "mdi2c-circle-off-outline";
    };
  }

  private final class StepCell extends TreeCell<TraceStep> {
    @Override
    protected void updateItem(TraceStep step, boolean empty) {
      super.updateItem(step, empty);
      getStyleClass().removeIf(s -> s.startsWith("outcome-") || s.equals("changed"));
      if (empty || step == null) {
        setText(null);
        setGraphic(null);
        setId(null);
        return;
      }
      setId("step-" + step.id().replace('.', '_'));
      FontIcon icon = new FontIcon(iconFor(step.outcome()));
      String style = "outcome-" + step.outcome().json().toLowerCase();
      icon.getStyleClass().add(style);
      getStyleClass().add(style);
      boolean changed = model.changed(step);
      if (changed) {
        getStyleClass().add("changed");
      }
      boolean edited = model.edited(step);
      setGraphic(icon);
      setText(step.outcome().json() + " · " + step.label() + (edited ? "  (edited)" : "") + (changed ? "  (changed)" : ""));
    }
  }

  @SuppressWarnings("unused")
  private static Region spacer() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }
}
