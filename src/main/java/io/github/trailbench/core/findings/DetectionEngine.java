package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link RulePack} over a case's events and returns grouped findings: one finding per
 * rule per group key (by default the principal) with all its events as evidence.
 *
 * <pre>{@code
 * DetectionEngine engine = new DetectionEngine(RulePack.builtIn(), DetectionOptions.defaults());
 * DetectionResult result = engine.run(eventsInTimeOrder);   // Iterable<CloudTrailEvent>
 * for (Finding f : result.findings()) { ... }
 * }</pre>
 *
 * Events must come in time order (the store's {@code ORDER BY event_time}). Memory grows with
 * the distinct principals, keys and values the stateful rules track and with the findings'
 * evidence (capped by {@link DetectionOptions#maxEventsPerFinding()}), not with the number of
 * events. An engine is immutable and may be shared; each {@link #run} or {@link #start} is
 * independent.
 */
public final class DetectionEngine {
  private final RulePack pack;
  private final DetectionOptions options;

  public DetectionEngine(RulePack pack) {
    this(pack, DetectionOptions.defaults());
  }

  public DetectionEngine(RulePack pack, DetectionOptions options) {
    this.pack = Objects.requireNonNull(pack, "pack");
    this.options = Objects.requireNonNull(options, "options");
  }

  public RulePack pack() {
    return pack;
  }

  /** Reads all events and returns the findings. */
  public DetectionResult run(Iterable<CloudTrailEvent> events) {
    Run run = start();
    for (CloudTrailEvent e : events) {
      run.accept(e);
    }
    return run.finish();
  }

  /** For push-style sources (a store cursor): feed events with {@link Run#accept}, then {@link Run#finish}. */
  public Run start() {
    return new Run();
  }

  /** The findings without the events that one of the {@code better} rules also reports; emptied findings go. */
  private static List<Finding> yielded(List<Finding> own, List<String> better, Map<String, List<Finding>> byRule) {
    Set<String> taken = new HashSet<>();
    for (String id : better) {
      for (Finding f : byRule.getOrDefault(id, List.of())) {
        f.events().forEach(e -> taken.add(e.eventId() + "\u001f" + e.accountId()));
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : own) {
      List<Evidence> kept = f.evidence().stream()
          .filter(e -> !(e instanceof Evidence.Event ev) || !taken.contains(ev.eventId() + "\u001f" + ev.accountId()))
          .toList();
      if (kept.size() == f.evidence().size()) {
        out.add(f);
      } else if (kept.stream().anyMatch(Evidence.Event.class::isInstance)) {
        out.add(f.withEvidence(kept));
      }
    }
    return out;
  }

  /** One detection run in progress. Not thread-safe. */
  public final class Run implements Consumer<CloudTrailEvent> {
    private final List<RuleRunner> runners = new ArrayList<>();
    private long scanned;
    private long outOfOrder;
    private Instant first;
    private Instant last;
    private Instant previous;
    private boolean finished;

    private Run() {
      for (Rule r : pack.rules()) {
        if (r.enabled()) {
          runners.add(RuleRunner.of(r, options.maxEventsPerFinding(), options.denials()));
        }
      }
    }

    @Override
    public void accept(CloudTrailEvent event) {
      if (finished) {
        throw new IllegalStateException("run already finished");
      }
      if (event == null) {
        return;
      }
      scanned++;
      Instant t = event.eventTime();
      if (t != null) {
        if (previous != null && t.isBefore(previous)) {
          outOfOrder++;
        } else {
          previous = t;
        }
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
      }
      EventView v = new EventView(event, options.ipClassifier());
      for (RuleRunner r : runners) {
        r.offer(v, first);
      }
    }

    /** Ends the run; findings are in {@link Finding#ORDER}. */
    public DetectionResult finish() {
      finished = true;
      Instant now = options.clock().instant();
      List<Finding> findings = new ArrayList<>();
      Map<String, List<Finding>> byRule = new LinkedHashMap<>();
      for (RuleRunner r : runners) {
        byRule.put(r.rule.id(), r.findings(now));
      }
      for (RuleRunner r : runners) {
        List<Finding> own = byRule.get(r.rule.id());
        findings.addAll(r.rule.yieldsTo().isEmpty() ? own : yielded(own, r.rule.yieldsTo(), byRule));
      }
      findings.sort(Finding.ORDER);
      return new DetectionResult(findings, scanned, outOfOrder, first, last,
          runners.stream().map(r -> r.rule.id()).toList());
    }
  }
}
