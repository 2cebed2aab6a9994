package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.correlate.AlikeEvents;
import io.github.trailbench.core.correlate.CorrelationFacts;
import io.github.trailbench.core.correlate.StsDocuments;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The case's events as CloudTrail records, in time order, one at a time. Memory stays flat: the
 * source files the records are sliced from are inflated a few at a time (ahead of need, on
 * other threads, and only up to the last record wanted from each).
 */
public final class CaseEvents {
  private CaseEvents() {}

  /** Inflated source files kept while streaming; events in time order come from few files at a time. */
  private static final int FILE_CACHE = 64;
  /** Files inflated ahead of the one being read. */
  private static final int READ_AHEAD = 6;
  /** Threads inflating: inflating, not parsing, is what reading a few records from many files costs. */
  private static final int INFLATERS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  public static void forEach(CaseStore store, Expr filter, Consumer<CloudTrailEvent> sink, Consumer<SourceProblem> problems) {
    forEachRow(store, filter, (row, event) -> sink.accept(event), problems);
  }

  /** An event with the store's row id of it. */
  @FunctionalInterface
  interface RowSink {
    void accept(long rowId, CloudTrailEvent event);
  }

  /** As {@link #forEach}, each event with its row id. */
  static void forEachRow(CaseStore store, Expr filter, RowSink sink, Consumer<SourceProblem> problems) {
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(filter, holder);
    EventColumns cols = holder[0];
    forEachIndex(store, cols, order, (e, i) -> sink.accept(cols.rowId[i], e), problems);
  }

  /**
   * The events matching {@code filter} in time order as the correlation core's graph builders see
   * them ({@link CorrelationFacts}): rebuilt from the columns and the facts kept at import, without
   * reading raw records, except for the few events whose facts say they need theirs. Events
   * imported before facts were kept (a case of an earlier version) make it read every record, as
   * {@link #forEach} does.
   */
  public static void forEachCorrelated(CaseStore store, Expr filter, Consumer<CloudTrailEvent> sink,
      Consumer<SourceProblem> problems) {
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(filter, holder);
    EventColumns cols = holder[0];
    CorrelationFacts[] decoded = decodeFacts(cols, order);
    if (decoded == null) {
      forEachIndex(store, cols, order, (e, k) -> sink.accept(e), problems);
      return;
    }
    Map<Integer, CloudTrailEvent> read = readWhole(store, cols, order, decoded, problems);
    int[] factTerm = cols.terms[TermKind.CORRELATION.column];
    for (int i : order) {
      CorrelationFacts f = decoded[factTerm[i]];
      if (f.needsRawRecord()) {
        CloudTrailEvent e = read.get(i);
        if (e != null) {
          sink.accept(e);
        }
        continue;
      }
      sink.accept(CorrelatedGroups.event(cols, i, f, cols.time[i]));
    }
  }

  /**
   * As {@link #forEachCorrelated}, in groups of alike events ({@link AlikeEvents}): what the
   * principal graph and the session links are built from, a group at a time instead of an event at
   * a time. A case without facts gives every event alone, read from its raw record.
   */
  public static void forEachCorrelatedAlike(CaseStore store, Expr filter, AlikeEvents sink, Consumer<SourceProblem> problems) {
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(filter, holder);
    EventColumns cols = holder[0];
    CorrelationFacts[] decoded = decodeFacts(cols, order);
    if (decoded == null) {
      int[] group = {0};
      forEachIndex(store, cols, order, (e, k) -> sink.add(group[0]++, e, StsDocuments.of(e), 1, e.eventTime()), problems);
      return;
    }
    CorrelatedGroups.of(cols, order, decoded, readWhole(store, cols, order, decoded, problems)).replay(sink);
  }

  /**
   * Each facts term's facts (by term id) of the events at {@code order}, decoded on every core;
   * null when one has none or unreadable ones.
   */
  private static CorrelationFacts[] decodeFacts(EventColumns cols, int[] order) {
    int[] factTerm = cols.terms[TermKind.CORRELATION.column];
    boolean[] seen = new boolean[cols.termText.length];
    int[] distinct = new int[Math.min(order.length, seen.length)];
    int n = 0;
    for (int i : order) {
      int t = factTerm[i];
      if (t == 0 || cols.termText[t] == null) {
        return null;
      }
      if (!seen[t]) {
        seen[t] = true;
        distinct[n++] = t;
      }
    }
    CorrelationFacts[] decoded = new CorrelationFacts[cols.termText.length];
    try {
      java.util.Arrays.stream(distinct, 0, n).parallel().forEach(t -> decoded[t] = CorrelationFacts.decode(cols.termText[t]));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return decoded;
  }

  /** The events at {@code order} whose facts say they need their raw record, read from it, by event index. */
  private static Map<Integer, CloudTrailEvent> readWhole(CaseStore store, EventColumns cols, int[] order,
      CorrelationFacts[] decoded, Consumer<SourceProblem> problems) {
    int[] factTerm = cols.terms[TermKind.CORRELATION.column];
    int[] whole = java.util.Arrays.stream(order).filter(i -> decoded[factTerm[i]].needsRawRecord()).toArray();
    Map<Integer, CloudTrailEvent> read = new HashMap<>();
    if (whole.length > 0) {
      forEachIndex(store, cols, whole, (e, i) -> read.put(i, e), problems);
    }
    return read;
  }

  /** The events at {@code order} (indexes into {@code cols}) read from their raw records, in that order. */
  static void forEachIndex(CaseStore store, EventColumns cols, int[] order, java.util.function.ObjIntConsumer<CloudTrailEvent> sink,
      Consumer<SourceProblem> problems) {
    // each file's records needed (event indexes), and the files in the order they are first needed
    Map<Integer, List<Integer>> needed = new HashMap<>();
    List<Integer> sequence = new ArrayList<>();
    for (int i : order) {
      if (cols.rawOffset[i] >= 0) {
        List<Integer> before = needed.get(cols.fileId[i]);
        if (before == null) {
          sequence.add(cols.fileId[i]);
          needed.put(cols.fileId[i], before = new ArrayList<>());
        }
        before.add(i);
      }
    }
    ExecutorService inflater = Executors.newFixedThreadPool(INFLATERS, r -> {
      Thread t = new Thread(r, "trailbench-inflate");
      t.setDaemon(true);
      return t;
    });
    Map<Integer, Future<Slices>> files = new LinkedHashMap<>(FILE_CACHE, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Future<Slices>> eldest) {
        return size() > FILE_CACHE;
      }
    };
    int[] submitted = {0};
    Map<Integer, Integer> position = new HashMap<>();
    for (int k = 0; k < sequence.size(); k++) {
      position.put(sequence.get(k), k);
    }
    try (java.sql.Connection c = store.connection();
        java.sql.PreparedStatement inline = c.prepareStatement("SELECT json FROM event_raw WHERE row_id = ?")) {
      for (int i : order) {
        String eventId = cols.eventId(i);
        String raw = null;
        if (cols.rawOffset[i] < 0) {
          inline.setLong(1, cols.rowId[i]);
          try (java.sql.ResultSet rs = inline.executeQuery()) {
            raw = rs.next() ? rs.getString(1) : null;
          }
        } else {
          int fileId = cols.fileId[i];
          // keep the inflater READ_AHEAD files ahead of this one
          int at = position.get(fileId);
          while (submitted[0] < sequence.size() && submitted[0] <= at + READ_AHEAD) {
            int f = sequence.get(submitted[0]++);
            Slices.Wanted w = Slices.wanted(cols, needed.get(f));
            files.put(f, inflater.submit(() -> inflate(store, f, w)));
          }
          Future<Slices> pending = files.get(fileId);
          if (pending == null) {
            Slices.Wanted w = Slices.wanted(cols, needed.get(fileId));
            pending = inflater.submit(() -> inflate(store, fileId, w));
            files.put(fileId, pending);
          }
          Slices inflated = get(pending);
          if (inflated != null) {
            raw = inflated.text(cols.rawOffset[i], cols.rawLength[i]);
          }
        }
        if (raw == null) {
          problems.accept(new SourceProblem(store.directory().toString(), "event " + eventId, "raw record missing"));
          continue;
        }
        try {
          sink.accept(CloudTrailRecords.parse(raw, "event " + eventId), i);
        } catch (SourceFormatException e) {
          problems.accept(e.problem());
        }
      }
    } catch (java.sql.SQLException e) {
      throw new StoreException("cannot read the case's events: " + e.getMessage(), e);
    } finally {
      // never interrupt an inflater: an interrupt inside H2's file I/O closes the database's file
      files.values().forEach(f -> f.cancel(false));
      inflater.shutdown();
    }
  }

  private static Slices get(Future<Slices> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while reading the case's events", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new StoreException("cannot read the case's events: " + cause.getMessage(), cause);
    }
  }

  /**
   * The records of one kept file that a read needs, and only those: a file holding a huge
   * rejected record next to its events costs the events' bytes, not the file's.
   */
  static final class Slices {
    /** Ranges this close are read as one: fewer reads for a file whose every record is wanted. */
    private static final int MERGE_GAP = 4096;

    /** The byte ranges wanted, sorted by offset, overlapping or close ones merged. */
    record Wanted(long[] from, long[] to) {}

    private final long[] from;
    private final long[] to;
    private final byte[][] bytes;

    private Slices(long[] from, long[] to, byte[][] bytes) {
      this.from = from;
      this.to = to;
      this.bytes = bytes;
    }

    static Wanted wanted(EventColumns cols, List<Integer> events) {
      long[][] ranges = new long[events.size()][];
      for (int k = 0; k < ranges.length; k++) {
        int i = events.get(k);
        ranges[k] = new long[] {cols.rawOffset[i], cols.rawOffset[i] + cols.rawLength[i]};
      }
      java.util.Arrays.sort(ranges, java.util.Comparator.comparingLong((long[] r) -> r[0]));
      long[] from = new long[ranges.length];
      long[] to = new long[ranges.length];
      int n = 0;
      for (long[] r : ranges) {
        if (n > 0 && r[0] - to[n - 1] <= MERGE_GAP) { // records close together are read as one range
          to[n - 1] = Math.max(to[n - 1], r[1]);
        } else {
          from[n] = r[0];
          to[n] = r[1];
          n++;
        }
      }
      return new Wanted(java.util.Arrays.copyOf(from, n), java.util.Arrays.copyOf(to, n));
    }

    /** Reads the wanted ranges out of the content, skipping the rest. */
    static Slices read(java.io.InputStream in, Wanted w) throws java.io.IOException {
      byte[][] bytes = new byte[w.from().length][];
      long at = 0;
      for (int k = 0; k < bytes.length; k++) {
        in.skipNBytes(w.from()[k] - at);
        bytes[k] = in.readNBytes((int) (w.to()[k] - w.from()[k]));
        at = w.to()[k];
        if (bytes[k].length < w.to()[k] - w.from()[k]) {
          break; // content shorter than expected: text() says the record is missing
        }
      }
      return new Slices(w.from(), w.to(), bytes);
    }

    /** The record at {@code off}, or null when the content did not hold it. */
    String text(long off, int len) {
      int k = java.util.Arrays.binarySearch(from, off);
      k = k >= 0 ? k : -k - 2;
      if (k < 0 || bytes[k] == null || off + len > to[k] || off - from[k] + len > bytes[k].length) {
        return null;
      }
      return new String(bytes[k], (int) (off - from[k]), len, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The wanted records of a kept file; null when the case did not keep it. */
  private static Slices inflate(CaseStore store, int fileId, Slices.Wanted wanted) throws java.sql.SQLException, java.io.IOException {
    try (java.sql.Connection c = store.connection();
        java.sql.PreparedStatement content = c.prepareStatement("SELECT content, gzip FROM source_file WHERE id = ?")) {
      content.setInt(1, fileId);
      try (java.sql.ResultSet rs = content.executeQuery()) {
        if (!rs.next() || rs.getBlob(1) == null) {
          return null;
        }
        try (java.io.InputStream raw = rs.getBlob(1).getBinaryStream();
            java.io.InputStream in = rs.getBoolean(2) ? new java.util.zip.GZIPInputStream(raw, 64 * 1024) : raw) {
          return Slices.read(in, wanted);
        }
      }
    }
  }

  /** How many of the case's events the catalog maps to IAM actions (reads every event). */
  public static io.github.trailbench.core.catalog.ActionCoverage.Result coverage(CaseStore store) {
    io.github.trailbench.core.catalog.ActionCoverage coverage = new io.github.trailbench.core.catalog.ActionCoverage();
    forEach(store, new Expr.All(), coverage::add, problem -> {});
    return coverage.result();
  }

  /** One event by its id (and recipient account when several accounts share the id). */
  /** The event stored in row {@code rowId}, parsed from its raw record. */
  public static Optional<CloudTrailEvent> byRow(CaseStore store, long rowId) throws SourceFormatException {
    Optional<String> raw = store.queries().rawJson(rowId);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CloudTrailRecords.parse(raw.get(), "row " + rowId));
  }

  public static Optional<CloudTrailEvent> byId(CaseStore store, String eventId) throws SourceFormatException {
    Optional<String> raw = store.queries().rawJsonByEventId(eventId);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CloudTrailRecords.parse(raw.get(), "event " + eventId));
  }
}
