package io.github.trailbench.core.correlate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over replayed events: events by {@link ReplayVerdict}, undetermined events by the
 * context key their decision depended on, and the actions evaluated. Not thread-safe; feed it
 * in event order from one thread.
 */
public final class ReplaySummary {
  private final Map<ReplayVerdict, Long> byVerdict = new EnumMap<>(ReplayVerdict.class);
  private final Map<String, Long> undeterminedByKey = new TreeMap<>();
  private long events;
  private long actions;

  public void add(EventReplay r) {
    events++;
    actions += r.actions().size();
    byVerdict.merge(r.verdict(), 1L, Long::sum);
    if (r.verdict() == ReplayVerdict.UNDETERMINED) {
      r.undeterminedKeys().forEach(k -> undeterminedByKey.merge(k, 1L, Long::sum));
    }
  }

  public long events() {
    return events;
  }

  public long actions() {
    return actions;
  }

  public long count(ReplayVerdict v) {
    return byVerdict.getOrDefault(v, 0L);
  }

  /** Undetermined events per key, most frequent first (ties by name). */
  public Map<String, Long> undeterminedByKey() {
    Map<String, Long> out = new LinkedHashMap<>();
    undeterminedByKey.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(out);
  }
}
