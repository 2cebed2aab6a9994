package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Shared, thread-safe JSON parsing of the nested documents kept as text in the model. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses JSON text; null for null, empty, "null" or malformed input. */
  static JsonNode parse(String json) {
    if (json == null || json.isEmpty() || "null".equals(json)) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      return n == null || n.isNull() || n.isMissingNode() ? null : n;
    } catch (IOException e) {
      return null;
    }
  }
}
