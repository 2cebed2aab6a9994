package io.github.trailbench.core.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON shapes of findings for the CLI ({@code trailbench findings --format json}: one object
 * per line with {@code rule, title, severity, principals, eventIds, summary}, plus {@code id},
 * {@code status}, {@code eventCount}, {@code firstEvent}, {@code lastEvent}).
 */
public final class FindingsJson {
  private FindingsJson() {}

  /** One finding as a single line of JSON (no trailing newline). */
  public static String line(Finding f) {
    return line(f, false);
  }

  /** As {@link #line(Finding)}; a finding the case keeps but its last run did not raise again has {@code "detected": false}. */
  public static String line(Finding f, boolean noLongerDetected) {
    ObjectNode o = EventView.MAPPER.createObjectNode();
    o.put("id", f.id());
    o.put("rule", f.ruleId());
    if (!f.pack().isEmpty()) {
      o.put("pack", f.pack());
    }
    o.put("title", f.title());
    o.put("severity", f.severity().code());
    o.put("status", f.status().code());
    ArrayNode principals = o.putArray("principals");
    f.principals().forEach(principals::add);
    ArrayNode ids = o.putArray("eventIds");
    f.eventIds().forEach(ids::add);
    o.put("eventCount", f.eventCount());
    o.put("firstEvent", f.firstEventTime() == null ? null : f.firstEventTime().toString());
    o.put("lastEvent", f.lastEventTime() == null ? null : f.lastEventTime().toString());
    o.put("summary", f.summary());
    if (noLongerDetected) {
      o.put("detected", false);
    }
    try {
      return EventView.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
