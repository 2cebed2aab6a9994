package io.github.trailbench.core.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * ASN answers from an MMDB file in the GeoLite2-ASN layout
 * ({@code autonomous_system_number}, {@code autonomous_system_organization}) or the
 * shorter {@code asn} / {@code as_name} / {@code as_org} names some free databases use.
 */
final class MmdbAsnDatabase implements AsnDatabase {
  private final Mmdb mmdb;

  MmdbAsnDatabase(Mmdb mmdb) {
    this.mmdb = mmdb;
  }

  Mmdb mmdb() {
    return mmdb;
  }

  @Override
  public AsnHit lookup(IpAddress address) {
    Map<String, Object> rec;
    try {
      rec = mmdb.get(address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rec == null) {
      return null;
    }
    Long asn = Mmdb.number(rec, "autonomous_system_number");
    if (asn == null) {
      asn = Mmdb.number(rec, "asn");
    }
    if (asn == null) {
      return null;
    }
    String org = Mmdb.string(rec, "autonomous_system_organization");
    if (org == null) {
      org = Mmdb.string(rec, "as_name");
    }
    if (org == null) {
      org = Mmdb.string(rec, "as_org");
    }
    return new AsnHit(asn, org);
  }

  @Override
  public long entries() {
    return -1;
  }

  @Override
  public void close() {
    try {
      mmdb.close();
    } catch (IOException e) {
      // closing a read-only file: nothing to recover
    }
  }
}
