package io.github.trailbench.core.enrich;

/** What a CloudTrail {@code sourceIPAddress} value is. */
public enum IpKind {
  /** A globally routable IPv4 or IPv6 address: country, ASN and AWS ownership apply. */
  PUBLIC_IP,
  /**
   * Not an address but an AWS service that made the call on the caller's behalf, e.g.
   * {@code ec2.amazonaws.com}, or {@code AWS Internal}.
   */
  AWS_SERVICE_NAME,
  /** Private-use space of some network: RFC 1918, CGNAT (RFC 6598), IPv6 unique local. */
  PRIVATE,
  /** Special-purpose space: loopback, link-local, documentation, multicast, unassigned, … */
  RESERVED,
  /** Neither an IP address nor an AWS service name; the notes say why. */
  INVALID
}
