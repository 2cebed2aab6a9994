package io.github.trailbench.core.findings;

import java.util.Locale;

/**
 * What a CloudTrail {@code sourceIPAddress} is. The log holds either an IP literal or, when an
 * AWS service made the call on the principal's behalf, a service name such as
 * {@code ec2.amazonaws.com} or {@code AWS Internal}.
 */
public enum IpClass {
  /** An AWS service name instead of an address ({@code *.amazonaws.com}, {@code AWS Internal}). */
  AWS_SERVICE,
  /** An address inside AWS's published ranges (needs an enriching classifier). */
  AWS_NETWORK,
  /** Private, loopback, link-local, carrier-grade NAT or unique-local addresses. */
  PRIVATE,
  /** A routable address not known to belong to AWS. */
  PUBLIC,
  /** Missing or not understood (neither a service name nor an IP literal). */
  UNKNOWN;

  /** Spelling in rule files: {@code awsService, awsNetwork, private, public, unknown}. */
  public String code() {
    String lower = name().toLowerCase(Locale.ROOT);
    int i = lower.indexOf('_');
    return i < 0 ? lower : lower.substring(0, i) + Character.toUpperCase(lower.charAt(i + 1)) + lower.substring(i + 2);
  }

  public static IpClass parse(String text) {
    for (IpClass c : values()) {
      if (c.code().equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown IP class '" + text
        + "' (expected awsService, awsNetwork, private, public or unknown)");
  }
}
