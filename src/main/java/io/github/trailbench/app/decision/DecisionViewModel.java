package io.github.trailbench.app.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the decision-tree view: the request, its decision trace, the step the analyst is
 * on, what a what-if edit changed. Evaluation happens in a {@link DecisionService}, never here.
 */
public final class DecisionViewModel {
  private final DecisionService service;
  private final Executor background;
  private final Executor ui;

  private final ObjectProperty<DecisionRequest> request = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<DecisionResult> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<DecisionResult> baseline = new ReadOnlyObjectWrapper<>();
  private final ObservableList<TraceStep> steps = FXCollections.observableArrayList();
  private final IntegerProperty currentIndex = new SimpleIntegerProperty(-1);
  private final ReadOnlyObjectWrapper<TraceStep> current = new ReadOnlyObjectWrapper<>();
  private final BooleanProperty onlyDecidingPath = new SimpleBooleanProperty(false);
  private final StringProperty stepLine = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty(
      "Open a logged request from the timeline (Explain this decision) or write one below.");
  private final ObservableList<ContextEntry> context = FXCollections.observableArrayList();
  private final Set<String> changedIds = new HashSet<>();
  private final ReadOnlyObjectWrapper<String> whatIfSummary = new ReadOnlyObjectWrapper<>("");
  private final BooleanProperty evaluating = new SimpleBooleanProperty(false);

  /**
   * @param background where evaluations run
   * @param ui where results are published (the FX thread in the app)
   */
  public DecisionViewModel(DecisionService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
    currentIndex.addListener((obs, old, i) -> updateCurrent());
    onlyDecidingPath.addListener((obs, old, only) -> rebuildSteps());
  }

  /** A context key and its values, editable for what-if. */
  public record ContextEntry(String key, List<String> values) {
    public ContextEntry {
      values = List.copyOf(values);
    }
  }

  public ObjectProperty<DecisionRequest> requestProperty() { return request; }
  public ReadOnlyObjectProperty<DecisionResult> resultProperty() { return result.getReadOnlyProperty(); }
  public ReadOnlyObjectProperty<DecisionResult> baselineProperty() { return baseline.getReadOnlyProperty(); }
  public ObservableList<TraceStep> steps() { return steps; }
  public IntegerProperty currentIndexProperty() { return currentIndex; }
  public ReadOnlyObjectProperty<TraceStep> currentProperty() { return current.getReadOnlyProperty(); }
  public BooleanProperty onlyDecidingPathProperty() { return onlyDecidingPath; }
  public StringProperty stepLineProperty() { return stepLine; }
  public StringProperty messageProperty() { return message; }
  public ObservableList<ContextEntry> context() { return context; }
  public ReadOnlyObjectProperty<String> whatIfSummaryProperty() { return whatIfSummary.getReadOnlyProperty(); }
  public BooleanProperty evaluatingProperty() { return evaluating; }

  /** Evaluates a new request; it becomes the baseline that what-if edits compare against. */
  public void open(DecisionRequest newRequest) {
    request.set(newRequest);
    context.setAll(newRequest.context().entrySet().stream()
        .map(e -> new ContextEntry(e.getKey(), e.getValue()))
        .sorted((a, b) -> a.key().compareToIgnoreCase(b.key()))
        .toList());
    evaluate(newRequest, true);
  }

  /** Sets (or, with no values, removes) a context key and re-evaluates against the baseline. */
  public void setContextValue(String key, List<String> values) {
    List<ContextEntry> edited = new ArrayList<>(context);
    edited.removeIf(e -> e.key().equalsIgnoreCase(key));
    if (!values.isEmpty()) {
      edited.add(new ContextEntry(key, values));
    }
    edited.sort((a, b) -> a.key().compareToIgnoreCase(b.key()));
    context.setAll(edited);
    reevaluate();
  }

  /** Re-evaluates the current request with the edited context and principal. */
  public void reevaluate() {
    DecisionRequest base = request.get();
    if (base == null) {
      return;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    context.forEach(e -> map.put(e.key(), e.values()));
    evaluate(base.withContext(map), false);
  }

  public void whatIfPrincipal(String principal) {
    DecisionRequest base = request.get();
    if (base != null) {
      request.set(base.withPrincipal(principal));
      reevaluate();
    }
  }

  public void next() {
    if (currentIndex.get() < steps.size() - 1) {
      currentIndex.set(currentIndex.get() + 1);
    }
  }

  public void previous() {
    if (currentIndex.get() > 0) {
      currentIndex.set(currentIndex.get() - 1);
    }
  }

  public void select(TraceStep step) {
    int i = steps.indexOf(step);
    if (i >= 0) {
      currentIndex.set(i);
    }
  }

  /** Whether a what-if edit changed this node's outcome (or added it). */
  public boolean changed(TraceStep step) {
    return changedIds.contains(step.id());
  }

  /** Node ids that took part in the decision: the root and every mattering node under mattering ancestors. */
  public static Set<String> decidingPath(TraceStep root) {
    Set<String> ids = new HashSet<>();
    ids.add(root.id());
    for (TraceStep child : root.children()) {
      markDeciding(child, ids);
    }
    return ids;
  }

  private static void markDeciding(TraceStep step, Set<String> ids) {
    if (!step.outcome().mattered()) {
      return;
    }
    ids.add(step.id());
    for (TraceStep child : step.children()) {
      markDeciding(child, ids);
    }
  }

  /** The policy source of the current step (its own or its policy ancestor's) and what to highlight. */
  public Optional<SourceView> currentSource() {
    TraceStep step = current.get();
    DecisionResult r = result.get();
    if (step == null || r == null) {
      return Optional.empty();
    }
    List<TraceStep> path = pathTo(r.trace(), step.id());
    String source = null;
    int statement = -1;
    for (TraceStep s : path) {
      if (s.policySource() != null) {
        source = s.policySource();
      }
      if (s.statementIndex() >= 0) {
        statement = s.statementIndex();
      }
    }
    if (source == null) {
      return Optional.empty();
    }
    PolicySource pretty = PolicySource.of(source);
    return Optional.of(new SourceView(pretty.text(), pretty.statement(statement).orElse(null)));
  }

  public record SourceView(String text, PolicySource.Range highlight) {}

  private static List<TraceStep> pathTo(TraceStep root, String id) {
    List<TraceStep> path = new ArrayList<>();
    return find(root, id, path) ? path : List.of();
  }

  private static boolean find(TraceStep node, String id, List<TraceStep> path) {
    path.add(node);
    if (node.id().equals(id)) {
      return true;
    }
    for (TraceStep c : node.children()) {
      if (find(c, id, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  private void evaluate(DecisionRequest r, boolean asBaseline) {
    message.set("Evaluating " + r.action() + " on " + r.resource() + "…");
    evaluating.set(true);
    background.execute(() -> {
      try {
        DecisionResult evaluated = service.evaluate(r);
        onFx(() -> {
          evaluating.set(false);
          accept(evaluated, asBaseline);
        });
      } catch (Exception e) {
        onFx(() -> {
          evaluating.set(false);
          message.set("Cannot evaluate: " + e.getMessage());
        });
      }
    });
  }

  private void onFx(Runnable r) {
    ui.execute(r);
  }

  private void accept(DecisionResult evaluated, boolean asBaseline) {
    String keepId = current.get() == null ? null : current.get().id();
    changedIds.clear();
    if (asBaseline) {
      baseline.set(evaluated);
      whatIfSummary.set("");
    } else if (baseline.get() != null) {
      Map<String, io.github.trailbench.core.policy.Outcome> before = new HashMap<>();
      baseline.get().trace().inEvaluationOrder().forEach(s -> before.put(s.id(), s.outcome()));
      for (TraceStep s : evaluated.trace().inEvaluationOrder()) {
        if (before.get(s.id()) != s.outcome()) {
          changedIds.add(s.id());
        }
      }
      String was = baseline.get().decision();
      whatIfSummary.set(was.equals(evaluated.decision())
          ? "What-if: still " + evaluated.decision() + " (" + changedIds.size() + " step(s) changed)"
          : "What-if: " + was + " → " + evaluated.decision() + " (" + changedIds.size() + " step(s) changed)");
    }
    result.set(evaluated);
    message.set(evaluated.decision() + ": " + evaluated.explanation());
    rebuildSteps();
    int keep = -1;
    for (int i = 0; keepId != null && i < steps.size(); i++) {
      if (steps.get(i).id().equals(keepId)) {
        keep = i;
      }
    }
    currentIndex.set(-1);
    currentIndex.set(keep >= 0 ? keep : 0);
  }

  private void rebuildSteps() {
    DecisionResult r = result.get();
    if (r == null) {
      steps.clear();
      return;
    }
    TraceStep was = current.get();
    List<TraceStep> all = r.trace().inEvaluationOrder();
    if (onlyDecidingPath.get()) {
      Set<String> path = decidingPath(r.trace());
      all = all.stream().filter(s -> path.contains(s.id())).toList();
    }
    steps.setAll(all);
    int i = was == null ? 0 : Math.max(0, indexOfId(was.id()));
    currentIndex.set(-1);
    currentIndex.set(steps.isEmpty() ? -1 : i);
  }

  private int indexOfId(String id) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private void updateCurrent() {
    int i = currentIndex.get();
    TraceStep step = i >= 0 && i < steps.size() ? steps.get(i) : null;
    current.set(step);
    stepLine.set(step == null ? "" : "Step " + (i + 1) + " of " + steps.size() + " — " + step.explanation());
  }
}
