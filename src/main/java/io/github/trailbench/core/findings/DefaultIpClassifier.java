package io.github.trailbench.core.findings;

import java.util.Locale;

/** See {@link IpClassifier#defaults()}. Parses literals by hand: never resolves names. */
final class DefaultIpClassifier implements IpClassifier {
  static final DefaultIpClassifier INSTANCE = new DefaultIpClassifier();

  private DefaultIpClassifier() {}

  @Override
  public IpClass classify(String ip) {
    if (ip == null || ip.isBlank()) {
      return IpClass.UNKNOWN;
    }
    String s = ip.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (io.github.trailbench.core.enrich.IpEnricher.awsInternal(s) || lower.endsWith(".amazonaws.com")
        || lower.endsWith(".amazonaws.com.cn")) {
      return IpClass.AWS_SERVICE;
    }
    int[] v4 = parseIpv4(s);
    if (v4 != null) {
      return classifyV4(v4);
    }
    int[] v6 = parseIpv6(lower);
    if (v6 != null) {
      return classifyV6(v6);
    }
    return IpClass.UNKNOWN;
  }

  private static IpClass classifyV4(int[] a) {
    int x = a[0];
    int y = a[1];
    boolean priv = x == 10
        || (x == 172 && y >= 16 && y <= 31)
        || (x == 192 && y == 168)
        || x == 127
        || (x == 169 && y == 254)
        || (x == 100 && y >= 64 && y <= 127) // RFC 6598 shared address space
        || x == 0;
    return priv ? IpClass.PRIVATE : IpClass.PUBLIC;
  }

  private static IpClass classifyV6(int[] h) {
    boolean allZeroPrefix = true;
    for (int i = 0; i < 7; i++) {
      allZeroPrefix &= h[i] == 0;
    }
    if (allZeroPrefix && (h[7] == 1 || h[7] == 0)) {
      return IpClass.PRIVATE; // ::1 loopback, :: unspecified
    }
    if (h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0 && h[4] == 0 && h[5] == 0xffff) {
      return classifyV4(new int[] {h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff});
    }
    if ((h[0] & 0xfe00) == 0xfc00 || (h[0] & 0xffc0) == 0xfe80) {
      return IpClass.PRIVATE; // unique local fc00::/7, link-local fe80::/10
    }
    return IpClass.PUBLIC;
  }

  static int[] parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      out[i] = v;
    }
    return out;
  }

  /** Eight 16-bit groups, or null. Accepts "::" compression and an embedded IPv4 tail. */
  static int[] parseIpv6(String s) {
    if (s.indexOf(':') < 0) {
      return null;
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(headGroups, 0, out, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, out, 8 - tailGroups.length, tailGroups.length);
    return out;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] items = part.split(":", -1);
    int n = items.length;
    boolean v4Tail = items[n - 1].indexOf('.') >= 0;
    int[] out = new int[v4Tail ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String g = items[i];
      if (i == n - 1 && v4Tail) {
        int[] v4 = parseIpv4(g);
        if (v4 == null) {
          return null;
        }
        out[i] = (v4[0] << 8) | v4[1];
        out[i + 1] = (v4[2] << 8) | v4[3];
        continue;
      }
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < g.length(); j++) {
        int d = Character.digit(g.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }
}
