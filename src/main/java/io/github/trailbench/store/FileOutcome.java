package io.github.trailbench.store;

import io.github.trailbench.core.model.SourceProblem;
import java.util.List;

/**
 * What happened to one input file.
 *
 * @param path the file
 * @param format detected format (SourceKind name), or null when it could not be read
 * @param status imported, skipped (identical file already in the case, or a digest), rejected
 *     whole, or cancelled (the import was cancelled before or while writing it; nothing of it is in
 *     the case)
 * @param read records read
 * @param added events added to the case
 * @param duplicates events already in the case (or twice in the input)
 * @param rejected records rejected
 * @param problems the rejected records, or the one whole-file problem (or, for a skipped file,
 *     why it was skipped)
 * @param note a remark (why skipped, ...), or null
 */
public record FileOutcome(
    String path, String format, Status status, int read, int added, int duplicates, int rejected,
    List<SourceProblem> problems, String note) {

  public enum Status {
    IMPORTED,
    SKIPPED,
    REJECTED,
    CANCELLED
  }

  public FileOutcome {
    problems = List.copyOf(problems);
  }
}
