package io.github.trailbench.cli;

import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingsJson;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.RuleFiles;
import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.report.CsvExport;
import io.github.trailbench.report.CsvOptions;
import io.github.trailbench.store.CaseDetections;
import io.github.trailbench.store.CaseFindings;
import io.github.trailbench.store.CaseRuleSet;
import io.github.trailbench.store.CaseRulePacks;
import io.github.trailbench.store.CaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "findings", mixinStandardHelpOptions = true,
    description = {"Run the detection rule pack over a case, keep its findings in the case and list the case's findings.",
        "The built-in rules run with the case's enabled rule packs (`trailbench rules`) and treat the case's known"
            + " addresses (`trailbench addresses`) as known.",
        "A re-run refreshes the detections' evidence and keeps the analyst's status, notes and edits;"
            + " findings written by hand stay. --no-save lists this run's findings only and stores nothing,"
            + " and says when the case's stored findings were made by other rules."})
public final class FindingsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (one object per line).")
  String format;

  @Option(names = "--rules", paramLabel = "PATH",
      description = {"Rules to run on top of the built-in pack (repeatable): a Sigma rule (.yml/.yaml), a rule pack"
          + " (.json, docs/detections.md) or a folder of them. Every file that cannot load is named with its reason"
          + " and nothing runs (exit 1)."})
  List<Path> rules = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Run only the --rules and the case's enabled rule packs, not the built-in pack.")
  boolean noBuiltin;

  @Option(names = "--no-save", description = "List only this run's findings; do not store them in the case.")
  boolean noSave;

  @Override
  public Integer call() throws IOException {
    if (!List.of("table", "csv", "json").contains(format)) {
      throw new BadInputException("--format must be table, csv or json, not '" + format + "'");
    }
    CaseArgs.requireExistingCase(caseDir);
    if (noBuiltin && rules.isEmpty()) {
      try (CaseStore store = CaseStore.open(caseDir)) {
        if (CaseRulePacks.list(store).stream().noneMatch(CaseRulePacks.Pack::enabled)) {
          throw new BadInputException("--no-builtin without --rules runs only the case's enabled rule packs, and it has"
              + " none: add --rules PATH, or keep a pack in the case with `trailbench rules --case DIR add PATH`");
        }
      }
    }
    RulePack pack = rulePack(rules, noBuiltin, spec.commandLine().getErr());
    boolean standard = rules.isEmpty() && !noBuiltin;
    Stored stored = noSave ? new Stored(run(caseDir, pack), null, null) : runAndStore(caseDir, pack, standard);
    if (noSave) {
      try (CaseStore store = CaseStore.open(caseDir)) {
        stored = new Stored(stored.result(), null, null, CaseRuleSet.staleNotice(store).orElse(null));
      }
    }
    List<Finding> list = stored.findings() == null ? stored.result().findings() : stored.findings();
    PrintWriter out = spec.commandLine().getOut();
    java.util.Set<String> noLongerDetected = java.util.Set.of();
    if (stored.findings() != null) {
      try (CaseStore store = CaseStore.open(caseDir)) {
        noLongerDetected = CaseFindings.noLongerDetected(store);
      }
    }
    java.util.Set<String> gone = noLongerDetected;
    switch (format) {
      case "json" -> list.forEach(f -> out.println(FindingsJson.line(f, gone.contains(f.id()))));
      case "csv" -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvExport.writeFindings(list, bytes, CsvOptions.defaults(), gone);
        out.print(bytes.toString(StandardCharsets.UTF_8));
      }
      default -> {
        PrintWriter text = SafeOut.over(out);
        printTable(text, stored.result(), list, stored.merge());
        if (stored.staleNotice() != null) {
          text.println("note: " + stored.staleNotice());
        }
        text.flush();
      }
    }
    if (stored.staleNotice() != null && !"table".equals(format)) {
      spec.commandLine().getErr().println("trailbench: note: " + stored.staleNotice());
      spec.commandLine().getErr().flush();
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  /**
   * The built-in pack (unless {@code noBuiltin}) plus every rule file given. When a file cannot
   * load, each problem is printed on {@code err}, one line each, and the command fails.
   */
  static RulePack rulePack(List<Path> rules, boolean noBuiltin, PrintWriter err) {
    RulePack pack = noBuiltin ? new RulePack("", List.of()) : RulePack.builtIn();
    if (rules.isEmpty()) {
      return pack;
    }
    RuleFiles.Loaded loaded = RuleFiles.load(rules);
    if (!loaded.ok()) {
      for (SourceProblem p : loaded.problems()) {
        err.println("trailbench: cannot load rule " + p);
      }
      err.flush();
      throw new BadInputException(loaded.problems().size() + " rule file(s) or path(s) could not be loaded (of "
          + loaded.filesRead() + " file(s) found); no detections were run");
    }
    return pack.plus(loaded.pack());
  }

  /**
   * A detection run, what storing it did, the case's findings afterwards (null when not stored),
   * and, for a run not stored, why the case's stored findings are stale (null when they are not).
   */
  record Stored(DetectionResult result, CaseFindings.Merge merge, List<Finding> findings, String staleNotice) {
    Stored(DetectionResult result, CaseFindings.Merge merge, List<Finding> findings) {
      this(result, merge, findings, null);
    }
  }

  /**
   * Runs the pack with the case's rule packs, merges its findings into the case and returns the
   * case's findings in the analyst's order. The rule set is recorded with them; {@code standard}
   * false (extra --rules, or --no-builtin) records it as such, so the stored findings read as
   * made by other rules than the case's.
   */
  static Stored runAndStore(Path caseDir, RulePack pack, boolean standard) {
    String version;
    try (CaseStore store = CaseStore.open(caseDir)) {
      version = CaseRuleSet.current(store) + (standard ? "" : " + command-line rules");
    }
    DetectionResult result = run(caseDir, pack);
    try (CaseStore store = CaseStore.open(caseDir)) {
      CaseFindings.Merge merge = CaseFindings.mergeDetections(store, result.findings());
      CaseRuleSet.record(store, version);
      return new Stored(result, merge, CaseFindings.findings(store));
    }
  }

  /** Runs the pack followed by the case's enabled rule packs. */
  static DetectionResult run(Path caseDir, RulePack pack) {
    CaseDetections.Outcome outcome;
    try (CaseStore store = CaseStore.open(caseDir)) {
      outcome = CaseDetections.run(store, CaseDetections.withCasePacks(store, pack));
    }
    if (!outcome.unreadable().isEmpty()) {
      throw new BadInputException("cannot read " + outcome.unreadable().size() + " stored record(s), first: " + outcome.unreadable().get(0));
    }
    return outcome.result();
  }

  private static void printTable(PrintWriter out, DetectionResult result, List<Finding> list, CaseFindings.Merge merge) {
    out.printf("%d finding(s) from %,d events, %d rules%n", result.findings().size(), result.eventsScanned(), result.rulesRun().size());
    if (merge != null) {
      out.printf("case: %d finding(s) (%d new, %d refreshed, %d no longer detected)%n", list.size(), merge.added(),
          merge.refreshed(), merge.noLongerDetected());
    }
    out.println();
    for (Finding f : list) {
      out.printf("%-8s %-9s %-34s %s%n", f.severity().name().toLowerCase(), f.status().code(), SafeText.escape(f.ruleId()),
          SafeText.escape(f.title()));
      if (!f.pack().isEmpty()) {
        out.printf("         rule pack: %s%n", SafeText.escape(f.pack()));
      }
      out.printf("         %s%n", SafeText.escape(f.summary()));
      long kept = f.eventIds().size();
      long count = Math.max(f.eventCount(), kept);
      out.printf("         events: %d%s; principals: %s%n%n", count, kept < count ? " (" + kept + " kept as evidence)" : "", SafeText.escape(String.join(", ", f.principals())));
    }
    if (result.outOfOrderEvents() > 0) {
      out.printf("note: %d events were out of time order; stateful rules may be incomplete%n", result.outOfOrderEvents());
    }
  }
}
