package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {
  @TempDir Path work;

  private static Path samples() {
    return Path.of(System.getProperty("trailbench.samples", "samples"));
  }

  @Test
  void everyTrainingCommandSucceedsOnTheSampleSoTheArchiveHoldsTheirClasses() throws Exception {
    List<String> failures = StartupTraining.runCommands(samples(), work);

    assertThat(failures).isEmpty();
    assertThat(work.resolve("case/case.mv.db")).isRegularFile();
    assertThat(Files.size(work.resolve("report.pdf"))).isGreaterThan(1000);
    assertThat(Files.readString(work.resolve("report.csv"))).isNotBlank();
  }

  @Test
  void theTrainingRunsCliCommandsTheLauncherWouldNotSendToTheApp() {
    for (List<String> command : StartupTraining.commands(samples(), work)) {
      assertThat(Launcher.appArguments(command.toArray(String[]::new))).as(command.toString()).isNull();
    }
  }

  @Test
  void aFailingCommandIsReportedWithItsExitCodeAndMessage() {
    List<String> failures = StartupTraining.runCommands(work.resolve("no-samples"), work);

    assertThat(failures).isNotEmpty();
    assertThat(failures.get(0)).startsWith("import --case ").contains(" exited 1");
  }
}
