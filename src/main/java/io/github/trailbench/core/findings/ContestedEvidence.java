package io.github.trailbench.core.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of a case that another copy contradicts: an import met a second record with the same
 * eventID and recipient account whose error code, event name or time differs, kept the first and
 * rejected the second. An answer built on such an event (a finding, an explanation) names the
 * other copy, so the analyst compares the files instead of trusting one of the two silently.
 */
public final class ContestedEvidence {
  /**
   * A rejected copy of event {@code eventId} (in {@code accountId}, empty when the record has
   * none) at {@code position} of {@code file}; {@code differs} says what it says otherwise, each
   * "FIELD VALUE in that copy, VALUE in the case".
   */
  public record Copy(String eventId, String accountId, String file, String position, List<String> differs) {
    public Copy {
      differs = List.copyOf(differs);
    }

    /** "FILE (record 3): errorCode AccessDenied in that copy, none in the case". */
    public String describe() {
      return file + " (" + position + "): " + String.join("; ", differs);
    }
  }

  public static final ContestedEvidence NONE = new ContestedEvidence(List.of());

  private final Map<String, List<Copy>> byEvent = new LinkedHashMap<>();

  public ContestedEvidence(List<Copy> copies) {
    for (Copy c : copies) {
      byEvent.computeIfAbsent(key(c.eventId(), c.accountId()), k -> new ArrayList<>()).add(c);
    }
  }

  private static String key(String eventId, String accountId) {
    return eventId + '\n' + (accountId == null ? "" : accountId);
  }

  public boolean isEmpty() {
    return byEvent.isEmpty();
  }

  /** The rejected copies of the event with this eventID and recipient account (null or empty: none). */
  public List<Copy> of(String eventId, String accountId) {
    return byEvent.getOrDefault(key(eventId, accountId), List.of());
  }

  /**
   * The finding with a sentence in its summary naming each of its events another copy contradicts
   * (at most three, then how many more); the finding itself when none is.
   */
  public Finding annotate(Finding f) {
    if (byEvent.isEmpty()) {
      return f;
    }
    List<String> contested = new ArrayList<>();
    for (Evidence.Event e : f.events()) {
      for (Copy c : of(e.eventId(), e.accountId())) {
        contested.add("event " + e.eventId() + ", another copy in " + c.describe());
      }
    }
    if (contested.isEmpty()) {
      return f;
    }
    String sentence = " Contested evidence: "
        + String.join("; ", contested.subList(0, Math.min(3, contested.size())))
        + (contested.size() > 3 ? "; and " + (contested.size() - 3) + " more" : "")
        + ". The case keeps its first copy and this finding is built on it: compare the files before relying on it.";
    return f.withSummary(f.summary() + sentence);
  }
}
