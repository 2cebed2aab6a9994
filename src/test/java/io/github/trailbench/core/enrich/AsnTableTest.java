package io.github.trailbench.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsnTableTest {
  @TempDir Path tmp;

  private static IpAddress ip(String s) {
    return SpecialRanges.address(s);
  }

  private AsnTable table(String... lines) throws IOException {
    Path csv = Files.write(tmp.resolve("t" + System.nanoTime() + ".csv"), List.of(lines));
    return AsnTable.fromCsv(List.of(csv), new AsnTable.Info("n", "l", "a", "v", null));
  }

  @Test
  void findsRangesAndGaps() throws IOException {
    AsnTable t = table(
        "0.0.0.0,0.255.255.255,1,first",
        "10.0.0.0,10.0.0.255,2,\"two, quoted\"",
        "255.255.255.0,255.255.255.255,3,last",
        "::,::ffff,4,v6 first",
        "2001:db8::,2001:db8::ffff,5,",
        "ffff:ffff:ffff:ffff::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,6,v6 last");
    assertThat(t.lookup(ip("0.0.0.0"))).isEqualTo(new AsnDatabase.AsnHit(1, "first"));
    assertThat(t.lookup(ip("0.255.255.255")).asn()).isEqualTo(1);
    assertThat(t.lookup(ip("1.0.0.0"))).isNull();
    assertThat(t.lookup(ip("10.0.0.128")).org()).isEqualTo("two, quoted");
    assertThat(t.lookup(ip("10.0.1.0"))).isNull();
    assertThat(t.lookup(ip("255.255.255.255")).asn()).isEqualTo(3);
    assertThat(t.lookup(ip("128.0.0.1"))).isNull();
    assertThat(t.lookup(ip("::1")).asn()).isEqualTo(4);
    assertThat(t.lookup(ip("2001:db8::42"))).isEqualTo(new AsnDatabase.AsnHit(5, null));
    assertThat(t.lookup(ip("2001:db8::1:0"))).isNull();
    assertThat(t.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).asn()).isEqualTo(6);
    assertThat(t.lookup(ip("8000::"))).isNull();
  }

  @Test
  void mergesAdjacentRangesOfOneAs() throws IOException {
    AsnTable t = table(
        "1.0.0.0,1.0.0.255,7,x",
        "1.0.1.0,1.0.1.255,7,x",
        "1.0.2.0,1.0.2.255,8,y",
        "2001:db8::,2001:db8:0:0:ffff:ffff:ffff:ffff,9,z",
        "2001:db8:0:1::,2001:db8:0:1:ffff:ffff:ffff:ffff,9,z");
    assertThat(t.v4Ranges()).isEqualTo(2);
    assertThat(t.v6Ranges()).isEqualTo(1);
    assertThat(t.lookup(ip("2001:db8:0:1::5")).asn()).isEqualTo(9);
  }

  @Test
  void readsNumericCsvToo() throws IOException {
    AsnTable t = table("16777216,16777471,13335,Cloudflare",
        "42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google");
    assertThat(t.lookup(ip("1.0.0.7")).asn()).isEqualTo(13335);
    assertThat(t.lookup(ip("2001:4860::1")).asn()).isEqualTo(15169);
  }

  @Test
  void roundTripsThroughTheBinaryForm() throws IOException {
    AsnTable t = table("1.0.0.0,1.0.0.255,4200000000,big asn", "2001:db8::,2001:db8::ff,5,é ünïcode");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    t.write(bytes);
    AsnTable back = AsnTable.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(back.info()).isEqualTo(t.info());
    assertThat(back.lookup(ip("1.0.0.9"))).isEqualTo(new AsnDatabase.AsnHit(4_200_000_000L, "big asn"));
    assertThat(back.lookup(ip("2001:db8::7")).org()).isEqualTo("é ünïcode");
  }

  @Test
  void rejectsBadInputWithFileAndLine() throws IOException {
    assertThatThrownBy(() -> table("1.0.0.0,1.0.0.255,13335,ok", "1.0.1.0,nonsense,1,x"))
        .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("bad range");
    assertThatThrownBy(() -> table("1.0.0.5,1.0.0.1,1,x")).hasMessageContaining("bad range");
    assertThatThrownBy(() -> table("1.0.0.0,1.0.0.1,AS1,x")).hasMessageContaining("bad ASN");
    assertThatThrownBy(() -> AsnTable.read(new ByteArrayInputStream("not a table".getBytes())))
        .hasMessageContaining("bad magic");
  }

  @Test
  void splitsQuotedCsv() {
    assertThat(AsnTable.splitCsv("a,\"b, c\",\"d \"\"e\"\"\",")).containsExactly("a", "b, c", "d \"e\"", "");
  }
}
