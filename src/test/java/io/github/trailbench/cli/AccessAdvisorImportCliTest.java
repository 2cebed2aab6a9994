package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.IamSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing Access Advisor files: detected by content, stored raw, ledgered; unfinished jobs refused. */
class AccessAdvisorImportCliTest {
  @TempDir Path tmp;

  @Test
  void anAccessAdvisorFileIsDetectedByContentStoredRawAndLedgered() throws Exception {
    Path fixture = Fixtures.resource("iam/access-advisor.json");
    Path misnamed = Files.copy(fixture, tmp.resolve("notes.csv"));
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c, misnamed.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("stored +\\S*notes.csv +\\[ACCESS_ADVISOR\\] +3 Access Advisor reports");
    try (CaseStore s = CaseStore.open(Path.of(c))) {
      assertThat(s.queries().iamSources()).singleElement().satisfies(i -> {
        assertThat(i.kind()).isEqualTo("ACCESS_ADVISOR");
        assertThat(i.content()).isEqualTo(Files.readAllBytes(fixture));
      });
      assertThat(s.queries().ledger()).singleElement().satisfies(l -> assertThat(l.toString()).contains("ACCESS_ADVISOR"));
    }
    CliTest.Run again = CliTest.run("import", "--case", c, "--verbose", fixture.toString());
    assertThat(again.out()).as("the same bytes are not stored twice").contains("skipped");
  }

  @Test
  void aReportWhoseJobIsStillRunningIsRefusedWithFilePositionAndReason() throws Exception {
    Path running = Fixtures.write(tmp.resolve("running.json"), Files.readString(Fixtures.resource("iam/access-advisor.json"))
        .replaceFirst("\"COMPLETED\"", "\"IN_PROGRESS\""));
    String c = tmp.resolve("case").toString();
    CliTest.Run r = CliTest.run("import", "--case", c, running.toString());
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.out() + r.err()).contains("REJECTED  " + running, "reports[0].report.JobStatus",
        "JobStatus is \"IN_PROGRESS\"").doesNotContain("\tat ");
    try (CaseStore s = CaseStore.open(Path.of(c))) {
      assertThat(s.queries().iamSources()).extracting(IamSource::kind).isEmpty();
    }
  }
}
