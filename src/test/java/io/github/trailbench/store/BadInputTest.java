package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.model.SourceProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite: each input names file, position and reason, and a file rejected whole
 * leaves the case exactly as it was.
 */
class BadInputTest {
  @TempDir Path tmp;
  CaseStore store;
  State before;

  /** Everything an import can change. */
  record State(long events, long files, long terms, long rawRecords, long rejects, long iam) {}

  static State state(CaseStore s) throws Exception {
    long[] v = new long[6];
    String[] tables = {"event_block", "source_file", "term_chunk", "event_raw", "import_reject", "iam_source"};
    try (Connection c = s.connection()) {
      for (int i = 0; i < tables.length; i++) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + tables[i])) {
          rs.next();
          v[i] = rs.getLong(1);
        }
      }
    }
    return new State(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  @BeforeEach
  void baseline() throws Exception {
    store = CaseStore.open(tmp.resolve("case"));
    ImportReport r = importFiles(InputLimits.DEFAULT, Fixtures.resource("cloudtrail/records.json"));
    assertThat(r.added()).isEqualTo(3);
    before = state(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  ImportReport importFiles(InputLimits limits, Path... files) {
    return store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withLimits(limits))
        .importPaths(List.of(files), ImportListener.NONE);
  }

  /** Imports one file expected to be rejected whole; returns its problem. */
  SourceProblem rejectedWhole(InputLimits limits, Path f) throws Exception {
    ImportReport r = importFiles(limits, f);
    assertThat(r.files()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED));
    assertThat(r.filesRejected()).isEqualTo(1);
    assertThat(r.added()).isZero();
    assertThat(state(store)).as("case unchanged").isEqualTo(before);
    SourceProblem p = r.errors().get(0);
    assertThat(p.file()).isEqualTo(f.toString());
    return p;
  }

  Path gz(String name, String content) {
    return Fixtures.write(tmp.resolve("in").resolve(name), Fixtures.gzip(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void truncatedGzip() throws Exception {
    // big enough that several batches are written before the end is found missing: all rolled back
    byte[] full = Fixtures.gzip(Fixtures.records("t", 3000).getBytes(StandardCharsets.UTF_8));
    Path f = Fixtures.write(tmp.resolve("in/trunc.json.gz"), Arrays.copyOf(full, full.length - 200));
    SourceProblem p = rejectedWhole(InputLimits.DEFAULT, f);
    assertThat(p.position()).matches("byte \\d+ of the content");
    assertThat(p.reason()).startsWith("truncated gzip stream");
  }

  @Test
  void nonJsonFile() throws Exception {
    Path text = Fixtures.write(tmp.resolve("in/notes.json"), "these are my notes, not JSON\n");
    SourceProblem p = rejectedWhole(InputLimits.DEFAULT, text);
    assertThat(p.position()).isEqualTo("line 1, column 1");
    assertThat(p.reason()).startsWith("not a recognised format").contains("these are my notes");

    Path broken = Fixtures.write(tmp.resolve("in/broken.json"),
        "{\"Records\":[" + Fixtures.record("b-1", "2026-10-03T10:00:00Z", "X", "alice") + ",{\"eventID\": nope}]}");
    SourceProblem q = rejectedWhole(InputLimits.DEFAULT, broken);
    assertThat(q.position()).startsWith("line 1, column ");
    assertThat(q.reason()).startsWith("not valid JSON: Unrecognized token 'nope'");
  }

  @Test
  void wrongFieldTypesRecordsAnObject() throws Exception {
    Path f = gz("records-object.json.gz", "{\"Records\": {\"eventID\": \"x\"}}");
    SourceProblem p = rejectedWhole(InputLimits.DEFAULT, f);
    assertThat(p.position()).isEqualTo("line 1, column 13, byte 12");
    assertThat(p.reason()).isEqualTo("\"Records\" must be an array, found an object");
  }

  @Test
  void wrongFieldTypesEventTimeANumber() throws Exception {
    String bad = Fixtures.record("n-2", "2026-10-03T10:00:00Z", "X", "bob")
        .replace("\"eventTime\":\"2026-10-03T10:00:00Z\"", "\"eventTime\":1759485600");
    Path f = gz("time-number.json.gz", Fixtures.records(List.of(
        Fixtures.record("n-1", "2026-10-03T10:00:00Z", "X", "alice"), bad)));
    ImportReport r = importFiles(InputLimits.DEFAULT, f);
    assertThat(r.added()).isEqualTo(1);
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(f.toString());
      assertThat(p.position()).startsWith("record 2, line 1, column ");
      assertThat(p.reason()).isEqualTo("eventTime must be a string, found a number");
    });
    assertThat(store.queries().rejects()).singleElement().satisfies(x -> {
      assertThat(x.recordIndex()).isEqualTo(2);
      assertThat(x.reason()).isEqualTo("eventTime must be a string, found a number");
    });
  }

  @Test
  void emptyFile() throws Exception {
    Path empty = Fixtures.write(tmp.resolve("in/empty.json"), new byte[0]);
    SourceProblem p = rejectedWhole(InputLimits.DEFAULT, empty);
    assertThat(p.position()).isEqualTo("byte 0");
    assertThat(p.reason()).startsWith("empty file");
    Path emptyGz = gz("empty.json.gz", "");
    assertThat(rejectedWhole(InputLimits.DEFAULT, emptyGz).reason()).startsWith("empty file");
  }

  @Test
  void gzipBomb() throws Exception {
    // 2 MB of padding inflating from a few KB, against a 1 MB cap
    String bomb = "{\"Records\":[" + Fixtures.record("g-1", "2026-10-03T10:00:00Z", "X", "alice") + "]"
        + " ".repeat(2_000_000) + "}";
    Path f = gz("bomb.json.gz", bomb);
    assertThat(f.toFile().length()).isLessThan(10_000);
    SourceProblem p = rejectedWhole(new InputLimits(1_000_000, 100_000), f);
    assertThat(p.position()).isEqualTo("byte 1000000 of the content");
    assertThat(p.reason()).contains("inflates to more than 1000000 bytes").contains("gzip bomb");
  }

  @Test
  void malformedRecordInsideAnOtherwiseGoodFile() throws Exception {
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      recs.add(Fixtures.record("m-" + i, "2026-10-03T10:00:00Z", "X", "alice"));
    }
    recs.set(2, recs.get(2).replace("\"eventSource\":\"ec2.amazonaws.com\",", ""));
    recs.set(3, "[\"not\", \"an\", \"object\"]");
    Path f = gz("some-bad.json.gz", Fixtures.records(recs));
    ImportReport r = importFiles(InputLimits.DEFAULT, f);
    assertThat(r.filesRejected()).isZero();
    assertThat(r.added()).isEqualTo(3);
    assertThat(r.rejected()).isEqualTo(2);
    assertThat(r.errors()).extracting(SourceProblem::file).containsOnly(f.toString());
    assertThat(r.errors()).extracting(SourceProblem::reason)
        .containsExactly("missing eventSource", "a record must be a JSON object, found an array");
    assertThat(r.errors().get(0).position()).startsWith("record 3, line 1, column ");
    assertThat(store.queries().ledger()).last().satisfies(l -> {
      assertThat(l.read()).isEqualTo(5);
      assertThat(l.added()).isEqualTo(3);
      assertThat(l.rejected()).isEqualTo(2);
    });
    assertThat(state(store).events()).as("one more block").isEqualTo(before.events() + 1);
    assertThat(store.queries().count(new io.github.trailbench.core.query.Expr.All())).isEqualTo(3 + 3);
  }

  @Test
  void duplicateFile() throws Exception {
    Path again = Fixtures.write(tmp.resolve("in/copy-of-records.json"), Fixtures.bytes("cloudtrail/records.json"));
    ImportReport r = importFiles(InputLimits.DEFAULT, again);
    assertThat(r.files()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(FileOutcome.Status.SKIPPED);
      assertThat(o.problems()).singleElement().satisfies(p -> {
        assertThat(p.file()).isEqualTo(again.toString());
        assertThat(p.position()).isEqualTo("whole file");
        assertThat(p.reason()).startsWith("identical content (SHA-256 ")
            .contains(Fixtures.resource("cloudtrail/records.json").toString());
      });
    });
    assertThat(r.errors()).isEmpty();
    assertThat(state(store)).isEqualTo(before);
  }

  @Test
  void overlappingExport() throws Exception {
    // another delivery of the same events (other file, other bytes) plus one new event
    String moved = Fixtures.records(List.of(Fixtures.record("o-new", "2026-10-03T12:00:00Z", "X", "alice")))
        .replace("]}", "," + new String(Fixtures.bytes("cloudtrail/records.json"), StandardCharsets.UTF_8)
            .replaceFirst("^\\{\"Records\": \\[", "").trim());
    Path f = gz("overlap.json.gz", moved);
    ImportReport r = importFiles(InputLimits.DEFAULT, f);
    assertThat(r.errors()).isEmpty();
    assertThat(r.read()).isEqualTo(4);
    assertThat(r.added()).isEqualTo(1);
    assertThat(r.duplicates()).isEqualTo(3);
    assertThat(r.files().get(0).path()).isEqualTo(f.toString());
    assertThat(state(store).events()).isEqualTo(before.events() + 1);
    assertThat(store.queries().count(new io.github.trailbench.core.query.Expr.All())).isEqualTo(4);
  }

  @Test
  void credentialReportWithAFormulaCell() throws Exception {
    Path f = Fixtures.resource("iam/credential-report-formula.csv");
    SourceProblem p = rejectedWhole(InputLimits.DEFAULT, f);
    assertThat(p.position()).isEqualTo("row 3, line 3, column 1 (user)");
    assertThat(p.reason()).startsWith("cell starts with a spreadsheet formula character: \"=cmd|calc!A1\"");
  }

  @Test
  void hugeSingleRecordOverTheCap() throws Exception {
    String big = Fixtures.record("h-big", "2026-10-03T10:00:00Z", "X", "alice")
        .replace("\"requestParameters\":null", "\"requestParameters\":{\"blob\":\"" + "A".repeat(500_000) + "\"}");
    Path f = gz("huge.json.gz", Fixtures.records(List.of(
        Fixtures.record("h-1", "2026-10-03T10:00:00Z", "X", "alice"), big,
        Fixtures.record("h-2", "2026-10-03T10:00:00Z", "X", "bob"))));
    ImportReport r = importFiles(new InputLimits(1L << 30, 200_000), f);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(f.toString());
      assertThat(p.position()).startsWith("record 2, line 1, column ");
      assertThat(p.reason()).matches("record is \\d+ bytes, over the per-record limit of 200000 bytes");
    });
    // the same in JSON lines: one line over the cap
    Path lines = Fixtures.write(tmp.resolve("in/huge.jsonl"), Fixtures.record("l-1", "2026-10-03T10:00:00Z", "X", "a") + "\n"
        + big.replace("h-big", "l-big") + "\n" + Fixtures.record("l-2", "2026-10-03T10:00:00Z", "X", "b") + "\n");
    ImportReport r2 = importFiles(new InputLimits(1L << 30, 200_000), lines);
    assertThat(r2.added()).isEqualTo(2);
    assertThat(r2.errors()).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 2, line 2, byte ");
      assertThat(p.reason()).contains("over the per-record limit of 200000 bytes");
    });
  }

  @Test
  void missingPathIsReportedAndTheRestImported() throws Exception {
    Path nowhere = tmp.resolve("in/nowhere.json");
    Path good = gz("good.json.gz", Fixtures.records("ok", 2));
    ImportReport r = importFiles(InputLimits.DEFAULT, nowhere, good);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(nowhere.toString());
      assertThat(p.reason()).isEqualTo("no such file or directory");
    });
  }

  @Test
  void anIamFileWithADuplicateEffectIsRejectedWholeAndLeavesTheCaseUnchanged() throws Exception {
    String auth = new String(Fixtures.class.getResourceAsStream("/iam/authorization-details.json").readAllBytes(), StandardCharsets.UTF_8);
    assertThat(auth).contains("%22Effect%22%3A%22Allow%22");
    Path hostile = Fixtures.write(tmp.resolve("in").resolve("auth.json"), auth.replaceFirst("%22Effect%22%3A%22Allow%22",
        "%22Effect%22%3A%22Deny%22%2C%22Effect%22%3A%22Allow%22").getBytes(StandardCharsets.UTF_8));
    ImportReport r = store.importer(DefaultEventFacts.deriver(),
            CaseStore.ImportOptions.defaults().withIamCheck(io.github.trailbench.core.iam.IamReaderCheck.INSTANCE))
        .importPaths(List.of(hostile), ImportListener.NONE);
    assertThat(r.files()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED));
    assertThat(r.errors()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(hostile.toString());
      assertThat(p.position()).contains("line ");
      assertThat(p.reason()).contains("duplicate key \"Effect\"");
    });
    assertThat(state(store)).as("case unchanged").isEqualTo(before);
  }
}
