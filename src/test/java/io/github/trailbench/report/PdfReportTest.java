package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.findings.DetectionEngine;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.Severity;
import io.github.trailbench.core.findings.TestEvents;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {
  static final Instant GENERATED = Instant.parse("2026-11-23T09:00:00Z");
  /** Reports are also left here so a person can look at them (pdftoppm, a viewer). */
  static final Path OUT = Path.of("target", "report-samples");

  static List<Finding> findingsFromFixtures() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<CloudTrailEvent> events = new ArrayList<>();
    for (var rule : RulePack.builtIn().rules()) {
      JsonNode fixture = mapper.readTree(TestEvents.resource("/io/github/trailbench/core/findings/fixtures/" + rule.id() + ".json"));
      for (JsonNode c : fixture.get("cases")) {
        if (c.get("findings").asInt() > 0) {
          events.addAll(TestEvents.parse(c.get("records").toString()));
        }
      }
    }
    events.sort(Comparator.comparing(CloudTrailEvent::eventTime));
    return new DetectionEngine(RulePack.builtIn()).run(events).findings();
  }

  static CaseSummary summary(String name) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("CloudTrail (s3 export, 412 files)", 182_311L);
    counts.put("CloudTrail event history (console CSV)", 1_204L);
    return new CaseSummary(name, List.of("/cases/acme/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/",
        "/cases/acme/event-history.csv", "/cases/acme/credential-report.csv"),
        Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-21T18:00:50Z"), 183_515, counts, GENERATED);
  }

  static byte[] png(int w, int h, String label) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(0x1f, 0x5f, 0xa8));
    for (int i = 0; i < 40; i++) {
      int bh = (int) (h * 0.8 * Math.abs(Math.sin(i / 5.0)));
      g.fillRect(10 + i * (w - 20) / 40, h - 10 - bh, (w - 20) / 40 - 2, bh);
    }
    g.setColor(Color.BLACK);
    g.drawString(label, 12, 20);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }

  @Test
  void pageOneTellsWhatHappenedAndLongEvidenceIsGroupedByPrefix() throws Exception {
    List<io.github.trailbench.core.findings.Evidence> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(new io.github.trailbench.core.findings.Evidence.Event("get-" + i, "111122223333",
          Instant.parse("2026-10-03T14:36:00Z").plusSeconds(i * 10L), "s3.amazonaws.com", "GetObject", "eu-west-1",
          "arn:aws:iam::111122223333:user/svc-backup", "AKIAMFEE5ADWQYAIC4U2", "203.0.113.77", "Boto3/1.28.85", "Success",
          "acme-prod-customer-data/exports/2026/" + (i < 20 ? "09" : "08") + "/customers-" + i + ".csv.gz"));
    }
    Finding reads = Finding.manual("reads", "Bulk reads of objects from a bucket", io.github.trailbench.core.findings.Severity.HIGH,
        "svc-backup read 30 objects", GENERATED).withEvidence(events);
    byte[] pdf = new PdfReport(summary("story"), List.of(reads)).toBytes();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper t = new PDFTextStripper();
      t.setStartPage(1);
      t.setEndPage(1);
      String page1 = t.getText(doc);
      assertThat(page1).contains("What happened", "2026-10-03 14:36 \u2014 Bulk reads of objects from a bucket \u2014 user/svc-backup (30 calls)",
          "Window: 2026-10-03 14:36:00 UTC", "AKIAMFEE5ADWQYAIC4U2");
    }
    String all = text(pdf);
    assertThat(all).contains("Events grouped (30 in 2 group(s)").contains("acme-prod-customer-data/").contains("exports/2026/09/");
    assertThat(all).doesNotContain("customers-7.csv.gz");
  }

  @Test
  void reportOfTheFixtureFindings() throws Exception {
    List<Finding> findings = findingsFromFixtures();
    assertThat(findings).hasSizeGreaterThan(15);
    Finding first = findings.get(0);
    Map<String, List<Figure>> perFinding = Map.of(first.id(), List.of(new Figure("Decision tree of the first event", png(900, 420, "decision tree"))));
    PdfReport report = new PdfReport(summary("acme-prod incident 2026-11"), findings,
        List.of(new Figure("Events per hour", png(1400, 360, "timeline"))), perFinding);
    byte[] pdf = report.toBytes();
    Files.createDirectories(OUT);
    Files.write(OUT.resolve("fixtures-report.pdf"), pdf);

    String text = text(pdf);
    // a summary may run over a page break: the running footer between its halves is not part of it
    String flat = squash(text).replaceAll("Trailbench·acme-prodincident2026-11Page\\d+of\\d+", "");
    for (Finding f : findings) {
      // a long title wraps onto a second line
      assertThat(flat).as("title of " + f.id()).contains(squash(f.title()));
      assertThat(flat).as("summary of " + f.id()).contains(squash(f.summary()));
    }
    assertThat(text).contains("Contents").contains("Findings overview").contains("acme-prod incident 2026-11")
        .contains("2026-11-23 09:00:00 UTC").contains("183,515").contains("Events per hour");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(5);
      assertThat(text).contains("Page 1 of " + doc.getNumberOfPages());
      assertThat(doc.getDocumentCatalog().getDocumentOutline().children()).isNotEmpty();
      PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
      assertThat(font.isEmbedded()).isTrue();
      assertThat(font.getName()).contains("DejaVuSans");
    }
  }

  @Test
  void manyFindingsSpanManyPages() throws Exception {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(CsvExportTest.finding("f-" + i, Severity.values()[i % 5], "Finding number " + i,
          "Summary sentence of finding " + i + " naming who, what and when.", 1 + i % 7));
    }
    byte[] pdf = new PdfReport(summary("many"), many).toBytes();
    String text = text(pdf);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(20);
    }
    for (int i = 0; i < 60; i++) {
      assertThat(text).contains("Finding number " + i).contains("Summary sentence of finding " + i + " ");
    }
  }

  @Test
  void hostileStringsDoNotBreakTheReport() throws Exception {
    String arn = "arn:aws:iam::111122223333:role/" + "a-very-long-path/".repeat(118);
    String hostile = "Ünïcödé ユーザー 用户 مرحبا עברית \u200Frtl-mark \u202Eoverride\u202C "
        + "emoji 🧨🔥👩‍💻 bell\u0007 nul\u0000 tab\tdone \uD800 lone-surrogate 𝔘𝔫𝔦";
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      evidence.add(new Evidence.Event("ev-" + i + "-" + hostile, "111122223333", Instant.parse("2026-11-21T10:00:00Z"),
          "iam.amazonaws.com", "CreateAccessKey" + hostile, "us-east-1", arn, "AKIA" + "X".repeat(300),
          "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "Mozilla/5.0 " + "(KHTML, like Gecko) ".repeat(40) + hostile,
          "AccessDenied" + hostile));
    }
    evidence.add(new Evidence.Principal(arn));
    evidence.add(new Evidence.Session(arn + "@2026", hostile));
    evidence.add(new Evidence.Reference(Evidence.ReferenceKind.GRAPH_PATH, "path-1", hostile));
    Finding f = new Finding("h-1", "manual", "Title " + hostile, Severity.CRITICAL, FindingStatus.CONFIRMED,
        "Summary " + hostile + " " + arn, "Description\nwith\r\nlines " + hostile, "Notes " + hostile + "\n" + arn,
        evidence, 30, Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:00:00Z"), GENERATED,
        List.of("https://example.com/" + hostile));
    CaseSummary s = new CaseSummary("Case " + hostile + " " + arn, List.of(arn, hostile), null, null, 0,
        Map.of(hostile, 1L), GENERATED);
    byte[] pdf = new PdfReport(s, List.of(f), List.of(new Figure("broken " + hostile, new byte[] {1, 2, 3}),
        new Figure("empty", new byte[0])), Map.of("h-1", List.of(new Figure("not a png", "GIF89a".getBytes())))).toBytes();
    Files.createDirectories(OUT);
    Files.write(OUT.resolve("hostile-report.pdf"), pdf);
    String text = text(pdf);
    // Controls, lone surrogates and emoji (no font here has them) become U+FFFD; Latin, Hebrew and
    // Arabic letters are kept. CJK depends on the machine's fonts: PdfCjkTextTest.
    assertThat(text).contains("Ünïcödé").contains("עברית").contains("<U+202E>").contains("<U+200F>")
        .contains("could not be read").contains("\uFFFD");
    assertThat(squash(text)).contains(squash(arn).substring(0, 400));
  }

  @Test
  void emptyCaseStillMakesAReport() throws Exception {
    byte[] pdf = new PdfReport(new CaseSummary("empty", List.of(), null, null, 0, Map.of(), GENERATED), List.of()).toBytes();
    assertThat(text(pdf)).contains("The detection run raised no findings.").contains("Page 3 of 3");
  }
}
