package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case directory holds the case's files only: H2 writes no trace file of its errors there (an
 * app closed under its connections used to leave {@code case.trace.db} beside the evidence).
 */
class CaseTraceFileTest {
  @TempDir Path dir;

  @Test
  void anErrorInsideTheDatabaseLeavesNoTraceFileInTheCase() throws Exception {
    try (CaseStore store = CaseStore.open(dir)) {
      try (Connection c = store.connection()) {
        assertThatThrownBy(() -> c.createStatement().execute("SELECT * FROM NO_SUCH_TABLE")).isInstanceOf(SQLException.class);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".trace.db"));
    }
  }
}
