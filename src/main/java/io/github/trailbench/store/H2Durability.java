package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes every committed transaction durable before the caller records that it is.
 *
 * <p>{@code CHECKPOINT SYNC} alone does not (H2 2.5.252): H2's background writer stores changes
 * asynchronously (a serialization thread, then a file-write thread); {@code CHECKPOINT SYNC}
 * asks the store to commit, which returns at once when that writer has already taken the
 * changes, and then forces the file while the chunk holding them may still be queued. A process
 * killed then loses a commit that {@code case.manifest} already counts. {@code SET WRITE_DELAY 0}
 * stops the background writer and waits for every chunk write it queued; with it stopped the
 * checkpoint writes what is left on this thread; then the delay is set back to H2's default.
 * docs/case-store.md, "Crash safety", has the evidence.
 */
final class H2Durability {
  /** H2's default write delay (org.h2.engine.Constants.DEFAULT_WRITE_DELAY); Trailbench never changes it otherwise. */
  static final int WRITE_DELAY_MS = 500;

  private H2Durability() {}

  /** Everything committed on any connection of this database is in the file, and the file is synced. */
  static void syncCommitted(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET WRITE_DELAY 0");
      try {
        st.execute("CHECKPOINT SYNC");
      } finally {
        st.execute("SET WRITE_DELAY " + WRITE_DELAY_MS);
      }
    }
  }
}
