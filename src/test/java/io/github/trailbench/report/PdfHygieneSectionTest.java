package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.hygiene.CredentialHygiene;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF's "Credential hygiene" section. */
class PdfHygieneSectionTest {
  static final Path SAMPLE_REPORT = Path.of("samples/case/iam/credential-report.csv");

  static CredentialReport sampleReport() throws Exception {
    return (CredentialReport) IamSources.read(IamSourceKind.CREDENTIAL_REPORT, "credential-report.csv",
        Files.readAllBytes(SAMPLE_REPORT));
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void theSectionListsEveryHygieneProblemOfTheSampleReport() throws Exception {
    CredentialReport report = sampleReport();
    List<Finding> hygiene = new CredentialHygiene(Duration.ofDays(90)).check(report, PdfReportTest.GENERATED);
    List<Finding> all = new ArrayList<>(PdfReportTest.findingsFromFixtures());
    all.addAll(hygiene);
    byte[] pdf = new PdfReport(PdfReportTest.summary("hygiene"), all)
        .withCredentialReport(CredentialReportSummary.of(report, Duration.ofDays(90))).toBytes();
    Files.createDirectories(PdfReportTest.OUT);
    Files.write(PdfReportTest.OUT.resolve("hygiene-report.pdf"), pdf);

    String text = text(pdf);
    String section = text.substring(text.indexOf("2. Credential hygiene\n", text.indexOf("Findings overview\n")));
    section = section.substring(0, section.indexOf("3. Findings\n"));
    String squashed = section.replaceAll("\\s+", "");
    assertThat(squashed).contains("credential-report.csv:6user(s)includingroot", "2026-10-0717:18:00UTC",
        "threshold90days", "5problem(s)", "ConsolepasswordwithoutMFA", "Rootuserusedrecently",
        "IAMuserreports-legacy'sactiveaccesskey1(rotated2026-03-22)wasneverused.");
    assertThat(section).contains("bob HIGH Console password", "bob MEDIUM Active access key not", "account root MEDIUM Root user");
    // contents entry and the findings' numbering move one section down
    assertThat(text).contains("2. Credential hygiene", "3. Findings");
  }

  @Test
  void aReportWithoutProblemsSaysSoAndNoReportMeansNoSection() throws Exception {
    CredentialReport report = sampleReport();
    String clean = text(new PdfReport(PdfReportTest.summary("clean"), List.of())
        .withCredentialReport(new CredentialReportSummary("credential-report.csv", 6,
            Instant.parse("2026-10-07T17:18:00Z"), Duration.ofDays(90))).toBytes());
    assertThat(clean).contains("Credential hygiene", "No credential hygiene problem found.");
    String none = text(new PdfReport(PdfReportTest.summary("none"), PdfReportTest.findingsFromFixtures()).toBytes());
    assertThat(none).doesNotContain("Credential hygiene");
    assertThat(report.rows()).hasSize(6);
  }

  @Test
  void hygieneFindingsAloneAlsoMakeTheSection() throws Exception {
    String header = Files.readString(SAMPLE_REPORT, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    CredentialReport one = (CredentialReport) IamSources.read(IamSourceKind.CREDENTIAL_REPORT, "r.csv", (header + "\n"
        + "<root_account>,arn:aws:iam::111122223333:root,2023-11-02T10:15:27+00:00,not_supported,2026-10-02T16:02:41+00:00,"
        + "not_supported,not_supported,false,true,2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,"
        + "false,N/A\n").getBytes(StandardCharsets.UTF_8));
    List<Finding> hygiene = new CredentialHygiene(Duration.ofDays(90)).check(one, PdfReportTest.GENERATED);
    String text = text(new PdfReport(PdfReportTest.summary("root"), hygiene).toBytes());
    assertThat(text).contains("Credential hygiene", "Root user has an access key", "Root user without MFA");
  }
}
