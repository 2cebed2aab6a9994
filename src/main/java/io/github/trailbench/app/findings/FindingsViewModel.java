package io.github.trailbench.app.findings;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Findings of the case: run detections, filter by severity, triage (status, notes), export. */
public final class FindingsViewModel {
  private final FindingsService service;
  private final Executor background;
  private final Executor ui;
  private final ObservableList<Finding> all = FXCollections.observableArrayList();
  private final ObservableList<Finding> shown = FXCollections.observableArrayList();
  private final Set<Severity> severities = EnumSet.allOf(Severity.class);
  private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>();
  private final StringProperty message = new SimpleStringProperty("Run the detections to list findings.");
  private final javafx.beans.property.BooleanProperty running = new javafx.beans.property.SimpleBooleanProperty(false);

  public FindingsViewModel(FindingsService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
  }

  public ObservableList<Finding> shown() { return shown; }
  public ObjectProperty<Finding> selectedProperty() { return selected; }
  public StringProperty messageProperty() { return message; }
  public javafx.beans.property.BooleanProperty runningProperty() { return running; }

  public void detect() {
    message.set("Running detections…");
    running.set(true);
    background.execute(() -> {
      try {
        List<Finding> found = service.detect();
        ui.execute(() -> {
          running.set(false);
          all.setAll(found);
          refilter();
          message.set(summary());
        });
      } catch (Exception e) {
        ui.execute(() -> {
          running.set(false);
          message.set("Detections failed: " + e.getMessage());
        });
      }
    });
  }

  private String summary() {
    String bySeverity = all.stream().collect(Collectors.groupingBy(Finding::severity, java.util.TreeMap::new, Collectors.counting()))
        .entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).collect(Collectors.joining(", "));
    return all.size() + " finding(s)" + (all.isEmpty() ? "" : ": " + bySeverity);
  }

  public void setSeverityShown(Severity s, boolean show) {
    if (show) {
      severities.add(s);
    } else {
      severities.remove(s);
    }
    refilter();
  }

  private void refilter() {
    Finding keep = selected.get();
    shown.setAll(all.stream().filter(f -> severities.contains(f.severity())).sorted(Finding.ORDER).toList());
    selected.set(keep != null && shown.contains(keep) ? keep : shown.isEmpty() ? null : shown.get(0));
  }

  public void setStatus(FindingStatus status) {
    replaceSelected(selected.get() == null ? null : selected.get().withStatus(status));
  }

  public void setNotes(String notes) {
    replaceSelected(selected.get() == null ? null : selected.get().withNotes(notes));
  }

  private void replaceSelected(Finding updated) {
    Finding old = selected.get();
    if (old == null || updated == null) {
      return;
    }
    all.set(all.indexOf(old), updated);
    int i = shown.indexOf(old);
    if (i >= 0) {
      shown.set(i, updated);
    }
    selected.set(updated);
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
    running.set(true);
    message.set("Exporting " + list.size() + " finding(s) to " + file + "…");
    background.execute(() -> {
      try {
        if (pdf) {
          service.exportPdf(list, file);
        } else {
          service.exportCsv(list, file);
        }
        ui.execute(() -> running.set(false));
        ui.execute(() -> message.set("Exported " + list.size() + " finding(s) to " + file));
      } catch (Exception e) {
        ui.execute(() -> {
          running.set(false);
          message.set("Export failed: " + e.getMessage());
        });
      }
    });
  }
}
