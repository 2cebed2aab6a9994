package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.core.query.FilterParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived files carry a checksum of their content: a file that fails it is discarded and rebuilt. */
class DerivedFilesTest {
  @TempDir Path tmp;
  long threshold;

  @BeforeEach
  void cacheEveryCase() {
    threshold = EventQueries.cacheMinEvents;
    EventQueries.cacheMinEvents = 0;
  }

  @AfterEach
  void restore() {
    EventQueries.cacheMinEvents = threshold;
  }

  /** The payload of a derived file whose checksum holds (what a test may edit and {@link #rewrite}). */
  static byte[] payload(Path file) {
    byte[] p = readAll(file);
    assertThat(p).as("a derived file with a valid checksum: " + file).isNotNull();
    return p;
  }

  private static byte[] readAll(Path file) {
    return DerivedFiles.read(file, DerivedFiles.Reader.stream(in -> in.readAllBytes()));
  }

  /** Writes {@code payload} as a derived file with a valid checksum, as the product would. */
  static void rewrite(Path file, byte[] payload) {
    assertThat(DerivedFiles.write(file, DerivedFiles.Content.stream(out -> out.write(payload)))).isTrue();
  }

  /** Flips one bit of the first byte of {@code text} in the file (and checks the text was there). */
  static void flipBitIn(Path file, String text) throws IOException {
    byte[] all = Files.readAllBytes(file);
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(all, needle);
    assertThat(at).as(text + " in " + file).isGreaterThanOrEqualTo(0);
    all[at + needle.length / 2] ^= 0x02;
    Files.write(file, all);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aFileReadsBackAsWritten() {
    Path file = tmp.resolve("x.cache");
    byte[] content = "hello derived world".getBytes(StandardCharsets.UTF_8);
    rewrite(file, content);
    assertThat(payload(file)).isEqualTo(content);
  }

  @Test
  void everySingleBitFlipAnywhereInTheFileIsNoticed() throws IOException {
    Path file = tmp.resolve("x.cache");
    rewrite(file, "eventId 11111111-0000-0000-0000-000000000002 arn:aws:s3:::evidence".getBytes(StandardCharsets.UTF_8));
    byte[] good = Files.readAllBytes(file);
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(file, bad);
      assertThat(readAll(file)).as("bit " + bit).isNull();
    }
  }

  @Test
  void aFileCutShortOrWithoutTrailerIsNoticed() throws IOException {
    Path file = tmp.resolve("x.cache");
    rewrite(file, "some payload".getBytes(StandardCharsets.UTF_8));
    byte[] good = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(good, good.length - 1));
    assertThat(readAll(file)).isNull();
    Files.write(file, "some payload".getBytes(StandardCharsets.UTF_8));
    assertThat(readAll(file)).isNull();
  }

  @Test
  void aReaderThatStopsEarlyStillHasTheWholePayloadChecked() throws IOException {
    Path file = tmp.resolve("x.cache");
    rewrite(file, "header\nbody that the reader never looks at\n".getBytes(StandardCharsets.UTF_8));
    flipBitIn(file, "never");
    Integer first = DerivedFiles.read(file, DerivedFiles.Reader.stream(in -> in.read()));
    assertThat(first).isNull();
  }

  private static List<EventRow> everyEvent(CaseStore s) throws Exception {
    List<EventRow> rows = new ArrayList<>();
    s.queries().scan(FilterParser.parse(""), EventQueries.Sort.TIME_ASC, 0, -1, rows::add);
    return rows;
  }

  private static void loadColumns(CaseStore s) throws InterruptedException {
    s.queries().columns();
    s.queries().awaitCacheWrite();
  }

  private List<EventRow> flipInColumnCacheAndReadBack(String text) throws Exception {
    Path dir = tmp.resolve("case");
    List<EventRow> truth;
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      loadColumns(s);
      truth = everyEvent(s);
    }
    flipBitIn(dir.resolve(ColumnCache.FILE), text);
    try (CaseStore s = CaseStore.open(dir)) {
      loadColumns(s);
      assertThat(s.queries().loadedFromCache).as("the damaged cache is not used").isFalse();
      assertThat(everyEvent(s)).isEqualTo(truth);
    }
    // rebuilt: the next open reads the new cache, with the same answers
    try (CaseStore s = CaseStore.open(dir)) {
      loadColumns(s);
      assertThat(s.queries().loadedFromCache).isTrue();
      return everyEvent(s);
    }
  }

  /**
   * A command ends by closing its case: the column cache its queries started writing is finished
   * by then, so a process that exits next leaves the cache in place and no temporary file (before,
   * every command over a large case exited during the write and left a hidden .tmp of tens of MB).
   */
  @Test
  void closingTheCaseFinishesTheColumnCacheItStarted() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      s.queries().columns();
    }
    assertThat(Thread.getAllStackTraces().keySet()).as("no writer still running after close")
        .noneMatch(t -> t.getName().startsWith("trailbench-derived-files") && t.isAlive());
    assertThat(dir.resolve(ColumnCache.FILE)).exists();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  /**
   * Temporary files a killed command left are removed when the case is next opened, with a note,
   * once they are older than a write in progress could be; nothing else in the folder is touched.
   */
  @Test
  void openingTheCaseRemovesTemporaryFilesAKilledCommandLeft() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
    }
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(CaseStore.ABANDONED_WRITE_AGE).minusSeconds(60));
    Path stale = Files.write(dir.resolve(".columns.cache.8782874106474801446.tmp"), new byte[2_000_000]);
    Files.setLastModifiedTime(stale, old);
    Path writing = Files.write(dir.resolve(".principal-graph.cache.1234.tmp"), new byte[10]);
    Path notOurs = Files.write(dir.resolve("notes.tmp"), new byte[10]);
    Files.setLastModifiedTime(notOurs, old);
    Path manifest = dir.resolve(CaseManifest.FILE_NAME);
    byte[] manifestBefore = Files.readAllBytes(manifest);
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).containsExactly("removed 1 temporary file (2.0 MB) of derived files that a command stopped"
          + " before finishing them left in the case directory; the case's data was not touched");
      assertThat(s.queries().count(FilterParser.parse(""))).isPositive();
    }
    assertThat(stale).doesNotExist();
    assertThat(writing).as("a recent one may be another process's write in progress").exists();
    assertThat(notOurs).exists();
    assertThat(Files.readAllBytes(manifest)).isEqualTo(manifestBefore);
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).isEmpty();
    }
  }

  @Test
  void aBitFlippedInAnEventIdOfTheColumnCacheIsRebuiltFromTheCase() throws Exception {
    List<EventRow> rows = flipInColumnCacheAndReadBack("11111111-0000-0000-0000-000000000002");
    assertThat(rows).extracting(EventRow::eventId).contains("11111111-0000-0000-0000-000000000002");
  }

  @Test
  void aBitFlippedInAnArnOfTheColumnCacheIsRebuiltFromTheCase() throws Exception {
    List<EventRow> rows = flipInColumnCacheAndReadBack("arn:aws:iam::111122223333:user/alice");
    assertThat(rows).extracting(EventRow::principalArn).contains("arn:aws:iam::111122223333:user/alice");
  }

  @Test
  void aBitFlippedInASessionLinkIsRebuiltFromTheCase() throws Exception {
    Path dir = tmp.resolve("case");
    Map<String, String> truth;
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Path.of("src/test/resources/fixtures/timeline/role-chain.json"));
      truth = CaseSessionLinks.parents(s);
    }
    assertThat(truth).containsEntry("ASIAADMIN00000000001", "ASIADEV0000000000001");
    flipBitIn(dir.resolve(CaseSessionLinks.FILE), "ASIADEV0000000000001");
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseSessionLinks.parents(s)).isEqualTo(truth);
    }
    assertThat(new String(payload(dir.resolve(CaseSessionLinks.FILE)), StandardCharsets.UTF_8))
        .contains("ASIAADMIN00000000001\tASIADEV0000000000001");
  }

  @Test
  void aBitFlippedInTheGraphsEvidenceTextIsRebuiltFromTheCase() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    PrincipalGraph truth = new PrincipalGraph(
        List.of(new GraphNode("arn:aws:iam::111122223333:user/alice", NodeKind.USER, "alice", Map.of()),
            new GraphNode("arn:aws:iam::111122223333:role/Admin", NodeKind.ROLE, "Admin", Map.of())),
        List.of(new GraphEdge("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/Admin",
            EdgeKind.CAN_ASSUME, "can assume", List.of("trust: Allow sts:AssumeRole from alice"))));
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      CaseGraphCache.getOrBuild(s, "n", () -> {
        builds.incrementAndGet();
        return truth;
      });
    }
    flipBitIn(dir.resolve(CaseGraphCache.FILE), "Allow sts:AssumeRole from alice");
    try (CaseStore s = CaseStore.open(dir)) {
      PrincipalGraph read = CaseGraphCache.getOrBuild(s, "n", () -> {
        builds.incrementAndGet();
        return truth;
      });
      assertThat(read).isEqualTo(truth);
      assertThat(builds).as("built again, not read from the damaged file").hasValue(2);
    }
  }

  @Test
  void textLinesReadBackUnderTheirHeaderOnlyWhole() throws Exception {
    Path f = tmp.resolve("lines.cache");
    assertThat(DerivedFiles.writeLines(f, "kind v1 stamp-1", java.util.List.of("a\tb", "", "c"))).isTrue();
    assertThat(DerivedFiles.readLines(f, "kind v1 stamp-1")).containsExactly("a\tb", "", "c");
    assertThat(DerivedFiles.readLines(f, "kind v1 stamp-2")).as("another stamp: stale").isNull();

    byte[] whole = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 1));
    assertThat(DerivedFiles.readLines(f, "kind v1 stamp-1")).as("cut short").isNull();

    Path g = tmp.resolve("not-written.cache");
    assertThat(DerivedFiles.writeLines(g, "kind v1 stamp-1", java.util.List.of("two\nlines"))).isFalse();
    assertThat(DerivedFiles.writeLines(g, "kind v1 stamp-1", java.util.List.of("end"))).as("the end line itself").isFalse();
    assertThat(g).doesNotExist();
  }
}
