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
 *     -Dexec.mainClass=io.github.trailbench.bench.ImportBench [-Dexec.args="--events 200000 --data DIR --runs 3"]
 * </pre>
 *
 * Without --data it generates the tree with shared/bench/gen-cloudtrail.py (under
 * target/bench-data, reused when present).
 */
public final class ImportBench {
  public static void main(String[] args) throws Exception {
    int events = 200_000;
    Path data = null;
    int runs = 3;
    boolean parseOnly = true;
    int threads = 0;
    String generator = System.getProperty("trailbench.generator", "/work/shared/bench/gen-cloudtrail.py");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-parse-only" -> parseOnly = false;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--generator" -> generator = args[++i];
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

    // warm-up: one import of a slice so the JIT has seen the code
    Path warm = Files.createTempDirectory("tb-bench-warm");
    try (CaseStore store = CaseStore.open(warm.resolve("case"))) {
      store.importer(DefaultEventFacts.deriver()).importPaths(files.subList(0, Math.min(40, files.size())), ImportListener.NONE);
    }
    delete(warm);

    double bestZcat = Double.MAX_VALUE, bestParse = Double.MAX_VALUE, bestImport = Double.MAX_VALUE;
    for (int r = 1; r <= runs; r++) {
      double z = zcat(files);
      bestZcat = Math.min(bestZcat, z);
      if (parseOnly) {
        double p = parseOnly(files);
        bestParse = Math.min(bestParse, p);
      }
      Path dir = Files.createTempDirectory("tb-bench");
      long cpu0 = cpu();
      long t0 = System.nanoTime();
      ImportReport rep;
      long opened;
      long imported;
      try (CaseStore store = CaseStore.open(dir.resolve("case"))) {
        opened = System.nanoTime();
        CaseStore.ImportOptions options = threads > 0
            ? CaseStore.ImportOptions.defaults().withParserThreads(threads) : CaseStore.ImportOptions.defaults();
        rep = store.importer(DefaultEventFacts.deriver(), options).importPaths(List.of(data), ImportListener.NONE);
        imported = System.nanoTime();
      }
      double imp = (System.nanoTime() - t0) / 1e9;
      System.out.printf("  (create case %.2fs, import %.2fs, close %.2fs; process CPU %.2fs)%n", (opened - t0) / 1e9,
          (imported - opened) / 1e9, (System.nanoTime() - imported) / 1e9, (cpu() - cpu0) / 1e9);
      bestImport = Math.min(bestImport, imp);
      long dbSize = dir.resolve("case").resolve("case.mv.db").toFile().length();
      delete(dir);
      System.out.printf("run %d: zcat %.2fs, import %.2fs (%d events added, case %d MiB), ratio %.2f%n",
          r, z, imp, rep.added(), dbSize >> 20, imp / z);
    }
    System.out.printf("best: zcat %.2fs, %simport %.2fs, ratio import/zcat %.2f (target <= 2.5)%n", bestZcat,
        parseOnly ? String.format("parse only %.2fs, ", bestParse) : "", bestImport, bestImport / bestZcat);
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
