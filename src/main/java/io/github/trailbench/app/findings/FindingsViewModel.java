package io.github.trailbench.app.findings;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The findings kept in the case: run detections (merged into the case), triage (status, notes,
 * title, severity), the analyst's own findings, order, evidence added from other views, export.
 * Every change is saved to the case at once, off the FX thread.
 */
public final class FindingsViewModel {
  private final FindingsService service;
  private final Executor background;
  private final Executor ui;
  private final Clock clock;
  private final ObservableList<Finding> all = FXCollections.observableArrayList();
  private final ObservableList<Finding> shown = FXCollections.observableArrayList();
  private final Set<Severity> severities = EnumSet.allOf(Severity.class);
  private final Set<String> noLongerDetected = new HashSet<>();
  private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>();
  private final StringProperty message = new SimpleStringProperty("Run the detections to list findings.");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final StringProperty staleNotice = new SimpleStringProperty("");

  public FindingsViewModel(FindingsService service, Executor background, Executor ui) {
    this(service, background, ui, Clock.systemUTC());
  }

  public FindingsViewModel(FindingsService service, Executor background, Executor ui, Clock clock) {
    this.service = service;
    this.background = background;
    this.ui = ui;
    this.clock = clock;
  }

  public ObservableList<Finding> shown() { return shown; }
  /** Every finding of the case, in the analyst's order (the severity filter does not apply). */
  public ObservableList<Finding> all() { return all; }
  public ObjectProperty<Finding> selectedProperty() { return selected; }
  public StringProperty messageProperty() { return message; }
  public BooleanProperty runningProperty() { return running; }
  /** Why the stored findings are stale (made by other rules than the case's now); empty when they are not. */
  public StringProperty staleNoticeProperty() { return staleNotice; }
  private final BooleanProperty caseOpen = new SimpleBooleanProperty(true);
  /** Whether a case is open: detections need one (the shell sets it). */
  public BooleanProperty caseOpenProperty() { return caseOpen; }

  private java.util.function.Consumer<Evidence.Event> explainHandler = e -> {};
  private final ObjectProperty<RulePacksViewModel> rulePacks = new SimpleObjectProperty<>();

  /** The case's rule packs and known addresses, for the "Rule packs…" dialog; null: no such dialog. */
  public ObjectProperty<RulePacksViewModel> rulePacksProperty() { return rulePacks; }

  public void setRulePacks(RulePacksViewModel model) {
    rulePacks.set(model);
  }

  /** Where "Explain" sends an event of a finding (the shell opens the decision view). */
  public void setExplainHandler(java.util.function.Consumer<Evidence.Event> handler) {
    this.explainHandler = handler;
  }

  /** Opens the decision behind the selected finding's first event. */
  public void explainSelected() {
    Finding f = selected.get();
    if (f == null || f.events().isEmpty()) {
      message.set("This finding has no logged event to explain.");
      return;
    }
    explainHandler.accept(f.events().get(0));
  }

  /** Whether the latest detection run no longer produced this (kept) finding. */
  public boolean isNoLongerDetected(Finding f) {
    return f != null && noLongerDetected.contains(f.id());
  }

  /** Reads the case's findings. */
  public void load() {
    read(false);
  }

  /** Reads the case's findings; a case without any gets a first detection run. */
  public void loadOrDetect() {
    read(true);
  }

  private void read(boolean detectWhenEmpty) {
    work("Reading the case's findings…", () -> {
      FindingsService.Snapshot s = service.stored();
      return () -> {
        if (s.findings().isEmpty() && detectWhenEmpty) {
          detect();
          return;
        }
        show(s, null);
        message.set(s.findings().isEmpty() ? "No findings in this case yet: run the detections, or add events from the timeline."
            : summary());
      };
    });
  }

  public void detect() {
    work("Running detections…", () -> {
      FindingsService.DetectionRun run = service.detect();
      return () -> {
        show(run.snapshot(), null);
        message.set(String.format("Detections over %,d events: %d new, %d refreshed, %d no longer detected. %s",
            run.eventsScanned(), run.added(), run.refreshed(), run.noLongerDetected(), summary()));
      };
    });
  }

  private String summary() {
    String bySeverity = all.stream().collect(Collectors.groupingBy(Finding::severity, java.util.TreeMap::new, Collectors.counting()))
        .entrySet().stream().map(e -> e.getValue() + " " + e.getKey().code()).collect(Collectors.joining(", "));
    return all.size() + " finding(s) in the case" + (all.isEmpty() ? "" : ": " + bySeverity);
  }

  public void setSeverityShown(Severity s, boolean show) {
    if (show) {
      severities.add(s);
    } else {
      severities.remove(s);
    }
    refilter(selected.get() == null ? null : selected.get().id());
  }

  private void show(FindingsService.Snapshot s, String selectId) {
    String keep = selectId != null ? selectId : selected.get() == null ? null : selected.get().id();
    noLongerDetected.clear();
    noLongerDetected.addAll(s.noLongerDetected());
    staleNotice.set(s.staleNotice() == null ? "" : s.staleNotice());
    all.setAll(s.findings());
    refilter(keep);
  }

  private void refilter(String keepId) {
    shown.setAll(all.stream().filter(f -> severities.contains(f.severity())).toList());
    Finding keep = keepId == null ? null : shown.stream().filter(f -> f.id().equals(keepId)).findFirst().orElse(null);
    selected.set(keep != null ? keep : shown.isEmpty() ? null : shown.get(0));
  }

  public void setStatus(FindingStatus status) {
    edit(selected.get() == null ? null : selected.get().withStatus(status));
  }

  public void setNotes(String notes) {
    edit(selected.get() == null ? null : selected.get().withNotes(notes));
  }

  public void setTitle(String title) {
    if (title != null && !title.isBlank()) {
      edit(selected.get() == null ? null : selected.get().withTitle(title.strip()));
    }
  }

  public void setSeverity(Severity severity) {
    edit(selected.get() == null ? null : selected.get().withSeverity(severity));
  }

  /** Saves an edit of the selected finding: shown at once, then written to the case. */
  private void edit(Finding updated) {
    Finding old = selected.get();
    if (old == null || updated == null || updated.equals(old)) {
      return;
    }
    int i = all.indexOf(old);
    if (i >= 0) {
      all.set(i, updated);
    }
    int j = shown.indexOf(old);
    if (j >= 0) {
      shown.set(j, updated);
    }
    selected.set(updated);
    background.execute(() -> {
      try {
        service.save(updated);
      } catch (Exception e) {
        ui.execute(() -> message.set("Could not save finding \"" + updated.title() + "\": " + e.getMessage()));
      }
    });
  }

  /** Creates an analyst's finding and selects it. */
  public void create(String title, Severity severity, String summary) {
    Finding f = Finding.manual("manual-" + UUID.randomUUID(), title == null || title.isBlank() ? "Untitled finding" : title.strip(),
        severity == null ? Severity.MEDIUM : severity, summary, Instant.now(clock));
    severities.add(f.severity());
    saveAndReload(f, "Created \"" + f.title() + "\".");
  }

  /**
   * Adds evidence (events from the timeline, a principal from the graph, a decision trace) to a
   * finding of the case, or to a new one when {@code findingId} is null.
   */
  public void addEvidence(String findingId, String newTitle, Severity newSeverity, List<Evidence> items) {
    Finding target = findingId == null ? null : all.stream().filter(f -> f.id().equals(findingId)).findFirst().orElse(null);
    if (findingId != null && target == null) {
      message.set("The finding to add to is no longer in the case.");
      return;
    }
    if (target == null) {
      target = Finding.manual("manual-" + UUID.randomUUID(),
          newTitle == null || newTitle.isBlank() ? "Untitled finding" : newTitle.strip(),
          newSeverity == null ? Severity.MEDIUM : newSeverity, "", Instant.now(clock));
    }
    Finding updated = target.withAddedEvidence(items.toArray(Evidence[]::new));
    severities.add(updated.severity());
    int added = updated.evidence().size() - target.evidence().size();
    saveAndReload(updated, "Added " + added + " item(s) of evidence to \"" + updated.title() + "\".");
  }

  public void deleteSelected() {
    Finding f = selected.get();
    if (f == null) {
      return;
    }
    work("Deleting…", () -> {
      service.delete(f.id());
      FindingsService.Snapshot s = service.stored();
      return () -> {
        selected.set(null);
        show(s, null);
        message.set("Deleted \"" + f.title() + "\"" + (f.isManual() ? "." : "; the detections will raise it again on their next run if it still applies."));
      };
    });
  }

  /** Moves the selected finding up (-1) or down (+1) in the analyst's order. */
  public void moveSelected(int delta) {
    Finding f = selected.get();
    if (f == null) {
      return;
    }
    int to = all.indexOf(f) + delta;
    if (to < 0 || to >= all.size()) {
      return;
    }
    work("Reordering…", () -> {
      service.move(f.id(), to);
      FindingsService.Snapshot s = service.stored();
      return () -> show(s, f.id());
    });
  }

  private void saveAndReload(Finding f, String done) {
    work("Saving…", () -> {
      service.save(f);
      FindingsService.Snapshot s = service.stored();
      return () -> {
        show(s, f.id());
        message.set(done);
      };
    });
  }

  private void work(String what, BackgroundWork.Job job) {
    new BackgroundWork(background, ui, running, message, (w, e) -> w.replace("…", "") + " failed: " + e.getMessage()).run(what, job);
  }

  /** The evidence of a finding as lines an analyst reads. */
  public static List<String> evidenceLines(Finding f) {
    return f.evidence().stream().map(FindingsViewModel::describe).toList();
  }

  private static String describe(Evidence e) {
    if (e instanceof Evidence.Event ev) {
      return ev.time() + "  " + ev.eventName() + "  " + ev.principal() + "  " + nz(ev.accessKeyId())
          + "  " + nz(ev.sourceIp()) + "  " + ev.outcome() + "  [" + ev.eventId() + "]";
    } else if (e instanceof Evidence.Principal p) {
      return "principal  " + p.arn();
    } else if (e instanceof Evidence.AccessKey k) {
      return "access key " + k.accessKeyId();
    } else if (e instanceof Evidence.Session s) {
      return "session    " + s.label();
    } else if (e instanceof Evidence.Reference r) {
      return r.kind().name().toLowerCase() + "  " + r.label() + "  [" + r.id() + "]";
    }
    return e.toString();
  }

  private static String nz(String s) {
    return s == null ? "—" : s;
  }

  /** Exports the findings shown (after the severity filter) to PDF or CSV, by the file's extension. */
  public void export(Path file) {
    List<Finding> list = List.copyOf(shown);
    boolean pdf = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf");
    work("Exporting " + list.size() + " finding(s) to " + file + "…", () -> {
      if (pdf) {
        service.exportPdf(list, file);
      } else {
        service.exportCsv(list, file);
      }
      return () -> message.set("Exported " + list.size() + " finding(s) to " + file);
    });
  }
}
