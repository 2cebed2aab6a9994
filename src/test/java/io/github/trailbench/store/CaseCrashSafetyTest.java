package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #18: a file is in the case whole or not at all, whatever a crash left; damage is refused, not hidden. */
class CaseCrashSafetyTest {
  @TempDir Path tmp;

  private Path file(String name, int events) {
    return Fixtures.s3File(tmp.resolve("data"), "111122223333", "us-east-1", name, Fixtures.records(name + "-", events));
  }

  private static void importInto(CaseStore s, Path... paths) {
    ImportReport r = s.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null))
        .importPaths(List.of(paths), ImportListener.NONE);
    assertThat(r.errors()).isEmpty();
  }

  private static long events(CaseStore s) {
    return s.queries().count(new Expr.All());
  }

  private static long scalar(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * What a killed import can leave when parts of its transaction reached the file: a block, a term
   * chunk and raw records of file {@code fileId}, which has no ledger row, above everything committed.
   */
  private static void leaveUnfinishedImport(Connection c, int fileId) throws Exception {
    long rowEnd = scalar(c, "SELECT MAX(first_row + row_count) FROM event_block");
    long blockId = scalar(c, "SELECT MAX(id) + 1 FROM event_block");
    long termEnd = scalar(c, "SELECT MAX(first_term + term_count) FROM term_chunk");
    long chunkId = scalar(c, "SELECT MAX(id) + 1 FROM term_chunk");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_block(id, file_id, first_row, row_count, min_time,"
        + " max_time, data) SELECT ?, ?, ?, row_count, min_time, max_time, data FROM event_block WHERE id = 1")) {
      ps.setLong(1, blockId);
      ps.setInt(2, fileId);
      ps.setLong(3, rowEnd);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO term_chunk(id, first_term, term_count, data, file_id) VALUES (?,?,?,?,?)")) {
      ps.setLong(1, chunkId);
      ps.setLong(2, termEnd);
      ps.setInt(3, 1);
      ps.setBytes(4, Terms.encode(List.of(new Terms.Term((int) termEnd, TermKind.EVENT_NAME.code, "LeftBehind"))));
      ps.setInt(5, fileId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_raw(row_id, json) VALUES (?, '{}')")) {
      ps.setLong(1, rowEnd + 1);
      ps.executeUpdate();
    }
  }

  @Test
  void blocksAndTermsOfAFileWithoutALedgerRowAreNeverVisibleToReaders() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      importInto(s, file("a", 40));
      assertThat(events(s)).isEqualTo(40);
      try (Connection c = s.connection()) {
        c.setAutoCommit(false);
        leaveUnfinishedImport(c, 2);
        c.commit();
      }
      // another reader (the app's timeline, say) refreshes its snapshot now
      assertThat(events(s)).isEqualTo(40);
      assertThat(s.queries().distinctValues(io.github.trailbench.core.query.Field.EVENT_NAME, "Left", 10)).isEmpty();
    }
  }

  @Test
  void theAppsWorkspaceHandsOnWhatOpeningRepairedAndNothingOnTheNextOpen() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
      try (Connection c = s.connection()) {
        c.setAutoCommit(false);
        leaveUnfinishedImport(c, 2);
        c.commit();
      }
    }
    try (io.github.trailbench.app.workspace.StoreCaseWorkspace app = new io.github.trailbench.app.workspace.StoreCaseWorkspace()) {
      assertThat(app.open(dir).events()).isEqualTo(40);
      assertThat(app.openNotes()).hasSize(2).first().asString()
          .startsWith("repaired: dropped 40 orphan events and 1 orphan terms of an unfinished import (file 2");
      app.close();
      app.open(dir);
      assertThat(app.openNotes()).isEmpty();
    }
  }

  @Test
  void leftoversOfAnUnfinishedImportAreDroppedOnOpeningAndReported() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
      try (Connection c = s.connection()) {
        c.setAutoCommit(false);
        leaveUnfinishedImport(c, 2);
        c.commit();
      }
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).containsExactly(
          "repaired: dropped 40 orphan events and 1 orphan terms of an unfinished import (file 2, never committed)",
          "repaired: dropped 1 orphan raw records of an unfinished import (rows from 41)");
      assertThat(events(s)).isEqualTo(40);
      try (Connection c = s.connection()) {
        assertThat(scalar(c, "SELECT COUNT(*) FROM event_block WHERE file_id = 2")).isZero();
        assertThat(scalar(c, "SELECT COUNT(*) FROM term_chunk WHERE file_id = 2")).isZero();
        assertThat(scalar(c, "SELECT COUNT(*) FROM event_raw")).isZero();
      }
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).isEmpty();
    }
  }

  @Test
  void aFileIdLeftByAnUnfinishedImportIsNeverGivenToALaterFile() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
      try (Connection c = s.connection()) {
        c.setAutoCommit(false);
        leaveUnfinishedImport(c, 2);
        c.commit();
      }
    }
    long firstRowOfB;
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("b", 30));
      assertThat(s.queries().ledger()).extracting(LedgerEntry::fileId).containsExactly(1L, 3L);
      assertThat(events(s)).isEqualTo(70);
      try (Connection c = s.connection()) {
        firstRowOfB = scalar(c, "SELECT MIN(first_row) FROM event_block WHERE file_id = 3");
        assertThat(scalar(c, "SELECT next_value FROM id_high_water WHERE name = 'term'"))
            .as("term ids of the dropped chunk are not handed out again").isGreaterThan(
                scalar(c, "SELECT MAX(first_term + term_count) FROM term_chunk WHERE file_id = 1"));
      }
    }
    assertThat(firstRowOfB).as("row ids of the dropped block are not handed out again").isGreaterThanOrEqualTo(81);
  }

  @Test
  void aLedgerRowWhoseBlocksHoldAnotherCountRefusesToOpen() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
      try (Connection c = s.connection(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE source_file SET added = 37");
      }
    }
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageStartingWith("case damaged: the import ledger records 37 events added from ")
        .hasMessageEndingWith("(file 1), its event blocks hold 40");
  }

  @Test
  void twoFilesSharingRowIdsRefuseToOpen() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40), file("b", 10));
      try (Connection c = s.connection(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE event_block SET first_row = 35 WHERE file_id = 2");
      }
    }
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessage("case damaged: the events of files 1 and 2 share row ids 35..40");
  }

  @Test
  void aDatabaseHoldingLessThanTheCaseRecordedRefusesToOpenUntilTheLossIsAccepted() throws Exception {
    Path dir = tmp.resolve("case");
    Path older = tmp.resolve("older.mv.db");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
    }
    Files.copy(dir.resolve("case.mv.db"), older);
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("b", 1200));
    }
    assertThat(Files.readString(dir.resolve(CaseManifest.FILE_NAME))).contains("\"events\" : 1240");
    Files.copy(older, dir.resolve("case.mv.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageStartingWith("case damaged: the database holds 40 events from 1 files, the case recorded 1,240 events"
            + " from 2 files (case.manifest written 20");
    // refusing changed nothing: it is refused again
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class);
    try (CaseStore s = CaseStore.openAcceptingLoss(dir)) {
      assertThat(s.openNotes()).singleElement().asString()
          .startsWith("accepted: the database holds 40 events from 1 files, the case recorded 1,240 events");
      assertThat(events(s)).isEqualTo(40);
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).isEmpty();
      assertThat(events(s)).isEqualTo(40);
    }
  }

  @Test
  void anEqualCountWithADifferentLedgerIsDamage() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
      try (Connection c = s.connection(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE source_file SET sha256 = '00' || SUBSTRING(sha256, 3)");
      }
    }
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageStartingWith("case damaged: the database's import ledger differs from the one the case recorded for its first 1 files");
  }

  @Test
  void aMissingDatabaseBesideItsRecordIsDamageNotANewCase() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, file("a", 40));
    }
    Files.delete(dir.resolve("case.mv.db"));
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageContaining("case.mv.db is missing; the case recorded 40 events from 1 files");
    assertThat(dir.resolve("case.mv.db")).doesNotExist();
  }

  @Test
  void aTruncatedDatabaseIsRefusedAndNeverOpensAsAnEmptyOrOlderCase() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      for (int i = 0; i < 5; i++) {
        importInto(s, file("f" + i, 2000));
      }
    }
    Path db = dir.resolve("case.mv.db");
    int refused = 0;
    for (double keep : new double[] {0.9, 0.5, 0.1}) {
      Path copy = tmp.resolve("whole.mv.db");
      Files.copy(db, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
        ch.truncate((long) (ch.size() * keep));
      }
      // what a cut loses is refused; a cut through free space at the end loses nothing and opens whole
      try (CaseStore s = CaseStore.open(dir)) {
        assertThat(events(s)).as("truncated to %s", keep).isEqualTo(10_000);
      } catch (CaseDamagedException e) {
        assertThat(e).hasMessageStartingWith("case damaged: ");
        refused++;
      }
      Files.copy(copy, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(refused).as("cutting the database to half and a tenth loses events").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aSnapshotMissingATermIsRefusedAndNeverCached() throws Exception {
    long threshold = EventQueries.cacheMinEvents;
    EventQueries.cacheMinEvents = 0;
    try {
      Path dir = tmp.resolve("case");
      try (CaseStore s = CaseStore.open(dir)) {
        importInto(s, file("a", 40));
        s.queries().awaitCacheWrite();
      }
      Files.deleteIfExists(dir.resolve(ColumnCache.FILE));
      try (CaseStore s = CaseStore.open(dir)) {
        try (Connection c = s.connection(); Statement st = c.createStatement()) {
          st.executeUpdate("DELETE FROM term_chunk");
        }
        assertThatThrownBy(() -> events(s)).isInstanceOf(CaseDamagedException.class)
            .hasMessageMatching("case damaged: event block 1 uses term \\d+, which no committed term chunk holds");
      }
      assertThat(dir.resolve(ColumnCache.FILE)).doesNotExist();
    } finally {
      EventQueries.cacheMinEvents = threshold;
    }
  }

  /** Written by the release before the move to H2 2.5 (commit aed1ecf, H2 2.3.232): 47 events of samples/case. */
  @Test
  void aCaseWrittenByH2_2_3_232OpensWithIdenticalEvents() throws Exception {
    Path dir = tmp.resolve("old-case");
    Files.createDirectories(dir);
    for (String name : List.of("case.mv.db", "case.trailbench")) {
      try (InputStream in = getClass().getResourceAsStream("/cases/h2-2.3.232/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    List<JsonNode> expected = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = getClass().getResourceAsStream("/cases/h2-2.3.232/events.jsonl")) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        expected.add(json.readTree(line));
      }
    }
    assertThat(expected).hasSize(47);
    for (int round = 0; round < 2; round++) { // as migrated, then as reopened
      try (CaseStore s = CaseStore.open(dir)) {
        List<String> actual = new ArrayList<>();
        s.queries().scan(new Expr.All(), EventQueries.Sort.TIME_ASC, 0, Long.MAX_VALUE,
            r -> actual.add(r.rowId() + " " + r.eventId() + " " + s.queries().rawJson(r.rowId()).orElseThrow()));
        assertThat(actual).containsExactlyElementsOf(expected.stream()
            .map(e -> e.get("rowId").asLong() + " " + e.get("eventId").asText() + " " + e.get("raw").asText()).toList());
        assertThat(s.queries().ledger()).hasSize(12);
        assertThat(s.openNotes()).isEmpty();
        assertThat(CaseStoreTest.scalar(s, "SELECT MAX(\"version\") FROM \"flyway_schema_history\"")).isEqualTo(CaseStore.SCHEMA_VERSION);
      }
    }
    assertThat(Files.readString(dir.resolve(CaseManifest.FILE_NAME))).contains("\"events\" : 47");
  }
}
