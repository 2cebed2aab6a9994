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
import javafx.geometry.Bounds;
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
import javafx.scene.control.TitledPane;
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
  private final VBox details = new VBox(6);
  private final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
  private final Map<String, StackPane> nodeViews = new HashMap<>();
  private final Map<String, javafx.scene.shape.Circle> dotViews = new HashMap<>();
  /** A dot's short name, shown under it while the dots are far enough apart to hold one. */
  private final Map<String, javafx.scene.text.Text> captionViews = new HashMap<>();
  private final Map<String, Label> badgeViews = new HashMap<>();
  private final Map<String, List<Node>> edgeViews = new HashMap<>();
  private double dragX;
  private double dragY;

  public GraphView(GraphViewModel model) {
    this.model = model;
    setId("view-graph");
    getStyleClass().add("graph-view");
    setTop(toolbar());

    content.getTransforms().add(scale);
    canvasPane.setId("graph-canvas");
    content.setId("graph-content");
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
    // the minimap folds away: a node under it is never out of reach
    javafx.scene.control.ToggleButton mapToggle = new javafx.scene.control.ToggleButton("", new FontIcon("mdi2m-map-outline"));
    mapToggle.setId("graph-minimap-toggle");
    mapToggle.setTooltip(new javafx.scene.control.Tooltip("Show or hide the minimap"));
    mapToggle.setSelected(true);
    minimap.visibleProperty().bind(mapToggle.selectedProperty());
    StackPane.setAlignment(mapToggle, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(mapToggle, new Insets(0, 8 + minimap.getWidth() + 4, 8, 0));
    mapToggle.selectedProperty().addListener((obs, old, on) ->
        StackPane.setMargin(mapToggle, new Insets(0, on ? 8 + minimap.getWidth() + 4 : 8, 8, 0)));
    StackPane stage = new StackPane(canvasPane, minimap, mapToggle);
    TitledPane legend = legend();

    details.setId("graph-details");
    details.getStyleClass().add("graph-details");
    details.setPadding(new Insets(4));
    ScrollPane detailScroll = new ScrollPane(details);
    detailScroll.setFitToWidth(true);
    Label paths = new Label();
    paths.setId("graph-paths");
    paths.setWrapText(true);
    model.pathLines().addListener((ListChangeListener<String>) c -> paths.setText(wrapArns(String.join("\n", model.pathLines()))));
    ScrollPane pathScroll = new ScrollPane(paths);
    pathScroll.setFitToWidth(true);
    pathScroll.setPrefHeight(90);
    TitledPane escalationPane = escalationPane();
    VBox side = new VBox(8, escalationPane, legend, detailScroll, pathScroll);
    side.setMinWidth(0);
    side.setPrefWidth(360);
    escalationPane.setMinWidth(0);
    side.setPadding(new Insets(8));
    VBox.setVgrow(detailScroll, Priority.ALWAYS);
    SplitPane split = new SplitPane(stage, side);
    split.setDividerPositions(0.7);
    setCenter(split);

    model.layoutProperty().addListener((obs, old, placed) -> render(placed));
    model.selectedProperty().addListener((obs, old, n) -> {
      showSelection(old, n);
      restyleEdges();
      applyLevelOfDetail();
    });
    model.serviceActivity().addListener((javafx.collections.ListChangeListener<String>) c -> showServiceActivity());
    model.highlightedEdges().addListener((SetChangeListener<String>) c -> {
      restyleEdges();
      applyLevelOfDetail();
    });
    model.centreTargetProperty().addListener((obs, old, target) -> {
      if (target != null && nodeViews.containsKey(target)) {
        centreOn(target);
      }
    });
    // laid out before the canvas had a size (the window not shown yet, or the view made after the
    // graph was built): framed again once it has both a width and a height
    canvasPane.widthProperty().addListener((obs, old, w) -> {
      if (old.doubleValue() <= 1 && w.doubleValue() > 1 && canvasPane.getHeight() > 1) {
        frame();
      }
    });
    canvasPane.heightProperty().addListener((obs, old, h) -> {
      if (old.doubleValue() <= 1 && h.doubleValue() > 1 && canvasPane.getWidth() > 1) {
        frame();
      }
    });
    if (model.layoutProperty().get() != null) {
      render(model.layoutProperty().get()); // built before the analyst first turned to the graph
    }
  }

  private VBox toolbar() {
    TextField search = new TextField();
    search.setId("graph-search");
    search.setPromptText("Find a principal, key or policy (Enter focuses it)");
    search.setPrefWidth(190);
    search.setOnAction(e -> {
      List<GraphNode> found = model.search(search.getText());
      if (found.isEmpty()) {
        model.messageProperty().set("No node matches “" + search.getText() + "”");
      } else {
        model.focusOn(found.get(0).id());
        model.messageProperty().set(found.size() + " match(es); showing " + found.get(0).label());
      }
    });
    MenuButton kinds = new MenuButton("", new FontIcon("mdi2f-filter-variant"));
    kinds.setTooltip(new javafx.scene.control.Tooltip("Node types shown"));
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
    Button incident = new Button("Incident");
    incident.setId("graph-incident");
    incident.setTooltip(new javafx.scene.control.Tooltip("The neighbourhood of the principals and keys in the case's high and critical findings"));
    incident.setOnAction(e -> model.showIncident());
    incident.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.incidentNodes()));
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
    Label leftOut = new Label();
    leftOut.setId("graph-left-out");
    leftOut.getStyleClass().add("graph-left-out");
    leftOut.setGraphic(new FontIcon("mdi2e-eye-off-outline"));
    leftOut.textProperty().bind(model.leftOutNoteProperty());
    leftOut.visibleProperty().bind(model.leftOutNoteProperty().isNotEmpty());
    leftOut.managedProperty().bind(leftOut.visibleProperty());
    HBox bar = new HBox(8, search, kinds, new Label("Depth"), depth, incident, whole, reach, reaching, timeline, finding, leastPrivilege, explain, fit, export);
    bar.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.Node n : bar.getChildren()) {
      if (n instanceof javafx.scene.control.Control c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      }
    }
    VBox box = new VBox(4, bar, message, leftOut);
    box.setPadding(new Insets(10, 12, 8, 12));
    return box;
  }

  private void render(GraphLayout.Placed placed) {
    content.getChildren().clear();
    nodeViews.clear();
    dotViews.clear();
    captionViews.clear();
    badgeViews.clear();
    edgeViews.clear();
    Group edges = new Group();
    Group dots = new Group();
    Group nodes = new Group();
    densePlaced = placed.edges().size() > GraphLayout.MAX_ROUTED_EDGES ? placed : null;
    overlay.getChildren().clear();
    if (densePlaced != null) {
      drawBundled(placed, edges);
    } else {
      for (GraphLayout.Line line : placed.edges()) {
        List<Node> shapes = edgeShapes(line.points(), line.edge().kind());
        edges.getChildren().addAll(shapes);
        edgeViews.put(line.edge().id(), shapes);
      }
    }
    edges.getChildren().add(overlay);
    Map<String, Long> foldedFrom = model.foldedCounts();
    for (GraphNode n : model.graphProperty().get().nodes()) {
      GraphLayout.Box b = placed.nodes().get(n.id());
      if (b == null) {
        continue;
      }
      Label label = new Label(n.label(), new FontIcon(icon(n.kind())));
      label.getStyleClass().add("graph-node-label");
      label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never cut a name short
      StackPane box = new StackPane(label);
      box.setId("node-" + sanitize(n.id()));
      box.getStyleClass().addAll("graph-node", "node-" + n.kind().name().toLowerCase());
      if (n.adminEquivalent()) {
        box.getStyleClass().add("admin");
      }
      if (model.isIncidentNode(n.id())) {
        box.getStyleClass().add("incident");
      }
      box.setLayoutX(b.x());
      box.setLayoutY(b.y());
      box.setPrefSize(b.width(), b.height());
      box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      javafx.event.EventHandler<javafx.scene.input.MouseEvent> click = e -> {
        model.select(n.id());
        if (e.getClickCount() == 2) {
          model.focusOn(n.id());
        }
        e.consume();
      };
      box.setOnMouseClicked(click);
      javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(b.centerX(), b.centerY(), DOT_RADIUS);
      dot.getStyleClass().addAll("graph-dot", "node-" + n.kind().name().toLowerCase());
      dot.setOnMouseClicked(click);
      javafx.scene.control.Tooltip.install(dot, new javafx.scene.control.Tooltip(n.kind().title() + " " + n.label()));
      dot.setVisible(false);
      dots.getChildren().add(dot);
      dotViews.put(n.id(), dot);
      javafx.scene.text.Text caption = new javafx.scene.text.Text(caption(n));
      caption.getStyleClass().add("graph-dot-caption");
      caption.setId("caption-" + sanitize(n.id()));
      caption.setFont(javafx.scene.text.Font.font(CAPTION_PX));
      caption.setTextOrigin(javafx.geometry.VPos.TOP);
      Bounds size = caption.getLayoutBounds();
      // centred on the dot; applyLevelOfDetail keeps it at CAPTION_PX on screen, just below the dot
      caption.setX(b.centerX() - size.getWidth() / 2);
      caption.setY(b.centerY() - size.getHeight() / 2);
      caption.setMouseTransparent(true);
      caption.setVisible(false);
      dots.getChildren().add(caption);
      captionViews.put(n.id(), caption);
      nodes.getChildren().add(box);
      nodeViews.put(n.id(), box);
      long folded = foldedFrom.getOrDefault(n.id(), 0L);
      if (n.adminEquivalent()) {
        Label badge = new Label("admin: can reach everything", new FontIcon("mdi2s-shield-account-outline"));
        badge.setId("badge-" + sanitize(n.id()));
        badge.getStyleClass().add("graph-admin-badge");
        badge.setTooltip(new javafx.scene.control.Tooltip(n.label() + " can grant itself any permission"
            + (folded > 0 ? "; its " + folded + " can-assume and can-escalate edges are not drawn" : "")
            + ". " + n.details().get(GraphNode.ADMIN_DETAIL)));
        badge.setLayoutX(b.x());
        badge.setLayoutY(b.y() + b.height() + 2);
        badge.setMouseTransparent(false);
        nodes.getChildren().add(badge);
        badgeViews.put(n.id(), badge);
      }
    }
    content.getChildren().addAll(edges, dots, nodes);
    restyleEdges();
    GraphNode sel = model.selectedProperty().get();
    showSelection(null, sel);
    frame();
  }

  /**
   * The first view of a layout: centred on the target if one was asked for; else the incident
   * neighbourhood at a readable zoom (centred on it when it does not fit); else the whole graph
   * fitted, with level of detail.
   */
  private void frame() {
    String target = model.centreTargetProperty().get();
    if (target != null && nodeViews.containsKey(target)) {
      centreOn(target);
    } else if (model.incidentScopeProperty().get()) {
      fit();
      if (scale.getX() < readableScale()) {
        List<String> incident = model.incidentFrameNodes().stream().filter(nodeViews::containsKey).toList();
        setScale(readableScale());
        if (!incident.isEmpty()) {
          // the frame leaves the minimap's band free, so the minimap covers none of what it frames
          double free = canvasPane.getHeight() - minimapBand();
          List<String> kept = mostThatFit(incident, model.layoutProperty().get().nodes(),
              canvasPane.getWidth() / scale.getX() - 2 * FRAME_MARGIN, free / scale.getX() - 2 * FRAME_MARGIN);
          List<String> core = model.incidentCore().stream().filter(nodeViews::containsKey).toList();
          if (kept.containsAll(core)) {
            centreOnBoxes(kept, free);
          } else {
            frameGrown(core, free);
          }
        }
      }
    } else {
      fit();
    }
  }

  /**
   * The nodes, in their order of priority, whose boxes fit together in a view of this size (in
   * layout units): the first always, each later one only if the box around all kept so far
   * and it still fits. Centring on the whole incident when it is wider than the view would cut
   * off its most important nodes at both edges.
   */
  static List<String> mostThatFit(List<String> ids, java.util.Map<String, GraphLayout.Box> boxes, double width, double height) {
    List<String> kept = new java.util.ArrayList<>();
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (String id : ids) {
      GraphLayout.Box b = boxes.get(id);
      if (b == null) {
        continue;
      }
      double x0 = Math.min(minX, b.x());
      double y0 = Math.min(minY, b.y());
      double x1 = Math.max(maxX, b.x() + b.width());
      double y1 = Math.max(maxY, b.y() + b.height());
      if (kept.isEmpty() || (x1 - x0 <= width && y1 - y0 <= height)) {
        kept.add(id);
        minX = x0;
        minY = y0;
        maxX = x1;
        maxY = y1;
      }
    }
    return kept;
  }

  /** The smallest zoom at which node names are at least {@value #READABLE_PX} px tall. */
  private double readableScale() {
    return READABLE_PX / labelFontSize();
  }

  static final double READABLE_PX = 11.5;
  static final double DOT_RADIUS = 9;
  /** A dot's caption on screen, in px; smaller than a name but readable. */
  static final double CAPTION_PX = 10;
  /**
   * Below this zoom the dots stand too close for a caption each (the whole graph of a large
   * account): they are dots alone, named on hover and in the side panel.
   */
  static final double CAPTION_MIN_SCALE = 0.3;
  static final int CAPTION_CHARS = 20;

  /**
   * A dot's caption: its name, cut after {@value #CAPTION_CHARS} characters. A role session is
   * named by its session name alone (its role is the node its edge leads to; sessions of one
   * role would all read "Role/..." otherwise).
   */
  static String caption(GraphNode n) {
    String l = n.label() == null ? "" : n.label();
    int slash = l.indexOf('/');
    if (n.kind() == NodeKind.SESSION && slash > 0 && slash < l.length() - 1 && !l.startsWith("+")) {
      l = l.substring(slash + 1);
    }
    return l.length() <= CAPTION_CHARS ? l : l.substring(0, CAPTION_CHARS - 1) + "\u2026";
  }

  private double labelFontSize() {
    for (StackPane box : nodeViews.values()) {
      if (box.getChildren().get(0) instanceof Label l) {
        l.applyCss();
        return l.getFont().getSize();
      }
    }
    return javafx.scene.text.Font.getDefault().getSize();
  }

  /** Zooms to at least a readable size and puts the node in the middle of the drawing area. */
  private void centreOn(String nodeId) {
    setScale(Math.max(readableScale(), Math.min(1.0, scale.getX())));
    centreOnBoxes(List.of(nodeId));
  }

  /**
   * Zooms out just enough that these nodes, drawn at a readable size by the level of detail
   * (their boxes grown about their centres), fit whole in the top {@code height} px, and centres them.
   */
  private void frameGrown(List<String> ids, double height) {
    GraphLayout.Placed p = model.layoutProperty().get();
    double readable = readableScale();
    double minCx = Double.MAX_VALUE;
    double maxCx = -Double.MAX_VALUE;
    double minCy = Double.MAX_VALUE;
    double maxCy = -Double.MAX_VALUE;
    double widest = 0;
    double tallest = 0;
    for (String id : ids) {
      GraphLayout.Box b = p.nodes().get(id);
      if (b == null) {
        continue;
      }
      minCx = Math.min(minCx, b.x() + b.width() / 2);
      maxCx = Math.max(maxCx, b.x() + b.width() / 2);
      minCy = Math.min(minCy, b.y() + b.height() / 2);
      maxCy = Math.max(maxCy, b.y() + b.height() / 2);
      widest = Math.max(widest, b.width());
      tallest = Math.max(tallest, b.height());
    }
    if (minCx == Double.MAX_VALUE) {
      return;
    }
    // on screen a grown box is readable × its layout size, about its centre at s × its layout centre
    double sx = maxCx > minCx ? (canvasPane.getWidth() - readable * widest - 2 * FRAME_MARGIN) / (maxCx - minCx) : readable;
    double sy = maxCy > minCy ? (height - readable * tallest - 2 * FRAME_MARGIN) / (maxCy - minCy) : readable;
    double s = Math.max(0.05, Math.min(readable, Math.min(sx, sy)));
    setScale(s);
    content.setTranslateX(canvasPane.getWidth() / 2 - s * (minCx + maxCx) / 2);
    content.setTranslateY(height / 2 - s * (minCy + maxCy) / 2);
    drawMinimap();
  }

  /** Layout units kept free around the incident frame's nodes. */
  private static final double FRAME_MARGIN = 16;

  /** The height at the bottom of the drawing area the minimap takes (with its margin), 0 when it is hidden. */
  private double minimapBand() {
    return minimap.isVisible() ? minimap.getHeight() + 16 : 0;
  }

  private void centreOnBoxes(List<String> ids) {
    centreOnBoxes(ids, canvasPane.getHeight());
  }

  /** Centres the boxes of these nodes in the top {@code height} px of the drawing area. */
  private void centreOnBoxes(List<String> ids, double height) {
    GraphLayout.Placed p = model.layoutProperty().get();
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (String id : ids) {
      GraphLayout.Box b = p.nodes().get(id);
      if (b != null) {
        minX = Math.min(minX, b.x());
        minY = Math.min(minY, b.y());
        maxX = Math.max(maxX, b.x() + b.width());
        maxY = Math.max(maxY, b.y() + b.height());
      }
    }
    if (minX == Double.MAX_VALUE) {
      return;
    }
    double s = scale.getX();
    content.setTranslateX(canvasPane.getWidth() / 2 - s * (minX + maxX) / 2);
    content.setTranslateY(height / 2 - s * (minY + maxY) / 2);
    drawMinimap();
  }

  private void setScale(double s) {
    scale.setX(s);
    scale.setY(s);
    applyLevelOfDetail();
  }

  /**
   * Below the readable zoom, admin-equivalent, incident, selected and path nodes keep a name
   * scaled up to stay readable; the others become dots.
   */
  private void applyLevelOfDetail() {
    double s = scale.getX();
    double readable = readableScale();
    boolean zoomedOut = s < readable;
    GraphNode sel = model.selectedProperty().get();
    java.util.Set<String> onPath = new java.util.HashSet<>();
    for (GraphEdge e : model.graphProperty().get().edges()) {
      if (model.highlightedEdges().contains(e.id())) {
        onPath.add(e.from());
        onPath.add(e.to());
      }
    }
    for (GraphNode n : model.graphProperty().get().nodes()) {
      StackPane box = nodeViews.get(n.id());
      if (box == null) {
        continue;
      }
      boolean keep = n.adminEquivalent() || model.isIncidentNode(n.id()) || (sel != null && sel.id().equals(n.id()))
          || onPath.contains(n.id());
      double grow = zoomedOut && keep ? readable / s : 1;
      box.setScaleX(grow);
      box.setScaleY(grow);
      box.setVisible(!zoomedOut || keep);
      dotViews.get(n.id()).setVisible(zoomedOut && !keep);
      javafx.scene.text.Text caption = captionViews.get(n.id());
      caption.setVisible(zoomedOut && !keep && s >= CAPTION_MIN_SCALE);
      caption.setScaleX(1 / s);
      caption.setScaleY(1 / s);
      caption.setTranslateY(DOT_RADIUS + (2 + caption.getLayoutBounds().getHeight() / 2) / s);
      Label badge = badgeViews.get(n.id());
      if (badge != null) {
        badge.setVisible(!zoomedOut); // zoomed out, the red border alone marks an admin (badges would cover each other)
      }
      box.toFront();
    }
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

  /** The layout drawn in bundles (a dense graph), else null. */
  private GraphLayout.Placed densePlaced;
  /** Edges drawn over the others: a dense graph's highlighted ones, and left-out ones of the selection or highlighted. */
  private final Group overlay = new Group();

  /**
   * A dense graph's edges as one shape per kind (lines, and the arrowheads of edges drawn
   * backwards; it runs left to right), with the highlighted ones drawn again on top: a shape
   * per edge cost the window seconds of CSS work for 13,500 edges (and their dashes seconds of
   * painting: a bundle is drawn solid).
   */
  private void drawBundled(GraphLayout.Placed placed, Group edges) {
    Map<EdgeKind, List<javafx.scene.shape.PathElement>> lines = new java.util.EnumMap<>(EdgeKind.class);
    Map<EdgeKind, List<javafx.scene.shape.PathElement>> heads = new java.util.EnumMap<>(EdgeKind.class);
    for (GraphLayout.Line line : placed.edges()) {
      double[] p = line.points();
      List<javafx.scene.shape.PathElement> to = lines.computeIfAbsent(line.edge().kind(), k -> new java.util.ArrayList<>());
      to.add(new javafx.scene.shape.MoveTo(p[0], p[1]));
      for (int i = 2; i + 1 < p.length; i += 2) {
        to.add(new javafx.scene.shape.LineTo(p[i], p[i + 1]));
      }
      if (p[p.length - 2] < p[0]) {
        List<Double> h = arrowHead(p).getPoints();
        List<javafx.scene.shape.PathElement> head = heads.computeIfAbsent(line.edge().kind(), k -> new java.util.ArrayList<>());
        head.add(new javafx.scene.shape.MoveTo(h.get(0), h.get(1)));
        head.add(new javafx.scene.shape.LineTo(h.get(2), h.get(3)));
        head.add(new javafx.scene.shape.LineTo(h.get(4), h.get(5)));
        head.add(new javafx.scene.shape.ClosePath());
      }
    }
    lines.forEach((kind, elements) -> edges.getChildren().add(bundle(elements, "graph-edge", kind)));
    heads.forEach((kind, elements) -> edges.getChildren().add(bundle(elements, "graph-arrow", kind)));
  }

  private static javafx.scene.shape.Path bundle(List<javafx.scene.shape.PathElement> elements, String styleClass, EdgeKind kind) {
    javafx.scene.shape.Path path = new javafx.scene.shape.Path(elements);
    path.getStyleClass().addAll(styleClass, "edge-" + kind.name().toLowerCase(), "edge-bundle");
    path.setMouseTransparent(true);
    return path;
  }

  private void restyleEdges() {
    overlay.getChildren().clear();
    if (densePlaced != null) {
      for (GraphLayout.Line line : densePlaced.edges()) {
        if (model.highlightedEdges().contains(line.edge().id())) {
          drawOver(line.points(), line.edge().kind(), "highlighted");
        }
      }
    } else {
      edgeViews.forEach((id, views) -> views.forEach(v -> {
        v.getStyleClass().remove("highlighted");
        if (model.highlightedEdges().contains(id)) {
          v.getStyleClass().add("highlighted");
        }
      }));
    }
    Map<String, GraphLayout.Box> boxes = model.layoutProperty().get().nodes();
    GraphNode sel = model.selectedProperty().get();
    for (GraphEdge e : model.leftOutEdges()) {
      boolean highlighted = model.highlightedEdges().contains(e.id());
      boolean ofSelected = sel != null && (e.from().equals(sel.id()) || e.to().equals(sel.id()));
      GraphLayout.Box from = boxes.get(e.from());
      GraphLayout.Box to = boxes.get(e.to());
      if ((highlighted || ofSelected) && from != null && to != null) {
        drawOver(GraphLayout.straightBetween(from, to), e.kind(), highlighted ? "highlighted" : "revealed");
      }
    }
  }

  private void drawOver(double[] points, EdgeKind kind, String styleClass) {
    overlay.getChildren().addAll(edgeShapes(points, kind, styleClass));
  }

  /** An edge's line and arrowhead, in its kind's style. */
  private static List<Node> edgeShapes(double[] points, EdgeKind kind, String... styleClasses) {
    Polyline poly = new Polyline(points);
    poly.getStyleClass().addAll("graph-edge", "edge-" + kind.name().toLowerCase());
    poly.getStyleClass().addAll(styleClasses);
    Polygon head = arrowHead(points);
    head.getStyleClass().addAll("graph-arrow", "edge-" + kind.name().toLowerCase());
    head.getStyleClass().addAll(styleClasses);
    return List.of(poly, head);
  }

  private void showSelection(GraphNode old, GraphNode node) {
    if (old != null && nodeViews.containsKey(old.id())) {
      nodeViews.get(old.id()).getStyleClass().remove("selected");
    }
    details.getChildren().clear();
    if (node == null) {
      details.getChildren().add(wrapped("Select a node to see its policies, trust, tags, credentials and activity."));
      return;
    }
    if (nodeViews.containsKey(node.id())) {
      nodeViews.get(node.id()).getStyleClass().add("selected");
    }
    Label title = new Label(node.kind().title() + (node.adminEquivalent() ? " · admin-equivalent"
        : node.possiblyAdmin() ? " · possibly admin-equivalent" : ""));
    title.getStyleClass().add("graph-details-title");
    details.getChildren().addAll(title, wrapped(node.id()));
    if (node.kind() == io.github.trailbench.core.model.graph.NodeKind.USER || node.kind() == io.github.trailbench.core.model.graph.NodeKind.ROLE) {
      javafx.scene.control.Hyperlink simulate = new javafx.scene.control.Hyperlink("Simulate this principal…",
          new FontIcon("mdi2t-table-search"));
      simulate.setId("graph-simulate-principal");
      simulate.setTooltip(new javafx.scene.control.Tooltip("Every action of a service for " + node.label()
          + ", decided by the policy engine, in the decision view's simulator"));
      simulate.setOnAction(e -> model.simulateSelected());
      details.getChildren().add(simulate);
    }
    javafx.scene.layout.GridPane facts = new javafx.scene.layout.GridPane();
    facts.setHgap(8);
    facts.setVgap(4);
    javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
    keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setFillWidth(true);
    facts.getColumnConstraints().addAll(keys, values);
    int row = 0;
    for (Map.Entry<String, String> d : node.details().entrySet()) {
      Label k = new Label(d.getKey());
      k.getStyleClass().add("graph-details-key");
      facts.addRow(row++, k, wrapped(d.getValue()));
    }
    if (row > 0) {
      details.getChildren().add(section("Details", facts));
    }
    List<GraphEdge> out = model.graphProperty().get().edges().stream().filter(e -> e.from().equals(node.id())).toList();
    List<GraphEdge> in = model.graphProperty().get().edges().stream().filter(e -> e.to().equals(node.id())).toList();
    if (!out.isEmpty()) {
      details.getChildren().add(section("Outgoing (" + out.size() + ")", edgeList(out, true)));
    }
    if (!in.isEmpty()) {
      details.getChildren().add(section("Incoming (" + in.size() + ")", edgeList(in, false)));
    }
    showServiceActivity();
  }

  /** The "Service use" section: IAM Access Advisor's last access beside the trail's first and last use. */
  private void showServiceActivity() {
    details.getChildren().removeIf(n -> "graph-details-serviceuse".equals(n.getId()));
    if (model.serviceActivity().isEmpty() || model.selectedProperty().get() == null) {
      return;
    }
    VBox lines = new VBox(3);
    model.serviceActivity().forEach(l -> lines.getChildren().add(wrapped(l)));
    TitledPane pane = section("Service use", lines);
    int afterDetails = details.getChildren().indexOf(details.lookup("#graph-details-details"));
    details.getChildren().add(afterDetails < 0 ? details.getChildren().size() : afterDetails + 1, pane);
  }

  private VBox edgeList(List<GraphEdge> edges, boolean outgoing) {
    VBox box = new VBox(4);
    for (GraphEdge e : edges) {
      Label head = wrapped(e.kind().label() + " " + (outgoing ? e.to() : e.from()));
      head.getStyleClass().add("graph-details-edge");
      box.getChildren().add(head);
      for (String ev : e.evidence()) {
        Label l = wrapped(ev);
        l.setPadding(new Insets(0, 0, 0, 14));
        box.getChildren().add(l);
      }
    }
    return box;
  }

  private static TitledPane section(String title, Node body) {
    TitledPane pane = new TitledPane(title, body);
    pane.setId("graph-details-" + title.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT));
    pane.setExpanded(true);
    pane.setAnimated(false);
    return pane;
  }

  private static Label wrapped(String text) {
    Label l = new Label(wrapArns(text));
    l.setWrapText(true);
    l.setMinWidth(0);
    l.setPrefWidth(300); // wraps to the pane instead of widening it
    l.setMaxWidth(Double.MAX_VALUE);
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }

  /** A line break opportunity after each ':' and '/' of a long token (an ARN), so it wraps at its parts. */
  static String wrapArns(String text) {
    return text.replace(":", ":\u200B").replace("/", "/\u200B");
  }

  /** The node details as plain text (what the details pane shows, in order). */
  public String detailsText() {
    StringBuilder sb = new StringBuilder();
    collectText(details, sb);
    return sb.toString().replace("\u200B", "");
  }

  private static void collectText(Node n, StringBuilder sb) {
    if (n instanceof TitledPane t) {
      sb.append(t.getText()).append('\n');
      collectText(t.getContent(), sb);
    } else if (n instanceof Label l) {
      sb.append(l.getText()).append(l.getStyleClass().contains("graph-details-key") ? ": " : "\n");
    } else if (n instanceof javafx.scene.Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> collectText(c, sb));
    }
  }

  /** Node kinds (left) and edge styles (right), two columns to stay short beside the graph. */
  private TitledPane legend() {
    VBox kinds = new VBox(3);
    kinds.getChildren().add(legendNode("User", "node-user", null));
    kinds.getChildren().add(legendNode("Role", "node-role", null));
    kinds.getChildren().add(legendNode("Role session", "node-session", null));
    kinds.getChildren().add(legendNode("Access key", "node-access_key", null));
    kinds.getChildren().add(legendNode("Other", "node-group", null));
    kinds.getChildren().add(legendNode("Admin-equivalent", "node-role", "admin"));
    kinds.getChildren().add(legendNode("In a finding", "node-user", "incident"));
    VBox edges = new VBox(3);
    for (EdgeKind k : List.of(EdgeKind.CAN_ASSUME, EdgeKind.DID_ASSUME, EdgeKind.CAN_ESCALATE, EdgeKind.OWNS_KEY,
        EdgeKind.KEY_USED_BY_SESSION)) {
      javafx.scene.shape.Line line = new javafx.scene.shape.Line(0, 0, 22, 0);
      line.getStyleClass().addAll("graph-edge", "edge-" + k.name().toLowerCase());
      Label l = new Label(k.label(), line);
      l.setId("legend-" + k.name().toLowerCase());
      edges.getChildren().add(l);
    }
    Label badge = new Label("admin: can reach everything", new FontIcon("mdi2s-shield-account-outline"));
    badge.getStyleClass().add("graph-admin-badge");
    badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    badge.setTooltip(new javafx.scene.control.Tooltip("Drawn under an admin-equivalent principal instead of its fan of"
        + " can-assume and can-escalate edges"));
    kinds.getChildren().forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
    edges.getChildren().forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
    Label kindsNote = new Label("admin: the engine lets it grant itself anything; finding: high or critical");
    kindsNote.setWrapText(true);
    kindsNote.setMinWidth(0);
    kindsNote.setPrefWidth(300);
    kindsNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    kindsNote.getStyleClass().add("graph-legend-note");
    VBox rows = new VBox(4, new HBox(12, kinds, edges), badge, kindsNote);
    TitledPane pane = new TitledPane("Legend", rows);
    pane.setId("graph-legend");
    pane.getStyleClass().add("graph-legend");
    pane.setAnimated(false);
    pane.setMinWidth(0);
    return pane;
  }

  private static Label legendNode(String text, String kindClass, String extraClass) {
    javafx.scene.layout.Region swatch = new javafx.scene.layout.Region();
    swatch.setPrefSize(26, 14);
    swatch.setMinSize(26, 14);
    swatch.getStyleClass().addAll("graph-node", kindClass);
    if (extraClass != null) {
      swatch.getStyleClass().add(extraClass);
    }
    Label l = new Label(text, swatch);
    l.setId("legend-" + (extraClass != null ? extraClass : kindClass));
    return l;
  }

  private TitledPane escalationPane() {
    VBox list = new VBox(6);
    list.setId("graph-escalations");
    Runnable fill = () -> {
      list.getChildren().clear();
      if (model.escalations().isEmpty()) {
        list.getChildren().add(wrapped("No principal can become an admin-equivalent one."));
      }
      for (io.github.trailbench.core.correlate.EscalationList.Escalation x : model.escalations()) {
        javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(wrapArns(x.sentence()));
        link.setWrapText(true);
        link.setMinWidth(0);
        link.setPrefWidth(300); // wraps to the pane instead of widening it
        link.setMaxWidth(Double.MAX_VALUE);
        link.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        link.getStyleClass().add("graph-escalation");
        link.setOnAction(e -> model.showEscalation(x));
        list.getChildren().add(link);
      }
    };
    model.escalations().addListener((ListChangeListener<io.github.trailbench.core.correlate.EscalationList.Escalation>) c -> fill.run());
    fill.run();
    ScrollPane scroll = new ScrollPane(list);
    scroll.setFitToWidth(true);
    scroll.setPrefHeight(170);
    TitledPane pane = new TitledPane("Who can become an admin", scroll);
    pane.setId("graph-escalation-pane");
    pane.setAnimated(false);
    return pane;
  }

  private void zoom(double factor) {
    setScale(Math.max(0.1, Math.min(4, scale.getX() * factor)));
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
    setScale(s);
    content.setTranslateX((w - p.width() * s) / 2);
    content.setTranslateY(Math.max(20, (h - p.height() * s) / 2));
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

  /**
   * The graph as drawn, for a picture taken out of the app (PNG export, a finding's figure): with
   * what it leaves out written above it, since the note above the view does not go along.
   */
  javafx.scene.image.WritableImage picture() {
    javafx.scene.image.WritableImage drawing = content.snapshot(null, null);
    String caption = model.leftOutCaption();
    if (caption.isEmpty()) {
      return drawing;
    }
    Label text = new Label(caption, new FontIcon("mdi2e-eye-off-outline"));
    text.setId("graph-picture-caption");
    text.getStyleClass().add("graph-left-out");
    VBox page = new VBox(6, text, new javafx.scene.image.ImageView(drawing));
    page.setPadding(new Insets(8));
    page.setStyle("-fx-background-color: white;");
    javafx.scene.Scene offScreen = new javafx.scene.Scene(page);
    if (getScene() != null) {
      offScreen.getStylesheets().setAll(getScene().getStylesheets());
    }
    return page.snapshot(null, null);
  }

  /** The graph as shown, as a temporary PNG (for a finding's figure), or null when it cannot be written. */
  private java.nio.file.Path pictureForFinding() {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("trailbench-graph", ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(picture(), null), "png", file.toFile());
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
        java.awt.image.BufferedImage image = SwingFXUtils.fromFXImage(picture(), null);
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
