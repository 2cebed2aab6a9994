package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.store.fs.Recorder;
import org.h2.store.fs.rec.FilePathRec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause of the crash harness's "database one committed file short of case.manifest": H2's
 * {@code CHECKPOINT SYNC} returned while its background writer still had a chunk queued. H2's
 * recording file system ({@code rec:}) holds H2's file-write thread for a while after one write,
 * so the background writer's next chunk certainly waits in its queue; a copy of the file taken
 * when {@link H2Durability#syncCommitted} returns is what a kill at that moment leaves.
 */
class H2DurabilityTest {
  @TempDir Path tmp;

  @AfterEach
  void noRecorder() {
    FilePathRec.setRecorder(null);
  }

  @Test
  void syncCommittedReturnsOnlyWhenEveryCommitIsInTheFile() throws Exception {
    AtomicBoolean armed = new AtomicBoolean();
    AtomicBoolean held = new AtomicBoolean();
    FilePathRec.register();
    FilePathRec.setRecorder((op, file, data, x) -> {
      if (op == Recorder.WRITE && file.endsWith(".mv.db") && armed.get()
          && Thread.currentThread().getName().startsWith("H2-save") && held.compareAndSet(false, true)) {
        sleep(2500);
      }
    });
    Path killedCopy = tmp.resolve("copy");
    try (Connection c = DriverManager.getConnection("jdbc:h2:rec:" + tmp.resolve("db"), "sa", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(id INT PRIMARY KEY, b VARBINARY(100000))");
      st.execute("CHECKPOINT SYNC");
      armed.set(true);
      st.execute("INSERT INTO t VALUES (1, CAST(REPEAT('ab', 20000) AS VARBINARY))");
      sleep(800); // the background writer (500 ms delay) wrote row 1; the write thread is now held
      st.execute("INSERT INTO t VALUES (2, CAST(REPEAT('ab', 20000) AS VARBINARY))");
      sleep(1200); // the background writer has taken row 2; its chunk waits behind the held write
      assertThat(held).as("H2's write thread was held").isTrue();
      H2Durability.syncCommitted(c);
      Files.createDirectories(killedCopy);
      Files.copy(tmp.resolve("db.mv.db"), killedCopy.resolve("db.mv.db"));
    }
    FilePathRec.setRecorder(null);
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + killedCopy.resolve("db"), "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertThat(rs.getInt(1)).as("committed rows in the file when syncCommitted returned").isEqualTo(2);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
