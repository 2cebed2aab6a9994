package io.github.trailbench.bench;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.store.CaseGraph;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseSessionLinks;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The first principal graph and the first session links of a case after its import (issue #23):
 * deletes the kept {@code principal-graph.cache} and {@code session-links.cache}, opens the case
 * and times {@link CaseGraph#load} and {@link CaseSessionLinks#parents} as the app and the CLI
 * call them, in this (fresh) JVM. Wall time, process CPU time (with the JIT compiler's and the
 * garbage collector's threads, which a cold JVM keeps busy) and the calling thread's CPU time.
 * Not a test.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) io.github.trailbench.bench.FirstGraphBench CASE_DIR [graph|lanes]
 * </pre>
 */
public final class FirstGraphBench {
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String what = args.length > 1 ? args[1] : "graph,lanes";
    Files.deleteIfExists(dir.resolve("principal-graph.cache"));
    Files.deleteIfExists(dir.resolve("session-links.cache"));
    long t0 = System.nanoTime();
    long c0 = ImportBench.cpu();
    try (CaseStore store = CaseStore.open(dir)) {
      long events = store.queries().count(new io.github.trailbench.core.query.Expr.All());
      long t1 = System.nanoTime();
      long c1 = ImportBench.cpu();
      System.out.printf("open the case and load its columns: %.2fs wall, %.2fs CPU (%,d events)%n", (t1 - t0) / 1e9,
          (c1 - c0) / 1e9, events);
      if (what.contains("graph")) {
        long m1 = THREADS.getCurrentThreadCpuTime();
        IamSnapshot iam = CaseIam.snapshot(store);
        PrincipalGraph g = CaseGraph.load(store, iam);
        System.out.printf("first principal graph: %.2fs wall, %.2fs CPU, %.2fs on its thread (%,d nodes, %,d edges)%n",
            (System.nanoTime() - t1) / 1e9, (ImportBench.cpu() - c1) / 1e9, (THREADS.getCurrentThreadCpuTime() - m1) / 1e9,
            g.nodes().size(), g.edges().size());
      }
      if (!what.contains("lanes")) {
        return;
      }
      long t2 = System.nanoTime();
      long c2 = ImportBench.cpu();
      long m2 = THREADS.getCurrentThreadCpuTime();
      Map<String, String> links = CaseSessionLinks.parents(store);
      long t3 = System.nanoTime();
      System.out.printf("first session links (session lanes' parents): %.2fs wall, %.2fs CPU, %.2fs on its thread (%,d links)%n",
          (t3 - t2) / 1e9, (ImportBench.cpu() - c2) / 1e9, (THREADS.getCurrentThreadCpuTime() - m2) / 1e9, links.size());
    }
  }
}
