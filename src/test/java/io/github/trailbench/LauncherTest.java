package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path dir;

  @Test
  void noArgumentsAndAppOptionsOpenTheApp() {
    assertThat(Launcher.appArguments(new String[0])).isEmpty();
    assertThat(Launcher.appArguments(new String[] {"--sample", "--view", "graph"})).containsExactly("--sample", "--view", "graph");
    assertThat(Launcher.appArguments(new String[] {"--case=/tmp/x"})).containsExactly("--case=/tmp/x");
  }

  @Test
  void commandsGoToTheCli() {
    assertThat(Launcher.appArguments(new String[] {"simulate", "x.json"})).isNull();
    assertThat(Launcher.appArguments(new String[] {"--version"})).isNull();
    assertThat(Launcher.appArguments(new String[] {"help"})).isNull();
  }

  @Test
  void aDoubleClickedCaseMarkerOpensItsCase() throws Exception {
    Path marker = Files.writeString(dir.resolve("case.trailbench"), "format=1\n");
    assertThat(Launcher.appArguments(new String[] {marker.toString()})).containsExactly("--case", dir.toAbsolutePath().toString());
  }

  @Test
  void aCaseDirectoryOpensTheCaseButAnyOtherDirectoryIsACommand() throws Exception {
    assertThat(Launcher.appArguments(new String[] {dir.toString()})).isNull();
    Files.writeString(dir.resolve("case.mv.db"), "");
    assertThat(Launcher.appArguments(new String[] {dir.toString()})).containsExactly("--case", dir.toAbsolutePath().toString());
  }
}
