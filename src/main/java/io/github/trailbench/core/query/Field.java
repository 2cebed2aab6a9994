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
  /**
   * The IAM Identity Center user an identity-enhanced session acts for ({@code userIdentity.onBehalfOf}):
   * its identity store user ARN, matched anywhere in the text like a principal, so the bare user id finds it.
   */
  ON_BEHALF_OF("onBehalfOf"),
  /** CloudTrail's eventType: AwsApiCall, AwsServiceEvent, AwsConsoleSignIn, AwsCloudTrailInsight, AwsVpceEvent. */
  EVENT_TYPE("eventType"),
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
  TAG("tag"),
  /**
   * How the policy engine's replay of the event compares with what CloudTrail recorded, over the
   * case's IAM data: one of {@link #verdictWords()}.
   */
  VERDICT("verdict");

  /**
   * The values {@code verdict:} takes: the replay verdicts as {@code explain --json} writes them,
   * a space written as a hyphen ({@code not deniable} is {@code not-deniable}).
   */
  public static final java.util.List<String> VERDICT_WORDS =
      java.util.List.of("agrees", "disagrees", "undetermined", "not-deniable", "no-decision");

  private static final Map<String, Field> BY_NAME = new TreeMap<>();

  /**
   * CloudTrail's own names for the fields, accepted as aliases so a filter can be written as
   * the record reads ({@code sourceIPAddress:203.0.113.7}, {@code userIdentity.arn:*ci-deploy*}).
   */
  private static final Map<String, Field> ALIASES = Map.ofEntries(
      Map.entry("sourceIPAddress", IP),
      Map.entry("userIdentity.arn", PRINCIPAL),
      Map.entry("userIdentity.userName", PRINCIPAL),
      Map.entry("userName", PRINCIPAL),
      Map.entry("userIdentity.accessKeyId", ACCESS_KEY),
      Map.entry("accessKeyId", ACCESS_KEY),
      Map.entry("userIdentity.type", IDENTITY_TYPE),
      Map.entry("userIdentity.onBehalfOf", ON_BEHALF_OF),
      Map.entry("userIdentity.onBehalfOf.userId", ON_BEHALF_OF),
      Map.entry("awsRegion", REGION),
      Map.entry("errorCode", ERROR),
      Map.entry("recipientAccountId", ACCOUNT),
      Map.entry("eventTime", TIME),
      Map.entry("resources.ARN", RESOURCE));

  static {
    for (Field f : values()) {
      BY_NAME.put(f.key.toLowerCase(Locale.ROOT), f);
    }
    ALIASES.forEach((alias, f) -> BY_NAME.put(alias.toLowerCase(Locale.ROOT), f));
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
    if (this == VERDICT) {
      return VERDICT_WORDS;
    }
    return java.util.List.of();
  }

  /** Whether autocomplete can offer values seen in the case (every field but time). */
  public boolean hasCaseValues() {
    return this != TIME && this != READ_ONLY && this != VERDICT;
  }

  /**
   * Whether a value without wildcards is looked for inside the field's text rather than as all
   * of it: principals are long ARNs, and an analyst types the part they know
   * ({@code principal:ci-deploy}). Wildcards keep their whole-value meaning.
   */
  public boolean containsByDefault() {
    return this == PRINCIPAL || this == ON_BEHALF_OF;
  }

  /** CloudTrail names accepted for this field ({@code sourceIPAddress} for ip), sorted. */
  public java.util.List<String> aliases() {
    return ALIASES.entrySet().stream().filter(e -> e.getValue() == this).map(Map.Entry::getKey).sorted().toList();
  }

  /** The values {@code verdict:} takes (see {@link #VERDICT_WORDS}). */
  public static java.util.List<String> verdictWords() {
    return VERDICT_WORDS;
  }

  /** The field named {@code name} or one of its CloudTrail aliases (case-insensitive), or null. */
  public static Field byName(String name) {
    return BY_NAME.get(name.toLowerCase(Locale.ROOT));
  }

  /** The names, for messages and autocomplete. */
  public static String names() {
    return String.join(", ", keys());
  }
}
