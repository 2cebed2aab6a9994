package io.github.trailbench.app.workspace;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionService;
import io.github.trailbench.app.graph.GraphService;
import io.github.trailbench.app.imports.LedgerQueries;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/** Creates the workspace the app runs on. */
public final class Workspaces {
  private Workspaces() {}

  public static CaseWorkspace create() {
    return new CaseWorkspace() {
      private static final String MISSING = "The case store is not built yet (issue #4).";

      @Override
      public CaseSummary open(Path caseDirectory) throws CaseException {
        throw new CaseException(MISSING, null);
      }

      @Override
      public ImportOutcome importFiles(List<Path> paths, DoubleConsumer progress) throws CaseException {
        throw new CaseException(MISSING, null);
      }

      @Override
      public CaseSummary summary() throws CaseException {
        throw new CaseException(MISSING, null);
      }

      @Override
      public TimelineQueries timeline() {
        throw new UnsupportedOperationException(MISSING);
      }

      @Override
      public LedgerQueries ledger() {
        return () -> {
          throw new CaseException(MISSING, null);
        };
      }

      @Override
      public DecisionService decisions() {
        return r -> {
          throw new CaseException(MISSING, null);
        };
      }

      @Override
      public List<DecisionRequest> requestsOf(EventRow event) throws CaseException {
        throw new CaseException(MISSING, null);
      }

      @Override
      public GraphService graph() {
        return () -> {
          throw new CaseException(MISSING, null);
        };
      }

      @Override
      public void close() {}
    };
  }
}
