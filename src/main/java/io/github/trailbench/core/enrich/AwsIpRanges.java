package io.github.trailbench.core.enrich;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS's published address ranges ({@code ip-ranges.json}) as supplied by the user; never
 * downloaded. Lookups find the longest prefix that holds the address.
 *
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html">AWS IP address ranges</a>
 */
public final class AwsIpRanges {

  /**
   * One prefix and everything the file says about it. One prefix is often listed several
   * times (e.g. {@code AMAZON} and {@code EC2}); {@code services} holds them all, most
   * specific first ({@code AMAZON} last).
   */
  public record Prefix(String cidr, String region, List<String> services, String networkBorderGroup) {
    public Prefix {
      services = List.copyOf(services);
    }

    /** The most specific service: the first that is not the catch-all {@code AMAZON}. */
    public String service() {
      return services.isEmpty() ? null : services.get(0);
    }
  }

  private final String syncToken;
  private final String createDate;
  private final int count;
  // prefix length -> masked address -> prefix; lengths tried longest first
  private final int[] v4Lengths;
  private final int[] v6Lengths;
  private final List<Map<IpAddress, Prefix>> byLength;

  private AwsIpRanges(String syncToken, String createDate, int count, List<Map<IpAddress, Prefix>> byLength) {
    this.syncToken = syncToken;
    this.createDate = createDate;
    this.count = count;
    this.byLength = byLength;
    this.v4Lengths = lengths(byLength, 0, 32);
    this.v6Lengths = lengths(byLength, 33, 33 + 128);
  }

  private static int[] lengths(List<Map<IpAddress, Prefix>> byLength, int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = to; i >= from; i--) {
      if (byLength.get(i) != null) {
        l.add(i);
      }
    }
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Reads a file in the {@code ip-ranges.json} format. */
  public static AwsIpRanges read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads the {@code ip-ranges.json} format.
   *
   * @throws IOException naming {@code what} and the offending entry when it is not that format
   */
  public static AwsIpRanges read(InputStream in, String what) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(in);
    } catch (IOException e) {
      throw new IOException(what + ": not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || (!root.has("prefixes") && !root.has("ipv6_prefixes"))) {
      throw new IOException(what + ": not an AWS ip-ranges.json file (no \"prefixes\" or \"ipv6_prefixes\")");
    }
    List<Map<IpAddress, Building>> building = new ArrayList<>(java.util.Collections.nCopies(33 + 129, null));
    int count = 0;
    count += addAll(root.path("prefixes"), "ip_prefix", "prefixes", false, building, what);
    count += addAll(root.path("ipv6_prefixes"), "ipv6_prefix", "ipv6_prefixes", true, building, what);
    List<Map<IpAddress, Prefix>> done = new ArrayList<>(java.util.Collections.nCopies(building.size(), null));
    for (int i = 0; i < building.size(); i++) {
      if (building.get(i) != null) {
        Map<IpAddress, Prefix> m = new HashMap<>(building.get(i).size() * 2);
        building.get(i).forEach((k, v) -> m.put(k, v.toPrefix()));
        done.set(i, m);
      }
    }
    return new AwsIpRanges(text(root, "syncToken"), text(root, "createDate"), count, done);
  }

  private static final class Building {
    final String cidr;
    // service -> {region, network border group} of its first entry; AMAZON sorts last
    final Map<String, String[]> services = new TreeMap<>((a, b) -> {
      if (a.equals(b)) {
        return 0;
      }
      if (a.equals("AMAZON")) {
        return 1;
      }
      if (b.equals("AMAZON")) {
        return -1;
      }
      return a.compareTo(b);
    });
    final Set<String> regions = new LinkedHashSet<>();
    final Set<String> borderGroups = new LinkedHashSet<>();

    Building(String cidr) {
      this.cidr = cidr;
    }

    void add(String service, String region, String borderGroup) {
      services.putIfAbsent(service == null ? "AMAZON" : service, new String[] {region, borderGroup});
      if (region != null) {
        regions.add(region);
      }
      if (borderGroup != null) {
        borderGroups.add(borderGroup);
      }
    }

    Prefix toPrefix() {
      // region and border group of the most specific service; all of them only if it has none
      String[] first = services.values().iterator().next();
      String region = first[0] != null ? first[0] : regions.isEmpty() ? null : String.join(",", regions);
      String nbg = first[1] != null ? first[1] : borderGroups.isEmpty() ? null : String.join(",", borderGroups);
      return new Prefix(cidr, region, new ArrayList<>(services.keySet()), nbg);
    }
  }

  private static int addAll(JsonNode array, String field, String arrayName, boolean v6,
      List<Map<IpAddress, Building>> building, String what) throws IOException {
    if (array.isMissingNode() || array.isNull()) {
      return 0;
    }
    if (!array.isArray()) {
      throw new IOException(what + ": \"" + arrayName + "\" is not an array");
    }
    int n = 0;
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      String where = what + ": " + arrayName + "[" + i + "]";
      String cidr = text(e, field);
      if (cidr == null) {
        throw new IOException(where + ": no \"" + field + "\"");
      }
      int slash = cidr.indexOf('/');
      IpAddress net = null;
      int len = -1;
      if (slash > 0) {
        if (IpAddress.parse(cidr.substring(0, slash)) instanceof IpAddress.Ok ok) {
          net = ok.address();
        }
        try {
          len = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException ex) {
          len = -1;
        }
      }
      if (net == null || net.v6() != v6 || len < 0 || len > (v6 ? 128 : 32)) {
        throw new IOException(where + ": bad " + (v6 ? "IPv6" : "IPv4") + " prefix \"" + cidr + "\"");
      }
      int slot = v6 ? 33 + len : len;
      if (building.get(slot) == null) {
        building.set(slot, new HashMap<>());
      }
      IpAddress key = net.masked(len);
      Building b = building.get(slot).computeIfAbsent(key, k -> new Building(k + "/" + cidrLen(cidr)));
      b.add(text(e, "service"), text(e, "region"), text(e, "network_border_group"));
      n++;
    }
    return n;
  }

  private static String cidrLen(String cidr) {
    return cidr.substring(cidr.indexOf('/') + 1);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isValueNode() && !v.asText().isBlank() ? v.asText().strip() : null;
  }

  /** The longest listed prefix holding the address, or null. */
  public Prefix lookup(IpAddress a) {
    for (int len : a.v6() ? v6Lengths : v4Lengths) {
      Prefix p = byLength.get(len).get(a.masked(a.v6() ? len - 33 : len));
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  public String syncToken() {
    return syncToken;
  }

  /** As written in the file, e.g. {@code 2024-05-01-20-13-07}. */
  public String createDate() {
    return createDate;
  }

  /** The date part of {@code createDate}, or null when it is not in AWS's format. */
  public LocalDate date() {
    if (createDate == null || createDate.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(createDate.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Number of prefix entries read (IPv4 and IPv6). */
  public int entries() {
    return count;
  }
}
