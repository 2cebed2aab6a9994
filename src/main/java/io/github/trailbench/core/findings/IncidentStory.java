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
    List<Finding> succeeded = withEvents.stream()
        .filter(f -> !f.attemptsOnly() && (f.severity().compareTo(Severity.HIGH) <= 0
            || (f.severity() == Severity.MEDIUM && actors(f).stream().anyMatch(actors::contains))))
        .sorted(Finding.ORDER).limit(MAX_LINES).sorted(Comparator.comparing(Finding::firstEventTime)).toList();
    List<Finding> blocked = withEvents.stream().filter(f -> f.title().contains(RuleRunner.ATTEMPTED))
        .sorted(Comparator.comparing(Finding::firstEventTime)).toList();
    List<String> lines = new ArrayList<>();
    Set<String> principals = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    Instant first = null;
    Instant last = null;
    List<Finding> told = new ArrayList<>(succeeded);
    told.addAll(blocked);
    for (Finding f : told) {
      principals.addAll(principalsOf(f));
      keys.addAll(f.accessKeys().isEmpty()
          ? f.events().stream().map(Evidence.Event::accessKeyId).filter(java.util.Objects::nonNull).distinct().toList()
          : f.accessKeys());
      first = first == null || f.firstEventTime().isBefore(first) ? f.firstEventTime() : first;
      Instant l = f.lastEventTime() == null ? f.firstEventTime() : f.lastEventTime();
      last = last == null || l.isAfter(last) ? l : last;
    }
    for (Finding f : succeeded) {
      lines.add(WHEN.format(f.firstEventTime()) + " \u2014 " + f.title() + " \u2014 " + who(f));
    }
    if (!blocked.isEmpty()) {
      List<String> what = blocked.stream().map(f -> f.title()).distinct().toList();
      lines.add("Blocked: " + String.join("; ", what) + ".");
    }
    return new IncidentStory(lines, new ArrayList<>(principals), new ArrayList<>(keys), first, last);
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

  private static String who(Finding f) {
    List<String> p = shortPrincipals(principalsOf(f));
    String names = p.size() <= 2 ? String.join(", ", p) : p.get(0) + ", " + p.get(1) + " and " + (p.size() - 2) + " more";
    return names + (f.eventCount() > 1 ? " (" + f.eventCount() + " calls)" : "");
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
