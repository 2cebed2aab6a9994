package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.LedgerEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slice job's output folder (docs/slice.md) into a case: the slice is imported as JSON lines,
 * the manifest recorded in the ledger, the overview skipped on import and loaded by
 * {@code trailbench overview}. The folder here is written by hand in the job's layout; the slice
 * job's own tests run the real thing against this CLI.
 */
class SliceRoundTripCliTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TrailbenchCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static final String OVERVIEW = new String(Fixtures.bytes("slice/overview.jsonl"), StandardCharsets.UTF_8);

  Path sliceOutput() {
    Path out = tmp.resolve("slice-out");
    String lines = Fixtures.record("s-1", "2026-10-03T10:00:00Z", "RunInstances", "alice") + "\n"
        + Fixtures.record("s-2", "2026-10-03T10:05:00Z", "DescribeInstances", "alice") + "\n";
    Fixtures.write(out.resolve("slice/account=111122223333/region=us-east-1/day=2026-10-03/part-00000-c000.txt.gz"),
        Fixtures.gzip(lines.getBytes(StandardCharsets.UTF_8)));
    Fixtures.write(out.resolve("manifest.json"), "{\n  \"trailbench\" : \"slice-manifest/v1\",\n  \"job\" : \"trailbench-slice\","
        + "\n  \"jobVersion\" : \"0.1.0\", \"filter\" : \"principal:alice\", \"input\" : \"s3a://org-trail/AWSLogs/\","
        + " \"finishedAt\" : \"2026-12-06T04:00:00Z\", \"counts\" : {\"records\" : 5000, \"matched\" : 2,"
        + " \"rejectedRecords\" : 1, \"foreignFiles\" : 3, \"damagedFiles\" : 0}, \"problems\" : [] }");
    Fixtures.write(out.resolve("overview.jsonl"), OVERVIEW);
    return out;
  }

  @Test
  void importReadsTheSliceRecordsTheManifestInTheLedgerAndSkipsTheOverview() throws Exception {
    Path caseDir = tmp.resolve("case");
    Run r = run("import", "--case", caseDir.toString(), "--verbose", sliceOutput().toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("[EVENT_JSON_LINES]  read 2, added 2")
        .contains("[SLICE_MANIFEST]")
        .contains("skipped   " + tmp.resolve("slice-out/overview.jsonl") + "  [SLICE_OVERVIEW]  organization overview");
    try (CaseStore store = CaseStore.open(caseDir)) {
      List<LedgerEntry> ledger = store.queries().ledger();
      assertThat(ledger).anySatisfy(e -> {
        assertThat(e.path()).endsWith("manifest.json");
        assertThat(e.format()).isEqualTo("SLICE_MANIFEST");
        assertThat(e.note()).isEqualTo("slice manifest: 2 of 5000 events matched filter 'principal:alice' in"
            + " s3a://org-trail/AWSLogs/ (job trailbench-slice 0.1.0, finished 2026-12-06T04:00:00Z);"
            + " 1 rejected records, 3 foreign and 0 damaged files");
      });
    }
    Run events = run("events", "--case", caseDir.toString(), "--format", "csv");
    assertThat(events.out()).contains("s-1").contains("s-2");
  }

  @Test
  void overviewIsKeptWithTheCaseAndOffersTheSliceThatPullsEachPrincipal() throws Exception {
    Path caseDir = tmp.resolve("case");
    run("import", "--case", caseDir.toString(), sliceOutput().resolve("slice").toString());

    Run r = run("overview", "--case", caseDir.toString(), sliceOutput().resolve("overview.jsonl").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("50 events in 2 accounts")
        .contains("account 111122223333             43 events")
        .contains("account 444455556666              7 events");
    List<String> lines = r.out().lines().toList();
    int bob = lines.indexOf("  arn:aws:iam::111122223333:user/bob  42 events, 2026-10-02 to 2026-10-05, accounts 111122223333");
    assertThat(bob).isPositive();
    assertThat(lines.get(bob + 1)).isEqualTo("    slice/run-local.sh --input s3a://org-trail/AWSLogs/o-a1b2c3d4e5/ --filter"
        + " 'principal:\"arn:aws:iam::111122223333:user/bob\" AND time>=2026-10-02 AND time<2026-10-06' --out SLICE_DIR");
    assertThat(lines.indexOf("  arn:aws:iam::444455556666:user/alice  7 events, 2026-10-03 to 2026-10-03, accounts 444455556666"))
        .isGreaterThan(bob);
    assertThat(Files.readString(caseDir.resolve(OverviewCommand.FILE_NAME))).isEqualTo(OVERVIEW);
  }

  @Test
  void aBadOverviewLineIsOneMessageNamingFileAndLineAndExitOne() throws Exception {
    Path caseDir = tmp.resolve("case");
    run("import", "--case", caseDir.toString(), sliceOutput().resolve("slice").toString());
    Path bad = Fixtures.write(tmp.resolve("bad.jsonl"), OVERVIEW.replace("\"count\":7", "\"count\":\"seven\""));

    Run r = run("overview", "--case", caseDir.toString(), bad.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("trailbench: " + bad + " at line 3: \"count\" must be a whole number of 0 or more");
    assertThat(caseDir.resolve(OverviewCommand.FILE_NAME)).doesNotExist();
    Run notOverview = run("overview", "--case", caseDir.toString(), sliceOutput().resolve("manifest.json").toString());
    assertThat(notOverview.exit()).isEqualTo(1);
  }
}
