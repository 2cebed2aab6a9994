package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs one rule over the event stream and collects its groups. One per rule per run. */
abstract class RuleRunner {
  /** What joins the event names and the reason in the title of a finding whose calls all failed. */
  static final String ATTEMPTED = " attempted \u2014 ";
  /** Starts the summary of a finding whose calls were all refused ({@link Finding#attemptsOnly()}). */
  static final String ATTEMPTED_ONLY = "Attempted only: ";
  /** Ends the title of a finding whose calls were all dry runs that would have succeeded. */
  static final String DRY_RUN = " \u2014 dry run, permitted (would have succeeded)";
  final Rule rule;
  final int maxEvents;
  final SummaryTemplate summary;
  private final List<FieldPath> groupBy;
  final Map<String, Group> groups = new LinkedHashMap<>();

  private final DenialExplainer denials;
  /** The rule's selection names eventType or eventCategory: it may be about network activity events. */
  final boolean aboutNetworkActivity;

  RuleRunner(Rule rule, int maxEvents, DenialExplainer denials) {
    this.rule = rule;
    String selection = rule.match() == null ? "" : rule.match().source();
    this.aboutNetworkActivity = selection != null && (selection.contains("eventType") || selection.contains("eventCategory"));
    this.maxEvents = maxEvents;
    this.denials = denials;
    this.summary = new SummaryTemplate(rule.summary());
    this.groupBy = paths(rule.groupBy());
  }

  static RuleRunner of(Rule rule, int maxEvents, DenialExplainer denials) {
    RuleKind k = rule.kind();
    if (k instanceof RuleKind.Burst b) {
      return new BurstRunner(rule, b, maxEvents, denials);
    }
    if (k instanceof RuleKind.FirstSeen f) {
      return new FirstSeenRunner(rule, f, maxEvents, denials);
    }
    if (k instanceof RuleKind.Sequence s) {
      return new SequenceRunner(rule, s, maxEvents, denials);
    }
    if (k instanceof RuleKind.Spike sp) {
      return new SpikeRunner(rule, sp, maxEvents, denials);
    }
    return new MatchRunner(rule, maxEvents, denials);
  }

  /** Called for every event in time order. */
  final void offer(EventView v, Instant runStart) {
    if (rule.match() != null && !rule.match().matches(v)) {
      return;
    }
    if (rule.exclude() != null && rule.exclude().matches(v)) {
      return;
    }
    if ((rule.outcome() == Rule.Outcome.SUCCESS || rule.outcome() == Rule.Outcome.FAILURE)
        && (rule.outcome() == Rule.Outcome.SUCCESS) != "Success".equals(v.outcome())) {
      return;
    }
    accept(v, runStart);
  }

  abstract void accept(EventView v, Instant runStart);

  Hit hit(EventView v) {
    String session = v.sessionId();
    String label = session == null ? null : v.principal() + " (session issued "
        + (v.event().userIdentity() != null && v.event().userIdentity().sessionContext() != null
            && v.event().userIdentity().sessionContext().creationDate() != null
            ? SummaryTemplate.time(v.event().userIdentity().sessionContext().creationDate())
            : "at an unknown time, key " + v.event().userIdentity().accessKeyId()) + ")";
    Evidence.Event evidence = v.toEvidence();
    boolean attemptsCount = rule.outcome() == Rule.Outcome.ANY || rule.outcome() == Rule.Outcome.AUTHENTICATED;
    String denial = attemptsCount && !evidence.succeeded() ? denials.whyDenied(v.event()) : null;
    return new Hit(evidence, session, label, key(groupBy, v), summary.refValues(v), denial, v.delegate(),
        !"Failure".equals(evidence.outcome()) && io.github.trailbench.core.correlate.Explainer.authenticated(v.event()), false);
  }

  void record(Hit h, String detail) {
    record(h, h.groupKey(), detail);
  }

  void record(Hit h, String groupKey, String detail) {
    groups.computeIfAbsent(groupKey, k -> new Group(k, summary.refs.size())).add(h, detail, maxEvents);
  }

  List<Finding> findings(Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Group g : groups.values()) {
      List<Evidence> evidence = new ArrayList<>(g.events);
      g.principals.forEach(p -> evidence.add(new Evidence.Principal(p)));
      g.keys.forEach(k -> evidence.add(new Evidence.AccessKey(k)));
      g.sessions.forEach((id, label) -> evidence.add(new Evidence.Session(id, label)));
      boolean attemptsOnly = g.count > 0 && (rule.outcome() == Rule.Outcome.ANY ? g.succeededSteps == 0
          : rule.outcome() == Rule.Outcome.AUTHENTICATED && g.authenticated == 0);
      String title = rule.title();
      Severity severity = rule.severity();
      // of a finding about what was done, the values named are those of the calls that succeeded
      String text = summary.render(rule, g, attemptsOnly, rule.outcome() == Rule.Outcome.ANY && !attemptsOnly);
      if (g.dryRuns > 0 && g.succeeded == g.dryRuns && rule.outcome() != Rule.Outcome.FAILURE) {
        // DryRunOperation: "the request would have succeeded". Nothing changed, but the caller holds the
        // permission: the rule's severity stands, and nothing reads it as blocked
        title = (rule.kind() instanceof RuleKind.Match ? String.join(", ", g.eventNames) : rule.title()) + DRY_RUN;
        text = "Dry run only: " + text + " AWS answered DryRunOperation to " + (g.dryRuns == 1 ? "the call" : "all " + g.dryRuns
            + " calls") + ": the request would have succeeded, so the caller holds the permission; nothing was changed.";
      } else if (attemptsOnly) {
        String why = g.denials.isEmpty() ? "failed" : g.denials.iterator().next();
        title = rule.kind() instanceof RuleKind.Match ? String.join(", ", g.eventNames) + ATTEMPTED + why
            : rule.title() + " \u2014 attempts only, " + why;
        severity = attemptSeverity(severity);
        // a sequence's leading step (a listing) may have succeeded: it does not make the finding more than an attempt
        long refused = g.count - g.succeeded;
        text = ATTEMPTED_ONLY + text + " " + (g.count == 1 ? "The call" : refused == g.count ? "All " + g.count + " calls"
            : refused + " of the " + g.count + " calls") + " failed: "
            + String.join("; ", g.denials.isEmpty() ? java.util.Set.of("failed") : g.denials) + ".";
      }
      long failed = g.count - g.succeeded;
      if (!attemptsOnly && failed > 0 && rule.outcome() != Rule.Outcome.FAILURE && !g.denials.isEmpty()) {
        // what succeeded is reported; the calls that failed among them are not passed over in silence
        text += " " + failed + " of the " + g.count + " calls failed: " + String.join("; ", g.denials) + ".";
      }
      if (!g.delegates.isEmpty()) {
        // the principal is the customer's role session, but a product provider's account acted through it
        text += " Made through temporary delegated access by product provider account" + (g.delegates.size() == 1 ? " " : "s ")
            + String.join(", ", g.delegates) + " (userIdentity.invokedByDelegate).";
      }
      out.add(new Finding(findingId(rule.id(), g.key), rule.id(), title, severity, FindingStatus.OPEN,
          text, rule.description(), "", evidence, g.count, g.first, g.last, createdAt,
          rule.references(), rule.pack()));
    }
    return out;
  }

  /**
   * The severity of a finding whose calls all failed: two levels below the rule's, never below
   * low, so a blocked attempt never outranks what succeeded.
   */
  static Severity attemptSeverity(Severity ruleSeverity) {
    int lowered = Math.min(ruleSeverity.ordinal() + 2, Severity.LOW.ordinal());
    return Severity.values()[Math.max(lowered, ruleSeverity.ordinal())];
  }

  /** Stable finding id: rule id plus a short hash of the group key. */
  static String findingId(String ruleId, String groupKey) {
    return Finding.idFor(ruleId, groupKey);
  }

  /**
   * Whether the field tells where a call came from (the address, or its country, network or
   * owner): a call from an analyst's known address never makes such a value "new".
   */
  static boolean isAddressField(FieldPath f) {
    return ADDRESS_FIELDS.contains(f.text());
  }

  private static final Set<String> ADDRESS_FIELDS =
      Set.of("sourceIPAddress", "sourceCountry", "sourceAsn", "sourceAsOrg", "sourceAws");

  static List<FieldPath> paths(List<String> names) {
    return names.stream().map(FieldPath::parse).toList();
  }

  /** Values of the fields joined with U+001F; absent values as "-". */
  static String key(List<FieldPath> fields, EventView v) {
    if (fields.isEmpty()) {
      return "*";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append('\u001f');
      }
      sb.append(Objects.requireNonNullElse(fields.get(i).value(v), "-"));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ kinds

  static final class MatchRunner extends RuleRunner {
    MatchRunner(Rule rule, int maxEvents, DenialExplainer denials) {
      super(rule, maxEvents, denials);
    }

    @Override
    void accept(EventView v, Instant runStart) {
      record(hit(v), null);
    }
  }

  static final class BurstRunner extends RuleRunner {
    private final RuleKind.Burst kind;
    private final List<FieldPath> by;
    private final Map<String, ArrayDeque<Entry>> windows = new HashMap<>();

    private static final class Entry {
      final Hit hit;
      boolean emitted;

      Entry(Hit hit) {
        this.hit = hit;
      }
    }

    BurstRunner(Rule rule, RuleKind.Burst kind, int maxEvents, DenialExplainer denials) {
      super(rule, maxEvents, denials);
      this.kind = kind;
      this.by = paths(kind.by());
    }

    @Override
    void accept(EventView v, Instant runStart) {
      if (v.time() == null) {
        return;
      }
      ArrayDeque<Entry> q = windows.computeIfAbsent(key(by, v), k -> new ArrayDeque<>());
      Instant horizon = v.time().minus(kind.window());
      while (!q.isEmpty() && q.peekFirst().hit.event().time().isBefore(horizon)) {
        q.removeFirst();
      }
      q.addLast(new Entry(hit(v)));
      if (q.size() > kind.threshold()) {
        q.removeFirst(); // already emitted: the window held threshold events before
      }
      if (q.size() >= kind.threshold()) {
        for (Entry e : q) {
          if (!e.emitted) {
            e.emitted = true;
            record(e.hit, "at least " + kind.threshold() + " within " + human(kind.window()));
          }
        }
      }
    }
  }

  static final class FirstSeenRunner extends RuleRunner {
    private final RuleKind.FirstSeen kind;
    private final List<FieldPath> keyFields;
    private final List<FieldPath> of;
    private final Map<String, List<Set<String>>> seen = new HashMap<>();

    FirstSeenRunner(Rule rule, RuleKind.FirstSeen kind, int maxEvents, DenialExplainer denials) {
      super(rule, maxEvents, denials);
      this.kind = kind;
      this.keyFields = paths(kind.key());
      this.of = paths(kind.of());
    }

    @Override
    void accept(EventView v, Instant runStart) {
      for (FieldPath f : keyFields) {
        if (f.value(v) == null) {
          return; // no key, no history
        }
      }
      String k = key(keyFields, v);
      List<Set<String>> history = seen.get(k);
      boolean firstObservation = history == null;
      if (history == null) {
        history = new ArrayList<>();
        for (int i = 0; i < of.size(); i++) {
          history.add(new HashSet<>());
        }
        seen.put(k, history);
      }
      boolean learning = (v.time() != null && runStart != null
              && v.time().isBefore(runStart.plus(kind.learningPeriod())))
          || (firstObservation && kind.firstObservationLearns());
      // after learning, a refused call did not use what it named: its value is new until a call with it succeeds, so
      // that success joins the finding of the attempts (learning, any call shows what is usual)
      boolean remembers = learning || "Success".equals(v.outcome());
      List<String> fresh = new ArrayList<>();
      boolean known = v.knownAddress() != null;
      for (int i = 0; i < of.size(); i++) {
        String value = of.get(i).value(v);
        boolean isNew = value != null && (remembers ? history.get(i).add(value) : !history.get(i).contains(value));
        if (isNew && !(known && isAddressField(of.get(i)))) {
          fresh.add("new " + of.get(i).text() + " " + value);
        }
      }
      if (!learning && !fresh.isEmpty() && (kind.alertWhen() == null || kind.alertWhen().matches(v))) {
        record(hit(v), String.join(", ", fresh));
      }
    }
  }

  static final class SequenceRunner extends RuleRunner {
    private final RuleKind.Sequence kind;
    private final List<FieldPath> by;
    private final List<FieldPath> unseen;
    private final List<FieldPath> same;
    private final Map<String, Set<String>> history = new HashMap<>();
    /** Per pending key, the sequences still open, oldest first (at most {@link #OPEN_KEPT}). */
    private final Map<String, java.util.ArrayDeque<Pending>> pending = new HashMap<>();
    private static final int OPEN_KEPT = 32;
    /** Later steps with no sequence pending, kept for the rest of their second, per pending key. */
    private final Map<String, SameSecond> sameSecond = new HashMap<>();
    private static final int SAME_SECOND_KEPT = 64;
    private Instant second;

    private static final class SameSecond {
      final Instant second;
      final List<EventView> events = new ArrayList<>();

      SameSecond(Instant second) {
        this.second = second;
      }
    }

    private static final class Pending {
      final Hit first;
      final Instant start;
      final String sameKey;
      final List<Hit> then = new ArrayList<>();
      final boolean[] stepsSeen;
      int thenCount;
      boolean emitted;

      Pending(Hit first, Instant start, String sameKey, int steps) {
        this.first = first;
        this.start = start;
        this.sameKey = sameKey;
        this.stepsSeen = new boolean[steps];
      }

      boolean allStepsSeen() {
        for (boolean b : stepsSeen) {
          if (!b) {
            return false;
          }
        }
        return true;
      }
    }

    SequenceRunner(Rule rule, RuleKind.Sequence kind, int maxEvents, DenialExplainer denials) {
      super(rule, maxEvents, denials);
      this.kind = kind;
      this.by = paths(kind.by());
      this.unseen = paths(kind.firstUnseen());
      this.same = paths(kind.sameValues());
    }

    @Override
    void accept(EventView v, Instant runStart) {
      if (v.time() == null) {
        return;
      }
      if (!v.time().equals(second)) {
        // events come in time order: what was kept for an earlier second can no longer start a sequence
        sameSecond.clear();
        second = v.time();
      }
      String k = key(by, v);
      Set<String> seenValues = history.computeIfAbsent(k, x -> new HashSet<>());
      if (kind.first().matches(v)) {
        boolean qualifies = true;
        for (FieldPath f : unseen) {
          String val = f.value(v);
          qualifies &= val != null && !seenValues.contains(f.text() + "\u001f" + val)
              && !(isAddressField(f) && v.knownAddress() != null);
        }
        if (qualifies) {
          String sameKey = key(same, v);
          String pk = pendingKey(k, sameKey);
          java.util.ArrayDeque<Pending> open = open(pk, v.time());
          Pending reported = open.isEmpty() || !open.peekFirst().emitted ? null : open.peekFirst();
          if (reported != null) {
            // a sequence already reported in this window goes on: a repeated first call (a listing's
            // next page) is more of it, not a new one
            record(hit(v).asLeading(), reported.first.groupKey(), null);
            return;
          }
          // an open sequence keeps the later steps it has seen: a new first opens another beside it
          Pending p = new Pending(hit(v).asLeading(), v.time(), sameKey, kind.thenAll().size());
          if (open.size() >= OPEN_KEPT) {
            open.pollFirst();
          }
          open.addLast(p);
          // CloudTrail gives times to the second and its files are "not an ordered stack trace": a
          // step logged in the first call's second may have come before it in the file
          SameSecond early = sameSecond.remove(pk);
          if (early != null && early.second.equals(v.time())) {
            for (EventView t : early.events) {
              then(p, t, key(same, t));
            }
          }
        }
      } else if (kind.thenAll().isEmpty() ? kind.then().matches(v) : thenStep(v) >= 0) {
        String sameKey = key(same, v);
        String pk = pendingKey(k, sameKey);
        java.util.ArrayDeque<Pending> open = open(pk, v.time());
        if (!open.isEmpty()) {
          for (Pending p : open) {
            if (then(p, v, sameKey)) {
              // reported: the key's other open sequences are part of it (their first calls are evidence)
              for (Pending other : open) {
                if (other != p) {
                  record(other.first, p.first.groupKey(), null);
                  other.then.forEach(t -> record(t, p.first.groupKey(), null));
                }
              }
              open.clear();
              open.add(p);
              break;
            }
            if (p.emitted) {
              break;
            }
          }
        } else {
          SameSecond early = sameSecond.get(pk);
          if (early == null) {
            early = new SameSecond(v.time());
            sameSecond.put(pk, early);
          }
          if (early.events.size() < SAME_SECOND_KEPT) {
            early.events.add(v);
          }
        }
      }
      for (FieldPath f : unseen) {
        String val = f.value(v);
        if (val != null) {
          seenValues.add(f.text() + "\u001f" + val);
        }
      }
    }

    /**
     * The sequences open under {@code pk} at {@code time}: those whose window has passed are
     * dropped (oldest first; every open one started no later than the next).
     */
    private java.util.ArrayDeque<Pending> open(String pk, Instant time) {
      java.util.ArrayDeque<Pending> open = pending.computeIfAbsent(pk, x -> new java.util.ArrayDeque<>());
      while (!open.isEmpty() && time.isAfter(open.peekFirst().start.plus(kind.within()))) {
        open.pollFirst();
      }
      return open;
    }

    /**
     * A later step {@code v} of the pending sequence {@code p}: recorded, and the finding raised once
     * complete; true when this step completed it.
     */
    private boolean then(Pending p, EventView v, String sameKey) {
      if (!sameKey.equals(p.sameKey)) {
        return false;
      }
      Hit h = hit(v);
      p.thenCount++;
      if (!kind.thenAll().isEmpty()) {
        p.stepsSeen[thenStep(v)] = true;
      }
      if (p.emitted) {
        record(h, p.first.groupKey(), null);
        return false;
      }
      p.then.add(h);
      boolean complete = kind.thenAll().isEmpty() ? p.thenCount >= kind.minThen() : p.allStepsSeen();
      if (complete) {
        p.emitted = true;
        String detail = p.first.event().eventName() + " from " + p.first.event().sourceIp()
            + " followed by " + (kind.thenAll().isEmpty() ? kind.minThen() + "+ matching call(s)"
                : "a call of each of " + kind.thenAll().size() + " kinds") + " within " + human(kind.within());
        record(p.first, detail);
        for (Hit t : p.then) {
          record(t, p.first.groupKey(), null);
        }
        p.then.clear();
        return true;
      }
      return false;
    }

    /** The first {@code thenAll} selection the event matches, or -1. */
    private int thenStep(EventView v) {
      for (int i = 0; i < kind.thenAll().size(); i++) {
        if (kind.thenAll().get(i).matches(v)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Where a pending sequence waits: per {@code by} key and {@code sameValues} values (a listing of
     * one bucket does not end another bucket's pending sequence).
     */
    private String pendingKey(String byKey, String sameKey) {
      return byKey + "\u001e" + sameKey;
    }
  }

  static final class SpikeRunner extends RuleRunner {
    private final RuleKind.Spike kind;
    private final List<FieldPath> by;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * One key's state: the hits of the last {@code window} (a sliding window, so a burst across a
     * clock hour counts whole) until a spike is reached, the counts of the fixed clock windows not
     * yet settled, and the baseline: the most hits of any fixed window that ended before the sliding
     * window began (so a burst is never its own baseline).
     */
    private static final class Window {
      final java.util.ArrayDeque<Hit> recent = new java.util.ArrayDeque<>();
      /** Fixed windows that may still overlap the sliding one: {start, count}, oldest first. */
      final java.util.ArrayDeque<long[]> fixed = new java.util.ArrayDeque<>();
      int baseline;
      /** Until when a reported spike takes more hits: a window after its first hit (MIN_VALUE: none). */
      long spikeEnd = Long.MIN_VALUE;
    }

    SpikeRunner(Rule rule, RuleKind.Spike kind, int maxEvents, DenialExplainer denials) {
      super(rule, maxEvents, denials);
      this.kind = kind;
      this.by = paths(kind.by());
    }

    @Override
    void accept(EventView v, Instant runStart) {
      if (v.time() == null) {
        return;
      }
      Window w = windows.computeIfAbsent(key(by, v), k -> new Window());
      long size = kind.window().toMillis();
      long t = v.time().toEpochMilli();
      long fixedStart = Math.floorDiv(t, size) * size;
      if (w.fixed.isEmpty() || w.fixed.peekLast()[0] != fixedStart) {
        w.fixed.addLast(new long[] {fixedStart, 0});
      }
      w.fixed.peekLast()[1]++;
      // a fixed window that ended before this event's sliding window began is history: the baseline
      while (w.fixed.peekFirst()[0] + size <= t - size) {
        w.baseline = (int) Math.max(w.baseline, w.fixed.pollFirst()[1]);
      }
      Hit h = hit(v);
      if (t <= w.spikeEnd) {
        // within a window of the spike's first hit: more of the same spike
        record(h, null);
        return;
      }
      w.recent.addLast(h);
      // events exactly a window apart are within it, as a burst counts them
      while (t - w.recent.peekFirst().event().time().toEpochMilli() > size) {
        w.recent.pollFirst();
      }
      long threshold = Math.max(kind.minimum(), (long) kind.factor() * w.baseline);
      if (w.recent.size() >= threshold) {
        w.spikeEnd = w.recent.peekFirst().event().time().toEpochMilli() + size;
        String detail = w.baseline == 0 ? "at least " + kind.minimum() + " within " + human(kind.window()) + ", none before"
            : "at least " + threshold + " within " + human(kind.window()) + ", before at most " + w.baseline
                + " in any earlier " + human(kind.window()) + " (UTC clock)";
        for (Hit p : w.recent) {
          record(p, detail);
        }
        w.recent.clear();
      }
    }
  }

  static String human(java.time.Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0 && s > 0) {
      return (s / 86400) + " day(s)";
    }
    if (s % 3600 == 0 && s > 0) {
      return (s / 3600) + " hour(s)";
    }
    if (s % 60 == 0 && s > 0) {
      return (s / 60) + " minute(s)";
    }
    return s + " second(s)";
  }
}
