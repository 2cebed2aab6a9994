package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java running out of heap during an import: the analyst reads so, and no file is kept in part. */
class OutOfMemoryImportTest {
  @TempDir Path tmp;

  private static Path records(Path file, String prefix, int n) throws Exception {
    StringJoiner all = new StringJoiner(",", "{\"Records\":[", "]}");
    for (int i = 0; i < n; i++) {
      all.add("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
          + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
          + "\"eventTime\":\"2026-10-01T00:" + String.format("%02d:%02d", i / 60 % 60, i % 60) + "Z\","
          + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\","
          + "\"sourceIPAddress\":\"192.0.2.1\",\"userAgent\":\"test\",\"eventID\":\"" + prefix + "-" + i + "\","
          + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}");
    }
    Files.writeString(file, all.toString());
    return file;
  }

  @Test
  void theWriterRunningOutOfMemoryMidFileKeepsNothingOfThatFileAndGoesOnWithTheNext() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    List<Path> files = List.of(records(data.resolve("1.json"), "one", 10),
        records(data.resolve("2.json"), "two", CaseImporter.CHUNK * 2 + 500),
        records(data.resolve("3.json"), "three", 10));
    Path caseDir = tmp.resolve("case");
    try (CaseStore store = CaseStore.open(caseDir)) {
      ImportReport report = store.importer(DefaultEventFacts.deriver(),
              CaseStore.ImportOptions.defaults().withIpEnricher(null).withParserThreads(1))
          .importPaths(files, new ImportListener() {
            @Override
            public void progress(int filesDone, int filesTotal, long events) {
              // the writer, after storing the second file's first chunk: as if an allocation failed there
              if (filesDone == 1 && events >= 10 + CaseImporter.CHUNK) {
                throw new OutOfMemoryError("Java heap space");
              }
            }
          });
      assertThat(report.files()).extracting(FileOutcome::status).containsExactly(FileOutcome.Status.IMPORTED,
          FileOutcome.Status.REJECTED, FileOutcome.Status.IMPORTED);
      assertThat(report.files().get(1).problems().get(0).reason()).contains("Java ran out of memory")
          .contains("nothing of it was added");
      assertThat(store.queries().count(new Expr.All())).isEqualTo(20);
    }
    // before, the Error left the file's first chunk in an open transaction that turning auto-commit
    // back on committed: the next opening found event blocks without a ledger entry
    try (CaseStore reopened = CaseStore.open(caseDir)) {
      assertThat(reopened.openNotes()).isEmpty();
      assertThat(reopened.queries().count(new Expr.All())).isEqualTo(20);
    }
  }

  @Test
  void theParsersRunAtOnceAreAsManyAsTheHeapHoldsAtOversizedRecords() {
    int cap = 8 << 20;
    assertThat(CaseImporter.parsersTheHeapHolds(64L << 20, cap)).as("always one").isEqualTo(1);
    assertThat(CaseImporter.parsersTheHeapHolds(192L << 20, cap)).isEqualTo(1);
    assertThat(CaseImporter.parsersTheHeapHolds(256L << 20, cap)).isEqualTo(2);
    assertThat(CaseImporter.parsersTheHeapHolds(4L << 30, cap)).as("a laptop's default heap does not bind").isGreaterThan(4);
    assertThat(CaseImporter.parsersTheHeapHolds(256L << 20, 1 << 20)).as("a smaller cap allows more").isGreaterThan(4);
  }
}
