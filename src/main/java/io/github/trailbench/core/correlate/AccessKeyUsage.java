package io.github.trailbench.core.correlate;

import java.time.Instant;
import java.util.Set;

/**
 * How one access key was used in a stream of events.
 *
 * @param accessKeyId the key
 * @param kind AKIA (long-term, owned by a user) or ASIA (temporary, owned by a session)
 * @param ownerArn the canonical principal seen using the key (a user ARN for AKIA, a session ARN
 *     for ASIA); the first one seen
 * @param accountId account of the owner
 * @param firstSeen earliest eventTime
 * @param lastSeen latest eventTime
 * @param eventCount events signed with the key
 * @param errorCount of which failed (errorCode set)
 * @param sourceIps source IP addresses or service names, at most {@link AccessKeyActivity#MAX_VALUES}
 * @param userAgents user agents, at most {@link AccessKeyActivity#MAX_VALUES}
 * @param regions regions called
 * @param truncated true when a value set hit its bound
 */
public record AccessKeyUsage(
    String accessKeyId,
    KeyKind kind,
    String ownerArn,
    String accountId,
    Instant firstSeen,
    Instant lastSeen,
    long eventCount,
    long errorCount,
    Set<String> sourceIps,
    Set<String> userAgents,
    Set<String> regions,
    boolean truncated) {

  public AccessKeyUsage {
    sourceIps = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(sourceIps));
    userAgents = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(userAgents));
    regions = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(regions));
  }
}
