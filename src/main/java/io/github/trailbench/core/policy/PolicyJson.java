package io.github.trailbench.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.PolicyDocument;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Edits of a policy document's JSON, each giving a new document read back through
 * {@link PolicyParser}, so what the analyst sees is exactly what the engine evaluates.
 */
final class PolicyJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PolicyJson() {}

  static ObjectNode statement(String effect, String principal, String action, String resource) {
    ObjectNode s = NODES.objectNode();
    s.put("Sid", "WhatIf" + effect);
    s.put("Effect", effect);
    if (principal != null) {
      s.set("Principal", principalValue(principal));
    }
    s.put("Action", action);
    s.put("Resource", resource);
    return s;
  }

  /** The Principal element naming exactly this caller (a session by its session ARN). */
  static JsonNode principalValue(String principal) {
    if (principal.equals("*")) {
      return NODES.textNode("*");
    }
    ObjectNode p = NODES.objectNode();
    if (principal.startsWith("arn:") || principal.matches("\\d{12}")) {
      p.put("AWS", principal);
    } else if (principal.endsWith(".amazonaws.com")) {
      p.put("Service", principal);
    } else {
      p.put("Federated", principal);
    }
    return p;
  }

  /** A new document holding these statements. */
  static PolicyDocument document(String name, List<ObjectNode> statements) {
    ObjectNode doc = NODES.objectNode();
    doc.put("Version", PolicyDocument.VERSION_2012);
    ArrayNode list = doc.putArray("Statement");
    statements.forEach(list::add);
    return parse(doc, name);
  }

  /** The document with one more statement at the end. */
  static PolicyDocument withStatement(PolicyDocument document, String name, ObjectNode statement) {
    ObjectNode doc = tree(document);
    statements(doc).add(statement);
    return parse(doc, name);
  }

  /** The document without the statements at these (0-based) indexes. */
  static PolicyDocument withoutStatements(PolicyDocument document, String name, List<Integer> indexes) {
    ObjectNode doc = tree(document);
    ArrayNode list = statements(doc);
    indexes.stream().sorted((a, b) -> b - a).forEach(i -> list.remove(i));
    return parse(doc, name);
  }

  /** The document with the condition {@code operator: {key: values}} added to these statements. */
  static PolicyDocument withCondition(PolicyDocument document, String name, List<Integer> indexes, String operator,
      String key, List<String> values) {
    ObjectNode doc = tree(document);
    ArrayNode list = statements(doc);
    for (int i : indexes) {
      ObjectNode st = (ObjectNode) list.get(i);
      ObjectNode condition = st.has("Condition") ? (ObjectNode) st.get("Condition") : st.putObject("Condition");
      ObjectNode op = condition.has(operator) ? (ObjectNode) condition.get(operator) : condition.putObject(operator);
      if (values.size() == 1) {
        op.put(key, values.get(0));
      } else {
        ArrayNode v = op.putArray(key);
        values.forEach(v::add);
      }
    }
    return parse(doc, name);
  }

  /** Whether the statement already tests this key (under any operator). */
  static boolean testsKey(PolicyDocument document, int index, String key) {
    JsonNode st = statements(tree(document)).get(index);
    JsonNode condition = st == null ? null : st.get("Condition");
    if (condition == null) {
      return false;
    }
    for (Iterator<JsonNode> ops = condition.elements(); ops.hasNext(); ) {
      for (Iterator<String> keys = ops.next().fieldNames(); keys.hasNext(); ) {
        if (keys.next().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static ObjectNode tree(PolicyDocument document) {
    try {
      JsonNode n = PolicyParser.MAPPER.readTree(document.source() == null ? "{}" : document.source());
      return n instanceof ObjectNode o ? o : NODES.objectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed policy's source is not JSON", e);
    }
  }

  /** The Statement list, turning a single statement object into a one-element list. */
  private static ArrayNode statements(ObjectNode doc) {
    JsonNode s = doc.get("Statement");
    if (s instanceof ArrayNode a) {
      return a;
    }
    ArrayNode a = NODES.arrayNode();
    if (s != null) {
      a.add(s);
    }
    doc.set("Statement", a);
    return a;
  }

  private static PolicyDocument parse(ObjectNode doc, String name) {
    try {
      return PolicyParser.parse(PolicyParser.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc), name);
    } catch (SourceFormatException | JsonProcessingException e) {
      throw new IllegalStateException("an edited policy does not parse: " + e.getMessage(), e);
    }
  }
}
