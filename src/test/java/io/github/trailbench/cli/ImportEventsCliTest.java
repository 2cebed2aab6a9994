package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportEventsCliTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TrailbenchCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  String caseDir() {
    return tmp.resolve("case").toString();
  }

  @Test
  void importJsonHasExactlyTheContractFields() throws Exception {
    Run r = run("import", "--case", caseDir(), "--json", Fixtures.resource("cloudtrail/records.json").toString(),
        Fixtures.resource("cloudtrail/events.jsonl").toString());
    assertThat(r.exit()).isZero();
    JsonNode n = JSON.readTree(r.out());
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("files", "read", "added", "duplicates", "rejected", "skipped", "errors", "warnings", "skippedFiles");
    assertThat(n.get("files").asInt()).isEqualTo(2);
    assertThat(n.get("read").asInt()).isEqualTo(6);
    assertThat(n.get("added").asInt()).isEqualTo(3);
    assertThat(n.get("duplicates").asInt()).isEqualTo(2);
    assertThat(n.get("rejected").asInt()).isEqualTo(1);
    JsonNode e = n.get("errors").get(0);
    List<String> ekeys = new ArrayList<>();
    e.fieldNames().forEachRemaining(ekeys::add);
    assertThat(ekeys).containsExactly("file", "position", "reason");
    assertThat(e.get("file").asText()).endsWith("events.jsonl");
    assertThat(e.get("position").asText()).startsWith("record 2, line 2");
    assertThat(r.out().trim().lines()).hasSize(1);
  }

  @Test
  void aFileRejectedWholeMakesExitOneButTheOthersAreImported() throws Exception {
    Path bad = Fixtures.write(tmp.resolve("in/bad.json.gz"),
        Arrays.copyOf(Fixtures.gzip(Fixtures.records("x", 500).getBytes(StandardCharsets.UTF_8)), 300));
    Run r = run("import", "--case", caseDir(), "--verbose", Fixtures.resource("cloudtrail/records.json").toString(), bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("imported  " + Fixtures.resource("cloudtrail/records.json"))
        .contains("REJECTED  " + bad + " at byte ").contains("truncated gzip stream")
        .contains("total: 2 files (1 rejected whole), 3 records read, 3 added, 0 duplicates, 1 rejected");
    Run j = run("import", "--case", caseDir(), "--json", bad.toString());
    assertThat(j.exit()).isEqualTo(1);
    assertThat(JSON.readTree(j.out()).get("errors").get(0).get("file").asText()).isEqualTo(bad.toString());
  }

  @Test
  void aFolderWithNotesAndScriptsImportsTheLogsCountsTheSkippedFilesAndExitsZero() throws Exception {
    Path folder = tmp.resolve("evidence");
    Fixtures.write(folder.resolve("README.md"), "# case notes");
    Fixtures.write(folder.resolve("collect.py"), "print('x')");
    Fixtures.write(folder.resolve("logs/r.json"), Fixtures.bytes("cloudtrail/records.json"));
    Run j = run("import", "--case", caseDir(), "--json", folder.toString());
    assertThat(j.exit()).as(j.out() + j.err()).isZero();
    JsonNode n = JSON.readTree(j.out());
    assertThat(n.get("added").asInt()).isEqualTo(3);
    assertThat(n.get("skipped").asInt()).isEqualTo(2);
    assertThat(n.get("errors")).isEmpty();
    List<String> names = new ArrayList<>();
    n.get("skippedFiles").forEach(f -> names.add(f.get("file").asText()));
    assertThat(names).containsExactly(folder.resolve("README.md").toString(), folder.resolve("collect.py").toString());
    assertThat(n.get("skippedFiles").get(0).get("reason").asText()).isEqualTo("not evidence by its extension (.md): skipped");
    Fixtures.write(folder.resolve("run.sh"), "#!/bin/sh");
    Run h = run("import", "--case", caseDir(), "--verbose", folder.toString());
    assertThat(h.exit()).isZero();
    assertThat(h.out()).contains("skipped   " + folder.resolve("run.sh") + "  not evidence by its extension (.sh): skipped")
        .contains("total: 4 files (0 rejected whole, 4 skipped)").doesNotContain("rejected records:");
  }

  @Test
  void eventsFromBeforeYearOneAndAfter9999PrintAsIso8601ExpandedYears() throws Exception {
    Path f = Fixtures.write(tmp.resolve("odd-times.json"), Fixtures.records(List.of(
        Fixtures.record("caesar", "-0044-03-15T12:00:00Z", "Stab", "brutus"),
        Fixtures.record("future", "+10000-01-01T00:00:00Z", "Wake", "bob"))));
    assertThat(run("import", "--case", caseDir(), f.toString()).exit()).isZero();
    Run j = run("events", "--case", caseDir(), "--format", "json");
    List<String> lines = j.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("eventTime").asText()).isEqualTo("-0044-03-15T12:00:00Z");
    assertThat(JSON.readTree(lines.get(1)).get("eventTime").asText()).isEqualTo("+10000-01-01T00:00:00Z");
    Run t = run("events", "--case", caseDir());
    assertThat(t.out()).contains("-0044-03-15").contains("+10000-01-01").doesNotContain("0045-03-15");
    Run c = run("events", "--case", caseDir(), "--format", "csv");
    assertThat(c.out()).contains("-0044-03-15T12:00:00Z").doesNotContain("0045-03-15");
  }

  @Test
  void humanSummaryListsRejectedRecords() {
    Run r = run("import", "--case", caseDir(), "--verbose", Fixtures.resource("cloudtrail/console-history.csv").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("[CONSOLE_CSV]  read 3, added 2, duplicates 0, rejected 1")
        .contains("rejected records:").contains("console-history.csv at record 3, line 4: missing eventID");
  }

  @Test
  void eventsAsJsonLines() throws Exception {
    run("import", "--case", caseDir(), Fixtures.resource("cloudtrail/records.json").toString());
    Run r = run("events", "--case", caseDir(), "--format", "json", "--filter", "eventSource:s3.amazonaws.com");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode n = JSON.readTree(lines.get(1));
    for (String k : List.of("eventId", "eventTime", "eventSource", "eventName", "awsRegion", "principalArn",
        "accessKeyId", "sessionId", "sourceIp", "errorCode", "actions")) {
      assertThat(n.has(k)).as(k).isTrue();
    }
    assertThat(n.get("eventTime").asText()).isEqualTo("2026-10-03T11:30:00Z");
    assertThat(n.get("errorCode").asText()).isEqualTo("AccessDenied");
    assertThat(n.get("actions").get(0).asText()).isEqualTo("s3:GetObject");
    assertThat(JSON.readTree(lines.get(0)).get("errorCode").isNull()).isTrue();
    Run limited = run("events", "--case", caseDir(), "--format", "json", "--limit", "1");
    assertThat(limited.out().lines()).hasSize(1);
  }

  @Test
  void eventsAsFormulaSafeCsv() {
    run("import", "--case", caseDir(), Fixtures.resource("cloudtrail/console-history.csv").toString());
    Run r = run("events", "--case", caseDir(), "--format", "csv");
    assertThat(r.exit()).isZero();
    String[] lines = r.out().split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", EventsCommand.CSV_COLUMNS));
    assertThat(lines).hasSize(3);
    // the event name "=HYPERLINK(""http://evil"")" comes out as text, quoted per RFC 4180
    assertThat(lines[2]).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",");
    assertThat(io.github.trailbench.report.CsvWriter.safeCell("-1+2")).isEqualTo("'-1+2");
    assertThat(io.github.trailbench.report.CsvWriter.safeCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(io.github.trailbench.report.CsvWriter.safeCell("a,b")).isEqualTo("\"a,b\"");
    assertThat(io.github.trailbench.report.CsvWriter.safeCell("plain")).isEqualTo("plain");
  }

  @Test
  void eventsTableAndBadFilters() {
    run("import", "--case", caseDir(), Fixtures.resource("cloudtrail/records.json").toString());
    Run t = run("events", "--case", caseDir(), "--filter", "error:none");
    assertThat(t.exit()).isZero();
    assertThat(t.out()).contains("TIME").contains("ListBuckets").contains("CreateAccessKey").doesNotContain("GetObject");
    Run bad = run("events", "--case", caseDir(), "--filter", "eventName:X AND (ip:1");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("'(' is never closed at character 17");
    Run unknown = run("events", "--case", caseDir(), "--filter", "colour:red");
    assertThat(unknown.err()).contains("unknown field 'colour'").contains("at character 1");
  }

  @Test
  void eventsOnAMissingCaseIsBadInput() {
    Run r = run("events", "--case", tmp.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("not a Trailbench case");
  }
}
