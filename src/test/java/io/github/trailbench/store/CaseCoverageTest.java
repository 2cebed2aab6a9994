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

  /** Counted by call from the columns, it is what mapping every raw record one by one gives. */
  @Test
  void theCountByCallIsTheCountEventByEventOnTheSampleCase() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("sample"))) {
      CaseStoreTest.importInto(s, Path.of("samples/case"));
      ActionCoverage.Result eventByEvent = CaseEvents.coverage(s);
      assertThat(eventByEvent.total()).isEqualTo(s.queries().count(new io.github.trailbench.core.query.Expr.All()));
      assertThat(eventByEvent.notDeniable()).isPositive();
      assertThat(CaseCoverage.of(s)).isEqualTo(eventByEvent);
    }
  }

  @Test
  void recordsOfNoRequestTypesUnknownCallsAndCallsWithoutAName() throws Exception {
    String alice = Fixtures.record("cov-1", "2026-10-01T00:00:00Z", "DescribeInstances", "alice");
    java.util.List<String> records = java.util.List.of(
        alice,
        // the same call as a service event and as a network activity copy: no request either time
        alice.replace("cov-1", "cov-2").replace("\"AwsApiCall\"", "\"AwsServiceEvent\""),
        alice.replace("cov-1", "cov-3").replace("\"AwsApiCall\"", "\"AwsVpceEvent\""),
        // a call the catalog does not know, twice, and an unknown call that is a service event
        alice.replace("cov-1", "cov-4").replace("DescribeInstances", "FrobnicateWidgets"),
        alice.replace("cov-1", "cov-5").replace("DescribeInstances", "FrobnicateWidgets"),
        alice.replace("cov-1", "cov-6").replace("DescribeInstances", "FrobnicateWidgets")
            .replace("\"AwsApiCall\"", "\"AwsServiceEvent\""),
        // no eventType at all, and a call that is not deniable
        alice.replace("cov-1", "cov-7").replace(",\"eventType\":\"AwsApiCall\"", ""),
        alice.replace("cov-1", "cov-8").replace("ec2.amazonaws.com", "sts.amazonaws.com")
            .replace("DescribeInstances", "GetCallerIdentity"));
    Path file = Fixtures.write(tmp.resolve("mixed.json"), Fixtures.records(records));
    try (CaseStore s = CaseStore.open(tmp.resolve("mixed"))) {
      CaseStoreTest.importInto(s, file);
      ActionCoverage.Result eventByEvent = CaseEvents.coverage(s);
      assertThat(eventByEvent.total()).isEqualTo(8);
      assertThat(eventByEvent.iam()).isEqualTo(2);
      assertThat(eventByEvent.notARequest()).isEqualTo(3);
      assertThat(eventByEvent.unknown()).isEqualTo(2);
      assertThat(eventByEvent.notDeniable()).isEqualTo(1);
      assertThat(eventByEvent.topUnknown()).containsExactly(java.util.Map.entry("ec2.amazonaws.com FrobnicateWidgets", 2L));
      assertThat(CaseCoverage.of(s)).isEqualTo(eventByEvent);
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
