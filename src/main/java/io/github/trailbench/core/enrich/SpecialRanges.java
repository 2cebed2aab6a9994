package io.github.trailbench.core.enrich;

import java.util.List;

/**
 * Private and special-purpose address blocks (IANA IPv4/IPv6 Special-Purpose Address
 * Registries, RFC 6890 and successors). No database is consulted for these: a country or
 * ASN for them would be wrong whatever a database says.
 */
public final class SpecialRanges {

  /** One block, the kind it gives an address, and a label naming the RFC. */
  public record Block(IpAddress network, int prefixLength, IpKind kind, String label) {
    public String cidr() {
      return network + "/" + prefixLength;
    }
  }

  /** A hit: the block, or for IPv6 outside 2000::/3 a synthetic one. */
  public record Match(IpKind kind, String label) {}

  private static final List<Block> BLOCKS = List.of(
      v4("0.0.0.0", 8, IpKind.RESERVED, "\"this network\" (RFC 791)"),
      v4("10.0.0.0", 8, IpKind.PRIVATE, "private-use 10.0.0.0/8 (RFC 1918)"),
      v4("100.64.0.0", 10, IpKind.PRIVATE, "shared address space / carrier-grade NAT 100.64.0.0/10 (RFC 6598)"),
      v4("127.0.0.0", 8, IpKind.RESERVED, "loopback 127.0.0.0/8 (RFC 1122)"),
      v4("169.254.0.0", 16, IpKind.RESERVED, "link-local 169.254.0.0/16 (RFC 3927)"),
      v4("172.16.0.0", 12, IpKind.PRIVATE, "private-use 172.16.0.0/12 (RFC 1918)"),
      v4("192.0.0.0", 24, IpKind.RESERVED, "IETF protocol assignments 192.0.0.0/24 (RFC 6890)"),
      v4("192.0.2.0", 24, IpKind.RESERVED, "documentation TEST-NET-1 192.0.2.0/24 (RFC 5737)"),
      v4("192.88.99.0", 24, IpKind.RESERVED, "deprecated 6to4 relay anycast 192.88.99.0/24 (RFC 7526)"),
      v4("192.168.0.0", 16, IpKind.PRIVATE, "private-use 192.168.0.0/16 (RFC 1918)"),
      v4("198.18.0.0", 15, IpKind.RESERVED, "benchmarking 198.18.0.0/15 (RFC 2544)"),
      v4("198.51.100.0", 24, IpKind.RESERVED, "documentation TEST-NET-2 198.51.100.0/24 (RFC 5737)"),
      v4("203.0.113.0", 24, IpKind.RESERVED, "documentation TEST-NET-3 203.0.113.0/24 (RFC 5737)"),
      v4("224.0.0.0", 4, IpKind.RESERVED, "multicast 224.0.0.0/4 (RFC 5771)"),
      v4("240.0.0.0", 4, IpKind.RESERVED, "reserved for future use 240.0.0.0/4 (RFC 1112)"),
      v4("255.255.255.255", 32, IpKind.RESERVED, "limited broadcast (RFC 919)"),
      v6("::", 128, IpKind.RESERVED, "unspecified address :: (RFC 4291)"),
      v6("::1", 128, IpKind.RESERVED, "loopback ::1 (RFC 4291)"),
      v6("64:ff9b:1::", 48, IpKind.RESERVED, "local-use IPv4/IPv6 translation 64:ff9b:1::/48 (RFC 8215)"),
      v6("100::", 64, IpKind.RESERVED, "discard-only 100::/64 (RFC 6666)"),
      v6("2001:2::", 48, IpKind.RESERVED, "benchmarking 2001:2::/48 (RFC 5180)"),
      v6("2001:10::", 28, IpKind.RESERVED, "deprecated ORCHID 2001:10::/28 (RFC 4843)"),
      v6("2001:20::", 28, IpKind.RESERVED, "ORCHIDv2 2001:20::/28 (RFC 7343)"),
      v6("2001:db8::", 32, IpKind.RESERVED, "documentation 2001:db8::/32 (RFC 3849)"),
      v6("3fff::", 20, IpKind.RESERVED, "documentation 3fff::/20 (RFC 9637)"),
      v6("fc00::", 7, IpKind.PRIVATE, "unique local fc00::/7 (RFC 4193)"),
      v6("fe80::", 10, IpKind.RESERVED, "link-local unicast fe80::/10 (RFC 4291)"),
      v6("ff00::", 8, IpKind.RESERVED, "multicast ff00::/8 (RFC 4291)"));

  private static final IpAddress GLOBAL_UNICAST = address("2000::");
  private static final Match OUTSIDE_GLOBAL_UNICAST =
      new Match(IpKind.RESERVED, "outside the IPv6 global unicast space 2000::/3 (IANA reserved)");

  private SpecialRanges() {}

  /** All blocks, for documentation and the About box. */
  public static List<Block> blocks() {
    return BLOCKS;
  }

  /**
   * The most specific special block that holds the address, or null for an ordinary
   * public address. IPv4-mapped and NAT64 addresses must be unwrapped by the caller.
   */
  public static Match classify(IpAddress a) {
    Block best = null;
    for (Block b : BLOCKS) {
      if (a.in(b.network(), b.prefixLength()) && (best == null || b.prefixLength() > best.prefixLength())) {
        best = b;
      }
    }
    if (best != null) {
      return new Match(best.kind(), best.label());
    }
    if (a.v6() && !a.in(GLOBAL_UNICAST, 3)) {
      return OUTSIDE_GLOBAL_UNICAST;
    }
    return null;
  }

  private static Block v4(String a, int len, IpKind kind, String label) {
    return new Block(address(a), len, kind, label);
  }

  private static Block v6(String a, int len, IpKind kind, String label) {
    return new Block(address(a), len, kind, label);
  }

  static IpAddress address(String text) {
    if (IpAddress.parse(text) instanceof IpAddress.Ok ok) {
      return ok.address();
    }
    throw new IllegalArgumentException(text);
  }
}
