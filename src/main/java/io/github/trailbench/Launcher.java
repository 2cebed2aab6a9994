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
      Set.of("--case", "--sample", "--screenshot", "--view");

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0 || APP_OPTIONS.contains(args[0].split("=", 2)[0])) {
      System.exit(TrailbenchApp.launchFromCommandLine(args));
    }
    System.exit(TrailbenchCommand.execute(args));
  }
}
