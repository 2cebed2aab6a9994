package io.github.trailbench;

import io.github.trailbench.app.TrailbenchApp;
import io.github.trailbench.cli.TrailbenchCommand;
import java.util.Set;

/**
 * Entry point of the jar. No arguments, or only desktop options, opens the app; anything
 * else is a command of the CLI. Kept free of JavaFX types so the CLI never starts the
 * toolkit.
 */
public final class Launcher {
  private static final Set<String> APP_OPTIONS =
      Set.of("--case", "--sample", "--screenshot", "--view", "--explain");

  private Launcher() {}

  public static void main(String[] args) {
    String[] app = appArguments(args);
    if (app != null) {
      System.exit(TrailbenchApp.launchFromCommandLine(app));
    }
    System.exit(TrailbenchCommand.execute(args));
  }

  /**
   * The app's arguments when these arguments open the app, else null (they are a CLI command).
   * A single path to a case marker ({@code case.trailbench}, what a desktop passes on
   * double-click) or to a case directory opens that case.
   */
  static String[] appArguments(String[] args) {
    if (args.length == 0 || APP_OPTIONS.contains(args[0].split("=", 2)[0])) {
      return args;
    }
    if (args.length == 1) {
      java.nio.file.Path p = java.nio.file.Path.of(args[0]).toAbsolutePath();
      if (args[0].endsWith(".trailbench") && java.nio.file.Files.isRegularFile(p)) {
        return new String[] {"--case", p.getParent().toString()};
      }
      if (java.nio.file.Files.isRegularFile(p.resolve("case.mv.db"))) {
        return new String[] {"--case", p.toString()};
      }
    }
    return null;
  }
}
