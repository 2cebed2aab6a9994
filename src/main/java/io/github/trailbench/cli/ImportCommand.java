package io.github.trailbench.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.iam.IamSourceSummary;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.FileOutcome;
import io.github.trailbench.store.ImportListener;
import io.github.trailbench.store.ImportReport;
import io.github.trailbench.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trailbench import --case CASE PATH... [--json]}. Exit 0 when every file was imported
 * or skipped (records rejected inside a file are reported, not fatal); exit 1 when at least one
 * file was rejected whole (the others are still imported).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import CloudTrail exports, credential reports, IAM data and policies into a case.")
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, paramLabel = "CASE", description = "Case directory (created if absent).")
  Path caseDir;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (recursively; .gz anywhere).")
  List<Path> paths;

  @Option(names = "--json", description = "Print a machine-readable summary.")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "A line for every file (imported, skipped); without it only"
      + " files rejected or not imported, the IAM data stored and the totals are listed.")
  boolean verbose;

  @Option(names = "--no-coverage", description = "Skip the action-coverage figure (it reads every event of the case).")
  boolean noCoverage;

  @Option(names = "--max-inflated-bytes", paramLabel = "N", description = "Largest inflated size of one file (default: ${DEFAULT-VALUE}).")
  long maxInflated = InputLimits.DEFAULT.maxInflatedBytes();

  @Option(names = "--max-record-bytes", paramLabel = "N", description = "Largest single record (default: ${DEFAULT-VALUE}).")
  int maxRecord = InputLimits.DEFAULT.maxRecordBytes();

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: number of CPUs, at most 4).")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InputLimits limits;
    try {
      limits = new InputLimits(maxInflated, maxRecord);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--max-inflated-bytes and --max-record-bytes must be positive");
    }
    ImportWarmup.start();
    CaseStore.ImportOptions options = CaseStore.ImportOptions.defaults().withLimits(limits)
        .withIamCheck(io.github.trailbench.core.iam.IamReaderCheck.INSTANCE);
    if (threads != null) {
      options = options.withParserThreads(Math.max(1, threads));
    }
    boolean tty = System.console() != null && !json;
    ImportReport report;
    String coverage = null;
    Map<String, String> iamStored = Map.of();
    List<String> iamWarnings = List.of();
    try (CaseStore store = CaseStore.open(caseDir)) {
      // what the opening dropped of an earlier import that was killed: the analyst re-importing should know
      store.openNotes().forEach(note -> err.println("trailbench: " + note));
      ImportListener listener = !tty ? ImportListener.NONE : new ImportListener() {
        long last;

        @Override
        public void progress(int filesDone, int filesTotal, long events) {
          long now = System.nanoTime();
          if (now - last > 200_000_000L || filesDone == filesTotal) {
            last = now;
            err.print("\rimporting: " + filesDone + "/" + filesTotal + " files, " + events + " events ");
            err.flush();
          }
        }
      };
      report = store.importer(DefaultEventFacts.deriver(), options).importPaths(paths, listener);
      if (!json) {
        iamStored = iamStored(store, report);
      }
      iamWarnings = iamWarnings(store, report);
      if (!json && !noCoverage) {
        coverage = io.github.trailbench.store.CaseCoverage.of(store).summary();
      }
      if (tty) {
        err.print("\r\033[K");
        err.flush();
      }
    } catch (StoreException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    if (json) {
      out.println(toJson(report, iamWarnings));
    } else {
      PrintWriter text = SafeOut.over(out);
      human(text, report, iamStored, verbose);
      for (String w : iamWarnings) {
        text.println("warning: " + SafeText.escape(w));
      }
      text.flush();
      if (coverage != null) {
        out.println("case: " + coverage);
      }
    }
    out.flush();
    return report.filesRejected() > 0 ? TrailbenchCommand.EXIT_BAD_INPUT : TrailbenchCommand.EXIT_OK;
  }

  /** What each IAM file imported by this run holds ("12 users"), by its path in the report. */
  private static Map<String, String> iamStored(CaseStore store, ImportReport report) {
    Map<String, String> imported = importedIamFiles(report);
    Map<String, String> out = new HashMap<>();
    if (imported.isEmpty()) {
      return out;
    }
    for (io.github.trailbench.store.IamSource s : store.queries().iamSources()) {
      String reported = imported.get(s.path());
      if (reported != null && iamKind(s.kind()) != null) {
        try {
          out.put(reported, IamSourceSummary.of(IamSources.read(iamKind(s.kind()), s.path(), s.content())));
        } catch (SourceFormatException e) {
          out.put(reported, "stored, but cannot be read back: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /**
   * What merging the case's IAM data says about the IAM files of this run: an export whose last page
   * says there is more, an entity that differs from the one an earlier file gave (and which file the
   * case now uses).
   */
  private static List<String> iamWarnings(CaseStore store, ImportReport report) {
    java.util.Set<String> thisRun = importedIamFiles(report).keySet();
    if (thisRun.isEmpty()) {
      return List.of();
    }
    try {
      return io.github.trailbench.store.CaseIam.snapshot(store).warnings().stream()
          .filter(w -> thisRun.stream().anyMatch(w::contains)).toList();
    } catch (SourceFormatException e) {
      return List.of("the case's IAM data cannot be read back: " + e.getMessage());
    }
  }

  /** The IAM files this run imported: by the path the case stores (absolute, normalised), the path as reported. */
  private static Map<String, String> importedIamFiles(ImportReport report) {
    Map<String, String> imported = new HashMap<>();
    for (FileOutcome f : report.files()) {
      if (f.status() == FileOutcome.Status.IMPORTED && f.format() != null && iamKind(f.format()) != null) {
        imported.put(Path.of(f.path()).toAbsolutePath().normalize().toString(), f.path());
      }
    }
    return imported;
  }

  private static IamSourceKind iamKind(String sourceKind) {
    return switch (sourceKind) {
      case "CREDENTIAL_REPORT" -> IamSourceKind.CREDENTIAL_REPORT;
      case "IAM_AUTHORIZATION_DETAILS", "AUTHORIZATION_DETAILS" -> IamSourceKind.AUTHORIZATION_DETAILS;
      case "ORGANIZATION_MANIFEST", "ORGANIZATION" -> IamSourceKind.ORGANIZATION;
      case "RESOURCE_POLICY_MANIFEST", "RESOURCE_POLICIES" -> IamSourceKind.RESOURCE_POLICIES;
      case "ACCESS_ADVISOR" -> IamSourceKind.ACCESS_ADVISOR;
      case "S3_ACL" -> IamSourceKind.S3_ACL;
      default -> null;
    };
  }

  private static void human(PrintWriter out, ImportReport r, Map<String, String> iamStored, boolean verbose) {
    for (FileOutcome f : r.files()) {
      String path = SafeText.escape(f.path());
      switch (f.status()) {
        case IMPORTED -> {
          String stored = iamStored.get(f.path());
          if (stored != null) {
            out.printf("stored    %s  [%s]  %s%n", path, f.format(), SafeText.escape(stored));
          } else if (verbose) {
            out.printf("imported  %s  [%s]  read %d, added %d, duplicates %d, rejected %d%s%n",
                path, f.format(), f.read(), f.added(), f.duplicates(), f.rejected(),
                f.note() == null ? "" : "  (" + SafeText.escape(f.note()) + ")");
          }
        }
        case SKIPPED -> {
          if (verbose) {
            out.printf("skipped   %s  %s%s%n", path, f.format() == null ? "" : "[" + f.format() + "]  ",
                SafeText.escape(f.note()));
          }
        }
        case CANCELLED -> out.printf("CANCELLED %s  (%s)%n", path, f.note() == null ? "not imported" : SafeText.escape(f.note()));
        case REJECTED -> {
          SourceProblem p = f.problems().isEmpty() ? null : f.problems().get(0);
          out.printf("REJECTED  %s%s%n", path, p == null ? "" : SafeText.escape((p.position() == null || p.position().isEmpty()
              ? "" : " at " + p.position()) + ": " + p.reason()));
        }
      }
    }
    out.printf("total: %d files (%d rejected whole%s), %d records read, %d added, %d duplicates, %d rejected%n",
        r.files().size(), r.filesRejected(), r.filesSkipped() == 0 ? "" : ", " + r.filesSkipped() + " skipped",
        r.read(), r.added(), r.duplicates(), r.rejected());
    if (r.ipEnrichment() != null) {
      out.printf("source IPs: %d new of %d distinct enriched (country, AS, AWS) in %d ms%n", r.ipEnrichment().enriched(),
          r.ipEnrichment().distinctAddresses(), r.ipEnrichment().nanos() / 1_000_000);
    } else if (r.ipNote() != null) {
      out.println("source IPs: " + r.ipNote());
    }

    boolean header = false;
    for (FileOutcome f : r.files()) {
      if (f.status() != FileOutcome.Status.IMPORTED) {
        continue; // a file rejected whole or skipped has its own line above
      }
      for (SourceProblem p : f.problems()) {
        if (!header) {
          out.println("rejected records:");
          header = true;
        }
        out.println("  " + SafeText.escape(p.toString()));
      }
      if (f.rejected() > f.problems().size()) {
        out.println("  " + path(f) + ": " + (f.rejected() - f.problems().size()) + " more rejected records not listed");
      }
    }
  }

  private static String path(FileOutcome f) {
    return SafeText.escape(f.path());
  }

  static String toJson(ImportReport r) {
    return toJson(r, List.of());
  }

  static String toJson(ImportReport r, List<String> warnings) {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
      g.writeStartObject();
      g.writeNumberField("files", r.files().size());
      g.writeNumberField("read", r.read());
      g.writeNumberField("added", r.added());
      g.writeNumberField("duplicates", r.duplicates());
      g.writeNumberField("rejected", r.rejected());
      g.writeNumberField("skipped", r.filesSkipped());
      g.writeArrayFieldStart("errors");
      for (SourceProblem p : r.errors()) {
        g.writeStartObject();
        g.writeStringField("file", p.file());
        g.writeStringField("position", p.position());
        g.writeStringField("reason", p.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (String w : warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("skippedFiles");
      for (FileOutcome f : r.files()) {
        if (f.status() == FileOutcome.Status.SKIPPED) {
          g.writeStartObject();
          g.writeStringField("file", f.path());
          g.writeStringField("reason", f.note());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return sw.toString();
  }
}
