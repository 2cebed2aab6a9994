package io.github.trailbench.app.shell;

import io.github.trailbench.Version;
import io.github.trailbench.app.workspace.CaseSummary;
import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.ImportOutcome;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/** State of the main window: which view is shown, which case is open, what is running. */
public final class ShellViewModel {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final CaseWorkspace workspace;
  private final Executor background;
  private final ObjectProperty<Section> selected = new SimpleObjectProperty<>(Section.TIMELINE);
  private final ReadOnlyObjectWrapper<CaseSummary> openCase = new ReadOnlyObjectWrapper<>();
  private final StringProperty windowTitle = new SimpleStringProperty("Trailbench");
  private final StringProperty caseLine = new SimpleStringProperty("No case open");
  private final StringProperty status = new SimpleStringProperty("Ready");
  private final StringProperty repairNotice = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);

  private final RecentCases recent;
  private final javafx.collections.ObservableList<Path> recentCases = javafx.collections.FXCollections.observableArrayList();
  private final BooleanProperty caseLoading = new SimpleBooleanProperty(false);

  public ShellViewModel(CaseWorkspace workspace, Executor background) {
    this(workspace, background, RecentCases.inMemory());
  }

  public ShellViewModel(CaseWorkspace workspace, Executor background, RecentCases recent) {
    this.workspace = workspace;
    this.background = background;
    this.recent = recent;
    recentCases.setAll(recent.list());
    openCase.addListener((obs, old, summary) -> {
      describe(summary);
      if (summary != null && (old == null || !old.directory().equals(summary.directory()))) {
        recent.add(summary.directory());
        recentCases.setAll(recent.list());
      }
    });
  }

  /** The cases opened last, newest first. */
  public javafx.collections.ObservableList<Path> recentCases() {
    return recentCases;
  }

  /** True while the open case's events are being loaded for the first view (the progress bar runs). */
  public BooleanProperty caseLoadingProperty() {
    return caseLoading;
  }

  /**
   * Says in the status bar that the open case's events are loading ("Loading case… 3,237
   * events"), with an indeterminate progress, until called with false ("Ready").
   */
  public void showCaseLoading(boolean loading) {
    if (loading == caseLoading.get() || busy.get()) {
      return;
    }
    caseLoading.set(loading);
    CaseSummary c = openCase.get();
    if (loading) {
      progress.set(-1);
      status.set(c == null ? "Loading case…" : String.format("Loading case… %,d events", c.events()));
    } else {
      progress.set(0);
      status.set("Ready");
    }
  }

  public List<Section> sections() {
    return List.of(Section.values());
  }

  public ObjectProperty<Section> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<CaseSummary> openCaseProperty() {
    return openCase.getReadOnlyProperty();
  }

  public StringProperty windowTitleProperty() {
    return windowTitle;
  }

  public StringProperty caseLineProperty() {
    return caseLine;
  }

  /** What opening the case repaired, for a notice the analyst dismisses; empty when nothing was. */
  public javafx.beans.property.ReadOnlyStringProperty repairNoticeProperty() {
    return repairNotice;
  }

  public void dismissRepairNotice() {
    repairNotice.set("");
  }

  private void opened(CaseSummary summary) {
    List<String> notes = workspace.openNotes();
    repairNotice.set(notes.isEmpty() ? ""
        : "Opening " + summary.name() + " repaired the case: " + String.join("; ", notes)
            + ". Files an interrupted import had not finished are not in the case: importing them again adds them.");
    openCase.set(summary);
  }

  public StringProperty statusProperty() {
    return status;
  }

  private final BooleanProperty importing = new SimpleBooleanProperty(false);

  /** True while an import runs (it can be cancelled). */
  public BooleanProperty importingProperty() {
    return importing;
  }

  /** Asks the running import to stop after rolling back the file it is writing. */
  public void cancelImport() {
    if (importing.get()) {
      status.set("Cancelling the import…");
      workspace.cancelImport();
    }
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  public String version() {
    return Version.current();
  }

  public void select(Section section) {
    selected.set(section);
  }

  /** Opens a case directory in the background; calls {@code onError} on the FX thread. */
  public void openCase(Path directory, Consumer<String> onError) {
    run("Opening case " + directory.getFileName(), () -> workspace.open(directory), this::opened, onError);
  }

  /** Opens a case and imports paths into it unless they are already there (idempotent). */
  public void openCaseWithImport(Path directory, List<Path> paths, Consumer<String> onError) {
    run(
        "Opening case " + directory.getFileName(),
        () -> {
          workspace.open(directory);
          Platform.runLater(() -> status.set("Importing into " + directory.getFileName() + " (files already there are skipped)…"));
          workspace.importFiles(paths, p -> Platform.runLater(() -> progress.set(p)));
          return workspace.summary();
        },
        this::opened,
        onError);
  }

  public void importFiles(List<Path> paths, Consumer<ImportOutcome> onDone, Consumer<String> onError) {
    importing.set(true);
    run(
        "Importing " + paths.size() + " item(s)",
        () -> workspace.importFiles(paths, p -> Platform.runLater(() -> progress.set(p))),
        outcome -> {
          importing.set(false);
          onDone.accept(outcome);
          refreshSummary(outcome.cancelled() ? "Import cancelled: " + outcome.filesNotImported() + " file(s) not imported" : "Ready");
        },
        message -> {
          importing.set(false);
          onError.accept(message);
        });
  }

  private void refreshSummary(String doneStatus) {
    run("Refreshing", workspace::summary, summary -> {
      openCase.set(summary);
      status.set(doneStatus);
    }, message -> status.set(message));
  }

  private void describe(CaseSummary summary) {
    if (summary == null) {
      caseLine.set("No case open");
      windowTitle.set("Trailbench");
      return;
    }
    windowTitle.set(summary.name() + " — Trailbench");
    String span =
        summary.firstEvent() == null
            ? "no events"
            : TIME.format(summary.firstEvent()) + " → " + TIME.format(summary.lastEvent());
    caseLine.set(
        String.format(
            "%s · %,d events · %,d files%s · %s",
            summary.name(),
            summary.events(),
            summary.files(),
            summary.rejectedFiles() > 0 ? " (" + summary.rejectedFiles() + " with rejected records)" : "",
            span));
  }

  private <T> void run(String label, Work<T> work, Consumer<T> onSuccess, Consumer<String> onError) {
    Task<T> task =
        new Task<>() {
          @Override
          protected T call() throws Exception {
            return work.call();
          }
        };
    busy.set(true);
    progress.set(-1);
    status.set(label + "…");
    task.setOnSucceeded(
        e -> {
          busy.set(false);
          progress.set(0);
          status.set("Ready");
          onSuccess.accept(task.getValue());
        });
    task.setOnFailed(
        e -> {
          busy.set(false);
          progress.set(0);
          String message =
              Optional.ofNullable(task.getException()).map(Throwable::getMessage).orElse("failed");
          status.set(label + " failed: " + message);
          onError.accept(message);
        });
    background.execute(task);
  }

  @FunctionalInterface
  private interface Work<T> {
    T call() throws Exception;
  }
}
