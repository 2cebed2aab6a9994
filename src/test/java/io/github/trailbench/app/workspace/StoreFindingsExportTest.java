package io.github.trailbench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.report.CsvExport;
import io.github.trailbench.store.CaseKnownAddresses;
import io.github.trailbench.store.CaseRulePacksTest;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #20 leftovers: what the app exports says when its findings are stale, and which pack made each. */
class StoreFindingsExportTest {
  @TempDir Path tmp;

  private static String cover(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper first = new PDFTextStripper();
      first.setStartPage(1);
      first.setEndPage(1);
      return first.getText(doc);
    }
  }

  @Test
  void aPdfExportedFromTheAppWarnsOnItsCoverWhenTheFindingsWereMadeByOtherRulesThanTheCasesNow() throws Exception {
    Path caseDir = CaseRulePacksTest.oneEventCase(tmp);
    try (CaseStore s = CaseStore.open(caseDir)) {
      StoreFindings findings = new StoreFindings(() -> s);
      findings.detect();
      assertThat(findings.stored().findings()).isNotEmpty();

      Path fresh = tmp.resolve("fresh.pdf");
      findings.exportPdf(findings.stored().findings(), fresh);
      assertThat(cover(fresh)).doesNotContain("Warning");

      CaseKnownAddresses.add(s, "203.0.113.77", "pentest");
      Path stale = tmp.resolve("stale.pdf");
      findings.exportPdf(findings.stored().findings(), stale);
      assertThat(cover(stale).replaceAll("\\s+", " "))
          .contains("Warning: The stored findings were made by rule set")
          .contains("Run the detections again to refresh them.");

      findings.detect();
      Path refreshed = tmp.resolve("refreshed.pdf");
      findings.exportPdf(findings.stored().findings(), refreshed);
      assertThat(cover(refreshed)).doesNotContain("Warning");
    }
  }

  @Test
  void theCsvExportNamesEachFindingsRulePackInItsLastColumn() throws Exception {
    Path caseDir = CaseRulePacksTest.oneEventCase(tmp);
    try (CaseStore s = CaseStore.open(caseDir)) {
      StoreFindings findings = new StoreFindings(() -> s);
      findings.detect();
      var list = findings.stored().findings();
      Path csv = tmp.resolve("f.csv");
      findings.exportCsv(java.util.List.of(list.get(0), list.get(0).withPack("acme-sigma")), csv);
      var lines = Files.readAllLines(csv);
      assertThat(CsvExport.FINDING_COLUMNS.subList(CsvExport.FINDING_COLUMNS.size() - 2, CsvExport.FINDING_COLUMNS.size()))
          .containsExactly("pack", "detected");
      assertThat(lines.get(0)).endsWith(",pack,detected");
      assertThat(lines.get(lines.size() - 1)).endsWith(",acme-sigma,yes");
      assertThat(lines.get(1)).endsWith(",,yes");
    }
  }
}
