package io.github.trailbench.app.overview;

import io.github.trailbench.core.overview.OrgOverview;
import io.github.trailbench.core.overview.OrgOverview.AccountActivity;
import io.github.trailbench.core.overview.OrgOverview.PrincipalActivity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The organization overview beside the case: which accounts and principals were active in the
 * whole trail, which of them the case already holds, and the slice command that pulls one in.
 */
public final class OverviewViewModel {
  /** A principal of the overview and how many events of it the case holds (0: not in the case yet). */
  public record PrincipalRow(PrincipalActivity activity, long caseEvents) {
    public String principal() {
      return activity.principal();
    }
  }

  /** Events on one day of the selection. */
  public record DayCount(LocalDate day, long events) {}

  private final OverviewService service;
  private final Executor background;
  private final Executor ui;
  private final ObjectProperty<OrgOverview> overview = new SimpleObjectProperty<>();
  private Map<String, Long> caseEvents = Map.of();
  private final ObservableList<AccountActivity> accounts = FXCollections.observableArrayList();
  private final ObservableList<PrincipalRow> principals = FXCollections.observableArrayList();
  private final ObservableList<DayCount> days = FXCollections.observableArrayList();
  private final ObjectProperty<AccountActivity> selectedAccount = new SimpleObjectProperty<>();
  private final ObjectProperty<PrincipalRow> selectedPrincipal = new SimpleObjectProperty<>();
  private final StringProperty headline = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty sliceCommand = new SimpleStringProperty("");
  private final StringProperty selectionLabel = new SimpleStringProperty("");
  private final BooleanProperty loading = new SimpleBooleanProperty(false);
  private Consumer<String> timelineHandler = principal -> {};

  public OverviewViewModel(OverviewService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
    selectedAccount.addListener((obs, old, account) -> showPrincipals());
    selectedPrincipal.addListener((obs, old, row) -> showSelection());
  }

  public ObservableList<AccountActivity> accounts() { return accounts; }
  public ObservableList<PrincipalRow> principals() { return principals; }
  public ObservableList<DayCount> days() { return days; }
  public ObjectProperty<AccountActivity> selectedAccountProperty() { return selectedAccount; }
  public ObjectProperty<PrincipalRow> selectedPrincipalProperty() { return selectedPrincipal; }
  public ReadOnlyStringProperty headlineProperty() { return headline; }
  /** Why there is nothing to show (no overview kept, or it cannot be read); empty when there is. */
  public ReadOnlyStringProperty messageProperty() { return message; }
  /** The command that slices the selected principal out of the trail; empty without a selection. */
  public ReadOnlyStringProperty sliceCommandProperty() { return sliceCommand; }
  /** What the per-day counts are of. */
  public ReadOnlyStringProperty selectionLabelProperty() { return selectionLabel; }
  public BooleanProperty loadingProperty() { return loading; }

  /** True when the selected principal has events in the case, so the timeline can show them. */
  public BooleanBinding selectedInCaseProperty() {
    return Bindings.createBooleanBinding(() -> selectedPrincipal.get() != null && selectedPrincipal.get().caseEvents() > 0,
        selectedPrincipal);
  }

  /** Where "Show in timeline" goes (the app pivots the timeline on the principal). */
  public void setTimelineHandler(Consumer<String> handler) {
    this.timelineHandler = handler;
  }

  /** Reads the overview kept with the open case (none: the message says how to get one). */
  public void refresh() {
    loading.set(true);
    background.execute(() -> {
      Optional<OrgOverview> o;
      Map<String, Long> inCase;
      try {
        o = service.load();
        inCase = o.isPresent() ? service.caseEventsByPrincipal() : Map.of();
      } catch (Exception e) {
        String why = e.getMessage();
        ui.execute(() -> show(null, Map.of(), "The organization overview kept with this case cannot be read: " + why));
        return;
      }
      Map<String, Long> caseMap = inCase;
      ui.execute(() -> show(o.orElse(null), caseMap, o.isPresent() ? "" : NO_OVERVIEW));
    });
  }

  static final String NO_OVERVIEW = "No organization overview is kept with this case. The slice job (slice/run-local.sh, or"
      + " spark-submit on a cluster) writes overview.jsonl beside each slice: load it here or with"
      + " trailbench overview --case CASE FILE to see every account's and principal's activity in the whole trail.";

  /** Checks the slice job's {@code file} and keeps it with the case, then shows it. */
  public void load(Path file) {
    loading.set(true);
    background.execute(() -> {
      try {
        OrgOverview o = service.keep(file);
        Map<String, Long> inCase = service.caseEventsByPrincipal();
        ui.execute(() -> show(o, inCase, ""));
      } catch (Exception e) {
        String why = e.getMessage();
        ui.execute(() -> {
          loading.set(false);
          message.set("Not loaded: " + why);
        });
      }
    });
  }

  private void show(OrgOverview o, Map<String, Long> inCase, String why) {
    overview.set(o);
    caseEvents = inCase;
    message.set(why);
    selectedPrincipal.set(null);
    selectedAccount.set(null);
    if (o == null) {
      accounts.clear();
      principals.clear();
      days.clear();
      headline.set("");
      selectionLabel.set("");
    } else {
      accounts.setAll(o.accounts());
      SortedMap<LocalDate, Long> all = o.perDay(null, null);
      long distinctPrincipals = o.principals(null).size();
      String filter = o.header().filter().isEmpty() ? "" : " (slice filter '" + o.header().filter() + "')";
      headline.set(String.format(Locale.ROOT, "%s%s: %,d events in %,d account%s by %,d principal%s, %s to %s",
          o.header().input().isEmpty() ? "Organization trail" : o.header().input(), filter, o.events(), accounts.size(),
          accounts.size() == 1 ? "" : "s", distinctPrincipals, distinctPrincipals == 1 ? "" : "s",
          all.isEmpty() ? "-" : all.firstKey(), all.isEmpty() ? "-" : all.lastKey()));
      showPrincipals();
    }
    loading.set(false);
  }

  private void showPrincipals() {
    OrgOverview o = overview.get();
    if (o == null) {
      return;
    }
    AccountActivity account = selectedAccount.get();
    principals.setAll(o.principals(account == null ? null : account.account()).stream()
        .map(p -> new PrincipalRow(p, caseEvents.getOrDefault(p.principal(), 0L)))
        .toList());
    selectedPrincipal.set(null);
    showSelection();
  }

  private void showSelection() {
    OrgOverview o = overview.get();
    if (o == null) {
      return;
    }
    AccountActivity account = selectedAccount.get();
    PrincipalRow row = selectedPrincipal.get();
    String accountId = account == null ? null : account.account();
    // every day of the trail, so that a selection's days are seen against the whole span
    SortedMap<LocalDate, Long> selected = o.perDay(accountId, row == null ? null : row.principal());
    days.setAll(o.perDay(null, null).keySet().stream()
        .map(day -> new DayCount(day, selected.getOrDefault(day, 0L))).toList());
    selectionLabel.set("Events per day: " + (row != null ? row.principal() : "every principal")
        + (account != null ? " in account " + account.account() : " in every account"));
    if (row == null) {
      sliceCommand.set("");
    } else {
      // pulls the principal's events over the days it was active anywhere, not only in the selected account
      PrincipalActivity everywhere = o.principals(null).stream()
          .filter(p -> p.principal().equals(row.principal())).findFirst().orElse(row.activity());
      sliceCommand.set(o.pullCommand(everywhere));
    }
  }

  /** Shows the selected principal's events in the timeline. */
  public void showInTimeline() {
    PrincipalRow row = selectedPrincipal.get();
    if (row != null && row.caseEvents() > 0) {
      timelineHandler.accept(row.principal());
    }
  }

  /** The kept overview, if one is shown. */
  public Optional<OrgOverview> overview() {
    return Optional.ofNullable(overview.get());
  }

  /** Selects the row of {@code account} (null: every account). */
  public void selectAccount(String account) {
    selectedAccount.set(account == null ? null
        : accounts.stream().filter(a -> a.account().equals(account)).findFirst().orElse(null));
  }

  /** Selects the row of {@code principal} among those shown. */
  public void selectPrincipal(String principal) {
    selectedPrincipal.set(principals.stream().filter(p -> p.principal().equals(principal)).findFirst().orElse(null));
  }
}
