package io.github.trailbench.core.correlate;

/**
 * Hook for a later enrichment that knows who owns an IP address (e.g. AWS's published
 * ip-ranges.json, offline). The core only separates IP literals from AWS service names.
 */
@FunctionalInterface
public interface IpOwnership {
  enum Owner { AWS, NOT_AWS, UNKNOWN }

  /** Owner of an IP literal (never called with a service name such as {@code ec2.amazonaws.com}). */
  Owner ownerOf(String ip);

  /** Knows nothing: every IP is UNKNOWN, so nothing is flagged. */
  IpOwnership UNKNOWN = ip -> Owner.UNKNOWN;

  /** True when {@code sourceIPAddress} is an IPv4/IPv6 literal rather than a service name. */
  static boolean isIpLiteral(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
          return false;
        }
      }
      return true;
    }
    String[] p = s.split("\\.", -1);
    if (p.length != 4) {
      return false;
    }
    for (String x : p) {
      if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit) || Integer.parseInt(x) > 255) {
        return false;
      }
    }
    return true;
  }
}
