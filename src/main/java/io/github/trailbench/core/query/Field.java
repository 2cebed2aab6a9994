package io.github.trailbench.core.query;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The fields an event filter can name. */
public enum Field {
  EVENT_NAME("eventName"),
  EVENT_SOURCE("eventSource"),
  PRINCIPAL("principal"),
  ACCESS_KEY("accessKey"),
  SESSION("session"),
  IP("ip"),
  REGION("region"),
  ERROR("error"),
  READ_ONLY("readOnly"),
  ACTION("action"),
  RESOURCE("resource"),
  USER_AGENT("userAgent"),
  IDENTITY_TYPE("identityType"),
  EVENT_ID("eventId"),
  ACCOUNT("account"),
  TIME("time"),
  /** ISO country code of the source IP, from the case's IP enrichment. */
  COUNTRY("country"),
  /** AS number ({@code 16509}, {@code AS16509}) or AS organisation (text, wildcards) of the source IP. */
  ASN("asn"),
  /** {@code true} when the source IP or service name is AWS's, {@code false} when not shown to be. */
  AWS("aws"),
  /** A tag the analyst put on the event ({@code bookmark} for bookmarks). */
  TAG("tag");

  private static final Map<String, Field> BY_NAME = new TreeMap<>();

  static {
    for (Field f : values()) {
      BY_NAME.put(f.key.toLowerCase(Locale.ROOT), f);
    }
  }

  private final String key;

  Field(String key) {
    this.key = key;
  }

  /** The name used in filters, e.g. {@code eventName}. */
  public String key() {
    return key;
  }

  /** The names of all fields in declaration order: the one list messages and autocomplete use. */
  public static java.util.List<String> keys() {
    return java.util.Arrays.stream(values()).map(Field::key).toList();
  }

  /** What follows the name in a filter: {@code >=} for time, {@code :} for the others. */
  public String operator() {
    return this == TIME ? ">=" : ":";
  }

  /**
   * Values the language itself gives this field, offered before values seen in the case:
   * {@code true}/{@code false} for readOnly, {@code none}/{@code *} for error.
   */
  public java.util.List<String> fixedValues() {
    if (this == READ_ONLY) {
      return java.util.List.of("true", "false");
    }
    if (this == ERROR) {
      return java.util.List.of("none", "*");
    }
    return java.util.List.of();
  }

  /** Whether autocomplete can offer values seen in the case (every field but time). */
  public boolean hasCaseValues() {
    return this != TIME && this != READ_ONLY;
  }

  /** The field named {@code name} (case-insensitive), or null. */
  public static Field byName(String name) {
    return BY_NAME.get(name.toLowerCase(Locale.ROOT));
  }

  /** The names, for messages and autocomplete. */
  public static String names() {
    return String.join(", ", keys());
  }
}
