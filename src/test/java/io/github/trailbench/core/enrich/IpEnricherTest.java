package io.github.trailbench.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled data (ip-location-db, 2026-06-17). The pinned answers are those of the
 * shipped data for long-lived, well-known addresses; a data refresh that changes one of
 * them needs a look, not a blind update.
 */
class IpEnricherTest {
  private final IpEnricher enricher = IpEnricher.bundled();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "8.8.8.8                 | US | 15169 | Google LLC",
      "1.1.1.1                 | AU | 13335 | Cloudflare, Inc.",
      "9.9.9.9                 | US | 19281 | Quad9",
      "2001:4860:4860::8888    | US | 15169 | Google LLC",
      "2606:4700:4700::1111    | US | 13335 | Cloudflare, Inc.",
  })
  void knownPublicAddressesGetCountryAndAsnFromTheBundledData(String ip, String cc, long asn, String org) {
    IpInfo info = enricher.enrich(ip);
    assertThat(info.kind()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(info.address()).isEqualTo(ip);
    assertThat(info.countryCode()).isEqualTo(cc);
    assertThat(info.asn()).isEqualTo(asn);
    assertThat(info.asOrg()).isEqualTo(org);
    assertThat(info.asLabel()).isEqualTo("AS" + asn + " " + org);
    assertThat(info.awsOwned()).isFalse();
    assertThat(info.awsSource()).isEqualTo(AwsSource.NONE);
    assertThat(info.hosting()).isEqualTo(TriState.UNKNOWN);
    assertThat(info.tor()).isEqualTo(TriState.UNKNOWN);
    assertThat(info.notes()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "52.95.110.1     | US | 16509",
      "54.239.28.85    | US | 16509",
      "3.5.140.2       | KR | 16509",
      "2600:1f18::1    | US | 14618",
      "2a05:d018::1    | IE | 16509",
  })
  void amazonAsnsMakeAnAddressAwsOwned(String ip, String cc, long asn) {
    IpInfo info = enricher.enrich(ip);
    assertThat(info.kind()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(info.countryCode()).isEqualTo(cc);
    assertThat(info.asn()).isEqualTo(asn);
    assertThat(info.asOrg()).isEqualTo("Amazon.com, Inc.");
    assertThat(info.awsOwned()).isTrue();
    assertThat(info.awsSource()).isEqualTo(AwsSource.ASN);
    assertThat(info.awsService()).isNull();
    assertThat(info.awsRegion()).isNull();
    assertThat(info.hosting()).isEqualTo(TriState.YES);
  }

  @Test
  void theIssuesAmazonAsnsAreKnown() {
    assertThat(AmazonAsns.all()).contains(16509L, 14618L, 8987L);
    assertThat(AmazonAsns.isAmazon(15169)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec2.amazonaws.com", "cloudtrail.amazonaws.com", "ssm.us-east-1.amazonaws.com",
      "EC2.AMAZONAWS.COM", "s3.cn-north-1.amazonaws.com.cn"})
  void awsServiceNamesAreNotAddresses(String value) {
    IpInfo info = enricher.enrich(value);
    assertThat(info.kind()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(info.input()).isEqualTo(value);
    assertThat(info.address()).isNull();
    assertThat(info.awsOwned()).isTrue();
    assertThat(info.awsSource()).isEqualTo(AwsSource.SERVICE_NAME);
    assertThat(info.awsService()).isEqualTo(value.toLowerCase());
    assertThat(info.countryCode()).isNull();
    assertThat(info.notes()).singleElement().asString().contains("on the caller's behalf");
  }

  @Test
  void awsInternalIsAServiceName() {
    IpInfo info = enricher.enrich("AWS Internal");
    assertThat(info.kind()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(info.awsService()).isEqualTo("AWS Internal");
    assertThat(info.awsSource()).isEqualTo(AwsSource.SERVICE_NAME);
    assertThat(info.notes()).singleElement().asString().contains("AWS Internal");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "not an ip", "1.2.3", "300.1.1.1", "1.2.3.4:80", "::g", "1::2::3",
      "evil.amazonaws.com.example.org", "amazonaws.com.evil", "-", "<script>", "010.1.1.1"})
  void malformedInputIsInvalidWithANoteAndNeverThrows(String value) {
    IpInfo info = enricher.enrich(value);
    assertThat(info.kind()).isEqualTo(IpKind.INVALID);
    assertThat(info.input()).isEqualTo(value);
    assertThat(info.address()).isNull();
    assertThat(info.awsOwned()).isFalse();
    assertThat(info.notes()).singleElement().asString().startsWith("not enriched: ");
  }

  @Test
  void aHugeValueIsInvalidQuickly() {
    IpInfo info = enricher.enrich("a".repeat(1_000_000));
    assertThat(info.kind()).isEqualTo(IpKind.INVALID);
    assertThat(info.notes()).singleElement().asString().contains("too long");
  }

  @Test
  void anIpInfoSurvivesAJsonRoundTripForTheStore() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String v : List.of("52.95.110.1", "10.0.0.1", "AWS Internal", "nonsense")) {
      IpInfo info = enricher.enrich(v);
      String text = json.writeValueAsString(info);
      assertThat(json.readValue(text, IpInfo.class)).isEqualTo(info);
    }
    assertThat(json.writeValueAsString(enricher.enrich("8.8.8.8")))
        .contains("\"countryCode\":\"US\"", "\"asn\":15169", "\"kind\":\"PUBLIC_IP\"");
  }

  @Test
  void hostNamesAreNotResolved() {
    IpInfo info = enricher.enrich("www.example.com");
    assertThat(info.kind()).isEqualTo(IpKind.INVALID);
    assertThat(info.notes()).singleElement().asString().contains("resolves no names");
  }

  @Test
  void ipv6FormsAreNormalisedAndIpv4MappedAddressesLookedUpAsIpv4() {
    IpInfo v6 = enricher.enrich("2001:4860:4860:0000:0000:0000:0000:8888");
    assertThat(v6.address()).isEqualTo("2001:4860:4860::8888");
    assertThat(v6.asn()).isEqualTo(15169L);

    IpInfo mapped = enricher.enrich("::ffff:8.8.8.8");
    assertThat(mapped.kind()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(mapped.address()).isEqualTo("8.8.8.8");
    assertThat(mapped.countryCode()).isEqualTo("US");
    assertThat(mapped.notes()).singleElement().asString().contains("IPv4-mapped");

    IpInfo bracketed = enricher.enrich("[2606:4700:4700::1111]");
    assertThat(bracketed.asn()).isEqualTo(13335L);
    assertThat(bracketed.notes()).containsExactly("brackets removed");
  }

  @Test
  void aboutNamesEachDatabaseWithLicenceAndDate() {
    DataSources about = enricher.about();
    DataSource country = about.country();
    assertThat(country.status()).isEqualTo(DataSource.Status.LOADED);
    assertThat(country.name()).contains("ip-location-db geo-whois-asn-country");
    assertThat(country.licence()).startsWith("CC0-1.0");
    assertThat(country.date()).isEqualTo(LocalDate.of(2026, 6, 17));
    assertThat(country.version()).isEqualTo("@ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719");
    assertThat(country.location()).isEqualTo("bundled");

    DataSource asn = about.asn();
    assertThat(asn.status()).isEqualTo(DataSource.Status.LOADED);
    assertThat(asn.licence()).isEqualTo("CC-BY-4.0");
    assertThat(asn.attribution()).contains("RouteViews", "DB-IP", "NRO");
    assertThat(asn.date()).isEqualTo(LocalDate.of(2026, 6, 17));
    assertThat(asn.entries()).isGreaterThan(400_000);

    assertThat(about.awsIpRanges().status()).isEqualTo(DataSource.Status.NOT_CONFIGURED);
    assertThat(about.torExits().status()).isEqualTo(DataSource.Status.NOT_CONFIGURED);
    assertThat(about.all()).hasSize(4);
    assertThat(country.summary()).contains("CC0-1.0", "2026-06-17");
    assertThat(IpEnricher.bundledLicenceText()).contains("db-ip.com", "routeviews.org", "nro.net", "CC0-1.0");
  }

  @Test
  void bundledIsOneSharedInstance() {
    assertThat(IpEnricher.bundled()).isSameAs(IpEnricher.bundled());
  }

  @Test
  void enrichAllVisitsEachDistinctValueOnceInFirstSeenOrder() {
    Map<String, IpInfo> all = enricher.enrichAll(List.of("8.8.8.8", "10.0.0.1", "8.8.8.8", "AWS Internal", "x"));
    assertThat(all.keySet()).containsExactly("8.8.8.8", "10.0.0.1", "AWS Internal", "x");
    assertThat(all.values()).extracting(IpInfo::kind)
        .containsExactly(IpKind.PUBLIC_IP, IpKind.PRIVATE, IpKind.AWS_SERVICE_NAME, IpKind.INVALID);
  }

  @Test
  void concurrentLookupsAgreeWithSequentialOnes() throws Exception {
    List<String> ips = new ArrayList<>();
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 4000; i++) {
      ips.add(i % 3 == 0
          ? IpAddress.ofV6(0x2000_0000_0000_0000L | (r.nextLong() >>> 4), r.nextLong()).toString()
          : IpAddress.ofV4(r.nextInt() & 0xFFFF_FFFFL).toString());
    }
    Map<String, IpInfo> expected = enricher.enrichAll(ips);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> ips.stream().allMatch(ip -> enricher.enrich(ip).equals(expected.get(ip)))));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
