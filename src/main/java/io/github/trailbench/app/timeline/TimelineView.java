package io.github.trailbench.app.timeline;

import io.github.trailbench.app.timeline.TimelineQueries.Column;
import io.github.trailbench.app.timeline.TimelineQueries.Sort;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.stage.Popup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Histogram, filter bar, one page of events, and the selected event's decoded fields and raw JSON. */
public final class TimelineView extends BorderPane {
  private final TimelineViewModel model;
  private final TableView<EventRow> table = new TableView<>();
  private final TextField filter = new TextField();
  private final TextArea decoded = new TextArea();
  private final ListView<TimelineViewModel.Suggestion> suggestionList = new ListView<>();
  private final Popup suggestionPopup = new Popup();
  private final SwimlaneChart swimlanes = new SwimlaneChart();
  private boolean accepting;

  static final String KEYS_HELP = String.join("\n",
      "↑ / ↓        move through the events",
      "Enter        open the event's detail (Esc: back to the table)",
      "F8 or n      next error (the next page too, in time order)",
      "Shift+F8 or p  previous error",
      "Ctrl+L, / or Ctrl+F  focus the filter",
      "In the filter: Tab or Enter accepts a suggestion, ↑ / ↓ choose, Esc closes",
      "Right-click a row: explain, events around it (± 5 min, ± 1 h), pivot, show in graph");

  public TimelineView(TimelineViewModel model) {
    this.model = model;
    setId("view-timeline");
    getStyleClass().add("timeline-view");

    HistogramChart chart = new HistogramChart();
    model.histogram().addListener((javafx.collections.ListChangeListener<TimelineQueries.Bucket>) c -> chart.setBuckets(model.histogram()));
    chart.setOnZoom(model::zoomTo);
    chart.setZone(model.zoneProperty().get());
    model.zoneProperty().addListener((obs, old, zone) -> chart.setZone(zone));

    Label hint = new Label();
    hint.setId("filter-hint");
    hint.getStyleClass().add("filter-hint");
    hint.setWrapText(true);
    hint.textProperty().bind(model.noMatchHintProperty());
    hint.managedProperty().bind(hint.textProperty().isNotEmpty());
    hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
    VBox top = new VBox(6, filterBar(), hint, chart, legend());
    top.setPadding(new Insets(10, 12, 6, 12));
    setTop(top);

    VBox lanePane = swimlanePane();
    SplitPane split = new SplitPane(tablePane(), detailPane());
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    setCenter(split);
    model.lanesShownProperty().addListener((obs, old, on) -> {
      if (on && !split.getItems().contains(lanePane)) {
        split.getItems().add(1, lanePane);
        split.setDividerPositions(0.4, 0.7);
      } else if (!on) {
        split.getItems().remove(lanePane);
        split.setDividerPositions(0.6);
      }
    });

    focusFilterOnSlash();
    addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      boolean inText = e.getTarget() instanceof javafx.scene.control.TextInputControl;
      if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)
          || new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN).match(e)) {
        filter.requestFocus();
        filter.end();
        e.consume();
      } else if (e.getCode() == KeyCode.F8) {
        if (e.isShiftDown()) {
          model.selectPreviousError();
        } else {
          model.selectNextError();
        }
        e.consume();
      } else if (!inText && !e.isShortcutDown() && e.getCode() == KeyCode.N) {
        model.selectNextError();
        e.consume();
      } else if (!inText && !e.isShortcutDown() && e.getCode() == KeyCode.P) {
        model.selectPreviousError();
        e.consume();
      }
    });
  }

  private void focusFilterOnSlash() {
    addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
      if ("/".equals(e.getCharacter()) && !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) {
        filter.requestFocus();
        filter.end();
        e.consume();
      }
    });
  }

  private VBox swimlanePane() {
    swimlanes.setOnTick(model::reveal);
    swimlanes.setTimeFormat(model::format);
    model.lanesProperty().addListener((obs, old, l) -> {
      TimelineQueries.Window w = model.windowProperty().get();
      swimlanes.setLanes(l, w.from(), w.to());
    });
    model.selectedProperty().addListener((obs, old, r) -> swimlanes.highlight(r));
    Label note = new Label();
    note.setId("swimlanes-note");
    note.getStyleClass().add("text-muted");
    note.textProperty().bind(model.lanesNoteProperty());
    ScrollPane scroll = new ScrollPane(swimlanes);
    scroll.setFitToWidth(true);
    VBox box = new VBox(4, note, scroll);
    box.setPadding(new Insets(4, 12, 4, 12));
    VBox.setVgrow(scroll, Priority.ALWAYS);
    return box;
  }

  private HBox filterBar() {
    filter.setId("filter");
    filter.setPromptText("Filter: principal:ci-deploy AND error:AccessDenied   |   time>=2026-10-03 14:00   |   NOT readOnly:true");
    filter.textProperty().bindBidirectional(model.filterProperty());
    filter.setOnAction(e -> model.apply());
    HBox.setHgrow(filter, Priority.ALWAYS);
    installAutocomplete();
    installServiceUseDialog();
    Button apply = new Button("Apply", new FontIcon("mdi2f-filter-outline"));
    apply.setId("apply-filter");
    apply.setOnAction(e -> model.apply());
    Button reset = new Button("Reset zoom", new FontIcon("mdi2m-magnify-minus-outline"));
    reset.setId("reset-zoom");
    reset.setOnAction(e -> model.resetZoom());
    reset.disableProperty().bind(model.windowProperty().isEqualTo(TimelineQueries.Window.ALL));
    ToggleButton utc = new ToggleButton("UTC");
    utc.setId("zone-utc");
    utc.setSelected(true);
    utc.selectedProperty().addListener((obs, old, on) -> {
      model.zoneProperty().set(on ? ZoneOffset.UTC : ZoneId.systemDefault());
      utc.setText(on ? "UTC" : "Local");
      table.refresh();
    });
    Label error = new Label();
    error.setId("filter-error");
    error.getStyleClass().add("filter-error");
    error.textProperty().bind(model.filterErrorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    model.filterErrorPositionProperty().addListener((obs, old, pos) -> {
      if (pos.intValue() >= 0 && pos.intValue() <= filter.getText().length()) {
        filter.positionCaret(pos.intValue());
      }
    });
    ToggleButton sessions = new ToggleButton("Sessions", new FontIcon("mdi2t-timeline-clock-outline"));
    sessions.setId("show-sessions");
    sessions.setTooltip(new Tooltip("Show the sessions of these events as lanes (role chains top to bottom)"));
    sessions.selectedProperty().bindBidirectional(model.lanesShownProperty());
    Label keys = new Label("", new FontIcon("mdi2h-help-circle-outline"));
    keys.setId("keyboard-help");
    Tooltip keysTip = new Tooltip(KEYS_HELP);
    keysTip.setShowDelay(javafx.util.Duration.millis(200));
    keys.setTooltip(keysTip);
    MenuButton saved = new MenuButton("", new FontIcon("mdi2s-star-outline"));
    saved.setId("saved-filters");
    saved.setTooltip(new Tooltip("Saved filters of this case"));
    Runnable fill = () -> {
      saved.getItems().clear();
      for (TimelineQueries.SavedFilter f : model.savedFilters()) {
        MenuItem use = new MenuItem(f.name() + "   " + f.expression());
        use.setId("saved-filter-" + f.name().replaceAll("[^A-Za-z0-9_-]", "_"));
        use.setOnAction(e -> model.useSavedFilter(f));
        saved.getItems().add(use);
      }
      if (!model.savedFilters().isEmpty()) {
        saved.getItems().add(new javafx.scene.control.SeparatorMenuItem());
      }
      MenuItem save = new MenuItem("Save current filter as…");
      save.setId("save-filter");
      save.setOnAction(e -> {
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog();
        ask.setTitle("Save filter");
        ask.setHeaderText("Save \"" + model.filterProperty().get() + "\" in this case as");
        ask.getEditor().setId("save-filter-name");
        ask.showAndWait().filter(n -> !n.isBlank()).ifPresent(model::saveFilter);
      });
      saved.getItems().add(save);
      if (!model.savedFilters().isEmpty()) {
        Menu delete = new Menu("Delete saved filter");
        for (TimelineQueries.SavedFilter f : model.savedFilters()) {
          MenuItem d = new MenuItem(f.name());
          d.setOnAction(e -> model.deleteFilter(f.name()));
          delete.getItems().add(d);
        }
        saved.getItems().add(delete);
      }
    };
    model.savedFilters().addListener((javafx.collections.ListChangeListener<TimelineQueries.SavedFilter>) c -> fill.run());
    fill.run();
    Button export = new Button("Export…", new FontIcon("mdi2f-file-export-outline"));
    export.setId("export-events");
    export.setTooltip(new Tooltip("Write every event matching the filter (all pages) to a .csv or .jsonl file"));
    export.setOnAction(e -> model.exportMatching());
    model.setExportFileChoice(this::askExportFile);
    HBox bar = new HBox(8, filter, apply, saved, reset, utc, sessions, export, keys, error);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  /** A save dialog for "Export…"; a name without .csv or .jsonl gets the chosen type's. */
  private java.util.Optional<java.nio.file.Path> askExportFile() {
    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
    chooser.setTitle("Export matching events");
    javafx.stage.FileChooser.ExtensionFilter csv = new javafx.stage.FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv");
    javafx.stage.FileChooser.ExtensionFilter jsonl = new javafx.stage.FileChooser.ExtensionFilter("JSON lines (*.jsonl)", "*.jsonl");
    chooser.getExtensionFilters().addAll(csv, jsonl);
    chooser.setInitialFileName("events.csv");
    java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (file == null) {
      return java.util.Optional.empty();
    }
    java.nio.file.Path path = file.toPath();
    if (io.github.trailbench.report.EventExport.Format.ofFileName(path.getFileName().toString()).isEmpty()) {
      path = path.resolveSibling(path.getFileName() + (chooser.getSelectedExtensionFilter() == jsonl ? ".jsonl" : ".csv"));
    }
    return java.util.Optional.of(path);
  }

  private HBox legend() {
    Label summary = new Label();
    summary.setId("timeline-summary");
    summary.textProperty().bind(model.summaryProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox box = new HBox(14, summary, spacer, swatch("success", HistogramChart.SUCCESS),
        swatch("access denied", HistogramChart.DENIED), swatch("other errors", HistogramChart.OTHER));
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static Label swatch(String text, javafx.scene.paint.Color color) {
    javafx.scene.shape.Rectangle r = new javafx.scene.shape.Rectangle(10, 10, color);
    Label l = new Label(text, r);
    l.getStyleClass().add("text-muted");
    return l;
  }

  private VBox tablePane() {
    table.setId("events");
    table.getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);
    table.setItems(model.rows());
    table.setTableMenuButtonVisible(true);
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    // at 1366×768 the columns up to Source IP fit beside the navigation without scrolling (a denied
    // row's bold "AccessDenied" too), and an undetermined verdict shows what it depends on
    // ("undetermined: missing policy"); Region and the rest are a scroll away
    table.getColumns().add(column("Time", Column.TIME, 190, r -> model.format(r.time())));
    table.getColumns().add(column("Event", Column.NAME, 160, EventRow::eventName));
    table.getColumns().add(column("Source", Column.SOURCE, 90, r -> r.eventSource() == null ? "" : r.eventSource().replace(".amazonaws.com", "")));
    TableColumn<EventRow, String> principal = column("Principal", Column.PRINCIPAL, 210, r -> PrincipalLabel.of(r.principal()));
    principal.setId("column-principal");
    principal.setCellFactory(c -> new TableCell<>() {
      private final Tooltip full = new Tooltip();

      @Override
      protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        EventRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty ? null : text);
        if (row != null && row.principal() != null && !row.principal().equals(text)) {
          full.setText(row.principal());
          setTooltip(full);
        } else {
          setTooltip(null);
        }
      }
    });
    table.getColumns().add(principal);
    table.getColumns().add(column("Error", Column.ERROR, 124, EventRow::errorCode));
    table.getColumns().add(verdictColumn());
    table.getColumns().add(column("Source IP", Column.SOURCE_IP, 118, EventRow::sourceIp));
    table.getColumns().add(column("Region", Column.REGION, 88, EventRow::region));
    table.getColumns().add(column("Access key", Column.ACCESS_KEY, 165, EventRow::accessKeyId));
    table.getColumns().add(column("Actions", null, 220, r -> String.join(", ", r.actions())));
    TableColumn<EventRow, String> agent = column("User agent", Column.USER_AGENT, 220, EventRow::userAgent);
    agent.setVisible(false);
    table.getColumns().add(agent);
    table.setSortPolicy(t -> {
      Sort wanted = Sort.TIME_ASCENDING;
      if (!t.getSortOrder().isEmpty()) {
        TableColumn<EventRow, ?> c = t.getSortOrder().get(0);
        if (c.getUserData() instanceof Column col) {
          wanted = new Sort(col, c.getSortType() == TableColumn.SortType.ASCENDING);
        }
      }
      if (!wanted.equals(model.sortProperty().get())) {
        model.sortBy(wanted);
      }
      return true;
    });
    model.sortProperty().addListener((obs, old, sort) -> showSort(sort));
    table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
      if (row != null && row != model.selectedProperty().get()) {
        model.selectedProperty().set(row);
      }
    });
    model.selectedProperty().addListener((obs, old, row) -> {
      if (row != null && table.getSelectionModel().getSelectedItem() != row) {
        table.getSelectionModel().select(row);
        table.scrollTo(row);
      }
    });
    table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER && model.selectedProperty().get() != null) {
        decoded.requestFocus();
        e.consume();
      }
    });
    table.setRowFactory(t -> {
      TableRow<EventRow> row = new TableRow<>() {
        @Override
        protected void updateItem(EventRow item, boolean empty) {
          super.updateItem(item, empty);
          getStyleClass().removeAll("event-failed");
          if (!empty && item != null && item.failed()) {
            getStyleClass().add("event-failed");
          }
        }
      };
      ContextMenu menu = pivotMenu(row);
      row.setOnMousePressed(e -> {
        menu.hide();
        if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY && !row.isEmpty()) {
          table.getSelectionModel().select(row.getIndex());
          // shown on the table, not the row: a popup takes its owner's styles (a denied row's text colour)
          menu.show(table, e.getScreenX(), e.getScreenY());
          e.consume();
        }
      });
      row.setOnContextMenuRequested(e -> {
        if (!row.isEmpty() && !menu.isShowing()) {
          menu.show(table, e.getScreenX(), e.getScreenY());
        }
        e.consume();
      });
      return row;
    });

    Button prev = new Button("", new FontIcon("mdi2c-chevron-left"));
    prev.setId("previous-page");
    prev.setOnAction(e -> model.previousPage());
    Button next = new Button("", new FontIcon("mdi2c-chevron-right"));
    next.setId("next-page");
    next.setOnAction(e -> model.nextPage());
    Button nextError = new Button("Next error", new FontIcon("mdi2a-alert-circle-outline"));
    nextError.setId("next-error");
    nextError.setTooltip(new Tooltip("Next error (F8 or n)"));
    nextError.setOnAction(e -> model.selectNextError());
    Button previousError = new Button("Previous error");
    previousError.setId("previous-error");
    previousError.setTooltip(new Tooltip("Previous error (Shift+F8 or p)"));
    previousError.setOnAction(e -> model.selectPreviousError());
    Label notice = new Label();
    notice.setId("timeline-notice");
    notice.getStyleClass().add("text-muted");
    notice.textProperty().bind(model.noticeProperty());
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    javafx.scene.control.ProgressBar verdictProgress = new javafx.scene.control.ProgressBar();
    verdictProgress.setPrefWidth(90);
    verdictProgress.progressProperty().bind(model.verdictProgressProperty());
    verdictProgress.visibleProperty().bind(model.verdictsComputingProperty());
    verdictProgress.managedProperty().bind(model.verdictsComputingProperty());
    Label verdictStatus = new Label();
    verdictStatus.setId("verdict-status");
    verdictStatus.getStyleClass().add("text-muted");
    verdictStatus.textProperty().bind(model.verdictStatusProperty());
    HBox pager = new HBox(6, prev, next, previousError, nextError, notice, gap, verdictProgress, verdictStatus);
    pager.setPadding(new Insets(4, 12, 4, 12));
    pager.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(table, pager);
    VBox.setVgrow(table, Priority.ALWAYS);
    return box;
  }

  /**
   * The replay verdict of each row (filled once the case's verdicts are computed): the engine's
   * decision over the case's IAM data against CloudTrail's; a disagreement is marked.
   */
  private TableColumn<EventRow, RowVerdict> verdictColumn() {
    TableColumn<EventRow, RowVerdict> c = new TableColumn<>("Verdict");
    c.setId("column-verdict");
    c.setSortable(false);
    c.setPrefWidth(VERDICT_WIDTH);
    c.setCellValueFactory(cd -> javafx.beans.binding.Bindings.valueAt(model.verdicts(), cd.getValue()));
    c.setCellFactory(col -> new TableCell<>() {
      private final Tooltip why = new Tooltip();

      @Override
      protected void updateItem(RowVerdict v, boolean empty) {
        super.updateItem(v, empty);
        getStyleClass().removeAll(VERDICT_STYLES);
        if (empty || v == null) {
          setText(null);
          setGraphic(null);
          setTooltip(null);
          return;
        }
        setText(v.cellText());
        setAccessibleText(v.label());
        getStyleClass().add("verdict-" + v.verdict().json().replace(' ', '-'));
        setGraphic(v.disagrees() ? new FontIcon("mdi2a-alert-outline")
            : v.verdict() == io.github.trailbench.core.correlate.ReplayVerdict.UNDETERMINED ? undeterminedIcon() : null);
        why.setText(v.explanation());
        setTooltip(why);
      }
    });
    return c;
  }

  /** The question mark that marks an undetermined verdict, whose cell shows only its key. */
  static FontIcon undeterminedIcon() {
    FontIcon icon = new FontIcon("mdi2h-help-circle-outline");
    icon.getStyleClass().add("verdict-undetermined-icon");
    return icon;
  }

  /** The verdict, or an undetermined one's key ("missing policy", "aws:SecureTransport"); the tooltip says why. */
  static final double VERDICT_WIDTH = 225;
  private static final List<String> VERDICT_STYLES = java.util.Arrays.stream(io.github.trailbench.core.correlate.ReplayVerdict.values())
      .map(v -> "verdict-" + v.json().replace(' ', '-')).toList();

  /** "Service use (Access Advisor and trail)…": the row's principal's services, in a dialog. */
  private MenuItem serviceUseItem(TableRow<EventRow> row) {
    MenuItem item = new MenuItem("Service use: IAM Access Advisor beside the trail…", new FontIcon("mdi2c-clock-outline"));
    item.setId("service-use");
    item.setOnAction(e -> model.showServiceActivity(row.getItem()));
    return item;
  }

  /** Shows each "Service use" answer as it arrives. */
  private void installServiceUseDialog() {
    model.serviceActivityProperty().addListener((obs, old, answer) -> {
      if (answer == null) {
        return;
      }
      javafx.scene.control.Alert dialog = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
      dialog.setTitle("Service use");
      dialog.setHeaderText(answer.principal());
      javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(String.join("\n", answer.lines()));
      text.setId("service-use-lines");
      text.setEditable(false);
      text.setWrapText(true);
      text.setPrefRowCount(Math.min(12, answer.lines().size() + 1));
      dialog.getDialogPane().setContent(text);
      if (getScene() != null) {
        dialog.initOwner(getScene().getWindow());
      }
      dialog.show();
      model.serviceActivityProperty().set(null);
    });
  }

  private ContextMenu pivotMenu(TableRow<EventRow> row) {
    MenuItem principal = new MenuItem("Filter to this principal");
    principal.setOnAction(e -> model.pivot("principal", row.getItem().principal()));
    MenuItem key = new MenuItem("Filter to this access key");
    key.setOnAction(e -> model.pivot("accessKey", row.getItem().accessKeyId()));
    MenuItem ip = new MenuItem("Filter to this source IP");
    ip.setOnAction(e -> model.pivot("ip", row.getItem().sourceIp()));
    MenuItem session = new MenuItem("Filter to this session");
    session.setOnAction(e -> model.pivot("session", row.getItem().sessionId()));
    MenuItem serviceUse = serviceUseItem(row);
    MenuItem graph = new MenuItem("Show in principal graph", new FontIcon("mdi2g-graph-outline"));
    graph.setOnAction(e -> model.showInGraph(row.getItem()));
    MenuItem simulate = new MenuItem("Simulate this principal…", new FontIcon("mdi2t-table-search"));
    simulate.setId("simulate-principal");
    simulate.setOnAction(e -> model.simulate(row.getItem()));
    MenuItem explain = new MenuItem("Explain this decision", new FontIcon("mdi2f-file-tree-outline"));
    explain.setId("explain-event");
    explain.setOnAction(e -> model.explain(row.getItem()));
    MenuItem bookmark = new MenuItem("Bookmark", new FontIcon("mdi2b-bookmark-outline"));
    bookmark.setOnAction(e -> {
      model.selectedProperty().set(row.getItem());
      model.addTag("bookmark");
    });
    MenuItem finding = new MenuItem("Add to finding…", new FontIcon("mdi2f-flag-plus-outline"));
    finding.setOnAction(e -> {
      model.selectedProperty().set(row.getItem());
      model.addSelectedToFinding();
    });
    MenuItem known = new MenuItem("Mark address as known…", new FontIcon("mdi2m-map-marker-check-outline"));
    known.setId("mark-address-known");
    known.setOnAction(e -> model.markAddressKnown(row.getItem()));
    List<MenuItem> around = new java.util.ArrayList<>();
    for (int minutes : TimelineViewModel.AROUND_MINUTES) {
      MenuItem span = new MenuItem("Show events around this one (± " + (minutes < 60 ? minutes + " minutes" : minutes / 60 + " hour") + ")",
          new FontIcon("mdi2c-clock-outline"));
      span.setOnAction(e -> model.showAround(row.getItem(), java.time.Duration.ofMinutes(minutes)));
      around.add(span);
    }
    ContextMenu menu = new ContextMenu(explain);
    menu.getItems().addAll(around);
    menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), principal, key, ip, session, graph, simulate,
        serviceUse, new javafx.scene.control.SeparatorMenuItem(), bookmark, finding, known);
    menu.setId("event-menu");
    // one menu per row, shown for whichever event the row holds then
    menu.setOnShowing(e -> simulate.setDisable(row.getItem() == null || !TimelineViewModel.canSimulate(row.getItem())));
    return menu;
  }

  private static TableColumn<EventRow, String> column(String title, Column sortKey, double width, Function<EventRow, String> value) {
    TableColumn<EventRow, String> c = new TableColumn<>(title);
    c.setUserData(sortKey);
    c.setSortable(sortKey != null);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    return c;
  }

  /** Puts the header's sort arrow where the model's sort is (it may fall back to time order). */
  private void showSort(Sort sort) {
    for (TableColumn<EventRow, ?> c : table.getColumns()) {
      if (c.getUserData() == sort.column()) {
        c.setSortType(sort.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
        if (sort.equals(Sort.TIME_ASCENDING)) {
          table.getSortOrder().clear();
        } else if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
          table.getSortOrder().setAll(List.of(c));
        }
        return;
      }
    }
  }

  private void installAutocomplete() {
    suggestionList.setId("filter-suggestions");
    suggestionList.setItems(model.suggestions());
    suggestionList.setPrefWidth(460);
    suggestionList.setFocusTraversable(false);
    suggestionList.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(TimelineViewModel.Suggestion item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
          setText(null);
          setGraphic(null);
        } else {
          setText(item.text());
          Label detail = new Label(item.detail());
          detail.getStyleClass().add("text-muted");
          setGraphic(detail);
          setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
          setGraphicTextGap(12);
        }
      }
    });
    suggestionList.setOnMouseClicked(e -> {
      if (suggestionList.getSelectionModel().getSelectedItem() != null) {
        accept(suggestionList.getSelectionModel().getSelectedItem());
      }
    });
    suggestionPopup.getContent().add(suggestionList);
    suggestionPopup.setAutoHide(true);
    // Esc is the filter's (it closes the suggestions); a popup hidden any other way drops them too
    suggestionPopup.setHideOnEscape(false);
    suggestionPopup.setOnHidden(e -> {
      if (!model.suggestions().isEmpty()) {
        model.closeSuggestions();
      }
    });
    model.suggestions().addListener((javafx.collections.ListChangeListener<TimelineViewModel.Suggestion>) c -> {
      if (model.suggestions().isEmpty()) {
        suggestionPopup.hide();
      } else {
        suggestionList.setPrefHeight(Math.min(10, model.suggestions().size()) * 26 + 4);
        suggestionList.getSelectionModel().select(0);
        if (!suggestionPopup.isShowing() && filter.getScene() != null && filter.isFocused()) {
          javafx.geometry.Bounds b = filter.localToScreen(filter.getBoundsInLocal());
          suggestionPopup.show(filter, b.getMinX(), b.getMaxY());
        }
      }
    });
    filter.textProperty().addListener((obs, old, text) -> {
      if (!accepting && filter.isFocused()) {
        javafx.application.Platform.runLater(() -> model.complete(filter.getText(), filter.getCaretPosition()));
      }
    });
    filter.focusedProperty().addListener((obs, old, focused) -> {
      if (!focused) {
        model.closeSuggestions();
      }
    });
    model.filterCaretProperty().addListener((obs, old, caret) -> {
      if (caret.intValue() >= 0 && caret.intValue() <= filter.getText().length()) {
        filter.positionCaret(caret.intValue());
      }
    });
    filter.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (model.suggestions().isEmpty()) {
        return;
      }
      int i = suggestionList.getSelectionModel().getSelectedIndex();
      switch (e.getCode()) {
        case DOWN -> {
          suggestionList.getSelectionModel().select(Math.min(model.suggestions().size() - 1, i + 1));
          suggestionList.scrollTo(suggestionList.getSelectionModel().getSelectedIndex());
          e.consume();
        }
        case UP -> {
          suggestionList.getSelectionModel().select(Math.max(0, i - 1));
          suggestionList.scrollTo(suggestionList.getSelectionModel().getSelectedIndex());
          e.consume();
        }
        case TAB, ENTER -> {
          accept(model.suggestions().get(Math.max(0, i)));
          e.consume();
        }
        case ESCAPE -> {
          model.closeSuggestions();
          e.consume();
        }
        default -> { }
      }
    });
  }

  private void accept(TimelineViewModel.Suggestion s) {
    accepting = true;
    try {
      model.acceptSuggestion(s);
    } finally {
      accepting = false;
    }
    filter.requestFocus();
  }

  private SplitPane detailPane() {
    decoded.setId("event-decoded");
    decoded.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        table.requestFocus();
        e.consume();
      }
    });
    decoded.setEditable(false);
    decoded.getStyleClass().add("event-decoded");
    TextArea raw = new TextArea();
    raw.setId("event-raw");
    raw.setEditable(false);
    raw.getStyleClass().add("policy-source");
    raw.textProperty().bind(model.selectedJsonProperty());
    model.selectedProperty().addListener((obs, old, r) -> decoded.setText(r == null ? "" : describe(r)));
    model.selectedIpInfoProperty().addListener((obs, old, info) -> {
      EventRow r = model.selectedProperty().get();
      decoded.setText(r == null ? "" : describe(r));
    });
    model.selectedContested().addListener((javafx.collections.ListChangeListener<String>) c -> {
      EventRow r = model.selectedProperty().get();
      decoded.setText(r == null ? "" : describe(r));
    });
    VBox left = new VBox(4, annotationBar(), decoded);
    VBox.setVgrow(decoded, Priority.ALWAYS);
    SplitPane detail = new SplitPane(left, raw);
    detail.setDividerPositions(0.42);
    return detail;
  }

  /** Bookmark, tags and "Add to finding" for the selected event. */
  private HBox annotationBar() {
    ToggleButton bookmark = new ToggleButton("", new FontIcon("mdi2b-bookmark-outline"));
    bookmark.setId("event-bookmark");
    bookmark.setTooltip(new Tooltip("Bookmark this event (kept in the case; filter tag:bookmark)"));
    bookmark.setOnAction(e -> model.toggleBookmark());
    model.selectedTags().addListener((javafx.collections.ListChangeListener<String>) c -> bookmark.setSelected(model.isBookmarked()));
    Label tags = new Label();
    tags.setId("event-tags");
    tags.getStyleClass().add("text-muted");
    model.selectedTags().addListener((javafx.collections.ListChangeListener<String>) c -> tags.setText(
        model.selectedTags().stream().filter(t -> !t.equals("bookmark")).map(t -> "#" + t).collect(java.util.stream.Collectors.joining(" "))));
    TextField tag = new TextField();
    tag.setId("event-tag-input");
    tag.setPromptText("add tag ⏎");
    tag.setPrefColumnCount(10);
    tag.setOnAction(e -> {
      String t = tag.getText();
      if (t.startsWith("-")) {
        model.removeTag(t.substring(1));
      } else {
        model.addTag(t);
      }
      tag.clear();
    });
    tag.setTooltip(new Tooltip("Type a tag and press Enter; -tag removes it"));
    Button finding = new Button("Add to finding", new FontIcon("mdi2f-flag-plus-outline"));
    finding.setId("event-add-to-finding");
    finding.setOnAction(e -> model.addSelectedToFinding());
    for (javafx.scene.control.Control c : List.of(bookmark, tag, finding)) {
      c.disableProperty().bind(model.selectedProperty().isNull());
    }
    HBox bar = new HBox(6, bookmark, finding, tag, tags);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(2, 0, 2, 0));
    return bar;
  }

  private String describe(EventRow r) {
    return String.join("\n",
        "WHO",
        "  principal   " + nz(r.principal()),
        "  access key  " + nz(r.accessKeyId()) + keyKind(r.accessKeyId()),
        "  session     " + nz(r.sessionId()),
        "WHAT",
        "  call        " + nz(r.eventSource()) + " " + nz(r.eventName()),
        "  authorized as " + (r.actions().isEmpty() ? "(no IAM action)" : String.join(", ", r.actions())),
        "WHERE",
        "  source IP   " + nz(r.sourceIp()) + (model.selectedIpInfoProperty().get().isEmpty() || !r.equals(model.selectedProperty().get())
            ? "" : "  (" + model.selectedIpInfoProperty().get() + ")"),
        "  region      " + nz(r.region()),
        "  user agent  " + nz(r.userAgent()),
        "WHEN          " + model.format(r.time()),
        "OUTCOME       " + (r.failed() ? r.errorCode() : "success") + contested(r),
        "EVENT         " + r.eventId() + " (account " + r.accountId() + ")");
  }

  /** Other copies of the selected event that say something else, after its outcome. */
  private String contested(EventRow r) {
    if (model.selectedContested().isEmpty() || !r.equals(model.selectedProperty().get())) {
      return "";
    }
    return "\nCONTESTED     another copy says otherwise (rejected at import; compare the files):\n"
        + model.selectedContested().stream().map(c -> "  " + c).collect(java.util.stream.Collectors.joining("\n"));
  }

  private static String keyKind(String key) {
    if (key == null) {
      return "";
    }
    return key.startsWith("AKIA") ? "  (long-term key)" : key.startsWith("ASIA") ? "  (temporary credentials)" : "";
  }

  private static String nz(String s) {
    return s == null || s.isEmpty() ? "—" : s;
  }
}
