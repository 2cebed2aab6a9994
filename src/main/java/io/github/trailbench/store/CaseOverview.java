package io.github.trailbench.store;

import io.github.trailbench.core.io.WholeFile;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.overview.OrgOverview;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The slice job's overview of an organization trail, kept beside a case as {@value #FILE_NAME}:
 * context for deciding what to slice next, not evidence of the case (it is not in the ledger).
 */
public final class CaseOverview {
  public static final String FILE_NAME = "org-overview.jsonl";

  private CaseOverview() {}

  /** The overview kept with the case in {@code caseDir}, if any; a damaged one is an error naming its line. */
  public static Optional<OrgOverview> read(Path caseDir) {
    Path file = caseDir.resolve(FILE_NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(parse(file, bytes));
  }

  /**
   * Reads and checks {@code overviewFile}, then keeps it with the open case (whole or not at all,
   * replacing an earlier one). The case must be open in this process, so it is whole and not in
   * use elsewhere.
   */
  public static OrgOverview keep(CaseStore store, Path overviewFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(overviewFile);
    } catch (NoSuchFileException e) {
      throw new StoreException(overviewFile + ": no such file", e);
    } catch (IOException e) {
      throw new StoreException(overviewFile + ": cannot read: " + e.getMessage(), e);
    }
    OrgOverview overview = parse(overviewFile, bytes);
    Path target = store.directory().resolve(FILE_NAME);
    try {
      WholeFile.write(target, out -> out.write(bytes));
    } catch (IOException e) {
      throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return overview;
  }

  private static OrgOverview parse(Path file, byte[] bytes) {
    try {
      return OrgOverview.read(file.toString(), new ByteArrayInputStream(bytes));
    } catch (SourceFormatException e) {
      throw new StoreException(e.problem().file() + " at " + e.problem().position() + ": " + e.problem().reason(), e);
    }
  }
}
