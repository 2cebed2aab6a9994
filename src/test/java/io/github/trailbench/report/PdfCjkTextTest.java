package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** CJK text is drawn with a CJK font of the machine; without one it is replaced, and the cover says so once. */
class PdfCjkTextTest {
  static final String JAPANESE = "ユーザー管理者";
  static final String CHINESE = "用户访问密钥";
  static final String KOREAN = "사용자";

  static PdfReport report() {
    String cjk = JAPANESE + " " + CHINESE + " " + KOREAN;
    Instant t = Instant.parse("2026-11-21T10:00:00Z");
    Finding f = new Finding("cjk-1", "manual", "Console login by " + JAPANESE, Severity.HIGH, FindingStatus.OPEN,
        "Summary " + cjk, "Description " + cjk, "", List.of(new Evidence.Event("ev-1", "111122223333", t,
            "signin.amazonaws.com", "ConsoleLogin", "ap-northeast-1", "arn:aws:iam::111122223333:user/" + CHINESE,
            null, "203.0.113.7", "Mozilla/5.0 " + cjk, null)),
        1, t, t, PdfReportTest.GENERATED, List.of());
    return new PdfReport(PdfReportTest.summary("事件 " + JAPANESE), List.of(f));
  }

  static byte[] bytes(PdfReport r, Optional<FallbackFont> fallback) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.write(out, fallback);
    return out.toByteArray();
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void cjkEvidenceIsDrawnWithTheMachinesCjkFont() throws Exception {
    Optional<FallbackFont> font = FallbackFont.system();
    assumeTrue(font.isPresent(), "no TrueType CJK font on this machine (e.g. apt-get install fonts-wqy-zenhei)");
    assumeTrue(font.get().covers('한'), "the CJK font has no Hangul");

    byte[] pdf = bytes(report(), font);
    Files.createDirectories(PdfReportTest.OUT);
    Files.write(PdfReportTest.OUT.resolve("cjk-report.pdf"), pdf);
    String text = text(pdf);

    assertThat(text).contains(JAPANESE, CHINESE, KOREAN, "事件").doesNotContain("\uFFFD")
        .doesNotContain(PdfReport.MISSING_GLYPHS_NOTE);
  }

  @Test
  void withoutACjkFontTheCharactersAreReplacedAndTheCoverSaysSoOnce() throws Exception {
    byte[] pdf = bytes(report(), Optional.empty());
    Files.createDirectories(PdfReportTest.OUT);
    Files.write(PdfReportTest.OUT.resolve("cjk-report-without-cjk-font.pdf"), pdf);
    String text = text(pdf);

    assertThat(text).doesNotContain(JAPANESE).contains("\uFFFD");
    String note = "Some characters could not be shown";
    assertThat(text.indexOf(note)).isNotNegative().isEqualTo(text.lastIndexOf(note));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper cover = new PDFTextStripper();
      cover.setStartPage(1);
      cover.setEndPage(1);
      assertThat(cover.getText(doc)).contains(note);
    }
  }

  @Test
  void aReportWithoutMissingCharactersHasNoNote() throws Exception {
    byte[] pdf = bytes(new PdfReport(PdfReportTest.summary("plain case"), List.of()), Optional.empty());
    assertThat(text(pdf)).doesNotContain("Some characters could not be shown");
  }
}
