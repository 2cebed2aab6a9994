package io.github.trailbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.enrich.DataSource;
import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.store.CaseIpInfo;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Enrich every source IP address of a case again (country, AS, AWS ownership), with the bundled"
        + " databases or newer ones you give.",
        "Import already enriches new addresses with the bundled data; use this after downloading newer data, or"
        + " AWS's ip-ranges.json, elsewhere. Never uses the network."})
public final class EnrichCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, paramLabel = "CASE", description = "Case directory.")
  Path caseDir;

  @Option(names = "--country-db", paramLabel = "FILE", description = "A country MMDB (country_code or country.iso_code) instead of the bundled one.")
  Path countryDb;

  @Option(names = "--asn-db", paramLabel = "FILE", description = "An ASN database (GeoLite2-ASN-style MMDB, ip-location-db ASN CSV or folder) instead of the bundled one.")
  Path asnDb;

  @Option(names = "--ip-ranges", paramLabel = "FILE", description = "AWS's ip-ranges.json: AWS addresses get their service and region.")
  Path ipRanges;

  @Option(names = "--tor-exits", paramLabel = "FILE", description = "A Tor exit list (one address a line, or Tor's exit-addresses format).")
  Path torExits;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table or json (one object: fields in docs/cli.md). Default: ${DEFAULT-VALUE}.")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!List.of("table", "json").contains(format)) {
      throw new BadInputException("--format must be table or json, not '" + format + "'");
    }
    CaseArgs.requireExistingCase(caseDir);
    IpEnricher.Builder b = IpEnricher.builder();
    if (countryDb != null) {
      b.countryDb(countryDb);
    }
    if (asnDb != null) {
      b.asnDb(asnDb);
    }
    if (ipRanges != null) {
      b.ipRanges(ipRanges);
    }
    if (torExits != null) {
      b.torExitList(torExits);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (IpEnricher enricher = b.build(); CaseStore store = CaseStore.open(caseDir)) {
      for (DataSource s : enricher.about().all()) {
        boolean asked = switch (s.role()) {
          case "country" -> countryDb != null;
          case "asn" -> asnDb != null;
          case "aws-ip-ranges" -> ipRanges != null;
          default -> torExits != null;
        };
        if (asked && !s.loaded()) {
          throw new BadInputException(s.location() + ": cannot use as " + s.role() + " data: "
              + (s.note() == null ? s.status().name().toLowerCase() : s.note()));
        }
      }
      CaseIpInfo.Run run = CaseIpInfo.enrichAll(store, enricher);
      List<IpInfo> all = CaseIpInfo.all(store);
      Map<String, Long> kinds = all.stream().collect(Collectors.groupingBy(i -> i.kind().name().toLowerCase(),
          TreeMap::new, Collectors.counting()));
      long aws = all.stream().filter(IpInfo::awsOwned).count();
      Map<String, Long> countries = CaseIpInfo.eventsByCountry(store);
      if (format.equals("json")) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("addresses", run.distinctAddresses());
        o.put("enriched", run.enriched());
        o.put("millis", run.nanos() / 1_000_000);
        o.put("awsOwned", aws);
        kinds.forEach((k, v) -> o.with("kinds").put(k, v));
        countries.forEach((k, v) -> o.with("eventsByCountry").put(k.isEmpty() ? "unknown" : k, v));
        run.sources().forEach(o.putArray("sources")::add);
        out.println(m.writeValueAsString(o));
      } else {
        PrintWriter text = SafeOut.over(out);
        printText(text, run, kinds, aws, countries);
        text.flush();
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  private static void printText(PrintWriter out, CaseIpInfo.Run run, Map<String, Long> kinds, long aws,
      Map<String, Long> countries) {
    out.printf("enriched %,d distinct source address(es) in %d ms%n", run.enriched(), run.nanos() / 1_000_000);
    out.printf("kinds: %s; AWS-owned: %d%n", kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ")), aws);
    out.printf("events by country: %s%n", countries.entrySet().stream().limit(10)
        .map(e -> (e.getKey().isEmpty() ? "unknown" : e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")));
    out.println("data:");
    run.sources().forEach(s -> out.println("  " + s));
  }
}
