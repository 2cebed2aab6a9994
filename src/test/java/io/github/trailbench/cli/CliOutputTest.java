package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.report.CsvWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands print: escaped text, formula-safe CSV, the eventID, choosing among events sharing one. */
class CliOutputTest {
  @TempDir Path tmp;

  private static final String ESC = "\u001b";
  private static final String RLO = "\u202E";

  /** records.json with a hostile user name ("bob" + colour change + CR) and event name. */
  private Path hostileRecords() throws Exception {
    String json = Files.readString(Fixtures.resource("cloudtrail/records.json"))
        .replace("\"userName\":\"bob\"}", "\"userName\":\"bob\\u001b[31m\\r\"}")
        .replace("\"eventName\":\"GetObject\"", "\"eventName\":\"Get\\u202eObject\\u001b[2J\"");
    Path dir = Files.createDirectories(tmp.resolve("in"));
    return Fixtures.write(dir.resolve("evil" + ESC + "[1m.json"), json);
  }

  private static void assertNoRawControls(String text) {
    assertThat(text).doesNotContain(ESC, "\r", RLO);
  }

  @Test
  void tableOutputsEscapeControlCharactersFromEventsAndFileNames() throws Exception {
    String c = tmp.resolve("case").toString();
    CliTest.Run imp = CliTest.run("import", "--case", c, "--verbose", hostileRecords().toString());
    assertThat(imp.exit()).as(imp.err()).isZero();
    assertNoRawControls(imp.out());
    assertThat(imp.out()).contains("evil\\e[1m.json");

    CliTest.Run events = CliTest.run("events", "--case", c);
    assertNoRawControls(events.out());
    assertThat(events.out()).contains("Get\\u202eObject\\e[2J");

    CliTest.Run findings = CliTest.run("findings", "--case", c);
    assertThat(findings.exit()).isZero();
    assertNoRawControls(findings.out());
    assertThat(findings.out()).contains("bob\\e[31m\\r");

    CliTest.Run explain = CliTest.run("explain", "--case", c, "--event", "11111111-0000-0000-0000-000000000002");
    assertNoRawControls(explain.out());
  }

  @Test
  void jsonOutputKeepsTheExactValueAsValidJson() throws Exception {
    String c = tmp.resolve("case").toString();
    CliTest.run("import", "--case", c, hostileRecords().toString());
    CliTest.Run events = CliTest.run("events", "--case", c, "--format", "json", "--filter", "eventName:Get*");
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(events.out().lines().findFirst().orElseThrow()).get("eventName").asText())
        .isEqualTo("Get" + RLO + "Object" + ESC + "[2J");
  }

  @Test
  void eventsTableShowsTheEventIdExplainNeeds() {
    String c = tmp.resolve("case").toString();
    CliTest.run("import", "--case", c, Fixtures.resource("cloudtrail/records.json").toString());
    CliTest.Run r = CliTest.run("events", "--case", c);
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("EVENT ID");
    assertThat(r.out()).contains("11111111-0000-0000-0000-000000000002");
  }

  @Test
  void csvCellsThatASpreadsheetWouldEvaluateAreNeutralised() {
    assertThat(CsvWriter.safeCell("  =HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'  =HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    // a tab is quoted (a spreadsheet splitting on tabs); "+1" after it is a number and stays one
    assertThat(CsvWriter.safeCell("\t+1")).isEqualTo("\"'\t+1\"");
    assertThat(CsvWriter.safeCell("a\t=1+1")).isEqualTo("\"a\t'=1+1\"");
    assertThat(CsvWriter.safeCell("svc;=cmd")).isEqualTo("\"svc;'=cmd\"");
    assertThat(CsvWriter.safeCell("\r-2")).isEqualTo("\"'\r-2\"");
    assertThat(CsvWriter.safeCell("\n @x")).isEqualTo("\"'\n @x\"");
    assertThat(CsvWriter.safeCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvWriter.safeCell("-1+2")).isEqualTo("'-1+2");
    assertThat(CsvWriter.safeCell("a = b")).isEqualTo("a = b");
    assertThat(CsvWriter.safeCell("   ")).isEqualTo("   ");
  }

  @Test
  void plainNumbersStayNumbersInCsv() {
    assertThat(CsvWriter.safeCell("-5")).isEqualTo("-5");
    assertThat(CsvWriter.safeCell("+1.25")).isEqualTo("+1.25");
    assertThat(CsvWriter.safeCell("-5e3")).isEqualTo("'-5e3");
  }

  @Test
  void eventsCsvNeutralisesFormulasAfterLeadingSpaces() throws Exception {
    String c = tmp.resolve("case").toString();
    String rec = Fixtures.record("f-1", "2026-10-03T10:00:00Z", "RunInstances", "eve")
        .replace("\"userAgent\":\"aws-cli/2\"", "\"userAgent\":\"  =HYPERLINK(1)\"");
    CliTest.run("import", "--case", c, Fixtures.write(tmp.resolve("f.json"), Fixtures.records(List.of(rec))).toString());
    CliTest.Run r = CliTest.run("events", "--case", c, "--format", "csv");
    assertThat(r.out()).contains(",'  =HYPERLINK(1),").doesNotContain(", =HYPERLINK");
  }

  /** Two events with one eventID, in two recipient accounts (an eventID is unique only per account). */
  private String caseWithSharedEventId() {
    String a = Fixtures.record("dup-1", "2026-10-03T10:00:00Z", "RunInstances", "ann");
    String b = Fixtures.record("dup-1", "2026-10-03T11:00:00Z", "StopInstances", "ann")
        .replace("\"recipientAccountId\":\"111122223333\"", "\"recipientAccountId\":\"444455556666\"");
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c,
        Fixtures.write(tmp.resolve("two.json"), Fixtures.records(List.of(a, b))).toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return c;
  }

  @Test
  void explainListsEventsSharingAnEventIdAndAsksWhichOne() {
    String c = caseWithSharedEventId();
    CliTest.Run r = CliTest.run("explain", "--case", c, "--event", "dup-1");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("2 events share the eventID dup-1", "--account ACCOUNT or --row N",
        "account 111122223333", "account 444455556666", "RunInstances", "StopInstances");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void explainAccountOrRowChoosesOneOfThem() {
    String c = caseWithSharedEventId();
    CliTest.Run byAccount = CliTest.run("explain", "--case", c, "--event", "dup-1", "--account", "444455556666");
    assertThat(byAccount.exit()).as(byAccount.err()).isZero();
    assertThat(byAccount.out()).contains("StopInstances").doesNotContain("RunInstances");

    String listing = CliTest.run("explain", "--case", c, "--event", "dup-1").err();
    String runLine = listing.lines().filter(l -> l.contains("RunInstances")).findFirst().orElseThrow();
    String row = runLine.substring(runLine.indexOf("--row ") + 6).strip();
    CliTest.Run byRow = CliTest.run("explain", "--case", c, "--event", "dup-1", "--row", row);
    assertThat(byRow.exit()).as(byRow.err()).isZero();
    assertThat(byRow.out()).contains("RunInstances").doesNotContain("StopInstances");

    CliTest.Run none = CliTest.run("explain", "--case", c, "--event", "dup-1", "--account", "999999999999");
    assertThat(none.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(none.err()).contains("no event dup-1 matches --account 999999999999");
  }

  @Test
  void importListsFilesOnlyWhenVerboseAndSaysWhatIamDataWasStored() {
    String c = tmp.resolve("case").toString();
    String records = Fixtures.resource("cloudtrail/records.json").toString();
    String report = Fixtures.resource("iam/credential-report.csv").toString();
    CliTest.Run quiet = CliTest.run("import", "--case", c, records, report);
    assertThat(quiet.exit()).as(quiet.err()).isZero();
    assertThat(quiet.out()).doesNotContain("imported  ").contains("total: 2 files")
        .containsPattern("stored +\\S*credential-report.csv +\\[CREDENTIAL_REPORT\\] +2 users");
    assertThat(quiet.out()).doesNotContain("read 0");

    CliTest.Run verbose = CliTest.run("import", "--case", tmp.resolve("case2").toString(), "--verbose", records);
    assertThat(verbose.out()).contains("imported  " + records);
  }
}
