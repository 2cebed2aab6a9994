package io.github.trailbench.app.timeline;

import java.time.Instant;
import java.util.List;

/** One row of the event table: the indexed columns of a stored event. */
public record EventRow(
    String eventId,
    String accountId,
    Instant time,
    String eventSource,
    String eventName,
    String region,
    String principal,
    String accessKeyId,
    String sessionId,
    String sourceIp,
    String userAgent,
    String errorCode,
    List<String> actions) {

  public EventRow {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  public boolean failed() {
    return errorCode != null && !errorCode.isEmpty();
  }
}
