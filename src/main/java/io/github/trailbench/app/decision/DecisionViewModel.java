package io.github.trailbench.app.decision;

import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.policy.PolicyChange;
import io.github.trailbench.core.policy.PolicyKind;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
  /** On by default: an analyst reads what decided first; the whole trace is one click away. */
  private final BooleanProperty onlyDecidingPath = new SimpleBooleanProperty(true);
  private final StringProperty stepLine = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty(
      "Open a logged request from the timeline (Explain this decision) or write one below.");
  private final ObservableList<ContextEntry> context = FXCollections.observableArrayList();
  private final Set<String> changedIds = new HashSet<>();
  private final ReadOnlyObjectWrapper<String> whatIfSummary = new ReadOnlyObjectWrapper<>("");
  /** For a logged call: what CloudTrail recorded, and whether the decision shown agrees with it. */
  private final ReadOnlyObjectWrapper<String> recordedNote = new ReadOnlyObjectWrapper<>("");
  private final BooleanProperty evaluating = new SimpleBooleanProperty(false);
  private final ObservableList<PolicyChange> policyChanges = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<PolicyTarget> editing = new ReadOnlyObjectWrapper<>();
  private final StringProperty policyDraft = new SimpleStringProperty("");
  private final javafx.beans.property.ReadOnlyStringWrapper policyError = new javafx.beans.property.ReadOnlyStringWrapper("");
  private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<String> suggestionsHeading = new ReadOnlyObjectWrapper<>("Suggestions");
  private final ReadOnlyObjectWrapper<String> principalNote = new ReadOnlyObjectWrapper<>("");
  private final ObjectProperty<Consumer<DecisionTraceEvidence>> onAddToFinding = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> figureDirectory = new SimpleObjectProperty<>();
  private final RequestCompletions completions;
  private final SimulatorViewModel simulator;
  /** The view shows the simulator table (true) or the decision of one request (false). */
  private final BooleanProperty simulatorShown = new SimpleBooleanProperty(false);
  private volatile List<String> knownPrincipals;
  private DecisionRequest baselineRequest;

  /**
   * @param background where evaluations run
   * @param ui where results are published (the FX thread in the app)
   */
  public DecisionViewModel(DecisionService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
    this.completions = new RequestCompletions(ActionCatalog::get, this::principalsForCompletion);
    this.simulator = new SimulatorViewModel(service, background, ui);
    simulator.onOpenTraceProperty().set(r -> {
      simulatorShown.set(false);
      open(r);
    });
    currentIndex.addListener((obs, old, i) -> updateCurrent());
    onlyDecidingPath.addListener((obs, old, only) -> rebuildSteps());
    principalNote.set(service.gathersPoliciesPerPrincipal()
        ? "A what-if principal is evaluated with its own policies, gathered from the case: identity policies,"
            + " groups, boundary and the SCPs on its account's path."
        : "This decision service cannot gather another principal's policies: a what-if principal is evaluated"
            + " against the same policies as the original one.");
  }

  /**
   * The policy the what-if editor works on: one in the set ({@code added} false) or a new one
   * to add. {@code level} is the SCP/RCP level for a new one (-1 = the account's own).
   */
  public record PolicyTarget(PolicyKind kind, String name, boolean added, int level) {}

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
  /** The simulator of the same decision service: a principal's every action in one table. */
  public SimulatorViewModel simulator() { return simulator; }
  public BooleanProperty simulatorShownProperty() { return simulatorShown; }

  /** Shows the simulator on this principal (from the graph's node details): runs when a service or actions are set. */
  public void simulatePrincipal(String principalArn) {
    simulatorShown.set(true);
    simulator.simulate(principalArn);
  }
  public StringProperty stepLineProperty() { return stepLine; }
  public StringProperty messageProperty() { return message; }
  public ObservableList<ContextEntry> context() { return context; }
  public ReadOnlyObjectProperty<String> whatIfSummaryProperty() { return whatIfSummary.getReadOnlyProperty(); }
  public ReadOnlyObjectProperty<String> recordedNoteProperty() { return recordedNote.getReadOnlyProperty(); }
  public BooleanProperty evaluatingProperty() { return evaluating; }
  public ObservableList<PolicyChange> policyChanges() { return policyChanges; }
  public ReadOnlyObjectProperty<PolicyTarget> editingProperty() { return editing.getReadOnlyProperty(); }
  public StringProperty policyDraftProperty() { return policyDraft; }
  public javafx.beans.property.ReadOnlyStringProperty policyErrorProperty() { return policyError.getReadOnlyProperty(); }
  public ObservableList<Suggestion> suggestions() { return suggestions; }
  public ReadOnlyObjectProperty<String> suggestionsHeadingProperty() { return suggestionsHeading.getReadOnlyProperty(); }
  public ReadOnlyObjectProperty<String> principalNoteProperty() { return principalNote.getReadOnlyProperty(); }
  /** Called by "Add to finding"; the composition root sets it (the finding store is not the view's). */
  public ObjectProperty<Consumer<DecisionTraceEvidence>> onAddToFindingProperty() { return onAddToFinding; }
  /** Where rendered trees are written (the case's figures); a temporary folder when unset. */
  public ObjectProperty<Path> figureDirectoryProperty() { return figureDirectory; }
  public RequestCompletions completions() { return completions; }
  public boolean canEditPolicies() { return service.editsPolicies(); }

  /** Evaluates a new request; it becomes the baseline that what-if edits compare against. */
  public void open(DecisionRequest newRequest) {
    knownPrincipals = null;
    policyChanges.clear();
    editing.set(null);
    policyError.set("");
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
    evaluate(base.withContext(currentContext()), false);
  }

  /**
   * Re-evaluates as another principal. Edits of the previous principal's own policies (identity,
   * boundary, session) are dropped when the service gathers the new principal's policies.
   */
  public void whatIfPrincipal(String principal) {
    DecisionRequest base = request.get();
    if (base == null || principal == null || principal.isBlank()) {
      return;
    }
    request.set(base.withPrincipal(principal.trim()));
    if (service.gathersPoliciesPerPrincipal()) {
      policyChanges.removeIf(c -> !(c instanceof PolicyChange.Add)
          && (c.kind() == PolicyKind.IDENTITY || c.kind() == PolicyKind.BOUNDARY || c.kind() == PolicyKind.SESSION));
    }
    reevaluate();
  }

  // ---------------------------------------------------------------- policy what-if

  /** The policy the step belongs to (the step itself, or its policy ancestor), if any. */
  public Optional<PolicyTarget> policyOf(TraceStep step) {
    DecisionResult r = result.get();
    if (step == null || r == null) {
      return Optional.empty();
    }
    PolicyTarget found = null;
    for (TraceStep s : pathTo(r.trace(), step.id())) {
      if ("policy".equals(s.kind())) {
        Optional<PolicyKind> kind = PolicyKind.ofLabel(s.detail().getOrDefault("type", ""));
        String name = s.detail().get("name");
        if (kind.isPresent() && name != null) {
          found = new PolicyTarget(kind.get(), name, false, -1);
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /** Opens the current step's policy in the editor; false when the step is not in a policy. */
  public boolean editCurrentPolicy() {
    Optional<PolicyTarget> target = policyOf(current.get());
    Optional<SourceView> source = currentSource();
    if (target.isEmpty() || source.isEmpty()) {
      return false;
    }
    policyError.set("");
    policyDraft.set(source.get().text());
    editing.set(target.get());
    return true;
  }

  /** Opens the editor on a new, hand-written policy of this kind, starting from a template for this request. */
  public void newPolicy(PolicyKind kind, String name) {
    DecisionRequest r = request.get();
    String action = r == null || r.action().isBlank() ? "*" : r.action();
    String resource = r == null || r.resource().isBlank() ? "*" : r.resource();
    // SCPs and RCPs join levels that already allow, so the useful what-if is a deny; the
    // other kinds grant or bound, and a deny-only boundary or session policy would allow nothing.
    String effect = kind == PolicyKind.SCP || kind == PolicyKind.RCP ? "Deny" : "Allow";
    String principal = kind == PolicyKind.RESOURCE || kind == PolicyKind.RCP
        ? "      \"Principal\": " + (kind == PolicyKind.RCP || r == null ? "\"*\"" : "{\"AWS\": \"" + r.principal() + "\"}") + ",\n"
        : "";
    policyDraft.set("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
        + "      \"Sid\": \"WhatIf" + effect + "\",\n      \"Effect\": \"" + effect + "\",\n" + principal
        + "      \"Action\": \"" + action + "\",\n      \"Resource\": \"" + resource + "\"\n    }\n  ]\n}\n");
    policyError.set("");
    String n = name == null || name.isBlank() ? "WhatIf " + kind.label() : name.trim();
    editing.set(new PolicyTarget(kind, n, true, -1));
  }

  /**
   * Parses the editor's text and, when it is a valid policy, applies it as a what-if and
   * re-evaluates. On a parse error the text stays as it is and {@link #policyErrorProperty()}
   * says where and why.
   */
  public boolean applyPolicyDraft() {
    PolicyTarget target = editing.get();
    if (target == null) {
      return false;
    }
    PolicyDocument doc;
    try {
      doc = PolicyParser.parse(policyDraft.get(), target.name());
    } catch (SourceFormatException e) {
      SourceProblem p = e.problem();
      policyError.set((p.position() == null || p.position().isEmpty() ? "" : p.position() + ": ") + p.reason());
      return false;
    }
    policyError.set("");
    editing.set(null);
    merge(target.added()
        ? new PolicyChange.Add(target.kind(), target.level(), new NamedPolicy(target.name(), doc))
        : new PolicyChange.Replace(target.kind(), target.name(), doc));
    reevaluate();
    return true;
  }

  public void cancelPolicyEdit() {
    editing.set(null);
    policyError.set("");
  }

  /** What if the current step's policy did not exist. */
  public boolean removeCurrentPolicy() {
    Optional<PolicyTarget> target = policyOf(current.get());
    if (target.isEmpty()) {
      return false;
    }
    merge(new PolicyChange.Remove(target.get().kind(), target.get().name()));
    reevaluate();
    return true;
  }

  /** Drops every policy edit and evaluates the request against the policies as they are. */
  public void resetPolicyChanges() {
    policyChanges.clear();
    editing.set(null);
    policyError.set("");
    reevaluate();
  }

  /** Applies a suggestion's changes as a what-if. */
  public void applySuggestion(Suggestion suggestion) {
    suggestion.changes().forEach(this::merge);
    reevaluate();
  }

  /**
   * Adds a change so that one policy has one entry: editing an added policy edits the addition,
   * removing it drops the addition, editing twice keeps the last text.
   */
  private void merge(PolicyChange change) {
    int added = indexOf(PolicyChange.Add.class, change);
    int replaced = indexOf(PolicyChange.Replace.class, change);
    if (change instanceof PolicyChange.Replace r && added >= 0) {
      PolicyChange.Add a = (PolicyChange.Add) policyChanges.get(added);
      policyChanges.set(added, new PolicyChange.Add(a.kind(), a.level(), new NamedPolicy(a.policyName(), r.document())));
    } else if (change instanceof PolicyChange.Remove && added >= 0) {
      policyChanges.remove(added);
    } else if (replaced >= 0) {
      policyChanges.remove(replaced);
      policyChanges.add(change);
    } else {
      policyChanges.add(change);
    }
  }

  private int indexOf(Class<? extends PolicyChange> type, PolicyChange like) {
    for (int i = 0; i < policyChanges.size(); i++) {
      PolicyChange c = policyChanges.get(i);
      if (type.isInstance(c) && c.kind() == like.kind() && c.policyName().equals(like.policyName())) {
        return i;
      }
    }
    return -1;
  }

  /** Whether this policy node's policy was edited or added by a what-if. */
  public boolean edited(TraceStep step) {
    if (!"policy".equals(step.kind())) {
      return false;
    }
    String name = step.detail().get("name");
    Optional<PolicyKind> kind = PolicyKind.ofLabel(step.detail().getOrDefault("type", ""));
    return kind.isPresent() && policyChanges.stream()
        .anyMatch(c -> !(c instanceof PolicyChange.Remove) && c.kind() == kind.get() && c.policyName().equals(name));
  }

  // ---------------------------------------------------------------- completion and findings

  private List<String> principalsForCompletion() {
    List<String> known = knownPrincipals;
    if (known == null) {
      try {
        known = List.copyOf(service.knownPrincipals());
      } catch (Exception e) {
        known = List.of();
      }
      knownPrincipals = known;
    }
    return known;
  }

  /** The decision as evidence: a reference to this trace (and its what-ifs) plus the rendered tree. */
  public Optional<DecisionTraceEvidence> evidence(Path png) {
    DecisionRequest r = request.get();
    DecisionResult d = result.get();
    if (r == null || d == null) {
      return Optional.empty();
    }
    String id = (r.sourceEventId() == null ? "request" : r.sourceEventId()) + "#" + r.action();
    if (r.sourceEventId() == null) {
      id += "#" + r.principal() + "#" + r.resource();
    }
    String label = d.decision() + ": " + r.action() + " by " + r.principal() + " on " + r.resource()
        + (isWhatIf() ? " (what-if: " + whatIfDescription() + ")" : "");
    return Optional.of(new DecisionTraceEvidence(new Evidence.Reference(Evidence.ReferenceKind.DECISION_TRACE, id, label), png));
  }

  /** Hands the decision to {@link #onAddToFindingProperty()}; false (with a message) when nobody takes it. */
  public boolean addToFinding(Path png) {
    Consumer<DecisionTraceEvidence> handler = onAddToFinding.get();
    Optional<DecisionTraceEvidence> evidence = evidence(png);
    if (evidence.isEmpty()) {
      return false;
    }
    if (handler == null) {
      message.set("Findings cannot take decision traces yet; the tree " + (png == null ? "was not rendered." : "is saved as " + png + "."));
      return false;
    }
    handler.accept(evidence.get());
    message.set("Added to finding: " + evidence.get().reference().label());
    return true;
  }

  /** A file name for the rendered tree of the current request. */
  public String figureFileName() {
    DecisionRequest r = request.get();
    String base = r == null ? "decision" : "decision-" + (r.sourceEventId() == null ? "request" : r.sourceEventId())
        + "-" + r.action();
    return base.replaceAll("[^A-Za-z0-9._-]", "_") + (isWhatIf() ? "-what-if" : "") + ".png";
  }

  private boolean isWhatIf() {
    DecisionResult b = baseline.get();
    DecisionRequest r = request.get();
    return !policyChanges.isEmpty() || (b != null && result.get() != b) || (r != null && baselineRequest != null
        && !r.equals(baselineRequest));
  }

  private String whatIfDescription() {
    List<String> parts = new ArrayList<>();
    DecisionRequest r = request.get();
    if (baselineRequest != null && r != null && !r.principal().equals(baselineRequest.principal())) {
      parts.add("principal " + r.principal());
    }
    if (baselineRequest != null && !currentContext().equals(baselineRequest.context())) {
      parts.add("edited context");
    }
    policyChanges.forEach(c -> parts.add(c.describe()));
    return parts.isEmpty() ? "no change" : String.join("; ", parts);
  }

  private Map<String, List<String>> currentContext() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    context.forEach(e -> map.put(e.key(), e.values()));
    return map;
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
      // a step above every policy (the decision, a step of the evaluation): the statement that decided is the one to read
      TraceStep deciding = deepestDeciding(r.trace(), r.decidingPath(), null);
      if (deciding == null) {
        return Optional.empty();
      }
      for (TraceStep s : pathTo(r.trace(), deciding.id())) {
        if (s.policySource() != null) {
          source = s.policySource();
        }
        if (s.statementIndex() >= 0) {
          statement = s.statementIndex();
        }
      }
    }
    PolicySource pretty = PolicySource.of(source);
    return Optional.of(new SourceView(pretty.text(), pretty.statement(statement).orElse(null)));
  }

  /** The deepest step of the deciding path that is a policy's or a statement's. */
  private static TraceStep deepestDeciding(TraceStep step, java.util.Set<String> deciding, TraceStep best) {
    if (deciding.contains(step.id()) && (step.policySource() != null || step.statementIndex() >= 0)
        && (best == null || step.id().length() > best.id().length())) {
      best = step;
    }
    for (TraceStep child : step.children()) {
      best = deepestDeciding(child, deciding, best);
    }
    return best;
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
    if (asBaseline) {
      baselineRequest = r;
    }
    List<PolicyChange> changes = List.copyOf(policyChanges);
    background.execute(() -> {
      try {
        DecisionResult evaluated = changes.isEmpty() ? service.evaluate(r) : service.evaluate(r, changes);
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
      Map<String, io.github.trailbench.core.policy.Outcome> before = byLabelPath(baseline.get().trace());
      Map<String, io.github.trailbench.core.policy.Outcome> after = byLabelPath(evaluated.trace());
      Map<String, String> idOf = new HashMap<>();
      labelPaths(evaluated.trace(), "", (path, step) -> idOf.put(path, step.id()));
      after.forEach((path, outcome) -> {
        if (before.get(path) != outcome) {
          changedIds.add(idOf.get(path));
        }
      });
      long gone = before.keySet().stream().filter(path -> !after.containsKey(path)).count();
      String was = baseline.get().decision();
      String counts = changedIds.size() + " step(s) changed" + (gone > 0 ? ", " + gone + " gone" : "");
      whatIfSummary.set((was.equals(evaluated.decision())
          ? "What-if: still " + evaluated.decision() + " (" + counts + ")"
          : "What-if: " + was + " → " + evaluated.decision() + " (" + counts + ")")
          + (policyChanges.isEmpty() ? "" : " — " + String.join("; ", policyChanges.stream().map(PolicyChange::describe).toList())));
    }
    suggestions.setAll(evaluated.suggestions());
    suggestionsHeading.set("Allowed".equals(evaluated.decision()) || "Undetermined".equals(evaluated.decision())
        ? "What would have denied this" : "What would have allowed this");
    recordedNote.set(recordedNote(request.get(), evaluated.decision(), evaluated.otherReason()));
    result.set(evaluated);
    message.set(evaluated.sentence());
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

  /**
   * Steps keyed by the labels from the root down, so a step keeps its key when a what-if adds or
   * removes a policy before it (ids are positions and would shift).
   */
  private static Map<String, io.github.trailbench.core.policy.Outcome> byLabelPath(TraceStep root) {
    Map<String, io.github.trailbench.core.policy.Outcome> out = new HashMap<>();
    labelPaths(root, "", (path, step) -> out.put(path, step.outcome()));
    return out;
  }

  private static void labelPaths(TraceStep step, String parent, java.util.function.BiConsumer<String, TraceStep> visit) {
    String path = step.kind().equals("decision") ? "" : parent + "/" + step.label();
    visit.accept(path, step);
    for (TraceStep c : step.children()) {
      labelPaths(c, path, visit);
    }
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
      // under an explicit deny only the deny branch (core's DecidingPath): no Allow branch beside it
      // a step a what-if changed stays too (with its ancestors), so the edit is never hidden from its author
      Set<String> path = new HashSet<>(r.decidingPath().isEmpty() ? decidingPath(r.trace()) : r.decidingPath());
      keepChanged(r.trace(), path);
      all = all.stream().filter(s -> path.contains(s.id())).toList();
    }
    steps.setAll(all);
    int i = was == null ? 0 : Math.max(0, indexOfId(was.id()));
    currentIndex.set(-1);
    currentIndex.set(steps.isEmpty() ? -1 : i);
  }

  /** Adds to {@code keep} every changed step under {@code step} and its ancestors; true when one was found. */
  private boolean keepChanged(TraceStep step, Set<String> keep) {
    boolean found = changedIds.contains(step.id());
    for (TraceStep child : step.children()) {
      found |= keepChanged(child, keep);
    }
    if (found) {
      keep.add(step.id());
    }
    return found;
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

  /**
   * "CloudTrail recorded it as allowed: the replay agrees." and the like, for a request from a logged
   * call; empty for one written by hand.
   */
  static String recordedNote(DecisionRequest r, String decision) {
    return recordedNote(r, decision, null);
  }

  /** As {@link #recordedNote(DecisionRequest, String)}, with why a refusal is not the one AWS gave (or null). */
  static String recordedNote(DecisionRequest r, String decision, String otherReason) {
    if (r == null || r.recorded() == null) {
      return "";
    }
    var verdict = io.github.trailbench.core.correlate.ReplayVerdict.ofLogged(
        io.github.trailbench.core.policy.Decision.ofJson(decision), r.recorded());
    String as = "CloudTrail recorded it as " + r.recorded().toLowerCase(java.util.Locale.ROOT);
    boolean expired = r.limits() != null && r.limits().expired() != null
        && verdict != io.github.trailbench.core.correlate.ReplayVerdict.NO_DECISION;
    boolean refused = r.limits() != null && r.limits().refusal() != null;
    if (expired) {
      return as + ": the record DISAGREES with the key's life: its credentials had expired before the call (the full"
          + " explanation says when). A wrong clock, or a record edited or attributed to the wrong key.";
    }
    if (r.limits() != null && r.limits().unreadExpiration() != null
        && verdict == io.github.trailbench.core.correlate.ReplayVerdict.AGREES) {
      return as + ": the policies allow it, but whether its credentials had expired before the call the log cannot show"
          + " (their logged expiration could not be read): undetermined (Undetermined keys, below).";
    }
    if (otherReason != null && verdict == io.github.trailbench.core.correlate.ReplayVerdict.AGREES) {
      return as + ", as decided here, but the decision DISAGREES on why: " + otherReason + ". The case lacks a policy AWS"
          + " read, or one changed since.";
    }
    return switch (verdict) {
      case AGREES, NOT_DENIABLE -> as + ": the decision agrees.";
      case DISAGREES -> refused
          ? as + ": the decision DISAGREES. These credentials cannot make this call whatever the policies allow, so the"
              + " record itself is in doubt: edited, or attributed to the wrong key."
          : as + ": the decision DISAGREES. The case lacks a policy that took part, or one changed since; the"
              + " full explanation lists what the case lacks.";
      case UNDETERMINED -> as + ": the decision depends on what the log or the case cannot show (Undetermined keys, below).";
      case NO_DECISION -> r.recorded().equals("Rejected as invalid")
          ? "CloudTrail recorded it as rejected as invalid: its parameters may be checked before authorization, so whether"
              + " it was authorized the log cannot say."
          : as + ": no policy decided it.";
    };
  }
}
