package io.github.trailbench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.ImportListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case opened ahead of the window is the one the workspace opens; any other is closed, never leaked. */
class OpenAheadTest {
  @TempDir Path tmp;

  private static long importSample(Path dir) {
    try (CaseStore s = CaseStore.open(dir)) {
      s.importer(DefaultEventFacts.deriver()).importPaths(List.of(Path.of("samples/case/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/05")),
          ImportListener.NONE);
      return s.queries().count(new Expr.All());
    }
  }

  @Test
  void theCaseOpenedAheadIsTheOneTheWorkspaceOpens() throws Exception {
    Path dir = tmp.resolve("case");
    long events = importSample(dir);
    assertThat(events).isPositive();

    var ahead = StoreCaseWorkspace.startOpeningAhead(dir);
    assertThat(ahead).isNotNull();
    try (StoreCaseWorkspace w = new StoreCaseWorkspace()) {
      CaseSummary summary = w.open(dir);
      assertThat(summary.events()).isEqualTo(events);
      assertThat(w.openStore()).as("the store opened ahead, not a second one").isSameAs(ahead.join());
    }
    assertThat(StoreCaseWorkspace.startOpeningAhead(tmp.resolve("not-a-case"))).isNull();
    // closed with the workspace: the case opens again
    try (CaseStore again = CaseStore.open(dir)) {
      assertThat(again.queries().count(new Expr.All())).isEqualTo(events);
    }
  }

  @Test
  void aCaseOpenedAheadButNotAskedForIsClosed() throws Exception {
    Path ahead = tmp.resolve("ahead");
    Path other = tmp.resolve("other");
    long events = importSample(ahead);
    importSample(other);

    var opened = StoreCaseWorkspace.startOpeningAhead(ahead);
    try (StoreCaseWorkspace w = new StoreCaseWorkspace()) {
      w.open(other);
      assertThat(w.openStore()).isNotSameAs(opened.join());
      CaseStore aheadStore = opened.join();
      long until = System.nanoTime() + 10_000_000_000L;
      boolean closed = false;
      while (!closed && System.nanoTime() < until) {
        try {
          aheadStore.queries().ledger();
          Thread.sleep(20);
        } catch (RuntimeException e) {
          closed = true;
        }
      }
      assertThat(closed).as("the store opened ahead for another case was closed").isTrue();
      // the store opened ahead is closed once its opening ends: the case can be opened by anyone
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (true) {
        try (CaseStore s = CaseStore.open(ahead)) {
          assertThat(s.queries().count(new Expr.All())).isEqualTo(events);
          break;
        } catch (RuntimeException busy) {
          if (System.nanoTime() > deadline) {
            throw busy;
          }
          Thread.sleep(50);
        }
      }
    }
  }

  @Test
  void aDirectoryThatIsNotACaseIsNotOpenedAheadNorCreated() throws Exception {
    Path missing = tmp.resolve("missing");
    StoreCaseWorkspace.openAhead(missing);
    assertThat(missing).doesNotExist();
    try (CaseWorkspace w = Workspaces.create()) {
      assertThat(w.open(missing).events()).as("opened as a new, empty case, as without a head start").isZero();
    }
  }
}
