package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML subset Sigma rules are written in: block mappings and sequences by indentation,
 * plain, single- and double-quoted scalars, flow sequences {@code [a, b]}, literal and folded
 * block scalars ({@code |}, {@code >}), comments. No anchors, tags, flow mappings or multiple
 * documents. Scalars stay text ({@code null} and {@code ~} become JSON null), which is how Sigma
 * values are compared anyway.
 */
final class MiniYaml {
  static final class YamlException extends RuntimeException {
    final int line;

    YamlException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private record Line(int number, int indent, String text) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final List<Line> lines = new ArrayList<>();
  private final List<String> raw;
  private int pos;

  private MiniYaml(String text) {
    raw = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    for (int i = 0; i < raw.size(); i++) {
      String l = raw.get(i);
      if (l.indexOf('\t') >= 0 && l.substring(0, indentOf(l.replace('\t', ' '))).indexOf('\t') >= 0) {
        throw new YamlException(i + 1, "tabs are not allowed for indentation");
      }
      String content = stripComment(l);
      if (content.isBlank() || content.trim().equals("---")) {
        continue;
      }
      lines.add(new Line(i + 1, indentOf(content), content.trim()));
    }
  }

  static JsonNode parse(String text) {
    MiniYaml y = new MiniYaml(text);
    if (y.lines.isEmpty()) {
      return F.objectNode();
    }
    JsonNode n = y.block(y.lines.get(0).indent());
    if (y.pos < y.lines.size()) {
      Line l = y.lines.get(y.pos);
      throw new YamlException(l.number(), "unexpected indentation");
    }
    return n;
  }

  private static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static String stripComment(String l) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single && (i == 0 || l.charAt(i - 1) != '\\')) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(l.charAt(i - 1)))) {
        return l.substring(0, i);
      }
    }
    return l;
  }

  private JsonNode block(int indent) {
    Line first = lines.get(pos);
    return first.text().equals("-") || first.text().startsWith("- ") ? sequence(indent) : mapping(indent);
  }

  private ArrayNode sequence(int indent) {
    ArrayNode out = F.arrayNode();
    while (pos < lines.size() && lines.get(pos).indent() == indent
        && (lines.get(pos).text().equals("-") || lines.get(pos).text().startsWith("- "))) {
      Line l = lines.get(pos);
      String rest = l.text().substring(1).trim();
      if (rest.isEmpty()) {
        pos++;
        out.add(nested(indent, l));
      } else if (isMappingEntry(rest)) {
        // "- key: value" starts a mapping whose keys are indented like "key"
        int inner = indent + (l.text().length() - rest.length());
        lines.set(pos, new Line(l.number(), inner, rest));
        out.add(mapping(inner));
      } else {
        pos++;
        out.add(scalar(rest, l, indent));
      }
    }
    return out;
  }

  private ObjectNode mapping(int indent) {
    ObjectNode out = F.objectNode();
    while (pos < lines.size() && lines.get(pos).indent() == indent) {
      Line l = lines.get(pos);
      if (l.text().startsWith("- ")) {
        break;
      }
      int colon = mappingColon(l.text());
      if (colon < 0) {
        throw new YamlException(l.number(), "expected 'key: value'");
      }
      String key = unquote(l.text().substring(0, colon).trim(), l);
      String rest = l.text().substring(colon + 1).trim();
      pos++;
      if (out.has(key)) {
        throw new YamlException(l.number(), "duplicate key '" + key + "'");
      }
      out.set(key, rest.isEmpty() ? nested(indent, l) : scalar(rest, l, indent));
    }
    if (pos < lines.size() && lines.get(pos).indent() > indent) {
      throw new YamlException(lines.get(pos).number(), "unexpected indentation");
    }
    return out;
  }

  /** The value on the lines after {@code owner}: a deeper block, a same-level sequence, or null. */
  private JsonNode nested(int indent, Line owner) {
    if (pos >= lines.size()) {
      return F.nullNode();
    }
    Line next = lines.get(pos);
    if (next.indent() > indent) {
      return block(next.indent());
    }
    if (next.indent() == indent && next.text().startsWith("- ") && !owner.text().startsWith("- ")) {
      return sequence(indent); // "key:\n- a\n- b" (sequence not indented under its key)
    }
    return F.nullNode();
  }

  private static boolean isMappingEntry(String s) {
    return mappingColon(s) > 0 && !s.startsWith("\"") && !s.startsWith("'") && !s.startsWith("[");
  }

  /** Index of the ':' ending a key (followed by space or end), outside quotes; -1 if none. */
  private static int mappingColon(String s) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == ':' && !single && !dbl && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private JsonNode scalar(String s, Line l, int indent) {
    if (s.equals("|") || s.equals(">") || s.matches("[|>][-+]?")) {
      return F.textNode(blockScalar(s.charAt(0) == '|', indent));
    }
    if (s.startsWith("[")) {
      if (!s.endsWith("]")) {
        throw new YamlException(l.number(), "flow sequences must be on one line");
      }
      ArrayNode a = F.arrayNode();
      String inner = s.substring(1, s.length() - 1).trim();
      if (!inner.isEmpty()) {
        for (String item : splitFlow(inner, l)) {
          a.add(scalar(item.trim(), l, indent));
        }
      }
      return a;
    }
    if (s.startsWith("{")) {
      throw new YamlException(l.number(), "flow mappings are not supported");
    }
    if (s.equals("null") || s.equals("~")) {
      return F.nullNode();
    }
    return F.textNode(unquote(s, l));
  }

  private String blockScalar(boolean literal, int indent) {
    StringBuilder sb = new StringBuilder();
    int blockIndent = -1;
    while (pos < lines.size() && lines.get(pos).indent() > indent) {
      Line l = lines.get(pos++);
      String full = raw.get(l.number() - 1);
      if (blockIndent < 0) {
        blockIndent = l.indent();
      }
      String text = full.length() > blockIndent ? full.substring(Math.min(blockIndent, indentOf(full))) : full.trim();
      if (sb.length() > 0) {
        sb.append(literal ? '\n' : ' ');
      }
      sb.append(literal ? text : text.trim());
    }
    return sb.toString();
  }

  private static List<String> splitFlow(String s, Line l) {
    List<String> out = new ArrayList<>();
    boolean single = false;
    boolean dbl = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == ',' && !single && !dbl) {
        out.add(s.substring(start, i));
        start = i + 1;
      } else if ((c == '[' || c == '{') && !single && !dbl) {
        throw new YamlException(l.number(), "nested flow collections are not supported");
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static String unquote(String s, Line l) {
    if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      String body = s.substring(1, s.length() - 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) {
          char e = body.charAt(++i);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            default -> sb.append('\\').append(e);
          }
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    if (s.startsWith("'") || s.startsWith("\"")) {
      throw new YamlException(l.number(), "unterminated quoted string");
    }
    return s;
  }
}
