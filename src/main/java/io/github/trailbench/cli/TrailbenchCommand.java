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
import java.util.List;
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
    })
public final class TrailbenchCommand implements Runnable {

  /**
   * The commands, in the order help lists them. Not in {@code @Command(subcommands)}: picocli
   * would then create and introspect every command, and run their classes' initialisers, on every
   * start; {@link #commandLine(PrintWriter, PrintWriter, String...)} adds only the one asked for.
   */
  static final List<Class<?>> COMMANDS = List.of(
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
      VerifyCommand.class);

  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_INPUT = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** A command line wired with Trailbench's exit codes and error handling, every command in it. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return wired(new CommandLine(new TrailbenchCommand()), COMMANDS, out, err);
  }

  /**
   * As {@link #commandLine(PrintWriter, PrintWriter)}, holding only what {@code args} need: the
   * command they name, none for {@code --version}, every one for help and for anything unknown
   * (picocli's "did you mean" needs them).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    return wired(new CommandLine(new TrailbenchCommand()), commandsFor(args), out, err);
  }

  static List<Class<?>> commandsFor(String... args) {
    String first = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    if (first == null) {
      boolean help = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
      return help ? COMMANDS : List.of();
    }
    return COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst()
        .<List<Class<?>>>map(List::of).orElse(COMMANDS);
  }

  private static CommandLine wired(CommandLine cl, List<Class<?>> commands, PrintWriter out, PrintWriter err) {
    for (Class<?> command : commands) {
      try {
        cl.addSubcommand(command.getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create command " + command.getName(), e);
      }
    }
    cl.addSubcommand("help", new CommandLine.HelpCommand());
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
    if (io.github.trailbench.store.OutOfMemory.caused(ex)) {
      return io.github.trailbench.store.OutOfMemory.explanation();
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
    // UTF-8 whatever the locale: CSV and JSON on stdout are data (docs/reports.md), and a C or POSIX
    // locale's ASCII would turn every other character into '?'
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
    try {
      return commandLine(out, err, args).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands exceptions to the handler above, not Errors
      err.println("trailbench: " + failure(e));
      err.flush();
      return EXIT_BAD_INPUT;
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"trailbench " + Version.current()};
    }
  }
}
