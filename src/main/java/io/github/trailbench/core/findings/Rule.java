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
    String source) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    falsePositives = falsePositives == null ? List.of() : List.copyOf(falsePositives);
    references = references == null ? List.of() : List.copyOf(references);
    tags = tags == null ? List.of() : List.copyOf(tags);
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
  }

  /** A copy with another severity (e.g. a user's override). */
  public Rule withSeverity(Severity s) {
    return new Rule(id, title, s, description, falsePositives, references, tags, kind, match, exclude, groupBy,
        summary, enabled, source);
  }

  public Rule withEnabled(boolean e) {
    return new Rule(id, title, severity, description, falsePositives, references, tags, kind, match, exclude,
        groupBy, summary, e, source);
  }
}
