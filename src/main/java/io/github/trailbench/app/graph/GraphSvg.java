package io.github.trailbench.app.graph;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import java.util.List;
import java.util.Locale;

/**
 * The laid-out graph as a standalone SVG document, drawn from the layout's coordinates with the
 * view's colours (theme.css): boxes with labels, polylines with arrow heads, a legend-free title
 * per element (kind and id) for tooltips in a browser.
 */
public final class GraphSvg {
  private static final double MARGIN = 20;
  /** The height of the caption line above the drawing, when there is one. */
  private static final double CAPTION = 24;

  private GraphSvg() {}

  public static String write(List<GraphNode> nodes, GraphLayout.Placed placed) {
    return write(nodes, placed, "");
  }

  /**
   * The drawing with {@code caption} (what the picture leaves out, see {@link
   * GraphViewModel#leftOutCaption()}) written above it; none when blank.
   */
  public static String write(List<GraphNode> nodes, GraphLayout.Placed placed, String caption) {
    boolean captioned = caption != null && !caption.isBlank();
    double top = captioned ? CAPTION : 0;
    double width = placed.width() + 2 * MARGIN;
    double height = placed.height() + 2 * MARGIN + top;
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(width))
        .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(num(width)).append(' ')
        .append(num(height)).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
        .append("<title>Principal graph</title>\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    if (captioned) {
      svg.append("<text class=\"caption\" x=\"").append(num(MARGIN)).append("\" y=\"").append(num(MARGIN + 8))
          .append("\" fill=\"#9a6700\" font-style=\"italic\">").append(escape(caption)).append("</text>\n");
    }
    svg.append("<g transform=\"translate(").append(num(MARGIN)).append(' ').append(num(MARGIN + top)).append(")\">\n");
    svg.append("<g class=\"edges\">\n");
    for (GraphLayout.Line line : placed.edges()) {
      EdgeKind kind = line.edge().kind();
      String colour = edgeColour(kind);
      svg.append("<g class=\"edge edge-").append(kind.name().toLowerCase(Locale.ROOT)).append("\"><title>")
          .append(escape(line.edge().from() + " " + kind.label() + " " + line.edge().to())).append("</title>");
      svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(edgeWidth(kind)).append('"');
      String dash = edgeDash(kind);
      if (dash != null) {
        svg.append(" stroke-dasharray=\"").append(dash).append('"');
      }
      svg.append(" points=\"");
      double[] p = line.points();
      for (int i = 0; i + 1 < p.length; i += 2) {
        svg.append(i == 0 ? "" : " ").append(num(p[i])).append(',').append(num(p[i + 1]));
      }
      svg.append("\"/>");
      svg.append("<polygon fill=\"").append(colour).append("\" points=\"").append(arrowHead(p)).append("\"/></g>\n");
    }
    svg.append("</g>\n<g class=\"nodes\">\n");
    for (GraphNode n : nodes) {
      GraphLayout.Box b = placed.nodes().get(n.id());
      if (b == null) {
        continue;
      }
      String[] colours = nodeColours(n.kind());
      svg.append("<g class=\"node node-").append(n.kind().name().toLowerCase(Locale.ROOT)).append("\"><title>")
          .append(escape(n.kind().title() + ": " + n.id())).append("</title>")
          .append("<rect x=\"").append(num(b.x())).append("\" y=\"").append(num(b.y())).append("\" width=\"").append(num(b.width()))
          .append("\" height=\"").append(num(b.height())).append("\" rx=\"6\" fill=\"").append(colours[0]).append("\" stroke=\"")
          .append(colours[1]).append("\"/>")
          .append("<text x=\"").append(num(b.centerX())).append("\" y=\"").append(num(b.centerY() + 4))
          .append("\" text-anchor=\"middle\" fill=\"#1f2328\">").append(escape(n.label())).append("</text></g>\n");
    }
    svg.append("</g>\n</g>\n</svg>\n");
    return svg.toString();
  }

  /** Text and attribute values: the five XML specials escaped, characters XML 1.0 forbids dropped. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    return sb.toString();
  }

  private static String arrowHead(double[] p) {
    int n = p.length;
    double x2 = p[n - 2];
    double y2 = p[n - 1];
    double angle = Math.atan2(y2 - p[n - 3], x2 - p[n - 4]);
    double len = 9;
    return num(x2) + "," + num(y2) + " " + num(x2 - len * Math.cos(angle - 0.4)) + "," + num(y2 - len * Math.sin(angle - 0.4)) + " "
        + num(x2 - len * Math.cos(angle + 0.4)) + "," + num(y2 - len * Math.sin(angle + 0.4));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String edgeColour(EdgeKind kind) {
    switch (kind) {
      case CAN_ASSUME:
      case DID_ASSUME:
        return "#8250df";
      case CAN_ESCALATE:
        return "#cf222e";
      default:
        return "#8c959f";
    }
  }

  private static String edgeWidth(EdgeKind kind) {
    switch (kind) {
      case DID_ASSUME:
        return "2.2";
      case CAN_ESCALATE:
        return "2";
      default:
        return "1.3";
    }
  }

  private static String edgeDash(EdgeKind kind) {
    switch (kind) {
      case CAN_ASSUME:
        return "6 4";
      case CAN_ESCALATE:
        return "3 3";
      default:
        return null;
    }
  }

  /** Fill and stroke of a node box. */
  private static String[] nodeColours(NodeKind kind) {
    switch (kind) {
      case USER:
        return new String[] {"#ddf4ff", "#54aeff"};
      case ROLE:
        return new String[] {"#fbefff", "#c297ff"};
      case SESSION:
        return new String[] {"#fff8c5", "#d4a72c"};
      case ACCESS_KEY:
        return new String[] {"#fff1e5", "#fb8f44"};
      case EXTERNAL_ACCOUNT:
      case ANYONE:
        return new String[] {"#ffebe9", "#ff8182"};
      default:
        return new String[] {"#f6f8fa", "#d0d7de"};
    }
  }
}
