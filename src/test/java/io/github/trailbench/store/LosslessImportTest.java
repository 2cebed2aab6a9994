package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.query.Expr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-world data that must be kept, not rejected (#18). */
class LosslessImportTest {
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

  ImportReport importFiles(Path... files) {
    return store.importer(DefaultEventFacts.deriver()).importPaths(List.of(files), ImportListener.NONE);
  }

  static String withoutId(String id, String name) {
    return Fixtures.record(id, "2026-10-03T10:00:00Z", name, "alice").replace("\"eventID\":\"" + id + "\",", "");
  }

  @Test
  void recordsWithoutAnEventIdAreKeptAndImportingThemAgainIsIdempotent() throws Exception {
    String a = withoutId("a", "RunInstances");
    String b = withoutId("b", "StopInstances");
    ImportReport first = importFiles(Fixtures.write(tmp.resolve("siem.json"), Fixtures.records(List.of(a, b))));
    assertThat(first.added()).isEqualTo(2);
    assertThat(first.rejected()).isZero();
    // the same records again, from another export formatted differently (JSON lines)
    ImportReport again = importFiles(Fixtures.write(tmp.resolve("siem.jsonl"), b + "\n" + a + "\n"));
    assertThat(again.added()).isZero();
    assertThat(again.duplicates()).isEqualTo(2);
    List<CloudTrailEvent> events = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), events::add, p -> {
      throw new AssertionError(p.toString());
    });
    assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.eventId()).startsWith("derived:"));
    String id = events.get(0).eventId();
    assertThat(CaseEvents.byId(store, id)).get().extracting(CloudTrailEvent::eventId).isEqualTo(id);
  }

  @Test
  void aUtf16FileIsKeptAsUtf8TextWithTheOriginalFileHashInTheLedger() throws Exception {
    String r1 = Fixtures.record("w1", "2026-10-03T10:00:00Z", "RunInstances", "zoë");
    String r2 = Fixtures.record("w2", "2026-10-03T10:01:00Z", "StopInstances", "用户");
    String text = "\uFEFF" + r1 + "\r\n" + r2 + "\r\n"; // what PowerShell 5.1 `>` writes
    Path f = Fixtures.write(tmp.resolve("ps-export.json"), text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    ImportReport r = importFiles(f);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.files().get(0).note()).isEqualTo("decoded from UTF-16LE (byte-order mark); kept in the case as UTF-8 text"
        + " (the SHA-256 is of the file as it is on disk)");
    assertThat(CaseEvents.byId(store, "w2")).get().satisfies(e -> {
      assertThat(e.rawJson()).isEqualTo(r2);
      assertThat(e.userIdentity().userName()).isEqualTo("用户");
    });
    assertThat(store.queries().ledger()).singleElement().satisfies(l -> {
      assertThat(l.sha256()).isEqualTo(io.github.trailbench.core.cloudtrail.SourceFiles.sha256(f));
      assertThat(l.gzip()).isFalse();
    });
    assertThat(importFiles(f).files().get(0).status()).isEqualTo(FileOutcome.Status.SKIPPED);
    // the same file gzipped: its events are duplicates, its raw records are read back the same
    Path gz = Fixtures.write(tmp.resolve("ps-export.json.gz"), Fixtures.gzip(java.nio.file.Files.readAllBytes(f)));
    ImportReport again = importFiles(gz);
    assertThat(again.duplicates()).isEqualTo(2);
    assertThat(again.files().get(0).note()).startsWith("gunzipped and decoded from UTF-16LE");
  }

  @Test
  void readingEventsBackCostsTheirRecordsNotAHugeRejectedRecordBesideThem() throws Exception {
    String big = Fixtures.record("big", "2026-10-03T10:00:00Z", "a".repeat(48 << 20), "alice");
    String content = Fixtures.records(List.of(Fixtures.record("h1", "2026-10-03T10:00:00Z", "X", "alice"), big,
        Fixtures.record("h2", "2026-10-03T10:01:00Z", "Y", "bob")));
    Path f = Fixtures.write(tmp.resolve("huge-neighbour.json.gz"),
        Fixtures.gzip(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    content = null;
    big = null;
    ImportReport r = store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults()
        .withLimits(new io.github.trailbench.core.cloudtrail.InputLimits(1L << 30, 1 << 20))).importPaths(List.of(f), ImportListener.NONE);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.rejected()).isEqualTo(1);
    List<String> names = new ArrayList<>();
    // the content is read on CaseEvents' inflater threads: measure the whole JVM's heap use instead of one thread
    long heapBefore = usedHeapAfterGc();
    long[] peak = {0};
    CaseEvents.forEach(store, new Expr.All(), e -> {
      names.add(e.eventName());
      peak[0] = Math.max(peak[0], usedHeapAfterGc() - heapBefore);
    }, p -> {
      throw new AssertionError(p.toString());
    });
    assertThat(names).containsExactly("X", "Y");
    assertThat(peak[0]).as("heap held while the events are read").isLessThan(24L << 20);
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
