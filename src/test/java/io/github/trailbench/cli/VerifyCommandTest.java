package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trailbench verify: a whole case passes; one holding less than it recorded fails in one line until the loss is accepted. */
class VerifyCommandTest {
  @TempDir Path tmp;

  private Path file(String name, int events) {
    return Fixtures.s3File(tmp.resolve("data"), "111122223333", "us-east-1", name, Fixtures.records(name + "-", events));
  }

  private Path caseWith(Path... files) {
    Path dir = tmp.resolve("case");
    for (Path f : files) {
      CliTest.Run r = CliTest.run("import", "--case", dir.toString(), f.toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
    return dir;
  }

  @Test
  void aWholeCasePassesWithItsCounts() {
    Path dir = caseWith(file("a", 40), file("b", 2));
    CliTest.Run r = CliTest.run("verify", "--case", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(": whole: 42 events from 2 files;");
  }

  @Test
  void aRolledBackDatabaseFailsInOneLineUntilTheLossIsAccepted() throws Exception {
    Path dir = caseWith(file("a", 40));
    Path older = tmp.resolve("older.mv.db");
    Files.copy(dir.resolve("case.mv.db"), older);
    caseWith(file("b", 2));
    Files.copy(older, dir.resolve("case.mv.db"), StandardCopyOption.REPLACE_EXISTING);

    CliTest.Run refused = CliTest.run("verify", "--case", dir.toString());
    assertThat(refused.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(refused.err().strip()).startsWith("trailbench: case damaged: the database holds 40 events from 1 files,"
        + " the case recorded 42 events from 2 files (case.manifest written ").doesNotContain("\n");
    CliTest.Run events = CliTest.run("events", "--case", dir.toString());
    assertThat(events.exit()).as("every command refuses the case, not only verify").isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);

    CliTest.Run accepted = CliTest.run("verify", "--case", dir.toString(), "--accept-loss");
    assertThat(accepted.exit()).as(accepted.err()).isZero();
    assertThat(accepted.out()).startsWith("accepted: the database holds 40 events from 1 files").contains("whole: 40 events from 1 files");
    assertThat(CliTest.run("verify", "--case", dir.toString()).exit()).isZero();
  }

  @Test
  void importSaysWhatTheOpeningDroppedOfAKilledImport() throws Exception {
    Path dir = caseWith(file("a", 40));
    // what a killed import can leave: a block of a file that never got its ledger row
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("case"), "sa", "");
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO event_block(id, file_id, first_row, row_count, min_time, max_time, data)"
          + " SELECT 99, 7, 1000, row_count, min_time, max_time, data FROM event_block WHERE id = 1");
    }
    CliTest.Run r = CliTest.run("import", "--case", dir.toString(), file("b", 2).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("trailbench: repaired: dropped 40 orphan events and 0 orphan terms of an unfinished import"
        + " (file 7, never committed)");
    assertThat(CliTest.run("verify", "--case", dir.toString()).out()).contains("whole: 42 events from 2 files");
  }
}
