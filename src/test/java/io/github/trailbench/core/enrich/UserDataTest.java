package io.github.trailbench.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the user points Trailbench at: ip-ranges.json, newer databases, Tor lists, and missing ones. */
class UserDataTest {
  @TempDir Path tmp;

  private Path fixture(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  private Path bundledResource(String resource, String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = IpEnricher.class.getResourceAsStream(IpEnricher.RESOURCE_DIR + resource)) {
      Files.copy(in, p);
    }
    return p;
  }

  // ---------------------------------------------------------------- ip-ranges.json

  @Test
  void ipRangesGiveServiceAndRegionOverTheAsnVerdict() throws IOException {
    try (IpEnricher e = IpEnricher.open(Optional.empty(), Optional.empty(), Optional.of(fixture("ip-ranges.json")))) {
      IpInfo route53 = e.enrich("52.95.110.1");
      assertThat(route53.awsOwned()).isTrue();
      assertThat(route53.awsSource()).isEqualTo(AwsSource.IP_RANGES);
      assertThat(route53.awsService()).isEqualTo("ROUTE53");
      assertThat(route53.awsRegion()).isEqualTo("us-east-1");
      assertThat(route53.awsNetworkBorderGroup()).isEqualTo("us-east-1");
      assertThat(route53.awsPrefix()).isEqualTo("52.95.110.0/24");
      assertThat(route53.asn()).isEqualTo(16509L);
      assertThat(route53.notes()).containsExactly("ip-ranges.json lists 52.95.110.0/24 for ROUTE53, AMAZON");

      // the longest prefix wins: 3.5.140.0/22 (S3) inside 3.5.0.0/16 (AMAZON, GLOBAL)
      IpInfo s3 = e.enrich("3.5.141.9");
      assertThat(s3.awsService()).isEqualTo("S3");
      assertThat(s3.awsRegion()).isEqualTo("ap-northeast-2");
      IpInfo global = e.enrich("3.5.1.1");
      assertThat(global.awsService()).isEqualTo("AMAZON");
      assertThat(global.awsRegion()).isEqualTo("GLOBAL");
      // region and border group are those of the most specific service's entry
      IpInfo cf = e.enrich("52.46.1.1");
      assertThat(cf.awsService()).isEqualTo("CLOUDFRONT");
      assertThat(cf.awsRegion()).isEqualTo("us-east-1");
      assertThat(cf.awsNetworkBorderGroup()).isEqualTo("us-east-1");

      IpInfo v6 = e.enrich("2600:1f18:1234::5");
      assertThat(v6.awsSource()).isEqualTo(AwsSource.IP_RANGES);
      assertThat(v6.awsService()).isEqualTo("EC2");
      assertThat(v6.awsRegion()).isEqualTo("us-east-1");
      assertThat(v6.awsPrefix()).isEqualTo("2600:1f18::/33");
      IpInfo dublin = e.enrich("2a05:d018:abc::1");
      assertThat(dublin.awsRegion()).isEqualTo("eu-west-1");
      assertThat(dublin.countryCode()).isEqualTo("IE");
    }
  }

  @Test
  void anAmazonAsnOutsideTheSuppliedRangesStaysAwsOwnedWithANote() throws IOException {
    try (IpEnricher e = IpEnricher.open(Optional.empty(), Optional.empty(), Optional.of(fixture("ip-ranges.json")))) {
      IpInfo info = e.enrich("54.239.28.85");
      assertThat(info.awsOwned()).isTrue();
      assertThat(info.awsSource()).isEqualTo(AwsSource.ASN);
      assertThat(info.awsService()).isNull();
      assertThat(info.notes()).singleElement().asString()
          .contains("AS16509 is Amazon's", "syncToken 1700000000", "does not list");
      IpInfo google = e.enrich("8.8.8.8");
      assertThat(google.awsOwned()).isFalse();
      assertThat(google.notes()).isEmpty();
      // a documentation block stays reserved whatever a file says about it
      assertThat(e.enrich("198.51.100.7").kind()).isEqualTo(IpKind.RESERVED);
    }
  }

  @Test
  void ipRangesProvenanceIsReported() throws IOException {
    try (IpEnricher e = IpEnricher.builder().ipRanges(fixture("ip-ranges.json")).build()) {
      DataSource s = e.about().awsIpRanges();
      assertThat(s.status()).isEqualTo(DataSource.Status.LOADED);
      assertThat(s.version()).isEqualTo("1700000000");
      assertThat(s.date()).isEqualTo(LocalDate.of(2026, 11, 1));
      assertThat(s.entries()).isEqualTo(12);
      assertThat(s.location()).endsWith("ip-ranges.json");
    }
  }

  @Test
  void aBrokenIpRangesFileIsReportedNotThrown() throws IOException {
    try (IpEnricher e = IpEnricher.builder().ipRanges(fixture("ip-ranges-bad.json")).build()) {
      DataSource s = e.about().awsIpRanges();
      assertThat(s.status()).isEqualTo(DataSource.Status.UNREADABLE);
      assertThat(s.note()).contains("prefixes[0]", "52.95.110.0/99");
      // ASN-based ownership still works
      assertThat(e.enrich("52.95.110.1").awsSource()).isEqualTo(AwsSource.ASN);
    }
    Path notJson = Files.writeString(tmp.resolve("x.json"), "{\"prefixes\": [");
    assertThat(IpEnricher.builder().ipRanges(notJson).build().about().awsIpRanges().note()).contains("not JSON");
    Path other = Files.writeString(tmp.resolve("y.json"), "{\"hello\": 1}");
    assertThat(IpEnricher.builder().ipRanges(other).build().about().awsIpRanges().note())
        .contains("not an AWS ip-ranges.json");
  }

  // ---------------------------------------------------------------- missing databases

  @Test
  void missingDatabasesLeaveAnswersUnknownWithAClearNote() {
    Path nowhere = tmp.resolve("does-not-exist.mmdb");
    Path nothing = tmp.resolve("no-asn.csv");
    Path noRanges = tmp.resolve("ip-ranges.json");
    try (IpEnricher e = IpEnricher.open(Optional.of(nowhere), Optional.of(nothing), Optional.of(noRanges))) {
      IpInfo info = e.enrich("8.8.8.8");
      assertThat(info.kind()).isEqualTo(IpKind.PUBLIC_IP);
      assertThat(info.countryCode()).isNull();
      assertThat(info.asn()).isNull();
      assertThat(info.asOrg()).isNull();
      assertThat(info.awsOwned()).isFalse();
      assertThat(info.notes()).containsExactly(
          "country unknown: country database not found: " + nowhere + " (file not found)",
          "ASN unknown: ASN database not found: " + nothing + " (file not found)");
      assertThat(e.about().country().status()).isEqualTo(DataSource.Status.MISSING);
      assertThat(e.about().asn().status()).isEqualTo(DataSource.Status.MISSING);
      assertThat(e.about().awsIpRanges().status()).isEqualTo(DataSource.Status.MISSING);
      assertThat(e.about().country().summary()).isEqualTo("country: missing (file not found)");
      // classification needs no database
      assertThat(e.enrich("10.1.1.1").kind()).isEqualTo(IpKind.PRIVATE);
      assertThat(e.enrich("ec2.amazonaws.com").kind()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    }
  }

  @Test
  void noDatabasesAtAll() {
    try (IpEnricher e = IpEnricher.builder().withoutCountryDb().withoutAsnDb().build()) {
      IpInfo info = e.enrich("2001:4860:4860::8888");
      assertThat(info.countryCode()).isNull();
      assertThat(info.asn()).isNull();
      assertThat(info.notes()).containsExactly(
          "country unknown: no country database configured", "ASN unknown: no ASN database configured");
      assertThat(e.about().country().status()).isEqualTo(DataSource.Status.NOT_CONFIGURED);
    }
  }

  @Test
  void aCorruptDatabaseIsUnreadableNotFatal() throws IOException {
    Path junk = Files.write(tmp.resolve("junk.mmdb"), new byte[] {1, 2, 3, 4});
    try (IpEnricher e = IpEnricher.builder().countryDb(junk).asnDb(junk).build()) {
      assertThat(e.about().country().status()).isEqualTo(DataSource.Status.UNREADABLE);
      assertThat(e.about().asn().status()).isEqualTo(DataSource.Status.UNREADABLE);
      assertThat(e.enrich("8.8.8.8").notes()).allMatch(n -> n.contains("unreadable: " + junk));
    }
  }

  // ---------------------------------------------------------------- newer databases

  @Test
  void aUserSuppliedCountryMmdbIsUsedWithItsBuildDate() throws IOException {
    Path mmdb = bundledResource("country.mmdb", "newer-country.mmdb");
    try (IpEnricher e = IpEnricher.builder().countryDb(mmdb).withoutAsnDb().build()) {
      DataSource s = e.about().country();
      assertThat(s.status()).isEqualTo(DataSource.Status.LOADED);
      assertThat(s.location()).isEqualTo(mmdb.toString());
      assertThat(s.date()).isEqualTo(LocalDate.of(2026, 6, 17));
      assertThat(s.licence()).isNull();
      assertThat(s.note()).contains("licence as stated by its publisher");
      assertThat(e.enrich("1.1.1.1").countryCode()).isEqualTo("AU");
    }
  }

  @Test
  void aUserSuppliedAsnCsvIsRead() throws IOException {
    try (IpEnricher e = IpEnricher.builder().asnDb(fixture("asn-small.csv")).build()) {
      assertThat(e.about().asn().status()).isEqualTo(DataSource.Status.LOADED);
      assertThat(e.about().asn().entries()).isEqualTo(7); // 8.8.8.0/24 and 8.8.9.0/24 merged
      IpInfo g = e.enrich("8.8.9.200");
      assertThat(g.asn()).isEqualTo(15169L);
      assertThat(g.asOrg()).isEqualTo("Google LLC");
      assertThat(e.enrich("77.0.0.1").asOrg()).isEqualTo("Quote \"Test\" Networks");
      assertThat(e.enrich("2a05:d018::1").awsSource()).isEqualTo(AwsSource.ASN);
      IpInfo unknown = e.enrich("9.9.9.9");
      assertThat(unknown.asn()).isNull();
      assertThat(unknown.notes()).containsExactly("ASN unknown: the address is not in the ASN database");
    }
  }

  @Test
  void aFolderWithIpLocationDbCsvsIsRead() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("asn"));
    Files.copy(fixture("asn-small.csv"), dir.resolve("asn-ipv4.csv"));
    try (IpEnricher e = IpEnricher.builder().asnDb(dir).build()) {
      assertThat(e.enrich("1.0.0.1").asn()).isEqualTo(13335L);
    }
  }

  @Test
  void aBuiltTableIsReadBackWithItsProvenance() throws IOException {
    Path table = tmp.resolve("asn.tbasn");
    int rc = AsnTableTool.run(new String[] {"--out", table.toString(), "--name", "test ASN", "--licence", "CC0-1.0",
        "--version", "v1", "--date", "2026-01-02", fixture("asn-small.csv").toString()},
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err);
    assertThat(rc).isZero();
    try (IpEnricher e = IpEnricher.builder().asnDb(table).build()) {
      DataSource s = e.about().asn();
      assertThat(s.name()).isEqualTo("test ASN");
      assertThat(s.licence()).isEqualTo("CC0-1.0");
      assertThat(s.version()).isEqualTo("v1");
      assertThat(s.date()).isEqualTo(LocalDate.of(2026, 1, 2));
      assertThat(e.enrich("2001:4860::1").asn()).isEqualTo(15169L);
    }
  }

  @Test
  void anMmdbWithoutAsnFieldsGivesUnknownAsns() throws IOException {
    Path mmdb = bundledResource("country.mmdb", "not-asn.mmdb");
    try (IpEnricher e = IpEnricher.builder().asnDb(mmdb).build()) {
      assertThat(e.about().asn().status()).isEqualTo(DataSource.Status.LOADED);
      IpInfo info = e.enrich("8.8.8.8");
      assertThat(info.asn()).isNull();
      assertThat(info.notes()).containsExactly("ASN unknown: the address is not in the ASN database");
    }
  }

  // ---------------------------------------------------------------- Tor

  @Test
  void torIsUnknownWithoutAListAndAnsweredWithOne() throws IOException {
    assertThat(IpEnricher.bundled().enrich("185.220.101.1").tor()).isEqualTo(TriState.UNKNOWN);
    try (IpEnricher e = IpEnricher.builder().torExitList(fixture("tor-exits.txt")).build()) {
      assertThat(e.enrich("185.220.101.1").tor()).isEqualTo(TriState.YES);
      assertThat(e.enrich("185.220.101.2").tor()).isEqualTo(TriState.YES);
      assertThat(e.enrich("2a0b:f4c2:0::1").tor()).isEqualTo(TriState.YES);
      assertThat(e.enrich("8.8.8.8").tor()).isEqualTo(TriState.NO);
      assertThat(e.about().torExits().entries()).isEqualTo(3);
    }
  }
}
