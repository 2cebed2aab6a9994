package io.github.trailbench.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * The term dictionary as the writer sees it: value to id, the new terms of each flush written as
 * one {@code term_chunk} row in the current transaction (a row per term cost more than the
 * events). The whole dictionary is held (the in-memory columns hold it anyway); the one writer
 * is what keeps (kind, text) unique.
 */
final class Terms {
  /** A term as stored in a chunk. */
  record Term(int id, int kind, String text) {}

  private final List<Map<String, Integer>> byKind = new ArrayList<>();
  /** The last value looked up per kind and its id: neighbouring events repeat most values. */
  private final String[] lastValue = new String[TermKind.values().length + 1];
  private final int[] lastId = new int[TermKind.values().length + 1];
  private final PreparedStatement insert;
  private int nextId;
  private int nextChunk;
  private int txStartId;
  private int txStartChunk;
  private final List<Term> newInTx = new ArrayList<>();
  private final List<Term> pending = new ArrayList<>();

  /** The dictionary as of {@code cols} (which must be current: the writer is the only one adding terms). */
  Terms(Connection c, EventColumns cols, long nextTermId, long nextChunkId) throws SQLException {
    for (int i = 0; i <= TermKind.values().length; i++) {
      byKind.add(new HashMap<>());
    }
    for (int id = 1; id < cols.termText.length; id++) {
      if (cols.termText[id] != null) {
        byKind.get(cols.termKind[id]).put(cols.termText[id], id);
      }
    }
    insert = c.prepareStatement("INSERT INTO term_chunk(id, first_term, term_count, data, file_id) VALUES (?,?,?,?,?)");
    nextChunk = Math.toIntExact(nextChunkId);
    nextId = Math.toIntExact(Math.max(nextTermId, cols.termText.length));
    txStartId = nextId;
    txStartChunk = nextChunk;
  }

  /** The id of (kind, value), creating the term when new; null for a null value. */
  Integer id(TermKind kind, String value) {
    if (value == null) {
      return null;
    }
    // by identity: the readers give repeating values one instance (TextPool); an equal other
    // instance is found in the map, while comparing the characters of every near miss cost more
    if (value == lastValue[kind.code]) {
      return lastId[kind.code];
    }
    Map<String, Integer> m = byKind.get(kind.code);
    Integer id = m.get(value);
    if (id != null) {
      lastValue[kind.code] = value;
      lastId[kind.code] = id;
      return id;
    }
    id = nextId++;
    Term term = new Term(id, kind.code, value);
    pending.add(term);
    newInTx.add(term);
    m.put(value, id);
    return id;
  }

  /** The text of term {@code id} of {@code kind}; null for 0 (no value) or an id it does not hold. Linear: for rare reports. */
  String text(TermKind kind, int id) {
    if (id == 0) {
      return null;
    }
    for (Map.Entry<String, Integer> e : byKind.get(kind.code).entrySet()) {
      if (e.getValue() == id) {
        return e.getKey();
      }
    }
    return null;
  }

  int nextTermId() {
    return nextId;
  }

  int nextChunkId() {
    return nextChunk;
  }

  /** Writes the terms created since the last flush as one chunk of the file being imported. */
  void flush(int fileId) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    insert.setInt(1, nextChunk++);
    insert.setInt(2, pending.get(0).id());
    insert.setInt(3, pending.size());
    insert.setBytes(4, encode(pending));
    insert.setInt(5, fileId);
    insert.executeUpdate();
    pending.clear();
  }

  void committed() {
    newInTx.clear();
    txStartId = nextId;
    txStartChunk = nextChunk;
  }

  void rolledBack() {
    pending.clear();
    java.util.Arrays.fill(lastValue, null);
    for (Term t : newInTx) {
      byKind.get(t.kind()).remove(t.text());
    }
    newInTx.clear();
    nextId = txStartId;
    nextChunk = txStartChunk;
  }

  void close() throws SQLException {
    insert.close();
  }

  /**
   * Every committed term (its chunk's file has a ledger row, or it predates V5) whose chunk reaches
   * past {@code fromId} (0: all), chunk by chunk in id order.
   */
  static List<Term> readStored(Connection c, int fromId) throws SQLException {
    List<Term> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT t.id, t.data FROM term_chunk t WHERE t.first_term + t.term_count > ?"
            + " AND (t.file_id = 0 OR EXISTS (SELECT 1 FROM source_file f WHERE f.id = t.file_id)) ORDER BY t.id")) {
      ps.setInt(1, fromId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.addAll(decode(rs.getBytes(2), rs.getLong(1)));
        }
      }
    }
    return out;
  }

  static byte[] encode(List<Term> terms) {
    List<byte[]> texts = new ArrayList<>(terms.size());
    int size = 4;
    for (Term t : terms) {
      byte[] b = t.text().getBytes(StandardCharsets.UTF_8);
      texts.add(b);
      size += 4 + 1 + 4 + b.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(terms.size());
    for (int i = 0; i < terms.size(); i++) {
      out.putInt(terms.get(i).id()).put((byte) terms.get(i).kind()).putInt(texts.get(i).length).put(texts.get(i));
    }
    return out.array();
  }

  static List<Term> decode(byte[] data, long chunkId) {
    try {
      ByteBuffer in = ByteBuffer.wrap(data);
      int n = in.getInt();
      // a term takes at least 9 bytes: a damaged count must not size the list
      if (n < 0 || n > in.remaining() / 9) {
        throw new StoreException("term chunk " + chunkId + " is damaged: it counts " + n + " terms in " + data.length + " bytes");
      }
      List<Term> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int id = in.getInt();
        int kind = in.get();
        int len = in.getInt();
        out.add(new Term(id, kind, new String(data, in.position(), len, StandardCharsets.UTF_8)));
        in.position(in.position() + len);
      }
      return out;
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("term chunk " + chunkId + " is damaged: " + e, e);
    }
  }
}
