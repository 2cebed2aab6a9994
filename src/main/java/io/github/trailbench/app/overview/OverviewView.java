package io.github.trailbench.app.overview;

import io.github.trailbench.app.overview.OverviewViewModel.DayCount;
import io.github.trailbench.app.overview.OverviewViewModel.PrincipalRow;
import io.github.trailbench.core.overview.OrgOverview.AccountActivity;
import io.github.trailbench.app.timeline.PrincipalLabel;
import java.io.File;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The organization trail around the case: accounts and principals with their activity, which
 * of them the case holds, events per day of the selection, and the slice command that pulls a
 * principal into the case.
 */
public final class OverviewView extends BorderPane {
  /** The year is in the headline; a column of "Oct 3" reads faster than of 2026-10-03. */
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

  public OverviewView(OverviewViewModel model) {
    setId("view-organization");
    Label title = new Label("Organization overview", new FontIcon("mdi2o-office-building-outline"));
    title.getStyleClass().add("title-4");
    Label headline = new Label();
    headline.setId("overview-headline");
    headline.textProperty().bind(model.headlineProperty());
    headline.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    Button load = new Button("Load overview…", new FontIcon("mdi2f-folder-open-outline"));
    load.setId("overview-load");
    load.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("The slice job's overview.jsonl");
      chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Slice overview", "*.jsonl", "*.json"),
          new FileChooser.ExtensionFilter("All files", "*"));
      File f = chooser.showOpenDialog(getScene().getWindow());
      if (f != null) {
        model.load(f.toPath());
      }
    });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox titleBar = new HBox(10, title, gap, load);
    titleBar.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(4, titleBar, headline);
    top.setPadding(new Insets(10, 12, 8, 12));
    setTop(top);

    TableView<AccountActivity> accounts = new TableView<>(model.accounts());
    accounts.setId("overview-accounts");
    accounts.getColumns().add(fixed(text("Account", 138, AccountActivity::account)));
    accounts.getColumns().add(fixed(number("Events", 82, AccountActivity::events)));
    accounts.getColumns().add(fixed(number("Principals", 96, a -> (long) a.principals())));
    accounts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    accounts.setPlaceholder(new Label("No accounts"));
    accounts.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> model.selectedAccountProperty().set(n));
    Button allAccounts = new Button("Every account");
    allAccounts.setId("overview-all-accounts");
    allAccounts.setOnAction(e -> accounts.getSelectionModel().clearSelection());
    allAccounts.disableProperty().bind(model.selectedAccountProperty().isNull());
    Label accountsTitle = new Label("Accounts");
    accountsTitle.getStyleClass().add("text-bold");
    HBox accountsBar = new HBox(8, accountsTitle, allAccounts);
    accountsBar.setAlignment(Pos.CENTER_LEFT);
    VBox left = new VBox(6, accountsBar, accounts);
    VBox.setVgrow(accounts, Priority.ALWAYS);
    left.setPadding(new Insets(0, 6, 0, 12));

    TableView<PrincipalRow> principals = new TableView<>(model.principals());
    principals.setId("overview-principals");
    TableColumn<PrincipalRow, String> arn = text("Principal", 330, r -> PrincipalLabel.of(r.principal()));
    arn.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty ? null : v);
        PrincipalRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setTooltip(row == null ? null : new Tooltip(row.principal()));
      }
    });
    principals.getColumns().add(arn);
    TableColumn<PrincipalRow, String> inAccounts = fixed(text("Accounts", 138, r -> String.join(", ", r.activity().accounts())));
    // with one account in the trail the column would repeat it on every row
    inAccounts.visibleProperty().bind(javafx.beans.binding.Bindings.size(model.accounts()).greaterThan(1));
    principals.getColumns().add(inAccounts);
    principals.getColumns().add(fixed(number("Events", 82, r -> r.activity().events())));
    principals.getColumns().add(fixed(number("Failed", 74, r -> r.activity().failed())));
    principals.getColumns().add(fixed(text("First", 74, r -> DAY.format(r.activity().first()))));
    principals.getColumns().add(fixed(text("Last", 74, r -> DAY.format(r.activity().last()))));
    principals.getColumns().add(fixed(text("In case", 112,
        r -> r.caseEvents() > 0 ? String.format("%,d events", r.caseEvents()) : "not yet")));
    principals.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
    principals.setPlaceholder(new Label("No principals"));
    principals.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> model.selectedPrincipalProperty().set(n));
    model.selectedPrincipalProperty().addListener((o, a, n) -> {
      if (n == null) {
        principals.getSelectionModel().clearSelection();
      } else if (principals.getSelectionModel().getSelectedItem() != n) {
        principals.getSelectionModel().select(n);
        principals.scrollTo(n);
      }
    });
    model.selectedAccountProperty().addListener((o, a, n) -> {
      if (n == null) {
        accounts.getSelectionModel().clearSelection();
      } else if (accounts.getSelectionModel().getSelectedItem() != n) {
        accounts.getSelectionModel().select(n);
      }
    });

    CategoryAxis dayAxis = new CategoryAxis();
    NumberAxis countAxis = new NumberAxis();
    countAxis.setLabel("events");
    BarChart<String, Number> perDay = new BarChart<>(dayAxis, countAxis);
    perDay.setId("overview-per-day");
    perDay.setLegendVisible(false);
    perDay.setAnimated(false);
    perDay.setCategoryGap(1);
    perDay.setBarGap(0);
    perDay.setMinHeight(130);
    perDay.setPrefHeight(150);
    perDay.titleProperty().bind(model.selectionLabelProperty());
    model.days().addListener((ListChangeListener<DayCount>) c -> {
      XYChart.Series<String, Number> series = new XYChart.Series<>();
      for (DayCount d : model.days()) {
        series.getData().add(new XYChart.Data<>(d.day().toString(), d.events()));
      }
      perDay.getData().setAll(java.util.List.of(series));
    });

    TextArea command = new TextArea();
    command.setId("overview-slice-command");
    command.setEditable(false);
    command.setWrapText(true);
    command.setPrefRowCount(3);
    command.setMinHeight(76);
    command.getStyleClass().add("slice-command");
    command.setPromptText("Select a principal: the command that slices its events out of the trail appears here.");
    command.textProperty().bind(model.sliceCommandProperty());
    Button copy = new Button("Copy", new FontIcon("mdi2c-content-copy"));
    copy.setId("overview-copy");
    copy.disableProperty().bind(model.sliceCommandProperty().isEmpty());
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(model.sliceCommandProperty().get());
      Clipboard.getSystemClipboard().setContent(content);
    });
    Button timeline = new Button("Show in timeline", new FontIcon("mdi2t-timeline-clock-outline"));
    timeline.setId("overview-show-in-timeline");
    timeline.disableProperty().bind(model.selectedInCaseProperty().not());
    timeline.setOnAction(e -> model.showInTimeline());
    Label pull = new Label("Pull it into the case: slice, then import the slice folder");
    pull.getStyleClass().add("text-bold");
    Region barGap = new Region();
    HBox.setHgrow(barGap, Priority.ALWAYS);
    copy.setMinWidth(Region.USE_PREF_SIZE);
    timeline.setMinWidth(Region.USE_PREF_SIZE);
    pull.setMinWidth(0);
    HBox commandBar = new HBox(8, pull, barGap, copy, timeline);
    commandBar.setAlignment(Pos.CENTER_LEFT);

    Label principalsTitle = new Label("Principals (most events first; \"not yet\": the case holds none of their events)");
    principalsTitle.getStyleClass().add("text-bold");
    VBox right = new VBox(6, principalsTitle, principals, perDay, commandBar, command);
    VBox.setVgrow(principals, Priority.ALWAYS);
    right.setPadding(new Insets(0, 12, 10, 6));

    SplitPane split = new SplitPane(left, right);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.25);
    left.setMinWidth(335);
    SplitPane.setResizableWithParent(left, false);

    Label message = new Label();
    message.setId("overview-message");
    message.setWrapText(true);
    message.setMaxWidth(720);
    message.textProperty().bind(model.messageProperty());
    StackPane center = new StackPane(split, message);
    message.visibleProperty().bind(model.messageProperty().isNotEmpty());
    split.visibleProperty().bind(model.messageProperty().isEmpty());
    setCenter(center);
  }

  /** A column never narrower than it was made: its values (account ids, counts) must show whole. */
  private static <T, V> TableColumn<T, V> fixed(TableColumn<T, V> column) {
    column.setMinWidth(column.getPrefWidth());
    return column;
  }

  private static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
    return c;
  }

  private static <T> TableColumn<T, Long> number(String title, double width, Function<T, Long> value) {
    TableColumn<T, Long> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Long v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : String.format("%,d", v));
      }
    });
    c.setStyle("-fx-alignment: CENTER-RIGHT;");
    return c;
  }
}
