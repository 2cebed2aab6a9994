package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseMarkerTest {
  @TempDir Path dir;

  @Test
  void openingACaseWritesTheMarkerTheDesktopAssociationOpens() {
    try (CaseStore s = CaseStore.open(dir.resolve("acme"))) {
      assertThat(Files.readString(s.directory().resolve(CaseStore.MARKER))).startsWith("format=1");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDirectoryHoldingOnlyTheMarkerIsStillAnEmptyCaseButOtherFilesAreRefused() throws Exception {
    Path onlyMarker = Files.createDirectories(dir.resolve("restored"));
    Files.writeString(onlyMarker.resolve(CaseStore.MARKER), "format=1\n");
    try (CaseStore s = CaseStore.open(onlyMarker)) {
      assertThat(Files.exists(onlyMarker.resolve("case.mv.db"))).isTrue();
    }
    Path busy = Files.createDirectories(dir.resolve("downloads"));
    Files.writeString(busy.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> CaseStore.open(busy)).hasMessageContaining("neither a Trailbench case");
    assertThat(Files.exists(busy.resolve(CaseStore.MARKER))).isFalse();
  }
}
