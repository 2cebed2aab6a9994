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

  /**
   * Columns an event listing can be sorted by. Text columns sort by the term's text
   * (case-insensitive), events without a value last in either direction.
   */
  public enum SortKey {
    TIME(null),
    EVENT_SOURCE(TermKind.EVENT_SOURCE),
    EVENT_NAME(TermKind.EVENT_NAME),
    REGION(TermKind.REGION),
    PRINCIPAL(TermKind.PRINCIPAL),
    ACCESS_KEY(TermKind.ACCESS_KEY),
    SESSION(TermKind.SESSION),
    SOURCE_IP(TermKind.IP),
    USER_AGENT(TermKind.USER_AGENT),
    ERROR_CODE(TermKind.ERROR_CODE),
    IDENTITY_TYPE(TermKind.IDENTITY_TYPE),
    ACCOUNT(TermKind.ACCOUNT);

    final TermKind kind;

    SortKey(TermKind kind) {
      this.kind = kind;
    }
  }

  /** A sort column and direction; ties are broken by time, then row id, both ascending. */
  public record Order(SortKey key, boolean ascending) {
    public static final Order TIME_ASCENDING = new Order(SortKey.TIME, true);
  }

  /** One histogram bucket: events in [start, start + width). */
  public record Bucket(Instant start, long count) {}

  /** One histogram bucket split by outcome: all events, those without an error, those denied. */
  /** Error codes that mean "not authorized" (wildcards), for the denied band of histograms. */
  public static final List<String> DENIED_ERROR_CODES = List.of(
      "AccessDenied*", "*UnauthorizedOperation", "*AccessDeniedException", "*NotAuthorized*", "*Forbidden*");

  public record OutcomeBucket(Instant start, long count, long succeeded, long denied) {}

  /** Events signed with one session (access key) among the matches. */
  public record SessionSpan(String session, String principal, Instant first, Instant last, long count, long failed) {}

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
    return aggregate(filter)[0];
  }

  /** Count, first and last event time of a filter, from one pass, kept until the case changes. */
  private record Aggregate(long stamp, long version, long[] values) {}

  private final java.util.Map<String, Aggregate> aggregates = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Aggregate> eldest) {
          return size() > 64;
        }
      });
  private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

  /** Forgets cached counts: the analyst's tags or the IP enrichment (which filters read) changed. */
  void changed() {
    version.incrementAndGet();
  }

  /** {count, min time, max time} of the matching events (times are Long.MIN_VALUE without matches). */
  private long[] aggregate(Expr filter) {
    FilterSql.Sql f = FilterSql.compile(filter);
    String key = f.where() + "\u0000" + f.params();
    try (Connection c = store.connection()) {
      long stamp;
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM event"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        stamp = rs.getLong(1);
      }
      long v = version.get();
      Aggregate cached = aggregates.get(key);
      if (cached != null && cached.stamp() == stamp && cached.version() == v) {
        return cached.values();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*), MIN(e.event_time), MAX(e.event_time) FROM event e WHERE " + f.where())) {
        bind(ps, f.params());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
          long min = rs.getLong(2);
          long[] values = rs.wasNull() ? new long[] {n, Long.MIN_VALUE, Long.MIN_VALUE} : new long[] {n, min, rs.getLong(3)};
          aggregates.put(key, new Aggregate(stamp, v, values));
          return values;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("count query failed: " + e.getMessage(), e);
    }
  }

  /** A page of matching events. */
  public List<EventRow> page(Expr filter, Sort sort, long offset, int limit) {
    List<EventRow> out = new ArrayList<>(Math.min(limit, 10_000));
    // few matches: let H2 find them by the filter's index and sort them, rather than walk the
    // time index (in order) past every non-matching event until the page is full
    boolean selective = !(filter instanceof Expr.All) && count(filter) <= SORT_MATCHES_BELOW;
    if (filter instanceof Expr.All) {
      scan(filter, sort, offset, limit, out::add, false);
      return out;
    }
    // ids first: H2 evaluates the select list before sorting, so sorting whole rows would look
    // up every column's term for every match; the page's rows are fetched by id afterwards
    FilterSql.Sql f = FilterSql.compile(filter);
    String order = selective ? sort.sql.replace("e.event_time", "(e.event_time + 0)") : sort.sql;
    List<Object> params = new ArrayList<>(f.params());
    params.add(limit);
    params.add(Math.max(0, offset));
    List<Long> ids = new ArrayList<>(limit);
    try (Connection c = store.connection();
        PreparedStatement ps = c.prepareStatement("SELECT e.id FROM event e WHERE " + f.where() + " ORDER BY " + order
            + " LIMIT ? OFFSET ?")) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      out.addAll(rowsById(c, ids));
    } catch (SQLException e) {
      throw new StoreException("event query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * A page of matching events in {@code order}. A text column is sorted by its term's text: the
   * sorted phase reads only row ids and sort keys; the page's rows are fetched afterwards by id.
   */
  public List<EventRow> page(Expr filter, Order order, long offset, int limit) {
    if (order.key() == SortKey.TIME) {
      return page(filter, order.ascending() ? Sort.TIME_ASC : Sort.TIME_DESC, offset, limit);
    }
    FilterSql.Sql f = FilterSql.compile(filter);
    String dir = order.ascending() ? "ASC" : "DESC";
    String sql = "SELECT e.id FROM event e LEFT JOIN term s ON s.id = e." + order.key().kind.column + " WHERE " + f.where()
        + " ORDER BY s.text_lc " + dir + " NULLS LAST, s.text " + dir + ", e.event_time ASC, e.id ASC LIMIT ? OFFSET ?";
    List<Object> params = new ArrayList<>(f.params());
    params.add(limit);
    params.add(Math.max(0, offset));
    List<Long> ids = new ArrayList<>(limit);
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return rowsById(c, ids);
    } catch (SQLException e) {
      throw new StoreException("sorted event query failed: " + e.getMessage(), e);
    }
  }

  /** The rows with these ids, in the order given. */
  private static List<EventRow> rowsById(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM event e WHERE e.id IN (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    sql.append(')');
    java.util.Map<Long, EventRow> byId = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, new ArrayList<>(ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EventRow r = row(rs);
          byId.put(r.rowId(), r);
        }
      }
    }
    List<EventRow> out = new ArrayList<>(ids.size());
    for (long id : ids) {
      EventRow r = byId.get(id);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * How many matching events come before row {@code rowId} in time order (its index in the
   * listing sorted by time ascending); empty when the row does not match the filter.
   */
  public Optional<Long> positionInTimeOrder(Expr filter, long rowId) {
    FilterSql.Sql f = FilterSql.compile(filter);
    try (Connection c = store.connection()) {
      long time;
      try (PreparedStatement ps = c.prepareStatement("SELECT e.event_time FROM event e WHERE e.id = ? AND (" + f.where() + ")")) {
        List<Object> params = new ArrayList<>();
        params.add(rowId);
        params.addAll(f.params());
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          time = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM event e WHERE (e.event_time < ? OR"
          + " (e.event_time = ? AND e.id < ?)) AND (" + f.where() + ")")) {
        List<Object> params = new ArrayList<>(List.of(time, time, rowId));
        params.addAll(f.params());
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("position query failed: " + e.getMessage(), e);
    }
  }

  /**
   * The sessions (access keys) of the matching events with their first and last use, event and
   * failure counts, earliest first. Events without a key are not counted.
   */
  public List<SessionSpan> sessionSpans(Expr filter) {
    FilterSql.Sql f = FilterSql.compile(filter);
    String sql = "SELECT st.text, pt.text, g.first, g.last, g.n, g.failed FROM (SELECT e.session AS session,"
        + " MIN(e.principal) AS principal, MIN(e.event_time) AS first, MAX(e.event_time) AS last, COUNT(*) AS n,"
        + " SUM(CASE WHEN e.error_code IS NULL THEN 0 ELSE 1 END) AS failed FROM event e WHERE e.session IS NOT NULL AND ("
        + f.where() + ") GROUP BY e.session) g JOIN term st ON st.id = g.session LEFT JOIN term pt ON pt.id = g.principal"
        + " ORDER BY g.first, st.text";
    List<SessionSpan> out = new ArrayList<>();
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, f.params());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SessionSpan(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
              Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5), rs.getLong(6)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("session query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Streams matching events to {@code sink} without holding them all (limit < 0: no limit). */
  public void scan(Expr filter, Sort sort, long offset, long limit, Consumer<EventRow> sink) {
    scan(filter, sort, offset, limit, sink, false);
  }

  /** Matching events up to which a time-ordered page sorts the matches instead of walking the time index. */
  static final long SORT_MATCHES_BELOW = 50_000;

  private void scan(Expr filter, Sort sort, long offset, long limit, Consumer<EventRow> sink, boolean sortMatches) {
    FilterSql.Sql f = FilterSql.compile(filter);
    String order = sortMatches ? sort.sql.replace("e.event_time", "(e.event_time + 0)") : sort.sql;
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM event e WHERE ")
        .append(f.where()).append(" ORDER BY ").append(order);
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

  /**
   * As {@link #histogram}, split by outcome in the same pass: per bucket all matching events,
   * those without an error code, and those whose error code matches one of
   * {@code deniedCodePatterns} (case-insensitive, {@code *} and {@code ?} wildcards). The
   * denied codes are looked up in the term dictionary first, so the pass over the events
   * compares integers only.
   */
  public List<OutcomeBucket> outcomeHistogram(Expr filter, Instant from, Instant to, Duration width,
      List<String> deniedCodePatterns) {
    long w = Math.max(1, width.toMillis());
    long f0 = from.toEpochMilli();
    long t0 = to.toEpochMilli();
    int n = (int) Math.max(0, Math.min(100_000, (t0 - f0 + w - 1) / w));
    long[] counts = new long[n];
    long[] ok = new long[n];
    long[] denied = new long[n];
    FilterSql.Sql f = FilterSql.compile(filter);
    try (Connection c = store.connection()) {
      List<Object> deniedIds = termIds(c, TermKind.ERROR_CODE, deniedCodePatterns);
      TimeOutline all = filter instanceof Expr.All ? outline(c) : null;
      if (all != null) {
        all.histogram(f0, t0, w, new java.util.HashSet<>(deniedIds), counts, ok, denied);
        List<OutcomeBucket> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(new OutcomeBucket(Instant.ofEpochMilli(f0 + i * w), counts[i], ok[i], denied[i]));
        }
        return out;
      }
      StringBuilder deniedSql = new StringBuilder();
      for (int i = 0; i < deniedIds.size(); i++) {
        deniedSql.append(i == 0 ? "?" : ",?");
      }
      String sql = "SELECT (e.event_time - ?) / ? AS b, COUNT(*), SUM(CASE WHEN e.error_code IS NULL THEN 1 ELSE 0 END), "
          + (deniedIds.isEmpty() ? "0" : "SUM(CASE WHEN e.error_code IN (" + deniedSql + ") THEN 1 ELSE 0 END)")
          // "+ 0": the window must not steer H2 to the time index; the filter's own index finds the
          // matches (a wide window over the time index reads every event in it, row by row)
          + " FROM event e WHERE e.event_time + 0 >= ? AND e.event_time + 0 < ? AND (" + f.where() + ") GROUP BY b";
      List<Object> params = new ArrayList<>(List.of(f0, w));
      params.addAll(deniedIds);
      params.addAll(List.of(f0, t0));
      params.addAll(f.params());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long b = rs.getLong(1);
            if (b >= 0 && b < n) {
              counts[(int) b] += rs.getLong(2);
              ok[(int) b] += rs.getLong(3);
              denied[(int) b] += rs.getLong(4);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("histogram query failed: " + e.getMessage(), e);
    }
    List<OutcomeBucket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new OutcomeBucket(Instant.ofEpochMilli(f0 + i * w), counts[i], ok[i], denied[i]));
    }
    return out;
  }

  /**
   * The number of events in {@code [from, to)} (either end null: unbounded), unfiltered; from
   * the in-memory time outline, so it does not read the events.
   */
  public long countBetween(Instant from, Instant to) {
    try (Connection c = store.connection()) {
      TimeOutline all = outline(c);
      if (all == null) {
        List<Expr> parts = new ArrayList<>();
        parts.add(new Expr.All());
        if (from != null) {
          parts.add(new Expr.TimeCompare(Expr.Op.GE, from, -1));
        }
        if (to != null) {
          parts.add(new Expr.TimeCompare(Expr.Op.LT, to, -1));
        }
        return count(new Expr.And(parts));
      }
      return all.count(from == null ? Long.MIN_VALUE : from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
    } catch (SQLException e) {
      throw new StoreException("count failed: " + e.getMessage(), e);
    }
  }

  /** Cases larger than this are not outlined in memory (8 bytes per event); their histograms query the events. */
  static final long OUTLINE_MAX_EVENTS = 10_000_000;

  /**
   * Every event's time and error code, sorted by time, packed as
   * {@code (time - base) << 23 | index of its error code} (0 = no error): the unfiltered
   * histogram and window counts without reading 1M rows again. Rebuilt when the case changes.
   */
  record TimeOutline(long stamp, long base, long[] packed, int[] errorTermIds) {
    private static final int CODE_BITS = 23;

    int lowerBound(long time) {
      long key = (Math.max(0, time - base)) << CODE_BITS;
      if (time < base) {
        return 0;
      }
      int i = java.util.Arrays.binarySearch(packed, key);
      if (i < 0) {
        return -i - 1;
      }
      while (i > 0 && packed[i - 1] >= key) {
        i--;
      }
      return i;
    }

    long count(long from, long to) {
      return Math.max(0, (to == Long.MAX_VALUE ? packed.length : lowerBound(to)) - lowerBound(from));
    }

    void histogram(long from, long to, long width, java.util.Set<Object> deniedTermIds, long[] counts, long[] ok, long[] denied) {
      boolean[] isDenied = new boolean[errorTermIds.length];
      for (int i = 1; i < errorTermIds.length; i++) {
        isDenied[i] = deniedTermIds.contains(errorTermIds[i]);
      }
      int mask = (1 << CODE_BITS) - 1;
      for (int i = lowerBound(from), end = lowerBound(to); i < end; i++) {
        long time = (packed[i] >>> CODE_BITS) + base;
        int b = (int) ((time - from) / width);
        if (b < 0 || b >= counts.length) {
          continue;
        }
        int code = (int) (packed[i] & mask);
        counts[b]++;
        if (code == 0) {
          ok[b]++;
        } else if (isDenied[code]) {
          denied[b]++;
        }
      }
    }
  }

  private volatile TimeOutline outline;

  private synchronized TimeOutline outline(Connection c) throws SQLException {
    long stamp;
    long events;
    long base;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(MIN(event_time), 0) FROM event");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      stamp = rs.getLong(1);
      events = rs.getLong(2);
      base = rs.getLong(3);
    }
    TimeOutline current = outline;
    if (current != null && current.stamp() == stamp) {
      return current;
    }
    if (events > OUTLINE_MAX_EVENTS) {
      return null;
    }
    long[] packed = new long[(int) events];
    java.util.Map<Integer, Integer> codeIndex = new java.util.HashMap<>();
    List<Integer> codes = new ArrayList<>(List.of(0));
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT event_time, error_code FROM event WHERE id <= ?")) {
      ps.setFetchSize(10_000);
      ps.setLong(1, stamp);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && n < packed.length) {
          long time = rs.getLong(1);
          int term = rs.getInt(2);
          int code = 0;
          if (!rs.wasNull()) {
            code = codeIndex.computeIfAbsent(term, t -> {
              codes.add(t);
              return codes.size() - 1;
            });
          }
          if (code >= (1 << TimeOutline.CODE_BITS) || time < base) {
            return null;
          }
          packed[n++] = ((time - base) << TimeOutline.CODE_BITS) | code;
        }
      }
    }
    long[] sorted = n == packed.length ? packed : java.util.Arrays.copyOf(packed, n);
    java.util.Arrays.parallelSort(sorted);
    TimeOutline built = new TimeOutline(stamp, base, sorted, codes.stream().mapToInt(Integer::intValue).toArray());
    outline = built;
    return built;
  }

  /** Ids of the terms of {@code kind} matching any of the (wildcard) patterns. */
  private static List<Object> termIds(Connection c, TermKind kind, List<String> patterns) throws SQLException {
    List<Object> ids = new ArrayList<>();
    if (patterns.isEmpty()) {
      return ids;
    }
    StringBuilder sql = new StringBuilder("SELECT t.id FROM term t WHERE t.kind = ").append(kind.code).append(" AND (");
    for (int i = 0; i < patterns.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("t.text_lc LIKE ? ESCAPE '\\'");
    }
    sql.append(") ORDER BY t.id");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < patterns.size(); i++) {
        ps.setString(i + 1, FilterSql.like(patterns.get(i), true, false, true));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
    }
    return ids;
  }

  /** First and last event time among the matches, if any match. */
  public Optional<TimeRange> timeRange(Expr filter) {
    long[] a = aggregate(filter);
    if (a[0] == 0 || a[1] == Long.MIN_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new TimeRange(Instant.ofEpochMilli(a[1]), Instant.ofEpochMilli(a[2])));
  }

  /**
   * The most frequent values of {@code field} starting with {@code prefix} (case-insensitive),
   * for autocomplete, with their event counts. Not for {@link Field#TIME}.
   *
   * <p>For term fields the candidates come from the term dictionary (its {@code (kind, text_lc)}
   * index) and are ranked by per-term event counts that are counted once per field and kept
   * until the case changes (a new highest event row id), so a keystroke never reads the events.
   */
  public List<ValueCount> distinctValues(Field field, String prefix, int limit) {
    String p = prefix == null ? "" : prefix;
    if (field == Field.READ_ONLY || field == Field.EVENT_ID) {
      return distinctEventValues(field, p, limit);
    }
    if (field == Field.COUNTRY || field == Field.ASN || field == Field.AWS) {
      return enrichmentValues(field, p, limit);
    }
    if (field == Field.TAG) {
      return CaseTags.counts(store).stream().filter(v -> v.value().toLowerCase(java.util.Locale.ROOT)
          .startsWith(p.toLowerCase(java.util.Locale.ROOT))).limit(limit).toList();
    }
    TermKind k = TermKind.of(field);
    if (k == null) {
      throw new IllegalArgumentException(field.key() + " has no distinct values");
    }
    try (Connection c = store.connection()) {
      TermCounts counts = termCounts(c, k);
      List<ValueCount> out = new ArrayList<>();
      if (p.isEmpty() && counts.byId().size() > 10_000) {
        // many terms (resources, sessions of a big case): the top by count only, ties by id
        List<Long> top = new ArrayList<>();
        for (int i = 0; i < counts.idsByCount().length && top.size() < limit; i++) {
          top.add((long) counts.idsByCount()[i]);
        }
        java.util.Map<Long, String> texts = termTexts(c, top);
        for (long id : top) {
          out.add(new ValueCount(texts.get(id), counts.byId().get((int) id)));
        }
        return out;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT t.id, t.text FROM term t WHERE t.kind = " + k.code + " AND t.text_lc LIKE ? ESCAPE '\\'")) {
        ps.setString(1, FilterSql.like(p, false, false, true) + "%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Long n = counts.byId().get(rs.getInt(1));
            if (n != null) {
              out.add(new ValueCount(rs.getString(2), n));
            }
          }
        }
      }
      out.sort(java.util.Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
      return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    } catch (SQLException e) {
      throw new StoreException("distinct values query failed: " + e.getMessage(), e);
    }
  }

  /** Events per term of one kind, as of the case's highest event row id {@code stamp}. */
  /**
   * Values of the IP-enrichment fields with their event counts: the cached per-address counts
   * summed by country, AS number or AWS ownership (no pass over the events).
   */
  private List<ValueCount> enrichmentValues(Field field, String prefix, int limit) {
    String column = field == Field.COUNTRY ? "country" : field == Field.ASN ? "CAST(asn AS VARCHAR)" : "CAST(aws_owned AS VARCHAR)";
    try (Connection c = store.connection()) {
      TermCounts counts = termCounts(c, TermKind.IP);
      java.util.Map<String, Long> sums = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT term, LOWER(" + column + ") FROM ip_info WHERE " + column + " IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String v = rs.getString(2);
          Long n = counts.byId().get(rs.getInt(1));
          if (n != null && n > 0 && v.startsWith(prefix.toLowerCase(java.util.Locale.ROOT))) {
            sums.merge(field == Field.COUNTRY ? v.toUpperCase(java.util.Locale.ROOT) : v, n, Long::sum);
          }
        }
      }
      return sums.entrySet().stream()
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
          .limit(limit).map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
    } catch (SQLException e) {
      throw new StoreException("cannot list " + field.key() + " values: " + e.getMessage(), e);
    }
  }

  private record TermCounts(long stamp, java.util.Map<Integer, Long> byId, int[] idsByCount) {}

  private final java.util.Map<TermKind, TermCounts> termCounts = new java.util.concurrent.ConcurrentHashMap<>();

  private TermCounts termCounts(Connection c, TermKind k) throws SQLException {
    long stamp;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM event"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      stamp = rs.getLong(1);
    }
    TermCounts cached = termCounts.get(k);
    if (cached != null && cached.stamp() == stamp) {
      return cached;
    }
    String sql = k.column != null
        ? "SELECT e." + k.column + ", COUNT(*) FROM event e WHERE e." + k.column + " IS NOT NULL AND e.id <= ? GROUP BY e." + k.column
        : "SELECT f.term, COUNT(*) FROM event_fact f JOIN term t ON t.id = f.term WHERE t.kind = " + k.code
            + " AND f.event_row <= ? GROUP BY f.term";
    java.util.Map<Integer, Long> byId = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, stamp);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byId.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    int[] ids = byId.entrySet().stream()
        .sorted(java.util.Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
        .mapToInt(java.util.Map.Entry::getKey).toArray();
    TermCounts fresh = new TermCounts(stamp, java.util.Collections.unmodifiableMap(byId), ids);
    termCounts.put(k, fresh);
    return fresh;
  }

  private static java.util.Map<Long, String> termTexts(Connection c, List<Long> ids) throws SQLException {
    java.util.Map<Long, String> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    StringBuilder sql = new StringBuilder("SELECT id, text FROM term WHERE id IN (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
      bind(ps, new ArrayList<>(ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private List<ValueCount> distinctEventValues(Field field, String prefix, int limit) {
    List<Object> params = new ArrayList<>();
    String sql;
    if (field == Field.READ_ONLY) {
      sql = "SELECT CAST(e.read_only AS VARCHAR), COUNT(*) AS n FROM event e WHERE e.read_only IS NOT NULL"
          + " GROUP BY e.read_only ORDER BY n DESC LIMIT ?";
    } else {
      sql = "SELECT e.event_id, COUNT(*) AS n FROM event e WHERE e.event_id LIKE ? ESCAPE '\\' GROUP BY e.event_id"
          + " ORDER BY e.event_id LIMIT ?";
      params.add(FilterSql.like(prefix, false, false, false) + "%");
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
    return Jdbc.list(store, "the import ledger",
        "SELECT id, path, sha256, size_bytes, content_bytes, format, gzip, imported_at, records_read, added,"
            + " duplicates, rejected, note FROM source_file ORDER BY id",
        rs -> new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
            rs.getString(6), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class), rs.getInt(9), rs.getInt(10),
            rs.getInt(11), rs.getInt(12), rs.getString(13)));
  }

  /** Rejected records of every imported file, in file and record order. */
  public List<LedgerReject> rejects() {
    return Jdbc.list(store, "rejected records",
        "SELECT r.file_id, f.path, r.record_index, r.position, r.reason FROM import_reject r"
            + " JOIN source_file f ON f.id = r.file_id ORDER BY r.file_id, r.record_index",
        rs -> new LedgerReject(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
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

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

}
