package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.InScopeOf;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams one CloudTrail event object into a {@link CloudTrailEvent}. The parser must stand on
 * the object's START_OBJECT; on return it stands on the matching END_OBJECT, whether the record
 * was usable or not, so that the caller can go on with the next one.
 */
final class EventObjectParser {
  /** Source text by absolute byte offsets, or null when no longer available. */
  interface Window {
    String text(long start, long end);
  }

  /**
   * The outcome: an event, or the reason the record cannot be used. An event read from a record
   * without an {@code eventID} has a null id until {@link #withDerivedId} gives it one.
   */
  record Result(CloudTrailEvent event, String problem) {
    boolean needsDerivedId() {
      return event != null && event.eventId() == null;
    }

    /** This result with the derived id of {@code rawJson}, the record's source text, when it has no eventID. */
    Result withDerivedId(String rawJson) {
      if (!needsDerivedId()) {
        return this;
      }
      String id = EventIds.derived(rawJson);
      return id == null ? new Result(null, "missing eventID, and no id can be derived from the record's text")
          : new Result(CloudTrailReader.withId(event, id), null);
    }
  }

  private EventObjectParser() {}

  /** How a top-level field is read; one call site per way keeps the hot loop small to compile. */
  enum Read {
    TEXT,
    LENIENT_TEXT,
    BOOL,
    NESTED,
    /** Nested text no reader of the import uses: read only when asked for. */
    DETAIL,
    IDENTITY,
    RESOURCES
  }

  /** The top-level fields read, each with its slot among the values of its kind. */
  enum Field {
    EVENT_VERSION("eventVersion", Read.TEXT),
    EVENT_ID("eventID", Read.TEXT),
    EVENT_TIME("eventTime", Read.TEXT),
    EVENT_SOURCE("eventSource", Read.TEXT),
    EVENT_NAME("eventName", Read.TEXT),
    AWS_REGION("awsRegion", Read.TEXT),
    SOURCE_IP("sourceIPAddress", Read.TEXT),
    USER_AGENT("userAgent", Read.TEXT),
    ERROR_CODE("errorCode", Read.TEXT),
    EVENT_TYPE("eventType", Read.TEXT),
    EVENT_CATEGORY("eventCategory", Read.TEXT),
    RECIPIENT("recipientAccountId", Read.TEXT),
    ERROR_MESSAGE("errorMessage", Read.LENIENT_TEXT),
    SHARED_EVENT_ID("sharedEventID", Read.LENIENT_TEXT),
    VPC_ENDPOINT("vpcEndpointId", Read.LENIENT_TEXT),
    READ_ONLY("readOnly", Read.BOOL),
    MANAGEMENT_EVENT("managementEvent", Read.BOOL),
    REQUEST_PARAMETERS("requestParameters", Read.NESTED),
    RESPONSE_ELEMENTS("responseElements", Read.NESTED),
    // read at import: a console role switch names its role here (additionalEventData.SwitchTo), a resource fact
    ADDITIONAL_EVENT_DATA("additionalEventData", Read.NESTED),
    // an Insights event names the service and call it is about here, not at the top level
    INSIGHT_DETAILS("insightDetails", Read.NESTED),
    // an Identity Center sign-in step says here whether it failed (CredentialVerification: Failure)
    SERVICE_EVENT_DETAILS("serviceEventDetails", Read.NESTED),
    TLS_DETAILS("tlsDetails", Read.DETAIL),
    USER_IDENTITY("userIdentity", Read.IDENTITY),
    RESOURCES("resources", Read.RESOURCES);

    final String json;
    final Read read;

    Field(String json, Read read) {
      this.json = json;
      this.read = read;
    }

    static final Map<String, Field> BY_NAME = new HashMap<>();
    /** values().length without the copy values() makes: parse() sizes two arrays per event by it. */
    static final int COUNT = values().length;

    static {
      for (Field f : values()) {
        BY_NAME.put(f.json, f);
      }
    }
  }

  /** Reads a {@code userIdentity} object value, the parser standing on its START_OBJECT. */
  interface Identities {
    UserIdentity read(JsonParser p) throws IOException, FieldTypeException;
  }

  static Result parse(JsonParser p, Window w, String rawJson) throws IOException {
    return parse(p, w, rawJson, null, true);
  }

  /**
   * With {@code identities} non-null, a userIdentity object is read through it (see {@link
   * SeenIdentities}); with {@code details} false, the event has no tlsDetails text (the raw
   * record still holds it).
   */
  static Result parse(JsonParser p, Window w, String rawJson, Identities identities, boolean details) throws IOException {
    // text, lenient text and nested fields share one array (by Field ordinal); so do the booleans
    String[] text = new String[Field.COUNT];
    Boolean[] bools = new Boolean[Field.COUNT];
    UserIdentity identity = null;
    List<EventResource> resources = List.of();
    String problem = null;

    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Field f = Field.BY_NAME.get(name);
      if (f == null) {
        p.skipChildren();
        continue;
      }
      try {
        switch (f.read) {
          case TEXT -> text[f.ordinal()] = str(p, v, name);
          case LENIENT_TEXT -> text[f.ordinal()] = lenientStr(p, v);
          case BOOL -> bools[f.ordinal()] = bool(p, v, name);
          case NESTED -> text[f.ordinal()] = nested(p, v, w);
          case DETAIL -> text[f.ordinal()] = details ? nested(p, v, w) : passedOver(p);
          case IDENTITY -> identity = identities != null && v == JsonToken.START_OBJECT ? identities.read(p) : userIdentity(p, v);
          case RESOURCES -> resources = resources(p, v);
          default -> throw new IllegalStateException(f.toString());
        }
      } catch (FieldTypeException e) {
        if (problem == null) {
          problem = e.getMessage();
        }
        p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected token " + t);
    }
    return build(text, bools, identity, resources, problem, rawJson);
  }

  /**
   * The event of a record's top-level values as read ({@code text} and {@code bools} indexed by
   * {@link Field} ordinal), or the reason it cannot be used; {@code problem} is the first field
   * of the wrong type, if any. Every reader of records ends here, so they all judge alike.
   */
  static Result build(String[] text, Boolean[] bools, UserIdentity identity, List<EventResource> resources,
      String problem, String rawJson) {
    String eventId = text[Field.EVENT_ID.ordinal()];
    String eventTimeText = text[Field.EVENT_TIME.ordinal()];
    String eventSource = text[Field.EVENT_SOURCE.ordinal()];
    String eventName = text[Field.EVENT_NAME.ordinal()];
    String insight = text[Field.INSIGHT_DETAILS.ordinal()];
    if (eventSource == null && eventName == null && insight != null && "AwsCloudTrailInsight".equals(text[Field.EVENT_TYPE.ordinal()])) {
      com.fasterxml.jackson.databind.JsonNode insightTree = LoggedOutcomes.insightDetails(insight);
      eventSource = LoggedOutcomes.insightField(insightTree, "eventSource");
      String about = LoggedOutcomes.insightField(insightTree, "eventName");
      // not a call: named as what it is, so that no one takes it for the call it counts
      eventName = about == null ? null : "Insight: " + about;
    }
    String errorCode = text[Field.ERROR_CODE.ordinal()];
    if (errorCode == null && "signin.amazonaws.com".equals(eventSource)) {
      errorCode = LoggedOutcomes.signInFailure(text[Field.RESPONSE_ELEMENTS.ordinal()], text[Field.ERROR_MESSAGE.ordinal()]);
      if (errorCode == null) {
        errorCode = LoggedOutcomes.signInFailure(text[Field.SERVICE_EVENT_DETAILS.ordinal()], text[Field.ERROR_MESSAGE.ordinal()]);
      }
    }
    if (errorCode == null) {
      errorCode = LoggedOutcomes.batchFailure(eventSource, eventName, text[Field.REQUEST_PARAMETERS.ordinal()],
          text[Field.RESPONSE_ELEMENTS.ordinal()]);
    }
    Instant eventTime = null;
    if (problem == null) {
      if (eventTimeText == null) {
        problem = "missing eventTime";
      } else if ((eventTime = Times.parse(eventTimeText)) == null) {
        problem = "eventTime is not a date-time: \"" + clip(eventTimeText) + "\"";
      } else if (eventSource == null || eventName == null) {
        problem = "missing " + (eventSource == null ? "eventSource" : "eventName");
      }
    }
    if (problem != null) {
      return new Result(null, problem);
    }
    return new Result(
        new CloudTrailEvent(
            eventId == null || eventId.isEmpty() ? null : eventId, text[Field.EVENT_VERSION.ordinal()], eventTime, eventSource, eventName,
            text[Field.AWS_REGION.ordinal()], text[Field.SOURCE_IP.ordinal()], text[Field.USER_AGENT.ordinal()],
            errorCode, text[Field.ERROR_MESSAGE.ordinal()], bools[Field.READ_ONLY.ordinal()],
            text[Field.EVENT_TYPE.ordinal()], text[Field.EVENT_CATEGORY.ordinal()], bools[Field.MANAGEMENT_EVENT.ordinal()],
            text[Field.RECIPIENT.ordinal()], text[Field.SHARED_EVENT_ID.ordinal()], text[Field.VPC_ENDPOINT.ordinal()],
            identity, resources, text[Field.REQUEST_PARAMETERS.ordinal()], text[Field.RESPONSE_ELEMENTS.ordinal()],
            text[Field.ADDITIONAL_EVENT_DATA.ordinal()], text[Field.TLS_DETAILS.ordinal()], rawJson),
        null);
  }

  static final class FieldTypeException extends Exception {
    private static final long serialVersionUID = 1L;

    FieldTypeException(String message) {
      super(message, null, false, false);
    }
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  private static String str(JsonParser p, JsonToken v, String name) throws IOException, FieldTypeException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new FieldTypeException(name + " must be a string, found " + describe(v));
  }

  private static String lenientStr(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v.isScalarValue()) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static Boolean bool(JsonParser p, JsonToken v, String name) throws IOException, FieldTypeException {
    switch (v) {
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        String s = p.getText();
        if (!isBooleanText(s)) {
          throw new FieldTypeException(name + " must be true or false, found \"" + clip(s) + "\"");
        }
        return booleanOfText(s);
      default:
        throw new FieldTypeException(name + " must be a boolean, found " + describe(v));
    }
  }

  /** Whether a boolean field's string value is one the readers take: true or false in any case, or empty (no value). */
  static boolean isBooleanText(String s) {
    return s.isEmpty() || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
  }

  /** The value of a string {@link #isBooleanText} accepts: null for the empty string. */
  static Boolean booleanOfText(String s) {
    return s.isEmpty() ? null : Boolean.valueOf(s.equalsIgnoreCase("true"));
  }

  private static String passedOver(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String nested(JsonParser p, JsonToken v, Window w) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    long start = p.currentTokenLocation().getByteOffset();
    if (v.isScalarValue()) {
      // Jackson reads a string's text lazily: without this the location is just past its opening quote
      p.finishToken();
    } else {
      p.skipChildren();
    }
    long end = p.currentLocation().getByteOffset();
    if (w != null && start >= 0) {
      String s = w.text(start, end);
      if (s != null) {
        return s;
      }
    }
    return v.isScalarValue() ? p.getText() : null;
  }

  static UserIdentity userIdentity(JsonParser p, JsonToken v) throws IOException, FieldTypeException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.START_OBJECT) {
      throw new FieldTypeException("userIdentity must be an object, found " + describe(v));
    }
    String[] values = new String[IDENTITY_FIELDS.size()];
    SessionContext sc = null;
    String onBehalfOf = null;
    InScopeOf inScopeOf = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      Integer slot = IDENTITY_FIELDS.get(name);
      if (slot != null) {
        values[slot] = lenientStr(p, t);
      } else if (name.equals("sessionContext")) {
        sc = sessionContext(p, t);
      } else if (name.equals("onBehalfOf") && t == JsonToken.START_OBJECT) {
        onBehalfOf = onBehalfOfUser(p);
      } else if (name.equals("inScopeOf") && t == JsonToken.START_OBJECT) {
        inScopeOf = inScopeOf(p);
      } else {
        p.skipChildren();
      }
    }
    return identity(values, sc, onBehalfOf, inScopeOf);
  }

  /** An {@code inScopeOf} object's issuer type and resource, the parser on its START_OBJECT; null when it names neither. */
  private static InScopeOf inScopeOf(JsonParser p) throws IOException {
    String issuerType = null;
    String issuedTo = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("issuerType") && t == JsonToken.VALUE_STRING) {
        issuerType = p.getText();
      } else if (name.equals("credentialsIssuedTo") && t == JsonToken.VALUE_STRING) {
        issuedTo = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return inScopeOf(issuerType, issuedTo);
  }

  /** The {@link InScopeOf} of the values read, null when both are blank. */
  static InScopeOf inScopeOf(String issuerType, String credentialsIssuedTo) {
    String type = issuerType == null || issuerType.isBlank() ? null : issuerType;
    String to = credentialsIssuedTo == null || credentialsIssuedTo.isBlank() ? null : credentialsIssuedTo;
    return type == null && to == null ? null : new InScopeOf(type, to);
  }

  /** A userIdentity of its text fields as read ({@link #IDENTITY_FIELDS} order), session context and onBehalfOf user. */
  static UserIdentity identity(String[] values, SessionContext sc, String onBehalfOf) {
    return identity(values, sc, onBehalfOf, null);
  }

  /** As {@link #identity(String[], SessionContext, String)}, with the service resource it is in scope of. */
  static UserIdentity identity(String[] values, SessionContext sc, String onBehalfOf, InScopeOf inScopeOf) {
    // an IAM Identity Center user has no ARN in the log: the identity store user it acts for stands in
    if (values[2] == null && onBehalfOf != null && onBehalfOf.startsWith("arn:") && "IdentityCenterUser".equals(values[0])) {
      values[2] = onBehalfOf;
    }
    return new UserIdentity(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], sc,
        onBehalfOf, inScopeOf);
  }

  /** {@link #onBehalfOfUser} of an {@code onBehalfOf} object, the parser on its START_OBJECT. */
  private static String onBehalfOfUser(JsonParser p) throws IOException {
    String userId = null;
    String store = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("userId") && t == JsonToken.VALUE_STRING) {
        userId = p.getText();
      } else if (name.equals("identityStoreArn") && t == JsonToken.VALUE_STRING) {
        store = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return onBehalfOfUser(userId, store);
  }

  /**
   * The user an {@code onBehalfOf} names: its identity store user's ARN ({@link #identityStoreUser}),
   * the bare {@code userId} when the store is not named, null without a user id.
   */
  static String onBehalfOfUser(String userId, String store) {
    String arn = identityStoreUser(userId, store);
    return arn != null ? arn : userId == null || userId.isBlank() ? null : userId;
  }

  /** The identity store user's ARN of an {@code onBehalfOf}'s {@code userId} and {@code identityStoreArn}, or null. */
  static String identityStoreUser(String userId, String store) {
    String[] parts = store == null ? new String[0] : store.split(":", 6);
    return userId == null || userId.isBlank() || parts.length < 5 || !parts[0].equals("arn") ? null
        : "arn:" + parts[1] + ":identitystore::" + parts[4] + ":user/" + userId;
  }

  /** userIdentity's text fields, in UserIdentity's order. */
  static final Map<String, Integer> IDENTITY_FIELDS = slots(
      "type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy", "identityProvider");

  /** sessionIssuer's text fields, in SessionIssuer's order. */
  static final Map<String, Integer> ISSUER_FIELDS = slots("type", "principalId", "arn", "accountId", "userName");

  private static Map<String, Integer> slots(String... names) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], i);
    }
    return Map.copyOf(m);
  }

  private static SessionContext sessionContext(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    SessionIssuer issuer = null;
    Boolean mfa = null;
    Instant created = null;
    String sourceIdentity = null, webIdProvider = null, ec2RoleDelivery = null;
    boolean assumedRoot = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "sessionIssuer" -> issuer = sessionIssuer(p, t);
        case "attributes" -> {
          if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String a = p.currentName();
              JsonToken at = p.nextToken();
              if (a.equals("mfaAuthenticated")) {
                String s = lenientStr(p, at);
                mfa = s == null ? null : Boolean.valueOf(s.equalsIgnoreCase("true"));
              } else if (a.equals("creationDate")) {
                String s = lenientStr(p, at);
                created = s == null ? null : Times.parse(s);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "sourceIdentity" -> sourceIdentity = lenientStr(p, t);
        case "ec2RoleDelivery" -> ec2RoleDelivery = lenientStr(p, t);
        case "assumedRoot" -> assumedRoot = "true".equalsIgnoreCase(lenientStr(p, t));
        case "webIdFederationData" -> {
          if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String a = p.currentName();
              JsonToken at = p.nextToken();
              if (a.equals("federatedProvider")) {
                webIdProvider = lenientStr(p, at);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new SessionContext(issuer, mfa, created, sourceIdentity, webIdProvider, ec2RoleDelivery, assumedRoot);
  }

  private static SessionIssuer sessionIssuer(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String[] values = new String[ISSUER_FIELDS.size()];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      Integer slot = ISSUER_FIELDS.get(name);
      if (slot != null) {
        values[slot] = lenientStr(p, t);
      } else {
        p.skipChildren();
      }
    }
    return new SessionIssuer(values[0], values[1], values[2], values[3], values[4]);
  }

  private static List<EventResource> resources(JsonParser p, JsonToken v) throws IOException, FieldTypeException {
    if (v == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (v != JsonToken.START_ARRAY) {
      throw new FieldTypeException("resources must be an array, found " + describe(v));
    }
    List<EventResource> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String arn = null, accountId = null, type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken ft = p.nextToken();
        switch (name) {
          case "ARN", "arn" -> arn = lenientStr(p, ft);
          case "accountId" -> accountId = lenientStr(p, ft);
          case "type" -> type = lenientStr(p, ft);
          default -> p.skipChildren();
        }
      }
      out.add(new EventResource(arn, accountId, type));
    }
    return out;
  }
}
