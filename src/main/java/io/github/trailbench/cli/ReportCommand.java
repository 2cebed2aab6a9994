package io.github.trailbench.cli;

import io.github.trailbench.core.findings.Finding;
import java.util.List;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.report.CsvExport;
import io.github.trailbench.report.CsvOptions;
import io.github.trailbench.report.PdfReport;
import io.github.trailbench.report.CaseReports;
import io.github.trailbench.store.CaseDetections;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.report.CredentialReportSummary;
import java.util.ArrayList;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Run the detections over a case (keeping their findings in it) and write the case's findings, "
        + "the analyst's included, as a PDF report or a CSV file.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--out", required = true, description = "FILE.pdf or FILE.csv")
  Path out;

  @Option(names = "--evidence", paramLabel = "FILE.csv", description = "Also write one row per event each finding keeps"
      + " as evidence (the rows a PDF groups when a finding has many).")
  Path evidence;

  @Override
  public Integer call() throws Exception {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".pdf") && !name.endsWith(".csv")) {
      throw new BadInputException("--out must end in .pdf or .csv: " + out);
    }
    if (evidence != null && !evidence.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      throw new BadInputException("--evidence must end in .csv: " + evidence);
    }
    CaseArgs.requireExistingCase(caseDir);
    List<Finding> findings = FindingsCommand.runAndStore(caseDir, RulePack.builtIn(), true).findings();
    java.util.Set<String> noLongerDetected;
    try (CaseStore store = CaseStore.open(caseDir)) {
      noLongerDetected = io.github.trailbench.store.CaseFindings.noLongerDetected(store);
    }
    if (name.endsWith(".csv")) {
      CsvExport.writeFindings(findings, out, CsvOptions.defaults(), noLongerDetected);
    } else {
      io.github.trailbench.report.CaseSummary summary;
      List<io.github.trailbench.report.Figure> figures;
      Optional<CredentialReport> credentialReport;
      try (CaseStore store = CaseStore.open(caseDir)) {
        summary = CaseReports.summary(store);
        figures = CaseReports.figures(store);
        credentialReport = CaseDetections.credentialReport(store, new ArrayList<>());
      }
      PdfReport pdf = new PdfReport(summary, findings, figures,
          io.github.trailbench.report.CaseFigures.forFindings(caseDir, findings)).withNoLongerDetected(noLongerDetected);
      if (credentialReport.isPresent()) {
        pdf = pdf.withCredentialReport(CredentialReportSummary.of(credentialReport.get(),
            DetectionOptions.defaults().credentialAgeThreshold()));
      }
      pdf.write(out);
    }
    spec.commandLine().getOut().printf("wrote %s: %d finding(s)%n", out, findings.size());
    if (evidence != null) {
      io.github.trailbench.core.findings.ContestedEvidence contested;
      try (CaseStore store = CaseStore.open(caseDir)) {
        contested = io.github.trailbench.store.ContestedCopies.of(store);
      }
      CsvExport.writeEvidence(findings, evidence, CsvOptions.defaults(), contested);
      spec.commandLine().getOut().printf("wrote %s: %d evidence event(s)%n", evidence,
          findings.stream().mapToLong(f -> f.events().size()).sum());
    }
    return TrailbenchCommand.EXIT_OK;
  }

}
