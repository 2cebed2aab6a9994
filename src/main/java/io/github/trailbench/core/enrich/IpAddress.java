package io.github.trailbench.core.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as numbers, parsed without ever resolving a name (the JDK's
 * {@code InetAddress.getByName} would do a DNS lookup for anything that is not a literal).
 *
 * <p>IPv4 addresses keep their 32 bits in the low half of {@code lo} and {@code hi == 0};
 * IPv6 addresses keep their 128 bits in {@code hi} (first 64) and {@code lo} (last 64).
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

  /** Result of {@link #parse}: either an address or the reason the text is not one. */
  public sealed interface Parsed permits Ok, Invalid {}

  /** A parsed address; {@code note} says what was adjusted (brackets, zone id), or null. */
  public record Ok(IpAddress address, String note) implements Parsed {}

  /** Text that is not an IP address literal, and why. */
  public record Invalid(String reason) implements Parsed {}

  public static IpAddress ofV4(long bits) {
    return new IpAddress(false, 0L, bits & 0xFFFF_FFFFL);
  }

  public static IpAddress ofV6(long hi, long lo) {
    return new IpAddress(true, hi, lo);
  }

  /** The 32 bits of an IPv4 address, as a non-negative long. */
  public long v4Bits() {
    return lo;
  }

  /** Parses an IPv4 dotted quad or an IPv6 literal (RFC 4291 text forms), never throwing. */
  public static Parsed parse(String text) {
    if (text == null) {
      return new Invalid("no address");
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return new Invalid("empty address");
    }
    String note = null;
    if (s.indexOf(':') < 0) {
      long v4 = parseV4(s, 0, s.length());
      if (v4 < 0) {
        return new Invalid(v4 == -2
            ? "IPv4 octet with leading zero is ambiguous (octal or decimal)"
            : "not an IPv4 or IPv6 address");
      }
      return new Ok(ofV4(v4), null);
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return new Invalid("unbalanced '[' in IPv6 address");
      }
      String rest = s.substring(close + 1);
      if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) {
        return new Invalid("unexpected text after ']'");
      }
      note = rest.isEmpty() ? "brackets removed" : "brackets and port " + rest.substring(1) + " removed";
      s = s.substring(1, close);
    }
    int pct = s.indexOf('%');
    if (pct >= 0) {
      note = (note == null ? "" : note + "; ") + "zone id " + s.substring(pct) + " removed";
      s = s.substring(0, pct);
    }
    long[] bits = parseV6(s);
    if (bits == null) {
      return new Invalid("not an IPv4 or IPv6 address");
    }
    return new Ok(ofV6(bits[0], bits[1]), note);
  }

  /** Returns the address bits, -1 when malformed, -2 for a leading zero. */
  private static long parseV4(String s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || octet > 255) {
        return -1;
      }
      if (len > 1 && s.charAt(start) == '0') {
        return -2;
      }
      value = (value << 8) | octet;
      parts++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return -1;
      }
      i++;
    }
    return parts == 4 ? value : -1;
  }

  private static long[] parseV6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    int[] groups = new int[8];
    int count;
    if (dbl < 0) {
      count = parseGroups(s, 0, s.length(), groups, 0, true);
      if (count != 8) {
        return null;
      }
    } else {
      int[] head = new int[8];
      int[] tail = new int[8];
      int nh = dbl == 0 ? 0 : parseGroups(s, 0, dbl, head, 0, false);
      int nt = dbl + 2 == s.length() ? 0 : parseGroups(s, dbl + 2, s.length(), tail, 0, true);
      if (nh < 0 || nt < 0 || nh + nt > 7) {
        return null;
      }
      System.arraycopy(head, 0, groups, 0, nh);
      System.arraycopy(tail, 0, groups, 8 - nt, nt);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | groups[g];
      lo = (lo << 16) | groups[g + 4];
    }
    return new long[] {hi, lo};
  }

  /** Parses colon-separated groups into out; returns the number of 16-bit groups or -1. */
  private static int parseGroups(String s, int from, int to, int[] out, int n, boolean allowV4Tail) {
    if (from >= to) {
      return -1;
    }
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) != ':') {
        int d = Character.digit(s.charAt(i), 16);
        if (d < 0) {
          break;
        }
        value = (value << 4) | d;
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        if (!allowV4Tail || n > 6) {
          return -1;
        }
        long v4 = parseV4(s, start, to);
        if (v4 < 0) {
          return -1;
        }
        out[n++] = (int) (v4 >>> 16);
        out[n++] = (int) (v4 & 0xFFFF);
        return n;
      }
      int len = i - start;
      if (len == 0 || len > 4 || n == 8) {
        return -1;
      }
      out[n++] = value;
      if (i == to) {
        return n;
      }
      if (s.charAt(i) != ':') {
        return -1;
      }
      i++;
      if (i == to) {
        return -1;
      }
    }
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), or null. */
  public IpAddress mappedV4() {
    if (v6 && hi == 0 && (lo >>> 32) == 0xFFFFL) {
      return ofV4(lo & 0xFFFF_FFFFL);
    }
    return null;
  }

  /** The IPv4 address inside a well-known-prefix NAT64 address (64:ff9b::/96, RFC 6052), or null. */
  public IpAddress nat64V4() {
    if (v6 && hi == 0x0064_FF9B_0000_0000L && (lo >>> 32) == 0) {
      return ofV4(lo & 0xFFFF_FFFFL);
    }
    return null;
  }

  /** True if this address lies in {@code network/prefixLength} of the same family. */
  public boolean in(IpAddress network, int prefixLength) {
    if (v6 != network.v6) {
      return false;
    }
    if (!v6) {
      long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
      return (lo & mask) == (network.lo & mask);
    }
    if (prefixLength <= 64) {
      long mask = prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
      return (hi & mask) == (network.hi & mask);
    }
    long mask = -1L << (128 - prefixLength);
    return hi == network.hi && (lo & mask) == (network.lo & mask);
  }

  /** This address with all bits after {@code prefixLength} cleared. */
  public IpAddress masked(int prefixLength) {
    if (!v6) {
      long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
      return ofV4(lo & mask);
    }
    if (prefixLength <= 64) {
      long mask = prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
      return ofV6(hi & mask, 0);
    }
    return ofV6(hi, lo & (-1L << (128 - prefixLength)));
  }

  /** Bytes in network order: 4 for IPv4, 16 for IPv6. */
  public byte[] toBytes() {
    if (!v6) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[i + 8] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /** The JDK form of this address; never touches the network. */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("impossible: address of length 4 or 16", e);
    }
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
  @Override
  public String toString() {
    if (!v6) {
      return (lo >>> 24) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }
}
