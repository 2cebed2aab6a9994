package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.Optional;
import java.util.function.Consumer;

/** The case's events as CloudTrail records, in time order, one at a time (memory stays flat). */
public final class CaseEvents {
  private CaseEvents() {}

  /** Inflated source files kept while streaming; events in time order come from few files at a time. */
  private static final int FILE_CACHE = 64;

  public static void forEach(CaseStore store, Expr filter, Consumer<CloudTrailEvent> sink, Consumer<SourceProblem> problems) {
    // the matches are read in time order with the inflated files cached: reading each record on
    // its own would inflate its file from the start every time
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(filter, holder);
    EventColumns cols = holder[0];
    java.util.Map<Integer, byte[]> files = new java.util.LinkedHashMap<>(FILE_CACHE, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<Integer, byte[]> eldest) {
        return size() > FILE_CACHE;
      }
    };
    try (java.sql.Connection c = store.connection();
        java.sql.PreparedStatement inline = c.prepareStatement("SELECT json FROM event_raw WHERE row_id = ?");
        java.sql.PreparedStatement content = c.prepareStatement("SELECT content, gzip FROM source_file WHERE id = ?")) {
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
          byte[] inflated = files.get(fileId);
          if (inflated == null) {
            inflated = inflate(content, fileId);
            if (inflated != null) {
              files.put(fileId, inflated);
            }
          }
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
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new StoreException("cannot read the case's events: " + e.getMessage(), e);
    }
  }

  private static byte[] inflate(java.sql.PreparedStatement content, int fileId) throws java.sql.SQLException, java.io.IOException {
    content.setInt(1, fileId);
    try (java.sql.ResultSet rs = content.executeQuery()) {
      if (!rs.next() || rs.getBlob(1) == null) {
        return null;
      }
      try (java.io.InputStream raw = rs.getBlob(1).getBinaryStream();
          java.io.InputStream in = rs.getBoolean(2) ? new java.util.zip.GZIPInputStream(raw, 64 * 1024) : raw) {
        return in.readAllBytes();
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
  public static Optional<CloudTrailEvent> byId(CaseStore store, String eventId) throws SourceFormatException {
    Optional<String> raw = store.queries().rawJsonByEventId(eventId);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CloudTrailRecords.parse(raw.get(), "event " + eventId));
  }
}
