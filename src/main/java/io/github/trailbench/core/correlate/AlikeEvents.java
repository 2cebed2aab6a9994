package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;

/**
 * Where events go in groups of alike ones, numbered 0, 1, … in the order given. A group is
 * {@code count} events that {@link PrincipalGraphBuilder} and {@link SessionGraphBuilder} treat
 * alike but for their time and source address: the earliest given whole ({@code first}, at
 * {@code first.eventTime()}), the latest at {@code latest}. Alike: the same {@code userIdentity},
 * console-credential mark, failed or not, partition of the region, and no request or response
 * documents (an event with those, which the builders read, is always a group of its own); the event
 * name, source, error code and account may differ, the builders read them only with those documents.
 *
 * <p>A group of one event carries its source address in {@code first}. A larger one's
 * {@code first} has none; its addresses come by {@link #address}, each once with the number of
 * the group's events from it, at the place of the first of them. Groups and addresses come in the
 * order of the events they start with (a group before its own first address), so a builder that
 * lists "the first N addresses met" and counts calls per kept address gets what adding every event
 * in order gives. A key's uses after a call issued it are never in one group with its uses before.
 * {@code docs}: {@code first}'s STS documents as {@link StsDocuments#of} reads them (null for a
 * group of more than one event).
 */
public interface AlikeEvents {
  void add(int group, CloudTrailEvent first, StsDocuments docs, long count, Instant latest);

  /** {@code count} of group {@code group}'s events came from {@code ip}. */
  void address(int group, String ip, long count);
}
