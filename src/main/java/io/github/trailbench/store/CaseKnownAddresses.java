package io.github.trailbench.store;

import io.github.trailbench.core.findings.KnownAddresses;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Addresses and CIDR ranges the analyst lists as known in a case (office, CI runners), each with
 * a note. Detections over the case treat them as known places (docs/detections.md).
 */
public final class CaseKnownAddresses {
  private CaseKnownAddresses() {}

  /** A listed address or range as kept. */
  public record Listed(String range, String note, Instant addedAt) {}

  /**
   * Lists an address or range (adding it again replaces its note); returns the entry as stored.
   *
   * @throws IllegalArgumentException naming what is wrong with the address or note
   */
  public static Listed add(CaseStore store, String addressOrRange, String note) {
    KnownAddresses.Entry e = KnownAddresses.entry(addressOrRange, note);
    Instant now = Instant.now();
    Jdbc.update(store, "list known address " + e.range(),
        "MERGE INTO known_address(range_text, note, added_at) KEY(range_text) VALUES (?,?,?)", e.range(), e.note(),
        now.atOffset(ZoneOffset.UTC));
    return new Listed(e.range(), e.note(), now);
  }

  /**
   * Takes an address or range off the list; false when it was not listed. The text is normalised
   * as when adding ({@code 198.51.100.7/24} removes {@code 198.51.100.0/24}).
   */
  public static boolean remove(CaseStore store, String addressOrRange) {
    String range = KnownAddresses.entry(addressOrRange, "").range();
    return Jdbc.update(store, "remove known address " + range, "DELETE FROM known_address WHERE range_text = ?", range) > 0;
  }

  /** The listed addresses, by range text. */
  public static List<Listed> list(CaseStore store) {
    return Jdbc.list(store, "the known addresses", "SELECT range_text, note, added_at FROM known_address ORDER BY range_text",
        rs -> new Listed(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
  }

  /** The list as detections use it. */
  public static KnownAddresses of(CaseStore store) {
    return new KnownAddresses(list(store).stream().map(l -> KnownAddresses.entry(l.range(), l.note())).toList());
  }
}
