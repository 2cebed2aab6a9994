package io.github.trailbench.app.shell;

import io.github.trailbench.core.query.Field;
import java.util.stream.Collectors;

/** The Help menu's topics; their text is here so the app, the tests and the README agree. */
public enum HelpTopic {
  SHORTCUTS("shortcuts", "Keyboard shortcuts", "mdi2k-keyboard-outline"),
  FILTERS("filters", "The filter language", "mdi2f-filter-outline"),
  CASES("cases", "Where cases live", "mdi2f-folder-information-outline");

  private final String id;
  private final String title;
  private final String icon;

  HelpTopic(String id, String title, String icon) {
    this.id = id;
    this.title = title;
    this.icon = icon;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String iconLiteral() {
    return icon;
  }

  /**
   * The topic's text. {@code sampleCase} is where the sample case is written on this machine
   * (shown under "Where cases live").
   */
  public String text(java.nio.file.Path sampleCase) {
    return switch (this) {
      case SHORTCUTS -> String.join("\n",
          "Anywhere",
          "  Ctrl+1 … Ctrl+6   Timeline, Principal graph, Decision tree, Findings, Imports, Organization",
          "  Ctrl+N            new case          Ctrl+O   open a case",
          "  Ctrl+I            import files      Ctrl+Shift+I   import a folder",
          "  Ctrl+E            export findings   Ctrl+Q   quit",
          "  F1                this help",
          "",
          "Timeline",
          "  Ctrl+L, / or Ctrl+F   focus the filter (Enter applies it)",
          "  Tab or Enter          accept a suggestion; ↑ / ↓ choose; Esc closes",
          "  ↑ / ↓                 move through the events",
          "  Enter                 open the event's detail (Esc: back to the table)",
          "  F8 or n               next error (the next page too, in time order)",
          "  Shift+F8 or p         previous error",
          "  right-click a row     explain, events around it, pivot, graph, bookmark, finding",
          "  histogram             hover: time and counts; click a bar or drag: zoom; scroll: zoom around the pointer");
      case FILTERS -> String.join("\n",
          "Conditions joined by AND (or a space), OR and NOT, grouped with ( ):",
          "  principal:ci-deploy AND error:AccessDenied",
          "  (eventName:CreateUser OR eventName:CreateAccessKey) NOT readOnly:true",
          "  time>=\"2026-10-03 14:00\" time<2026-10-04      (UTC unless a zone is given: 14:00+02:00)",
          "",
          "Values: whole and case-insensitive (eventName:GetObject); * and ? are wildcards",
          "(eventName:Get*); \"quotes\" keep spaces. On principal a value is found inside the ARN",
          "(principal:ci-deploy); a quoted ARN is that ARN only.",
          "error:* any error, error:none no error. A bare word is looked for in the name, source,",
          "principal, IP, user agent, key and session.",
          "",
          "Fields: " + String.join(", ", Field.keys()),
          "CloudTrail's names work too: " + java.util.Arrays.stream(Field.values()).flatMap(f -> f.aliases().stream())
              .collect(Collectors.joining(", ")),
          "",
          "When nothing matches, the line under the filter says which condition found nothing.");
      case CASES -> String.join("\n",
          "A case is a folder you choose (File › New case…); it holds case.mv.db (the events, IAM data,",
          "findings, tags, saved filters), a case.trailbench marker that opens it, and caches that",
          "are safe to delete (columns.cache, session-links.cache, principal-graph.cache, replay-verdicts.cache, action-coverage.cache).",
          "",
          "The sample case is imported on first open into",
          "  " + sampleCase,
          "(~/.trailbench/cases/sample, or under -Dtrailbench.home=DIR). Delete that folder to start it afresh.",
          "",
          "Recent cases are listed on the welcome screen (kept in your Java user preferences).",
          "Nothing leaves the machine: imports, enrichment and reports are offline.");
    };
  }
}
