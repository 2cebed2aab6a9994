package io.github.trailbench.core.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON file parsed into Jackson trees that remember, for each object and array, where it
 * starts (line, column) and the exact text it spans, so that errors name a JSON path and a line,
 * and embedded policy documents are kept exactly as written. Duplicate keys are refused: a
 * policy with two {@code Effect} or {@code Statement} keys means different things to different
 * parsers. So are strings, numbers and nesting far beyond any AWS document (a hostile file must
 * not exhaust memory); each refusal names the line and column.
 */
final class Json {
  /** Longest string value: AWS's largest policy (a 20 KB bucket policy) URL-encoded is under 64 KiB. */
  static final int MAX_STRING_CHARS = 1 << 20;
  /** Deepest nesting: IAM documents nest under 10 levels. */
  static final int MAX_NESTING = 200;
  static final int MAX_NUMBER_DIGITS = 1000;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING_CHARS)
          .maxNestingDepth(MAX_NESTING)
          .maxNumberLength(MAX_NUMBER_DIGITS)
          .build())
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private record Span(int line, int column, int start, int end) {}

  private final String file;
  private final String text;
  private final Map<JsonNode, Span> spans = new IdentityHashMap<>();
  private final List<JsonNode> roots = new ArrayList<>();

  private Json(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Parses every top-level JSON value in the text (pages concatenated one after another). */
  static Json parse(String file, String text) throws SourceFormatException {
    Json json = new Json(file, text);
    JsonParser p = null;
    try {
      p = FACTORY.createParser(text);
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        json.roots.add(json.read(p, t));
      }
    } catch (JsonProcessingException e) {
      // constraint violations (nesting depth, string length) carry no location: use the parser's
      JsonLocation l = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
      String where = l == null ? "" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
      throw new SourceFormatException(new SourceProblem(file, where, reason(e)), e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", "cannot read JSON: " + e.getMessage()), e);
    } finally {
      closeQuietly(p);
    }
    if (json.roots.isEmpty()) {
      throw new SourceFormatException(new SourceProblem(file, "line 1, column 1", "the file holds no JSON value"));
    }
    return json;
  }

  private static String reason(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      if (m.startsWith("String value length")) {
        return "a string value is longer than " + String.format("%,d", MAX_STRING_CHARS) + " characters, far beyond any IAM document";
      }
      if (m.startsWith("Number value length")) {
        return "a number is longer than " + MAX_NUMBER_DIGITS + " digits";
      }
      if (m.contains("nesting depth")) {
        return "objects and arrays nested deeper than " + MAX_NESTING + " levels, far beyond any IAM document";
      }
    }
    if (e instanceof DuplicateKey) {
      return m + ": a later value would silently replace the earlier one";
    }
    return "malformed JSON: " + m;
  }

  private static void closeQuietly(JsonParser p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException ignored) {
        // reading from a String: nothing to release
      }
    }
  }

  private JsonNode read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        JsonLocation start = p.currentTokenLocation();
        ObjectNode o = NODES.objectNode();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation at = p.currentTokenLocation();
          JsonNode value = read(p, p.nextToken());
          if (o.has(name)) {
            throw new DuplicateKey(name, at);
          }
          o.set(name, value);
        }
        spans.put(o, span(start, p.currentTokenLocation()));
        return o;
      }
      case START_ARRAY: {
        JsonLocation start = p.currentTokenLocation();
        ArrayNode a = NODES.arrayNode();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(read(p, t));
        }
        spans.put(a, span(start, p.currentTokenLocation()));
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  private static Span span(JsonLocation start, JsonLocation endToken) {
    return new Span(start.getLineNr(), start.getColumnNr(), (int) start.getCharOffset(), (int) endToken.getCharOffset() + 1);
  }

  /** A duplicate key, reported like any other malformed JSON (with its line and column). */
  private static final class DuplicateKey extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    DuplicateKey(String name, JsonLocation at) {
      super("duplicate key \"" + name + "\" in one object", at);
    }
  }

  String file() {
    return file;
  }

  List<At> roots() {
    List<At> out = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      out.add(new At(roots.get(i), "", roots.size() > 1 ? i + 1 : 0, null));
    }
    return out;
  }

  /** The exact source text of an object or array. */
  String sourceText(JsonNode container) {
    Span s = spans.get(container);
    return s == null ? container.toString() : text.substring(s.start(), s.end());
  }

  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase();
    };
  }

  private static final DateTimeFormatter AWS_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .appendOffset("+HH:MM:ss", "Z")
      .toFormatter();

  /** ISO-8601 with an offset ({@code 2024-03-01T10:00:00+00:00}, {@code ...Z}, or a space instead of T as boto3 prints). */
  static Instant parseTime(String s) throws DateTimeParseException {
    String v = s.trim();
    if (v.endsWith("z")) {
      v = v.substring(0, v.length() - 1) + "Z";
    }
    return OffsetDateTime.parse(v, AWS_TIME).toInstant();
  }

  /** A node with its JSON path; accessors raise SourceFormatExceptions naming file, path and line. */
  final class At {
    final JsonNode node;
    final String path;
    private final int page;
    private final At parent;

    At(JsonNode node, String path, int page, At parent) {
      this.node = node;
      this.path = path;
      this.page = page;
      this.parent = parent;
    }

    Json json() {
      return Json.this;
    }

    boolean exists() {
      return node != null && !node.isMissingNode() && !node.isNull();
    }

    At field(String name) {
      JsonNode child = node == null ? null : node.get(name);
      return new At(child, path.isEmpty() ? name : path + "." + name, page, this);
    }

    /** The first of several alternative field names that is present (else the first name, absent). */
    At fieldAny(String... names) {
      for (String n : names) {
        At a = field(n);
        if (a.exists()) {
          return a;
        }
      }
      return field(names[0]);
    }

    String position() {
      StringBuilder sb = new StringBuilder(path.isEmpty() ? "top level" : path);
      List<String> where = new ArrayList<>();
      if (page > 0) {
        where.add("page " + page);
      }
      for (At a = this; a != null; a = a.parent) {
        Span s = a.node == null ? null : spans.get(a.node);
        if (s != null) {
          where.add((a == this ? "" : "in the object at ") + "line " + s.line() + ", column " + s.column());
          break;
        }
      }
      if (!where.isEmpty()) {
        sb.append(" (").append(String.join(", ", where)).append(')');
      }
      return sb.toString();
    }

    SourceFormatException error(String reason) {
      return new SourceFormatException(new SourceProblem(file, position(), reason));
    }

    SourceFormatException error(String reason, Throwable cause) {
      return new SourceFormatException(new SourceProblem(file, position(), reason), cause);
    }

    At object() throws SourceFormatException {
      if (!exists()) {
        throw error("required object is missing");
      }
      if (!node.isObject()) {
        throw error("expected an object, found " + describe(node));
      }
      return this;
    }

    /** Elements of an array; an absent (or null) field is an empty list. */
    List<At> elements() throws SourceFormatException {
      if (!exists()) {
        return List.of();
      }
      if (!node.isArray()) {
        throw error("expected an array, found " + describe(node));
      }
      List<At> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(new At(node.get(i), path + "[" + i + "]", page, this));
      }
      return out;
    }

    /** Elements of an array that must be present. */
    List<At> requiredElements() throws SourceFormatException {
      if (!exists()) {
        throw error("required array is missing");
      }
      return elements();
    }

    String text() throws SourceFormatException {
      if (!exists()) {
        throw error("required string is missing");
      }
      if (!node.isTextual()) {
        throw error("expected a string, found " + describe(node));
      }
      return node.textValue();
    }

    /** A required non-empty string. */
    String nonEmptyText() throws SourceFormatException {
      String s = text();
      if (s.isEmpty()) {
        throw error("must not be empty");
      }
      return s;
    }

    Optional<String> optText() throws SourceFormatException {
      return exists() ? Optional.of(text()) : Optional.empty();
    }

    Optional<Boolean> optBool() throws SourceFormatException {
      if (!exists()) {
        return Optional.empty();
      }
      if (!node.isBoolean()) {
        throw error("expected true or false, found " + describe(node));
      }
      return Optional.of(node.booleanValue());
    }

    Optional<Integer> optInt() throws SourceFormatException {
      if (!exists()) {
        return Optional.empty();
      }
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw error("expected an integer, found " + describe(node));
      }
      return Optional.of(node.intValue());
    }

    /** A time: ISO-8601 text with an offset, or epoch seconds as a number. */
    Optional<Instant> optTime() throws SourceFormatException {
      if (!exists()) {
        return Optional.empty();
      }
      if (node.isNumber()) {
        return Optional.of(Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue()));
      }
      String s = text();
      try {
        return Optional.of(parseTime(s));
      } catch (DateTimeParseException e) {
        throw error("not an ISO-8601 time with an offset: \"" + s + "\"", e);
      }
    }

    /** {@code [{"Key": k, "Value": v}]} as an ordered map; also accepts a plain {@code {k: v}} object. */
    Map<String, String> tags() throws SourceFormatException {
      Map<String, String> tags = new java.util.LinkedHashMap<>();
      if (exists() && node.isObject()) {
        for (var it = node.fields(); it.hasNext(); ) {
          var e = it.next();
          tags.put(e.getKey(), field(e.getKey()).text());
        }
        return tags;
      }
      for (At tag : elements()) {
        tag.object();
        String key = tag.field("Key").text();
        At value = tag.field("Value");
        tags.put(key, value.exists() ? value.text() : "");
      }
      return tags;
    }
  }
}
