package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.findings.hygiene.HygieneRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of what the PDF and CSV reports say about credential hygiene findings, through the real
 * commands (import, findings, report) in process: the same findings, names and dates as
 * {@code trailbench findings}, nothing a spreadsheet would run, no name that reads as another.
 *
 * <p>Tests that fail on the code as audited are the confirmed problems; the others guard.
 */
class HygieneReportAuditTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
      + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
      + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
      + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
      + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> hygiene; // from `findings --format json`
  static String pdf;
  static List<List<String>> csv;

  static String row(String name, String... set) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (String column : HEADER.split(",")) {
      cells.put(column, "N/A");
    }
    boolean root = name.equals("<root_account>");
    cells.put("user", name);
    cells.put("arn", root ? "arn:aws:iam::111122223333:root" : "arn:aws:iam::111122223333:user/" + name);
    cells.put("user_creation_time", "2024-01-01T00:00:00+00:00");
    cells.put("password_enabled", root ? "not_supported" : "false");
    if (root) {
      cells.put("password_last_changed", "not_supported");
      cells.put("password_next_rotation", "not_supported");
    }
    cells.put("mfa_active", "true");
    for (String c : List.of("access_key_1_active", "access_key_2_active", "cert_1_active", "cert_2_active")) {
      cells.put(c, "false");
    }
    for (int i = 0; i < set.length; i += 2) {
      cells.put(set[i], set[i + 1]);
    }
    return String.join(",", cells.values());
  }

  static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  @BeforeAll
  static void buildCase() throws Exception {
    // the reference time is the latest time in the report: 2026-10-07T17:18:00Z
    String report = String.join("\n", HEADER,
        row("<root_account>", "password_last_used", "2026-01-01T10:00:00+00:00", "mfa_active", "true"),
        // an IAM user whose name is "root" (legal), without MFA
        row("root", "password_enabled", "true", "password_last_used", "2026-10-06T08:00:00+00:00",
            "password_last_changed", "2026-09-01T00:00:00+00:00", "mfa_active", "false"),
        // IAM allows = + @ - in names, so a name may start like a formula
        row("=1+1", "password_enabled", "true", "password_last_used", "no_information",
            "password_last_changed", "2025-01-01T00:00:00+00:00", "mfa_active", "false"),
        row("@ops", "access_key_1_active", "true", "access_key_1_last_rotated", "2024-02-01T00:00:00+00:00",
            "access_key_1_last_used_date", "2026-10-07T17:18:00+00:00", "access_key_1_last_used_region", "eu-west-1",
            "access_key_1_last_used_service", "s3"),
        row("reports-legacy-nightly-export-to-the-finance-data-warehouse-01", "access_key_1_active", "true",
            "access_key_1_last_rotated", "2026-03-22T10:04:51+00:00", "access_key_1_last_used_date", "N/A"))
        + "\n";
    Path csvFile = tmp.resolve("credential-report.csv");
    Files.writeString(csvFile, report, StandardCharsets.UTF_8);

    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", "1.09");
    ObjectNode id = r.putObject("userIdentity");
    id.put("type", "IAMUser");
    id.put("principalId", "AIDAEXAMPLE000000001");
    id.put("arn", "arn:aws:iam::111122223333:user/alice");
    id.put("accountId", "111122223333");
    id.put("accessKeyId", "AKIAEXAMPLE000000001");
    id.put("userName", "alice");
    r.put("eventTime", Instant.parse("2026-10-07T10:00:00Z").toString());
    r.put("eventSource", "s3.amazonaws.com");
    r.put("eventName", "ListBuckets");
    r.put("awsRegion", "us-east-1");
    r.put("sourceIPAddress", "203.0.113.7");
    r.put("userAgent", "aws-cli/2.15.30");
    r.putNull("requestParameters");
    r.putNull("responseElements");
    r.put("requestID", "req-1");
    r.put("eventID", "00000000-0000-0000-0000-000000000001");
    r.put("readOnly", true);
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", "111122223333");
    ArrayNode records = JSON.createArrayNode().add(r);
    ObjectNode trail = JSON.createObjectNode();
    trail.set("Records", records);
    Path trailFile = tmp.resolve("trail.json");
    Files.writeString(trailFile, JSON.writeValueAsString(trail));

    caseDir = tmp.resolve("case");
    ok("import", "--case", caseDir.toString(), csvFile.toString(), trailFile.toString());
    hygiene = new ArrayList<>();
    for (String line : ok("findings", "--case", caseDir.toString(), "--format", "json").out().split("\n")) {
      if (line.startsWith("{")) {
        JsonNode f = JSON.readTree(line);
        if (HygieneRule.isHygieneRule(f.path("rule").asText(f.path("ruleId").asText()))) {
          hygiene.add(f);
        }
      }
    }
    Path pdfFile = tmp.resolve("r.pdf");
    ok("report", "--case", caseDir.toString(), "--out", pdfFile.toString());
    pdf = ExportAuditTest.pdfText(pdfFile);
    Path csvOut = tmp.resolve("r.csv");
    ok("report", "--case", caseDir.toString(), "--out", csvOut.toString());
    csv = ExportAuditTest.parseCsv(Files.readString(csvOut, StandardCharsets.UTF_8));
  }

  static String rule(JsonNode f) {
    return f.path("rule").asText(f.path("ruleId").asText());
  }

  /** The PDF's hygiene section: from its heading to the next numbered section. */
  static String section() {
    int toc = pdf.indexOf("Credential hygiene");
    int start = pdf.indexOf("Credential hygiene", toc + 1);
    assertThat(start).as("hygiene section").isPositive();
    int end = pdf.indexOf("\n3. ", start);
    return pdf.substring(start, end < 0 ? pdf.length() : end);
  }

  @Test
  void theCaseRaisesTheExpectedHygieneFindings() {
    Map<String, Integer> byRule = new TreeMap<>();
    hygiene.forEach(f -> byRule.merge(rule(f), 1, Integer::sum));
    assertThat(byRule).containsEntry("hygiene-no-mfa", 2).containsEntry("hygiene-old-access-key", 2)
        .containsEntry("hygiene-unused-access-key", 1).containsEntry("hygiene-unused-password", 1)
        .doesNotContainKey("hygiene-root-no-mfa");
  }

  /** Same count and the same summaries (names, dates, day counts) in the PDF section as in `findings`. */
  @Test
  void thePdfSectionSaysWhatFindingsSays() {
    String section = ExportAuditTest.squash(section());
    assertThat(section).contains(hygiene.size() + "problem(s)");
    for (JsonNode f : hygiene) {
      assertThat(section).as(f.toString()).contains(ExportAuditTest.squash(f.path("summary").asText()));
    }
  }

  /** Same rows and summaries in the CSV as in `findings`; no cell a spreadsheet would evaluate. */
  @Test
  void theCsvSaysWhatFindingsSaysAndNoCellEvaluates() {
    List<String> header = csv.get(0);
    int rule = header.indexOf("rule");
    int summary = header.indexOf("summary");
    List<List<String>> rows = csv.subList(1, csv.size()).stream()
        .filter(r -> HygieneRule.isHygieneRule(r.get(rule))).toList();
    assertThat(rows).hasSameSizeAs(hygiene);
    List<String> csvSummaries = rows.stream().map(r -> r.get(summary).replaceFirst("^'", "")).toList();
    assertThat(csvSummaries).containsExactlyInAnyOrderElementsOf(
        hygiene.stream().map(f -> f.path("summary").asText()).toList());
    assertThat(ExportAuditTest.evaluatingCells(csv)).isEmpty();
  }

  /** A 62-character user name is wrapped in the User column, never cut. */
  @Test
  void aLongUserNameIsWrappedNotCut() {
    assertThat(ExportAuditTest.squash(section()))
        .contains("reports-legacy-nightly-export-to-the-finance-data-warehouse-01");
  }

  /**
   * The IAM user named "root" and the account's root user (&lt;root_account&gt;) must not read the
   * same in the PDF: its User column shows both as "root", and the IAM user's summary starts "root
   * has a console password and no MFA device", which reads as the root user lacking MFA.
   */
  @Test
  void anIamUserNamedRootIsNotShownAsTheAccountRootUser() {
    assertThat(PdfReport.userOf("arn:aws:iam::111122223333:user/root"))
        .isNotEqualTo(PdfReport.userOf("arn:aws:iam::111122223333:root"));
    JsonNode f = hygiene.stream().filter(x -> rule(x).equals("hygiene-no-mfa")
        && x.toString().contains("user/root")).findFirst().orElseThrow();
    assertThat(f.path("summary").asText()).doesNotStartWith("root has");
  }
}
