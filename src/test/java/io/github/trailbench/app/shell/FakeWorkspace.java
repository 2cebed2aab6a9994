package io.github.trailbench.app.shell;

import io.github.trailbench.app.workspace.CaseSummary;
import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.ImportOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/** An in-memory workspace for shell tests: records what it was asked to do. */
final class FakeWorkspace implements CaseWorkspace {
  final List<Path> opened = new ArrayList<>();
  final List<Path> imported = new ArrayList<>();
  String failOpenWith;
  List<String> openNotes = List.of();

  @Override
  public List<String> openNotes() {
    return openNotes;
  }
  long events = 0;

  @Override
  public CaseSummary open(Path dir) throws CaseException {
    if (failOpenWith != null) {
      throw new CaseException(failOpenWith, null);
    }
    opened.add(dir);
    return summary();
  }

  /** When set, importFiles waits until cancelImport() and then reports a cancelled import. */
  java.util.concurrent.CountDownLatch holdImportUntilCancelled;
  volatile boolean cancelRequested;

  @Override
  public void cancelImport() {
    cancelRequested = true;
    if (holdImportUntilCancelled != null) {
      holdImportUntilCancelled.countDown();
    }
  }

  @Override
  public ImportOutcome importFiles(List<Path> paths, DoubleConsumer progress) {
    if (holdImportUntilCancelled != null) {
      progress.accept(0.25);
      try {
        holdImportUntilCancelled.await(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ImportOutcome(1, 3, 3, 0, 0, List.of(), cancelRequested, cancelRequested ? paths.size() - 1 : 0);
    }
    imported.addAll(paths);
    events += 3;
    progress.accept(1.0);
    return new ImportOutcome(paths.size(), 3, 3, 0, 0, List.of());
  }

  @Override
  public CaseSummary summary() {
    Path dir = opened.isEmpty() ? Path.of("none") : opened.get(opened.size() - 1);
    return new CaseSummary(dir.getFileName().toString(), dir, events, imported.size(), 0,
        events == 0 ? null : Instant.parse("2026-10-03T10:00:00Z"),
        events == 0 ? null : Instant.parse("2026-10-03T11:30:00Z"));
  }

  @Override
  public io.github.trailbench.app.timeline.TimelineQueries timeline() {
    throw new UnsupportedOperationException("not used by shell tests");
  }

  @Override
  public io.github.trailbench.app.imports.LedgerQueries ledger() {
    return List::of;
  }

  @Override
  public io.github.trailbench.app.decision.DecisionService decisions() {
    throw new UnsupportedOperationException("not used by shell tests");
  }

  @Override
  public List<io.github.trailbench.app.decision.DecisionRequest> requestsOf(io.github.trailbench.app.timeline.EventRow e) {
    return List.of();
  }

  @Override
  public io.github.trailbench.app.findings.FindingsService findings() {
    throw new UnsupportedOperationException("not used by shell tests");
  }

  @Override
  public io.github.trailbench.app.graph.GraphService graph() {
    return () -> io.github.trailbench.core.model.graph.PrincipalGraph.EMPTY;
  }

  @Override
  public void close() {}
}
