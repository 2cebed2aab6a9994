package io.github.trailbench.core.enrich;

/** Why Trailbench says an address belongs to AWS. */
public enum AwsSource {
  /** Not shown to be AWS's (which is not proof that it is not). */
  NONE,
  /** The ASN database says an Amazon AS announces the address ({@link AmazonAsns}). */
  ASN,
  /** The user-supplied {@code ip-ranges.json} lists the address (with service and region). */
  IP_RANGES,
  /** The value is an AWS service name ({@code *.amazonaws.com}, {@code AWS Internal}), not an IP. */
  SERVICE_NAME
}
