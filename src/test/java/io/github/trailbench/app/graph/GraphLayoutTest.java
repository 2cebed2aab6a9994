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
}
