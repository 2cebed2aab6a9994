package io.github.trailbench;

import io.github.trailbench.app.TrailbenchApp;
import io.github.trailbench.cli.TrailbenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the class-data-sharing archive of {@code bin/trailbench} and of the
 * app-image (docs/perf.md, "Start-up"): one JVM that does what people start Trailbench for, the
 * CLI commands on a part of the sample case and, with {@code --window}, the app's first window on
 * that case, so that the classes they load are archived when it exits. Not a user command:
 *
 * <pre>
 *   java -XX:ArchiveClassesAtExit=A.jsa -cp trailbench.jar io.github.trailbench.StartupTraining SAMPLES WORK [--window]
 * </pre>
 *
 * SAMPLES is the {@code samples} folder (case/ and simulate/); WORK an empty scratch folder (the
 * case, the reports and the app's home go there). Exit status 0 when every command succeeded.
 */
public final class StartupTraining {
  /** The sample's StopLogging call denied by an SCP (samples/README.md, step 19): explain's full path. */
  static final String SAMPLE_EVENT = "df4199c7-7b89-4c87-8698-9cc5d75feab4";

  private StartupTraining() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--window"))) {
      System.err.println("usage: StartupTraining SAMPLES WORK [--window]");
      System.exit(2);
    }
    Path work = Path.of(args[1]).toAbsolutePath();
    System.setProperty("trailbench.home", work.resolve("home").toString());
    List<String> failures = runCommands(Path.of(args[0]).toAbsolutePath(), work);
    failures.forEach(f -> System.err.println("training: " + f));
    if (args.length == 3 && failures.isEmpty()) {
      int rc = TrailbenchApp.launchFromCommandLine(new String[] {
          "--case", work.resolve("case").toString(), "--screenshot", work.resolve("window.png").toString()});
      if (rc != 0 || !Files.isRegularFile(work.resolve("window.png"))) {
        System.err.println("training: the window did not render (exit " + rc + ")");
        System.exit(1);
      }
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /** The CLI commands of the training, in order (the first imports the case the others read). */
  static List<List<String>> commands(Path samples, Path work) {
    Path sampleCase = samples.resolve("case");
    String caseDir = work.resolve("case").toString();
    return List.of(
        List.of("--help"),
        List.of("--version"),
        List.of("import", "--case", caseDir, "--json",
            sampleCase.resolve("iam").toString(), sampleCase.resolve("org").toString(),
            sampleCase.resolve("policies").toString(),
            // the incident's day in its main region: 80 log files and a digest
            sampleCase.resolve("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/03").toString(),
            sampleCase.resolve("AWSLogs/111122223333/CloudTrail-Digest").toString()),
        List.of("events", "--case", caseDir, "--limit", "5"),
        List.of("events", "--case", caseDir, "--filter", "eventName:StopLogging OR error:AccessDenied*", "--format", "json"),
        List.of("events", "--case", caseDir, "--format", "csv", "--limit", "5"),
        List.of("explain", "--case", caseDir, "--event", SAMPLE_EVENT),
        List.of("explain", "--case", caseDir, "--event", SAMPLE_EVENT, "--json", "--trace"),
        List.of("simulate", samples.resolve("simulate/01-backdoor-createuser-via-opsadminrole.json").toString()),
        List.of("simulate", samples.resolve("simulate/05-batch.json").toString(), "--json"),
        List.of("findings", "--case", caseDir, "--format", "table"),
        List.of("report", "--case", caseDir, "--out", work.resolve("report.pdf").toString()),
        List.of("report", "--case", caseDir, "--out", work.resolve("report.csv").toString()));
  }

  /** Runs {@link #commands} in this JVM, their output discarded; one line per command that failed. */
  static List<String> runCommands(Path samples, Path work) {
    List<String> failures = new ArrayList<>();
    for (List<String> command : commands(samples, work)) {
      if (Launcher.appArguments(command.toArray(String[]::new)) != null) {
        throw new IllegalStateException("not a CLI command: " + command);
      }
      StringWriter err = new StringWriter();
      int rc = TrailbenchCommand.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(err))
          .execute(command.toArray(String[]::new));
      if (rc != 0) {
        failures.add(String.join(" ", command) + " exited " + rc + ": " + err.toString().strip());
      }
    }
    return failures;
  }
}
