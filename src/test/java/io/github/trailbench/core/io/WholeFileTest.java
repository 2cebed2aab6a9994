package io.github.trailbench.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeFileTest {
  @TempDir Path tmp;

  private long filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void aWriteReplacesTheFileWhole() throws IOException {
    Path file = tmp.resolve("r.csv");
    Files.writeString(file, "old report");
    WholeFile.write(file, out -> out.write("new report".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(file)).isEqualTo("new report");
    assertThat(filesIn(tmp)).as("no temporary file left").isEqualTo(1);
  }

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousFileAsItWas() throws IOException {
    Path file = tmp.resolve("r.pdf");
    Files.writeString(file, "the previous, complete report");
    assertThatThrownBy(() -> WholeFile.write(file, out -> {
      out.write("half of the new rep".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(file)).isEqualTo("the previous, complete report");
    assertThat(filesIn(tmp)).as("no temporary file left").isEqualTo(1);
  }

  @Test
  void aFolderThatDoesNotExistIsNamed() {
    Path file = tmp.resolve("nonexistent/x.pdf");
    assertThatThrownBy(() -> WholeFile.write(file, out -> out.write(1)))
        .isInstanceOf(NoSuchFileException.class)
        .satisfies(e -> assertThat(((NoSuchFileException) e).getFile()).isEqualTo(tmp.resolve("nonexistent").toString()));
  }
}
