package io.github.trailbench.core.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding as one JSON document and back, losslessly: how a case stores findings. Evidence
 * items carry a {@code type} ({@code event, principal, accessKey, session, reference}). Reading
 * rejects a document that is not a finding with an {@link IllegalArgumentException} naming
 * the field.
 */
public final class FindingCodec {
  private FindingCodec() {}

  public static String write(Finding f) {
    ObjectNode o = EventView.MAPPER.createObjectNode();
    o.put("id", f.id());
    o.put("ruleId", f.ruleId());
    o.put("title", f.title());
    o.put("severity", f.severity().code());
    o.put("status", f.status().code());
    o.put("summary", f.summary());
    o.put("description", f.description());
    o.put("notes", f.notes());
    o.put("eventCount", f.eventCount());
    putTime(o, "firstEventTime", f.firstEventTime());
    putTime(o, "lastEventTime", f.lastEventTime());
    putTime(o, "createdAt", f.createdAt());
    ArrayNode refs = o.putArray("references");
    f.references().forEach(refs::add);
    if (!f.pack().isEmpty()) {
      o.put("pack", f.pack());
    }
    ArrayNode ev = o.putArray("evidence");
    for (Evidence e : f.evidence()) {
      ev.add(evidence(e));
    }
    try {
      return EventView.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode evidence(Evidence e) {
    ObjectNode o = EventView.MAPPER.createObjectNode();
    if (e instanceof Evidence.Event v) {
      o.put("type", "event");
      o.put("eventId", v.eventId());
      o.put("accountId", v.accountId());
      putTime(o, "time", v.time());
      o.put("eventSource", v.eventSource());
      o.put("eventName", v.eventName());
      o.put("region", v.region());
      o.put("principal", v.principal());
      o.put("accessKeyId", v.accessKeyId());
      o.put("sourceIp", v.sourceIp());
      o.put("userAgent", v.userAgent());
      o.put("outcome", v.outcome());
      if (v.resource() != null) {
        o.put("resource", v.resource());
      }
    } else if (e instanceof Evidence.Principal p) {
      o.put("type", "principal");
      o.put("arn", p.arn());
    } else if (e instanceof Evidence.AccessKey k) {
      o.put("type", "accessKey");
      o.put("accessKeyId", k.accessKeyId());
    } else if (e instanceof Evidence.Session s) {
      o.put("type", "session");
      o.put("sessionId", s.sessionId());
      o.put("label", s.label());
    } else if (e instanceof Evidence.Reference r) {
      o.put("type", "reference");
      o.put("kind", r.kind().name());
      o.put("id", r.id());
      o.put("label", r.label());
    }
    return o;
  }

  private static void putTime(ObjectNode o, String name, Instant t) {
    if (t == null) {
      o.putNull(name);
    } else {
      o.put(name, t.toString());
    }
  }

  public static Finding read(String json) {
    JsonNode o;
    try {
      o = EventView.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a finding must be a JSON object");
    }
    List<Evidence> evidence = new ArrayList<>();
    JsonNode ev = o.path("evidence");
    for (int i = 0; i < ev.size(); i++) {
      evidence.add(evidence(ev.get(i), "evidence[" + i + "]"));
    }
    List<String> refs = new ArrayList<>();
    o.path("references").forEach(r -> refs.add(r.asText()));
    return new Finding(required(o, "id"), required(o, "ruleId"), text(o, "title"),
        Severity.parse(required(o, "severity")), FindingStatus.parse(required(o, "status")),
        text(o, "summary"), text(o, "description"), text(o, "notes"), evidence,
        o.path("eventCount").asLong(0), time(o, "firstEventTime"), time(o, "lastEventTime"),
        time(o, "createdAt"), refs, text(o, "pack"));
  }

  private static Evidence evidence(JsonNode o, String where) {
    String type = o.path("type").asText("");
    switch (type) {
      case "event":
        return new Evidence.Event(required(o, "eventId", where), text(o, "accountId"), time(o, "time"),
            text(o, "eventSource"), text(o, "eventName"), text(o, "region"), text(o, "principal"),
            text(o, "accessKeyId"), text(o, "sourceIp"), text(o, "userAgent"), text(o, "outcome"),
            text(o, "resource"));
      case "principal":
        return new Evidence.Principal(required(o, "arn", where));
      case "accessKey":
        return new Evidence.AccessKey(required(o, "accessKeyId", where));
      case "session":
        return new Evidence.Session(required(o, "sessionId", where), text(o, "label"));
      case "reference":
        Evidence.ReferenceKind kind;
        try {
          kind = Evidence.ReferenceKind.valueOf(required(o, "kind", where));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ".kind: unknown reference kind '" + o.path("kind").asText() + "'");
        }
        return new Evidence.Reference(kind, required(o, "id", where), text(o, "label"));
      default:
        throw new IllegalArgumentException(where + ".type: unknown evidence type '" + type + "'");
    }
  }

  private static String required(JsonNode o, String name) {
    return required(o, name, "finding");
  }

  private static String required(JsonNode o, String name, String where) {
    JsonNode n = o.get(name);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(where + "." + name + ": missing or not a string");
    }
    return n.asText();
  }

  private static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Instant time(JsonNode o, String name) {
    String t = text(o, name);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": not an ISO-8601 instant: '" + t + "'");
    }
  }
}
