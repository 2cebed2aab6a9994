package io.github.trailbench.core.enrich;

import java.util.List;

/** The databases behind an {@link IpEnricher}: for the About box and the case record. */
public record DataSources(DataSource country, DataSource asn, DataSource awsIpRanges, DataSource torExits) {

  public List<DataSource> all() {
    return List.of(country, asn, awsIpRanges, torExits);
  }
}
