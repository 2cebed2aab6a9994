package io.github.trailbench.bench;

import io.github.trailbench.core.enrich.IpAddress;
import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.enrich.IpKind;
import io.github.trailbench.core.enrich.SpecialRanges;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Distinct IPs enriched per second with the bundled data (docs/perf-enrich.md).
 *
 * <pre>
 * ./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.github.trailbench.bench.EnrichBench [-Dexec.args="50000 7"]
 * </pre>
 *
 * Arguments: number of distinct addresses (default 50,000; 70 % IPv4, 30 % IPv6) and the
 * random seed. Addresses are random public ones: IPv4 outside the special blocks, IPv6 in
 * the RIRs' busiest /12s so that most are found in the databases.
 */
public final class EnrichBench {
  private static final long[] V6_TOP = {0x2001, 0x2400, 0x2600, 0x2800, 0x2a00, 0x2a01, 0x2a02, 0x2c0f, 0x2403, 0x2605};

  private EnrichBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    List<String> ips = addresses(n, seed);

    long t0 = System.nanoTime();
    IpEnricher enricher = IpEnricher.bundled();
    long t1 = System.nanoTime();
    System.out.printf("open bundled data (cold, incl. class loading): %.0f ms%n", (t1 - t0) / 1e6);
    enricher.about().all().forEach(d -> System.out.println("  " + d.summary()));

    // The shape of shared/bench/gen-cloudtrail.py's 200k-event case: 60 distinct public IPv4
    // addresses and service names; measured cold, right after opening, as after an import.
    Random cr = new Random(seed);
    List<String> caseValues = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      caseValues.add((1 + cr.nextInt(222)) + "." + cr.nextInt(256) + "." + cr.nextInt(256) + "." + (1 + cr.nextInt(254)));
    }
    caseValues.add("cloudtrail.amazonaws.com");
    caseValues.add("AWS Internal");
    long k0 = System.nanoTime();
    int caseDistinct = enricher.enrichAll(caseValues).size();
    long k1 = System.nanoTime();
    System.out.printf("gen-cloudtrail case: %d distinct values enriched cold in %.1f ms (open + enrich: %.0f ms)%n",
        caseDistinct, (k1 - k0) / 1e6, (k1 - k0 + t1 - t0) / 1e6);

    long c0 = System.nanoTime();
    Map<IpKind, Integer> kinds = tally(enricher, ips);
    long c1 = System.nanoTime();
    report("first pass (cold JIT)", n, c1 - c0);

    long best = Long.MAX_VALUE;
    int found = 0;
    for (int round = 0; round < 5; round++) {
      long s = System.nanoTime();
      found = 0;
      for (String ip : ips) {
        IpInfo info = enricher.enrich(ip);
        if (info.asn() != null) {
          found++;
        }
      }
      best = Math.min(best, System.nanoTime() - s);
    }
    report("warm, 1 thread (best of 5)", n, best);

    long p0 = System.nanoTime();
    long parallelFound = ips.parallelStream().map(enricher::enrich).filter(i -> i.asn() != null).count();
    long p1 = System.nanoTime();
    report("warm, parallel stream (" + Runtime.getRuntime().availableProcessors() + " cpus)", n, p1 - p0);

    System.out.printf("kinds: %s; with an ASN: %d of %d (parallel agrees: %b)%n", kinds, found, n, parallelFound == found);
  }

  private static void report(String what, int n, long nanos) {
    System.out.printf("%-40s %8.1f ms  %,12.0f distinct IPs/s%n", what, nanos / 1e6, n / (nanos / 1e9));
  }

  private static Map<IpKind, Integer> tally(IpEnricher e, List<String> ips) {
    Map<IpKind, Integer> kinds = new EnumMap<>(IpKind.class);
    for (String ip : ips) {
      kinds.merge(e.enrich(ip).kind(), 1, Integer::sum);
    }
    return kinds;
  }

  static List<String> addresses(int n, long seed) {
    Random r = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < n) {
      IpAddress a;
      if (r.nextInt(10) < 7) {
        a = IpAddress.ofV4(r.nextInt() & 0xFFFF_FFFFL);
      } else {
        long top = V6_TOP[r.nextInt(V6_TOP.length)];
        long hi = (top << 48) | (r.nextLong() >>> 16);
        a = IpAddress.ofV6(hi, r.nextLong());
      }
      if (SpecialRanges.classify(a) == null) {
        out.add(a.toString());
      }
    }
    return new ArrayList<>(out);
  }
}
