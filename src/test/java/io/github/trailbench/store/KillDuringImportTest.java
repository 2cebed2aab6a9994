package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during an import leaves a case that opens and holds only whole files. */
class KillDuringImportTest {
  static final int FILES = 30;
  static final int PER_FILE = 200;

  @TempDir Path tmp;

  @Test
  void killMinus9MidImport() throws Exception {
    Path data = tmp.resolve("data");
    for (int i = 0; i < FILES; i++) {
      Fixtures.s3File(data, "111122223333", "us-east-1", String.format("f%03d", i), Fixtures.records("k" + i, PER_FILE));
    }
    Path caseDir = tmp.resolve("case");
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(),
        caseDir.toString(), data.toString())
        .redirectErrorStream(true).start();
    int done = 0;
    StringBuilder output = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("done ")) {
          done++;
        }
        if (done >= 2) {
          break; // the child is now somewhere in the third file: SIGKILL it
        }
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(done).as("child made progress; its output:%n%s", output).isGreaterThanOrEqualTo(2);

    try (CaseStore s = CaseStore.open(caseDir)) {
      List<LedgerEntry> ledger = s.queries().ledger();
      long events = s.queries().count(new Expr.All());
      assertThat(ledger).allSatisfy(l -> assertThat(l.added()).isEqualTo(PER_FILE));
      assertThat(events).isEqualTo((long) ledger.size() * PER_FILE);
      try (Connection c = s.connection()) {
        assertThat(scalar(c, "SELECT COUNT(*) FROM event_block b WHERE NOT EXISTS (SELECT 1 FROM source_file f WHERE f.id = b.file_id)")).isZero();
        assertThat(scalar(c, "SELECT COUNT(*) FROM source_file f WHERE f.added <> (SELECT COALESCE(SUM(b.row_count), 0) FROM event_block b WHERE b.file_id = f.id)")).isZero();
      }
      // importing again completes the case
      ImportReport again = s.importer(DefaultEventFacts.deriver()).importPaths(List.of(data), ImportListener.NONE);
      assertThat(again.errors()).isEmpty();
      assertThat(s.queries().count(new Expr.All())).isEqualTo((long) FILES * PER_FILE);
      assertThat(s.queries().ledger()).hasSize(FILES);
    }
  }

  private static long scalar(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
