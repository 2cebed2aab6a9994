package io.github.trailbench.core.enrich;

import java.util.List;

/**
 * What Trailbench knows about one {@code sourceIPAddress} value. Nullable fields are null
 * when unknown; {@link #notes()} says why (no database, address not in it, …).
 *
 * @param input the value exactly as given
 * @param kind what the value is
 * @param address canonical address text (dotted quad or RFC 5952 IPv6; an IPv4-mapped or
 *     NAT64 address is given as its IPv4 address); null unless an address was parsed
 * @param rangeLabel for {@link IpKind#PRIVATE} and {@link IpKind#RESERVED}: the block and
 *     its RFC, e.g. {@code private-use 10.0.0.0/8 (RFC 1918)}; else null
 * @param countryCode ISO 3166-1 alpha-2 code as the country database says, or null
 * @param asn autonomous system number as the ASN database says, or null
 * @param asOrg organisation of that AS, or null
 * @param awsOwned whether the value is shown to be AWS's (see {@code awsSource})
 * @param awsSource why {@code awsOwned}: {@link AwsSource#NONE} when it is false
 * @param awsService for {@link AwsSource#IP_RANGES}: the most specific service of the
 *     prefix (e.g. {@code EC2}); for {@link AwsSource#SERVICE_NAME}: the service name
 *     (e.g. {@code ec2.amazonaws.com}, {@code AWS Internal}); else null
 * @param awsRegion for {@link AwsSource#IP_RANGES}: the prefix's region (e.g.
 *     {@code us-east-1}, {@code GLOBAL}); else null
 * @param awsNetworkBorderGroup for {@link AwsSource#IP_RANGES}; else null
 * @param awsPrefix for {@link AwsSource#IP_RANGES}: the matching prefix in CIDR form; else null
 * @param tor whether a user-supplied Tor exit list names the address; UNKNOWN without one
 * @param hosting YES for AWS-owned addresses; UNKNOWN otherwise (no hosting data ships)
 * @param notes human-readable remarks, in the order they arose; never null
 */
public record IpInfo(
    String input,
    IpKind kind,
    String address,
    String rangeLabel,
    String countryCode,
    Long asn,
    String asOrg,
    boolean awsOwned,
    AwsSource awsSource,
    String awsService,
    String awsRegion,
    String awsNetworkBorderGroup,
    String awsPrefix,
    TriState tor,
    TriState hosting,
    List<String> notes) {

  public IpInfo {
    notes = notes == null ? List.of() : List.copyOf(notes);
    awsSource = awsSource == null ? AwsSource.NONE : awsSource;
    tor = tor == null ? TriState.UNKNOWN : tor;
    hosting = hosting == null ? TriState.UNKNOWN : hosting;
  }

  /** {@code AS16509 Amazon.com, Inc.}, {@code AS16509}, or null. */
  public String asLabel() {
    if (asn == null) {
      return null;
    }
    return asOrg == null ? "AS" + asn : "AS" + asn + " " + asOrg;
  }
}
