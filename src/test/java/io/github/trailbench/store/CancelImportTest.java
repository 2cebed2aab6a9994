package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling an import keeps the files written before it whole and imports nothing after it. */
class CancelImportTest {
  @TempDir Path tmp;

  @Test
  void filesBeforeTheCancelAreKeptWholeTheRestAreReportedAsNotImported() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("samples/case/AWSLogs/111122223333/CloudTrail"))) {
      files = s.filter(Files::isRegularFile).sorted().limit(12).toList();
    }
    try (CaseStore store = CaseStore.open(tmp.resolve("c"))) {
      AtomicReference<CaseImporter> importer = new AtomicReference<>(store.importer(DefaultEventFacts.deriver(),
          CaseStore.ImportOptions.defaults().withIpEnricher(null)));
      AtomicReference<FileOutcome> first = new AtomicReference<>();
      ImportReport report = importer.get().importPaths(files, new ImportListener() {
        @Override
        public void fileDone(FileOutcome f) {
          if (first.compareAndSet(null, f)) {
            importer.get().cancel();
          }
        }
      });
      assertThat(report.files()).hasSize(files.size());
      assertThat(report.files().get(0).status()).isEqualTo(FileOutcome.Status.IMPORTED);
      assertThat(report.files().subList(1, files.size())).allSatisfy(f -> assertThat(CaseImporter.cancelledBeforeFile(f))
          .as(f.path()).isTrue());
      assertThat(store.queries().count(new io.github.trailbench.core.query.Expr.All()))
          .as("exactly the first file's events").isEqualTo(first.get().added()).isPositive();

      // importing the same paths again adds what is missing, nothing twice
      ImportReport again = store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null))
          .importPaths(files, ImportListener.NONE);
      assertThat(again.files()).noneSatisfy(f -> assertThat(CaseImporter.cancelledBeforeFile(f)).isTrue());
      long total = store.queries().count(new io.github.trailbench.core.query.Expr.All());
      assertThat(total).isEqualTo(first.get().added() + again.added());
      assertThat(again.duplicates()).isZero();
    }
  }
}
