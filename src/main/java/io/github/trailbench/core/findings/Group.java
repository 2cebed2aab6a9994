package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The findings-to-be of one rule for one group key: evidence so far, capped. */
final class Group {
  static final int MAX_DISTINCT = 200;

  final String key;
  final List<Evidence.Event> events = new ArrayList<>();
  long count;
  Instant first;
  Instant last;
  final Set<String> principals = new LinkedHashSet<>();
  final Set<String> keys = new LinkedHashSet<>();
  final Map<String, String> sessions = new LinkedHashMap<>();
  final Set<String> ips = new LinkedHashSet<>();
  final Set<String> regions = new LinkedHashSet<>();
  /** {@link #regions} of the calls that succeeded only. */
  final Set<String> succeededRegions = new LinkedHashSet<>();
  final Set<String> accounts = new LinkedHashSet<>();
  final Set<String> eventNames = new LinkedHashSet<>();
  final Set<String> details = new LinkedHashSet<>();
  final Set<String> denials = new LinkedHashSet<>();
  final Set<String> delegates = new LinkedHashSet<>();
  long succeeded;
  /** Calls that succeeded, but a sequence's first steps ({@link Hit#leading}): whether the finding is more than an attempt. */
  long succeededSteps;
  /** Calls whose credentials AWS accepted (succeeded, or refused by a policy); see {@link Rule.Outcome#AUTHENTICATED}. */
  long authenticated;
  /** Dry runs AWS said would have succeeded. */
  long dryRuns;
  final List<Set<String>> refValues = new ArrayList<>();
  /** {@link #refValues} of the calls that succeeded only. */
  final List<Set<String>> succeededRefValues = new ArrayList<>();
  private final Set<String> eventIds = new LinkedHashSet<>();

  Group(String key, int refs) {
    this.key = key;
    for (int i = 0; i < refs; i++) {
      refValues.add(new LinkedHashSet<>());
      succeededRefValues.add(new LinkedHashSet<>());
    }
  }

  void add(Hit h, String detail, int maxEvents) {
    Evidence.Event e = h.event();
    String dedupe = e.eventId() + "\u001f" + e.accountId();
    if (eventIds.size() < maxEvents) {
      if (!eventIds.add(dedupe)) {
        return;
      }
      events.add(e);
    }
    count++;
    if (e.succeeded()) {
      succeeded++;
      if (!h.leading()) {
        succeededSteps++;
      }
    }
    if (e.dryRun()) {
      dryRuns++;
    }
    if (h.authenticated()) {
      authenticated++;
    }
    put(denials, h.denial());
    put(delegates, h.delegate());
    if (e.time() != null) {
      first = first == null || e.time().isBefore(first) ? e.time() : first;
      last = last == null || e.time().isAfter(last) ? e.time() : last;
    }
    put(principals, e.principal());
    put(keys, e.accessKeyId());
    put(ips, e.sourceIp());
    put(regions, e.region());
    if (e.succeeded()) {
      put(succeededRegions, e.region());
    }
    put(accounts, e.accountId());
    put(eventNames, e.eventName());
    put(details, detail);
    if (h.sessionId() != null && sessions.size() < MAX_DISTINCT) {
      sessions.putIfAbsent(h.sessionId(), h.sessionLabel());
    }
    for (int i = 0; i < refValues.size(); i++) {
      put(refValues.get(i), h.refValues()[i]);
      if (e.succeeded()) {
        put(succeededRefValues.get(i), h.refValues()[i]);
      }
    }
  }

  private static void put(Set<String> set, String v) {
    if (v != null && !v.isEmpty() && set.size() < MAX_DISTINCT) {
      set.add(v);
    }
  }
}
