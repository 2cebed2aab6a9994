package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A finding: something an analyst should look at, produced by a rule or written by hand.
 * Immutable; edit with the {@code with…} copies.
 *
 * @param id stable identifier. For detections it is derived from the rule id and the group key
 *     (e.g. the principal), so running the same rule pack over the same case again yields the
 *     same ids and a store can keep status and notes across runs.
 * @param ruleId id of the rule that produced it, or {@link #MANUAL} for an analyst's finding
 * @param summary one sentence naming who, what and when
 * @param description why this matters (for detections: the rule's description)
 * @param notes the analyst's notes; empty string when none
 * @param evidence events first (time order), then principals, keys, sessions, references
 * @param eventCount how many events matched in total; may exceed the number of
 *     {@link Evidence.Event} items when evidence was capped
 * @param firstEventTime time of the earliest matching event, null without events
 * @param lastEventTime time of the latest matching event, null without events
 * @param createdAt when the finding was created (the detection run, or the analyst's edit)
 * @param references documentation links of the rule (URLs); empty for manual findings
 * @param pack name of the rule pack the case keeps the rule in (an analyst's Sigma folder or JSON
 *     pack); empty for the built-in detections and for manual findings
 */
public record Finding(
    String id,
    String ruleId,
    String title,
    Severity severity,
    FindingStatus status,
    String summary,
    String description,
    String notes,
    List<Evidence> evidence,
    long eventCount,
    Instant firstEventTime,
    Instant lastEventTime,
    Instant createdAt,
    List<String> references,
    String pack) {

  /** {@link #ruleId()} of findings an analyst created by hand. */
  public static final String MANUAL = "manual";

  /**
   * Report order: severity (critical first), then what succeeded before what was only attempted,
   * then earliest event, then rule id, then id.
   */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::attemptsOnly)
          .thenComparing(Finding::firstEventTime, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::id);

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    title = title == null ? "" : title;
    summary = summary == null ? "" : summary;
    description = description == null ? "" : description;
    notes = notes == null ? "" : notes;
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    references = references == null ? List.of() : List.copyOf(references);
    pack = pack == null ? "" : pack;
  }

  /** A finding of no analyst's rule pack (built-in detections, manual findings). */
  public Finding(String id, String ruleId, String title, Severity severity, FindingStatus status, String summary,
      String description, String notes, List<Evidence> evidence, long eventCount, Instant firstEventTime,
      Instant lastEventTime, Instant createdAt, List<String> references) {
    this(id, ruleId, title, severity, status, summary, description, notes, evidence, eventCount, firstEventTime,
        lastEventTime, createdAt, references, "");
  }

  /** A copy naming the rule pack its rule came from. */
  public Finding withPack(String v) {
    return new Finding(id, ruleId, title, severity, status, summary, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, v);
  }

  /** A hand-written finding with no evidence yet. */
  public static Finding manual(String id, String title, Severity severity, String summary, Instant createdAt) {
    return new Finding(id, MANUAL, title, severity, FindingStatus.OPEN, summary, "", "", List.of(), 0,
        null, null, createdAt, List.of());
  }

  /**
   * The stable id of a detection finding: the rule id plus 10 hex digits of SHA-256 of the group
   * key (what makes one finding of the rule, e.g. the principal).
   */
  public static String idFor(String ruleId, String groupKey) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(groupKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return ruleId + "-" + java.util.HexFormat.of().formatHex(d, 0, 5);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the finding tells of attempts only: a detection says so in its summary ("Attempted
   * only: …", when every call was refused and the rule is about what the calls would have done);
   * a finding made by hand, when it has logged calls and every one of them failed. A rule about
   * failures (a burst of denials) or about the use of a credential, which a refused call also
   * proves, is not about attempts.
   */
  public boolean attemptsOnly() {
    if (!isManual()) {
      return summary.startsWith(RuleRunner.ATTEMPTED_ONLY);
    }
    List<Evidence.Event> events = events();
    return !events.isEmpty() && events.stream().noneMatch(Evidence.Event::succeeded);
  }

  public boolean isManual() {
    return MANUAL.equals(ruleId);
  }

  public Finding withTitle(String v) {
    return new Finding(id, ruleId, v, severity, status, summary, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withSeverity(Severity v) {
    return new Finding(id, ruleId, title, v, status, summary, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withStatus(FindingStatus v) {
    return new Finding(id, ruleId, title, severity, v, summary, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withSummary(String v) {
    return new Finding(id, ruleId, title, severity, status, v, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withDescription(String v) {
    return new Finding(id, ruleId, title, severity, status, summary, v, notes, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withNotes(String v) {
    return new Finding(id, ruleId, title, severity, status, summary, description, v, evidence, eventCount,
        firstEventTime, lastEventTime, createdAt, references, pack);
  }

  public Finding withCreatedAt(Instant v) {
    return new Finding(id, ruleId, title, severity, status, summary, description, notes, evidence, eventCount,
        firstEventTime, lastEventTime, v, references, pack);
  }

  /**
   * Replaces the evidence. Event count and time range are recomputed from the event items, except
   * when the event items are unchanged (e.g. only a reference was added): then the count and
   * time range, which may cover events beyond the evidence cap, are kept.
   */
  public Finding withEvidence(List<Evidence> v) {
    List<Evidence> list = v == null ? List.of() : List.copyOf(v);
    Instant first = null;
    Instant last = null;
    long count = 0;
    for (Evidence e : list) {
      if (e instanceof Evidence.Event ev) {
        count++;
        if (ev.time() != null) {
          first = first == null || ev.time().isBefore(first) ? ev.time() : first;
          last = last == null || ev.time().isAfter(last) ? ev.time() : last;
        }
      }
    }
    if (events().equals(eventsOf(list))) {
      // same events (e.g. only a reference added): keep the counts and times of capped evidence
      return new Finding(id, ruleId, title, severity, status, summary, description, notes, list,
          Math.max(count, eventCount), firstEventTime != null ? firstEventTime : first,
          lastEventTime != null ? lastEventTime : last, createdAt, references, pack);
    }
    return new Finding(id, ruleId, title, severity, status, summary, description, notes, list, count,
        first, last, createdAt, references, pack);
  }

  /** Adds evidence items (e.g. a decision-trace reference) that are not already present. */
  public Finding withAddedEvidence(Evidence... items) {
    LinkedHashSet<Evidence> set = new LinkedHashSet<>(evidence);
    for (Evidence item : items) {
      set.add(Objects.requireNonNull(item));
    }
    return withEvidence(new ArrayList<>(set));
  }

  /** The event items of the evidence, in order. */
  public List<Evidence.Event> events() {
    return eventsOf(evidence);
  }

  public List<String> eventIds() {
    return events().stream().map(Evidence.Event::eventId).toList();
  }

  public List<String> principals() {
    return evidence.stream().filter(Evidence.Principal.class::isInstance)
        .map(e -> ((Evidence.Principal) e).arn()).toList();
  }

  public List<String> accessKeys() {
    return evidence.stream().filter(Evidence.AccessKey.class::isInstance)
        .map(e -> ((Evidence.AccessKey) e).accessKeyId()).toList();
  }

  public List<Evidence.Session> sessions() {
    return evidence.stream().filter(Evidence.Session.class::isInstance)
        .map(Evidence.Session.class::cast).toList();
  }

  public List<Evidence.Reference> referencesToCase() {
    return evidence.stream().filter(Evidence.Reference.class::isInstance)
        .map(Evidence.Reference.class::cast).toList();
  }

  private static List<Evidence.Event> eventsOf(List<Evidence> list) {
    return list.stream().filter(Evidence.Event.class::isInstance).map(Evidence.Event.class::cast).toList();
  }
}
