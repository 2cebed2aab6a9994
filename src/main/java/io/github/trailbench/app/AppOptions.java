package io.github.trailbench.app;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options of the desktop app.
 *
 * @param caseDir case directory to open, or null
 * @param sample open the bundled sample case
 * @param screenshot render the main window to this PNG once laid out, then exit
 * @param view the view to show first (timeline, graph, decision, findings, imports)
 * @param explain an event id to open in the decision view once the case is open
 */
public record AppOptions(Path caseDir, boolean sample, Path screenshot, String view, String explain) {

  public static AppOptions parse(List<String> args) {
    Spec spec = new Spec();
    new CommandLine(spec).parseArgs(args.toArray(String[]::new));
    return new AppOptions(spec.caseDir, spec.sample, spec.screenshot, spec.view, spec.explain);
  }

  @Command(name = "trailbench")
  static final class Spec {
    @Option(names = "--case") Path caseDir;
    @Option(names = "--sample") boolean sample;
    @Option(names = "--screenshot") Path screenshot;
    @Option(names = "--view") String view;
    @Option(names = "--explain") String explain;
  }
}
