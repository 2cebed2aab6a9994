package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's view of the term dictionary: value to id, with new terms inserted in the
 * current transaction. The cache is bounded; past the bound it is dropped and misses are looked
 * up in the database, so memory does not grow with the case.
 */
final class Terms {
  static final int MAX_CACHED = 500_000;

  private final Connection c;
  private final List<Map<String, Integer>> cache = new ArrayList<>();
  private final PreparedStatement insert;
  private final PreparedStatement lookup;
  private boolean complete;
  private int size;
  private int nextId;
  private int txStartId;
  private final List<Object[]> newInTx = new ArrayList<>();
  private int pendingInserts;

  Terms(Connection c) throws SQLException {
    this.c = c;
    for (int i = 0; i <= TermKind.values().length; i++) {
      cache.add(new HashMap<>());
    }
    insert = c.prepareStatement("INSERT INTO term(id, kind, text) VALUES (?,?,?)");
    lookup = c.prepareStatement("SELECT id FROM term WHERE kind = ? AND text = ?");
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1, COUNT(*) FROM term")) {
        rs.next();
        nextId = rs.getInt(1);
        complete = rs.getLong(2) <= MAX_CACHED;
      }
      if (complete) {
        try (ResultSet rs = s.executeQuery("SELECT kind, text, id FROM term")) {
          while (rs.next()) {
            cache.get(rs.getInt(1)).put(rs.getString(2), rs.getInt(3));
            size++;
          }
        }
      }
    }
    txStartId = nextId;
  }

  /** The id of (kind, value), creating the term when new; null for a null value. */
  Integer id(TermKind kind, String value) throws SQLException {
    if (value == null) {
      return null;
    }
    Map<String, Integer> m = cache.get(kind.code);
    Integer id = m.get(value);
    if (id != null) {
      return id;
    }
    if (!complete) {
      flush();
      lookup.setInt(1, kind.code);
      lookup.setString(2, value);
      try (ResultSet rs = lookup.executeQuery()) {
        if (rs.next()) {
          id = rs.getInt(1);
          put(m, value, id);
          return id;
        }
      }
    }
    id = nextId++;
    insert.setInt(1, id);
    insert.setInt(2, kind.code);
    insert.setString(3, value);
    insert.addBatch();
    pendingInserts++;
    newInTx.add(new Object[] {kind, value});
    put(m, value, id);
    return id;
  }

  private void put(Map<String, Integer> m, String value, int id) {
    if (size >= MAX_CACHED) {
      cache.forEach(Map::clear);
      size = 0;
      complete = false;
    }
    m.put(value, id);
    size++;
  }

  /** Sends pending inserts (call before inserting rows that use them). */
  void flush() throws SQLException {
    if (pendingInserts > 0) {
      insert.executeBatch();
      pendingInserts = 0;
    }
  }

  void committed() {
    newInTx.clear();
    txStartId = nextId;
  }

  void rolledBack() throws SQLException {
    insert.clearBatch();
    pendingInserts = 0;
    for (Object[] t : newInTx) {
      cache.get(((TermKind) t[0]).code).remove((String) t[1]);
    }
    newInTx.clear();
    nextId = txStartId;
  }

  void close() throws SQLException {
    insert.close();
    lookup.close();
  }
}
