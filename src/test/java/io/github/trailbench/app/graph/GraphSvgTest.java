package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GraphSvgTest {
  static final String USER = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String ROLE = "arn:aws:iam::111122223333:role/Ops<Admin>&\"Role\"";
  static final String KEY = "AKIARFWHS3K5CEKMQEQK";

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSvgParsesAsXmlAndDrawsEveryLaidOutNodeWithItsLabelAndEveryEdge() throws Exception {
    List<GraphNode> nodes = List.of(
        new GraphNode(USER, NodeKind.USER, "ci-deploy", Map.of()),
        new GraphNode(KEY, NodeKind.ACCESS_KEY, KEY, Map.of()),
        new GraphNode(ROLE, NodeKind.ROLE, "Ops<Admin>&\"Role\" \u0001", Map.of()));
    List<GraphEdge> edges = List.of(
        new GraphEdge(USER, KEY, EdgeKind.OWNS_KEY, "owns key", List.of()),
        new GraphEdge(USER, ROLE, EdgeKind.CAN_ASSUME, "can assume", List.of()));
    GraphLayout.Placed placed = GraphLayout.layout(nodes, edges);

    Document svg = parse(GraphSvg.write(nodes, placed));

    Element root = svg.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(Double.parseDouble(root.getAttribute("width"))).isGreaterThan(placed.width());
    NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      labels.add(texts.item(i).getTextContent());
    }
    assertThat(labels).containsExactlyInAnyOrder("ci-deploy", KEY, "Ops<Admin>&\"Role\" ");
    assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength()).as("background + 3 boxes").isEqualTo(4);
    assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength()).isEqualTo(2);
    Element canAssume = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(1);
    assertThat(((Element) canAssume.getParentNode()).getAttribute("class")).startsWith("edge edge-");
  }

  @Test
  void boxesSitWhereTheLayoutPutThem() throws Exception {
    List<GraphNode> nodes = List.of(new GraphNode(USER, NodeKind.USER, "ci-deploy", Map.of()));
    GraphLayout.Placed placed = GraphLayout.layout(nodes, List.of());
    Document svg = parse(GraphSvg.write(nodes, placed));
    Element box = (Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(1);
    GraphLayout.Box b = placed.nodes().get(USER);
    assertThat(Double.parseDouble(box.getAttribute("x"))).isCloseTo(b.x(), org.assertj.core.data.Offset.offset(0.06));
    assertThat(Double.parseDouble(box.getAttribute("width"))).isCloseTo(b.width(), org.assertj.core.data.Offset.offset(0.06));
  }
}
