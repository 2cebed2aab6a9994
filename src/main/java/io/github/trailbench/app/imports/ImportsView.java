package io.github.trailbench.app.imports;

import java.io.File;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The import ledger: every file with its counts, and the rejects of the selected one. Drop files to import. */
public final class ImportsView extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  public ImportsView(ImportsViewModel model) {
    setId("view-imports");
    Label title = new Label("Import ledger", new FontIcon("mdi2d-database-import-outline"));
    title.getStyleClass().add("title-4");
    Label totals = new Label();
    totals.setId("ledger-totals");
    totals.textProperty().bind(model.totalsProperty());
    Label coverage = new Label();
    coverage.setId("ledger-coverage");
    coverage.textProperty().bind(model.coverageProperty());
    Label hint = new Label("Drop CloudTrail exports (files or whole AWSLogs/ folders), credential reports, IAM or policy files here, or use File › Import files… (Ctrl+I) or Import a folder….");
    hint.getStyleClass().add("text-muted");
    VBox top = new VBox(4, new HBox(10, title, totals), coverage, hint);
    ((HBox) top.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(10, 12, 8, 12));
    setTop(top);

    TableView<LedgerEntry> files = new TableView<>(model.entries());
    files.setId("ledger");
    // at 1366×768 a file's name, format, counts and note fit without scrolling sideways; its folder,
    // import time and SHA-256 follow, and the selected file's whole path and note are shown below
    TableColumn<LedgerEntry, String> name = col("File", 250, e -> LedgerLabels.fileName(e.path()));
    // AWSLogs file names share their start (account, "CloudTrail", region): keep both ends
    name.setCellFactory(c -> pathCell(OverrunStyle.CENTER_ELLIPSIS));
    files.getColumns().add(name);
    files.getColumns().add(col("Format", 168, e -> LedgerLabels.formatName(e.format())));
    files.getColumns().add(col("Read", 60, e -> String.valueOf(e.read())));
    files.getColumns().add(col("Added", 70, e -> String.valueOf(e.added())));
    files.getColumns().add(col("Duplicates", 108, e -> String.valueOf(e.duplicates())));
    files.getColumns().add(col("Rejected", 92, e -> String.valueOf(e.rejected())));
    TableColumn<LedgerEntry, String> note = col("Note", 370, e -> e.note() == null ? "" : e.note());
    note.setId("ledger-note");
    files.getColumns().add(note);
    TableColumn<LedgerEntry, String> folder = col("Folder", 150, e -> LedgerLabels.folder(e.path()));
    // the middle of a deep AWSLogs/… folder is what every row shares: elide it, keep both ends
    folder.setCellFactory(c -> pathCell(OverrunStyle.CENTER_ELLIPSIS));
    files.getColumns().add(folder);
    files.getColumns().add(col("Imported", 150, e -> e.importedAt() == null ? "" : TIME.format(e.importedAt())));
    files.getColumns().add(col("SHA-256", 200, LedgerEntry::sha256));
    files.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> model.selectedProperty().set(e));

    TableView<LedgerEntry.Reject> rejects = new TableView<>();
    rejects.setId("ledger-rejects");
    rejects.setPlaceholder(new Label("No rejected records in the selected file."));
    TableColumn<LedgerEntry.Reject, String> pos = new TableColumn<>("Position");
    pos.setPrefWidth(220);
    pos.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().position()));
    TableColumn<LedgerEntry.Reject, String> reason = new TableColumn<>("Reason");
    reason.setPrefWidth(700);
    reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
    rejects.getColumns().add(pos);
    rejects.getColumns().add(reason);
    model.selectedProperty().addListener((o, a, e) -> rejects.getItems().setAll(e == null ? java.util.List.of() : e.rejects()));

    Label selected = new Label("Select a file to see its whole path, its note and its rejected records.");
    selected.setId("ledger-selected");
    selected.setWrapText(true);
    selected.setMaxWidth(Double.MAX_VALUE);
    selected.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    selected.setPadding(new Insets(6, 12, 6, 12));
    model.selectedProperty().addListener((o, a, e) -> selected.setText(e == null
        ? "Select a file to see its whole path, its note and its rejected records."
        : e.path() + (e.note() == null || e.note().isEmpty() ? "" : "\n" + e.note())));
    VBox below = new VBox(selected, rejects);
    VBox.setVgrow(rejects, javafx.scene.layout.Priority.ALWAYS);
    SplitPane split = new SplitPane(files, below);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.7);
    setCenter(split);

    setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    setOnDragDropped(e -> {
      boolean ok = e.getDragboard().hasFiles();
      if (ok) {
        model.importPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
      }
      e.setDropCompleted(ok);
      e.consume();
    });
  }

  /** A cell that elides as told and shows the whole path on hover. */
  private static TableCell<LedgerEntry, String> pathCell(OverrunStyle overrun) {
    TableCell<LedgerEntry, String> cell = new TableCell<>() {
      @Override
      protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        setText(empty ? null : text);
        LedgerEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
        setTooltip(entry == null ? null : new Tooltip(entry.path()));
      }
    };
    cell.setTextOverrun(overrun);
    return cell;
  }

  private static TableColumn<LedgerEntry, String> col(String title, double width, Function<LedgerEntry, String> value) {
    TableColumn<LedgerEntry, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    return c;
  }
}
