package io.github.trailbench.core.correlate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.catalog.ActionCoverage;
import io.github.trailbench.core.correlate.AccessKeyActivity;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.correlate.EventFactsDeriver;
import io.github.trailbench.core.correlate.RequestContextDeriver;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Not a test: a manual benchmark. {@code java -cp ... CorrelationBench DIR} reads every
 * {@code *.json.gz}/{@code *.json} CloudTrail file under DIR, then prints catalog load time,
 * action coverage and the cost of DefaultEventFacts, the session graph and context derivation.
 */
public final class CorrelationBench {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    ActionCatalog c = ActionCatalog.get();
    System.out.printf(Locale.ROOT, "catalog: %s %s first get() %.1f ms%n", c.sourceName(), c.sourceVersion(),
        (System.nanoTime() - t0) / 1e6);
    ObjectMapper m = new ObjectMapper();
    List<CloudTrailEvent> events = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      for (Path p : s.filter(x -> x.toString().endsWith(".json.gz") || x.toString().endsWith(".json")).toList()) {
        try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
          JsonNode root = m.readTree(in);
          for (JsonNode r : root.path("Records")) {
            events.add(TestEvents.of(r));
          }
        } catch (Exception e) {
          System.out.println("skipped " + p + ": " + e.getMessage());
        }
      }
    }
    System.out.println("events: " + events.size());
    ActionCoverage.Result cov = ActionCoverage.of(events);
    System.out.println("coverage: " + cov.summary());
    cov.topUnknown().forEach(e -> System.out.println("  unknown " + e.getKey() + " x" + e.getValue()));
    EventFactsDeriver d = DefaultEventFacts.deriver();
    for (int round = 0; round < 3; round++) {
      long a = System.nanoTime();
      long n = 0;
      for (CloudTrailEvent e : events) {
        n += d.derive(e).actions().size();
      }
      long b = System.nanoTime();
      System.out.printf(Locale.ROOT, "DefaultEventFacts round %d: %.2f us/event (%d actions)%n", round,
          (b - a) / 1e3 / events.size(), n);
    }
    for (int round = 0; round < 3; round++) {
      long a0 = System.nanoTime();
      for (CloudTrailEvent e : events) {
        io.github.trailbench.core.correlate.Principals.resolve(e);
      }
      long a1 = System.nanoTime();
      for (CloudTrailEvent e : events) {
        io.github.trailbench.core.catalog.EventActionMapper.get().map(e);
      }
      long a2 = System.nanoTime();
      for (CloudTrailEvent e : events) {
        io.github.trailbench.core.correlate.ResourceArns.derive(e);
      }
      long a3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "  principal %.2f us, mapping %.2f us, resources %.2f us%n",
          (a1 - a0) / 1e3 / events.size(), (a2 - a1) / 1e3 / events.size(), (a3 - a2) / 1e3 / events.size());
    }
    long a = System.nanoTime();
    SessionGraph g = new SessionGraphBuilder().addAll(events).build();
    long a1 = System.nanoTime();
    AccessKeyActivity k = new AccessKeyActivity().addAll(events);
    System.out.printf(Locale.ROOT, "session graph: %.1f ms, %d sessions; key activity %.1f ms, %d keys%n",
        (a1 - a) / 1e6, g.size(), (System.nanoTime() - a1) / 1e6, k.size());
    long complete = g.sessions().stream().filter(s -> g.rootOf(s.accessKeyId()).complete()).count();
    System.out.println("sessions with a complete chain to their root identity: " + complete + "/" + g.size());
    RequestContextDeriver rc = new RequestContextDeriver();
    a = System.nanoTime();
    for (CloudTrailEvent e : events) {
      rc.derive(e);
    }
    System.out.printf(Locale.ROOT, "request context: %.2f us/event%n", (System.nanoTime() - a) / 1e3 / events.size());
  }
}
