package io.github.trailbench.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * JSON form of results and traces, as {@code simulate --json} (docs/cli.md):
 * {@code {"decision", "explanation", "dependsOn", "trace"}}, a trace node being
 * {@code {"id","kind","label","outcome","explanation","detail","children"}}.
 */
public final class ResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResultJson() {}

  public static ObjectNode toJson(EvaluationResult r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("decision", r.decision().json());
    o.put("explanation", r.explanation());
    ArrayNode deps = o.putArray("dependsOn");
    r.dependsOn().forEach(deps::add);
    o.set("trace", toJson(r.trace()));
    return o;
  }

  public static ObjectNode toJson(TraceNode n) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", n.id());
    o.put("kind", n.kind().json());
    o.put("label", n.label());
    o.put("outcome", n.outcome().json());
    o.put("explanation", n.explanation());
    ObjectNode d = o.putObject("detail");
    n.detail().forEach((k, v) -> d.set(k, value(v)));
    ArrayNode kids = o.putArray("children");
    for (TraceNode c : n.children()) {
      kids.add(toJson(c));
    }
    return o;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return MAPPER.nullNode();
    }
    if (v instanceof Boolean b) {
      return MAPPER.getNodeFactory().booleanNode(b);
    }
    if (v instanceof Integer i) {
      return MAPPER.getNodeFactory().numberNode(i);
    }
    if (v instanceof List<?> l) {
      ArrayNode a = MAPPER.createArrayNode();
      for (Object x : l) {
        a.add(value(x));
      }
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = MAPPER.createObjectNode();
      m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
      return o;
    }
    return MAPPER.getNodeFactory().textNode(String.valueOf(v));
  }

  /** One line of JSON (no pretty printing). */
  public static String line(EvaluationResult r) {
    try {
      return MAPPER.writeValueAsString(toJson(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
