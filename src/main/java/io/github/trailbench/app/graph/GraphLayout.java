package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/** Layered (Sugiyama) layout of a graph by Eclipse ELK: left to right, from principals to what they reach. */
public final class GraphLayout {
  static final double NODE_HEIGHT = 34;
  static final double CHAR_WIDTH = 8.0;
  private static volatile boolean registered;

  /** Where each node and edge is drawn. */
  public record Placed(Map<String, Box> nodes, List<Line> edges, double width, double height) {
    public static final Placed EMPTY = new Placed(Map.of(), List.of(), 0, 0);
  }

  public record Box(double x, double y, double width, double height) {
    public double centerX() {
      return x + width / 2;
    }

    public double centerY() {
      return y + height / 2;
    }
  }

  /** An edge as a polyline of x,y pairs. */
  public record Line(GraphEdge edge, double[] points) {}

  private GraphLayout() {}

  private static void register() {
    if (!registered) {
      synchronized (GraphLayout.class) {
        if (!registered) {
          LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
          registered = true;
        }
      }
    }
  }

  /**
   * A node's box: wide enough for its name up to about 64 characters (a role session such as
   * "OrganizationAccountAccessRole/botocore-session-1701234567" is common); a longer name runs
   * past its box rather than being cut short.
   */
  public static double widthOf(GraphNode node) {
    return Math.max(90, Math.min(MAX_BOX_WIDTH, 52 + node.label().length() * CHAR_WIDTH));
  }

  static final double MAX_BOX_WIDTH = 560;

  /** Above this many nodes the layout trades crossing quality for time (see docs/perf.md). */
  public static final int LARGE = 300;

  /**
   * Above this many edges ELK places the nodes by a subset of them, a few per node, and the rest
   * are drawn straight: a dense graph (every user's key used by every session of a shared role:
   * 330 nodes, 13,549 edges in the generated 1M-event case) took 27 s to lay out even in fast mode.
   */
  public static final int MAX_ROUTED_EDGES = 1_500;

  /** Edges per node, in and out, that ELK still routes when a graph has too many to route all. */
  static final int ROUTED_PER_NODE = 2;

  public static Placed layout(List<GraphNode> nodes, List<GraphEdge> edges) {
    return layout(nodes, edges, nodes.size() > LARGE || edges.size() > MAX_ROUTED_EDGES);
  }

  /**
   * @param fast one crossing-minimization sweep, longest-path layering and simple node placement
   *     instead of ELK's defaults (thoroughness 7, network simplex, Brandes–Köpf)
   */
  public static Placed layout(List<GraphNode> nodes, List<GraphEdge> edges, boolean fast) {
    if (nodes.isEmpty()) {
      return Placed.EMPTY;
    }
    register();
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 70.0);
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 22.0);
    root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 40.0);
    if (fast) {
      root.setProperty(LayeredOptions.THOROUGHNESS, 1);
      root.setProperty(LayeredOptions.LAYERING_STRATEGY, org.eclipse.elk.alg.layered.options.LayeringStrategy.LONGEST_PATH);
      root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, org.eclipse.elk.alg.layered.options.NodePlacementStrategy.SIMPLE);
    }
    Map<String, ElkNode> elk = new HashMap<>();
    for (GraphNode n : nodes) {
      ElkNode e = ElkGraphUtil.createNode(root);
      e.setIdentifier(n.id());
      e.setDimensions(widthOf(n), NODE_HEIGHT);
      elk.put(n.id(), e);
    }
    // by identity: a graph may hold equal edges, each drawn
    Map<GraphEdge, ElkEdge> routed = new java.util.IdentityHashMap<>();
    java.util.Set<GraphEdge> straight = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    boolean dense = edges.size() > MAX_ROUTED_EDGES;
    Map<String, Integer> routedOut = new HashMap<>();
    Map<String, Integer> routedIn = new HashMap<>();
    for (GraphEdge edge : edges) {
      ElkNode from = elk.get(edge.from());
      ElkNode to = elk.get(edge.to());
      if (from != null && to != null && from != to) {
        if (dense && routedOut.getOrDefault(edge.from(), 0) >= ROUTED_PER_NODE
            && routedIn.getOrDefault(edge.to(), 0) >= ROUTED_PER_NODE) {
          straight.add(edge);
          continue;
        }
        routedOut.merge(edge.from(), 1, Integer::sum);
        routedIn.merge(edge.to(), 1, Integer::sum);
        routed.put(edge, ElkGraphUtil.createSimpleEdge(from, to));
      }
    }
    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    Map<String, Box> boxes = new java.util.LinkedHashMap<>();
    double width = 0;
    double height = 0;
    for (GraphNode n : nodes) {
      ElkNode e = elk.get(n.id());
      Box b = new Box(e.getX(), e.getY(), e.getWidth(), e.getHeight());
      boxes.put(n.id(), b);
      width = Math.max(width, b.x() + b.width());
      height = Math.max(height, b.y() + b.height());
    }
    List<Line> lines = new ArrayList<>();
    for (GraphEdge edge : edges) { // in the edges' order, routed or not: drawn the same way every run
      ElkEdge e = routed.get(edge);
      if (e != null && !e.getSections().isEmpty()) {
        ElkEdgeSection s = e.getSections().get(0);
        List<Double> pts = new ArrayList<>(List.of(s.getStartX(), s.getStartY()));
        for (ElkBendPoint bp : s.getBendPoints()) {
          pts.add(bp.getX());
          pts.add(bp.getY());
        }
        pts.add(s.getEndX());
        pts.add(s.getEndY());
        lines.add(new Line(edge, pts.stream().mapToDouble(Double::doubleValue).toArray()));
      } else if (straight.contains(edge)) {
        lines.add(new Line(edge, straightBetween(boxes.get(edge.from()), boxes.get(edge.to()))));
      }
    }
    return new Placed(java.util.Collections.unmodifiableMap(boxes), List.copyOf(lines), width, height);
  }

  /** A straight line from one box's side to the other's, the sides facing each other. */
  public static double[] straightBetween(Box from, Box to) {
    boolean forward = to.centerX() >= from.centerX();
    return new double[] {forward ? from.x() + from.width() : from.x(), from.centerY(),
        forward ? to.x() : to.x() + to.width(), to.centerY()};
  }
}
