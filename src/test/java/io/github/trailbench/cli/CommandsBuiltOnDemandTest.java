package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CommandsBuiltOnDemandTest {
  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  @Test
  void aCommandLineNamingACommandHoldsOnlyThatCommandAndHelp() {
    var cl = TrailbenchCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "events", "--case", "/tmp/c", "--limit", "5");

    assertThat(cl.getSubcommands().keySet()).containsExactly("events", "help");
  }

  @Test
  void everyCommandIsFoundByItsOwnName() {
    for (Class<?> command : TrailbenchCommand.COMMANDS) {
      assertThat(TrailbenchCommand.commandsFor(name(command), "--help")).containsExactly(command);
    }
  }

  @Test
  void versionNeedsNoCommandButHelpHelpCommandsAndUnknownNamesNeedEvery() {
    assertThat(TrailbenchCommand.commandsFor("--version")).isEmpty();
    assertThat(TrailbenchCommand.commandsFor("--help")).isEqualTo(TrailbenchCommand.COMMANDS);
    assertThat(TrailbenchCommand.commandsFor("help", "events")).isEqualTo(TrailbenchCommand.COMMANDS);
    assertThat(TrailbenchCommand.commandsFor("evnts", "--case", "x")).isEqualTo(TrailbenchCommand.COMMANDS);
  }

  @Test
  void theHelpListsEveryCommandInTheirOrder() {
    StringWriter out = new StringWriter();
    int rc = TrailbenchCommand.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help").execute("--help");

    assertThat(rc).isZero();
    List<Integer> positions = new ArrayList<>();
    for (Class<?> command : TrailbenchCommand.COMMANDS) {
      int at = out.toString().indexOf("\n  " + name(command) + " ");
      assertThat(at).as(name(command)).isPositive();
      positions.add(at);
    }
    assertThat(positions).isSorted();
  }

  @Test
  void aMistypedCommandIsAUsageErrorThatSuggestsTheCommand() {
    StringWriter err = new StringWriter();
    int rc = TrailbenchCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err), "evnts", "--case", "x")
        .execute("evnts", "--case", "x");

    assertThat(rc).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("events");
  }
}
