package io.github.trailbench.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.trailbench.cli.TrailbenchCommand;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Issue #23's "the sample's PDF report in ≤ 2 s warm": {@code trailbench report --case CASE --out
 * OUT.pdf} run RUNS times in one JVM (the first cold, the others warm), wall and process CPU time
 * of each (bench/perf-targets.sh runs it on the imported sample case).
 *
 * <pre>
 *   java -cp target/trailbench.jar:target/test-classes io.github.trailbench.bench.ReportBench CASE OUT.pdf [RUNS]
 * </pre>
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (int i = 1; i <= runs; i++) {
      long wall = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      int rc = TrailbenchCommand.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
          new java.io.PrintWriter(System.err, true)).execute("report", "--case", args[0], "--out", args[1]);
      System.out.printf(Locale.ROOT, "report run %d (%s): wall %d ms, CPU %d ms, exit %d%n", i, i == 1 ? "cold" : "warm",
          (System.nanoTime() - wall) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000, rc);
    }
  }
}
