package io.github.trailbench.app.workspace;

import java.util.List;

/**
 * What an import did, for the summary dialog. When {@code cancelled}, the files before the
 * cancel are in the case whole, the one being written was rolled back, and
 * {@code filesNotImported} were not read.
 */
public record ImportOutcome(
    int files, long read, long added, long duplicates, long rejected, List<String> problems,
    boolean cancelled, int filesNotImported) {
  public ImportOutcome {
    problems = List.copyOf(problems);
  }

  public ImportOutcome(int files, long read, long added, long duplicates, long rejected, List<String> problems) {
    this(files, read, added, duplicates, rejected, problems, false, 0);
  }
}
