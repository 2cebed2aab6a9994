package io.github.trailbench.cli;

import io.github.trailbench.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the command line. Without a subcommand the launcher opens the desktop app. */
@Command(
    name = "trailbench",
    mixinStandardHelpOptions = true,
    versionProvider = TrailbenchCommand.VersionProvider.class,
    description = {
      "AWS incident investigation workbench: CloudTrail, IAM, and why each request was allowed.",
      "Without a command, opens the desktop app (options: --case DIR, --sample, --screenshot FILE, --view NAME)."
    },
    subcommands = {
      ImportCommand.class,
      EventsCommand.class,
      ExplainCommand.class,
      SimulateCommand.class,
      FindingsCommand.class,
      ReportCommand.class,
      EnrichCommand.class,
      LeastPrivilegeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrailbenchCommand implements Runnable {

  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_INPUT = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** A command line wired with Trailbench's exit codes and error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new TrailbenchCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? EXIT_BAD_INPUT : EXIT_USAGE);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BadInputException) {
            commandLine.getErr().println("trailbench: " + ex.getMessage());
            commandLine.getErr().flush();
            return EXIT_BAD_INPUT;
          }
          throw ex;
        });
    return cl;
  }

  public static int execute(String... args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    return commandLine(out, err).execute(args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"trailbench " + Version.current()};
    }
  }
}
