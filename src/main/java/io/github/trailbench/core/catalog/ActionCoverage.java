package io.github.trailbench.core.catalog;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Share of events whose authorizing action the catalog knows. A pure accumulator: feed it
 * events (or mappings), read a {@link Result}. Memory grows with distinct unknown
 * {@code eventSource eventName} pairs only. Not thread-safe; use one per stream.
 */
public final class ActionCoverage {
  private final EventActionMapper mapper;
  private long total;
  private long iam;
  private long notDeniable;
  private long notARequest;
  private long unknown;
  private final Map<String, Long> unknownCounts = new HashMap<>();

  public ActionCoverage() {
    this(EventActionMapper.get());
  }

  public ActionCoverage(EventActionMapper mapper) {
    this.mapper = mapper;
  }

  /** Coverage of a whole stream of events. */
  public static Result of(Iterable<CloudTrailEvent> events) {
    ActionCoverage c = new ActionCoverage();
    for (CloudTrailEvent e : events) {
      c.add(e);
    }
    return c.result();
  }

  public ActionCoverage add(CloudTrailEvent event) {
    return add(mapper.map(event));
  }

  public ActionCoverage add(ActionMapping m) {
    return add(m, 1);
  }

  /**
   * Adds {@code count} events of one call and eventType, as {@link #add(CloudTrailEvent)} would
   * one by one: whether an event maps to an action depends on these three values only (its
   * request parameters add or narrow actions, never change its authorization).
   */
  public ActionCoverage add(String eventSource, String eventName, String eventType, long count) {
    ActionMapping m = EventActionMapper.recordsNoRequest(eventType)
        ? null : mapper.map(eventSource, eventName);
    if (m == null) {
      total += count;
      notARequest += count;
      return this;
    }
    return add(m, count);
  }

  private ActionCoverage add(ActionMapping m, long count) {
    total += count;
    switch (m.authorization()) {
      case IAM -> iam += count;
      case NOT_DENIABLE -> notDeniable += count;
      case NOT_A_REQUEST -> notARequest += count;
      case UNKNOWN -> {
        unknown += count;
        unknownCounts.merge(m.eventSource() + " " + m.eventName(), count, Long::sum);
      }
    }
    return this;
  }

  public Result result() {
    List<Map.Entry<String, Long>> top =
        unknownCounts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
            .limit(20)
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
    return new Result(total, iam, notDeniable, notARequest, unknown, top);
  }

  /**
   * @param total events seen
   * @param iam events mapped to IAM actions
   * @param notDeniable events no policy can deny (sign-in, GetCallerIdentity, ...)
   * @param notARequest service events and insights
   * @param unknown events whose action the catalog does not know
   * @param topUnknown up to 20 most frequent unknown {@code "eventSource eventName"} with counts
   */
  public record Result(
      long total, long iam, long notDeniable, long notARequest, long unknown,
      List<Map.Entry<String, Long>> topUnknown) {

    /** Known events / all events, in [0, 1]; 1 for an empty stream. */
    public double share() {
      return total == 0 ? 1.0 : (double) (total - unknown) / total;
    }

    /** "97.3% of 1234 events mapped to IAM actions (12 unknown)". */
    public String summary() {
      return String.format(java.util.Locale.ROOT,
          "%.1f%% of %d events mapped to IAM actions (%d IAM, %d not deniable, %d not requests, %d unknown)",
          share() * 100, total, iam, notDeniable, notARequest, unknown);
    }
  }
}
