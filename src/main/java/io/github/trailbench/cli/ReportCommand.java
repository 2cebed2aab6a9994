package io.github.trailbench.cli;

import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.report.CaseSummary;
import io.github.trailbench.report.CsvExport;
import io.github.trailbench.report.CsvOptions;
import io.github.trailbench.report.PdfReport;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.LedgerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Run the detections over a case and write the findings as a PDF report or a CSV file.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--out", required = true, description = "FILE.pdf or FILE.csv")
  Path out;

  @Override
  public Integer call() throws Exception {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".pdf") && !name.endsWith(".csv")) {
      throw new BadInputException("--out must end in .pdf or .csv: " + out);
    }
    if (!Files.exists(caseDir.resolve(CaseStore.DB_NAME + ".mv.db"))) {
      throw new BadInputException(caseDir + ": not a Trailbench case (no " + CaseStore.DB_NAME + ".mv.db)");
    }
    DetectionResult result = FindingsCommand.run(caseDir, RulePack.builtIn());
    if (name.endsWith(".csv")) {
      CsvExport.writeFindings(result.findings(), out, CsvOptions.defaults());
    } else {
      CaseSummary summary;
      try (CaseStore store = CaseStore.open(caseDir)) {
        summary = summary(store);
      }
      new PdfReport(summary, result.findings()).write(out);
    }
    spec.commandLine().getOut().printf("wrote %s: %d finding(s)%n", out, result.findings().size());
    return TrailbenchCommand.EXIT_OK;
  }

  /** One line per format: how many files, and the folder they share. */
  static List<String> sources(List<LedgerEntry> ledger) {
    Map<String, List<String>> byFormat = new java.util.TreeMap<>();
    ledger.forEach(e -> byFormat.computeIfAbsent(e.format(), k -> new java.util.ArrayList<>()).add(e.path()));
    return byFormat.entrySet().stream().map(e -> {
      List<String> paths = e.getValue();
      String prefix = paths.get(0);
      for (String path : paths) {
        while (!path.startsWith(prefix)) {
          prefix = prefix.substring(0, prefix.length() - 1);
        }
      }
      int cut = prefix.lastIndexOf('/');
      String folder = paths.size() == 1 ? paths.get(0) : (cut > 0 ? prefix.substring(0, cut + 1) : prefix);
      return e.getKey() + ": " + paths.size() + " file(s) in " + folder;
    }).toList();
  }

  static CaseSummary summary(CaseStore store) {
    EventQueries q = store.queries();
    List<LedgerEntry> ledger = q.ledger();
    Map<String, Long> bySource = new LinkedHashMap<>();
    for (EventQueries.ValueCount v : q.distinctValues(Field.EVENT_SOURCE, "", 40)) {
      bySource.put(v.value(), v.count());
    }
    var range = q.timeRange(new Expr.All());
    Path dir = store.directory();
    return new CaseSummary(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
        sources(ledger),
        range.map(EventQueries.TimeRange::first).orElse(null), range.map(EventQueries.TimeRange::last).orElse(null),
        q.count(new Expr.All()), bySource, Instant.now());
  }
}
