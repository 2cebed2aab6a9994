package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link CloudTrailEvent}s from CloudTrail record JSON text, as a reader would. */
public final class TestEvents {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestEvents() {}

  /** One record, or a {@code {"Records": [...]}} document / JSON array of records. */
  public static List<CloudTrailEvent> parse(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      List<CloudTrailEvent> out = new ArrayList<>();
      JsonNode records = root.has("Records") ? root.get("Records") : root;
      if (records.isArray()) {
        records.forEach(r -> out.add(event(r)));
      } else {
        out.add(event(records));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CloudTrailEvent one(String json) {
    return parse(json).get(0);
  }

  public static String resource(String path) {
    try (InputStream in = TestEvents.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The record as the importer reads it (the production parser: outcomes CloudTrail logs outside
   * errorCode, derived ids), or as mapped field by field when the parser refuses it (fixtures of
   * partial records).
   */
  public static CloudTrailEvent event(JsonNode r) {
    try {
      return io.github.trailbench.core.cloudtrail.CloudTrailRecords.parse(r.toString(), "test record");
    } catch (io.github.trailbench.core.model.SourceFormatException e) {
      return mapped(r);
    }
  }

  private static CloudTrailEvent mapped(JsonNode r) {
    JsonNode ui = r.get("userIdentity");
    UserIdentity identity = null;
    if (ui != null && ui.isObject()) {
      JsonNode sc = ui.get("sessionContext");
      SessionContext context = null;
      if (sc != null && sc.isObject()) {
        JsonNode si = sc.get("sessionIssuer");
        SessionIssuer issuer = si == null || !si.isObject() || si.isEmpty() ? null
            : new SessionIssuer(text(si, "type"), text(si, "principalId"), text(si, "arn"), text(si, "accountId"),
                text(si, "userName"));
        JsonNode attrs = sc.path("attributes");
        String mfa = text(attrs, "mfaAuthenticated");
        String created = text(attrs, "creationDate");
        context = new SessionContext(issuer, mfa == null ? null : Boolean.valueOf(mfa),
            created == null ? null : Instant.parse(created), text(sc, "sourceIdentity"),
            text(sc.path("webIdFederationData"), "federatedProvider"), text(sc, "ec2RoleDelivery"),
            "true".equalsIgnoreCase(text(sc, "assumedRoot")));
      }
      identity = new UserIdentity(text(ui, "type"), text(ui, "principalId"), text(ui, "arn"), text(ui, "accountId"),
          text(ui, "accessKeyId"), text(ui, "userName"), text(ui, "invokedBy"), text(ui, "identityProvider"), context);
    }
    List<EventResource> resources = new ArrayList<>();
    if (r.get("resources") instanceof ArrayNode arr) {
      arr.forEach(x -> resources.add(new EventResource(text(x, "ARN"), text(x, "accountId"), text(x, "type"))));
    }
    String time = text(r, "eventTime");
    return new CloudTrailEvent(text(r, "eventID"), text(r, "eventVersion"), time == null ? null : Instant.parse(time),
        text(r, "eventSource"), text(r, "eventName"), text(r, "awsRegion"), text(r, "sourceIPAddress"),
        text(r, "userAgent"), text(r, "errorCode"), text(r, "errorMessage"), bool(r, "readOnly"), text(r, "eventType"),
        text(r, "eventCategory"), bool(r, "managementEvent"), text(r, "recipientAccountId"), text(r, "sharedEventID"),
        text(r, "vpcEndpointId"), identity, resources, json(r, "requestParameters"), json(r, "responseElements"),
        json(r, "additionalEventData"), json(r, "tlsDetails"), r.toString());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  private static String json(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.toString();
  }
}
