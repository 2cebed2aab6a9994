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
    total++;
    switch (m.authorization()) {
      case IAM -> iam++;
      case NOT_DENIABLE -> notDeniable++;
      case NOT_A_REQUEST -> notARequest++;
      case UNKNOWN -> {
        unknown++;
        unknownCounts.merge(m.eventSource() + " " + m.eventName(), 1L, Long::sum);
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
