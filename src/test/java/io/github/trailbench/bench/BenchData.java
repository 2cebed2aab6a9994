package io.github.trailbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Synthetic CloudTrail trees for the benchmarks, made by the shared generator and reused. */
final class BenchData {
  private BenchData() {}

  /**
   * The shared generator: {@code -Dtrailbench.generator=PATH}, else {@code ../shared/bench/} beside
   * the checkout (where DESIGN.md puts it), else {@code /work/shared/bench/}.
   */
  static String generator() {
    String explicit = System.getProperty("trailbench.generator");
    if (explicit != null) {
      return explicit;
    }
    Path beside = Path.of("..", "shared", "bench", "gen-cloudtrail.py");
    return Files.isRegularFile(beside) ? beside.toAbsolutePath().normalize().toString() : "/work/shared/bench/gen-cloudtrail.py";
  }

  /** The tree of {@code events} events under target/bench-data, generated when absent. */
  static Path tree(int events, String generator) throws Exception {
    Path data = Path.of("target", "bench-data", "ct" + events);
    if (!Files.isDirectory(data)) {
      System.out.println("generating " + events + " events into " + data + " ...");
      Process p = new ProcessBuilder("python3", generator, "--events", String.valueOf(events), "--out", data.toString())
          .inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("generator failed");
      }
    }
    return data;
  }
}
