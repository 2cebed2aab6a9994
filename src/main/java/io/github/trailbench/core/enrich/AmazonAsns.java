package io.github.trailbench.core.enrich;

import java.util.Set;

/**
 * Autonomous systems operated by Amazon / AWS. Taken from the organisation names in the
 * bundled ASN data (every AS whose organisation is an Amazon entity: "Amazon.com, Inc.",
 * "Amazon Data Services …", "Amazon Technologies Inc.", "Amazon.com Tech Telecom",
 * "Amazon Connection Technology Services (Beijing)"); re-check when the data is refreshed
 * ({@code tools/ipdata/refresh.sh} prints the candidates).
 */
public final class AmazonAsns {
  private static final Set<Long> ASNS = Set.of(
      16509L, 14618L, 8987L, 9059L, 7224L, 801L, 21664L, 36263L, 38895L, 62785L,
      135630L, 214101L, 400098L, 401395L);

  private AmazonAsns() {}

  public static boolean isAmazon(long asn) {
    return ASNS.contains(asn);
  }

  public static Set<Long> all() {
    return ASNS;
  }
}
