package io.github.trailbench.app.workspace;

import io.github.trailbench.app.findings.CaseRulesService;
import io.github.trailbench.app.findings.FindingsService;
import io.github.trailbench.core.findings.RulePackException;
import io.github.trailbench.store.CaseKnownAddresses;
import io.github.trailbench.store.CaseRulePacks;
import io.github.trailbench.store.CaseRuleSet;
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

/** {@link FindingsService} over the case store's findings, and the case's rule packs and known addresses. */
final class StoreFindings implements FindingsService, CaseRulesService {
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
    String version = CaseRuleSet.current(store.get());
    CaseDetections.Outcome outcome = CaseDetections.run(store.get(), CaseDetections.withCasePacks(store.get(), RulePack.builtIn()));
    if (!outcome.unreadable().isEmpty()) {
      throw new CaseException(outcome.unreadable().size() + " stored record(s) could not be read, first: "
          + outcome.unreadable().get(0), null);
    }
    CaseFindings.Merge merge = CaseFindings.mergeDetections(store.get(), outcome.result().findings());
    CaseRuleSet.record(store.get(), version);
    return new DetectionRun(stored(), merge.added(), merge.refreshed(), merge.noLongerDetected(),
        outcome.result().eventsScanned());
  }

  @Override
  public Snapshot stored() throws CaseException {
    List<CaseFindings.Stored> list = CaseFindings.list(store.get());
    Set<String> gone = list.stream().filter(s -> !s.detected()).map(s -> s.finding().id()).collect(Collectors.toSet());
    return new Snapshot(list.stream().map(CaseFindings.Stored::finding).toList(), gone,
        CaseRuleSet.staleNotice(store.get()).orElse(null));
  }

  @Override
  public List<RulePackRow> rulePacks() throws CaseException {
    return CaseRulePacks.list(store.get()).stream().map(StoreFindings::row).toList();
  }

  @Override
  public RulePackRow addRulePack(Path source, String licence) throws CaseException {
    try {
      return row(CaseRulePacks.add(store.get(), source, null, licence));
    } catch (RulePackException e) {
      throw new CaseException(e.problem().toString(), e);
    }
  }

  @Override
  public void setRulePackEnabled(String name, boolean enabled) throws CaseException {
    CaseRulePacks.setEnabled(store.get(), name, enabled);
  }

  @Override
  public void removeRulePack(String name) throws CaseException {
    CaseRulePacks.remove(store.get(), name);
  }

  @Override
  public List<KnownAddress> knownAddresses() throws CaseException {
    return CaseKnownAddresses.list(store.get()).stream().map(l -> new KnownAddress(l.range(), l.note())).toList();
  }

  @Override
  public KnownAddress addKnownAddress(String addressOrRange, String note) throws CaseException {
    CaseKnownAddresses.Listed l = CaseKnownAddresses.add(store.get(), addressOrRange, note);
    return new KnownAddress(l.range(), l.note());
  }

  @Override
  public void removeKnownAddress(String range) throws CaseException {
    CaseKnownAddresses.remove(store.get(), range);
  }

  private static RulePackRow row(CaseRulePacks.Pack p) {
    return new RulePackRow(p.name(), p.source(), p.kind().code(), p.licence(), p.ruleCount(), p.fileCount(),
        p.errors().stream().map(Object::toString).toList(), p.enabled());
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
    CsvExport.writeFindings(list, file, CsvOptions.defaults(), CaseFindings.noLongerDetected(store.get()));
  }

  @Override
  public void exportPdf(List<Finding> list, Path file) throws Exception {
    CaseStore s = store.get();
    PdfReport pdf = new PdfReport(CaseReports.summary(s), list, CaseReports.figures(s),
        io.github.trailbench.report.CaseFigures.forFindings(s.directory(), list)).withNoLongerDetected(CaseFindings.noLongerDetected(s));
    java.util.Optional<io.github.trailbench.core.model.iam.CredentialReport> report =
        CaseDetections.credentialReport(s, new java.util.ArrayList<>());
    if (report.isPresent()) {
      pdf = pdf.withCredentialReport(io.github.trailbench.report.CredentialReportSummary.of(report.get(),
          io.github.trailbench.core.findings.DetectionOptions.defaults().credentialAgeThreshold()));
    }
    java.util.Optional<String> stale = io.github.trailbench.store.CaseRuleSet.staleNotice(s);
    if (stale.isPresent()) {
      pdf = pdf.withCoverWarning(stale.get());
    }
    pdf.write(file);
  }
}
