package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.bench.CrashBench;
import io.github.trailbench.core.cloudtrail.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness with a small count (issue #18): imports, findings and reports killed with
 * SIGKILL at random moments leave a case that opens, lists exactly what its ledger says with no
 * event twice and every raw record readable, and that a second import completes. The local run
 * with 200+ kills is {@code bench/run.sh Crash} (figures in docs/case-store.md).
 */
class CrashHarnessTest {
  @TempDir Path tmp;

  @Test
  void killedImportsFindingsAndReportsLeaveACaseThatChecksCleanAndCompletesOnReimport() throws Exception {
    Path data = tmp.resolve("data");
    for (int i = 0; i < 6; i++) {
      String account = i % 2 == 0 ? "111122223333" : "444455556666";
      Fixtures.s3File(data, account, "us-east-1", String.format("f%03d", i), Fixtures.records("k" + i, 150));
    }
    CrashBench.Figures f = new CrashBench(data, tmp.resolve("work"), 18).run(5);
    assertThat(f.events()).isEqualTo(900);
    assertThat(f.kills()).hasSize(5);
    assertThat(f.failures()).as(f.summary()).isEmpty();
  }
}
