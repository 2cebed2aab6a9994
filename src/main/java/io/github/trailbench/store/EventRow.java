package io.github.trailbench.store;

import java.time.Instant;
import java.util.List;

/** One event as the timeline and the CLI list it (raw JSON on demand, see EventQueries#rawJson). */
public record EventRow(
    long rowId, String eventId, String accountId, Instant eventTime, String eventSource, String eventName,
    String awsRegion, String principalArn, String accessKeyId, String sessionId, String sourceIp,
    String userAgent, String errorCode, Boolean readOnly, String identityType, String eventType,
    List<String> actions, List<String> resources) {
  public EventRow {
    actions = actions == null ? List.of() : List.copyOf(actions);
    resources = resources == null ? List.of() : List.copyOf(resources);
  }
}
