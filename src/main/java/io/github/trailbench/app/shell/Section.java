package io.github.trailbench.app.shell;

import java.util.Locale;
import java.util.Optional;

/** The views of the workbench, in the order the navigation shows them. */
public enum Section {
  TIMELINE(
      "Timeline",
      "mdi2t-timeline-clock-outline",
      "Every event of the case over time: a histogram stacked by outcome, a filter language"
          + " (field:value, AND/OR/NOT, time ranges), a virtualized event table with the raw"
          + " JSON, session swimlanes, pivots and bookmarks.",
      7),
  GRAPH(
      "Principal graph",
      "mdi2g-graph-outline",
      "Who can become whom, and who actually did: users, roles, sessions and keys with"
          + " can-assume and did-assume edges decided by the policy engine, privilege-escalation"
          + " paths, and \"who can reach X\" queries.",
      8),
  DECISION(
      "Decision tree",
      "mdi2f-file-tree-outline",
      "Why a request was allowed or denied: the engine's decision trace drawn as a tree in"
          + " AWS's evaluation order, stepped through one node at a time, with what-if edits of"
          + " context and policies.",
      9),
  FINDINGS(
      "Findings",
      "mdi2f-flag-outline",
      "Detections over the case (root use, key creation for others, CloudTrail tampering,"
          + " enumeration bursts...), credential hygiene, least privilege, analyst notes, and"
          + " export as PDF and CSV.",
      10),
  IMPORTS(
      "Imports",
      "mdi2d-database-import-outline",
      "The import ledger: every file read into the case with its hash, format, records read,"
          + " added, duplicates and rejects with file, position and reason.",
      4),
  ORGANIZATION(
      "Organization",
      "mdi2o-office-building-outline",
      "The slice job's overview of the whole organization trail: events per account and principal,"
          + " which principals the case already holds, and the command that slices one in.",
      24);

  private final String title;
  private final String iconLiteral;
  private final String plan;
  private final int issue;

  Section(String title, String iconLiteral, String plan, int issue) {
    this.title = title;
    this.iconLiteral = iconLiteral;
    this.plan = plan;
    this.issue = issue;
  }

  public String title() {
    return title;
  }

  public String iconLiteral() {
    return iconLiteral;
  }

  /** What the view will show, for views not built yet. */
  public String plan() {
    return plan;
  }

  /** The tracker issue that builds this view. */
  public int issue() {
    return issue;
  }

  /** The id used on the command line ({@code --view graph}). */
  public String id() {
    return this == GRAPH ? "graph" : name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Section> byId(String id) {
    for (Section s : values()) {
      if (s.id().equalsIgnoreCase(id) || s.name().equalsIgnoreCase(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
