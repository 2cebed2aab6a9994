package io.github.trailbench.store;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Read-side API of a case: what the timeline, the CLI and reports ask. Thread-safe. */
public final class EventQueries {
  /** Sort orders of event listings. */
  public enum Sort {
    TIME_ASC("e.event_time ASC, e.id ASC"),
    TIME_DESC("e.event_time DESC, e.id DESC");

    final String sql;

    Sort(String sql) {
      this.sql = sql;
    }
  }

  /** One histogram bucket: events in [start, start + width). */
  public record Bucket(Instant start, long count) {}

  /** A distinct value of a field and how many events have it. */
  public record ValueCount(String value, long count) {}

  /** Earliest and latest event time among the matches. */
  public record TimeRange(Instant first, Instant last) {}

  private static String t(TermKind k) {
    return "(SELECT t.text FROM term t WHERE t.id = e." + k.column + ")";
  }

  private static String facts(TermKind k) {
    return "ARRAY(SELECT t.text FROM event_fact f JOIN term t ON t.id = f.term WHERE f.event_row = e.id AND t.kind = "
        + k.code + " ORDER BY t.text)";
  }

  private static final String COLUMNS =
      "e.id, e.event_id, COALESCE(" + t(TermKind.ACCOUNT) + ", ''), e.event_time, " + t(TermKind.EVENT_SOURCE) + ", "
          + t(TermKind.EVENT_NAME) + ", " + t(TermKind.REGION) + ", " + t(TermKind.PRINCIPAL) + ", "
          + t(TermKind.ACCESS_KEY) + ", " + t(TermKind.SESSION) + ", " + t(TermKind.IP) + ", " + t(TermKind.USER_AGENT)
          + ", " + t(TermKind.ERROR_CODE) + ", e.read_only, " + t(TermKind.IDENTITY_TYPE) + ", " + t(TermKind.EVENT_TYPE)
          + ", " + facts(TermKind.ACTION) + ", " + facts(TermKind.RESOURCE);

  private final CaseStore store;

  EventQueries(CaseStore store) {
    this.store = store;
  }

  /** Number of events matching {@code filter}. */
  public long count(Expr filter) {
    FilterSql.Sql f = FilterSql.compile(filter);
    return queryLong("SELECT COUNT(*) FROM event e WHERE " + f.where(), f.params());
  }

  /** A page of matching events. */
  public List<EventRow> page(Expr filter, Sort sort, long offset, int limit) {
    List<EventRow> out = new ArrayList<>(Math.min(limit, 10_000));
    scan(filter, sort, offset, limit, out::add);
    return out;
  }

  /** Streams matching events to {@code sink} without holding them all (limit < 0: no limit). */
  public void scan(Expr filter, Sort sort, long offset, long limit, Consumer<EventRow> sink) {
    FilterSql.Sql f = FilterSql.compile(filter);
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM event e WHERE ")
        .append(f.where()).append(" ORDER BY ").append(sort.sql);
    List<Object> params = new ArrayList<>(f.params());
    if (limit >= 0) {
      sql.append(" LIMIT ?");
      params.add(limit);
    }
    if (offset > 0) {
      sql.append(" OFFSET ?");
      params.add(offset);
    }
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setFetchSize(1000);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(row(rs));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("event query failed: " + e.getMessage(), e);
    }
  }

  private static EventRow row(ResultSet rs) throws SQLException {
    boolean ro = rs.getBoolean(14);
    Boolean readOnly = rs.wasNull() ? null : ro;
    return new EventRow(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getString(12), rs.getString(13), readOnly, rs.getString(15), rs.getString(16),
        strings(rs.getArray(17)), strings(rs.getArray(18)));
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    Object[] o = (Object[]) a.getArray();
    List<String> out = new ArrayList<>(o.length);
    for (Object x : o) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  /**
   * Counts of matching events per time bucket over [from, to); buckets with no events are
   * included (count 0) so a chart can draw them directly.
   */
  public List<Bucket> histogram(Expr filter, Instant from, Instant to, Duration width) {
    long w = Math.max(1, width.toMillis());
    long f0 = from.toEpochMilli();
    long t0 = to.toEpochMilli();
    int n = (int) Math.max(0, Math.min(100_000, (t0 - f0 + w - 1) / w));
    long[] counts = new long[n];
    FilterSql.Sql f = FilterSql.compile(filter);
    String sql = "SELECT (e.event_time - ?) / ? AS b, COUNT(*) FROM event e WHERE e.event_time >= ? AND e.event_time < ? AND ("
        + f.where() + ") GROUP BY b";
    List<Object> params = new ArrayList<>(List.of(f0, w, f0, t0));
    params.addAll(f.params());
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long b = rs.getLong(1);
          if (b >= 0 && b < n) {
            counts[(int) b] += rs.getLong(2);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("histogram query failed: " + e.getMessage(), e);
    }
    List<Bucket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Bucket(Instant.ofEpochMilli(f0 + i * w), counts[i]));
    }
    return out;
  }

  /** First and last event time among the matches, if any match. */
  public Optional<TimeRange> timeRange(Expr filter) {
    FilterSql.Sql f = FilterSql.compile(filter);
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement("SELECT MIN(e.event_time), MAX(e.event_time) FROM event e WHERE " + f.where())) {
      bind(ps, f.params());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long a = rs.getLong(1);
        if (rs.wasNull()) {
          return Optional.empty();
        }
        return Optional.of(new TimeRange(Instant.ofEpochMilli(a), Instant.ofEpochMilli(rs.getLong(2))));
      }
    } catch (SQLException e) {
      throw new StoreException("time range query failed: " + e.getMessage(), e);
    }
  }

  /**
   * The most frequent values of {@code field} starting with {@code prefix} (case-insensitive),
   * for autocomplete, with their event counts. Not for {@link Field#TIME}.
   */
  public List<ValueCount> distinctValues(Field field, String prefix, int limit) {
    List<Object> params = new ArrayList<>();
    String sql;
    if (field == Field.READ_ONLY) {
      sql = "SELECT CAST(e.read_only AS VARCHAR), COUNT(*) AS n FROM event e WHERE e.read_only IS NOT NULL"
          + " GROUP BY e.read_only ORDER BY n DESC LIMIT ?";
    } else if (field == Field.EVENT_ID) {
      sql = "SELECT e.event_id, COUNT(*) AS n FROM event e WHERE e.event_id LIKE ? ESCAPE '\\' GROUP BY e.event_id"
          + " ORDER BY e.event_id LIMIT ?";
      params.add(FilterSql.like(prefix == null ? "" : prefix, false, false, false) + "%");
    } else {
      TermKind k = TermKind.of(field);
      if (k == null) {
        throw new IllegalArgumentException(field.key() + " has no distinct values");
      }
      String counted = k.column != null
          ? "(SELECT COUNT(*) FROM event e WHERE e." + k.column + " = t.id)"
          : "(SELECT COUNT(*) FROM event_fact f WHERE f.term = t.id)";
      sql = "SELECT t.text, " + counted + " AS n FROM term t WHERE t.kind = " + k.code
          + " AND t.text_lc LIKE ? ESCAPE '\\' ORDER BY n DESC, t.text LIMIT ?";
      params.add(FilterSql.like(prefix == null ? "" : prefix, false, false, true) + "%");
    }
    params.add(limit);
    List<ValueCount> out = new ArrayList<>();
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ValueCount(rs.getString(1), rs.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("distinct values query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The import ledger, oldest first. */
  public List<LedgerEntry> ledger() {
    List<LedgerEntry> out = new ArrayList<>();
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, path, sha256, size_bytes, content_bytes, format, gzip, imported_at, records_read, added,"
                + " duplicates, rejected, note FROM source_file ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
            rs.getString(6), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class), rs.getInt(9), rs.getInt(10),
            rs.getInt(11), rs.getInt(12), rs.getString(13)));
      }
    } catch (SQLException e) {
      throw new StoreException("ledger query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Rejected records of every imported file, in file and record order. */
  public List<LedgerReject> rejects() {
    List<LedgerReject> out = new ArrayList<>();
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT r.file_id, f.path, r.record_index, r.position, r.reason FROM import_reject r"
                + " JOIN source_file f ON f.id = r.file_id ORDER BY r.file_id, r.record_index");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new LedgerReject(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new StoreException("reject query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** IAM inputs kept in the case, oldest first. */
  public List<IamSource> iamSources() {
    List<IamSource> out = new ArrayList<>();
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT i.file_id, f.path, i.kind, i.content FROM iam_source i JOIN source_file f ON f.id = i.file_id ORDER BY i.file_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new IamSource(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
      }
    } catch (SQLException e) {
      throw new StoreException("IAM source query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The event with row id {@code rowId}. */
  public Optional<EventRow> event(long rowId) {
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM event e WHERE e.id = ?")) {
      ps.setLong(1, rowId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("event query failed: " + e.getMessage(), e);
    }
  }

  /** Row ids of the events with this eventID (one per recipient account). */
  public List<Long> rowIdsByEventId(String eventId) {
    List<Long> out = new ArrayList<>();
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM event WHERE event_id = ? ORDER BY account")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("event query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The record exactly as it was read, for the event with this eventID (first account if several). */
  public Optional<String> rawJsonByEventId(String eventId) {
    List<Long> ids = rowIdsByEventId(eventId);
    return ids.isEmpty() ? Optional.empty() : rawJson(ids.get(0));
  }

  /** The record exactly as it was read (a byte-identical slice of its source file). */
  public Optional<String> rawJson(long rowId) {
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT e.raw_json, e.raw_offset, e.raw_length, f.content, f.gzip FROM event e"
                + " JOIN source_file f ON f.id = e.file_id WHERE e.id = ?")) {
      ps.setLong(1, rowId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String inline = rs.getString(1);
        if (inline != null) {
          return Optional.of(inline);
        }
        long off = rs.getLong(2);
        int len = rs.getInt(3);
        Blob blob = rs.getBlob(4);
        if (blob == null) {
          throw new StoreException("event " + rowId + " points into a file whose content was not kept");
        }
        try (InputStream raw = blob.getBinaryStream();
            InputStream in = rs.getBoolean(5) ? new GZIPInputStream(raw, 64 * 1024) : raw) {
          in.skipNBytes(off);
          byte[] b = in.readNBytes(len);
          if (b.length != len) {
            throw new StoreException("event " + rowId + ": stored file content is shorter than expected");
          }
          return Optional.of(new String(b, StandardCharsets.UTF_8));
        }
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("raw JSON query failed: " + e.getMessage(), e);
    }
  }

  private long queryLong(String sql, List<Object> params) {
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("query failed: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

}
