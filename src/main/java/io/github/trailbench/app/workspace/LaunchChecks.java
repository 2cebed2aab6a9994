package io.github.trailbench.app.workspace;

import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks on the app's command-line options that need to look into a case, before any window opens. */
public final class LaunchChecks {
  private LaunchChecks() {}

  /**
   * Whether the case in {@code caseDir} holds an event with this eventID: empty when that cannot
   * be told now (no case there yet, or it cannot be opened: the app then says why itself).
   */
  public static Optional<Boolean> caseHasEvent(Path caseDir, String eventId) {
    if (!Files.isRegularFile(caseDir.resolve(CaseStore.DB_NAME + ".mv.db"))) {
      return Optional.empty();
    }
    try (CaseStore store = CaseStore.open(caseDir)) {
      return Optional.of(!store.queries().rowIdsByEventId(eventId).isEmpty());
    } catch (StoreException e) {
      return Optional.empty();
    }
  }
}
