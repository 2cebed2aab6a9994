package io.github.trailbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.cli.TrailbenchCommand;
import io.github.trailbench.core.cloudtrail.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The app's options refuse what they cannot do instead of falling back to the timeline. */
class AppOptionsTest {
  @TempDir Path tmp;

  @Test
  void aViewThatDoesNotExistIsRefusedNamingTheViews() {
    assertThatThrownBy(() -> AppOptions.parse(List.of("--sample", "--view", "sessions")))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("no view 'sessions'").hasMessageContaining("timeline, graph, decision, findings, imports");
    assertThat(AppOptions.parse(List.of("--sample", "--view", "graph")).view()).isEqualTo("graph");
    assertThat(AppOptions.parse(List.of("--sample", "--view", "Findings")).view()).isEqualTo("Findings");
  }

  @Test
  void explainNeedsACase() {
    assertThatThrownBy(() -> AppOptions.parse(List.of("--explain", "e-1")))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--explain needs a case");
  }

  @Test
  void explainOfAnEventTheCaseDoesNotHoldIsRefused() {
    Path c = tmp.resolve("case");
    int exit = TrailbenchCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        .execute("import", "--case", c.toString(), Fixtures.resource("cloudtrail/records.json").toString());
    assertThat(exit).isZero();
    assertThatThrownBy(() -> AppOptions.parse(List.of("--case", c.toString(), "--explain", "nope")))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("no event with the eventID 'nope'");
    assertThat(AppOptions.parse(List.of("--case", c.toString(), "--explain", "11111111-0000-0000-0000-000000000002"))
        .explain()).isEqualTo("11111111-0000-0000-0000-000000000002");
  }

  @Test
  void theLauncherAnswersARefusedOptionWithExitTwo() {
    assertThat(TrailbenchApp.launchFromCommandLine(new String[] {"--sample", "--view", "sessions"})).isEqualTo(2);
  }
}
