package io.github.trailbench.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {

  private static IpAddress ok(String s) {
    IpAddress.Parsed p = IpAddress.parse(s);
    assertThat(p).as(s).isInstanceOf(IpAddress.Ok.class);
    return ((IpAddress.Ok) p).address();
  }

  @ParameterizedTest
  @CsvSource({
      "8.8.8.8, 8.8.8.8",
      "0.0.0.0, 0.0.0.0",
      "255.255.255.255, 255.255.255.255",
      "' 203.0.113.7 ', 203.0.113.7",
      "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
      "2001:db8::1, 2001:db8::1",
      "::, ::",
      "::1, ::1",
      "fe80::, fe80::",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
      "2001:db8:1:1:1:1:1:1, 2001:db8:1:1:1:1:1:1",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "::ffff:192.0.2.1, ::ffff:c000:201",
      "64:ff9b::198.51.100.7, 64:ff9b::c633:6407",
      "[2001:db8::1], 2001:db8::1",
      "[2001:db8::1]:443, 2001:db8::1",
      "fe80::1%eth0, fe80::1",
  })
  void parsesAndPrintsCanonically(String in, String canonical) {
    assertThat(ok(in).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "1..2.3", "1.2.3.4.", ".1.2.3.4",
      "01.2.3.4", "1.2.3.4:80", "1.2.3.4/24", "abc", "ec2.amazonaws.com", ":::", "1:2:3:4:5:6:7:8:9",
      "1::2::3", "12345::", "g::1", "::ffff:1.2.3", "::1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4", "[::1",
      "[::1]x", ":1::", "1::2:", "１.２.３.４", "1.2.3.4 5", "\u0000", "-1.2.3.4", "0x7f.0.0.1"})
  void rejectsMalformedText(String in) {
    assertThat(IpAddress.parse(in)).as(in).isInstanceOf(IpAddress.Invalid.class);
  }

  @Test
  void leadingZeroInAnOctetIsCalledAmbiguous() {
    assertThat(((IpAddress.Invalid) IpAddress.parse("010.0.0.1")).reason()).contains("ambiguous");
  }

  @Test
  void randomTextNeverThrows() {
    Random r = new Random(12);
    String alphabet = "0123456789abcdefABCDEF:.[]%/ xg-";
    for (int i = 0; i < 100_000; i++) {
      int n = r.nextInt(45);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      IpAddress.Parsed p = IpAddress.parse(sb.toString());
      if (p instanceof IpAddress.Ok o) {
        // whatever parses must round-trip through its canonical text
        assertThat(ok(o.address().toString())).isEqualTo(o.address());
      }
    }
  }

  @Test
  void roundTripsRandomAddressesThroughTheJdk() throws Exception {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      IpAddress a = i % 2 == 0 ? IpAddress.ofV4(r.nextInt() & 0xFFFF_FFFFL) : IpAddress.ofV6(r.nextLong(), r.nextLong());
      IpAddress back = ok(a.toString());
      assertThat(back).isEqualTo(a);
      // the JDK agrees on the bytes (a literal, so no name lookup)
      assertThat(java.net.InetAddress.getByName(a.toString()).getAddress()).isEqualTo(a.toBytes());
    }
  }

  @Test
  void unwrapsMappedAndNat64Addresses() {
    assertThat(ok("::ffff:8.8.8.8").mappedV4()).isEqualTo(ok("8.8.8.8"));
    assertThat(ok("64:ff9b::8.8.8.8").nat64V4()).isEqualTo(ok("8.8.8.8"));
    assertThat(ok("2001:db8::1").mappedV4()).isNull();
    assertThat(ok("8.8.8.8").nat64V4()).isNull();
  }

  @Test
  void prefixMembershipAndMasking() {
    assertThat(ok("10.1.2.3").in(ok("10.0.0.0"), 8)).isTrue();
    assertThat(ok("11.1.2.3").in(ok("10.0.0.0"), 8)).isFalse();
    assertThat(ok("1.2.3.4").in(ok("0.0.0.0"), 0)).isTrue();
    assertThat(ok("2001:db8::1").in(ok("2001:db8::"), 32)).isTrue();
    assertThat(ok("2001:db9::1").in(ok("2001:db8::"), 32)).isFalse();
    assertThat(ok("2001:db8::1:2").in(ok("2001:db8::1:0"), 112)).isTrue();
    assertThat(ok("2001:db8::1").in(ok("10.0.0.0"), 8)).isFalse();
    assertThat(ok("3.5.141.7").masked(22)).isEqualTo(ok("3.5.140.0"));
    assertThat(ok("2600:1f18:1234::1").masked(33)).isEqualTo(ok("2600:1f18::"));
    assertThat(ok("2600:1f18:abcd::1").masked(33)).isEqualTo(ok("2600:1f18:8000::"));
    assertThat(ok("2001:db8::ffff").masked(120)).isEqualTo(ok("2001:db8::ff00"));
  }
}
