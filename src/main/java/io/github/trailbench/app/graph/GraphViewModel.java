package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * State of the principal graph: the whole graph, which part is shown (node kinds, a focused
 * neighbourhood), the selection, highlighted paths, and the layout of what is shown.
 */
public final class GraphViewModel {
  private final GraphService service;
  private final Executor background;
  private final Executor ui;
  private final AtomicLong generation = new AtomicLong();

  private final ObjectProperty<PrincipalGraph> graph = new SimpleObjectProperty<>(PrincipalGraph.EMPTY);
  private final ObservableSet<NodeKind> visibleKinds = FXCollections.observableSet(EnumSet.allOf(NodeKind.class));
  private final ObjectProperty<String> focus = new SimpleObjectProperty<>();
  private final IntegerProperty depth = new SimpleIntegerProperty(2);
  private final ObjectProperty<GraphNode> selected = new SimpleObjectProperty<>();
  private final ObservableSet<String> highlightedEdges = FXCollections.observableSet(new LinkedHashSet<>());
  private final ObservableList<String> pathLines = FXCollections.observableArrayList();
  private final ObjectProperty<GraphLayout.Placed> layout = new SimpleObjectProperty<>(GraphLayout.Placed.EMPTY);
  private final StringProperty message = new SimpleStringProperty("");
  private final javafx.beans.property.BooleanProperty loading = new javafx.beans.property.SimpleBooleanProperty(false);
  /** Principals and keys of the case's high and critical findings: the graph opens on their neighbourhood. */
  private final ObservableList<String> incidentNodes = FXCollections.observableArrayList();
  private final javafx.beans.property.BooleanProperty incidentScope = new javafx.beans.property.SimpleBooleanProperty(false);
  /** The node the view zooms to and centres after the next layout (search, "Show in principal graph", reach), or null. */
  private final ObjectProperty<String> centreTarget = new SimpleObjectProperty<>();
  private final ObservableList<io.github.trailbench.core.correlate.EscalationList.Escalation> escalations =
      FXCollections.observableArrayList();
  /** True once the analyst picked what to show; incident nodes arriving later no longer move the view. */
  private boolean navigated;

  private java.util.function.Consumer<String> timelineHandler = id -> {};

  /** Where "Filter timeline to this node" sends a principal or key (the shell pivots the timeline). */
  public void setTimelineHandler(java.util.function.Consumer<String> handler) {
    this.timelineHandler = handler;
  }

  /** What "Add to finding" hands over: the evidence, a suggested title, and a picture of the graph as shown (or null). */
  public record FindingRequest(List<io.github.trailbench.core.findings.Evidence> evidence, String title, java.nio.file.Path picture,
      String pictureReferenceId) {}

  private java.util.function.Consumer<FindingRequest> findingHandler = r -> {};
  private java.util.function.Supplier<java.nio.file.Path> picture = () -> null;

  /** Where "Add to finding" sends the selected node's evidence. */
  public void setFindingHandler(java.util.function.Consumer<FindingRequest> handler) {
    this.findingHandler = handler;
  }

  /** Renders the graph as shown to a PNG file (the view provides it), or null. */
  public void setPictureSupplier(java.util.function.Supplier<java.nio.file.Path> supplier) {
    this.picture = supplier == null ? () -> null : supplier;
  }

  /**
   * The selected node as evidence (a principal, access key or session; other nodes as a
   * reference), plus the path shown from or to it, if any.
   */
  public List<io.github.trailbench.core.findings.Evidence> selectedEvidence() {
    GraphNode s = selected.get();
    List<io.github.trailbench.core.findings.Evidence> out = new java.util.ArrayList<>();
    if (s == null) {
      return out;
    }
    switch (s.kind()) {
      case USER, ROLE, GROUP, ACCOUNT, EXTERNAL_ACCOUNT, SERVICE, FEDERATED_PROVIDER, ANYONE ->
          out.add(new io.github.trailbench.core.findings.Evidence.Principal(s.id()));
      case ACCESS_KEY -> out.add(new io.github.trailbench.core.findings.Evidence.AccessKey(s.id()));
      case SESSION -> out.add(new io.github.trailbench.core.findings.Evidence.Session(s.id(), s.label()));
      default -> out.add(new io.github.trailbench.core.findings.Evidence.Reference(
          io.github.trailbench.core.findings.Evidence.ReferenceKind.OTHER, s.id(), s.kind().title() + " " + s.label()));
    }
    if (!pathLines.isEmpty()) {
      String path = String.join(" | ", pathLines);
      out.add(new io.github.trailbench.core.findings.Evidence.Reference(
          io.github.trailbench.core.findings.Evidence.ReferenceKind.GRAPH_PATH, "graph-path:" + Integer.toHexString(path.hashCode()),
          path.length() > 300 ? path.substring(0, 300) + "…" : path));
    }
    return out;
  }

  public void addSelectedToFinding() {
    GraphNode s = selected.get();
    if (s == null) {
      return;
    }
    List<io.github.trailbench.core.findings.Evidence> evidence = new java.util.ArrayList<>(selectedEvidence());
    java.nio.file.Path png = picture.get();
    String refId = null;
    if (png != null) {
      refId = "graph:" + s.id();
      evidence.add(new io.github.trailbench.core.findings.Evidence.Reference(
          io.github.trailbench.core.findings.Evidence.ReferenceKind.GRAPH_PATH, refId,
          "Principal graph around " + s.kind().title().toLowerCase(java.util.Locale.ROOT) + " " + s.label()));
    }
    findingHandler.accept(new FindingRequest(evidence, s.kind().title() + " " + s.label(), png, refId));
  }

  private final ObjectProperty<GraphService.LeastPrivilegeReport> leastPrivilege = new SimpleObjectProperty<>();

  /** The latest least-privilege analysis (of a user or role), or null. */
  public ObjectProperty<GraphService.LeastPrivilegeReport> leastPrivilegeProperty() { return leastPrivilege; }

  /** Whether least privilege applies to the selected node (a user or a role). */
  public boolean leastPrivilegeApplies() {
    GraphNode s = selected.get();
    return s != null && (s.kind() == NodeKind.USER || s.kind() == NodeKind.ROLE);
  }

  /** Compares what the selected user or role is granted with what it used (off the FX thread). */
  public void analyseLeastPrivilege() {
    GraphNode s = selected.get();
    if (!leastPrivilegeApplies()) {
      message.set("Least privilege applies to users and roles.");
      return;
    }
    loading.set(true);
    message.set("Least privilege of " + s.label() + "…");
    background.execute(() -> {
      try {
        GraphService.LeastPrivilegeReport r = service.leastPrivilege(s.id());
        ui.execute(() -> {
          loading.set(false);
          message.set("Least privilege of " + s.label() + " ready.");
          leastPrivilege.set(r);
        });
      } catch (Exception e) {
        ui.execute(() -> {
          loading.set(false);
          message.set("Least privilege of " + s.label() + " failed: " + e.getMessage());
        });
      }
    });
  }

  /** A request the decision view can explain: why a graph edge's principal can act on its target. */
  public record DecisionQuestion(String principal, String action, String resource, String label) {}

  private java.util.function.Consumer<DecisionQuestion> decisionHandler = q -> {};

  /** Where "Explain" sends a can-assume edge (the shell opens the decision view). */
  public void setDecisionHandler(java.util.function.Consumer<DecisionQuestion> handler) {
    this.decisionHandler = handler;
  }

  /** The engine-decided "can assume" edges leaving the selected node, as questions the decision view answers. */
  public List<DecisionQuestion> decisionQuestions() {
    GraphNode s = selected.get();
    PrincipalGraph g = graph.get();
    if (s == null || g == null) {
      return List.of();
    }
    return g.edges().stream().filter(e -> e.from().equals(s.id()) && e.kind() == io.github.trailbench.core.model.graph.EdgeKind.CAN_ASSUME)
        .map(e -> new DecisionQuestion(s.id(), "sts:AssumeRole", e.to(),
            "Why can " + s.label() + " assume " + e.to().substring(e.to().lastIndexOf('/') + 1) + "?"))
        .distinct().toList();
  }

  public void explain(DecisionQuestion q) {
    decisionHandler.accept(q);
  }

  private java.util.function.Consumer<String> simulateHandler = arn -> {};

  /** Where "Simulate this principal…" sends a user or role (the shell opens the decision view's simulator). */
  public void setSimulateHandler(java.util.function.Consumer<String> handler) {
    this.simulateHandler = handler;
  }

  /** Opens the policy simulator on the selected user or role. */
  public void simulateSelected() {
    GraphNode s = selected.get();
    if (s != null && leastPrivilegeApplies()) {
      simulateHandler.accept(s.id());
    }
  }

  /** Filters the timeline to the selected node's events. */
  public void showSelectedInTimeline() {
    GraphNode s = selected.get();
    if (s != null) {
      timelineHandler.accept(s.id());
    }
  }

  public GraphViewModel(GraphService service, Executor background, Executor ui) {
    this.service = service;
    this.background = background;
    this.ui = ui;
    selected.addListener((obs, old, node) -> loadServiceActivity(node));
  }

  /** The selected user's or role's services: IAM Access Advisor's last access beside the trail's use (lines). */
  private final ObservableList<String> serviceActivity = FXCollections.observableArrayList();
  private final AtomicLong serviceActivityRequest = new AtomicLong();

  public ObservableList<String> serviceActivity() {
    return serviceActivity;
  }

  /** Reads the node's service use off the FX thread; only the newest selection's answer is shown. */
  private void loadServiceActivity(GraphNode node) {
    long request = serviceActivityRequest.incrementAndGet();
    serviceActivity.clear();
    if (node == null || node.kind() != NodeKind.USER && node.kind() != NodeKind.ROLE) {
      return;
    }
    background.execute(() -> {
      List<String> lines;
      try {
        lines = service.serviceActivity(node.id());
      } catch (Exception e) {
        lines = List.of("Service use not read: " + e.getMessage());
      }
      List<String> answer = lines;
      ui.execute(() -> {
        if (serviceActivityRequest.get() == request) {
          serviceActivity.setAll(answer);
        }
      });
    });
  }

  public ObjectProperty<PrincipalGraph> graphProperty() { return graph; }
  public ObservableSet<NodeKind> visibleKinds() { return visibleKinds; }
  public ObjectProperty<String> focusProperty() { return focus; }
  public IntegerProperty depthProperty() { return depth; }
  public ObjectProperty<GraphNode> selectedProperty() { return selected; }
  public ObservableSet<String> highlightedEdges() { return highlightedEdges; }
  public ObservableList<String> pathLines() { return pathLines; }
  public ObjectProperty<GraphLayout.Placed> layoutProperty() { return layout; }
  public StringProperty messageProperty() { return message; }
  public ObservableList<String> incidentNodes() { return incidentNodes; }
  /** True while the incident neighbourhood is shown (rather than a focus or the whole graph). */
  public javafx.beans.property.BooleanProperty incidentScopeProperty() { return incidentScope; }
  public ObjectProperty<String> centreTargetProperty() { return centreTarget; }
  /** Who can become an admin-equivalent principal, one sentence each (from the case's engine). */
  public ObservableList<io.github.trailbench.core.correlate.EscalationList.Escalation> escalations() { return escalations; }

  /**
   * The principals and keys named by the high and critical findings that are not closed or false
   * positives: where the graph opens. Those of the most severe findings come first, so a view
   * that cannot show them all keeps those.
   */
  public static List<String> incidentNodesOf(List<io.github.trailbench.core.findings.Finding> findings) {
    Set<String> out = new LinkedHashSet<>();
    List<io.github.trailbench.core.findings.Finding> bySeverity = findings.stream()
        .sorted(java.util.Comparator.comparing(io.github.trailbench.core.findings.Finding::severity)).toList();
    for (io.github.trailbench.core.findings.Finding f : bySeverity) {
      if (f.severity().compareTo(io.github.trailbench.core.findings.Severity.HIGH) > 0
          || f.status() == io.github.trailbench.core.findings.FindingStatus.FALSE_POSITIVE
          || f.status() == io.github.trailbench.core.findings.FindingStatus.CLOSED) {
        continue;
      }
      for (io.github.trailbench.core.findings.Evidence e : f.evidence()) {
        if (e instanceof io.github.trailbench.core.findings.Evidence.Principal p) {
          out.add(p.arn());
        } else if (e instanceof io.github.trailbench.core.findings.Evidence.AccessKey k) {
          out.add(k.accessKeyId());
        } else if (e instanceof io.github.trailbench.core.findings.Evidence.Event ev) {
          // the caller (a user, or a role session: both are nodes) and a long-term key
          if (ev.principal() != null) {
            out.add(ev.principal());
          }
          if (ev.accessKeyId() != null && ev.accessKeyId().startsWith("AKIA")) {
            out.add(ev.accessKeyId());
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Where the graph opens: the neighbourhood of these nodes (those in the graph). Until the analyst
   * navigates, a change re-scopes the view.
   */
  public void setIncidentNodes(List<String> ids) {
    if (ids.equals(incidentNodes)) {
      return;
    }
    incidentNodes.setAll(ids);
    if (!navigated && focus.get() == null && !graph.get().nodes().isEmpty()) {
      incidentScope.set(presentIncidentNodes().size() > 0);
      relayout();
    }
  }

  /**
   * What the incident frame shows, most important first: each incident node followed by the
   * admin-equivalent principals it can or did assume (the escalation the finding is about), so a
   * view too small for all keeps a principal together with the admin it became.
   */
  public List<String> incidentFrameNodes() {
    Set<String> out = new LinkedHashSet<>();
    for (String id : presentIncidentNodes()) {
      out.add(id);
      out.addAll(adminsReachedBy(id));
    }
    return List.copyOf(out);
  }

  /**
   * What the incident frame must show whole even if it has to zoom out (the level of detail then
   * keeps their names readable): the first incident node and the admins it can or did assume.
   */
  public List<String> incidentCore() {
    List<String> present = presentIncidentNodes();
    if (present.isEmpty()) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>(List.of(present.get(0)));
    adminsReachedBy(present.get(0)).stream().filter(a -> !out.contains(a)).forEach(out::add);
    return out;
  }

  private List<String> adminsReachedBy(String id) {
    PrincipalGraph g = graph.get();
    Set<String> admins = g.nodes().stream().filter(GraphNode::adminEquivalent).map(GraphNode::id).collect(Collectors.toSet());
    Set<String> out = new LinkedHashSet<>();
    for (io.github.trailbench.core.model.graph.GraphEdge e : g.edges()) {
      if (e.from().equals(id) && admins.contains(e.to())
          && (e.kind() == io.github.trailbench.core.model.graph.EdgeKind.CAN_ASSUME
              || e.kind() == io.github.trailbench.core.model.graph.EdgeKind.DID_ASSUME)) {
        out.add(e.to());
      }
    }
    return List.copyOf(out);
  }

  private List<String> presentIncidentNodes() {
    PrincipalGraph g = graph.get();
    Set<String> ids = g.nodes().stream().map(GraphNode::id).collect(Collectors.toSet());
    return incidentNodes.stream().filter(ids::contains).toList();
  }

  /** Back to the neighbourhood of the incident's principals. */
  public void showIncident() {
    navigated = true;
    focus.set(null);
    incidentScope.set(!presentIncidentNodes().isEmpty());
    centreTarget.set(null);
    relayout();
  }

  /** Whether a node is one of the incident's principals or keys. */
  public boolean isIncidentNode(String id) {
    return incidentNodes.contains(id);
  }

  /**
   * Edges not drawn: the can-assume and can-escalate fan out of an admin-equivalent principal
   * (it can reach everything; the view shows one badge instead). Reach queries still use them.
   */
  public static Set<String> foldedEdges(PrincipalGraph g) {
    Set<String> admins = g.nodes().stream().filter(GraphNode::adminEquivalent).map(GraphNode::id).collect(Collectors.toSet());
    return g.edges().stream()
        .filter(e -> admins.contains(e.from())
            && (e.kind() == io.github.trailbench.core.model.graph.EdgeKind.CAN_ASSUME
                || e.kind() == io.github.trailbench.core.model.graph.EdgeKind.CAN_ESCALATE))
        .map(GraphEdge::id).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** How many edges out of each admin are folded into its badge (admins without any are absent). */
  public Map<String, Long> foldedCounts() {
    Set<String> folded = foldedEdges(graph.get());
    return graph.get().edges().stream().filter(e -> folded.contains(e.id()))
        .collect(Collectors.groupingBy(GraphEdge::from, Collectors.counting()));
  }

  /** Highlights an escalation's steps and centres on the principal it starts from. */
  public void showEscalation(io.github.trailbench.core.correlate.EscalationList.Escalation x) {
    highlightedEdges.clear();
    pathLines.clear();
    pathLines.add(x.sentence());
    for (io.github.trailbench.core.correlate.EscalationList.Step st : x.steps()) {
      graph.get().edges().stream().filter(e -> e.from().equals(st.from()) && e.to().equals(st.to()))
          .forEach(e -> highlightedEdges.add(e.id()));
    }
    select(x.principal());
    centreTarget.set(null);
    centreTarget.set(x.principal());
  }
  /** True from a load, or a new layout (other nodes shown, the incident arrived), until its layout is published. */
  public javafx.beans.property.BooleanProperty loadingProperty() { return loading; }

  /** Loads the case's graph in the background and lays it out. */
  public void load() {
    message.set("Building the principal graph…");
    loading.set(true);
    background.execute(() -> {
      try {
        PrincipalGraph g = service.load();
        ui.execute(() -> {
          graph.set(g);
          if (focus.get() != null) {
            // asked to show a node before the graph was built
            g.node(focus.get()).ifPresent(selected::set);
            centreTarget.set(focus.get());
          } else {
            incidentScope.set(!navigated && !presentIncidentNodes().isEmpty());
          }
          // a dense graph takes seconds to lay out: the canvas stays empty meanwhile, so say why
          String size = String.format("%,d nodes, %,d edges", g.nodes().size(), g.edges().size());
          message.set(size + " · laying them out…");
          laidOutMessage = size;
          relayout();
        });
        List<io.github.trailbench.core.correlate.EscalationList.Escalation> found = service.escalations(g);
        ui.execute(() -> escalations.setAll(found));
      } catch (Exception e) {
        ui.execute(() -> {
          loading.set(false);
          message.set("Cannot build the graph: " + e.getMessage());
        });
      }
    });
  }

  public void setGraph(PrincipalGraph g) {
    graph.set(g);
    relayout();
  }

  public void setKindVisible(NodeKind kind, boolean visible) {
    if (visible) {
      visibleKinds.add(kind);
    } else {
      visibleKinds.remove(kind);
    }
    relayout();
  }

  /** Shows only the neighbourhood of a node. */
  public void focusOn(String nodeId) {
    navigated = true;
    incidentScope.set(false);
    centreTarget.set(null);
    centreTarget.set(nodeId);
    focus.set(nodeId);
    graph.get().node(nodeId).ifPresent(selected::set);
    relayout();
  }

  public void showWholeGraph() {
    navigated = true;
    incidentScope.set(false);
    centreTarget.set(null);
    focus.set(null);
    relayout();
  }

  public void setDepth(int d) {
    depth.set(Math.max(1, Math.min(6, d)));
    relayout();
  }

  public void select(String nodeId) {
    graph.get().node(nodeId).ifPresent(selected::set);
  }

  /** Nodes whose id or label contains the text, case-insensitively. */
  public List<GraphNode> search(String text) {
    String t = text.toLowerCase(Locale.ROOT).trim();
    if (t.isEmpty()) {
      return List.of();
    }
    return graph.get().nodes().stream()
        .filter(n -> n.id().toLowerCase(Locale.ROOT).contains(t) || n.label().toLowerCase(Locale.ROOT).contains(t))
        .toList();
  }

  /** Highlights what the selected node can reach (shortest paths first). */
  public void showReachableFromSelected() {
    GraphNode s = selected.get();
    if (s != null) {
      showPaths(graph.get().reachableFrom(s.id()), "can reach nothing", s.label() + " can reach");
    }
  }

  /** Highlights who can reach the selected node (shortest paths first). */
  public void showReachingSelected() {
    GraphNode s = selected.get();
    if (s != null) {
      showPaths(graph.get().reaching(s.id()), "is reached by nothing", "Who can reach " + s.label());
    }
  }

  /** Highlights an observed chain, e.g. a role chain picked in the timeline: consecutive node ids. */
  public void highlightChain(List<String> nodeIds) {
    highlightedEdges.clear();
    for (int i = 0; i + 1 < nodeIds.size(); i++) {
      String from = nodeIds.get(i);
      String to = nodeIds.get(i + 1);
      graph.get().edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to))
          .forEach(e -> highlightedEdges.add(e.id()));
    }
  }

  public void clearHighlight() {
    highlightedEdges.clear();
    pathLines.clear();
  }

  private void showPaths(List<PrincipalGraph.Path> paths, String none, String heading) {
    highlightedEdges.clear();
    pathLines.clear();
    if (paths.isEmpty()) {
      pathLines.add(selected.get().label() + " " + none);
      return;
    }
    centreTarget.set(null);
    centreTarget.set(selected.get().id());
    pathLines.add(heading + ":");
    for (PrincipalGraph.Path p : paths) {
      p.edges().forEach(e -> highlightedEdges.add(e.id()));
      pathLines.add("• " + p.describe());
    }
  }

  /** The graph as drawn now (shown nodes at their laid-out places) as an SVG document. */
  public String svg() {
    return GraphSvg.write(graph.get().nodes(), layout.get(), leftOutCaption());
  }

  /**
   * The nodes currently shown: visible kinds, within the focus neighbourhood or the incident
   * neighbourhood (one step from each incident node) if any. Neighbourhoods follow drawn edges only.
   */
  public Set<String> shownNodeIds() {
    PrincipalGraph g = drawnGraph();
    Set<String> scope = null;
    if (focus.get() != null) {
      scope = g.neighbourhood(focus.get(), depth.get());
    } else if (incidentScope.get()) {
      scope = new LinkedHashSet<>();
      for (String id : presentIncidentNodes()) {
        scope.addAll(g.neighbourhood(id, 1));
      }
    }
    Set<String> in = scope;
    return g.nodes().stream()
        .filter(n -> visibleKinds.contains(n.kind()) || n.id().equals(focus.get()))
        .map(GraphNode::id)
        .filter(id -> in == null || in.contains(id))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The graph without its folded edges (see {@link #foldedEdges}). */
  private PrincipalGraph drawnGraph() {
    PrincipalGraph g = graph.get();
    Set<String> folded = foldedEdges(g);
    return folded.isEmpty() ? g : new PrincipalGraph(g.nodes(), g.edges().stream().filter(e -> !folded.contains(e.id())).toList());
  }

  /** What the message says once the graph just loaded is laid out (until then it says it is being laid out). */
  private String laidOutMessage;

  /**
   * Above this many edges among the shown nodes whole kinds of edges are left out of the picture,
   * the most numerous first, until at most this many remain: 13,549 lines (every key used by every
   * session) say nothing, and took the window seconds to paint each frame. A selected node's own
   * edges of those kinds are drawn (see {@link #leftOutEdges}).
   */
  public static final int DRAWN_EDGE_BUDGET = 3_000;

  /** The kinds of edges to leave out of a picture of {@code edges}, most numerous first. */
  static Set<EdgeKind> kindsLeftOut(List<GraphEdge> edges, int budget) {
    Map<EdgeKind, Integer> counts = new java.util.EnumMap<>(EdgeKind.class);
    edges.forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
    Set<EdgeKind> out = new LinkedHashSet<>();
    int left = edges.size();
    while (left > budget) {
      EdgeKind most = counts.entrySet().stream().filter(c -> !out.contains(c.getKey()))
          .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      out.add(most);
      left -= counts.get(most);
    }
    return out;
  }

  private final StringProperty leftOutNote = new SimpleStringProperty("");
  private List<GraphEdge> leftOut = List.of();

  /** What the picture leaves out ("11,659 key used by session edges not drawn…"); empty when nothing. */
  public StringProperty leftOutNoteProperty() { return leftOutNote; }

  /** Every shown edge the picture leaves out (see {@link #DRAWN_EDGE_BUDGET}); the view draws those of the selection. */
  public List<GraphEdge> leftOutEdges() {
    return leftOut;
  }

  private static String leftOutNote(List<GraphEdge> leftOut) {
    String caption = leftOutCaption(leftOut);
    return caption.isEmpty() ? "" : caption + ": select a node to draw its own";
  }

  /**
   * What the picture leaves out, for a picture taken out of the app (an exported PNG or SVG, a
   * finding's figure): "11,650 key used by session edges not drawn (too many to read)"; empty when
   * nothing is. Without it a reader would take the missing lines for keys no session used.
   */
  public String leftOutCaption() {
    return leftOutCaption(leftOut);
  }

  private static String leftOutCaption(List<GraphEdge> leftOut) {
    if (leftOut.isEmpty()) {
      return "";
    }
    Map<EdgeKind, Long> byKind = leftOut.stream()
        .collect(Collectors.groupingBy(GraphEdge::kind, () -> new java.util.EnumMap<>(EdgeKind.class), Collectors.counting()));
    return byKind.entrySet().stream().map(k -> String.format("%,d %s", k.getValue(), k.getKey().label()))
        .collect(Collectors.joining(", ")) + " edges not drawn (too many to read)";
  }

  private void relayout() {
    long gen = generation.incrementAndGet();
    loading.set(true); // until this layout is published: what waits for the graph (a screenshot, a test) sees it coming
    Set<String> shown = shownNodeIds();
    PrincipalGraph g = drawnGraph();
    List<GraphNode> nodes = g.nodes().stream().filter(n -> shown.contains(n.id())).toList();
    List<GraphEdge> among = g.edges().stream().filter(e -> shown.contains(e.from()) && shown.contains(e.to())).toList();
    Set<EdgeKind> kindsOut = kindsLeftOut(among, DRAWN_EDGE_BUDGET);
    List<GraphEdge> edges = among.stream().filter(e -> !kindsOut.contains(e.kind())).toList();
    List<GraphEdge> out = among.stream().filter(e -> kindsOut.contains(e.kind())).toList();
    background.execute(() -> {
      GraphLayout.Placed placed = GraphLayout.layout(nodes, edges);
      ui.execute(() -> {
        if (generation.get() == gen) {
          leftOut = out;
          leftOutNote.set(leftOutNote(out));
          layout.set(placed);
          loading.set(false);
          if (laidOutMessage != null) {
            message.set(laidOutMessage);
            laidOutMessage = null;
          }
        }
      });
    });
  }
}
