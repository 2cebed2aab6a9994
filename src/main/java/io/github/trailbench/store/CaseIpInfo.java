package io.github.trailbench.store;

import io.github.trailbench.core.enrich.AwsSource;
import io.github.trailbench.core.enrich.DataSource;
import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.enrich.IpKind;
import io.github.trailbench.core.enrich.TriState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The case's IP enrichment: one {@code ip_info} row per distinct {@code sourceIPAddress}, written
 * after each import (only for addresses not enriched yet) or all again with other databases.
 * Views and filters ({@code country:}, {@code asn:}, {@code aws:}) read it; nothing recomputes
 * it per view. The databases used are recorded in the case ({@link #sources}).
 */
public final class CaseIpInfo {
  static final String SOURCES_SETTING = "ip-enrichment.sources";

  private CaseIpInfo() {}

  /** What an enrichment pass did. */
  public record Run(int enriched, int distinctAddresses, long nanos, List<String> sources) {
    public Run {
      sources = List.copyOf(sources);
    }
  }

  /** Enriches the addresses that have no row yet. */
  public static Run enrichMissing(CaseStore store, IpEnricher enricher) {
    return enrich(store, () -> enricher, false);
  }

  /**
   * As {@link #enrichMissing(CaseStore, IpEnricher)}, getting the enricher (whose databases take
   * a while to load) only when some address needs it.
   */
  public static Run enrichMissing(CaseStore store, java.util.function.Supplier<IpEnricher> enricher) {
    return enrich(store, enricher, false);
  }

  /** Enriches every address again (e.g. with newer or user-supplied databases). */
  public static Run enrichAll(CaseStore store, IpEnricher enricher) {
    return enrich(store, () -> enricher, true);
  }

  private static Run enrich(CaseStore store, java.util.function.Supplier<IpEnricher> enricherSource, boolean all) {
    long t0 = System.nanoTime();
    IpEnricher enricher = null;
    List<String> sources = List.of();
    if (all) {
      enricher = enricherSource.get();
      sources = enricher.about().all().stream().map(DataSource::summary).toList();
    }
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try {
        if (all) {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ip_info");
          }
        }
        Map<Integer, String> addresses = addressesInDictionary(c);
        java.util.Set<Integer> done = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT term FROM ip_info")) {
          while (rs.next()) {
            done.add(rs.getInt(1));
          }
        }
        Map<Integer, String> todo = new LinkedHashMap<>(addresses);
        todo.keySet().removeAll(done);
        int distinct = addresses.size();
        if (enricher == null && !todo.isEmpty()) {
          enricher = enricherSource.get();
          sources = enricher.about().all().stream().map(DataSource::summary).toList();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO ip_info(term, kind, address, range_label, country, asn,"
            + " as_org, aws_owned, aws_source, aws_service, aws_region, tor, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
          int batch = 0;
          for (Map.Entry<Integer, String> e : todo.entrySet()) {
            IpInfo i = enricher.enrich(e.getValue());
            ins.setInt(1, e.getKey());
            ins.setString(2, i.kind().name());
            ins.setString(3, cap(i.address(), 64));
            ins.setString(4, cap(i.rangeLabel(), 256));
            ins.setString(5, cap(i.countryCode(), 8));
            if (i.asn() == null) {
              ins.setNull(6, Types.BIGINT);
            } else {
              ins.setLong(6, i.asn());
            }
            ins.setString(7, cap(i.asOrg(), 512));
            ins.setBoolean(8, i.awsOwned());
            ins.setString(9, i.awsSource().name());
            ins.setString(10, cap(i.awsService(), 256));
            ins.setString(11, cap(i.awsRegion(), 64));
            ins.setString(12, i.tor().name());
            ins.setString(13, cap(String.join("\n", i.notes()), 4096));
            ins.addBatch();
            if (++batch % 1000 == 0) {
              ins.executeBatch();
            }
          }
          ins.executeBatch();
        }
        if (all || !todo.isEmpty()) {
          setSetting(c, SOURCES_SETTING, String.join("\n", sources));
        }
        c.commit();
        store.queries().changed();
        return new Run(todo.size(), distinct, System.nanoTime() - t0, sources);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("IP enrichment failed: " + e.getMessage(), e);
    }
  }

  private static String cap(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  static void setSetting(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("MERGE INTO case_setting(name, setting_value) KEY(name) VALUES (?, ?)")) {
      p.setString(1, name);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  /** The data sources that enriched the case, one line each; empty before any enrichment. */
  public static List<String> sources(CaseStore store) {
    return Jdbc.list(store, "the case's enrichment sources", "SELECT setting_value FROM case_setting WHERE name = ?",
        rs -> rs.getString(1), SOURCES_SETTING).stream()
        .flatMap(v -> Arrays.stream(v.split("\n"))).filter(l -> !l.isBlank()).toList();
  }

  /** Every {@code sourceIPAddress} term of the case: id to text, in id order. */
  /**
   * The addresses from the term dictionary alone. Enrichment runs at the end of every import:
   * loading the events' columns there (and then writing the column cache) only to find the
   * addresses cost more than the enrichment.
   */
  private static Map<Integer, String> addressesInDictionary(Connection c) throws SQLException {
    Map<Integer, String> out = new java.util.TreeMap<>();
    for (Terms.Term t : Terms.readStored(c, 0)) {
      if (t.kind() == TermKind.IP.code) {
        out.put(t.id(), t.text());
      }
    }
    return out;
  }

  private static Map<Integer, String> addresses(CaseStore store) {
    EventColumns cols = store.queries().columns();
    Map<Integer, String> out = new LinkedHashMap<>();
    for (int id = 1; id < cols.termText.length; id++) {
      if (cols.termKind[id] == TermKind.IP.code && cols.termText[id] != null) {
        out.put(id, cols.termText[id]);
      }
    }
    return out;
  }

  /** The stored enrichment of one {@code sourceIPAddress} value (exact text as logged). */
  public static Optional<IpInfo> of(CaseStore store, String sourceIpAddress) {
    if (sourceIpAddress == null) {
      return Optional.empty();
    }
    return addresses(store).entrySet().stream().filter(e -> e.getValue().equals(sourceIpAddress)).findFirst()
        .flatMap(e -> Jdbc.list(store, "IP enrichment", SELECT + " WHERE i.term = ?", rs -> read(e.getValue(), rs), e.getKey())
            .stream().findFirst());
  }

  /** Every enriched address, in the order of the dictionary. */
  public static List<IpInfo> all(CaseStore store) {
    Map<Integer, String> addresses = addresses(store);
    return Jdbc.list(store, "IP enrichment", SELECT + " ORDER BY i.term",
            rs -> addresses.containsKey(rs.getInt(1)) ? read(addresses.get(rs.getInt(1)), rs) : null)
        .stream().filter(java.util.Objects::nonNull).toList();
  }

  private static final String SELECT = "SELECT i.term, i.kind, i.address, i.range_label, i.country, i.asn, i.as_org,"
      + " i.aws_owned, i.aws_source, i.aws_service, i.aws_region, i.tor, i.notes FROM ip_info i";

  private static IpInfo read(String text, ResultSet rs) throws SQLException {
    long asn = rs.getLong(6);
    Long asNumber = rs.wasNull() ? null : asn;
    String notes = rs.getString(13);
    return new IpInfo(text, IpKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), asNumber, rs.getString(7), rs.getBoolean(8), AwsSource.valueOf(rs.getString(9)),
        rs.getString(10), rs.getString(11), null, null, TriState.valueOf(rs.getString(12)),
        rs.getBoolean(8) ? TriState.YES : TriState.UNKNOWN,
        notes == null || notes.isEmpty() ? List.of() : Arrays.asList(notes.split("\n")));
  }

  /** Events per country of their source address (unknown countries under {@code ""}), most first. */
  public static Map<String, Long> eventsByCountry(CaseStore store) {
    long[] perAddress = store.queries().columns().termCounts(TermKind.IP);
    Map<String, Long> sums = new java.util.HashMap<>();
    Jdbc.list(store, "events by country", "SELECT term, COALESCE(country, '') FROM ip_info",
        rs -> Map.entry(rs.getInt(1), rs.getString(2))).forEach(e -> {
          long n = e.getKey() < perAddress.length ? perAddress[e.getKey()] : 0;
          if (n > 0) {
            sums.merge(e.getValue(), n, Long::sum);
          }
        });
    Map<String, Long> out = new LinkedHashMap<>();
    sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
