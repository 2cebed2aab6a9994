package io.github.trailbench.app.workspace;

import java.util.List;

/** What an import did, for the summary dialog. */
public record ImportOutcome(
    int files, long read, long added, long duplicates, long rejected, List<String> problems) {
  public ImportOutcome {
    problems = List.copyOf(problems);
  }
}
