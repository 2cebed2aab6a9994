package io.github.trailbench.store;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * Read-side API of a case: what the timeline, the CLI and reports ask. Thread-safe. Filters,
 * counts, histograms and sorting run over the in-memory {@link EventColumns}; raw records and
 * the ledger are read from the store.
 */
public final class EventQueries {
  /** Sort orders of event listings. */
  public enum Sort {
    TIME_ASC,
    TIME_DESC
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

  /** Error codes that mean "not authorized" (wildcards), for the denied band of histograms. */
  public static final List<String> DENIED_ERROR_CODES = io.github.trailbench.core.correlate.Explainer.DENIED_CODE_PATTERNS;

  /** One histogram bucket split by outcome: all events, those without an error, those denied. */
  public record OutcomeBucket(Instant start, long count, long succeeded, long denied) {}

  /** Events signed with one session (access key) among the matches. */
  public record SessionSpan(String session, String principal, Instant first, Instant last, long count, long failed) {}

  /** A distinct value of a field and how many events have it. */
  public record ValueCount(String value, long count) {}

  /** How many of the case's events record one call with one eventType (null where a record has none). */
  public record CallCount(String eventSource, String eventName, String eventType, long count) {}

  /** The case's events counted by call and eventType, from the in-memory columns (no raw record read). */
  public List<CallCount> callCounts() {
    EventColumns cols = columns();
    List<CallCount> out = new java.util.ArrayList<>();
    cols.callCounts().forEach((call, n) -> out.add(new CallCount(
        cols.text(call.eventSource()), cols.text(call.eventName()), cols.text(call.eventType()), n)));
    return out;
  }

  /** Earliest and latest event time among the matches. */
  public record TimeRange(Instant first, Instant last) {}

  private final CaseStore store;
  private volatile EventColumns columns = EventColumns.EMPTY;

  EventQueries(CaseStore store) {
    this.store = store;
  }

  /** The in-memory columns, with whatever was committed since they were last read. */
  EventColumns columns() {
    try (Connection c = store.connection()) {
      return columns(c);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's events: " + e.getMessage(), e);
    }
  }

  private synchronized EventColumns columns(Connection c) throws SQLException {
    if (!cacheTried) {
      cacheTried = true;
      EventColumns cached = ColumnCache.read(store.directory(), fingerprint(c, Long.MAX_VALUE, -1));
      if (cached != null) {
        columns = cached;
        loadedFromCache = true;
      }
    }
    EventColumns before = columns;
    EventColumns fresh = before.refresh(c, store::connection);
    columns = fresh;
    if (fresh != before && fresh.size >= cacheMinEvents) {
      ColumnCache.Fingerprint fp = fingerprint(c, fresh.lastBlock, fresh.termText.length);
      // on the store's background writer, which closing the store waits for: a command that exits
      // while the cache is half written would leave its temporary file in the case directory
      store.writeInBackground(() -> ColumnCache.write(store.directory(), fresh, fp));
    }
    return fresh;
  }

  /** Cases from this many events on keep a copy of their columns in the case directory. */
  static long cacheMinEvents = 100_000;
  private boolean cacheTried;
  /** Whether the columns were read from the column cache (tests). */
  volatile boolean loadedFromCache;
  /** Waits until a column cache being written is written (tests). */
  void awaitCacheWrite() {
    store.awaitBackgroundWrites();
  }

  /**
   * What the blocks up to {@code lastBlock} (all when MAX_VALUE) and the dictionary hold;
   * {@code termsLength} -1: as the database says.
   */
  private static ColumnCache.Fingerprint fingerprint(Connection c, long lastBlock, int termsLength) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(row_count), 0),"
        + " (SELECT COALESCE(MAX(first_term + term_count), 1) FROM term_chunk) FROM event_block WHERE id <= ?")) {
      ps.setLong(1, lastBlock);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new ColumnCache.Fingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3),
            termsLength >= 0 ? termsLength : rs.getInt(4));
      }
    }
  }

  private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
  /** What filters read besides the columns, as of a version of the analyst's data. */
  private record VersionedContext(long version, FilterEval.Context context) {}

  private volatile VersionedContext context;

  /**
   * The case setting present when every event of the case was imported by a version that keeps
   * {@code userIdentity.onBehalfOf} (set by the first import into an empty case): without it, a
   * filter on that field could miss events, so it is refused.
   */
  static final String ON_BEHALF_OF_KEPT = "events.onBehalfOf";

  /** Forgets cached matches: the analyst's tags or the IP enrichment (which filters read) changed. */
  void changed() {
    version.incrementAndGet();
  }

  /** The matches of one filter in time order, kept until the case or the analyst's data changes. */
  private record Matches(EventColumns cols, long version, int[] inTimeOrder) {
    int size() {
      return inTimeOrder.length;
    }
  }

  private final java.util.Map<Expr, Matches> matches = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Expr, Matches> eldest) {
          return size() > 16;
        }
      });

  private Matches matches(Expr filter) {
    EventColumns cols = columns();
    long v = version.get();
    Matches cached = matches.get(filter);
    if (cached != null && cached.cols() == cols && cached.version() == v) {
      return cached;
    }
    int[] order;
    if (filter instanceof Expr.All) {
      order = cols.byTime;
    } else {
      java.util.BitSet hit = new FilterEval(cols, () -> context(v), () -> store.verdicts().get(done -> {})).eval(filter);
      order = new int[hit.cardinality()];
      int k = 0;
      for (int i : cols.byTime) {
        if (hit.get(i)) {
          order[k++] = i;
        }
      }
    }
    Matches m = new Matches(cols, v, order);
    matches.put(filter, m);
    return m;
  }

  private FilterEval.Context context(long v) {
    VersionedContext cached = context;
    if (cached != null && cached.version() == v) {
      return cached.context();
    }
    java.util.Map<Integer, FilterEval.IpFacts> ip = new java.util.HashMap<>();
    Jdbc.list(store, "IP enrichment", "SELECT term, country, asn, as_org, aws_owned FROM ip_info", rs -> {
      long asn = rs.getLong(3);
      Long asNumber = rs.wasNull() ? null : asn;
      return java.util.Map.entry(rs.getInt(1), new FilterEval.IpFacts(rs.getString(2), asNumber, rs.getString(4), rs.getBoolean(5)));
    }).forEach(e -> ip.put(e.getKey(), e.getValue()));
    java.util.Map<Long, java.util.Set<String>> tags = new java.util.HashMap<>();
    Jdbc.list(store, "event tags", "SELECT event_row, LOWER(tag) FROM event_tag", rs -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new java.util.HashSet<>()).add(e.getValue()));
    boolean onBehalfOfKept = !Jdbc.list(store, "the case's settings", "SELECT name FROM case_setting WHERE name = ?",
        rs -> rs.getString(1), ON_BEHALF_OF_KEPT).isEmpty();
    FilterEval.Context ctx = new FilterEval.Context(ip, tags, onBehalfOfKept);
    context = new VersionedContext(v, ctx);
    return ctx;
  }

  /** Number of events matching {@code filter}. */
  public long count(Expr filter) {
    return matches(filter).size();
  }

  /** A page of matching events. */
  public List<EventRow> page(Expr filter, Sort sort, long offset, int limit) {
    List<EventRow> out = new ArrayList<>(Math.min(Math.max(limit, 0), 10_000));
    scan(filter, sort, offset, limit, out::add);
    return out;
  }

  /**
   * A page of matching events in {@code order}. A text column is sorted by its term's text,
   * case-insensitively, events without a value last in either direction; ties by time, then row.
   */
  public List<EventRow> page(Expr filter, Order order, long offset, int limit) {
    if (order.key() == SortKey.TIME) {
      return page(filter, order.ascending() ? Sort.TIME_ASC : Sort.TIME_DESC, offset, limit);
    }
    Matches m = matches(filter);
    EventColumns cols = m.cols();
    int[] sorted = sorted(m, order);
    List<EventRow> out = new ArrayList<>();
    long end = Math.min(sorted.length, Math.max(0, offset) + Math.max(0, (long) limit));
    for (long k = Math.max(0, offset); k < end; k++) {
      out.add(row(cols, sorted[(int) k]));
    }
    return out;
  }

  /** The last text-column sort: paging through it does not sort again. */
  private record SortedMatches(Matches matches, Order order, int[] indexes) {}

  private volatile SortedMatches lastSort;

  private int[] sorted(Matches m, Order order) {
    SortedMatches last = lastSort;
    if (last != null && last.matches() == m && last.order().equals(order)) {
      return last.indexes();
    }
    EventColumns cols = m.cols();
    int[] rank = ranks(cols, order.key().kind);
    int[] col = cols.terms[order.key().kind.column];
    int n = m.size();
    // key: rank (nulls last either way) above the position in time order (the tie-break)
    int posBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
    long nullRank = (1L << (62 - posBits)) - 1;
    long[] keys = new long[n];
    for (int p = 0; p < n; p++) {
      int term = col[m.inTimeOrder()[p]];
      long r = term == 0 ? nullRank : order.ascending() ? rank[term] : nullRank - 1 - rank[term];
      keys[p] = (r << posBits) | p;
    }
    java.util.Arrays.parallelSort(keys);
    long mask = (1L << posBits) - 1;
    int[] indexes = new int[n];
    for (int k = 0; k < n; k++) {
      indexes[k] = m.inTimeOrder()[(int) (keys[k] & mask)];
    }
    lastSort = new SortedMatches(m, order, indexes);
    return indexes;
  }

  /** Term ranks of one kind, valid for one snapshot of the columns. */
  private record Ranks(EventColumns cols, int[] rank) {}

  private final java.util.Map<TermKind, Ranks> ranks = new java.util.concurrent.ConcurrentHashMap<>();

  /** Rank of each term of {@code kind} in case-insensitive text order (ties by exact text). */
  private int[] ranks(EventColumns cols, TermKind kind) {
    Ranks cached = ranks.get(kind);
    if (cached != null && cached.cols() == cols) {
      return cached.rank();
    }
    List<Integer> ids = new ArrayList<>();
    for (int id = 1; id < cols.termText.length; id++) {
      if (cols.termKind[id] == kind.code && cols.termText[id] != null) {
        ids.add(id);
      }
    }
    ids.sort(java.util.Comparator.<Integer, String>comparing(cols::lower).thenComparing(i -> cols.termText[i]));
    int[] rank = new int[cols.termText.length];
    for (int r = 0; r < ids.size(); r++) {
      rank[ids.get(r)] = r;
    }
    ranks.put(kind, new Ranks(cols, rank));
    return rank;
  }

  /** One event as listed: its terms' texts and its facts, sorted. */
  private static EventRow row(EventColumns cols, int i) {
    List<String> actions = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (int j = cols.factStart[i]; j < cols.factStart[i + 1]; j++) {
      int f = cols.facts[j];
      if (cols.termKind[f] == TermKind.ACTION.code) {
        actions.add(cols.termText[f]);
      } else if (cols.termKind[f] == TermKind.RESOURCE.code) {
        resources.add(cols.termText[f]);
      }
    }
    java.util.Collections.sort(actions);
    java.util.Collections.sort(resources);
    String account = cols.text(cols.term(TermKind.ACCOUNT, i));
    return new EventRow(cols.rowId[i], cols.eventId(i), account == null ? "" : account, Instant.ofEpochMilli(cols.time[i]),
        cols.text(cols.term(TermKind.EVENT_SOURCE, i)), cols.text(cols.term(TermKind.EVENT_NAME, i)),
        cols.text(cols.term(TermKind.REGION, i)), cols.text(cols.term(TermKind.PRINCIPAL, i)),
        cols.text(cols.term(TermKind.ACCESS_KEY, i)), cols.text(cols.term(TermKind.SESSION, i)),
        cols.text(cols.term(TermKind.IP, i)), cols.text(cols.term(TermKind.USER_AGENT, i)),
        cols.text(cols.term(TermKind.ERROR_CODE, i)), cols.readOnly(i), cols.text(cols.term(TermKind.IDENTITY_TYPE, i)),
        cols.text(cols.term(TermKind.EVENT_TYPE, i)), actions, resources);
  }

  /**
   * How many matching events come before row {@code rowId} in time order (its index in the
   * listing sorted by time ascending); empty when the row does not match the filter.
   */
  public Optional<Long> positionInTimeOrder(Expr filter, long rowId) {
    Matches m = matches(filter);
    int i = m.cols().indexOf(rowId);
    if (i < 0) {
      return Optional.empty();
    }
    int[] order = m.inTimeOrder();
    long t = m.cols().time[i];
    // the matches are in (time, index) order: binary search on that pair
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int j = order[mid];
      long tj = m.cols().time[j];
      if (tj < t || (tj == t && j < i)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < order.length && order[lo] == i ? Optional.of((long) lo) : Optional.empty();
  }

  /**
   * The sessions (access keys) of the matching events with their first and last use, event and
   * failure counts, earliest first. Events without a key are not counted. The principal shown is
   * the session's first-known principal in dictionary order.
   */
  public List<SessionSpan> sessionSpans(Expr filter) {
    Matches m = matches(filter);
    EventColumns cols = m.cols();
    int[] session = cols.terms[TermKind.SESSION.column];
    int[] principal = cols.terms[TermKind.PRINCIPAL.column];
    int[] error = cols.terms[TermKind.ERROR_CODE.column];
    java.util.Map<Integer, long[]> spans = new java.util.LinkedHashMap<>();
    for (int i : m.inTimeOrder()) {
      int s = session[i];
      if (s == 0) {
        continue;
      }
      long[] a = spans.computeIfAbsent(s, k -> new long[] {cols.time[i], cols.time[i], 0, 0, 0});
      a[1] = cols.time[i];
      a[2]++;
      if (error[i] != 0) {
        a[3]++;
      }
      int p = principal[i];
      if (p != 0 && (a[4] == 0 || p < a[4])) {
        a[4] = p;
      }
    }
    List<SessionSpan> out = new ArrayList<>();
    spans.forEach((s, a) -> out.add(new SessionSpan(cols.text(s), cols.text((int) a[4]), Instant.ofEpochMilli(a[0]),
        Instant.ofEpochMilli(a[1]), a[2], a[3])));
    out.sort(java.util.Comparator.comparing(SessionSpan::first).thenComparing(SessionSpan::session));
    return out;
  }

  /** Streams matching events to {@code sink} without holding them all (limit < 0: no limit). */
  public void scan(Expr filter, Sort sort, long offset, long limit, Consumer<EventRow> sink) {
    Matches m = matches(filter);
    int n = m.size();
    long from = Math.max(0, offset);
    long end = limit < 0 ? n : Math.min(n, from + limit);
    for (long k = from; k < end; k++) {
      int p = sort == Sort.TIME_ASC ? (int) k : n - 1 - (int) k;
      sink.accept(row(m.cols(), m.inTimeOrder()[p]));
    }
  }

  /** Matching events in time order as indexes into the columns (for CaseEvents). */
  int[] matchIndexes(Expr filter, EventColumns[] colsOut) {
    Matches m = matches(filter);
    colsOut[0] = m.cols();
    return m.inTimeOrder();
  }

  /**
   * Counts of matching events per time bucket over [from, to); buckets with no events are
   * included (count 0) so a chart can draw them directly.
   */
  public List<Bucket> histogram(Expr filter, Instant from, Instant to, Duration width) {
    return outcomeHistogram(filter, from, to, width, List.of()).stream().map(b -> new Bucket(b.start(), b.count())).toList();
  }

  /**
   * As {@link #histogram}, split by outcome in the same pass: per bucket all matching events,
   * those without an error code, and those whose error code matches one of
   * {@code deniedCodePatterns} (case-insensitive, {@code *} and {@code ?} wildcards).
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
    Matches m = matches(filter);
    EventColumns cols = m.cols();
    boolean[] isDenied = new FilterEval(cols, () -> null).termsMatchingAny(TermKind.ERROR_CODE, deniedCodePatterns);
    int[] error = cols.terms[TermKind.ERROR_CODE.column];
    int[] order = m.inTimeOrder();
    int start = cols.lowerBound(order, f0);
    for (int k = start; k < order.length; k++) {
      int i = order[k];
      long t = cols.time[i];
      if (t >= t0) {
        break;
      }
      int b = (int) ((t - f0) / w);
      if (b < 0 || b >= n) {
        continue;
      }
      counts[b]++;
      int e = error[i];
      if (e == 0) {
        ok[b]++;
      } else if (isDenied[e]) {
        denied[b]++;
      }
    }
    List<OutcomeBucket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new OutcomeBucket(Instant.ofEpochMilli(f0 + i * w), counts[i], ok[i], denied[i]));
    }
    return out;
  }

  /** The number of events in {@code [from, to)} (either end null: unbounded), unfiltered. */
  public long countBetween(Instant from, Instant to) {
    EventColumns cols = columns();
    int a = from == null ? 0 : cols.lowerBound(from.toEpochMilli());
    int b = to == null ? cols.size : cols.lowerBound(to.toEpochMilli());
    return Math.max(0, b - a);
  }

  /** First and last event time among the matches, if any match. */
  public Optional<TimeRange> timeRange(Expr filter) {
    Matches m = matches(filter);
    if (m.size() == 0) {
      return Optional.empty();
    }
    int[] o = m.inTimeOrder();
    return Optional.of(new TimeRange(Instant.ofEpochMilli(m.cols().time[o[0]]),
        Instant.ofEpochMilli(m.cols().time[o[o.length - 1]])));
  }

  /**
   * The most frequent values of {@code field} starting with {@code prefix} (case-insensitive),
   * for autocomplete, with their event counts. Not for {@link Field#TIME}. Per-term counts are
   * counted once per field and kept until the case changes, so a keystroke never reads the events.
   */
  public List<ValueCount> distinctValues(Field field, String prefix, int limit) {
    String p = (prefix == null ? "" : prefix).toLowerCase(java.util.Locale.ROOT);
    if (field == Field.READ_ONLY || field == Field.EVENT_ID) {
      return distinctEventValues(field, prefix == null ? "" : prefix, limit);
    }
    if (field == Field.COUNTRY || field == Field.ASN || field == Field.AWS) {
      return enrichmentValues(field, p, limit);
    }
    if (field == Field.TAG) {
      return CaseTags.counts(store).stream().filter(v -> v.value().toLowerCase(java.util.Locale.ROOT)
          .startsWith(p)).limit(limit).toList();
    }
    TermKind k = TermKind.of(field);
    if (k == null) {
      throw new IllegalArgumentException(field.key() + " has no distinct values");
    }
    EventColumns cols = columns();
    long[] counts = cols.termCounts(k);
    List<ValueCount> out = new ArrayList<>();
    for (int id = 1; id < counts.length; id++) {
      if (counts[id] > 0 && cols.lower(id).startsWith(p)) {
        out.add(new ValueCount(cols.termText[id], counts[id]));
      }
    }
    out.sort(java.util.Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /**
   * Values of the IP-enrichment fields with their event counts: per-address counts summed by
   * country, AS number or AWS ownership.
   */
  private List<ValueCount> enrichmentValues(Field field, String prefix, int limit) {
    String column = field == Field.COUNTRY ? "country" : field == Field.ASN ? "CAST(asn AS VARCHAR)" : "CAST(aws_owned AS VARCHAR)";
    long[] counts = columns().termCounts(TermKind.IP);
    java.util.Map<String, Long> sums = new java.util.HashMap<>();
    Jdbc.list(store, "IP enrichment", "SELECT term, LOWER(" + column + ") FROM ip_info WHERE " + column + " IS NOT NULL",
        rs -> java.util.Map.entry(rs.getInt(1), rs.getString(2))).forEach(e -> {
          long n = e.getKey() < counts.length ? counts[e.getKey()] : 0;
          String v = e.getValue();
          if (n > 0 && v.startsWith(prefix)) {
            sums.merge(field == Field.COUNTRY ? v.toUpperCase(java.util.Locale.ROOT) : v, n, Long::sum);
          }
        });
    return sums.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
        .limit(limit).map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
  }

  private List<ValueCount> distinctEventValues(Field field, String prefix, int limit) {
    EventColumns cols = columns();
    if (field == Field.READ_ONLY) {
      long t = 0;
      long f = 0;
      for (int i = 0; i < cols.size; i++) {
        if (cols.readOnly[i] == 2) {
          t++;
        } else if (cols.readOnly[i] == 1) {
          f++;
        }
      }
      List<ValueCount> out = new ArrayList<>();
      if (t > 0) {
        out.add(new ValueCount("TRUE", t));
      }
      if (f > 0) {
        out.add(new ValueCount("FALSE", f));
      }
      out.sort(java.util.Comparator.comparingLong(ValueCount::count).reversed());
      return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
    java.util.TreeMap<String, Long> ids = new java.util.TreeMap<>();
    for (int i = 0; i < cols.size; i++) {
      String id = cols.eventId(i);
      if (id.startsWith(prefix)) {
        ids.merge(id, 1L, Long::sum);
        if (ids.size() > limit) {
          ids.pollLastEntry();
        }
      }
    }
    return ids.entrySet().stream().map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
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
    EventColumns cols = columns();
    int i = cols.indexOf(rowId);
    return i < 0 ? Optional.empty() : Optional.of(row(cols, i));
  }

  /** Row ids of the events with this eventID (one per recipient account). */
  public List<Long> rowIdsByEventId(String eventId) {
    EventColumns cols = columns();
    java.util.BitSet hits = new FilterEval(cols, () -> null).eval(new Expr.Term(Field.EVENT_ID, eventId, false, -1));
    int[] account = cols.terms[TermKind.ACCOUNT.column];
    return hits.stream().boxed().sorted(java.util.Comparator.comparingInt(i -> account[i]))
        .map(i -> cols.rowId[i]).toList();
  }

  /** The record exactly as it was read, for the event with this eventID (first account if several). */
  public Optional<String> rawJsonByEventId(String eventId) {
    List<Long> ids = rowIdsByEventId(eventId);
    return ids.isEmpty() ? Optional.empty() : rawJson(ids.get(0));
  }

  /** The record exactly as it was read (a byte-identical slice of its source file). */
  public Optional<String> rawJson(long rowId) {
    EventColumns cols = columns();
    int i = cols.indexOf(rowId);
    if (i < 0) {
      return Optional.empty();
    }
    try (Connection c = store.connection()) {
      if (cols.rawOffset[i] < 0) {
        try (PreparedStatement ps = c.prepareStatement("SELECT json FROM event_raw WHERE row_id = ?")) {
          ps.setLong(1, rowId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new StoreException("event " + rowId + ": its record is missing from the case");
            }
            return Optional.of(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT content, gzip FROM source_file WHERE id = ?")) {
        ps.setInt(1, cols.fileId[i]);
        try (ResultSet rs = ps.executeQuery()) {
          Blob blob = rs.next() ? rs.getBlob(1) : null;
          if (blob == null) {
            throw new StoreException("event " + rowId + " points into a file whose content was not kept");
          }
          long off = cols.rawOffset[i];
          int len = cols.rawLength[i];
          try (InputStream raw = blob.getBinaryStream();
              InputStream in = rs.getBoolean(2) ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            in.skipNBytes(off);
            byte[] b = in.readNBytes(len);
            if (b.length != len) {
              throw new StoreException("event " + rowId + ": stored file content is shorter than expected");
            }
            return Optional.of(new String(b, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("raw JSON query failed: " + e.getMessage(), e);
    }
  }
}
