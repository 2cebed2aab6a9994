package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;

/**
 * Where events go in groups of alike ones: {@code count} events that {@link PrincipalGraphBuilder}
 * and {@link SessionGraphBuilder} treat alike but for their time, the earliest given whole
 * ({@code first}, at {@code first.eventTime()}), the latest at {@code latest}. Alike: the same
 * {@code userIdentity}, console-credential mark, source address, failed or not, partition of the
 * region, and no request or response documents (an event with those, which the builders read, is
 * always a group of its own); the event name, source, error code and account may differ, the
 * builders read them only with those documents. Groups come in the order of their first events,
 * and a key's uses after a call issued it are never in one group with its uses before.
 * {@code docs}: {@code first}'s STS documents as {@link StsDocuments#of} reads them (null for a
 * group of more than one event).
 */
@FunctionalInterface
public interface AlikeEvents {
  void add(CloudTrailEvent first, StsDocuments docs, long count, Instant latest);
}
