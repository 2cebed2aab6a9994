package io.github.trailbench.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Files in the case directory that hold something computed from the case (the column snapshot,
 * session links, the principal graph): stamped with what they were computed from, written whole or not at all, and
 * safe to delete.
 */
final class DerivedFiles {
  private DerivedFiles() {}

  /** A derived file's content, written to the channel of a temporary file. */
  interface Content {
    void writeTo(FileChannel out) throws IOException;

    /** Content written as a stream (text, JSON). */
    static Content stream(StreamContent content) {
      return ch -> {
        OutputStream out = Channels.newOutputStream(ch);
        content.writeTo(out);
        out.flush();
      };
    }
  }

  /** A derived file's content written to a stream. */
  interface StreamContent {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What the case's event blocks and imported files are: any import changes it. */
  static String caseStamp(CaseStore store) {
    try (Connection c = store.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(row_count), 0),"
            + " COALESCE(SUM(first_row), 0), (SELECT COALESCE(MAX(id), 0) FROM source_file),"
            + " (SELECT COUNT(*) FROM source_file) FROM event_block")) {
      rs.next();
      return "blocks " + rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4)
          + " files " + rs.getLong(5) + " " + rs.getLong(6);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's contents: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code file} whole or not at all: to a temporary file moved over it. False (and the old
   * file, if any, left as it was) when that fails.
   */
  static boolean write(Path file, Content content) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // a read-only case directory, a full disk: computed again next time
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }
}
