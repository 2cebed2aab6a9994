package io.github.trailbench.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The case's events as in-memory columns (about 140 bytes per event: term ids, times, where
 * each raw record lives, event ids), and the term dictionary. Filters, counts, histograms and
 * sorting run over these arrays; the raw JSON stays in the store and is read per event.
 *
 * <p>An immutable snapshot: {@link #refresh} returns a new one with the blocks committed since.
 * Index {@code i} (0-based) is the event's position in row-id order.
 */
final class EventColumns {
  /** The block id up to which this snapshot has read. */
  final long lastBlock;
  final int size;
  final long[] rowId;
  final long[] time;
  final int[] fileId;
  final int[] recordIndex;
  final long[] rawOffset;
  final int[] rawLength;
  final int[][] terms;
  final byte[] readOnly;
  final int[] factStart;
  final int[] facts;
  final int[] idStart;
  final byte[] idBytes;
  /** Event indexes in time order (ties by row id). */
  final int[] byTime;
  /** The term dictionary: text and kind by term id (index 0 unused). */
  final String[] termText;
  final byte[] termKind;

  private EventColumns(long lastBlock, int size, long[] rowId, long[] time, int[] fileId, int[] recordIndex,
      long[] rawOffset, int[] rawLength, int[][] terms, byte[] readOnly, int[] factStart, int[] facts, int[] idStart,
      byte[] idBytes, int[] byTime, String[] termText, byte[] termKind) {
    this.lastBlock = lastBlock;
    this.size = size;
    this.rowId = rowId;
    this.time = time;
    this.fileId = fileId;
    this.recordIndex = recordIndex;
    this.rawOffset = rawOffset;
    this.rawLength = rawLength;
    this.terms = terms;
    this.readOnly = readOnly;
    this.factStart = factStart;
    this.facts = facts;
    this.idStart = idStart;
    this.idBytes = idBytes;
    this.byTime = byTime;
    this.termText = termText;
    this.termKind = termKind;
  }

  /** Columns from elsewhere (the column cache); the arrays are taken over, not copied. */
  static EventColumns of(long lastBlock, int size, long[] rowId, long[] time, int[] fileId, int[] recordIndex,
      long[] rawOffset, int[] rawLength, int[][] terms, byte[] readOnly, int[] factStart, int[] facts, int[] idStart,
      byte[] idBytes, int[] byTime, String[] termText, byte[] termKind) {
    return new EventColumns(lastBlock, size, rowId, time, fileId, recordIndex, rawOffset, rawLength, terms, readOnly,
        factStart, facts, idStart, idBytes, byTime, termText, termKind);
  }

  static final EventColumns EMPTY = new EventColumns(0, 0, new long[0], new long[0], new int[0], new int[0], new long[0],
      new int[0], emptyTerms(), new byte[0], new int[1], new int[0], new int[1], new byte[0], new int[0], new String[1],
      new byte[1]);

  private static int[][] emptyTerms() {
    int[][] t = new int[EventBlock.TERM_COLUMNS.length][];
    Arrays.fill(t, new int[0]);
    return t;
  }

  /** Only blocks and term chunks of files with a ledger row: the ledger row is a file's commit marker. */
  private static final String COMMITTED = " EXISTS (SELECT 1 FROM source_file f WHERE f.id = %s.file_id)";

  /**
   * This snapshot plus what was committed since (this when nothing was). Only blocks and term
   * chunks whose file has a ledger row are read, whatever else another transaction (or a killed
   * import) left visible. The new blocks are read on {@code c}; the new terms on a second
   * connection from {@code more} in parallel with decoding, and read again on {@code c} in the
   * rare case a file committed between the two reads. A block whose terms no committed chunk holds
   * is damage ({@link CaseDamagedException}), never a snapshot with holes.
   */
  EventColumns refresh(Connection c, java.util.concurrent.Callable<Connection> more) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT (SELECT COUNT(*) FROM event_block b WHERE b.id > ? AND" + COMMITTED.formatted("b") + "),"
            + " (SELECT COALESCE(MAX(first_term + term_count - 1), 0) FROM term_chunk t"
            + " WHERE t.file_id = 0 OR" + COMMITTED.formatted("t") + ")")) {
      ps.setLong(1, lastBlock);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0 && rs.getInt(2) < termText.length) {
          return this;
        }
      }
    }
    long t0 = System.nanoTime();
    java.util.concurrent.CompletableFuture<Dictionary> terms = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (Connection tc = more.call()) {
        return readTerms(tc);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    List<EventBlock> blocks = new ArrayList<>();
    List<Long> blockIds = new ArrayList<>();
    List<Integer> files = new ArrayList<>();
    long newest = lastBlock;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT b.id, b.file_id, b.data FROM event_block b WHERE b.id > ? AND" + COMMITTED.formatted("b") + " ORDER BY b.id")) {
      ps.setLong(1, lastBlock);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          newest = rs.getLong(1);
          blockIds.add(newest);
          files.add(rs.getInt(2));
          blocks.add(EventBlock.decode(rs.getBytes(3), newest));
        }
      }
    }
    long tb = System.nanoTime();
    Dictionary t;
    try {
      t = terms.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof SQLException se) {
        throw se;
      }
      throw new StoreException("cannot read the term dictionary: " + e.getCause(), e.getCause());
    }
    if (missingTerm(blocks, blockIds, t) != null) {
      t = readTerms(c); // a file committed between the two reads: its terms are there now
      String missing = missingTerm(blocks, blockIds, t);
      if (missing != null) {
        throw new CaseDamagedException(missing);
      }
    }
    long tt = System.nanoTime();
    EventColumns out = append(newest, blocks, files, t.text(), t.kind());
    if (Boolean.getBoolean("trailbench.load.stats")) { // debug aid, like trailbench.import.stats
      System.err.printf("load: blocks %d ms, terms wait %d ms, append %d ms%n", (tb - t0) / 1000000, (tt - tb) / 1000000,
          (System.nanoTime() - tt) / 1000000);
    }
    return out;
  }

  /** The first term one of {@code blocks} uses that {@code dictionary} lacks, described; null when none. */
  private static String missingTerm(List<EventBlock> blocks, List<Long> blockIds, Dictionary dictionary) {
    String[] text = dictionary.text();
    for (int i = 0; i < blocks.size(); i++) {
      EventBlock b = blocks.get(i);
      for (int[] column : b.terms) {
        for (int id : column) {
          if (id != 0 && (id < 0 || id >= text.length || text[id] == null)) {
            return "event block " + blockIds.get(i) + " uses term " + id + ", which no committed term chunk holds";
          }
        }
      }
      for (int id : b.facts) {
        if (id <= 0 || id >= text.length || text[id] == null) {
          return "event block " + blockIds.get(i) + " uses term " + id + ", which no committed term chunk holds";
        }
      }
    }
    return null;
  }

  /** The dictionary with the terms added since this snapshot: {text by id, kind by id}. */
  /** The term dictionary: text and kind code by term id. */
  private record Dictionary(String[] text, byte[] kind) {}

  private Dictionary readTerms(Connection c) throws SQLException {
    String[] text = termText;
    byte[] kind = termKind;
    for (Terms.Term t : Terms.readStored(c, termText.length)) {
      if (t.id() >= text.length) {
        int grown = Math.max(t.id() + 1, text.length + text.length / 2);
        text = Arrays.copyOf(text, grown);
        kind = Arrays.copyOf(kind, grown);
      }
      text[t.id()] = t.text();
      kind[t.id()] = (byte) t.kind();
    }
    int used = text.length;
    while (used > 1 && text[used - 1] == null) {
      used--;
    }
    return used == text.length ? new Dictionary(text, kind) : new Dictionary(Arrays.copyOf(text, used), Arrays.copyOf(kind, used));
  }

  private EventColumns append(long newest, List<EventBlock> blocks, List<Integer> files, String[] text, byte[] kind) {
    int add = 0;
    int addFacts = 0;
    int addIdBytes = 0;
    for (EventBlock b : blocks) {
      add += b.n;
      addFacts += b.facts.length;
      addIdBytes += b.idBytes.length;
    }
    if (add == 0) {
      return new EventColumns(newest, size, rowId, time, fileId, recordIndex, rawOffset, rawLength, terms, readOnly,
          factStart, facts, idStart, idBytes, byTime, text, kind);
    }
    int total = size + add;
    long[] rowIdN = Arrays.copyOf(rowId, total);
    long[] timeN = Arrays.copyOf(time, total);
    int[] fileN = Arrays.copyOf(fileId, total);
    int[] recN = Arrays.copyOf(recordIndex, total);
    long[] offN = Arrays.copyOf(rawOffset, total);
    int[] lenN = Arrays.copyOf(rawLength, total);
    int[][] termsN = new int[terms.length][];
    for (int c = 0; c < terms.length; c++) {
      termsN[c] = Arrays.copyOf(terms[c], total);
    }
    byte[] roN = Arrays.copyOf(readOnly, total);
    int[] fsN = Arrays.copyOf(factStart, total + 1);
    int[] factsN = Arrays.copyOf(facts, facts.length + addFacts);
    int[] isN = Arrays.copyOf(idStart, total + 1);
    if ((long) idBytes.length + addIdBytes > Integer.MAX_VALUE - 16) {
      throw new StoreException("the case holds more event ids than one process can index (" + total + " events)");
    }
    byte[] idN = Arrays.copyOf(idBytes, idBytes.length + addIdBytes);
    int at = size;
    int factAt = facts.length;
    int idAt = idBytes.length;
    for (int k = 0; k < blocks.size(); k++) {
      EventBlock b = blocks.get(k);
      System.arraycopy(b.rowId, 0, rowIdN, at, b.n);
      System.arraycopy(b.time, 0, timeN, at, b.n);
      Arrays.fill(fileN, at, at + b.n, files.get(k));
      System.arraycopy(b.recordIndex, 0, recN, at, b.n);
      System.arraycopy(b.rawOffset, 0, offN, at, b.n);
      System.arraycopy(b.rawLength, 0, lenN, at, b.n);
      for (int c = 0; c < terms.length; c++) {
        System.arraycopy(b.terms[c], 0, termsN[c], at, b.n);
      }
      System.arraycopy(b.readOnly, 0, roN, at, b.n);
      System.arraycopy(b.facts, 0, factsN, factAt, b.facts.length);
      System.arraycopy(b.idBytes, 0, idN, idAt, b.idBytes.length);
      for (int i = 0; i < b.n; i++) {
        fsN[at + i + 1] = factAt + b.factStart[i + 1];
        isN[at + i + 1] = idAt + b.idStart[i + 1];
      }
      at += b.n;
      factAt += b.facts.length;
      idAt += b.idBytes.length;
    }
    for (int i = 1; i < total; i++) {
      if (rowIdN[i] <= rowIdN[i - 1]) {
        throw new StoreException("event rows out of order in the case at row " + rowIdN[i]);
      }
    }
    return new EventColumns(newest, total, rowIdN, timeN, fileN, recN, offN, lenN, termsN, roN, fsN, factsN, isN, idN,
        timeOrder(timeN, total), text, kind);
  }

  /** Indexes sorted by (time, index); packed into longs and sorted when the span allows it. */
  private static int[] timeOrder(long[] time, int n) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, time[i]);
      max = Math.max(max, time[i]);
    }
    int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
    long span = max - min;
    int[] out = new int[n];
    if (span >= 0 && 64 - Long.numberOfLeadingZeros(Math.max(1, span)) + indexBits <= 62) {
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        packed[i] = ((time[i] - min) << indexBits) | i;
      }
      Arrays.parallelSort(packed);
      long mask = (1L << indexBits) - 1;
      for (int i = 0; i < n; i++) {
        out[i] = (int) (packed[i] & mask);
      }
      return out;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> a.equals(b) ? 0 : time[a] != time[b] ? Long.compare(time[a], time[b]) : Integer.compare(a, b));
    for (int i = 0; i < n; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  // ---- per-event accessors ---------------------------------------------------------------

  int term(TermKind kind, int i) {
    return terms[kind.column][i];
  }

  String text(int termId) {
    return termId <= 0 || termId >= termText.length ? null : termText[termId];
  }

  String eventId(int i) {
    return new String(idBytes, idStart[i], idStart[i + 1] - idStart[i], StandardCharsets.UTF_8);
  }

  Boolean readOnly(int i) {
    return readOnly[i] == 0 ? null : readOnly[i] == 2;
  }

  /** The index of the event with this row id, or -1. */
  int indexOf(long row) {
    int i = Arrays.binarySearch(rowId, 0, size, row);
    return i < 0 ? -1 : i;
  }

  /** The first position in time order whose time is >= t. */
  int lowerBound(long t) {
    return lowerBound(byTime, t);
  }

  /** The first position in {@code order} (indexes sorted by time) whose time is >= t. */
  int lowerBound(int[] order, long t) {
    int lo = 0;
    int hi = order.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time[order[mid]] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Term ids of {@code kind} whose lower-cased text satisfies {@code test}, as a lookup table by term id. */
  boolean[] matchingTerms(TermKind kind, java.util.function.Predicate<String> test) {
    boolean[] out = new boolean[termText.length];
    for (int id = 1; id < termText.length; id++) {
      if (termKind[id] == kind.code && termText[id] != null && test.test(lower(id))) {
        out[id] = true;
      }
    }
    return out;
  }

  private volatile String[] lowerCache;

  /** The lower-cased term text (computed once per snapshot). */
  String lower(int id) {
    String[] l = lowerCache;
    if (l == null) {
      l = new String[termText.length];
      for (int k = 1; k < termText.length; k++) {
        // correlation facts are never matched by a filter: not worth a lower-cased copy
        l[k] = termText[k] == null || termKind[k] == TermKind.CORRELATION.code ? null : termText[k].toLowerCase(Locale.ROOT);
      }
      lowerCache = l;
    }
    return l[id];
  }

  /** One call as term ids (0: the record has none). */
  record Call(int eventSource, int eventName, int eventType) {}

  /** Events per (eventSource, eventName, eventType). */
  java.util.Map<Call, Long> callCounts() {
    int[] source = terms[TermKind.EVENT_SOURCE.column];
    int[] name = terms[TermKind.EVENT_NAME.column];
    int[] type = terms[TermKind.EVENT_TYPE.column];
    LongIds calls = new LongIds(1024); // (source, name) -> call id
    LongIds typed = new LongIds(1024); // (call id, type) -> id
    int nCalls = 0;
    int nTyped = 0;
    int[] first = new int[1024]; // an event of each id
    long[] count = new long[1024];
    for (int i = 0; i < size; i++) {
      int call = calls.idOf(((long) source[i] << 32) | (name[i] & 0xffffffffL), nCalls);
      if (call == nCalls) {
        nCalls++;
      }
      int id = typed.idOf(((long) call << 32) | (type[i] & 0xffffffffL), nTyped);
      if (id == nTyped) {
        if (nTyped == first.length) {
          first = java.util.Arrays.copyOf(first, nTyped * 2);
          count = java.util.Arrays.copyOf(count, nTyped * 2);
        }
        first[nTyped++] = i;
      }
      count[id]++;
    }
    java.util.Map<Call, Long> out = new java.util.HashMap<>();
    for (int id = 0; id < nTyped; id++) {
      int i = first[id];
      out.put(new Call(source[i], name[i], type[i]), count[id]);
    }
    return out;
  }

  private final java.util.concurrent.ConcurrentHashMap<TermKind, long[]> counts = new java.util.concurrent.ConcurrentHashMap<>();

  /** Events per term id of {@code kind} (index: term id). */
  long[] termCounts(TermKind kind) {
    return counts.computeIfAbsent(kind, k -> {
      long[] n = new long[termText.length];
      int c = k.column;
      if (c >= 0) {
        for (int v : terms[c]) {
          if (v > 0) {
            n[v]++;
          }
        }
      } else {
        for (int i = 0; i < size; i++) {
          int prev = -1;
          for (int j = factStart[i]; j < factStart[i + 1]; j++) {
            int v = facts[j];
            if (v != prev && termKind[v] == k.code) {
              n[v]++;
            }
            prev = v;
          }
        }
      }
      return n;
    });
  }
}
