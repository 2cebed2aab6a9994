package io.github.trailbench.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 3: events move from one SQL row each (tables {@code event} and
 * {@code event_fact}) to column blocks ({@code event_block}); records that were kept whole move
 * to {@code event_raw}; the term dictionary moves from a row per term ({@code term}) to chunks
 * ({@code term_chunk}), term ids unchanged. Row ids are kept, so tags and findings still point at their events.
 * H2 commits at every DDL statement, so each step can be run again: an interrupted conversion
 * starts over from the old tables, which are dropped (in one statement) only at the end.
 */
final class V3__EventBlocks extends BaseJavaMigration {
  private static final String[] COLUMNS = {
    "account", "event_source", "event_name", "aws_region", "principal", "access_key", "session", "source_ip",
    "user_agent", "error_code", "identity_type", "event_type"
  };

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS event_block ("
          + " id BIGINT PRIMARY KEY, file_id INT NOT NULL, first_row BIGINT NOT NULL, row_count INT NOT NULL,"
          + " min_time BIGINT NOT NULL, max_time BIGINT NOT NULL, data BLOB NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS event_block_file ON event_block(file_id)");
      s.execute("CREATE TABLE IF NOT EXISTS event_raw (row_id BIGINT PRIMARY KEY, json CLOB NOT NULL)");
      if (tableExists(s, "EVENT")) {
        s.execute("DELETE FROM event_block");
        s.execute("DELETE FROM event_raw");
        convert(c);
        c.commit();
        s.execute("DROP TABLE event_fact, event");
      }
      s.execute("CREATE TABLE IF NOT EXISTS term_chunk ("
          + " id INT PRIMARY KEY, first_term INT NOT NULL, term_count INT NOT NULL, data BLOB NOT NULL)");
      if (tableExists(s, "TERM")) {
        s.execute("DELETE FROM term_chunk");
        convertTerms(c);
        c.commit();
        s.execute("DROP TABLE term");
      }
    }
  }

  private static boolean tableExists(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '" + name + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  private static void convert(Connection c) throws SQLException {
    StringBuilder cols = new StringBuilder();
    for (String col : COLUMNS) {
      cols.append(", e.").append(col);
    }
    EventBlock.Builder block = new EventBlock.Builder();
    int[] termIds = new int[EventBlock.TERM_COLUMNS.length]; // the columns after COLUMNS (correlation facts) stay 0
    long blockId = 1;
    int blockFile = -1;
    try (PreparedStatement events = c.prepareStatement("SELECT e.id, e.file_id, e.record_index, e.event_id, e.event_time,"
            + " e.read_only, e.raw_offset, e.raw_length, e.raw_json" + cols + " FROM event e ORDER BY e.id");
        PreparedStatement facts = c.prepareStatement("SELECT event_row, term FROM event_fact ORDER BY event_row, term");
        PreparedStatement raw = c.prepareStatement("INSERT INTO event_raw(row_id, json) VALUES (?,?)");
        PreparedStatement insert = c.prepareStatement(EventBlock.INSERT)) {
      events.setFetchSize(1000);
      facts.setFetchSize(1000);
      try (ResultSet rs = events.executeQuery(); ResultSet fr = facts.executeQuery()) {
        boolean factLeft = fr.next();
        while (rs.next()) {
          long row = rs.getLong(1);
          int file = rs.getInt(2);
          if ((file != blockFile || block.full()) && block.size() > 0) {
            write(insert, blockId++, blockFile, block);
          }
          blockFile = file;
          for (int k = 0; k < COLUMNS.length; k++) {
            termIds[k] = rs.getInt(10 + k);
          }
          // both scans are in row order: take this row's facts, skip those of rows that are gone
          List<Integer> f = new ArrayList<>();
          while (factLeft && fr.getLong(1) <= row) {
            if (fr.getLong(1) == row) {
              f.add(fr.getInt(2));
            }
            factLeft = fr.next();
          }
          int[] factIds = f.stream().mapToInt(Integer::intValue).toArray();
          boolean ro = rs.getBoolean(6);
          Boolean readOnly = rs.wasNull() ? null : ro;
          String json = rs.getString(9);
          long offset = rs.getLong(7);
          if (json != null || rs.wasNull()) {
            raw.setLong(1, row);
            raw.setString(2, json == null ? "" : json);
            raw.executeUpdate();
            offset = -1;
          }
          block.add(row, rs.getLong(5), rs.getInt(3), offset, offset < 0 ? 0 : rs.getInt(8), termIds, readOnly, factIds,
              factIds.length, rs.getString(4).getBytes(StandardCharsets.UTF_8));
        }
      }
      if (block.size() > 0) {
        write(insert, blockId, blockFile, block);
      }
    }
  }

  /** The term table, in id order, as chunks of at most 50,000 terms. */
  private static void convertTerms(Connection c) throws SQLException {
    List<Terms.Term> chunk = new ArrayList<>();
    int chunkId = 1;
    try (PreparedStatement terms = c.prepareStatement("SELECT id, kind, text FROM term ORDER BY id");
        PreparedStatement insert = c.prepareStatement("INSERT INTO term_chunk(id, first_term, term_count, data) VALUES (?,?,?,?)")) {
      terms.setFetchSize(10_000);
      try (ResultSet rs = terms.executeQuery()) {
        while (true) {
          boolean more = rs.next();
          if (more) {
            chunk.add(new Terms.Term(rs.getInt(1), rs.getInt(2), rs.getString(3)));
          }
          if (!chunk.isEmpty() && (!more || chunk.size() == 50_000)) {
            insert.setInt(1, chunkId++);
            insert.setInt(2, chunk.get(0).id());
            insert.setInt(3, chunk.get(chunk.size() - 1).id() - chunk.get(0).id() + 1);
            insert.setBytes(4, Terms.encode(chunk));
            insert.executeUpdate();
            chunk.clear();
          }
          if (!more) {
            return;
          }
        }
      }
    }
  }

  private static void write(PreparedStatement insert, long id, int file, EventBlock.Builder builder) throws SQLException {
    EventBlock b = builder.build();
    builder.clear();
    b.insert(insert, id, file);
  }

}
