package io.github.trailbench.app.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Optional;

/** A policy document pretty-printed, and where each of its statements is in that text. */
public record PolicySource(String text) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Pretty-prints the document; text that is not JSON is shown as it is. */
  public static PolicySource of(String document) {
    try {
      return new PolicySource(JSON.writeValueAsString(JSON.readTree(document)));
    } catch (IOException e) {
      return new PolicySource(document);
    }
  }

  /** Character range {@code [start, end)} of statement {@code index} (0-based), if present. */
  public Optional<Range> statement(int index) {
    if (index < 0) {
      return Optional.empty();
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!"Statement".equals(field)) {
          p.skipChildren();
          continue;
        }
        if (value == JsonToken.START_OBJECT) {
          return index == 0 ? Optional.of(objectRange(p)) : Optional.empty();
        }
        if (value != JsonToken.START_ARRAY) {
          return Optional.empty();
        }
        int i = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          if (i++ == index) {
            return Optional.of(objectRange(p));
          }
          p.skipChildren();
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Range objectRange(JsonParser p) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    p.skipChildren();
    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
    return new Range(start, end);
  }

  public record Range(int start, int end) {}
}
