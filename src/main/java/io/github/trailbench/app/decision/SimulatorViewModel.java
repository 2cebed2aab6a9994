package io.github.trailbench.app.decision;

import io.github.trailbench.core.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policy simulator, as AWS's: a principal of the case, a service or a list of actions, a
 * resource and context keys; one row per action with its decision, the statement that decided and
 * the sentence; a row opens its full trace. Evaluation happens in the {@link DecisionService} on
 * the background executor; only the newest run's answer is published.
 */
public final class SimulatorViewModel {
  private final DecisionService service;
  private final Executor background;
  private final Executor ui;
  private final AtomicLong generation = new AtomicLong();

  private final StringProperty principal = new SimpleStringProperty("");
  /** True: every action of {@link #serviceProperty()}; false: the actions of {@link #actionsProperty()}. */
  private final BooleanProperty byService = new SimpleBooleanProperty(true);
  private final StringProperty serviceName = new SimpleStringProperty("");
  private final StringProperty actions = new SimpleStringProperty("");
  private final StringProperty resource = new SimpleStringProperty("*");
  private final StringProperty context = new SimpleStringProperty("");
  private final ObservableList<SimulationRow> rows = FXCollections.observableArrayList();
  private final ObservableList<String> principals = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
      "Pick a principal of the case and a service (or actions such as s3:Get*), then Simulate.");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ObjectProperty<Consumer<DecisionRequest>> onOpenTrace = new SimpleObjectProperty<>();

  public SimulatorViewModel(DecisionService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
  }

  public StringProperty principalProperty() { return principal; }
  public BooleanProperty byServiceProperty() { return byService; }
  public StringProperty serviceProperty() { return serviceName; }
  public StringProperty actionsProperty() { return actions; }
  public StringProperty resourceProperty() { return resource; }
  /** Context keys as text: {@code key=value} items separated by commas or new lines. */
  public StringProperty contextProperty() { return context; }
  public ObservableList<SimulationRow> rows() { return rows; }
  /** The users and roles of the case, for the principal picker. */
  public ObservableList<String> principals() { return principals; }
  public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
  /** Where a row's request goes to be opened with its full trace (the decision view). */
  public ObjectProperty<Consumer<DecisionRequest>> onOpenTraceProperty() { return onOpenTrace; }

  /** Service prefixes of the action catalog, for the service picker. */
  public static List<String> services() {
    return List.copyOf(ActionCatalog.get().servicePrefixes());
  }

  /** Loads the principals the case can simulate (users and roles), on the background executor. */
  public void loadPrincipals() {
    background.execute(() -> {
      List<String> found;
      try {
        found = service.simulatablePrincipals();
      } catch (Exception e) {
        found = List.of();
      }
      List<String> answer = found;
      ui.execute(() -> principals.setAll(answer));
    });
  }

  /** Simulates a principal: sets it and, when a service or actions are chosen, runs. */
  public void simulate(String principalArn) {
    principal.set(principalArn);
    if (byService.get() ? !serviceName.get().isBlank() : !actions.get().isBlank()) {
      run();
    } else {
      status.set("Simulating " + principalArn + ": pick a service or type actions, then Simulate.");
    }
  }

  /** Runs the simulation with the form's values; a form error is shown, not thrown. */
  public void run() {
    SimulationQuery query;
    try {
      query = query();
    } catch (IllegalArgumentException e) {
      status.set(e.getMessage());
      return;
    }
    long mine = generation.incrementAndGet();
    running.set(true);
    status.set("Simulating " + query.principal() + "…");
    background.execute(() -> {
      List<SimulationRow> answer;
      String error = null;
      try {
        answer = service.simulate(query);
      } catch (IllegalArgumentException e) {
        answer = List.of();
        error = e.getMessage();
      } catch (Exception e) {
        answer = List.of();
        error = "Cannot simulate: " + e.getMessage();
      }
      List<SimulationRow> published = answer;
      String failed = error;
      ui.execute(() -> {
        if (generation.get() != mine) {
          return;
        }
        running.set(false);
        rows.setAll(published);
        status.set(failed != null ? failed : summary(query, published));
      });
    });
  }

  /** Opens a row's request, with its full trace, in the decision view. */
  public void openTrace(SimulationRow row) {
    Consumer<DecisionRequest> open = onOpenTrace.get();
    if (row != null && open != null) {
      open.accept(row.request());
    }
  }

  SimulationQuery query() {
    String who = principal.get() == null ? "" : principal.get().strip();
    if (who.isEmpty()) {
      throw new IllegalArgumentException("Pick a principal of the case first.");
    }
    Map<String, List<String>> ctx = parseContext(context.get());
    if (byService.get()) {
      String svc = serviceName.get() == null ? "" : serviceName.get().strip();
      if (svc.isEmpty()) {
        throw new IllegalArgumentException("Pick a service, or switch to Actions and type some (s3:Get*, iam:CreateUser).");
      }
      return new SimulationQuery(who, svc, List.of(), resource.get(), ctx);
    }
    List<String> list = new ArrayList<>();
    for (String a : (actions.get() == null ? "" : actions.get()).split("[,\\s]+")) {
      if (!a.isBlank()) {
        list.add(a.strip());
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("Type one or more actions (s3:Get*, iam:CreateUser), separated by commas.");
    }
    return new SimulationQuery(who, null, list, resource.get(), ctx);
  }

  /** {@code key=value} items separated by commas or new lines; a key given twice has both values. */
  static Map<String, List<String>> parseContext(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String item : text.split("[,\\n]")) {
      String pair = item.strip();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Context: '" + pair + "' is not key=value (for example aws:RequestedRegion=eu-west-1).");
      }
      out.computeIfAbsent(pair.substring(0, eq).strip(), k -> new ArrayList<>()).add(pair.substring(eq + 1).strip());
    }
    return out;
  }

  private static String summary(SimulationQuery q, List<SimulationRow> rows) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String d : List.of("Allowed", "ExplicitDeny", "ImplicitDeny", "Undetermined")) {
      counts.put(d, 0);
    }
    rows.forEach(r -> counts.merge(r.decision(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((d, n) -> {
      if (n > 0) {
        parts.add(n + " " + d);
      }
    });
    return rows.size() + " action(s) for " + q.principal() + " on " + (q.resource() == null || q.resource().isBlank() ? "*" : q.resource())
        + ": " + String.join(", ", parts) + ". Double-click a row (or Enter) for its full trace.";
  }
}
