package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.kordamp.ikonli.javafx.FontIcon;

/** The principal graph drawn from its layout, with search, kind filters, focus, paths, zoom and a minimap. */
public final class GraphView extends BorderPane {
  private final GraphViewModel model;
  private final Group content = new Group();
  private final Pane canvasPane = new Pane(content);
  private final Canvas minimap = new Canvas(180, 120);
  private final TextArea details = new TextArea();
  private final Map<String, StackPane> nodeViews = new HashMap<>();
  private final Map<String, List<Node>> edgeViews = new HashMap<>();
  private double dragX;
  private double dragY;

  public GraphView(GraphViewModel model) {
    this.model = model;
    setId("view-graph");
    getStyleClass().add("graph-view");
    setTop(toolbar());

    canvasPane.setId("graph-canvas");
    canvasPane.getStyleClass().add("graph-canvas");
    canvasPane.setMinSize(200, 200);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(canvasPane.widthProperty());
    clip.heightProperty().bind(canvasPane.heightProperty());
    canvasPane.setClip(clip);
    canvasPane.setOnMousePressed(e -> {
      dragX = e.getX() - content.getTranslateX();
      dragY = e.getY() - content.getTranslateY();
    });
    canvasPane.setOnMouseDragged(e -> {
      content.setTranslateX(e.getX() - dragX);
      content.setTranslateY(e.getY() - dragY);
      drawMinimap();
    });
    canvasPane.addEventHandler(ScrollEvent.SCROLL, e -> {
      double f = e.getDeltaY() > 0 ? 1.15 : 1 / 1.15;
      zoom(f);
      e.consume();
    });
    StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(minimap, new Insets(8));
    minimap.setId("graph-minimap");
    minimap.setMouseTransparent(true);
    StackPane stage = new StackPane(canvasPane, minimap);

    details.setId("graph-details");
    details.setEditable(false);
    details.setWrapText(true);
    details.getStyleClass().add("event-decoded");
    Label paths = new Label();
    paths.setId("graph-paths");
    paths.setWrapText(true);
    model.pathLines().addListener((ListChangeListener<String>) c -> paths.setText(String.join("\n", model.pathLines())));
    ScrollPane pathScroll = new ScrollPane(paths);
    pathScroll.setFitToWidth(true);
    VBox side = new VBox(8, details, pathScroll);
    side.setPadding(new Insets(8));
    VBox.setVgrow(details, Priority.ALWAYS);
    SplitPane split = new SplitPane(stage, side);
    split.setDividerPositions(0.72);
    setCenter(split);

    model.layoutProperty().addListener((obs, old, placed) -> render(placed));
    model.selectedProperty().addListener((obs, old, n) -> showSelection(old, n));
    model.highlightedEdges().addListener((SetChangeListener<String>) c -> restyleEdges());
  }

  private VBox toolbar() {
    TextField search = new TextField();
    search.setId("graph-search");
    search.setPromptText("Find a principal, key or policy (Enter focuses it)");
    search.setPrefWidth(230);
    search.setOnAction(e -> {
      List<GraphNode> found = model.search(search.getText());
      if (found.isEmpty()) {
        model.messageProperty().set("No node matches “" + search.getText() + "”");
      } else {
        model.focusOn(found.get(0).id());
        model.messageProperty().set(found.size() + " match(es); showing " + found.get(0).label());
      }
    });
    MenuButton kinds = new MenuButton("Node types", new FontIcon("mdi2f-filter-variant"));
    kinds.setId("graph-kinds");
    for (NodeKind k : NodeKind.values()) {
      CheckMenuItem item = new CheckMenuItem(k.title());
      item.setId("kind-" + k.name().toLowerCase());
      item.setSelected(model.visibleKinds().contains(k));
      item.selectedProperty().addListener((obs, old, on) -> model.setKindVisible(k, on));
      kinds.getItems().add(item);
    }
    Spinner<Integer> depth = new Spinner<>(1, 6, model.depthProperty().get());
    depth.setId("graph-depth");
    depth.setPrefWidth(70);
    depth.valueProperty().addListener((obs, old, d) -> model.setDepth(d));
    Button whole = new Button("Whole graph");
    whole.setId("graph-whole");
    whole.setOnAction(e -> model.showWholeGraph());
    Button reach = new Button("", new FontIcon("mdi2a-arrow-right-bold-outline"));
    reach.setTooltip(new javafx.scene.control.Tooltip("Reach: what the selected node can become or use, shortest paths first"));
    reach.setId("graph-reachable");
    reach.setOnAction(e -> model.showReachableFromSelected());
    reach.disableProperty().bind(model.selectedProperty().isNull());
    Button reaching = new Button("", new FontIcon("mdi2a-arrow-left-bold-outline"));
    reaching.setTooltip(new javafx.scene.control.Tooltip("Reached by: who can become or use the selected node"));
    reaching.setId("graph-reaching");
    reaching.setOnAction(e -> model.showReachingSelected());
    reaching.disableProperty().bind(model.selectedProperty().isNull());
    Button timeline = new Button("", new FontIcon("mdi2t-timeline-clock-outline"));
    timeline.setTooltip(new javafx.scene.control.Tooltip("Filter the timeline to the selected node's events"));
    timeline.setId("graph-timeline");
    timeline.setOnAction(e -> model.showSelectedInTimeline());
    timeline.disableProperty().bind(model.selectedProperty().isNull());
    Button finding = new Button("", new FontIcon("mdi2f-flag-plus-outline"));
    finding.setId("graph-add-to-finding");
    finding.setTooltip(new javafx.scene.control.Tooltip("Add the selected node (and the path shown) to a finding"));
    finding.setOnAction(e -> model.addSelectedToFinding());
    model.setPictureSupplier(this::pictureForFinding);
    finding.disableProperty().bind(model.selectedProperty().isNull());
    Button leastPrivilege = new Button("", new FontIcon("mdi2s-shield-key-outline"));
    leastPrivilege.setId("graph-least-privilege");
    leastPrivilege.setTooltip(new javafx.scene.control.Tooltip(
        "Least privilege of the selected user or role: granted vs used, and a minimal policy"));
    leastPrivilege.setOnAction(e -> model.analyseLeastPrivilege());
    leastPrivilege.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> !model.leastPrivilegeApplies(), model.selectedProperty()));
    model.leastPrivilegeProperty().addListener((o, old, report) -> {
      if (report != null) {
        showLeastPrivilege(report);
      }
    });
    MenuButton explain = new MenuButton("", new FontIcon("mdi2f-file-tree-outline"));
    explain.setId("graph-explain");
    explain.setTooltip(new javafx.scene.control.Tooltip("Explain with the policy engine why the selected principal can assume a role"));
    Runnable fillExplain = () -> {
      explain.getItems().clear();
      for (GraphViewModel.DecisionQuestion q : model.decisionQuestions()) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(q.label());
        item.setId("graph-explain-" + sanitize(q.resource()));
        item.setOnAction(e -> model.explain(q));
        explain.getItems().add(item);
      }
      explain.setDisable(explain.getItems().isEmpty());
    };
    model.selectedProperty().addListener((o, a, b) -> fillExplain.run());
    fillExplain.run();
    Button fit = new Button("", new FontIcon("mdi2f-fit-to-page-outline"));
    fit.setId("graph-fit");
    fit.setTooltip(new javafx.scene.control.Tooltip("Fit the graph to the window"));
    fit.setOnAction(e -> fit());
    javafx.scene.control.MenuItem png = new javafx.scene.control.MenuItem("PNG image…", new FontIcon("mdi2i-image-outline"));
    png.setId("graph-export-png");
    png.setOnAction(e -> exportPng());
    javafx.scene.control.MenuItem svg = new javafx.scene.control.MenuItem("SVG drawing…", new FontIcon("mdi2s-svg"));
    svg.setId("graph-export-svg");
    svg.setOnAction(e -> exportSvg());
    MenuButton export = new MenuButton("", new FontIcon("mdi2e-export-variant"), png, svg);
    export.setTooltip(new javafx.scene.control.Tooltip("Export the drawn graph as PNG or SVG"));
    export.setId("graph-export");
    Label message = new Label();
    message.setId("graph-message");
    message.textProperty().bind(model.messageProperty());
    HBox bar = new HBox(8, search, kinds, new Label("Depth"), depth, whole, reach, reaching, timeline, finding, leastPrivilege, explain, fit, export);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.Node n : bar.getChildren()) {
      if (n instanceof javafx.scene.control.Control c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      }
    }
    VBox box = new VBox(4, bar, message);
    box.setPadding(new Insets(10, 12, 8, 12));
    return box;
  }

  private void render(GraphLayout.Placed placed) {
    content.getChildren().clear();
    nodeViews.clear();
    edgeViews.clear();
    Group edges = new Group();
    Group nodes = new Group();
    for (GraphLayout.Line line : placed.edges()) {
      Polyline poly = new Polyline(line.points());
      poly.getStyleClass().addAll("graph-edge", "edge-" + line.edge().kind().name().toLowerCase());
      Polygon head = arrowHead(line.points());
      head.getStyleClass().addAll("graph-arrow", "edge-" + line.edge().kind().name().toLowerCase());
      edges.getChildren().addAll(poly, head);
      edgeViews.put(line.edge().id(), List.of(poly, head));
    }
    for (GraphNode n : model.graphProperty().get().nodes()) {
      GraphLayout.Box b = placed.nodes().get(n.id());
      if (b == null) {
        continue;
      }
      Label label = new Label(n.label(), new FontIcon(icon(n.kind())));
      label.getStyleClass().add("graph-node-label");
      StackPane box = new StackPane(label);
      box.setId("node-" + sanitize(n.id()));
      box.getStyleClass().addAll("graph-node", "node-" + n.kind().name().toLowerCase());
      box.setLayoutX(b.x());
      box.setLayoutY(b.y());
      box.setPrefSize(b.width(), b.height());
      box.setOnMouseClicked(e -> {
        model.select(n.id());
        if (e.getClickCount() == 2) {
          model.focusOn(n.id());
        }
        e.consume();
      });
      nodes.getChildren().add(box);
      nodeViews.put(n.id(), box);
    }
    content.getChildren().addAll(edges, nodes);
    restyleEdges();
    GraphNode sel = model.selectedProperty().get();
    showSelection(null, sel);
    fit();
  }

  /** CSS-safe id of a node for lookups. */
  public static String sanitize(String id) {
    return id.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static Polygon arrowHead(double[] p) {
    int n = p.length;
    double x2 = p[n - 2];
    double y2 = p[n - 1];
    double x1 = p[n - 4];
    double y1 = p[n - 3];
    double angle = Math.atan2(y2 - y1, x2 - x1);
    double len = 9;
    return new Polygon(x2, y2,
        x2 - len * Math.cos(angle - 0.4), y2 - len * Math.sin(angle - 0.4),
        x2 - len * Math.cos(angle + 0.4), y2 - len * Math.sin(angle + 0.4));
  }

  static String icon(NodeKind kind) {
    return switch (kind) {
      case ACCOUNT, EXTERNAL_ACCOUNT -> "mdi2d-domain";
      case USER -> "mdi2a-account-outline";
      case GROUP -> "mdi2a-account-group-outline";
      case ROLE -> "mdi2a-account-hard-hat";
      case MANAGED_POLICY, INLINE_POLICY -> "mdi2f-file-document-outline";
      case ACCESS_KEY -> "mdi2k-key-outline";
      case SESSION -> "mdi2t-timer-sand";
      case INSTANCE_PROFILE -> "mdi2s-server";
      case SERVICE -> "mdi2c-cloud-outline";
      case FEDERATED_PROVIDER -> "mdi2b-bank-outline";
      case ANYONE -> "mdi2e-earth";
    };
  }

  private void restyleEdges() {
    edgeViews.forEach((id, views) -> views.forEach(v -> {
      v.getStyleClass().remove("highlighted");
      if (model.highlightedEdges().contains(id)) {
        v.getStyleClass().add("highlighted");
      }
    }));
  }

  private void showSelection(GraphNode old, GraphNode node) {
    if (old != null && nodeViews.containsKey(old.id())) {
      nodeViews.get(old.id()).getStyleClass().remove("selected");
    }
    if (node == null) {
      details.setText("Select a node to see its policies, trust, tags, credentials and activity.");
      return;
    }
    if (nodeViews.containsKey(node.id())) {
      nodeViews.get(node.id()).getStyleClass().add("selected");
    }
    StringBuilder sb = new StringBuilder(node.kind().title()).append('\n').append(node.id()).append("\n\n");
    node.details().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    List<GraphEdge> out = model.graphProperty().get().edges().stream().filter(e -> e.from().equals(node.id())).toList();
    List<GraphEdge> in = model.graphProperty().get().edges().stream().filter(e -> e.to().equals(node.id())).toList();
    if (!out.isEmpty()) {
      sb.append("\nOutgoing\n");
      out.forEach(e -> appendEdge(sb, e.kind(), e.to(), e.evidence()));
    }
    if (!in.isEmpty()) {
      sb.append("\nIncoming\n");
      in.forEach(e -> appendEdge(sb, e.kind(), e.from(), e.evidence()));
    }
    details.setText(sb.toString());
  }

  private static void appendEdge(StringBuilder sb, EdgeKind kind, String other, List<String> evidence) {
    sb.append("  ").append(kind.label()).append(' ').append(other).append('\n');
    evidence.forEach(ev -> sb.append("      ").append(ev).append('\n'));
  }

  private void zoom(double factor) {
    double s = Math.max(0.1, Math.min(4, content.getScaleX() * factor));
    content.setScaleX(s);
    content.setScaleY(s);
    drawMinimap();
  }

  private void fit() {
    GraphLayout.Placed p = model.layoutProperty().get();
    double w = Math.max(1, canvasPane.getWidth());
    double h = Math.max(1, canvasPane.getHeight());
    if (p.width() <= 0 || w <= 1) {
      drawMinimap();
      return;
    }
    double s = Math.min(1.0, Math.min((w - 40) / p.width(), (h - 40) / p.height()));
    content.setScaleX(s);
    content.setScaleY(s);
    // Group scales around its centre: translate so the scaled drawing starts at the margin.
    content.setTranslateX(20 - (p.width() * (1 - s)) / 2);
    content.setTranslateY(20 - (p.height() * (1 - s)) / 2);
    drawMinimap();
  }

  private void drawMinimap() {
    GraphicsContext g = minimap.getGraphicsContext2D();
    GraphLayout.Placed p = model.layoutProperty().get();
    g.clearRect(0, 0, minimap.getWidth(), minimap.getHeight());
    g.setFill(Color.web("#ffffff", 0.9));
    g.fillRect(0, 0, minimap.getWidth(), minimap.getHeight());
    g.setStroke(Color.web("#d0d7de"));
    g.strokeRect(0.5, 0.5, minimap.getWidth() - 1, minimap.getHeight() - 1);
    if (p.width() <= 0) {
      return;
    }
    double s = Math.min((minimap.getWidth() - 8) / p.width(), (minimap.getHeight() - 8) / p.height());
    g.setFill(Color.web("#6e7781"));
    p.nodes().values().forEach(b -> g.fillRect(4 + b.x() * s, 4 + b.y() * s, Math.max(1, b.width() * s), Math.max(1, b.height() * s)));
  }

  private void exportSvg() {
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName("principal-graph.svg");
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file != null) {
      try {
        io.github.trailbench.core.io.WholeFile.write(file.toPath(),
            out -> out.write(model.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        model.messageProperty().set("Saved " + file);
      } catch (IOException e) {
        model.messageProperty().set("Cannot save " + file + ": " + e.getMessage());
      }
    }
  }

  /** The graph as shown, as a temporary PNG (for a finding's figure), or null when it cannot be written. */
  private java.nio.file.Path pictureForFinding() {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("trailbench-graph", ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(content.snapshot(null, null), null), "png", file.toFile());
      return file;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void exportPng() {
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName("principal-graph.png");
    File file = chooser.showSaveDialog(getScene().getWindow());
    if (file != null) {
      try {
        java.awt.image.BufferedImage image = SwingFXUtils.fromFXImage(content.snapshot(null, null), null);
        io.github.trailbench.core.io.WholeFile.write(file.toPath(), out -> ImageIO.write(image, "png", out));
        model.messageProperty().set("Saved " + file);
      } catch (IOException e) {
        model.messageProperty().set("Cannot save " + file + ": " + e.getMessage());
      }
    }
  }

  private void showLeastPrivilege(GraphService.LeastPrivilegeReport report) {
    javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(report.text());
    text.setId("least-privilege-text");
    text.setEditable(false);
    text.getStyleClass().add("event-decoded");
    javafx.scene.control.TextArea policy = new javafx.scene.control.TextArea(report.policyJson());
    policy.setId("least-privilege-policy");
    policy.setEditable(false);
    policy.getStyleClass().add("event-decoded");
    javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(
        new javafx.scene.control.Tab("Granted vs used", text), new javafx.scene.control.Tab("Minimal policy", policy));
    tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setPrefSize(900, 600);
    javafx.scene.control.Dialog<Void> dialog = new javafx.scene.control.Dialog<>();
    if (getScene() != null) {
      dialog.initOwner(getScene().getWindow());
    }
    dialog.initModality(javafx.stage.Modality.NONE);
    dialog.setResizable(true);
    dialog.setTitle("Least privilege — " + report.principal());
    dialog.getDialogPane().setContent(tabs);
    dialog.getDialogPane().getButtonTypes().add(javafx.scene.control.ButtonType.CLOSE);
    dialog.show();
  }
}
