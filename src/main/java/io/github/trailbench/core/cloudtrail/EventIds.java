package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids for records that carry no {@code eventID} (hand-built exports, some SIEM exports):
 * {@value #DERIVED_PREFIX} followed by the SHA-256 of the record's canonical JSON (object keys
 * sorted at every level, no insignificant whitespace, numbers as written), so the same record
 * gets the same id however it was formatted, and importing it again is a duplicate.
 */
public final class EventIds {
  public static final String DERIVED_PREFIX = "derived:";

  private static final ObjectMapper CANONICAL = new ObjectMapper(CloudTrailReader.JSON)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private EventIds() {}

  /** True for an id Trailbench derived from the record's content. */
  public static boolean isDerived(String eventId) {
    return eventId != null && eventId.startsWith(DERIVED_PREFIX);
  }

  /** The derived id of a record's JSON text, or null when the text is not one JSON value. */
  static String derived(String rawJson) {
    if (rawJson == null) {
      return null;
    }
    byte[] canonical;
    try {
      canonical = CANONICAL.writeValueAsBytes(CANONICAL.readValue(rawJson, Object.class));
    } catch (IOException e) {
      return null;
    }
    try {
      return DERIVED_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
