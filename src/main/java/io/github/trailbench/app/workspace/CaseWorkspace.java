package io.github.trailbench.app.workspace;

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

  /** Imports files or folders into the open case; reports progress from 0 to 1. */
  ImportOutcome importFiles(List<Path> paths, DoubleConsumer progress) throws CaseException;

  /** The summary of the open case, refreshed. */
  CaseSummary summary() throws CaseException;

  @Override
  void close();

  /** A case could not be opened or written; the message is for the analyst. */
  final class CaseException extends Exception {
    public CaseException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
