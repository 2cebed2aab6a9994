package io.github.trailbench.core.findings;

/**
 * Classifies a {@code sourceIPAddress}. Pluggable: the default knows AWS service names and
 * private ranges only; an enriching classifier (AWS ip-ranges.json, ASN data) can be passed in
 * {@link DetectionOptions} and usually delegates to {@link #defaults()} for what it does not
 * know. Must be thread-safe and must never do network I/O (no DNS).
 */
@FunctionalInterface
public interface IpClassifier {
  IpClass classify(String sourceIpAddress);

  /** Service names and private ranges; everything else that parses as an IP is PUBLIC. */
  static IpClassifier defaults() {
    return DefaultIpClassifier.INSTANCE;
  }
}
