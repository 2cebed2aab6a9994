package io.github.trailbench.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialRangesTest {
  private final IpEnricher enricher = IpEnricher.bundled();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10.0.0.1          | PRIVATE  | RFC 1918",
      "172.16.5.4        | PRIVATE  | RFC 1918",
      "172.31.255.255    | PRIVATE  | RFC 1918",
      "192.168.1.1       | PRIVATE  | RFC 1918",
      "100.64.0.1        | PRIVATE  | RFC 6598",
      "100.127.255.254   | PRIVATE  | RFC 6598",
      "fd12:3456::1      | PRIVATE  | RFC 4193",
      "fc00::1           | PRIVATE  | RFC 4193",
      "127.0.0.1         | RESERVED | loopback",
      "::1               | RESERVED | loopback",
      "169.254.169.254   | RESERVED | link-local",
      "fe80::1           | RESERVED | link-local",
      "192.0.2.1         | RESERVED | TEST-NET-1",
      "198.51.100.7      | RESERVED | TEST-NET-2",
      "203.0.113.7       | RESERVED | TEST-NET-3",
      "2001:db8::7       | RESERVED | documentation 2001:db8::/32",
      "3fff::1           | RESERVED | documentation 3fff::/20",
      "0.1.2.3           | RESERVED | this network",
      "224.0.0.251       | RESERVED | multicast",
      "ff02::1           | RESERVED | multicast",
      "240.0.0.1         | RESERVED | future use",
      "255.255.255.255   | RESERVED | broadcast",
      "198.18.0.1        | RESERVED | benchmarking",
      "::                | RESERVED | unspecified",
      "4000::1           | RESERVED | global unicast",
      "::ffff:10.0.0.1   | PRIVATE  | RFC 1918",
      "64:ff9b::192.168.0.1 | PRIVATE | RFC 1918",
  })
  void classifiesPrivateAndReservedBlocksWithoutLookingThemUp(String ip, IpKind kind, String labelPart) {
    IpInfo info = enricher.enrich(ip);
    assertThat(info.kind()).as(ip).isEqualTo(kind);
    assertThat(info.rangeLabel()).contains(labelPart);
    // a database entry for such an address would be wrong, so none is given
    assertThat(info.countryCode()).isNull();
    assertThat(info.asn()).isNull();
    assertThat(info.awsOwned()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"172.32.0.1", "100.128.0.1", "11.0.0.1", "192.169.0.1", "2001:db9::1", "169.255.0.1"})
  void neighboursOfSpecialBlocksArePublic(String ip) {
    assertThat(enricher.enrich(ip).kind()).as(ip).isEqualTo(IpKind.PUBLIC_IP);
  }

  @Test
  void everyBlockIsItsOwnMostSpecificMatch() {
    for (SpecialRanges.Block b : SpecialRanges.blocks()) {
      SpecialRanges.Match m = SpecialRanges.classify(b.network());
      assertThat(m).as(b.cidr()).isNotNull();
      assertThat(m.label()).as(b.cidr()).isEqualTo(b.label());
      assertThat(b.network().masked(b.prefixLength())).as(b.cidr()).isEqualTo(b.network());
    }
  }
}
