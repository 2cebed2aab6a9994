package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  /** The outcome: an event, or the reason the record cannot be used. */
  record Result(CloudTrailEvent event, String problem) {}

  private EventObjectParser() {}

  static Result parse(JsonParser p, Window w, String rawJson) throws IOException {
    String eventVersion = null, eventId = null, eventTimeText = null, eventSource = null, eventName = null;
    String awsRegion = null, sourceIp = null, userAgent = null, errorCode = null, errorMessage = null;
    String eventType = null, eventCategory = null, recipient = null, sharedEventId = null, vpce = null;
    String reqParams = null, respElements = null, additional = null, tls = null;
    Boolean readOnly = null, managementEvent = null;
    UserIdentity identity = null;
    List<EventResource> resources = List.of();
    String problem = null;

    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      try {
        switch (name) {
          case "eventVersion" -> eventVersion = str(p, v, name);
          case "eventID" -> eventId = str(p, v, name);
          case "eventTime" -> eventTimeText = str(p, v, name);
          case "eventSource" -> eventSource = str(p, v, name);
          case "eventName" -> eventName = str(p, v, name);
          case "awsRegion" -> awsRegion = str(p, v, name);
          case "sourceIPAddress" -> sourceIp = str(p, v, name);
          case "userAgent" -> userAgent = str(p, v, name);
          case "errorCode" -> errorCode = str(p, v, name);
          case "errorMessage" -> errorMessage = lenientStr(p, v);
          case "eventType" -> eventType = str(p, v, name);
          case "eventCategory" -> eventCategory = str(p, v, name);
          case "recipientAccountId" -> recipient = str(p, v, name);
          case "sharedEventID" -> sharedEventId = lenientStr(p, v);
          case "vpcEndpointId" -> vpce = lenientStr(p, v);
          case "readOnly" -> readOnly = bool(p, v, name);
          case "managementEvent" -> managementEvent = bool(p, v, name);
          case "userIdentity" -> identity = userIdentity(p, v);
          case "resources" -> resources = resources(p, v);
          case "requestParameters" -> reqParams = nested(p, v, w);
          case "responseElements" -> respElements = nested(p, v, w);
          case "additionalEventData" -> additional = nested(p, v, w);
          case "tlsDetails" -> tls = nested(p, v, w);
          default -> p.skipChildren();
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
    Instant eventTime = null;
    if (problem == null) {
      if (eventId == null || eventId.isEmpty()) {
        problem = "missing eventID";
      } else if (eventTimeText == null) {
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
            eventId, eventVersion, eventTime, eventSource, eventName, awsRegion, sourceIp, userAgent,
            errorCode, errorMessage, readOnly, eventType, eventCategory, managementEvent, recipient,
            sharedEventId, vpce, identity, resources, reqParams, respElements, additional, tls, rawJson),
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
        if (s.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        if (s.isEmpty()) {
          return null;
        }
        throw new FieldTypeException(name + " must be true or false, found \"" + clip(s) + "\"");
      default:
        throw new FieldTypeException(name + " must be a boolean, found " + describe(v));
    }
  }

  private static String nested(JsonParser p, JsonToken v, Window w) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    long start = p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    long end = p.currentLocation().getByteOffset();
    if (w != null && start >= 0) {
      String s = w.text(start, end);
      if (s != null) {
        return s;
      }
    }
    return v.isScalarValue() ? p.getText() : null;
  }

  private static UserIdentity userIdentity(JsonParser p, JsonToken v) throws IOException, FieldTypeException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.START_OBJECT) {
      throw new FieldTypeException("userIdentity must be an object, found " + describe(v));
    }
    String type = null, principalId = null, arn = null, accountId = null, accessKeyId = null;
    String userName = null, invokedBy = null, identityProvider = null;
    SessionContext sc = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> type = lenientStr(p, t);
        case "principalId" -> principalId = lenientStr(p, t);
        case "arn" -> arn = lenientStr(p, t);
        case "accountId" -> accountId = lenientStr(p, t);
        case "accessKeyId" -> accessKeyId = lenientStr(p, t);
        case "userName" -> userName = lenientStr(p, t);
        case "invokedBy" -> invokedBy = lenientStr(p, t);
        case "identityProvider" -> identityProvider = lenientStr(p, t);
        case "sessionContext" -> sc = sessionContext(p, t);
        default -> p.skipChildren();
      }
    }
    return new UserIdentity(type, principalId, arn, accountId, accessKeyId, userName, invokedBy, identityProvider, sc);
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
    return new SessionContext(issuer, mfa, created, sourceIdentity, webIdProvider, ec2RoleDelivery);
  }

  private static SessionIssuer sessionIssuer(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String type = null, principalId = null, arn = null, accountId = null, userName = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "type" -> type = lenientStr(p, t);
        case "principalId" -> principalId = lenientStr(p, t);
        case "arn" -> arn = lenientStr(p, t);
        case "accountId" -> accountId = lenientStr(p, t);
        case "userName" -> userName = lenientStr(p, t);
        default -> p.skipChildren();
      }
    }
    return new SessionIssuer(type, principalId, arn, accountId, userName);
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
