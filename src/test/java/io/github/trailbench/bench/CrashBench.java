package io.github.trailbench.bench;

import io.github.trailbench.cli.TrailbenchCommand;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.ImportListener;
import io.github.trailbench.store.ImportReport;
import io.github.trailbench.store.LedgerEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The crash harness of issue #18: kills {@code trailbench import}, {@code findings} and
 * {@code report} (each a child JVM running the CLI) with SIGKILL at a random moment, then checks
 * the case: it opens; its event count equals the ledger's; no (eventID, account) is stored twice;
 * every raw record reads back as the event it belongs to; {@code events} and {@code findings} run
 * clean; a report's previous PDF is whole. After an import was killed the data is imported again
 * and the case must then hold exactly every event, once.
 *
 * <pre>
 *   bench/run.sh Crash                                   200 kills on 20,000 generated events
 *   bench/run.sh Crash KILLS EVENTS [MINUTES]             the same, with a count, a size and a time bound
 * </pre>
 *
 * {@code CrashHarnessTest} runs it with a handful of kills inside {@code ./mvnw verify}.
 */
public final class CrashBench {
  /** What is killed. */
  public enum Operation { IMPORT, FINDINGS, REPORT }

  /** One kill: what, when (ms after the child started), what the case held then, what the check said. */
  public record Kill(Operation operation, long atMs, String outcome, List<String> repairs, String failure) {}

  /** The figures of a run. */
  public record Figures(long events, int files, long fullImportMs, long findingsMs, long reportMs, List<Kill> kills) {
    public List<Kill> failures() {
      return kills.stream().filter(k -> k.failure() != null).toList();
    }

    public String summary() {
      StringBuilder s = new StringBuilder();
      s.append(String.format("data: %,d events in %d files; an uninterrupted import took %d ms, findings %d ms, report %d ms%n",
          events, files, fullImportMs, findingsMs, reportMs));
      for (Operation op : Operation.values()) {
        List<Kill> of = kills.stream().filter(k -> k.operation() == op).toList();
        if (of.isEmpty()) {
          continue;
        }
        long[] at = of.stream().mapToLong(Kill::atMs).sorted().toArray();
        s.append(String.format("%s: %d kills at %d..%d ms (median %d)%n", op.name().toLowerCase(), of.size(), at[0],
            at[at.length - 1], at[at.length / 2]));
        Map<String, Integer> outcomes = new TreeMap<>();
        of.forEach(k -> outcomes.merge(k.outcome(), 1, Integer::sum));
        outcomes.forEach((o, n) -> s.append(String.format("  %4d  %s%n", n, o)));
        long repaired = of.stream().filter(k -> !k.repairs().isEmpty()).count();
        s.append(String.format("  %4d  reopened with repairs (what they were: the lines below)%n", repaired));
        of.stream().flatMap(k -> k.repairs().stream()).limit(3).forEach(r -> s.append("        e.g. ").append(r).append('\n'));
      }
      s.append(String.format("failed checks: %d%n", failures().size()));
      failures().forEach(k -> s.append("  ").append(k.operation()).append(" at ").append(k.atMs()).append(" ms: ")
          .append(k.failure()).append('\n'));
      return s.toString();
    }
  }

  private final Path data;
  private final Path work;
  private final Random random;
  private final int files;

  public CrashBench(Path data, Path work, long seed) throws IOException {
    this.data = data;
    this.work = work;
    this.random = new Random(seed);
    try (Stream<Path> s = Files.walk(data)) {
      this.files = (int) s.filter(Files::isRegularFile).count();
    }
    Files.createDirectories(work);
  }

  /** Runs {@code kills} kills, in turn an import, findings or report (about 3:1:1). */
  public Figures run(int kills) throws Exception {
    return run(kills, Long.MAX_VALUE);
  }

  /** As {@link #run(int)}, starting no kill after {@code deadlineNanos} ({@link System#nanoTime()}). */
  public Figures run(int kills, long deadlineNanos) throws Exception {
    Path base = work.resolve("base");
    deleteTree(base);
    long t0 = System.nanoTime();
    Path baseLog = work.resolve("base-import.log");
    int rc = child(List.of("import", "--case", base.toString(), data.toString()), baseLog).waitFor();
    long importMs = (System.nanoTime() - t0) / 1_000_000;
    if (rc != 0) {
      List<String> out = Files.readAllLines(baseLog);
      throw new IllegalStateException("the uninterrupted import failed: exit " + rc + "; its output ends: "
          + String.join(" | ", out.subList(Math.max(0, out.size() - 5), out.size())));
    }
    long total;
    try (CaseStore s = CaseStore.open(base)) {
      total = s.queries().count(new Expr.All());
    }
    t0 = System.nanoTime();
    rc = child(List.of("findings", "--case", base.toString())).waitFor();
    long findingsMs = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    rc |= child(List.of("report", "--case", base.toString(), "--out", base.resolve("r.pdf").toString())).waitFor();
    long reportMs = (System.nanoTime() - t0) / 1_000_000;
    if (rc != 0) {
      throw new IllegalStateException("findings or report on the whole case failed");
    }
    List<Kill> out = new ArrayList<>();
    for (int i = 0; i < kills && System.nanoTime() < deadlineNanos; i++) {
      int pick = random.nextInt(5);
      Operation op = pick < 3 ? Operation.IMPORT : pick == 3 ? Operation.FINDINGS : Operation.REPORT;
      long span = switch (op) {
        case IMPORT -> importMs;
        case FINDINGS -> findingsMs;
        case REPORT -> reportMs;
      };
      long at = (long) (random.nextDouble() * span * 1.1);
      Kill k = once(op, at, base, total);
      out.add(k);
      if (i == kills - 1 || System.nanoTime() >= deadlineNanos) {
        try {
          completeSeries(total);
        } catch (Exception | AssertionError e) {
          out.add(new Kill(Operation.IMPORT, 0, "final re-import", List.of(), e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      }
      System.out.printf("kill %d/%d: %s at %d ms: %s%s%n", i + 1, kills, op, at, k.outcome(),
          k.failure() == null ? "" : " -- FAILED: " + k.failure());
      System.out.flush();
    }
    return new Figures(total, files, importMs, findingsMs, reportMs, out);
  }

  /** Whether the import case holds a series in progress (imports killed, not yet completed). */
  private boolean seriesOpen;

  /**
   * One kill. Imports are killed in series on one case: each kill is followed by the checks, and
   * the next kill interrupts the import started again on the same case (the re-import), until an
   * import runs to its end; then the case must hold exactly every event once, {@code events} and
   * {@code findings} must run clean, and the next series starts with a new case. Findings and
   * report runs are killed on a copy of the whole case.
   */
  private Kill once(Operation op, long atMs, Path base, long total) throws Exception {
    Path c = work.resolve(op == Operation.IMPORT ? "case" : "copy");
    if (op != Operation.IMPORT || !seriesOpen) {
      deleteTree(c);
    }
    if (op != Operation.IMPORT) {
      copyTree(base, c);
    }
    boolean resumed = op == Operation.IMPORT && seriesOpen;
    List<String> args = switch (op) {
      case IMPORT -> List.of("import", "--case", c.toString(), data.toString());
      case FINDINGS -> List.of("findings", "--case", c.toString());
      case REPORT -> List.of("report", "--case", c.toString(), "--out", c.resolve("r.pdf").toString());
    };
    Path log = work.resolve("child.log");
    Process p = child(args, log);
    boolean finished = p.waitFor(atMs, TimeUnit.MILLISECONDS);
    if (!finished) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    } else if (p.exitValue() != 0) {
      // it ended on its own before the kill, and not well: that is a failure of its own, with its words
      if (op == Operation.IMPORT) {
        seriesOpen = true; // the case is checked and completed by the next import of the series
      }
      String last;
      try (Stream<String> lines = Files.lines(log)) {
        last = lines.filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)");
      }
      return new Kill(op, atMs, "exited " + p.exitValue() + " before the kill", List.of(),
          "the child exited " + p.exitValue() + " on its own: " + last);
    }
    if (op == Operation.IMPORT) {
      seriesOpen = !finished;
    }
    String outcome;
    List<String> repairs = List.of();
    try {
      if (!Files.exists(c.resolve(CaseStore.DB_NAME + ".mv.db"))) {
        outcome = "killed before the case was created";
        return new Kill(op, atMs, outcome, repairs, op == Operation.IMPORT ? null : "the case is gone");
      }
      try (CaseStore s = CaseStore.open(c)) {
        repairs = s.openNotes();
        int committed = s.queries().ledger().size();
        outcome = finished ? op.name().toLowerCase() + " finished before the kill"
            : op == Operation.IMPORT ? "killed " + (resumed ? "re-import" : "first import") + " with " + band(committed)
                + " of " + files + " files committed"
            : "killed while running";
        check(s, op == Operation.IMPORT && !finished ? -1 : total);
      }
      if (op != Operation.IMPORT || finished) {
        checkCli(c);
      }
      if (op == Operation.REPORT) {
        checkPdf(c.resolve("r.pdf"));
      }
      return new Kill(op, atMs, outcome, repairs, null);
    } catch (Exception | AssertionError e) {
      seriesOpen = false;
      String what = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
      return new Kill(op, atMs, "check failed", repairs, e.getClass().getSimpleName() + ": " + what);
    }
  }

  /** Ends an open import series: the import run to its end must complete the case exactly. */
  private void completeSeries(long total) throws Exception {
    if (!seriesOpen) {
      return;
    }
    Path c = work.resolve("case");
    seriesOpen = false;
    bounded("the re-import that completes the series", 5, () -> {
      try (CaseStore s = CaseStore.open(c)) {
        ImportReport again = s.importer(DefaultEventFacts.deriver()).importPaths(List.of(data), ImportListener.NONE);
        if (!again.errors().isEmpty()) {
          throw new IllegalStateException("re-import reported " + again.errors());
        }
        check(s, total);
      }
      return null;
    });
    checkCli(c);
  }

  /**
   * Runs {@code work} on a daemon thread and fails when it has not ended within {@code minutes}:
   * a write H2 retries for ever (session 7 found one) is a failure to report, not a run that hangs.
   */
  static void bounded(String what, long minutes, java.util.concurrent.Callable<Void> work) throws Exception {
    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(work);
    Thread t = new Thread(task, "bounded: " + what);
    t.setDaemon(true);
    t.start();
    try {
      task.get(minutes, TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(what + " did not end within " + minutes + " min (a write that never ends; the thread is left"
          + " running: end the run)");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception x) {
        throw x;
      }
      throw (Error) e.getCause();
    }
  }

  private String band(int committed) {
    if (committed == 0) {
      return "none";
    }
    if (committed == files) {
      return "all";
    }
    int quarter = (int) Math.ceil(4.0 * committed / files);
    return switch (quarter) {
      case 1 -> "up to a quarter";
      case 2 -> "a quarter to half";
      case 3 -> "half to three quarters";
      default -> "over three quarters";
    };
  }

  /** The checks on an open case; {@code expected} events exactly (-1: whatever the ledger says). */
  static void check(CaseStore s, long expected) {
    EventQueries q = s.queries();
    long ledgerAdded = q.ledger().stream().mapToLong(LedgerEntry::added).sum();
    long count = q.count(new Expr.All());
    if (count != ledgerAdded) {
      throw new AssertionError("the case lists " + count + " events, its ledger added " + ledgerAdded);
    }
    if (expected >= 0 && count != expected) {
      throw new AssertionError("the case holds " + count + " events, the data has " + expected);
    }
    Set<String> keys = new HashSet<>();
    List<String> problems = new ArrayList<>();
    q.scan(new Expr.All(), EventQueries.Sort.TIME_ASC, 0, Long.MAX_VALUE, r -> {
      if (!keys.add(r.eventId() + "\u0000" + r.accountId())) {
        problems.add("event " + r.eventId() + " of account " + r.accountId() + " is stored twice");
      }
      String raw = q.rawJson(r.rowId()).orElse(null);
      if (raw == null || !raw.contains(r.eventId())) {
        problems.add("the raw record of row " + r.rowId() + " (" + r.eventId() + ") cannot be read");
      }
    });
    if (!problems.isEmpty()) {
      throw new AssertionError(problems.size() + " problem(s), first: " + problems.get(0));
    }
  }

  /** {@code events} and {@code findings} (not saved) run clean on the case. */
  static void checkCli(Path c) {
    for (List<String> args : List.of(List.of("events", "--case", c.toString(), "--format", "csv", "--limit", "1000000"),
        List.of("findings", "--case", c.toString(), "--no-save"))) {
      StringWriter err = new StringWriter();
      int rc = TrailbenchCommand.commandLine(new PrintWriter(java.io.Writer.nullWriter()), new PrintWriter(err))
          .execute(args.toArray(String[]::new));
      if (rc != 0) {
        throw new AssertionError("trailbench " + args.get(0) + " exited " + rc + ": " + err.toString().strip());
      }
    }
  }

  /** A report killed while writing leaves the previous PDF whole. */
  static void checkPdf(Path pdf) throws IOException {
    if (!Files.exists(pdf)) {
      throw new AssertionError("the previous report " + pdf + " is gone");
    }
    byte[] b = Files.readAllBytes(pdf);
    String head = new String(b, 0, Math.min(5, b.length), java.nio.charset.StandardCharsets.ISO_8859_1);
    String tail = new String(b, Math.max(0, b.length - 8), Math.min(8, b.length), java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!head.equals("%PDF-") || !tail.contains("%%EOF")) {
      throw new AssertionError("the report " + pdf + " is not a whole PDF (" + b.length + " bytes)");
    }
  }

  private static Process child(List<String> args) throws IOException {
    return child(args, null);
  }

  /** A child JVM running the CLI; its output goes to {@code log}, or nowhere when null. */
  private static Process child(List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.github.trailbench.Launcher"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile())).start();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path x : s.toList()) {
        Files.copy(x, to.resolve(from.relativize(x).toString()));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path data = BenchData.tree(events, BenchData.generator());
    CrashBench bench = new CrashBench(data, Path.of("target", "crash-bench"), 18);
    // a third argument bounds the run in minutes (a loaded machine): the figures say how many kills ran
    long deadline = args.length > 2 ? System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.parseLong(args[2])) : Long.MAX_VALUE;
    Figures f = bench.run(kills, deadline);
    System.out.println();
    System.out.print(f.summary());
    System.exit(f.failures().isEmpty() ? 0 : 1);
  }
}
