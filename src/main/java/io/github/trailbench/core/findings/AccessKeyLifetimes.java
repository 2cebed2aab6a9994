package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Access keys used outside their life, and temporary keys used by two principals: what the log
 * says happened but AWS does not let happen, so the log, the clocks or the files disagree.
 *
 * <ul>
 *   <li>{@value #OUTSIDE_LIFE}: a long-term key signed a call CloudTrail records as authenticated
 *       (succeeded or refused by a policy, not refused for its credentials) before the successful
 *       {@code CreateAccessKey} whose response returns it, while a successful {@code UpdateAccessKey}
 *       had set it {@code Inactive} with no {@code Active} logged in between, or after its successful
 *       {@code DeleteAccessKey}. A call AWS refused for the key ({@code InvalidClientTokenId}) is AWS
 *       doing its job and is left out.
 *   <li>{@value #TWO_PRINCIPALS}: a temporary ({@code ASIA}) key whose calls name two different
 *       principal ARNs ({@code userIdentity.arn}); one STS key is one session of one principal.
 * </ul>
 *
 * <p>Calls of AWS services ({@code AWSService} callers, {@code invokedBy}) are left out of both: a
 * service acting with a caller's credentials (forward access sessions) is not the key's holder.
 * Fed every event in any order: it collects, and {@link #findings} decides. Memory: per key its
 * lifecycle calls, the first and last use of each hour it was used, the first use the lifecycle
 * known at the time already placed outside the key's life; per temporary key its first principal
 * (and at most {@value #MAX_PRINCIPALS} principals).
 */
public final class AccessKeyLifetimes implements Consumer<CloudTrailEvent> {
  public static final String OUTSIDE_LIFE = "access-key-used-outside-its-life";
  public static final String OUTSIDE_LIFE_TITLE = "Access key used outside its life";
  public static final String TWO_PRINCIPALS = "temporary-key-used-by-two-principals";
  public static final String TWO_PRINCIPALS_TITLE = "Temporary key used by two principals";
  static final String OUTSIDE_LIFE_DESCRIPTION = "A call signed with an access key, and authenticated by AWS, is logged "
      + "before the CreateAccessKey that returned the key, while an UpdateAccessKey had set it Inactive (no reactivation "
      + "logged in between) or after its DeleteAccessKey. AWS refuses such a key, so the log is incomplete (a missing "
      + "reactivation or creation), a clock is wrong, or the files were altered or mixed from another account: check the "
      + "trail's integrity (digest files) before trusting either event.";
  static final String TWO_PRINCIPALS_DESCRIPTION = "A temporary (ASIA) access key signs calls logged as two different "
      + "principals. One STS key is one session of one principal, so the log disagrees with itself: records were edited, "
      + "forged or merged from another source. Check the trail's integrity (digest files) and the STS call that issued "
      + "the key.";
  private static final long HOUR = 3600;
  private static final int MAX_PRINCIPALS = 8;

  private enum Change { CREATED, INACTIVE, ACTIVE, DELETED }

  private record Lifecycle(Change change, Evidence.Event event) {}

  /** The first and last use of a key within one hour. */
  private static final class Uses {
    Evidence.Event first;
    Evidence.Event last;

    void add(Evidence.Event e) {
      if (first == null || e.time().isBefore(first.time())) {
        first = e;
      }
      if (last == null || e.time().isAfter(last.time())) {
        last = e;
      }
    }
  }

  private final IpClassifier ips;
  private final Map<String, List<Lifecycle>> lifecycles = new HashMap<>();
  private final Map<String, TreeMap<Long, Uses>> uses = new LinkedHashMap<>();
  /** Per key and lifecycle call, the earliest use the lifecycle known at the time placed after it. */
  private final Map<String, Evidence.Event> deadUses = new HashMap<>();
  private final Map<String, LinkedHashMap<String, Evidence.Event>> principals = new LinkedHashMap<>();

  public AccessKeyLifetimes(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.eventTime() == null) {
      return;
    }
    if ("iam.amazonaws.com".equals(e.eventSource()) && !e.failed()) {
      lifecycle(e);
    }
    UserIdentity ui = e.userIdentity();
    String key = ui == null ? null : ui.accessKeyId();
    if (key == null || key.isEmpty() || "AWSService".equals(ui.type()) || ui.invokedBy() != null
        || !Explainer.authenticated(e)) {
      return;
    }
    if (key.startsWith("ASIA")) {
      String arn = ui.arn();
      if (arn != null && !arn.isEmpty()) {
        LinkedHashMap<String, Evidence.Event> seen = principals.computeIfAbsent(key, k -> new LinkedHashMap<>());
        Evidence.Event first = seen.get(arn);
        if (first == null ? seen.size() < MAX_PRINCIPALS : e.eventTime().isBefore(first.time())) {
          seen.put(arn, new EventView(e, ips).toEvidence());
        }
      }
      return;
    }
    Evidence.Event use = new EventView(e, ips).toEvidence();
    uses.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(Math.floorDiv(e.eventTime().getEpochSecond(), HOUR),
        h -> new Uses()).add(use);
    // exact for events fed in time order, where an hour's first and last use could miss one between
    Lifecycle killer = deadAt(lifecycles.getOrDefault(key, List.of()), use.time(), use.eventId());
    if (killer != null) {
      deadUses.merge(key + "\u001f" + killer.event().eventId(), use, (a, b) -> b.time().isBefore(a.time()) ? b : a);
    }
  }

  private void lifecycle(CloudTrailEvent e) {
    Change change;
    String key;
    switch (e.eventName()) {
      case "CreateAccessKey" -> {
        JsonNode r = EventView.parse(e.responseElementsJson());
        key = r == null ? null : r.path("accessKey").path("accessKeyId").asText(null);
        change = Change.CREATED;
      }
      case "UpdateAccessKey" -> {
        JsonNode p = EventView.parse(e.requestParametersJson());
        key = p == null ? null : p.path("accessKeyId").asText(null);
        String status = p == null ? null : p.path("status").asText("");
        change = "Inactive".equals(status) ? Change.INACTIVE : "Active".equals(status) ? Change.ACTIVE : null;
      }
      case "DeleteAccessKey" -> {
        JsonNode p = EventView.parse(e.requestParametersJson());
        key = p == null ? null : p.path("accessKeyId").asText(null);
        change = Change.DELETED;
      }
      default -> {
        return;
      }
    }
    if (key != null && !key.isEmpty() && change != null) {
      lifecycles.computeIfAbsent(key, k -> new ArrayList<>()).add(new Lifecycle(change, new EventView(e, ips).toEvidence()));
    }
  }

  /**
   * The lifecycle call that places a use at {@code t} outside the key's life: the creation it
   * comes before, the deactivation (with no reactivation after it and before {@code t}) or the
   * deletion it comes after; null when the key was alive, or the case does not say otherwise.
   * CloudTrail times are to the second: a use in the same second as the lifecycle call counts as
   * inside the life.
   */
  private static Lifecycle deadAt(List<Lifecycle> life, Instant t, String useId) {
    if (life.isEmpty()) {
      return null;
    }
    List<Lifecycle> sorted = new ArrayList<>(life);
    sorted.sort(Comparator.comparing((Lifecycle l) -> l.event().time()).thenComparing(l -> l.event().eventId()));
    Lifecycle created = null;
    Lifecycle deleted = null;
    for (Lifecycle l : sorted) {
      if (l.change() == Change.CREATED && created == null) {
        created = l;
      } else if (l.change() == Change.DELETED && deleted == null) {
        deleted = l;
      }
    }
    if (created != null && t.isBefore(created.event().time())) {
      return created;
    }
    if (deleted != null && t.isAfter(deleted.event().time()) && !useId.equals(deleted.event().eventId())) {
      return deleted;
    }
    // [UAK] IAM API Reference, UpdateAccessKey: "Inactive means that the key cannot be used"
    // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html)
    Lifecycle inactive = null;
    for (Lifecycle l : sorted) {
      if (!l.event().time().isBefore(t)) {
        break;
      }
      if (l.change() == Change.INACTIVE && inactive == null) {
        inactive = l;
      } else if (l.change() == Change.ACTIVE || l.change() == Change.CREATED) {
        inactive = null;
      }
    }
    return inactive == null || useId.equals(inactive.event().eventId()) ? null : inactive;
  }

  /** The findings of both rules, ordered by key and time. */
  public List<Finding> findings(Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    Map<String, Evidence.Event> earliest = new LinkedHashMap<>();
    for (Map.Entry<String, TreeMap<Long, Uses>> k : uses.entrySet()) {
      List<Lifecycle> life = lifecycles.get(k.getKey());
      if (life == null) {
        continue;
      }
      List<Evidence.Event> candidates = new ArrayList<>();
      for (Uses u : k.getValue().values()) {
        candidates.add(u.first);
        candidates.add(u.last);
      }
      deadUses.forEach((id, use) -> {
        if (id.startsWith(k.getKey() + "\u001f")) {
          candidates.add(use);
        }
      });
      candidates.sort(Comparator.comparing(Evidence.Event::time).thenComparing(Evidence.Event::eventId));
      for (Evidence.Event use : candidates) {
        Lifecycle killer = deadAt(life, use.time(), use.eventId());
        if (killer != null) {
          earliest.putIfAbsent(k.getKey() + "\u001f" + killer.event().eventId(), use);
        }
      }
    }
    for (Map.Entry<String, Evidence.Event> x : earliest.entrySet()) {
      String key = x.getKey().substring(0, x.getKey().indexOf('\u001f'));
      Evidence.Event use = x.getValue();
      Lifecycle killer = deadAt(lifecycles.get(key), use.time(), use.eventId());
      out.add(outsideLife(key, killer, use, createdAt));
    }
    for (Map.Entry<String, LinkedHashMap<String, Evidence.Event>> k : principals.entrySet()) {
      if (k.getValue().size() > 1) {
        out.add(twoPrincipals(k.getKey(), k.getValue(), createdAt));
      }
    }
    out.sort(Comparator.comparing(Finding::firstEventTime, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Finding::id));
    return out;
  }

  private static Finding outsideLife(String key, Lifecycle killer, Evidence.Event use, Instant createdAt) {
    Evidence.Event lc = killer.event();
    String owner = use.principal() == null ? "" : " (" + shortName(use.principal()) + ")";
    String when = switch (killer.change()) {
      case CREATED -> "before its creation";
      case INACTIVE -> "while inactive";
      default -> "after its deletion";
    };
    String lifecycleWords = switch (killer.change()) {
      case CREATED -> "the CreateAccessKey that returned it is logged later, at " + SummaryTemplate.time(lc.time());
      case INACTIVE -> "UpdateAccessKey set it Inactive at " + SummaryTemplate.time(lc.time())
          + " and no reactivation is logged before the call";
      default -> "DeleteAccessKey deleted it at " + SummaryTemplate.time(lc.time());
    };
    String summary = "Access key " + key + owner + " signed " + use.eventName() + " (" + use.eventId() + ", "
        + (use.succeeded() ? "succeeded" : use.outcome()) + ") at " + SummaryTemplate.time(use.time()) + ", " + when
        + ": " + lifecycleWords + " (" + lc.eventId() + (lc.principal() == null ? "" : ", by " + shortName(lc.principal()))
        + "). AWS refuses a key " + when + ", so the log, the clocks or the files disagree: a lifecycle call is missing, "
        + "a clock is wrong or records were altered or mixed.";
    Evidence.Event first = use.time().isBefore(lc.time()) ? use : lc;
    Evidence.Event last = first == use ? lc : use;
    List<Evidence> evidence = new ArrayList<>(List.of(first, last));
    if (use.principal() != null) {
      evidence.add(new Evidence.Principal(use.principal()));
    }
    evidence.add(new Evidence.AccessKey(key));
    return new Finding(Finding.idFor(OUTSIDE_LIFE, key + "\u001f" + lc.eventId()), OUTSIDE_LIFE,
        OUTSIDE_LIFE_TITLE + " (" + when + "): " + key, Severity.HIGH, FindingStatus.OPEN, summary,
        OUTSIDE_LIFE_DESCRIPTION, "", evidence, 2, first.time(), last.time(), createdAt,
        List.of("https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html",
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"));
  }

  private static Finding twoPrincipals(String key, Map<String, Evidence.Event> seen, Instant createdAt) {
    List<Map.Entry<String, Evidence.Event>> byTime = new ArrayList<>(seen.entrySet());
    byTime.sort(Comparator.comparing((Map.Entry<String, Evidence.Event> x) -> x.getValue().time())
        .thenComparing(Map.Entry::getKey));
    List<Evidence> evidence = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Evidence.Event> x : byTime) {
      evidence.add(x.getValue());
      parts.add(x.getKey() + " (" + x.getValue().eventName() + ", " + x.getValue().eventId() + ", at "
          + SummaryTemplate.time(x.getValue().time()) + ")");
    }
    byTime.forEach(x -> evidence.add(new Evidence.Principal(x.getKey())));
    evidence.add(new Evidence.AccessKey(key));
    String summary = "Temporary key " + key + " signed calls as " + byTime.size() + " principals: "
        + String.join(" and ", parts) + ". One STS key is one session of one principal, so the log disagrees with "
        + "itself: records were edited, forged or mixed from another source.";
    Instant first = byTime.get(0).getValue().time();
    Instant last = byTime.stream().map(x -> x.getValue().time()).max(Comparator.naturalOrder()).orElse(first);
    return new Finding(Finding.idFor(TWO_PRINCIPALS, key), TWO_PRINCIPALS,
        TWO_PRINCIPALS_TITLE + ": " + key + " as " + shortName(byTime.get(0).getKey()) + " and "
            + shortName(byTime.get(1).getKey()), Severity.HIGH, FindingStatus.OPEN, summary,
        TWO_PRINCIPALS_DESCRIPTION, "", evidence, byTime.size(), first, last, createdAt,
        List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html"));
  }

  private static String shortName(String arn) {
    int slash = arn.indexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
