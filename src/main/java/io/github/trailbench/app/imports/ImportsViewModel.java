package io.github.trailbench.app.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The ledger of the case and the entry point for importing more files. */
public final class ImportsViewModel {
  private final LedgerQueries ledger;
  private final Executor background;
  private final Executor ui;
  private final Consumer<List<Path>> importer;
  private final ObservableList<LedgerEntry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<LedgerEntry> selected = new SimpleObjectProperty<>();
  private final StringProperty totals = new SimpleStringProperty("");
  private final StringProperty coverage = new SimpleStringProperty("");

  /**
   * @param importer runs an import of the given paths (the shell's, with progress and summary)
   */
  public ImportsViewModel(LedgerQueries ledger, Consumer<List<Path>> importer, Executor background, Executor ui) {
    this.ledger = ledger;
    this.importer = importer;
    this.background = background;
    this.ui = ui;
  }

  public ObservableList<LedgerEntry> entries() { return entries; }
  public ObjectProperty<LedgerEntry> selectedProperty() { return selected; }
  public StringProperty totalsProperty() { return totals; }
  public StringProperty coverageProperty() { return coverage; }

  public void refresh() {
    background.execute(() -> {
      try {
        List<LedgerEntry> list = ledger.entries();
        ui.execute(() -> {
          entries.setAll(list);
          long read = list.stream().mapToLong(LedgerEntry::read).sum();
          long added = list.stream().mapToLong(LedgerEntry::added).sum();
          long dup = list.stream().mapToLong(LedgerEntry::duplicates).sum();
          long rej = list.stream().mapToLong(LedgerEntry::rejected).sum();
          totals.set(String.format("%,d files · %,d records read · %,d added · %,d duplicates · %,d rejected",
              list.size(), read, added, dup, rej));
        });
        String covered = ledger.actionCoverage();
        ui.execute(() -> coverage.set(covered.isEmpty() ? "" : "Action catalog: " + covered));
      } catch (Exception e) {
        ui.execute(() -> totals.set("Cannot read the ledger: " + e.getMessage()));
      }
    });
  }

  public void importPaths(List<Path> paths) {
    if (!paths.isEmpty()) {
      importer.accept(paths);
    }
  }
}
