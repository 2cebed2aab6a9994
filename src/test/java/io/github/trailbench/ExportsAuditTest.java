package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.report.CsvWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of what the analyst hands on: "is the PDF/CSV I send to the client exactly what the case says, and safe to
 * open?". Cases are imported with the CLI ({@code trailbench import}: the bundled sample {@code samples/case} and the
 * hand-made CloudTrail records of {@code src/test/resources/fixtures/exports}), then exported with the real commands,
 * in process: {@code findings --format json|csv}, {@code report --out FILE.pdf|FILE.csv --evidence FILE.csv},
 * {@code events --format csv|json}. CSVs are parsed back with Jackson's CSV parser, PDFs read with PDFBox's
 * {@link PDFTextStripper}. Not repeated here: the cases of {@code report/ExportAuditTest} (formula payloads in the
 * findings and events CSVs, look-alike names, line breaks in names, the 600-event cap, long manual findings).
 *
 * <p>The reference is the product's own documentation (quoted per test) and, for CSV injection, OWASP
 * "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection, which docs/reports.md cites: cells starting
 * with {@code = + - @}, tab or carriage return are to be neutralised with a leading single quote). Records follow
 * AWS's CloudTrail record contents page ("eventTime: The date and time the request was completed, in coordinated
 * universal time (UTC)"): https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 *
 * <p>Fixtures (hand-made, one file per question): {@code times.json} (alice's two StopLogging calls at
 * 10:00:01.250Z and 12:00:01.750+02:00, bob's at 12:30:00+02:00), {@code formulas.json} (root calls whose user agent,
 * event name, error message or S3 key starts like a formula, or holds quotes, commas, line breaks),
 * {@code unicode.json} (a Japanese S3 key and a user agent with emoji, a role session named 山田),
 * {@code contested-first.json}/{@code contested-second.json} (one eventID, the second copy refused),
 * {@code long-values.json} (25 root GetObject calls with a 1,060-character key and a 2,169-character user agent).
 *
 * <p>Tests that fail show a wrong answer and stay failing; those that pass guard the behaviour. src/main is not changed.
 */
class ExportsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/exports");
  static final Path SAMPLE = Path.of("samples/case");
  static final DateTimeFormatter PDF_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @TempDir static Path tmp;

  // the bundled sample, exported
  static Path sample;
  static List<JsonNode> sampleJson;
  static List<Map<String, String>> sampleCsv;
  static List<Map<String, String>> sampleEvidence;
  static String samplePdf;
  static List<String> samplePages;

  // times + formulas + unicode, exported
  static Path hand;
  static List<JsonNode> handJson;
  static List<Map<String, String>> handCsv;
  static List<Map<String, String>> handEvidence;
  static String handEvidenceText;
  static byte[] handCsvBytes;
  static byte[] handEvidenceBytes;
  static String handPdf;
  static List<String> handPages;

  @BeforeAll
  static void exportCases() throws Exception {
    sample = tmp.resolve("sample");
    ok("import", "--case", sample.toString(), SAMPLE.toString());
    sampleJson = ExplainedEvents.jsonLines(ok("findings", "--case", sample.toString(), "--format", "json").out());
    Path pdf = tmp.resolve("sample.pdf");
    Path csv = tmp.resolve("sample.csv");
    Path ev = tmp.resolve("sample-evidence.csv");
    ok("report", "--case", sample.toString(), "--out", pdf.toString(), "--evidence", ev.toString());
    ok("report", "--case", sample.toString(), "--out", csv.toString());
    sampleCsv = records(Files.readString(csv, StandardCharsets.UTF_8));
    sampleEvidence = records(Files.readString(ev, StandardCharsets.UTF_8));
    samplePages = pages(pdf);
    samplePdf = String.join("\n", samplePages);

    hand = tmp.resolve("hand");
    ExplainedEvents.importInto(hand, FIXTURES, "times.json", "formulas.json", "unicode.json");
    handJson = ExplainedEvents.jsonLines(ok("findings", "--case", hand.toString(), "--format", "json").out());
    Path hpdf = tmp.resolve("hand.pdf");
    Path hcsv = tmp.resolve("hand.csv");
    Path hev = tmp.resolve("hand-evidence.csv");
    ok("report", "--case", hand.toString(), "--out", hpdf.toString(), "--evidence", hev.toString());
    ok("report", "--case", hand.toString(), "--out", hcsv.toString());
    handCsvBytes = Files.readAllBytes(hcsv);
    handEvidenceBytes = Files.readAllBytes(hev);
    handCsv = records(new String(handCsvBytes, StandardCharsets.UTF_8));
    handEvidenceText = new String(handEvidenceBytes, StandardCharsets.UTF_8);
    handEvidence = records(handEvidenceText);
    handPages = pages(hpdf);
    handPdf = String.join("\n", handPages);
  }

  // ------------------------------------------------------------------ helpers

  static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  static List<List<String>> rows(String csv, char separator) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class)
        .with(CsvSchema.emptySchema().withColumnSeparator(separator)).readValues(csv)) {
      while (it.hasNext()) {
        rows.add(Arrays.asList(it.next()));
      }
    }
    return rows;
  }

  /** The rows of a CSV as header name → cell, the header row checked for equal widths. */
  static List<Map<String, String>> records(String csv) throws IOException {
    List<List<String>> rows = rows(csv, ',');
    List<String> header = rows.get(0);
    List<Map<String, String>> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      assertThat(r).as("a row as wide as the header %s", header).hasSize(header.size());
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), r.get(i));
      }
      out.add(m);
    }
    return out;
  }

  /** The cell as the logged value, the neutralising quotes removed as docs/reports.md says a reader does. */
  static String unprotect(String cell) {
    String v = cell.startsWith("'") && CsvWriter.isFormula(cell.substring(1)) ? cell.substring(1) : cell;
    return v.replaceAll("([;\t] *)'([=+@-])", "$1$2");
  }

  /** Written independently of the product: would a spreadsheet evaluate this cell (OWASP's list, after blanks)? */
  static boolean evaluates(String cell) {
    if (cell == null || cell.isEmpty() || cell.charAt(0) == '\'' || cell.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
      return false;
    }
    if ("=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return true;
    }
    String t = cell.replaceFirst("^[ \\t\\r\\n]+", "");
    return !t.isEmpty() && t.length() < cell.length() && "=+-@".indexOf(t.charAt(0)) >= 0;
  }

  static List<String> pages(Path pdf) throws IOException {
    List<String> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      for (int p = 1; p <= doc.getNumberOfPages(); p++) {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(p);
        s.setEndPage(p);
        out.add(s.getText(doc));
      }
    }
    return out;
  }

  static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }

  static String pdfTime(String iso) {
    return PDF_TIME.format(Instant.parse(iso));
  }

  static JsonNode finding(List<JsonNode> findings, String rule, String principalContains) {
    return findings.stream().filter(f -> f.path("rule").asText().equals(rule))
        .filter(f -> f.path("principals").toString().contains(principalContains)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " finding of " + principalContains));
  }

  static Map<String, String> row(List<Map<String, String>> rows, String column, String value) {
    return rows.stream().filter(r -> value.equals(r.get(column))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value));
  }

  static List<String> ids(JsonNode f) {
    List<String> out = new ArrayList<>();
    f.path("eventIds").forEach(n -> out.add(n.asText()));
    return out;
  }

  static Map<String, JsonNode> eventsById(Path caseDir) throws Exception {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode e : ExplainedEvents.events(caseDir, null)) {
      out.put(e.path("eventId").asText(), e);
    }
    return out;
  }

  // ------------------------------------------------------------------ 1. the sample: JSON, CSV, evidence CSV, PDF agree

  /**
   * Every finding of {@code findings --format json} is a row of {@code report --out x.csv} with the same rule,
   * severity, title, principals, event count, event ids and first/last time. docs/cli.md ("findings"): "--format csv
   * has the columns of docs/reports.md"; docs/reports.md: "Lists are joined with "; "; times are ISO-8601 UTC".
   */
  @Test
  void sample_everyJsonFindingIsACsvRowWithTheSameFields() {
    assertThat(sampleJson).hasSizeGreaterThan(20);
    assertThat(sampleCsv).hasSameSizeAs(sampleJson);
    for (JsonNode f : sampleJson) {
      Map<String, String> r = row(sampleCsv, "id", f.path("id").asText());
      List<String> principals = new ArrayList<>();
      f.path("principals").forEach(p -> principals.add(p.asText()));
      assertThat(r.get("rule")).isEqualTo(f.path("rule").asText());
      assertThat(r.get("severity")).as(f.path("id").asText()).isEqualTo(f.path("severity").asText());
      assertThat(r.get("title")).isEqualTo(f.path("title").asText());
      assertThat(r.get("principals")).isEqualTo(String.join("; ", principals));
      assertThat(r.get("eventCount")).isEqualTo(f.path("eventCount").asText());
      assertThat(r.get("eventIds")).isEqualTo(String.join("; ", ids(f)));
      assertThat(r.get("firstEvent")).isEqualTo(f.path("firstEvent").isNull() ? "" : f.path("firstEvent").asText());
      assertThat(r.get("lastEvent")).isEqualTo(f.path("lastEvent").isNull() ? "" : f.path("lastEvent").asText());
    }
  }

  /**
   * Every finding has its PDF section with the same severity, title, rule, id, principals, and "Events N (first to
   * last)". docs/reports.md, "Findings": "one section per finding: a table (severity, status, rule, finding id, event
   * count and time range, created), Summary, ..., Principals".
   */
  @Test
  void sample_everyJsonFindingHasAPdfSectionWithTheSameFields() {
    String flat = squash(samplePdf);
    for (JsonNode f : sampleJson) {
      String id = f.path("id").asText();
      assertThat(flat).as(id).contains(squash("[" + f.path("severity").asText().toUpperCase() + "] " + f.path("title").asText()));
      assertThat(flat).as(id).contains(squash("Finding id " + id)).contains(squash("Rule " + f.path("rule").asText()));
      f.path("principals").forEach(p -> assertThat(flat).as(id).contains(squash("• " + p.asText())));
      if (f.path("eventCount").asLong() > 0) {
        assertThat(flat).as(id).contains(squash("Events " + f.path("eventCount").asText() + " ("
            + pdfTime(f.path("firstEvent").asText()) + " to " + pdfTime(f.path("lastEvent").asText()) + ")"));
      }
    }
  }

  /**
   * The PDF's counts are the JSON's: docs/reports.md, cover "a table (name, generated at, event time range, event
   * count, findings by severity)", and the overview "one row per finding, most severe first".
   */
  @Test
  void sample_pdfSummaryCountsEqualTheJson() throws Exception {
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    for (String s : List.of("critical", "high", "medium", "low", "info")) {
      int n = (int) sampleJson.stream().filter(f -> f.path("severity").asText().equals(s)).count();
      if (n > 0) {
        bySeverity.put(s, n);
      }
    }
    List<String> parts = new ArrayList<>();
    bySeverity.forEach((s, n) -> parts.add(n + " " + s));
    String counts = sampleJson.size() + " (" + String.join(", ", parts) + ")";
    assertThat(squash(samplePages.get(0))).as("cover").contains(squash("Findings " + counts));
    assertThat(squash(samplePdf)).as("overview").contains(squash(sampleJson.size() + " finding(s) ("
        + String.join(", ", parts) + "), most severe first."));
    int events = ExplainedEvents.events(sample, null).size();
    assertThat(samplePages.get(0)).contains(String.format("%,d", events));
  }

  /**
   * Refused attempts keep their lowered severity everywhere. docs/detections.md, "Denied attempts": "its severity is
   * the rule's lowered two levels, never below low (critical → medium, high → low) ... on the sample `StopLogging
   * attempted — denied by SCP ProtectSecurityTooling on OU Production` (medium) and `DeleteDetector attempted — denied
   * by SCP ProtectSecurityTooling on OU Production` (low)".
   */
  @Test
  void sample_refusedAttemptsKeepTheirLoweredSeverityInCsvEvidenceAndPdf() {
    Map<String, String> expected = Map.of(
        "StopLogging attempted — denied by SCP ProtectSecurityTooling on OU Production", "medium",
        "DeleteDetector attempted — denied by SCP ProtectSecurityTooling on OU Production", "low");
    expected.forEach((title, severity) -> {
      JsonNode f = sampleJson.stream().filter(j -> j.path("title").asText().equals(title)).findFirst()
          .orElseThrow(() -> new AssertionError("no finding titled " + title));
      String id = f.path("id").asText();
      assertThat(f.path("severity").asText()).as("JSON " + title).isEqualTo(severity);
      assertThat(row(sampleCsv, "id", id).get("severity")).as("CSV " + title).isEqualTo(severity);
      assertThat(sampleEvidence.stream().filter(r -> r.get("findingId").equals(id)).map(r -> r.get("severity")))
          .as("evidence CSV " + title).isNotEmpty().containsOnly(severity);
      assertThat(squash(samplePdf)).as("PDF heading " + title)
          .contains(squash("[" + severity.toUpperCase() + "] " + title))
          .contains(squash("Severity " + severity + " Status"));
      assertThat(squash(samplePages.get(0))).as("cover's Blocked: line").contains(squash(title));
    });
  }

  /**
   * The evidence CSV has one row per kept event of each finding, and each row's time is the event's. docs/cli.md
   * ("report"): "--evidence FILE.csv also writes the findings' evidence, one row per kept event (findingId, rule,
   * severity, eventId, …, outcome, resource)".
   */
  @Test
  void sample_evidenceCsvHoldsEveryKeptEventOfEachFindingAtItsTime() throws Exception {
    Map<String, JsonNode> events = eventsById(sample);
    for (JsonNode f : sampleJson) {
      String id = f.path("id").asText();
      List<Map<String, String>> rows = sampleEvidence.stream().filter(r -> r.get("findingId").equals(id)).toList();
      assertThat(rows.stream().map(r -> r.get("eventId")).toList()).as(id).isEqualTo(ids(f));
      for (Map<String, String> r : rows) {
        JsonNode e = events.get(r.get("eventId"));
        assertThat(r.get("time")).as(id + " " + r.get("eventId")).isEqualTo(e.path("eventTime").asText());
        assertThat(r.get("eventName")).isEqualTo(e.path("eventName").asText());
        assertThat(r.get("rule")).isEqualTo(f.path("rule").asText());
        // so a reader sees when the rows are fewer than the finding's events (its evidence was capped)
        assertThat(r.get("findingEvents")).as(id).isEqualTo(f.path("eventCount").asText());
        assertThat(r.get("contested")).as("the sample holds no contested event").isEmpty();
      }
    }
  }

  /**
   * {@code events --format csv} over the whole sample is the JSON form, event for event, in the same order.
   * docs/cli.md ("events"): the CSV columns and "--format json prints one object per line, in time order".
   */
  @Test
  void sample_eventsCsvIsTheJsonEventForEvent() throws Exception {
    List<JsonNode> json = ExplainedEvents.events(sample, null);
    List<Map<String, String>> csv = records(ok("events", "--case", sample.toString(), "--format", "csv").out());
    assertThat(csv).hasSameSizeAs(json);
    for (int i = 0; i < json.size(); i++) {
      JsonNode j = json.get(i);
      Map<String, String> r = csv.get(i);
      for (String f : List.of("eventTime", "eventId", "eventSource", "eventName", "awsRegion", "principalArn",
          "accessKeyId", "sourceIp", "userAgent", "errorCode")) {
        String v = j.path(f).isNull() || j.path(f).isMissingNode() ? "" : j.path(f).asText();
        assertThat(unprotect(r.get(f))).as(f + " of " + j.path("eventId").asText()).isEqualTo(v);
      }
    }
  }

  // ------------------------------------------------------------------ 2. times

  /**
   * A record logged with an offset ({@code 2026-10-03T12:30:00+02:00}) is 10:30:00 UTC in every export, labelled UTC.
   * docs/formats.md: "eventTime (a string in ISO-8601; Z, offsets and fractions accepted"; docs/reports.md: CSV
   * "times are ISO-8601 UTC (2026-11-21T10:00:00Z)", PDF cover "a note that times are UTC", events table "time".
   */
  @Test
  void times_anOffsetIsTheSameUtcInstantInJsonCsvEvidenceAndPdf() throws Exception {
    JsonNode bob = finding(handJson, "cloudtrail-logging-stopped", "user/bob");
    assertThat(bob.path("firstEvent").asText()).isEqualTo("2026-10-03T10:30:00Z");
    Map<String, String> csv = row(handCsv, "id", bob.path("id").asText());
    assertThat(csv.get("firstEvent")).isEqualTo("2026-10-03T10:30:00Z");
    assertThat(csv.get("lastEvent")).isEqualTo("2026-10-03T10:30:00Z");
    assertThat(row(handEvidence, "findingId", bob.path("id").asText()).get("time")).isEqualTo("2026-10-03T10:30:00Z");
    assertThat(eventsById(hand).get(ids(bob).get(0)).path("eventTime").asText()).isEqualTo("2026-10-03T10:30:00Z");
    assertThat(squash(handPdf)).contains(squash("Events 1 (2026-10-03 10:30:00 UTC to 2026-10-03 10:30:00 UTC)"))
        .contains(squash("Time (UTC)")).contains(squash("Times are UTC."));
  }

  /**
   * Fractional seconds the log had (10:00:01.250Z, and 12:00:01.750+02:00) survive in the findings and evidence
   * CSVs, as the same instants as the JSON (docs/reports.md: "times are ISO-8601 UTC").
   */
  @Test
  void times_fractionalSecondsSurviveInTheCsvs() {
    JsonNode alice = finding(handJson, "cloudtrail-logging-stopped", "user/alice");
    assertThat(alice.path("firstEvent").asText()).isEqualTo("2026-10-03T10:00:01.250Z");
    assertThat(alice.path("lastEvent").asText()).isEqualTo("2026-10-03T10:00:01.750Z");
    Map<String, String> csv = row(handCsv, "id", alice.path("id").asText());
    assertThat(csv.get("firstEvent")).isEqualTo("2026-10-03T10:00:01.250Z");
    assertThat(csv.get("lastEvent")).isEqualTo("2026-10-03T10:00:01.750Z");
    assertThat(handEvidence.stream().filter(r -> r.get("findingId").equals(alice.path("id").asText()))
        .map(r -> r.get("time"))).containsExactly("2026-10-03T10:00:01.250Z", "2026-10-03T10:00:01.750Z");
  }

  /**
   * The same two calls in the PDF: the finding's "Events" row, its events table and the cover's window. The brief's
   * requirement: "the same instant as the JSON, fractional seconds not lost where the log had them"; docs/formats.md
   * accepts fractions in eventTime and the JSON/CSV keep them, but the PDF prints whole seconds, so two calls half a
   * second apart read as simultaneous ("2 (2026-10-03 10:00:01 UTC to 2026-10-03 10:00:01 UTC)").
   */
  @Test
  void times_fractionalSecondsSurviveInThePdf() {
    String flat = squash(handPdf);
    assertThat(flat.contains("10:00:01.250") && flat.contains("10:00:01.750"))
        .as("the PDF shows 10:00:01.250 and 10:00:01.750 (the JSON's firstEvent/lastEvent); it shows: "
            + handPdf.lines().filter(l -> l.contains("10:00:01")).distinct().toList())
        .isTrue();
  }

  // ------------------------------------------------------------------ 3. CSV safety

  /**
   * {@code report --evidence FILE.csv}: logged values that start like a formula (user agents, an event name, an S3
   * key) are neutralised, and quotes, commas and line breaks are quoted, so the file parses back to the logged values.
   * docs/reports.md: "Every CSV Trailbench writes ... uses this one rule (CsvWriter.safeCell)"; "a cell a spreadsheet
   * could evaluate gets a single quote ' in front, as OWASP recommends"; a ';' followed by a formula character "gets
   * the same quote after it". OWASP: https://owasp.org/www-community/attacks/CSV_Injection.
   */
  @Test
  void csv_evidenceCsvNeutralisesFormulasAndParsesBackToTheLoggedValues() throws Exception {
    List<String> bad = new ArrayList<>();
    for (char sep : new char[] {',', ';'}) {
      List<List<String>> rows = rows(handEvidenceText, sep);
      for (List<String> r : rows) {
        r.stream().filter(ExportsAuditTest::evaluates).forEach(c -> bad.add("split on '" + sep + "': " + c));
      }
    }
    assertThat(bad).as("evidence CSV cells a spreadsheet would evaluate").isEmpty();
    Map<String, JsonNode> events = eventsById(hand);
    List<Map<String, String>> root = handEvidence.stream().filter(r -> r.get("rule").equals("root-account-use")).toList();
    assertThat(root).hasSize(11);
    for (Map<String, String> r : root) {
      JsonNode e = events.get(r.get("eventId"));
      assertThat(unprotect(r.get("userAgent"))).as("userAgent of " + r.get("eventId")).isEqualTo(e.path("userAgent").asText());
      assertThat(unprotect(r.get("eventName"))).as("eventName of " + r.get("eventId")).isEqualTo(e.path("eventName").asText());
    }
    assertThat(root.stream().map(r -> unprotect(r.get("userAgent")))).contains("quote \" comma , and\nline", "\t=1+1");
    assertThat(root.stream().map(r -> r.get("resource")))
        .contains("acme-data/=HYPERLINK(\"http://evil.example\")/-x,y\"z.csv");
  }

  /**
   * Non-ASCII text survives the CSV files byte for byte: UTF-8, no byte order mark. docs/reports.md: "UTF-8 without
   * a byte order mark by default".
   */
  @Test
  void csv_japaneseAndEmojiSurviveAsUtf8WithoutBom() throws Exception {
    for (byte[] file : List.of(handCsvBytes, handEvidenceBytes)) {
      assertThat(file[0]).as("no BOM: the file starts with the header").isNotEqualTo((byte) 0xEF);
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file));
    }
    assertThat(row(handCsv, "principals", "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/山田").get("rule"))
        .isEqualTo("cloudtrail-logging-stopped");
    assertThat(handEvidence.stream().map(r -> r.get("resource"))).contains("acme-reports/レポート/2026年 第3四半期.pdf");
    assertThat(handEvidence.stream().map(r -> r.get("userAgent")))
        .contains("Mozilla/5.0 (X11; Linux x86_64) 😀 ブラウザ 🦀 café");
    List<Map<String, String>> events = records(ok("events", "--case", hand.toString(), "--format", "csv").out());
    assertThat(events.stream().map(r -> r.get("principalArn")))
        .contains("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/山田");
    // docs/cli.md: resources "one per line inside the quoted cell"
    assertThat(events.stream().flatMap(r -> Arrays.stream(r.get("resources").split("\n"))))
        .contains("arn:aws:s3:::acme-reports/レポート/2026年 第3四半期.pdf");
  }

  /**
   * What the analyst redirects to a file ({@code trailbench events --format csv > events.csv}, {@code findings
   * --format json > f.jsonl}) on a machine whose locale is C/POSIX (containers, cron, CI; Windows' code pages alike):
   * the CSV is documented as UTF-8 (docs/reports.md: "UTF-8 without a byte order mark by default") and the JSON as
   * exact (docs/cli.md: "the JSON form is exact (Jackson escapes what JSON requires, the rest is the logged value)").
   * Java 17 writes System.out in the locale's charset, so every non-ASCII character becomes '?'.
   */
  @Test
  void csv_stdoutExportsAreUtf8WhateverTheLocale() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("events --format csv", "レポート/2026年 第3四半期.pdf");
    wanted.put("findings --format json", "assumed-role/OpsAdminRole/山田");
    wanted.put("findings --format csv", "assumed-role/OpsAdminRole/山田");
    List<String> lost = new ArrayList<>();
    for (var w : wanted.entrySet()) {
      List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), "io.github.trailbench.Launcher"));
      String[] words = w.getKey().split(" ");
      cmd.add(words[0]);
      cmd.addAll(List.of("--case", hand.toString()));
      cmd.addAll(Arrays.asList(words).subList(1, words.length));
      if (words[0].equals("findings")) {
        cmd.add("--no-save");
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("LC_ALL", "C");
      pb.environment().put("LANG", "C");
      pb.environment().remove("JAVA_TOOL_OPTIONS");
      pb.environment().remove("JDK_JAVA_OPTIONS");
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(w.getKey()).isZero();
      String text = new String(out, StandardCharsets.UTF_8);
      if (!text.contains(w.getValue())) {
        String shown = text.lines().filter(l -> l.contains("OpsAdminRole/") || l.contains("acme-reports/"))
            .map(l -> l.replaceAll(".*?((OpsAdminRole|acme-reports)/.{0,24}).*", "$1")).findFirst().orElse("(nothing)");
        lost.add(w.getKey() + " under LC_ALL=C wrote \"" + shown + "\" for \"" + w.getValue() + "\"");
      }
    }
    assertThat(lost).as("exports written to stdout that lost non-ASCII text").isEmpty();
  }

  // ------------------------------------------------------------------ 4. the PDF: non-ASCII, contested, stale, layout

  /**
   * Japanese and emoji in the PDF: drawn (DejaVu, the machine's CJK font) or replaced as documented, never '?'.
   * docs/reports.md: "CJK text ... is drawn with a CJK font of the machine"; "Characters no font has (CJK without a
   * CJK font, most emoji) are replaced by U+FFFD "�" ... and the cover says once ... "Some characters could not be
   * shown""; "A non-ASCII letter in an IAM or STS ARN is shown as its code point".
   */
  @Test
  void pdf_japaneseAndEmojiAreDrawnOrReplacedAsDocumented() {
    String flat = squash(handPdf);
    assertThat(flat).contains(squash("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/<U+5C71><U+7530>"))
        .doesNotContain("OpsAdminRole/??");
    boolean cjkFont = handPdf.contains("ブラウザ");
    if (cjkFont) {
      assertThat(flat).contains("acme-reports/レポート/");
    } else {
      assertThat(handPdf).contains("\uFFFD");
    }
    assertThat(flat).contains("Mozilla/5.0(X11;Linuxx86_64)").contains("café");
    // the crab: drawn if a font has it, else U+FFFD with the cover's note; never '?'
    if (!handPdf.contains("🦀")) {
      assertThat(handPdf).contains("\uFFFD");
      assertThat(squash(handPages.get(0))).contains(squash("Some characters could not be shown (no font on this machine"
          + " has them) and appear as \uFFFD."));
    }
    assertThat(handPdf).doesNotContain("Mozilla/5.0 (X11; Linux x86_64) ?");
  }

  /**
   * A finding built on a contested event says so in the CSV and the PDF. docs/decisions.md, decision 135: "every
   * finding whose evidence holds such an event ends its summary with "Contested evidence: event E, another copy in
   * FILE (record N): errorCode X in that copy, none in the case. ..." (so the findings view, the PDF and the CSV
   * carry it)".
   */
  @Test
  void pdf_aFindingOnAContestedEventSaysSoInCsvAndPdf() throws Exception {
    Path c = tmp.resolve("contested");
    ExplainedEvents.importInto(c, FIXTURES, "contested-first.json");
    ok("findings", "--case", c.toString(), "--format", "json"); // stored before the second copy arrives
    CliRun second = CliRun.of("import", "--case", c.toString(), FIXTURES.resolve("contested-second.json").toString());
    assertThat(second.out()).contains("the two copies disagree");
    Path pdf = tmp.resolve("contested.pdf");
    Path csv = tmp.resolve("contested.csv");
    Path evidence = tmp.resolve("contested-evidence.csv");
    ok("report", "--case", c.toString(), "--out", pdf.toString(), "--evidence", evidence.toString());
    ok("report", "--case", c.toString(), "--out", csv.toString());
    // the evidence CSV marks the contested row itself, and only it
    List<Map<String, String>> rows = records(Files.readString(evidence));
    assertThat(rows).filteredOn(e -> e.get("eventId").equals("e0000000-0000-4000-8000-000000000040")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("contested")).contains("contested-second.json")
            .contains("errorCode AccessDenied in that copy, none in the case"));
    assertThat(rows).filteredOn(e -> !e.get("eventId").equals("e0000000-0000-4000-8000-000000000040"))
        .allSatisfy(e -> assertThat(e.get("contested")).isEmpty());
    String sentence = "Contested evidence: event e0000000-0000-4000-8000-000000000040, another copy in";
    String tail = "errorCode AccessDenied in that copy, none in the case.";
    Map<String, String> r = row(records(Files.readString(csv)), "rule", "cloudtrail-logging-stopped");
    assertThat(r.get("summary")).contains(sentence).contains("contested-second.json").contains(tail);
    assertThat(squash(String.join("\n", pages(pdf)))).contains(squash(sentence)).contains(squash(tail));
  }

  /**
   * The analyst lists the CI runner's address as known; the case then marks the "new address" findings "no longer
   * detected". docs/detections.md, "Known addresses": "a finding raised only by a new address disappears on the next
   * run once that address is listed; the stored finding is kept and marked "no longer detected"". The report keeps
   * it as an open finding with nothing that says so, and the cover's "What happened" still tells it.
   */
  @Test
  void pdf_aFindingNoLongerDetectedIsMarkedSoInThePdfAndCsv() throws Exception {
    Path c = tmp.resolve("known");
    ok("import", "--case", c.toString(), SAMPLE.toString());
    ok("findings", "--case", c.toString(), "--format", "json");
    ok("addresses", "--case", c.toString(), "add", "203.0.113.77", "--note", "ci runner");
    List<JsonNode> run = ExplainedEvents.findings(c); // --no-save: this run's findings
    assertThat(run).noneMatch(f -> f.path("rule").asText().equals("long-term-key-new-ip"));
    Path pdf = tmp.resolve("known.pdf");
    Path csv = tmp.resolve("known.csv");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    ok("report", "--case", c.toString(), "--out", csv.toString());
    List<String> p = pages(pdf);
    List<String> problems = new ArrayList<>();
    String title = "Long-term access key used from a new address";
    if (squash(p.get(0)).contains(squash(title))) {
      problems.add("the PDF cover's \"What happened\" tells \"" + title + "\"");
    }
    String all = String.join("\n", p);
    if (all.contains(title) && !all.toLowerCase().contains("no longer detected")) {
      problems.add("the PDF lists \"" + title + "\" without \"no longer detected\"");
    }
    records(Files.readString(csv)).stream().filter(r -> r.get("rule").equals("long-term-key-new-ip"))
        .filter(r -> !String.join(",", r.values()).toLowerCase().contains("no longer detected"))
        .forEach(r -> problems.add("the CSV row " + r.get("id") + " has status " + r.get("status")
            + " and no \"no longer detected\""));
    assertThat(problems).as("a finding the case marks no longer detected, in the report").isEmpty();
  }

  /** Every glyph drawn, with its page's media box. */
  record Glyph(int page, String text, float x, float y, float w, float h, PDRectangle media) {}

  static List<Glyph> glyphs(Path pdf) throws IOException {
    List<Glyph> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper s = new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) {
          for (TextPosition t : positions) {
            out.add(new Glyph(getCurrentPageNo(), t.getUnicode(), t.getXDirAdj(), t.getYDirAdj(), t.getWidthDirAdj(),
                t.getHeightDir(), getCurrentPage().getMediaBox()));
          }
        }
      };
      s.setSortByPosition(true);
      s.getText(doc);
    }
    return out;
  }

  static Path longValuesPdf() throws IOException {
    Path pdf = tmp.resolve("long.pdf");
    if (!Files.exists(pdf)) {
      Path c = tmp.resolve("long");
      ExplainedEvents.importInto(c, FIXTURES, "long-values.json");
      ok("report", "--case", c.toString(), "--out", pdf.toString());
    }
    return pdf;
  }

  /**
   * 25 root reads of objects under a 1,060-character prefix with a 2,169-character user agent: the grouped events
   * table and the user-agent list stay inside the page. docs/reports.md: "long values (ARNs, user agents, URLs) wrap
   * ...; a token with no break point is split where the line is full".
   */
  @Test
  void pdf_longKeyAndUserAgentStayInsideThePage() throws IOException {
    List<Glyph> g = glyphs(longValuesPdf());
    List<Glyph> outside = g.stream().filter(x -> !x.text().isBlank())
        .filter(x -> x.x() < 0 || x.x() + x.w() > x.media().getWidth() + 0.5f || x.y() - x.h() < 0
            || x.y() > x.media().getHeight())
        .toList();
    assertThat(g).hasSizeGreaterThan(3000);
    assertThat(outside).as("glyphs outside the page").isEmpty();
    String text = String.join("", pages(longValuesPdf()));
    assertThat(squash(text)).contains("aws-sdk-java/2.25.19").contains("segment-19-");
  }

  /**
   * The grouped events table of the same finding: its one row (58 lines) does not fit under the header, so the header
   * is drawn at the bottom of the finding's page and the row goes to the next page under a repeated header: a header
   * alone, half a page of nothing. docs/reports.md: "Table rows taller than the rest of a page continue on the next
   * page under a repeated header; a header is never left alone at the bottom of a page."
   */
  @Test
  void pdf_aTableHeaderIsNeverLeftAloneOnAPage() throws IOException {
    List<String> p = pages(longValuesPdf());
    List<String> alone = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      String page = p.get(i);
      int header = page.indexOf("Resource (prefix)");
      if (header >= 0 && !page.substring(header).contains("acme-customer-data/")) {
        alone.add("page " + (i + 1) + " ends with the grouped table's header and no row: \""
            + page.substring(Math.max(0, header - 120), header + 60).replaceAll("\\s+", " ") + "\"");
      }
    }
    assertThat(alone).as("table headers left alone").isEmpty();
  }
}
