package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.function.Function;

/**
 * The rules that reject one record of a source file while the rest of the file is read: a string
 * longer than a record may be, a number of over 1000 digits, nesting deeper than any CloudTrail
 * record, a key twice in one object (a later value would silently replace the earlier one). The
 * desktop reader applies them while streaming; {@link #violation} applies them to a record
 * already in memory (the slice job's).
 */
public final class RecordGuard {
  /** Deeper than any CloudTrail record nests (requestParameters of the deepest APIs stay under 20). */
  static final int MAX_NESTING = 200;
  static final int MAX_NUMBER_DIGITS = 1000;

  private RecordGuard() {}

  /** A parser factory that enforces the rules on what it reads. */
  static JsonFactory strictJson(InputLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(constraints(limits))
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /**
   * As {@link #strictJson} but without the duplicate-key check: its parsers must be wrapped in a
   * {@link UniqueKeysParser}, which makes that check without a {@code HashSet} per object.
   */
  static JsonFactory strictJsonButKeys(InputLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(constraints(limits))
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }

  private static StreamReadConstraints constraints(InputLimits limits) {
    return StreamReadConstraints.builder()
        .maxStringLength(limits.maxRecordBytes())
        .maxNumberLength(MAX_NUMBER_DIGITS)
        .maxNestingDepth(MAX_NESTING)
        .build();
  }

  /**
   * The rule {@code e} reports, in words, when the input is still well-formed JSON (the record
   * can be passed over); null for a syntax error. {@code where} places a duplicate key.
   */
  static String reason(JsonProcessingException e, InputLimits limits, Function<JsonLocation, String> where) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (m.startsWith("String value length")) {
        return "a string value is longer than the per-record limit of " + limits.maxRecordBytes() + " characters";
      }
      if (m.startsWith("Number value length")) {
        return "a number is longer than " + MAX_NUMBER_DIGITS + " digits";
      }
      if (m.contains("nesting depth")) {
        return "objects and arrays nested deeper than " + MAX_NESTING + " levels";
      }
      return null;
    }
    if (m.startsWith("Duplicate field '")) {
      String name = m.substring("Duplicate field '".length(), m.lastIndexOf('\''));
      JsonLocation at = e.getLocation();
      return "duplicate key \"" + FormatDetector.clip(name) + "\" in one JSON object"
          + (at == null ? "" : " (" + where.apply(at) + ")") + ": a later value would silently replace the earlier one";
    }
    return null;
  }

  /**
   * Why the record at {@code content[start, start + length)} breaks a rule, or null when it keeps
   * them all. The span must be one JSON value (as a lenient parser found it).
   */
  public static String violation(byte[] content, int start, int length, InputLimits limits) {
    if (length > limits.maxRecordBytes()) {
      return "record is " + length + " bytes, over the per-record limit of " + limits.maxRecordBytes() + " bytes";
    }
    try (JsonParser p = strictJson(limits).createParser(content, start, length)) {
      while (p.nextToken() != null) {
        // every token read: the rules are checked as the parser goes
      }
      return null;
    } catch (JsonProcessingException e) {
      String why = reason(e, limits, at -> "byte " + at.getByteOffset() + " of the record");
      return why != null ? why : "not valid JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
  }
}
