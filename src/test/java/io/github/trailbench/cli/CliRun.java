package io.github.trailbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI command run in-process, for tests outside this package: its exit code and what it printed. */
public record CliRun(int exit, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TrailbenchCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
