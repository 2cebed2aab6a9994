package io.github.trailbench.app;

import io.github.trailbench.app.shell.Section;
import io.github.trailbench.app.workspace.LaunchChecks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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

  /**
   * The options, checked: an unknown view, or an --explain without a case or naming an event the
   * case does not hold, is a {@link CommandLine.ParameterException} (the launcher prints it and
   * exits 2) rather than a silent fall-back to the timeline.
   */
  public static AppOptions parse(List<String> args) {
    Spec spec = new Spec();
    CommandLine cl = new CommandLine(spec);
    cl.parseArgs(args.toArray(String[]::new));
    if (spec.view != null && Section.byId(spec.view).isEmpty()) {
      throw new CommandLine.ParameterException(cl, "--view: there is no view '" + spec.view + "'; the views are "
          + Arrays.stream(Section.values()).map(Section::id).collect(Collectors.joining(", ")));
    }
    if (spec.explain != null) {
      if (spec.caseDir == null && !spec.sample) {
        throw new CommandLine.ParameterException(cl, "--explain needs a case: add --case DIR or --sample");
      }
      Path caseDir = spec.caseDir != null ? spec.caseDir : SampleCase.caseDirectory();
      if (!LaunchChecks.caseHasEvent(caseDir, spec.explain).orElse(true)) {
        throw new CommandLine.ParameterException(cl, "--explain: the case " + caseDir + " has no event with the eventID '"
            + spec.explain + "' (trailbench events --case " + caseDir + " lists them)");
      }
    }
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
