package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
  /** Rule: the same graph is laid out and drawn the same way every time (edges overlap; their order decides which shows). */
  @Test
  void nodesAndEdgeLinesComeOutInTheGraphsOrder() {
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      nodes.add(new GraphNode("arn:aws:iam::111122223333:role/r" + i, NodeKind.ROLE, "r" + i, Map.of()));
    }
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j += 3) {
        if (i != j) {
          edges.add(new GraphEdge(nodes.get(i).id(), nodes.get(j).id(), EdgeKind.CAN_ASSUME, "can assume", List.of()));
        }
      }
    }
    GraphLayout.Placed first = GraphLayout.layout(nodes, edges);
    GraphLayout.Placed second = GraphLayout.layout(nodes, edges);
    assertThat(first.nodes().keySet()).containsExactlyElementsOf(nodes.stream().map(GraphNode::id).toList());
    assertThat(first.edges()).extracting(GraphLayout.Line::edge).containsExactlyElementsOf(edges);
    assertThat(second.edges()).extracting(GraphLayout.Line::edge).containsExactlyElementsOf(edges);
  }

  /**
   * A dense graph (every key used by every session: 40 × 60 edges) is laid out by a few edges per
   * node and the rest drawn straight, box edge to box edge, every edge still drawn once and in the
   * graph's order; routing them all took ELK 27 s on the generated 1M-event case's 13,549 edges.
   */
  @Test
  void aDenseGraphIsPlacedByAFewEdgesPerNodeAndDrawsEveryEdgeInOrder() {
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      nodes.add(new GraphNode("AKIAKEY" + k, NodeKind.ACCESS_KEY, "AKIAKEY" + k, Map.of()));
    }
    for (int s = 0; s < 60; s++) {
      nodes.add(new GraphNode("arn:aws:sts::111122223333:assumed-role/r/s" + s, NodeKind.SESSION, "r/s" + s, Map.of()));
    }
    for (int k = 0; k < 40; k++) {
      for (int s = 0; s < 60; s++) {
        edges.add(new GraphEdge(nodes.get(k).id(), nodes.get(40 + s).id(), EdgeKind.KEY_USED_BY_SESSION, "key used by session", List.of()));
      }
    }
    assertThat(edges.size()).isGreaterThan(GraphLayout.MAX_ROUTED_EDGES);
    GraphLayout.Placed placed = GraphLayout.layout(nodes, edges);
    assertThat(placed.edges()).extracting(GraphLayout.Line::edge).containsExactlyElementsOf(edges);
    long straight = placed.edges().stream().filter(l -> l.points().length == 4).count();
    assertThat(straight).as("most drawn straight").isGreaterThan(2000);
    for (GraphLayout.Line line : placed.edges()) {
      GraphLayout.Box from = placed.nodes().get(line.edge().from());
      GraphLayout.Box to = placed.nodes().get(line.edge().to());
      double[] p = line.points();
      assertThat(p[0]).as("starts on its key's box").isBetween(from.x() - 1, from.x() + from.width() + 1);
      assertThat(p[p.length - 2]).as("ends on its session's box").isBetween(to.x() - 1, to.x() + to.width() + 1);
    }
    // keys on one side, sessions on the other, as when every edge is routed
    double keysRight = nodes.subList(0, 40).stream().mapToDouble(n -> placed.nodes().get(n.id()).x()).max().orElseThrow();
    double sessionsLeft = nodes.subList(40, 100).stream().mapToDouble(n -> placed.nodes().get(n.id()).x()).min().orElseThrow();
    assertThat(sessionsLeft).isGreaterThan(keysRight);
  }
}
