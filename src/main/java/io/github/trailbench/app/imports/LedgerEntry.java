package io.github.trailbench.app.imports;

import java.time.Instant;
import java.util.List;

/** One imported (or skipped, or rejected) file of the case, with its rejected records. */
public record LedgerEntry(
    long id,
    String path,
    String sha256,
    String format,
    Instant importedAt,
    long read,
    long added,
    long duplicates,
    long rejected,
    String note,
    List<Reject> rejects) {

  public LedgerEntry {
    rejects = List.copyOf(rejects);
  }

  /** A record or file that could not be imported: where and why. */
  public record Reject(String position, String reason) {}
}
