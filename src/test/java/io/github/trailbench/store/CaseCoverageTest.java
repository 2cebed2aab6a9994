package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.catalog.ActionCoverage;
import io.github.trailbench.core.cloudtrail.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept action coverage is the counted one, counted again after an import or damage, never read stale. */
class CaseCoverageTest {
  @TempDir Path tmp;

  @Test
  void theKeptCoverageIsTheCountedOneAndAnImportMakesItCountAgain() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      ActionCoverage.Result counted = CaseEvents.coverage(s);
      assertThat(counted.total()).isPositive();
      assertThat(CaseCoverage.of(s)).isEqualTo(counted);
      assertThat(dir.resolve(CaseCoverage.FILE)).exists();
      String kept = new String(DerivedFilesTest.payload(dir.resolve(CaseCoverage.FILE)), StandardCharsets.UTF_8);
      assertThat(kept).contains("counts " + counted.total() + " " + counted.iam() + " ");

      // a kept file is what is answered while the case is unchanged: edited (with a valid checksum), it is read
      DerivedFilesTest.rewrite(dir.resolve(CaseCoverage.FILE),
          kept.replace("counts " + counted.total() + " ", "counts 999999 ").getBytes(StandardCharsets.UTF_8));
      assertThat(CaseCoverage.of(s).total()).isEqualTo(999_999);

      // another import changes the case's stamp: counted again, with the new events
      Path more = Fixtures.write(tmp.resolve("more.json"), Fixtures.records(java.util.List.of(Fixtures.record("cov-extra-1", "2026-10-01T00:00:00Z", "ListBuckets", "alice"))));
      CaseStoreTest.importInto(s, more);
      ActionCoverage.Result after = CaseCoverage.of(s);
      assertThat(after).isEqualTo(CaseEvents.coverage(s));
      assertThat(after.total()).isEqualTo(counted.total() + 1);
    }
  }

  @Test
  void aDamagedKeptCoverageIsCountedAgain() throws Exception {
    Path dir = tmp.resolve("case");
    ActionCoverage.Result truth;
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      truth = CaseCoverage.of(s);
    }
    DerivedFilesTest.flipBitIn(dir.resolve(CaseCoverage.FILE), "counts ");
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseCoverage.of(s)).isEqualTo(truth);
    }
    Files.writeString(dir.resolve(CaseCoverage.FILE), "not a derived file");
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseCoverage.of(s)).isEqualTo(truth);
    }
  }
}
