package io.github.trailbench.core.findings;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened, in a few plain lines a reader takes in first: the most severe findings that
 * succeeded, told in time order (first use of a leaked key, escalation, persistence, data
 * access), then one line for what was only attempted and blocked; the principals and keys
 * involved; and the window from the first to the last of those findings' events.
 *
 * @param lines 5–10 lines, each "time — title — who"; empty when there is nothing to tell
 * @param principals the principals of the findings told, in order of first appearance
 * @param accessKeys their access keys
 * @param first the earliest event of those findings, null when none
 * @param last the latest one
 */
public record IncidentStory(List<String> lines, List<String> principals, List<String> accessKeys, Instant first, Instant last) {
  /** At most this many lines of successes; one more says what was blocked. */
  public static final int MAX_LINES = 9;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  public IncidentStory {
    lines = List.copyOf(lines);
    principals = List.copyOf(principals);
    accessKeys = List.copyOf(accessKeys);
  }

  /** The story of these findings (any order); hygiene findings without events take no part. */
  public static IncidentStory of(List<Finding> findings) {
    List<Finding> withEvents = findings.stream().filter(f -> f.firstEventTime() != null && f.status() != FindingStatus.FALSE_POSITIVE).toList();
    List<Finding> severe = withEvents.stream()
        .filter(f -> !f.attemptsOnly() && f.severity().compareTo(Severity.HIGH) <= 0).toList();
    Set<String> actors = new java.util.HashSet<>();
    severe.forEach(f -> actors.addAll(actors(f)));
    // a medium finding tells the story only when it shares a principal, key or address with a severe one
    List<Told> succeeded = withEvents.stream()
        .filter(f -> !f.attemptsOnly() && (f.severity().compareTo(Severity.HIGH) <= 0
            || (f.severity() == Severity.MEDIUM && actors(f).stream().anyMatch(actors::contains))))
        .map(IncidentStory::succeededPart)
        .sorted(Comparator.comparing((Told t) -> t.finding().severity()).thenComparing(Told::first)
            .thenComparing(t -> t.finding().ruleId()).thenComparing(t -> t.finding().id()))
        .limit(MAX_LINES).sorted(Comparator.comparing(Told::first)).toList();
    List<Told> blocked = withEvents.stream().filter(f -> f.title().contains(RuleRunner.ATTEMPTED))
        .sorted(Comparator.comparing(Finding::firstEventTime)).map(IncidentStory::whole).toList();
    List<String> lines = new ArrayList<>();
    Set<String> principals = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    Instant first = null;
    Instant last = null;
    List<Told> told = new ArrayList<>(succeeded);
    told.addAll(blocked);
    for (Told t : told) {
      principals.addAll(t.principals());
      keys.addAll(t.keys());
      first = first == null || t.first().isBefore(first) ? t.first() : first;
      last = last == null || t.last().isAfter(last) ? t.last() : last;
    }
    for (Told t : succeeded) {
      lines.add(WHEN.format(t.first()) + " \u2014 " + t.finding().title() + " \u2014 " + who(t));
    }
    if (!blocked.isEmpty()) {
      List<String> what = blocked.stream().map(t -> t.finding().title()).distinct().toList();
      lines.add("Blocked: " + String.join("; ", what) + ".");
    }
    return new IncidentStory(lines, new ArrayList<>(principals), new ArrayList<>(keys), first, last);
  }

  /** The part of a finding the story tells: when it began and ended, who took part, with which keys, in how many calls. */
  private record Told(Finding finding, Instant first, Instant last, List<String> principals, List<String> keys, long calls) {}

  private static Told whole(Finding f) {
    return new Told(f, f.firstEventTime(), f.lastEventTime() == null ? f.firstEventTime() : f.lastEventTime(), principalsOf(f),
        keysOf(f), f.eventCount());
  }

  /**
   * A finding of what was done whose evidence also holds refused calls (a region first tried by one principal, then used
   * by another) tells only its successful calls: their time, and the principals and keys not seen only in refused
   * calls. A refused call is no part of what happened, and would move the story's start to an unrelated attempt.
   */
  private static Told succeededPart(Finding f) {
    List<Evidence.Event> events = f.events();
    List<Evidence.Event> done = events.stream().filter(e -> e.succeeded() && e.time() != null).toList();
    if (done.isEmpty() || done.size() == events.size()) {
      return whole(f);
    }
    Set<String> refusedOnly = new java.util.HashSet<>();
    events.stream().filter(e -> !e.succeeded()).forEach(e -> {
      refusedOnly.add(e.principal());
      refusedOnly.add(e.accessKeyId());
    });
    done.forEach(e -> {
      refusedOnly.remove(e.principal());
      refusedOnly.remove(e.accessKeyId());
    });
    Instant first = done.stream().map(Evidence.Event::time).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = done.stream().map(Evidence.Event::time).max(Comparator.naturalOrder()).orElseThrow();
    return new Told(f, first, last, principalsOf(f).stream().filter(p -> !refusedOnly.contains(p)).toList(),
        keysOf(f).stream().filter(k -> !refusedOnly.contains(k)).toList(), done.size());
  }

  private static List<String> keysOf(Finding f) {
    return f.accessKeys().isEmpty()
        ? f.events().stream().map(Evidence.Event::accessKeyId).filter(java.util.Objects::nonNull).distinct().toList()
        : f.accessKeys();
  }

  /** The finding's principals, else those of its events. */
  private static List<String> principalsOf(Finding f) {
    if (!f.principals().isEmpty()) {
      return f.principals();
    }
    return f.events().stream().map(Evidence.Event::principal).filter(java.util.Objects::nonNull).distinct().toList();
  }

  private static Set<String> actors(Finding f) {
    Set<String> out = new java.util.HashSet<>(principalsOf(f));
    out.addAll(f.accessKeys());
    f.events().forEach(e -> {
      if (e.sourceIp() != null) {
        out.add(e.sourceIp());
      }
    });
    return out;
  }

  private static String who(Told t) {
    List<String> p = shortPrincipals(t.principals());
    String names = p.size() <= 2 ? String.join(", ", p) : p.get(0) + ", " + p.get(1) + " and " + (p.size() - 2) + " more";
    return names + (t.calls() > 1 ? " (" + t.calls() + " calls)" : "");
  }

  /**
   * {@code arn:aws:sts::1:assumed-role/OpsAdminRole/ci-maint} → {@code OpsAdminRole/ci-maint};
   * {@code …:user/bob} → {@code user/bob}: what follows the ARN's account field (a name holding
   * ':' stays whole); anything not an ARN as it is.
   */
  public static String shortPrincipal(String arn) {
    if (arn == null) {
      return "";
    }
    int colon = -1;
    if (arn.startsWith("arn:")) {
      for (int n = 0, i = arn.indexOf(':'); i >= 0 && n < 5; n++, i = arn.indexOf(':', i + 1)) {
        colon = i;
      }
    }
    String tail = colon < 0 ? arn : arn.substring(colon + 1);
    return tail.startsWith("assumed-role/") ? tail.substring("assumed-role/".length()) : tail;
  }

  /**
   * The distinct principals, each {@link #shortPrincipal short}, except that principals whose short
   * forms would read the same (user/admin of two accounts) keep their account: {@code user/admin
   * (111122223333)}.
   */
  public static List<String> shortPrincipals(java.util.Collection<String> arns) {
    List<String> distinct = arns.stream().distinct().toList();
    java.util.Map<String, Long> uses = distinct.stream()
        .collect(java.util.stream.Collectors.groupingBy(IncidentStory::shortPrincipal, java.util.stream.Collectors.counting()));
    return distinct.stream().map(a -> {
      String s = shortPrincipal(a);
      if (uses.get(s) < 2) {
        return s;
      }
      String account = io.github.trailbench.core.model.Arn.accountOf(a);
      return s + " (" + (account == null || account.isEmpty() ? a : account) + ")";
    }).distinct().toList();
  }
}
