package io.github.trailbench.core.enrich;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds the compact ASN table ({@code .tbasn}) from ip-location-db ASN CSV files; run by
 * {@code tools/ipdata/refresh.sh}. Prints the table's size and every AS whose organisation
 * name looks like Amazon's but that {@link AmazonAsns} does not list, for review.
 *
 * <pre>
 * java -cp target/classes io.github.trailbench.core.enrich.AsnTableTool \
 *   --out asn.tbasn --name NAME --licence LICENCE --attribution TEXT --version V --date YYYY-MM-DD \
 *   asn-ipv4.csv asn-ipv6.csv
 * </pre>
 */
public final class AsnTableTool {
  private static final java.util.regex.Pattern AMAZONISH = java.util.regex.Pattern.compile(
      "(?i).*\\b(amazon(\\.com| data| technologies| web services| connection)|aws)\\b.*");

  private AsnTableTool() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path target = null;
    String name = "";
    String licence = "";
    String attribution = "";
    String version = "";
    LocalDate date = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--") && i + 1 >= args.length) {
        err.println("missing value after " + a);
        return 2;
      }
      switch (a) {
        case "--out" -> target = Path.of(args[++i]);
        case "--name" -> name = args[++i];
        case "--licence" -> licence = args[++i];
        case "--attribution" -> attribution = args[++i];
        case "--version" -> version = args[++i];
        case "--date" -> date = LocalDate.parse(args[++i]);
        default -> inputs.add(Path.of(a));
      }
    }
    if (target == null || inputs.isEmpty()) {
      err.println("usage: AsnTableTool --out FILE [--name N] [--licence L] [--attribution A] [--version V] [--date YYYY-MM-DD] CSV...");
      return 2;
    }
    AsnTable t = AsnTable.fromCsv(inputs, new AsnTable.Info(name, licence, attribution, version, date));
    try (OutputStream o = Files.newOutputStream(target)) {
      t.write(o);
    }
    out.printf("%s: %d IPv4 ranges, %d IPv6 ranges, %d bytes%n", target, t.v4Ranges(), t.v6Ranges(), Files.size(target));
    TreeMap<Long, String> candidates = amazonCandidates(inputs);
    candidates.forEach((asn, org) -> out.printf("review: AS%d %s looks like Amazon but is not in AmazonAsns%n", asn, org));
    return 0;
  }

  private static TreeMap<Long, String> amazonCandidates(List<Path> inputs) throws IOException {
    TreeMap<Long, String> found = new TreeMap<>();
    for (Path p : inputs) {
      try (var lines = Files.lines(p)) {
        lines.forEach(line -> {
          List<String> f = AsnTable.splitCsv(line);
          if (f.size() < 4) {
            return;
          }
          String org = f.get(3);
          if (!AMAZONISH.matcher(org).matches()) {
            return;
          }
          try {
            long asn = Long.parseLong(f.get(2).strip());
            if (!AmazonAsns.isAmazon(asn)) {
              found.put(asn, org);
            }
          } catch (NumberFormatException e) {
            // a header line
          }
        });
      }
    }
    return found;
  }
}
