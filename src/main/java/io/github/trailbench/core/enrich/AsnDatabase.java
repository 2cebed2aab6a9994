package io.github.trailbench.core.enrich;

import java.io.Closeable;

/** Where ASN answers come from: the compact bundled table (or a CSV) or an MMDB file. */
sealed interface AsnDatabase extends Closeable permits AsnTable, MmdbAsnDatabase {

  /** The AS that announces the address, or null when the data has no entry for it. */
  AsnHit lookup(IpAddress address);

  /** Number of ranges or networks; -1 when the format does not say. */
  long entries();

  @Override
  default void close() {}

  /** An autonomous system number and its organisation name (may be null). */
  record AsnHit(long asn, String org) {}
}
