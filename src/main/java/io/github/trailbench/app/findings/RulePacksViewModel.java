package io.github.trailbench.app.findings;

import io.github.trailbench.app.findings.CaseRulesService.KnownAddress;
import io.github.trailbench.app.findings.CaseRulesService.RulePackRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The case's rule packs and known addresses, as the "Rule packs…" dialog shows and edits them.
 * Every change is written to the case at once, off the FX thread; {@code afterChange} then runs
 * on the FX thread (the findings view re-reads its stale notice).
 */
public final class RulePacksViewModel {
  /** Asks the analyst for a rule file or folder; empty when cancelled. Injected so tests need no native dialog. */
  public interface PathChooser {
    Optional<Path> choose(boolean folder);
  }

  private final CaseRulesService service;
  private final Executor background;
  private final Executor ui;
  private final ObservableList<RulePackRow> packs = FXCollections.observableArrayList();
  private final ObservableList<KnownAddress> addresses = FXCollections.observableArrayList();
  private final ObjectProperty<RulePackRow> selected = new SimpleObjectProperty<>();
  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty licence = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private PathChooser chooser = folder -> Optional.empty();
  private Runnable afterChange = () -> {};

  public RulePacksViewModel(CaseRulesService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
  }

  public ObservableList<RulePackRow> packs() { return packs; }
  public ObservableList<KnownAddress> addresses() { return addresses; }
  public ObjectProperty<RulePackRow> selectedProperty() { return selected; }
  public StringProperty messageProperty() { return message; }
  /** What the analyst says the licence of the next pack is, kept when its rules name none. */
  public StringProperty licenceProperty() { return licence; }
  public BooleanProperty runningProperty() { return running; }

  public void setChooser(PathChooser chooser) {
    this.chooser = chooser;
  }

  public void setAfterChange(Runnable afterChange) {
    this.afterChange = afterChange;
  }

  /** Reads the case's packs and addresses. */
  public void load() {
    work("Reading the case's rule packs…", () -> {
      List<RulePackRow> p = service.rulePacks();
      List<KnownAddress> a = service.knownAddresses();
      return () -> {
        show(p, a, null);
        message.set(p.isEmpty() ? "No rule packs in this case: add a Sigma file, a folder of rules or a JSON pack."
            : p.size() + " rule pack(s) in this case.");
      };
    });
  }

  /** Asks for a file (or folder) and keeps its rules in the case. */
  public void addChosen(boolean folder) {
    chooser.choose(folder).ifPresent(this::add);
  }

  public void add(Path source) {
    String typed = licence.get() == null ? "" : licence.get();
    work("Reading " + source + "…", () -> {
      RulePackRow added = service.addRulePack(source, typed);
      List<RulePackRow> p = service.rulePacks();
      List<KnownAddress> a = service.knownAddresses();
      return () -> {
        show(p, a, added.name());
        message.set("Kept \"" + added.name() + "\": " + added.ruleCount() + " rule(s)"
            + (added.errors().isEmpty() ? "" : ", " + added.errors().size() + " file(s) did not load (listed below)")
            + ". Run the detections to see its findings.");
        afterChange.run();
      };
    });
  }

  public void setEnabled(RulePackRow pack, boolean enabled) {
    if (pack == null || pack.enabled() == enabled) {
      return;
    }
    change((enabled ? "Enabled" : "Disabled") + " \"" + pack.name() + "\".", () -> service.setRulePackEnabled(pack.name(), enabled),
        pack.name());
  }

  public void removeSelected() {
    RulePackRow p = selected.get();
    if (p != null) {
      change("Removed \"" + p.name() + "\"; its findings stay until the next run marks them no longer detected.",
          () -> service.removeRulePack(p.name()), null);
    }
  }

  public void addAddress(String range, String note) {
    work("Saving…", () -> {
      KnownAddress k = service.addKnownAddress(range, note);
      List<RulePackRow> p = service.rulePacks();
      List<KnownAddress> a = service.knownAddresses();
      return () -> {
        show(p, a, selected.get() == null ? null : selected.get().name());
        message.set(k.range() + " is known. Run the detections to apply it.");
        afterChange.run();
      };
    });
  }

  public void removeAddress(KnownAddress k) {
    if (k != null) {
      change(k.range() + " is no longer listed as known.", () -> service.removeKnownAddress(k.range()),
          selected.get() == null ? null : selected.get().name());
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private void change(String done, Action action, String select) {
    work("Saving…", () -> {
      action.run();
      List<RulePackRow> p = service.rulePacks();
      List<KnownAddress> a = service.knownAddresses();
      return () -> {
        show(p, a, select);
        message.set(done);
        afterChange.run();
      };
    });
  }

  private void show(List<RulePackRow> p, List<KnownAddress> a, String select) {
    packs.setAll(p);
    addresses.setAll(a);
    String keep = select != null ? select : selected.get() == null ? null : selected.get().name();
    selected.set(p.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(p.isEmpty() ? null : p.get(0)));
  }

  private void work(String what, BackgroundWork.Job job) {
    new BackgroundWork(background, ui, running, message, (w, e) -> e.getMessage() == null ? e.toString() : e.getMessage()).run(what, job);
  }

  /** Lets the view choose paths with the platform's dialogs. */
  public static PathChooser platformChooser(Supplier<javafx.stage.Window> owner) {
    return folder -> {
      java.io.File f;
      if (folder) {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle("Add a folder of rule files");
        f = c.showDialog(owner.get());
      } else {
        javafx.stage.FileChooser c = new javafx.stage.FileChooser();
        c.setTitle("Add a rule file");
        c.getExtensionFilters().addAll(
            new javafx.stage.FileChooser.ExtensionFilter("Sigma rules and rule packs", "*.yml", "*.yaml", "*.json"),
            new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        f = c.showOpenDialog(owner.get());
      }
      return Optional.ofNullable(f).map(java.io.File::toPath);
    };
  }
}
