package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: a transaction killed while it committed, which H2 2.5.252 registers as committed on
 * opening and never finishes (every write to its rows then retries forever), is repaired on
 * opening. The case is the one the crash harness left after its 219th kill.
 */
class H2UnfinishedCommitTest {
  /** A write that used to spin for ever finishes in well under this on any machine that runs the build. */
  private static final Duration WRITE_BOUND = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private Path keptCase() throws Exception {
    Path dir = tmp.resolve("case");
    Files.createDirectories(dir);
    for (String name : List.of("case.mv.db", "case.manifest", "case.trailbench")) {
      try (InputStream in = getClass().getResourceAsStream("/cases/h2-stuck-after-kills/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    return dir;
  }

  private static int unfinishedIn(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "")) {
      return H2UnfinishedCommit.count(c);
    }
  }

  @Test
  void theKeptCaseHoldsACommitH2LeftUnfinished() throws Exception {
    Path dir = keptCase();
    assertThat(unfinishedIn(dir.resolve("case"))).isEqualTo(1);
    assertThat(unfinishedIn(dir.resolve("case"))).as("opening again does not finish it").isEqualTo(1);
  }

  @Test
  void aCommitLeftUnfinishedIsRebuiltFromTheReadableRowsOnOpeningAndTheCaseTakesWritesAgain() throws Exception {
    Path dir = keptCase();
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).hasSize(1);
      assertThat(s.openNotes().get(0)).startsWith("repaired: H2 had left the commit of a killed import unfinished")
          .contains("every count the same").contains("case.mv.db.before-repair");
      assertThat(s.queries().ledger()).hasSize(17);
      assertThat(s.queries().count(new Expr.All())).isEqualTo(583);
      List<Long> unreadable = new ArrayList<>();
      s.queries().scan(new Expr.All(), EventQueries.Sort.TIME_ASC, 0, Long.MAX_VALUE,
          r -> { if (s.queries().rawJson(r.rowId()).isEmpty()) unreadable.add(r.rowId()); });
      assertThat(unreadable).isEmpty();

      // the writes that spun before the repair: the file ids' high-water row, then a whole import
      assertTimeoutPreemptively(WRITE_BOUND, () -> {
        try (Connection c = s.connection(); Statement st = c.createStatement()) {
          assertThat(st.executeUpdate("UPDATE id_high_water SET next_value = next_value WHERE name = 'file'")).isEqualTo(1);
        }
        Path data = Fixtures.s3File(tmp.resolve("data"), "111122223333", "us-east-1", "after-repair", Fixtures.records("after-repair-", 12));
        ImportReport r = s.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null))
            .importPaths(List.of(data), ImportListener.NONE);
        assertThat(r.errors()).isEmpty();
      });
      assertThat(s.queries().count(new Expr.All())).isEqualTo(583 + 12);
      assertThat(s.queries().ledger()).hasSize(18);
    }
    Path kept = dir.resolve("case.mv.db.before-repair");
    Files.copy(kept, tmp.resolve("kept.mv.db"));
    assertThat(unfinishedIn(tmp.resolve("kept"))).as("the database as it was is kept, unfinished commit included").isEqualTo(1);
    assertThat(dir.resolve("case-rebuild.mv.db")).doesNotExist();
    assertThat(dir.resolve("case-rebuild.sql.gz")).doesNotExist();

    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).as("repaired once").isEmpty();
      assertThat(s.queries().count(new Expr.All())).isEqualTo(583 + 12);
    }
  }

  @Test
  void whatAKilledRepairLeftIsReplacedByTheNextOne() throws Exception {
    Path dir = keptCase();
    Files.writeString(dir.resolve("case-rebuild.mv.db"), "half a database");
    Files.writeString(dir.resolve("case-rebuild.sql.gz"), "half a script");
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.openNotes()).hasSize(1);
      assertThat(s.queries().count(new Expr.All())).isEqualTo(583);
    }
    assertThat(dir.resolve("case-rebuild.mv.db")).doesNotExist();
  }
}
