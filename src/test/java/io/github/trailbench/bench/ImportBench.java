package io.github.trailbench.bench;

import io.github.trailbench.core.cloudtrail.CloudTrailReader;
import io.github.trailbench.core.cloudtrail.EventSink;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.cloudtrail.ReadEvent;
import io.github.trailbench.core.cloudtrail.SourceKind;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.correlate.EventFactsDeriver;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.ImportListener;
import io.github.trailbench.store.ImportReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Import benchmark (not a test): times {@code zcat} over an S3 export tree and the import of
 * the same tree into a fresh case, in one run, and prints both and the ratio.
 *
 * <pre>
 * ./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.trailbench.bench.ImportBench \
 *     [-Dexec.args="--events 200000 --data DIR --runs 5 --warmup 6 --cli --no-parse-only --no-duckdb --threads N"]
 * </pre>
 *
 * With the Maven profile {@code bench} ({@code -Pbench}) each run also loads the tree into DuckDB
 * ({@link DuckDbLoad}) and prints DuckDB's time over Trailbench's.
 *
 * Whole-tree warm-up imports first (printed: the first is what a cold JVM gets), then the timed
 * runs, then the median and best ratio. {@code --cli} also times {@code java -jar
 * target/trailbench.jar import} in a fresh JVM against a fresh {@code zcat}.
 *
 * Without --data it generates the tree with shared/bench/gen-cloudtrail.py (under
 * target/bench-data, reused when present).
 */
public final class ImportBench {
  public static void main(String[] args) throws Exception {
    int events = 200_000;
    Path data = null;
    int runs = 5;
    int warmups = 6;
    boolean cli = false;
    boolean parseOnly = true;
    boolean duckdb = true;
    int threads = 0;
    String generator = BenchData.generator();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-parse-only" -> parseOnly = false;
        case "--warmup" -> warmups = Integer.parseInt(args[++i]);
        case "--cli" -> cli = true;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--generator" -> generator = args[++i];
        case "--no-duckdb" -> duckdb = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (data == null) {
      data = BenchData.tree(events, generator);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(data)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    System.out.printf("data: %s, %d files, %d bytes on disk%n", data, files.size(),
        files.stream().mapToLong(f -> f.toFile().length()).sum());
    System.out.printf("cpus: %d, max heap: %d MiB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (duckdb && !DuckDbLoad.available()) {
      System.out.println("DuckDB: skipped, its JDBC driver is not on the classpath (run with -Pbench)");
      duckdb = false;
    }

    // Warm-up: whole imports, untimed, until the JIT has compiled the import path (on 2 cores the
    // C2 compiler keeps recompiling H2 and parser code for several imports). The first one is the
    // cold figure a fresh JVM gets; --cli times the command itself in a fresh JVM as well.
    for (int w = 1; w <= warmups; w++) {
      Path warm = Files.createTempDirectory("tb-bench-warm");
      long t0 = System.nanoTime();
      try (CaseStore store = CaseStore.open(warm.resolve("case"))) {
        store.importer(DefaultEventFacts.deriver(), options(threads)).importPaths(List.of(data), ImportListener.NONE);
      }
      System.out.printf("warm-up %d: import %.2fs%n", w, (System.nanoTime() - t0) / 1e9);
      delete(warm);
    }
    if (duckdb) {
      System.out.printf("warm-up DuckDB: %.2fs%n", DuckDbLoad.load(data).seconds());
    }

    List<Double> zcats = new ArrayList<>(), parses = new ArrayList<>(), imports = new ArrayList<>(), ratios = new ArrayList<>();
    List<Double> ducks = new ArrayList<>(), duckRatios = new ArrayList<>();
    for (int r = 1; r <= runs; r++) {
      double z = zcat(files);
      zcats.add(z);
      if (parseOnly) {
        parses.add(parseOnly(files));
      }
      Path dir = Files.createTempDirectory("tb-bench");
      long cpu0 = cpu();
      long t0 = System.nanoTime();
      ImportReport rep;
      long opened;
      long imported;
      try (CaseStore store = CaseStore.open(dir.resolve("case"))) {
        opened = System.nanoTime();
        rep = store.importer(DefaultEventFacts.deriver(), options(threads)).importPaths(List.of(data), ImportListener.NONE);
        imported = System.nanoTime();
      }
      double imp = (System.nanoTime() - t0) / 1e9;
      System.out.printf("  (create case %.2fs, import %.2fs, close %.2fs; process CPU %.2fs)%n", (opened - t0) / 1e9,
          (imported - opened) / 1e9, (System.nanoTime() - imported) / 1e9, (cpu() - cpu0) / 1e9);
      imports.add(imp);
      ratios.add(imp / z);
      long dbSize = dir.resolve("case").resolve("case.mv.db").toFile().length();
      delete(dir);
      System.out.printf("run %d: zcat %.2fs, import %.2fs (%d events added, case %d MiB), ratio %.2f%n",
          r, z, imp, rep.added(), dbSize >> 20, imp / z);
      if (duckdb) {
        DuckDbLoad.Result d = DuckDbLoad.load(data);
        ducks.add(d.seconds());
        duckRatios.add(d.seconds() / imp);
        System.out.printf("run %d: DuckDB %.2fs (%d events, database %d MiB, process CPU %.2fs), DuckDB/import %.2f%n",
            r, d.seconds(), d.events(), d.bytes() >> 20, d.cpuSeconds(), d.seconds() / imp);
        if (d.events() != rep.added()) {
          System.out.printf("  DuckDB loaded %d events, Trailbench %d: not the same work%n", d.events(), rep.added());
        }
      }
    }
    System.out.printf("warm, %d runs: zcat best %.2fs, %simport best %.2fs median %.2fs;"
            + " ratio import/zcat median %.2f, best %.2f, worst %.2f (target <= 2.5)%n",
        runs, min(zcats), parseOnly ? String.format("parse only best %.2fs, ", min(parses)) : "", min(imports),
        median(imports), median(ratios), min(ratios), Collections.max(ratios));
    if (duckdb) {
      System.out.printf("DuckDB, %d runs: best %.2fs median %.2fs; DuckDB/import median %.2f, worst %.2f (target >= 1.5)%n",
          runs, min(ducks), median(ducks), median(duckRatios), min(duckRatios));
    }
    if (cli) {
      Path jar = Path.of("target", "trailbench.jar");
      if (!Files.exists(jar)) {
        System.out.println("cold CLI: skipped, build target/trailbench.jar first (./mvnw -DskipTests package)");
        return;
      }
      double z = zcat(files);
      Path dir = Files.createTempDirectory("tb-bench-cli");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
          jar.toString(), "import", "--case", dir.resolve("case").toString(), data.toString());
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      int exit = p.waitFor();
      double t = (System.nanoTime() - t0) / 1e9;
      delete(dir);
      System.out.printf("cold CLI (fresh JVM, -Xmx512m, IP enrichment and action coverage included): exit %d, %.2fs; zcat %.2fs; ratio %.2f%n",
          exit, t, z, t / z);
    }
  }

  static CaseStore.ImportOptions options(int threads) {
    return threads > 0 ? CaseStore.ImportOptions.defaults().withParserThreads(threads) : CaseStore.ImportOptions.defaults();
  }

  static double min(List<Double> xs) {
    return Collections.min(xs);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double zcat(List<Path> files) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("zcat"));
    files.forEach(f -> cmd.add(f.toString()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("zcat failed");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** CPU time of this process so far (all threads), in nanoseconds. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Reading and deriving facts only, no store: the floor of what the import can reach. */
  static double parseOnly(List<Path> files) throws Exception {
    CloudTrailReader reader = new CloudTrailReader(InputLimits.DEFAULT);
    EventFactsDeriver deriver = DefaultEventFacts.deriver();
    AtomicInteger next = new AtomicInteger();
    AtomicLong n = new AtomicLong();
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        int k;
        while ((k = next.getAndIncrement()) < files.size()) {
          try {
            Path f = files.get(k);
            SourceKind kind = reader.detect(f);
            reader.read(f, kind, new EventSink() {
              @Override
              public void event(ReadEvent e) {
                deriver.derive(e.event());
                n.incrementAndGet();
              }

              @Override
              public void reject(int recordIndex, SourceProblem problem) {}
            });
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double wall = (System.nanoTime() - t0) / 1e9;
    System.out.printf("  (parse only %.2fs, process CPU %.2fs)%n", wall, (cpu() - cpu0) / 1e9);
    return wall;
  }

  static void delete(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
