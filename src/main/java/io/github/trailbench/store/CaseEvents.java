package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
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
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(filter, holder);
    EventColumns cols = holder[0];
    // each file's last byte needed, and the files in the order they are first needed
    Map<Integer, Long> needed = new HashMap<>();
    List<Integer> sequence = new ArrayList<>();
    for (int i : order) {
      if (cols.rawOffset[i] >= 0) {
        Long before = needed.put(cols.fileId[i], Math.max(needed.getOrDefault(cols.fileId[i], 0L), cols.rawOffset[i] + cols.rawLength[i]));
        if (before == null) {
          sequence.add(cols.fileId[i]);
        }
      }
    }
    ExecutorService inflater = Executors.newFixedThreadPool(INFLATERS, r -> {
      Thread t = new Thread(r, "trailbench-inflate");
      t.setDaemon(true);
      return t;
    });
    Map<Integer, Future<byte[]>> files = new LinkedHashMap<>(FILE_CACHE, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Future<byte[]>> eldest) {
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
            long upTo = needed.get(f);
            files.put(f, inflater.submit(() -> inflate(store, f, upTo)));
          }
          Future<byte[]> pending = files.get(fileId);
          if (pending == null) {
            long upTo = needed.get(fileId);
            pending = inflater.submit(() -> inflate(store, fileId, upTo));
            files.put(fileId, pending);
          }
          byte[] inflated = get(pending);
          long off = cols.rawOffset[i];
          int len = cols.rawLength[i];
          if (inflated != null && off + len <= inflated.length) {
            raw = new String(inflated, (int) off, len, java.nio.charset.StandardCharsets.UTF_8);
          }
        }
        if (raw == null) {
          problems.accept(new SourceProblem(store.directory().toString(), "event " + eventId, "raw record missing"));
          continue;
        }
        try {
          sink.accept(CloudTrailRecords.parse(raw, "event " + eventId));
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

  private static byte[] get(Future<byte[]> f) {
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

  /** The file's content, inflated up to byte {@code upTo}; null when the case did not keep it. */
  private static byte[] inflate(CaseStore store, int fileId, long upTo) throws java.sql.SQLException, java.io.IOException {
    try (java.sql.Connection c = store.connection();
        java.sql.PreparedStatement content = c.prepareStatement("SELECT content, gzip FROM source_file WHERE id = ?")) {
      content.setInt(1, fileId);
      try (java.sql.ResultSet rs = content.executeQuery()) {
        if (!rs.next() || rs.getBlob(1) == null) {
          return null;
        }
        try (java.io.InputStream raw = rs.getBlob(1).getBinaryStream();
            java.io.InputStream in = rs.getBoolean(2) ? new java.util.zip.GZIPInputStream(raw, 64 * 1024) : raw) {
          return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, upTo));
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
