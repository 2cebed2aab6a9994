package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The next free ids of a case, never handed out twice: the larger of what {@code id_high_water}
 * recorded and what any table holds (committed or left by an import that never finished). Not
 * {@code MAX(id) + 1} of the ledger alone: a file id whose blocks survived a crash without their
 * ledger row was given to the next file, which then counted those blocks as its own (issue #18).
 */
record IdHighWater(long file, long row, long block, long term, long chunk) {

  static IdHighWater read(Connection c) throws SQLException {
    long file = 1, row = 1, block = 1, term = 1, chunk = 1;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT name, next_value FROM id_high_water")) {
        while (rs.next()) {
          long v = rs.getLong(2);
          switch (rs.getString(1)) {
            case "file" -> file = Math.max(file, v);
            case "row" -> row = Math.max(row, v);
            case "block" -> block = Math.max(block, v);
            case "term" -> term = Math.max(term, v);
            case "chunk" -> chunk = Math.max(chunk, v);
            default -> { }
          }
        }
      }
      file = Math.max(file, scalar(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM source_file"));
      file = Math.max(file, scalar(s, "SELECT COALESCE(MAX(file_id), 0) + 1 FROM event_block"));
      file = Math.max(file, scalar(s, "SELECT COALESCE(MAX(file_id), 0) + 1 FROM term_chunk"));
      file = Math.max(file, scalar(s, "SELECT COALESCE(MAX(file_id), 0) + 1 FROM iam_source"));
      file = Math.max(file, scalar(s, "SELECT COALESCE(MAX(file_id), 0) + 1 FROM import_reject"));
      row = Math.max(row, scalar(s, "SELECT COALESCE(MAX(first_row + row_count), 1) FROM event_block"));
      row = Math.max(row, scalar(s, "SELECT COALESCE(MAX(row_id), 0) + 1 FROM event_raw"));
      block = Math.max(block, scalar(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM event_block"));
      term = Math.max(term, scalar(s, "SELECT COALESCE(MAX(first_term + term_count), 1) FROM term_chunk"));
      chunk = Math.max(chunk, scalar(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM term_chunk"));
    }
    return new IdHighWater(file, row, block, term, chunk);
  }

  /** Records these as the next free ids, in the caller's transaction (never lowers one). */
  void store(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "MERGE INTO id_high_water(name, next_value) KEY(name) VALUES (?, GREATEST(?, COALESCE("
            + "(SELECT next_value FROM id_high_water WHERE name = ?), 0)))")) {
      put(ps, "file", file);
      put(ps, "row", row);
      put(ps, "block", block);
      put(ps, "term", term);
      put(ps, "chunk", chunk);
      ps.executeBatch();
    }
  }

  private static void put(PreparedStatement ps, String name, long value) throws SQLException {
    ps.setString(1, name);
    ps.setLong(2, value);
    ps.setString(3, name);
    ps.addBatch();
  }

  private static long scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
