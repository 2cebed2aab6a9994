package io.github.trailbench.core.findings;

import io.github.trailbench.core.enrich.IpInfo;
import java.util.function.Function;

/**
 * Classifies a {@code sourceIPAddress}. Pluggable: the default knows AWS service names and
 * private ranges only; an enriching classifier (AWS ip-ranges.json, ASN data) can be passed in
 * {@link DetectionOptions} and usually delegates to {@link #defaults()} for what it does not
 * know. Must be thread-safe and must never do network I/O (no DNS).
 */
@FunctionalInterface
public interface IpClassifier {
  IpClass classify(String sourceIpAddress);

  /**
   * Country, network owner and AWS ownership of the address, when this classifier has them
   * (the {@code sourceCountry}, {@code sourceAsn}, {@code sourceAsOrg} and {@code sourceAws}
   * fields of rules read them); null when unknown.
   */
  default IpInfo info(String sourceIpAddress) {
    return null;
  }

  /** The analyst's known-address entry holding the address, or null (see {@link KnownAddresses}). */
  default KnownAddresses.Entry known(String sourceIpAddress) {
    return null;
  }

  /** This classifier, answering {@link #known} from {@code known}. */
  default IpClassifier withKnown(KnownAddresses known) {
    IpClassifier base = this;
    return new IpClassifier() {
      @Override
      public IpClass classify(String ip) {
        return base.classify(ip);
      }

      @Override
      public IpInfo info(String ip) {
        return base.info(ip);
      }

      @Override
      public KnownAddresses.Entry known(String ip) {
        return known.match(ip);
      }
    };
  }

  /**
   * A classifier over enrichment already computed (a case's stored {@code ip_info}): AWS-owned
   * public addresses become {@link IpClass#AWS_NETWORK}; what the lookup does not know falls
   * back to {@link #defaults()}.
   */
  static IpClassifier enriched(Function<String, IpInfo> lookup) {
    return new IpClassifier() {
      @Override
      public IpClass classify(String ip) {
        IpInfo i = ip == null ? null : lookup.apply(ip);
        if (i == null) {
          return defaults().classify(ip);
        }
        switch (i.kind()) {
          case AWS_SERVICE_NAME:
            return IpClass.AWS_SERVICE;
          case PUBLIC_IP:
            return i.awsOwned() ? IpClass.AWS_NETWORK : IpClass.PUBLIC;
          case INVALID:
            return IpClass.UNKNOWN;
          default:
            return defaults().classify(ip);
        }
      }

      @Override
      public IpInfo info(String ip) {
        return ip == null ? null : lookup.apply(ip);
      }
    };
  }

  /** Service names and private ranges; everything else that parses as an IP is PUBLIC. */
  static IpClassifier defaults() {
    return DefaultIpClassifier.INSTANCE;
  }
}
