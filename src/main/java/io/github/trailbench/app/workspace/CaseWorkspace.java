package io.github.trailbench.app.workspace;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionService;
import io.github.trailbench.app.findings.FindingsService;
import io.github.trailbench.app.graph.GraphService;
import io.github.trailbench.app.imports.LedgerQueries;
import io.github.trailbench.app.overview.OverviewService;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The app's door to a case: opening, importing, summarizing. View models call it off the FX
 * thread; views never see it.
 */
public interface CaseWorkspace extends AutoCloseable {

  /** Opens (creating if absent) the case in this directory. */
  CaseSummary open(Path caseDirectory) throws CaseException;

  /**
   * What opening the case repaired, one line each (the leftovers of an unfinished import it
   * dropped, a loss accepted earlier): the analyst must see these, not only the CLI. Empty when
   * the case opened as it was.
   */
  default List<String> openNotes() {
    return List.of();
  }

  /** Imports files or folders into the open case; reports progress from 0 to 1. */
  ImportOutcome importFiles(List<Path> paths, DoubleConsumer progress) throws CaseException;

  /**
   * Asks a running {@link #importFiles} to stop after the file it is writing (which is rolled
   * back); safe to call from any thread, a no-op when nothing is importing.
   */
  default void cancelImport() {}

  /** The summary of the open case, refreshed. */
  CaseSummary summary() throws CaseException;

  /** Event queries of the open case. */
  TimelineQueries timeline();

  /** The import ledger of the open case. */
  LedgerQueries ledger();

  /** Policy decisions against the policies of the open case. */
  DecisionService decisions();

  /**
   * The requests a logged event made (one per IAM action it was authorized as); empty when the call needs no
   * authorization. Throws, saying why, for a call that needs it but whose record names no caller.
   */
  List<DecisionRequest> requestsOf(EventRow event) throws CaseException;

  /** Detections and finding exports of the open case. */
  FindingsService findings();

  /** The rule packs and known addresses of the open case. */
  default io.github.trailbench.app.findings.CaseRulesService caseRules() {
    throw new UnsupportedOperationException("this workspace keeps no rule packs");
  }

  /** The principal graph of the open case. */
  GraphService graph();

  /** The slice job's organization overview kept with the open case. */
  default OverviewService overview() {
    return OverviewService.NONE;
  }

  /**
   * The data sets in use, one line each, for the About box: bundled IP databases (licence and
   * date), the action catalog, and the databases that enriched the open case.
   */
  default List<String> dataSources() {
    return List.of();
  }

  @Override
  void close();

  /** A case could not be opened or written; the message is for the analyst. */
  final class CaseException extends Exception {
    public CaseException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
