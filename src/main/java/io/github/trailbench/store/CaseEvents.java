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
    // filtered or not, the matches are read in time order with the inflated files cached: reading
    // each record on its own would inflate its file from the start every time
    forEachInTimeOrder(store, FilterSql.compile(filter), sink, problems);
  }

  private static void forEachInTimeOrder(CaseStore store, FilterSql.Sql filter, Consumer<CloudTrailEvent> sink,
      Consumer<SourceProblem> problems) {
    java.util.Map<Long, byte[]> files = new java.util.LinkedHashMap<>(FILE_CACHE, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<Long, byte[]> eldest) {
        return size() > FILE_CACHE;
      }
    };
    try (java.sql.Connection c = store.connection();
        java.sql.PreparedStatement events = c.prepareStatement(
            "SELECT e.event_id, e.raw_json, e.raw_offset, e.raw_length, e.file_id FROM event e WHERE " + filter.where()
                + " ORDER BY e.event_time, e.id");
        java.sql.PreparedStatement content = c.prepareStatement("SELECT content, gzip FROM source_file WHERE id = ?")) {
      events.setFetchSize(1000);
      for (int i = 0; i < filter.params().size(); i++) {
        events.setObject(i + 1, filter.params().get(i));
      }
      try (java.sql.ResultSet rs = events.executeQuery()) {
        while (rs.next()) {
          String eventId = rs.getString(1);
          String raw = rs.getString(2);
          if (raw == null) {
            long fileId = rs.getLong(5);
            byte[] inflated = files.get(fileId);
            if (inflated == null) {
              inflated = inflate(content, fileId);
              files.put(fileId, inflated);
            }
            long off = rs.getLong(3);
            int len = rs.getInt(4);
            if (inflated == null || off + len > inflated.length) {
              problems.accept(new SourceProblem(store.directory().toString(), "event " + eventId, "raw record missing"));
              continue;
            }
            raw = new String(inflated, (int) off, len, java.nio.charset.StandardCharsets.UTF_8);
          }
          try {
            sink.accept(CloudTrailRecords.parse(raw, "event " + eventId));
          } catch (SourceFormatException e) {
            problems.accept(e.problem());
          }
        }
      }
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new StoreException("cannot read the case's events: " + e.getMessage(), e);
    }
  }

  private static byte[] inflate(java.sql.PreparedStatement content, long fileId) throws java.sql.SQLException, java.io.IOException {
    content.setLong(1, fileId);
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
