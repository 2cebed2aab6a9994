package io.github.trailbench.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One CloudTrail record as read from an export, with the fields queries need pulled out.
 * {@code rawJson} is the record exactly as it appeared in the source file; the nested
 * documents (requestParameters, responseElements, additionalEventData, tlsDetails) are
 * kept as their JSON text and parsed on demand by the correlation core.
 */
public record CloudTrailEvent(
    String eventId,
    String eventVersion,
    Instant eventTime,
    String eventSource,
    String eventName,
    String awsRegion,
    String sourceIpAddress,
    String userAgent,
    String errorCode,
    String errorMessage,
    Boolean readOnly,
    String eventType,
    String eventCategory,
    Boolean managementEvent,
    String recipientAccountId,
    String sharedEventId,
    String vpcEndpointId,
    UserIdentity userIdentity,
    List<EventResource> resources,
    String requestParametersJson,
    String responseElementsJson,
    String additionalEventDataJson,
    String tlsDetailsJson,
    String rawJson) {

  public CloudTrailEvent {
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** True when CloudTrail recorded an error code for the call (denied or failed). */
  public boolean failed() {
    return errorCode != null && !errorCode.isEmpty();
  }
}
