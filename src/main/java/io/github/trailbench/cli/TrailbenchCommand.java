package io.github.trailbench.cli;

import io.github.trailbench.Version;
import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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
      OverviewCommand.class,
      ExplainCommand.class,
      SimulateCommand.class,
      FindingsCommand.class,
      RulesCommand.class,
      AddressesCommand.class,
      ReportCommand.class,
      EnrichCommand.class,
      LeastPrivilegeCommand.class,
      GraphCommand.class,
      VerifyCommand.class,
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
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("trailbench: " + SafeText.escapeLines(failure(ex)));
      commandLine.getErr().flush();
      return EXIT_BAD_INPUT;
    });
    return cl;
  }

  /**
   * What went wrong while a command ran, as the line (or, for a filter's caret diagram, the
   * lines) the user reads instead of a stack trace. Every failure of a command is exit 1: the
   * command line itself was valid (picocli answers usage errors with exit 2 before this).
   */
  static String failure(Throwable ex) {
    if (ex instanceof UncheckedIOException u && u.getCause() != null) {
      return failure(u.getCause());
    }
    if (ex instanceof BadInputException) {
      return ex.getMessage();
    }
    if (ex instanceof NoSuchFileException e) {
      return e.getFile() + ": no such file or folder";
    }
    if (ex instanceof AccessDeniedException e) {
      return e.getFile() + ": permission denied";
    }
    if (ex instanceof FileSystemException e) {
      return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
    }
    if (ex instanceof StoreException && heldByAnotherProcess(ex)) {
      return firstLine(ex.getMessage()).replaceFirst(":.*", "") + ": the case is in use by another process"
          + " (the app or another command); close it and try again";
    }
    if (ex instanceof StoreException || ex instanceof SourceFormatException || ex instanceof IOException) {
      return firstLine(ex.getMessage());
    }
    return "internal error, please report it: " + ex.getClass().getName()
        + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()));
  }

  /** H2's "database may be already in use" (error 90020): another process holds the case's file lock. */
  private static boolean heldByAnotherProcess(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
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
