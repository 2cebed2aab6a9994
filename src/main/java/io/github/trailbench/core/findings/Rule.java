package io.github.trailbench.core.findings;

import java.util.List;
import java.util.Objects;

/**
 * One detection of a rule pack, as loaded from JSON (format: docs/detections.md).
 *
 * @param match the events the rule looks at; null means every event
 * @param exclude events matching this are ignored; null when none
 * @param groupBy fields whose values form one finding (default: the kind's key, else principal)
 * @param summary template of the finding's one-sentence summary; null for the default
 * @param outcome which calls the rule looks at: successful ones, failed attempts, or both
 * @param yieldsTo ids of rules that explain an event better: an event one of them also reports is
 *     taken out of this rule's findings (e.g. a key created for another user during a rotation)
 * @param pack the name of the case's rule pack the rule belongs to, given to its findings; empty
 *     for the built-in rules and for rules passed on the command line only
 */
public record Rule(
    String id,
    String title,
    Severity severity,
    String description,
    List<String> falsePositives,
    List<String> references,
    List<String> tags,
    RuleKind kind,
    Selector match,
    Selector exclude,
    List<String> groupBy,
    String summary,
    boolean enabled,
    String source,
    Outcome outcome,
    List<String> yieldsTo,
    String pack) {

  /** Which calls a rule looks at, by their outcome ({@link EventView#outcome()}). */
  public enum Outcome {
    /** Successes and failed attempts; a finding whose calls all failed says so in its title. */
    ANY("any"),
    /** Only calls that succeeded. */
    SUCCESS("success"),
    /** Only failed attempts (denied, or a failed sign-in); the rule is about failures, its title stays. */
    FAILURE("failure"),
    /**
     * Every call, as {@link #ANY}; but the rule is about the use of a credential, which a refused call
     * also proves (AWS authenticates a request before it authorizes it): only calls whose
     * credentials AWS did not accept (a failed sign-in, an invalid or expired token) are attempts.
     */
    AUTHENTICATED("authenticated");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    static Outcome parse(String s) {
      for (Outcome o : values()) {
        if (o.code.equals(s)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown outcome '" + s + "' (expected any, success, failure or authenticated)");
    }
  }

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    falsePositives = falsePositives == null ? List.of() : List.copyOf(falsePositives);
    references = references == null ? List.of() : List.copyOf(references);
    tags = tags == null ? List.of() : List.copyOf(tags);
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    outcome = outcome == null ? Outcome.ANY : outcome;
    yieldsTo = yieldsTo == null ? List.of() : List.copyOf(yieldsTo);
    pack = pack == null ? "" : pack;
  }

  /** A copy with another severity (e.g. a user's override). */
  public Rule withSeverity(Severity s) {
    return new Rule(id, title, s, description, falsePositives, references, tags, kind, match, exclude, groupBy,
        summary, enabled, source, outcome, yieldsTo, pack);
  }

  /** A copy belonging to the case's rule pack {@code name}. */
  public Rule withPack(String name) {
    return new Rule(id, title, severity, description, falsePositives, references, tags, kind, match, exclude, groupBy,
        summary, enabled, source, outcome, yieldsTo, name);
  }

  public Rule withEnabled(boolean e) {
    return new Rule(id, title, severity, description, falsePositives, references, tags, kind, match, exclude,
        groupBy, summary, e, source, outcome, yieldsTo, pack);
  }
}
