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

    private final RepeatedCalls repeatedCalls = new RepeatedCalls();

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
      if (repeatedCalls.seen(event)) {
        return;
      }
      EventView v = new EventView(event, options.ipClassifier(), options.inOrganization(), options.organizationIds(),
          options.ec2Roles());
      // an allowed network activity event repeats a call its management or data event already records: only
      // rules about network activity (their selection names eventType or eventCategory) count it
      boolean networkCopy = "AwsVpceEvent".equals(event.eventType()) && event.errorCode() == null;
      for (RuleRunner r : runners) {
        if (!networkCopy || r.aboutNetworkActivity) {
          r.offer(v, first);
        }
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

  /**
   * Records that repeat a call another record holds, which a rule would count twice: one call
   * delivered to several accounts' trails (CloudTrail gives the copies one {@code sharedEventID},
   * each its own eventID and recipient; a copy repeating an earlier one's sharedEventID and principal
   * is passed over, while copies naming different principals, such as the role owner's copy of a
   * cross-account AssumeRole, are kept), and an {@code addendum} with reason {@code UPDATED_DATA},
   * which re-delivers a call with corrected fields and names the original by {@code originalEventID}
   * (whichever of the two comes second is passed over). The repeats of one call share its time, so
   * only the last minutes of event time are remembered.
   */
  static final class RepeatedCalls {
    private static final java.time.Duration KEPT = java.time.Duration.ofMinutes(15);
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private final java.util.ArrayDeque<Object[]> order = new java.util.ArrayDeque<>();
    /** The original eventIDs UPDATED_DATA addenda named. */
    private final java.util.Set<String> addenda = new java.util.HashSet<>();

    /** The original eventID an UPDATED_DATA addendum names; null for any other record. */
    private static String updatedOriginal(CloudTrailEvent e) {
      String raw = e.rawJson();
      if (raw == null || !raw.contains("\"addendum\"")) {
        return null;
      }
      com.fasterxml.jackson.databind.JsonNode a = EventView.parse(raw);
      a = a == null ? null : a.path("addendum");
      return a != null && "UPDATED_DATA".equals(a.path("reason").asText(null)) && a.path("originalEventID").isTextual()
          ? a.path("originalEventID").asText() : null;
    }

    boolean seen(CloudTrailEvent e) {
      if (e.eventTime() == null || "AwsCloudTrailInsight".equals(e.eventType())) {
        return false;
      }
      Instant horizon = e.eventTime().minus(KEPT);
      while (!order.isEmpty() && ((Instant) order.peekFirst()[0]).isBefore(horizon)) {
        seen.remove((String) order.removeFirst()[1]);
      }
      // an UPDATED_DATA addendum re-delivers a call with corrected fields and names the original's eventID:
      // whichever of the two comes second is the same call
      String original = updatedOriginal(e);
      String call = original != null ? original : e.eventId();
      if (call != null) {
        // an eventID as it is (no allocation per event): the shared-copy keys below hold a \u001f, an eventID none
        if (!seen.add(call)) {
          return original != null || addenda.contains(call);
        }
        order.addLast(new Object[] {e.eventTime(), call});
        if (original != null) {
          addenda.add(original);
        }
      }
      String shared = e.sharedEventId();
      if (shared == null || shared.isEmpty()) {
        return false;
      }
      String principal = e.userIdentity() == null ? "" : e.userIdentity().type() + " " + e.userIdentity().arn() + " "
          + e.userIdentity().principalId();
      String key = shared + "\u001f" + principal;
      if (!seen.add(key)) {
        return true;
      }
      order.addLast(new Object[] {e.eventTime(), key});
      return false;
    }
  }
}
