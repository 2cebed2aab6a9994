package io.github.trailbench.app.workspace;

import io.github.trailbench.app.findings.FindingsService;
import io.github.trailbench.app.workspace.CaseWorkspace.CaseException;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.report.CaseReports;
import io.github.trailbench.report.CsvExport;
import io.github.trailbench.report.CsvOptions;
import io.github.trailbench.report.PdfReport;
import io.github.trailbench.store.CaseDetections;
import io.github.trailbench.store.CaseFindings;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link FindingsService} over the case store's findings. */
final class StoreFindings implements FindingsService {
  /** The open case, or a CaseException when none is open. */
  interface OpenCase {
    CaseStore get() throws CaseException;
  }

  private final OpenCase store;

  StoreFindings(OpenCase store) {
    this.store = store;
  }

  @Override
  public DetectionRun detect() throws CaseException {
    CaseDetections.Outcome outcome = CaseDetections.run(store.get(), RulePack.builtIn());
    if (!outcome.unreadable().isEmpty()) {
      throw new CaseException(outcome.unreadable().size() + " stored record(s) could not be read, first: "
          + outcome.unreadable().get(0), null);
    }
    CaseFindings.Merge merge = CaseFindings.mergeDetections(store.get(), outcome.result().findings());
    return new DetectionRun(stored(), merge.added(), merge.refreshed(), merge.noLongerDetected(),
        outcome.result().eventsScanned());
  }

  @Override
  public Snapshot stored() throws CaseException {
    List<CaseFindings.Stored> list = CaseFindings.list(store.get());
    Set<String> gone = list.stream().filter(s -> !s.detected()).map(s -> s.finding().id()).collect(Collectors.toSet());
    return new Snapshot(list.stream().map(CaseFindings.Stored::finding).toList(), gone);
  }

  @Override
  public void save(Finding finding) throws CaseException {
    CaseFindings.save(store.get(), finding);
  }

  @Override
  public void delete(String findingId) throws CaseException {
    CaseFindings.delete(store.get(), findingId);
  }

  @Override
  public void move(String findingId, int index) throws CaseException {
    CaseFindings.move(store.get(), findingId, index);
  }

  @Override
  public void exportCsv(List<Finding> list, Path file) throws Exception {
    CsvExport.writeFindings(list, file, CsvOptions.defaults());
  }

  @Override
  public void exportPdf(List<Finding> list, Path file) throws Exception {
    CaseStore s = store.get();
    PdfReport pdf = new PdfReport(CaseReports.summary(s), list, CaseReports.figures(s),
        io.github.trailbench.report.CaseFigures.forFindings(s.directory(), list));
    java.util.Optional<io.github.trailbench.core.model.iam.CredentialReport> report =
        CaseDetections.credentialReport(s, new java.util.ArrayList<>());
    if (report.isPresent()) {
      pdf = pdf.withCredentialReport(io.github.trailbench.report.CredentialReportSummary.of(report.get(),
          io.github.trailbench.core.findings.DetectionOptions.defaults().credentialAgeThreshold()));
    }
    pdf.write(file);
  }
}
