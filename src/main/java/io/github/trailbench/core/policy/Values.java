package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.ConditionOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/** Typed value parsing for condition operators: numbers, dates, IP ranges, booleans, binary. */
final class Values {
  private Values() {}

  /** A reason the policy value is invalid for the operator, or null when it is fine. */
  static String validate(ConditionOperator op, String value) {
    if (value.contains("${")) {
      return null; // resolved at evaluation time
    }
    switch (op.family()) {
      case NUMERIC:
        return number(value) == null ? "'" + value + "' is not a number (" + op.json() + ")" : null;
      case DATE:
        return date(value) == null ? "'" + value + "' is not an ISO 8601 date or epoch seconds (" + op.json() + ")" : null;
      case IP:
        return Cidr.parse(value) == null ? "'" + value + "' is not an IPv4/IPv6 address or CIDR (" + op.json() + ")" : null;
      case BOOL:
      case NULL:
        return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)
            ? null
            : "'" + value + "' is not true or false (" + op.json() + ")";
      case BINARY:
        return binary(value) == null ? "'" + value + "' is not base64 (" + op.json() + ")" : null;
      default:
        return null;
    }
  }

  static BigDecimal number(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ISO 8601 date/date-time (offset optional, UTC assumed) or epoch seconds; null if neither. */
  static Instant date(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return null;
    }
    if (t.matches("-?\\d+(\\.\\d+)?")) {
      BigDecimal secs = new BigDecimal(t);
      return Instant.ofEpochMilli(secs.movePointRight(3).longValue());
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static byte[] binary(String s) {
    try {
      return Base64.getDecoder().decode(s.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean binaryEquals(String a, String b) {
    byte[] x = binary(a);
    byte[] y = binary(b);
    return x != null && y != null && Arrays.equals(x, y);
  }

  /** An IPv4 or IPv6 network: address bytes plus prefix length. */
  record Cidr(byte[] address, int prefix) {
    static Cidr parse(String s) {
      String t = s.trim();
      int slash = t.indexOf('/');
      String addr = slash < 0 ? t : t.substring(0, slash);
      byte[] bytes = addressBytes(addr);
      if (bytes == null) {
        return null;
      }
      int max = bytes.length * 8;
      int prefix = max;
      if (slash >= 0) {
        String p = t.substring(slash + 1);
        if (!p.matches("\\d{1,3}")) {
          return null;
        }
        prefix = Integer.parseInt(p);
        if (prefix > max) {
          return null;
        }
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(byte[] ip) {
      if (ip.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != address[i]) {
          return false;
        }
      }
      int rem = prefix % 8;
      if (rem == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rem)) & 0xFF;
      return (ip[full] & mask) == (address[full] & mask);
    }
  }

  /** Bytes of a literal IPv4 / IPv6 address, parsed without any name lookup; null if invalid. */
  static byte[] addressBytes(String s) {
    if (s.indexOf(':') >= 0) {
      return ipv6(s);
    }
    return ipv4(s);
  }

  private static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("\\d{1,3}")) {
        return null;
      }
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] ipv6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    // embedded IPv4 tail
    byte[] v4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.') > lastColon) {
      v4 = ipv4(s.substring(lastColon + 1));
      if (v4 == null) {
        return null;
      }
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String[] head;
    String[] tail;
    if (dbl >= 0) {
      String h = s.substring(0, dbl);
      String t = s.substring(dbl + 2);
      head = h.isEmpty() ? new String[0] : h.split(":", -1);
      tail = t.isEmpty() ? new String[0] : t.split(":", -1);
      if (head.length + tail.length > 7) {
        return null;
      }
    } else {
      head = s.split(":", -1);
      tail = new String[0];
      if (head.length != 8) {
        return null;
      }
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      Integer g = hexGroup(head[i]);
      if (g == null) {
        return null;
      }
      groups[i] = g;
    }
    for (int i = 0; i < tail.length; i++) {
      Integer g = hexGroup(tail[i]);
      if (g == null) {
        return null;
      }
      groups[8 - tail.length + i] = g;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    if (v4 != null) {
      System.arraycopy(v4, 0, out, 12, 4);
    }
    return out;
  }

  private static Integer hexGroup(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return null;
    }
    int v = 0;
    for (int i = 0; i < g.length(); i++) {
      int d = Character.digit(g.charAt(i), 16);
      if (d < 0) {
        return null;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
