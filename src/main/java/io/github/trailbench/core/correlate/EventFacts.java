package io.github.trailbench.core.correlate;

import java.util.List;

/**
 * What the correlation core derives from a single event at import time, stored beside
 * it so the timeline can filter without re-deriving.
 *
 * @param principalArn canonical principal (user ARN, assumed-role session ARN, root ARN,
 *     service name for AWSService) or null when the log does not say
 * @param sessionId the credential session the call was made in, or null
 * @param actions IAM actions the call was authorized as; empty when it needs none
 * @param resourceArns resource ARNs the call touched, as far as the log tells
 */
public record EventFacts(
    String principalArn, String sessionId, List<String> actions, List<String> resourceArns) {

  public EventFacts {
    actions = actions == null ? List.of() : List.copyOf(actions);
    resourceArns = resourceArns == null ? List.of() : List.copyOf(resourceArns);
  }
}
