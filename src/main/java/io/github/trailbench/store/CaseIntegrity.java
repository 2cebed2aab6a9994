package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check run on every opening: event blocks, term chunks and raw records against the import
 * ledger, by counts and id ranges per file (read from indexes, never the blocks' data, so it stays
 * fast on a 1M-event case).
 *
 * <p>What a killed import can leave, blocks, terms and raw records of a file that has no ledger
 * row, lying above everything committed, is dropped and reported. Anything else that disagrees (a
 * file whose blocks hold more or fewer events than its ledger row says, two files sharing rows,
 * leftovers in the middle of committed data) is damage: {@link CaseDamagedException}.
 */
final class CaseIntegrity {
  private CaseIntegrity() {}

  /** Per file: how many blocks (or chunks), the rows (or terms) they hold, and their id range. */
  private record Span(int fileId, long parts, long count, long first, long end) {}

  /** Checks the case on {@code c} (auto-commit off); returns what was repaired, one line each. */
  static List<String> checkAndRepair(Connection c) throws SQLException {
    Map<Integer, Ledger> ledger = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, path, added FROM source_file")) {
      while (rs.next()) {
        ledger.put(rs.getInt(1), new Ledger(rs.getInt(1), rs.getString(2), rs.getLong(3)));
      }
    }
    List<Span> blocks = spans(c, "SELECT file_id, COUNT(*), COALESCE(SUM(row_count), 0), MIN(first_row),"
        + " MAX(first_row + row_count) FROM event_block GROUP BY file_id");
    List<Span> chunks = spans(c, "SELECT file_id, COUNT(*), COALESCE(SUM(term_count), 0), MIN(first_term),"
        + " MAX(first_term + term_count) FROM term_chunk GROUP BY file_id");

    Map<Integer, Span> committedBlocks = new TreeMap<>();
    List<Span> orphanBlocks = new ArrayList<>();
    for (Span b : blocks) {
      if (ledger.containsKey(b.fileId())) {
        committedBlocks.put(b.fileId(), b);
      } else {
        orphanBlocks.add(b);
      }
    }
    for (Ledger l : ledger.values()) {
      Span b = committedBlocks.get(l.id());
      long held = b == null ? 0 : b.count();
      if (held != l.added()) {
        throw new CaseDamagedException("the import ledger records " + l.added() + " events added from " + l.path()
            + " (file " + l.id() + "), its event blocks hold " + held);
      }
    }
    List<Span> byRow = new ArrayList<>(committedBlocks.values());
    byRow.sort(Comparator.comparingLong(Span::first));
    long rowEnd = 1;
    Span previous = null;
    for (Span b : byRow) {
      if (previous != null && b.first() < previous.end()) {
        throw new CaseDamagedException("the events of files " + previous.fileId() + " and " + b.fileId()
            + " share row ids " + b.first() + ".." + (Math.min(previous.end(), b.end()) - 1));
      }
      rowEnd = Math.max(rowEnd, b.end());
      previous = b;
    }
    long termEnd = 1;
    List<Span> orphanChunks = new ArrayList<>();
    for (Span t : chunks) {
      if (t.fileId() == 0 || ledger.containsKey(t.fileId())) {
        termEnd = Math.max(termEnd, t.end());
      } else {
        orphanChunks.add(t);
      }
    }
    for (Span b : orphanBlocks) {
      if (b.first() < rowEnd) {
        throw new CaseDamagedException(b.count() + " events (rows " + b.first() + ".." + (b.end() - 1)
            + ") belong to file " + b.fileId() + ", which the import ledger does not hold, among the rows of imported files");
      }
    }
    for (Span t : orphanChunks) {
      if (t.first() < termEnd) {
        throw new CaseDamagedException(t.count() + " terms (ids " + t.first() + ".." + (t.end() - 1)
            + ") belong to file " + t.fileId() + ", which the import ledger does not hold, among the terms of imported files");
      }
    }
    long orphanRaw = scalar(c, "SELECT COUNT(*) FROM event_raw WHERE row_id >= ?", rowEnd);
    long orphanIam = scalar(c, "SELECT COUNT(*) FROM iam_source i WHERE NOT EXISTS (SELECT 1 FROM source_file f WHERE f.id = i.file_id)", null);
    long orphanRejects = scalar(c, "SELECT COUNT(*) FROM import_reject r WHERE NOT EXISTS (SELECT 1 FROM source_file f WHERE f.id = r.file_id)", null);
    if (orphanBlocks.isEmpty() && orphanChunks.isEmpty() && orphanRaw == 0 && orphanIam == 0 && orphanRejects == 0) {
      return List.of();
    }

    // an import was killed before its file committed and parts of it reached the disk: drop them,
    // after raising the next free ids past them so no later file is given one of their ids
    IdHighWater.read(c).store(c);
    List<String> repairs = new ArrayList<>();
    Map<Integer, long[]> perFile = new TreeMap<>();
    for (Span b : orphanBlocks) {
      perFile.computeIfAbsent(b.fileId(), k -> new long[2])[0] = b.count();
      update(c, "DELETE FROM event_block WHERE file_id = ?", b.fileId());
    }
    for (Span t : orphanChunks) {
      perFile.computeIfAbsent(t.fileId(), k -> new long[2])[1] = t.count();
      update(c, "DELETE FROM term_chunk WHERE file_id = ?", t.fileId());
    }
    for (Map.Entry<Integer, long[]> e : perFile.entrySet()) {
      repairs.add("repaired: dropped " + e.getValue()[0] + " orphan events and " + e.getValue()[1]
          + " orphan terms of an unfinished import (file " + e.getKey() + ", never committed)");
    }
    if (orphanRaw > 0) {
      update(c, "DELETE FROM event_raw WHERE row_id >= ?", rowEnd);
      repairs.add("repaired: dropped " + orphanRaw + " orphan raw records of an unfinished import (rows from " + rowEnd + ")");
    }
    if (orphanIam + orphanRejects > 0) {
      update(c, "DELETE FROM iam_source i WHERE NOT EXISTS (SELECT 1 FROM source_file f WHERE f.id = i.file_id)", null);
      update(c, "DELETE FROM import_reject r WHERE NOT EXISTS (SELECT 1 FROM source_file f WHERE f.id = r.file_id)", null);
      repairs.add("repaired: dropped " + orphanIam + " IAM source(s) and " + orphanRejects
          + " rejected-record note(s) of an unfinished import");
    }
    c.commit();
    return repairs;
  }

  private record Ledger(int id, String path, long added) {}

  private static List<Span> spans(Connection c, String sql) throws SQLException {
    List<Span> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new Span(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    }
    return out;
  }

  private static long scalar(Connection c, String sql, Object param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setObject(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void update(Connection c, String sql, Object param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setObject(1, param);
      }
      ps.executeUpdate();
    }
  }
}
