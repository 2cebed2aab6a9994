package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing into column blocks: a file of more than one block is one ledger row and one
 * transaction, a file rejected whole leaves nothing (blocks, terms, keys) behind, and
 * duplicates are counted across and within files.
 */
class BlockImportTest {
  static final Instant T0 = Instant.parse("2026-10-03T00:00:00Z");
  @TempDir Path tmp;
  CaseStore store;

  @BeforeEach
  void open() {
    store = CaseStore.open(tmp.resolve("case"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** n records "prefix-i", one second apart, every third a RunInstances, by {@code user}. */
  static List<String> generated(String prefix, int n, String user) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Fixtures.record(prefix + "-" + i, T0.plusSeconds(i).toString(), i % 3 == 0 ? "RunInstances" : "DescribeInstances", user));
    }
    return out;
  }

  ImportReport importInOneRun(ImportListener listener, Path... files) {
    return store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null))
        .importPaths(List.of(files), listener);
  }

  /**
   * As {@link #importInOneRun(ImportListener, Path...)}, with records limited to 64 KiB: a file
   * larger than that is streamed, its events reaching the writer before its end is read (a file
   * that fits in memory is read whole first, so a damaged end rejects it before any event is written).
   */
  ImportReport importStreamed(ImportListener listener, Path... files) {
    return store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null)
        .withLimits(new InputLimits(InputLimits.DEFAULT.maxInflatedBytes(), 64 << 10))).importPaths(List.of(files), listener);
  }

  ImportReport importInOneRun(Path... files) {
    return importInOneRun(ImportListener.NONE, files);
  }

  long count(String filter) throws Exception {
    return store.queries().count(FilterParser.parse(filter));
  }

  /** row_count of each event_block of the file, in block order. */
  List<Integer> blockSizes(long fileId) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement("SELECT row_count FROM event_block WHERE file_id = ? ORDER BY id")) {
      ps.setLong(1, fileId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  String rawOf(String eventId) {
    List<Long> rows = store.queries().rowIdsByEventId(eventId);
    assertThat(rows).as("rows of %s", eventId).hasSize(1);
    return store.queries().rawJson(rows.get(0)).orElseThrow();
  }

  LedgerEntry ledgerOf(Path file) {
    String path = file.toAbsolutePath().normalize().toString();
    return store.queries().ledger().stream().filter(l -> l.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void aFileOfMoreThanOneBlockIsOneLedgerRowWithEveryEventFindable() throws Exception {
    List<String> recs = generated("big", 9000, "alice");
    Path f = Fixtures.s3File(tmp.resolve("in"), "111122223333", "us-east-1", "big", Fixtures.records(recs));
    ImportReport r = importInOneRun(f);
    assertThat(r.files()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(FileOutcome.Status.IMPORTED);
      assertThat(o.read()).isEqualTo(9000);
      assertThat(o.added()).isEqualTo(9000);
      assertThat(o.duplicates()).isZero();
    });
    List<LedgerEntry> ledger = store.queries().ledger();
    assertThat(ledger).singleElement().satisfies(l -> {
      assertThat(l.added()).isEqualTo(9000);
      assertThat(l.read()).isEqualTo(9000);
      assertThat(l.gzip()).isTrue();
    });
    assertThat(blockSizes(ledger.get(0).fileId())).as("blocks of at most 8192 events")
        .containsExactly(EventBlock.MAX_ROWS, 9000 - EventBlock.MAX_ROWS);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(9000);
    assertThat(count("eventName:RunInstances")).isEqualTo(3000);
    assertThat(count("time>=" + T0.plusSeconds(8192))).as("the events of the second block").isEqualTo(808);
    // first and last event of each block: found by id, their record exactly as in the file
    for (int i : new int[] {0, EventBlock.MAX_ROWS - 1, EventBlock.MAX_ROWS, 8999}) {
      assertThat(rawOf("big-" + i)).as("record %d", i).isEqualTo(recs.get(i));
      assertThat(count("eventId:big-" + i)).isEqualTo(1);
    }
    long lastRow = store.queries().rowIdsByEventId("big-8999").get(0);
    assertThat(store.queries().event(lastRow)).get().satisfies(e -> {
      assertThat(e.eventName()).isEqualTo("DescribeInstances");
      assertThat(e.eventTime()).isEqualTo(T0.plusSeconds(8999));
      assertThat(e.principalArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
    });
  }

  /** base-0..4, then big-0..9999 by trudy (principal and key new to the case). */
  static List<String> baseThenBig() {
    List<String> recs = new ArrayList<>(generated("base", 5, "alice"));
    recs.addAll(generated("big", 10_000, "trudy"));
    return recs;
  }

  /** The gzip of the records with its last bytes cut off: the end of the file is found missing. */
  Path truncated(String name, List<String> recs) {
    byte[] gz = Fixtures.gzip(Fixtures.records(recs).getBytes(StandardCharsets.UTF_8));
    return Fixtures.write(tmp.resolve("in").resolve(name), Arrays.copyOf(gz, gz.length - 200));
  }

  /** Records how many events the writer had taken of the current file when the listener was last told. */
  static final class MaxEvents implements ImportListener {
    final AtomicLong max = new AtomicLong();

    @Override
    public void progress(int filesDone, int filesTotal, long events) {
      if (filesDone == 0) {
        max.accumulateAndGet(events, Math::max);
      }
    }
  }

  @Test
  void aBigFileRejectedWholeLeavesNoBlocksTermsOrLedgerRowBehind() throws Exception {
    Path base = Fixtures.write(tmp.resolve("in/base.json"), Fixtures.records(generated("base", 5, "alice")));
    assertThat(importInOneRun(base).added()).isEqualTo(5);
    BadInputTest.State before = BadInputTest.state(store);
    Path cut = truncated("cut.json.gz", baseThenBig());
    MaxEvents seen = new MaxEvents();
    ImportReport r = importStreamed(seen, cut);
    assertThat(r.files()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
      assertThat(o.added()).isZero();
      assertThat(o.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("truncated gzip stream"));
    });
    assertThat(seen.max.get()).as("the writer had filled a block of this file before its end was found missing")
        .isGreaterThan(EventBlock.MAX_ROWS);
    assertThat(BadInputTest.state(store)).as("event_block, source_file, term_chunk, ... as before").isEqualTo(before);
    assertThat(store.queries().ledger()).hasSize(1);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(5);
    assertThat(count("principal:*trudy")).isZero();
    assertThat(store.queries().rowIdsByEventId("big-0")).isEmpty();
  }

  @Test
  void theEventsOfAFileRejectedWholeImportFromTheNextFileOfTheSameRun() throws Exception {
    Path base = Fixtures.write(tmp.resolve("in/base.json"), Fixtures.records(generated("base", 5, "alice")));
    assertThat(importInOneRun(base).added()).isEqualTo(5);
    List<String> recs = baseThenBig();
    Path cut = truncated("cut.json.gz", recs);
    Path good = Fixtures.write(tmp.resolve("in/good.json.gz"), Fixtures.gzip(Fixtures.records(recs).getBytes(StandardCharsets.UTF_8)));
    MaxEvents seen = new MaxEvents();
    ImportReport r = importStreamed(seen, cut, good);
    assertThat(seen.max.get()).isGreaterThan(EventBlock.MAX_ROWS);
    assertThat(r.files()).extracting(FileOutcome::status)
        .containsExactly(FileOutcome.Status.REJECTED, FileOutcome.Status.IMPORTED);
    // the rolled-back keys are forgotten (big-* are new again), the keys from before are not (base-* stay duplicates)
    assertThat(r.files().get(1).added()).isEqualTo(10_000);
    assertThat(r.files().get(1).duplicates()).isEqualTo(5);
    assertThat(store.queries().ledger()).extracting(LedgerEntry::path)
        .containsExactly(base.toAbsolutePath().normalize().toString(), good.toAbsolutePath().normalize().toString());
    assertThat(blockSizes(ledgerOf(good).fileId())).containsExactly(EventBlock.MAX_ROWS, 10_000 - EventBlock.MAX_ROWS);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(10_005);
    // the terms the rejected file created were taken back and written again with the good file
    assertThat(count("principal:*trudy")).isEqualTo(10_000);
    assertThat(count("accessKey:AKIATRUDY")).isEqualTo(10_000);
    assertThat(count("eventName:RunInstances")).isEqualTo(2 + 3334);
    assertThat(rawOf("big-0")).isEqualTo(recs.get(5));
    assertThat(rawOf("big-9999")).isEqualTo(recs.get(recs.size() - 1));
    store.close();
    store = CaseStore.open(tmp.resolve("case"));
    assertThat(count("principal:*trudy")).as("after reopening").isEqualTo(10_000);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(10_005);
  }

  /**
   * d-0..d-9; then d-5..d-9 again, n-0..n-2, and n-1 once more with another event name: a record
   * that shares an eventID with another, which is not a copy of it, is rejected with what differs.
   */
  Path[] overlappingFiles() {
    Path first = Fixtures.write(tmp.resolve("in/first.json"), Fixtures.records(generated("d", 10, "alice")));
    List<String> second = new ArrayList<>(generated("d", 10, "alice").subList(5, 10));
    second.addAll(generated("n", 3, "bob"));
    second.add(second.get(6).replace("\"eventName\":\"DescribeInstances\"", "\"eventName\":\"Repeated\""));
    assertThat(second.get(8)).contains("\"eventID\":\"n-1\"").contains("Repeated");
    Path secondFile = Fixtures.write(tmp.resolve("in/second.json"), Fixtures.records(second));
    return new Path[] {first, secondFile};
  }

  void assertOverlapCounted(FileOutcome second, Path secondFile) throws Exception {
    assertThat(second.read()).isEqualTo(9);
    assertThat(second.added()).isEqualTo(3);
    assertThat(second.duplicates()).as("5 already in the case").isEqualTo(5);
    assertThat(second.rejected()).as("n-1 again, as another record").isEqualTo(1);
    assertThat(second.problems()).singleElement().satisfies(p -> {
      assertThat(p.position()).isEqualTo("record 9");
      assertThat(p.reason()).contains("eventID n-1").contains("already in the case as a different record")
          .contains("eventName Repeated here, DescribeInstances in the case").contains("keeps the first");
    });
    LedgerEntry l = ledgerOf(secondFile);
    assertThat(l.read()).isEqualTo(9);
    assertThat(l.added()).isEqualTo(3);
    assertThat(l.duplicates()).isEqualTo(5);
    assertThat(l.rejected()).isEqualTo(1);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(13);
    assertThat(store.queries().rowIdsByEventId("n-1")).hasSize(1);
    assertThat(store.queries().rowIdsByEventId("d-7")).hasSize(1);
    assertThat(count("eventName:Repeated")).as("the first copy of n-1 is the one kept").isZero();
  }

  @Test
  void duplicatesAcrossFilesOfOneRunAndWithinAFileAreCountedOnce() throws Exception {
    Path[] f = overlappingFiles();
    ImportReport r = importInOneRun(f[0], f[1]);
    assertThat(r.files().get(0).added()).isEqualTo(10);
    assertOverlapCounted(r.files().get(1), f[1]);
  }

  @Test
  void duplicatesOfEventsImportedInAnEarlierRunAreCounted() throws Exception {
    Path[] f = overlappingFiles();
    assertThat(importInOneRun(f[0]).added()).isEqualTo(10);
    ImportReport r = importInOneRun(f[1]);
    assertOverlapCounted(r.files().get(0), f[1]);
  }

  @Test
  void anEventRepeatedInTheNextBlockOfTheSameFileIsADuplicate() throws Exception {
    List<String> recs = new ArrayList<>(generated("w", 8300, "alice"));
    recs.add(recs.get(0));
    recs.add(recs.get(8250));
    Path f = Fixtures.write(tmp.resolve("in/w.json"), Fixtures.records(recs));
    ImportReport r = importInOneRun(f);
    assertThat(r.files()).singleElement().satisfies(o -> {
      assertThat(o.read()).isEqualTo(8302);
      assertThat(o.added()).isEqualTo(8300);
      assertThat(o.duplicates()).isEqualTo(2);
    });
    assertThat(blockSizes(ledgerOf(f).fileId())).containsExactly(EventBlock.MAX_ROWS, 8300 - EventBlock.MAX_ROWS);
    assertThat(store.queries().count(new Expr.All())).isEqualTo(8300);
    assertThat(store.queries().rowIdsByEventId("w-0")).hasSize(1);
  }
}
