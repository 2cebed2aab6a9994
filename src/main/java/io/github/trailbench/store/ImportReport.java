package io.github.trailbench.store;

import io.github.trailbench.core.model.SourceProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one import run: one entry per file, in input order, and the IP enrichment of
 * the addresses the run added ({@code ipNote} says why it did not run or failed; else null).
 */
public record ImportReport(List<FileOutcome> files, CaseIpInfo.Run ipEnrichment, String ipNote) {
  public ImportReport {
    files = List.copyOf(files);
  }

  public ImportReport(List<FileOutcome> files) {
    this(files, null, null);
  }

  public int read() {
    return files.stream().mapToInt(FileOutcome::read).sum();
  }

  public int added() {
    return files.stream().mapToInt(FileOutcome::added).sum();
  }

  public int duplicates() {
    return files.stream().mapToInt(FileOutcome::duplicates).sum();
  }

  /** Records rejected, plus one per file rejected whole. */
  public int rejected() {
    return files.stream().mapToInt(f -> f.status() == FileOutcome.Status.REJECTED ? Math.max(1, f.rejected()) : f.rejected()).sum();
  }

  /** Files the import did not write because it was cancelled. */
  public long filesCancelled() {
    return files.stream().filter(f -> f.status() == FileOutcome.Status.CANCELLED).count();
  }

  /** Files left out on purpose: identical content already in the case, digests, files not evidence by their extension. */
  public long filesSkipped() {
    return files.stream().filter(f -> f.status() == FileOutcome.Status.SKIPPED).count();
  }

  public long filesRejected() {
    return files.stream().filter(f -> f.status() == FileOutcome.Status.REJECTED).count();
  }

  /**
   * Every error: files rejected whole and records rejected inside imported files, in input
   * order. Skipped files (identical content already in the case, digests) are not errors.
   */
  public List<SourceProblem> errors() {
    List<SourceProblem> out = new ArrayList<>();
    files.stream().filter(f -> f.status() == FileOutcome.Status.IMPORTED || f.status() == FileOutcome.Status.REJECTED)
        .forEach(f -> out.addAll(f.problems()));
    return out;
  }
}
