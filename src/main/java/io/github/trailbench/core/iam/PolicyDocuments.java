package io.github.trailbench.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.PolicyDocument;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a policy document written in any of the three ways AWS tools print them: a JSON object
 * (AWS CLI), a string holding JSON ({@code get-bucket-policy}, SDK dumps), or a string holding
 * RFC 3986 URL-encoded JSON (raw IAM API). Checks lightly: a JSON object whose {@code Statement}
 * is an object or an array.
 */
final class PolicyDocuments {
  private PolicyDocuments() {}

  static PolicyDocument read(Json.At at) throws SourceFormatException {
    if (!at.exists()) {
      throw at.error("required policy document is missing");
    }
    JsonNode n = at.node;
    if (n.isObject()) {
      check(at, n, "");
      return new PolicyDocument(at.json().sourceText(n), PolicyDocument.Encoding.OBJECT);
    }
    if (!n.isTextual()) {
      throw at.error("expected a policy document (a JSON object, or a string holding JSON), found " + Json.describe(n));
    }
    String s = n.textValue();
    String trimmed = s.strip();
    PolicyDocument.Encoding encoding;
    String json;
    if (trimmed.startsWith("{")) {
      encoding = PolicyDocument.Encoding.JSON_STRING;
      json = s;
    } else if (trimmed.regionMatches(true, 0, "%7B", 0, 3)) {
      encoding = PolicyDocument.Encoding.URL_ENCODED;
      json = percentDecode(at, trimmed);
    } else if (trimmed.isEmpty()) {
      throw at.error("the policy document is an empty string");
    } else {
      throw at.error("expected a policy document: a JSON object, a string holding JSON or URL-encoded JSON; found a string starting "
          + quote(trimmed.substring(0, Math.min(20, trimmed.length()))));
    }
    Json inner;
    try {
      inner = Json.parse(at.json().file(), json);
    } catch (SourceFormatException e) {
      throw at.error("the policy document string is not valid JSON (" + e.problem().position()
          + " inside the " + (encoding == PolicyDocument.Encoding.URL_ENCODED ? "decoded " : "") + "string): "
          + e.problem().reason(), e);
    }
    if (inner.roots().size() != 1) {
      throw at.error("the policy document string holds " + inner.roots().size() + " JSON values, not one");
    }
    check(at, inner.roots().get(0).node, " (in the string)");
    return new PolicyDocument(json, encoding);
  }

  private static void check(Json.At at, JsonNode doc, String where) throws SourceFormatException {
    if (!doc.isObject()) {
      throw at.error("the policy document" + where + " is " + Json.describe(doc) + ", not a JSON object");
    }
    JsonNode statement = doc.get("Statement");
    if (statement == null || statement.isNull()) {
      throw at.error("the policy document" + where + " has no Statement");
    }
    if (!statement.isObject() && !statement.isArray()) {
      throw at.error("the policy document's Statement" + where + " is " + Json.describe(statement)
          + "; expected an object or an array");
    }
    // IAM accepts only valid policies, so one the policy grammar refuses was damaged or edited after export
    try {
      io.github.trailbench.core.policy.PolicyParser.parse(doc, at.json().file(), "");
    } catch (SourceFormatException e) {
      throw at.error("the policy document" + where + " is not a valid IAM policy, at " + e.problem().position() + ": "
          + e.problem().reason(), e);
    }
  }

  /** RFC 3986 percent-decoding; '+' stays '+' (IAM encodes spaces as %20). */
  private static String percentDecode(Json.At at, String s) throws SourceFormatException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw at.error("bad URL encoding in the policy document at character " + (i + 1) + ": "
              + quote(s.substring(i, Math.min(s.length(), i + 3))));
        }
        bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw at.error("the URL-encoded policy document does not decode to UTF-8 text", e);
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '"' -> sb.append("\\\"");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
