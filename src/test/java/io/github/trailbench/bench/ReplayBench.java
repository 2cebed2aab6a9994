package io.github.trailbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.correlate.EventReplay;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.ReplaySummary;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Case-wide replay ({@code explain --case C --summary}) throughput: every event of the bundled
 * sample replayed through {@link Explainer#replay}, after the JVM is warm. Events are parsed
 * once up front: reading the case is the store's cost, not the replay's. Prints events/second
 * on one thread (wall and CPU) and on two threads.
 *
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.trailbench.bench.ReplayBench [-Dexec.args="5"]</pre>
 */
public final class ReplayBench {
  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path sample = Path.of("samples/case");
    List<IamSource> sources = new ArrayList<>();
    for (String f : List.of("iam/credential-report.csv", "iam/account-authorization-details.json", "org/organization.json",
        "policies/resource-policies.json")) {
      byte[] bytes = Files.readAllBytes(sample.resolve(f));
      sources.add(IamSources.read(IamSources.detect(f, bytes).orElseThrow(), f, bytes));
    }
    IamSnapshot iam = IamSnapshot.of(sources);
    List<CloudTrailEvent> events = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(sample.resolve("AWSLogs/111122223333/CloudTrail"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          for (JsonNode r : json.readTree(in).path("Records")) {
            events.add(CloudTrailRecords.parse(r.toString(), f.toString()));
          }
        }
      }
    }
    Explainer explainer = new Explainer(iam, key -> List.of());
    for (int i = 0; i < 3; i++) { // warm-up
      for (CloudTrailEvent e : events) {
        explainer.replay(e);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ReplaySummary summary = new ReplaySummary();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      for (CloudTrailEvent e : events) {
        EventReplay r = explainer.replay(e);
        if (i == 0) {
          summary.add(r);
        }
      }
    }
    long t1 = System.nanoTime();
    long c1 = mx.getCurrentThreadCpuTime();
    long n = (long) rounds * events.size();
    System.out.printf("events: %d × %d rounds, %d actions per round%n", events.size(), rounds, summary.actions());
    System.out.printf("one thread: %.0f events/s wall, %.0f events/s on the thread's CPU time (%.1f us CPU per event)%n",
        n / ((t1 - t0) / 1e9), n / ((c1 - c0) / 1e9), (c1 - c0) / 1e3 / n);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    long t2 = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int offset = w;
      done.add(pool.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          for (int k = offset; k < events.size(); k += 2) {
            explainer.replay(events.get(k));
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    long t3 = System.nanoTime();
    pool.shutdown();
    System.out.printf("two threads: %.0f events/s wall%n", n / ((t3 - t2) / 1e9));
    System.out.printf("load average at the end: %.2f on %d processors%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
  }
}
