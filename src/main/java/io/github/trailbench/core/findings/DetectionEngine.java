package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
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
      for (RuleRunner r : runners) {
        findings.addAll(r.findings(now));
      }
      findings.sort(Finding.ORDER);
      return new DetectionResult(findings, scanned, outOfOrder, first, last,
          runners.stream().map(r -> r.rule.id()).toList());
    }
  }
}
