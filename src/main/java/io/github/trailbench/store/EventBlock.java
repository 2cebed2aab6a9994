package io.github.trailbench.store;

import java.nio.ByteBuffer;

/**
 * Up to {@link #MAX_ROWS} events of one source file, column by column: the unit in which the
 * case stores events (table {@code event_block}, column {@code data}). Term columns hold ids
 * into the term dictionary (0: no value). See docs/case-store.md for the layout.
 *
 * <p>Arrays are owned by the block and never changed after construction.
 */
final class EventBlock {
  static final int MAX_ROWS = 8192;
  /** Single-valued term columns, in this order; multi-valued kinds are in {@link #facts}. */
  static final TermKind[] TERM_COLUMNS = java.util.Arrays.stream(TermKind.values()).filter(k -> k.column >= 0)
      .sorted(java.util.Comparator.comparingInt(k -> k.column)).toArray(TermKind[]::new);
  /** 2: with the CORRELATION column; blocks of format 1 (no such column) read as 0 there. */
  private static final int FORMAT = 2;

  final int n;
  final long[] rowId;
  final long[] time;
  final int[] recordIndex;
  /** Offset of the record in the inflated file content; -1 when the record is kept in event_raw. */
  final long[] rawOffset;
  final int[] rawLength;
  /** terms[c][i]: term id of TERM_COLUMNS[c] for event i, 0 when absent. */
  final int[][] terms;
  /** 0: unknown, 1: false, 2: true. */
  final byte[] readOnly;
  /** Facts (IAM actions and resource ARNs) of event i are facts[factStart[i] .. factStart[i+1]). */
  final int[] factStart;
  final int[] facts;
  /** Event ids, UTF-8: event i is idBytes[idStart[i] .. idStart[i+1]). */
  final int[] idStart;
  final byte[] idBytes;

  EventBlock(int n, long[] rowId, long[] time, int[] recordIndex, long[] rawOffset, int[] rawLength, int[][] terms,
      byte[] readOnly, int[] factStart, int[] facts, int[] idStart, byte[] idBytes) {
    this.n = n;
    this.rowId = rowId;
    this.time = time;
    this.recordIndex = recordIndex;
    this.rawOffset = rawOffset;
    this.rawLength = rawLength;
    this.terms = terms;
    this.readOnly = readOnly;
    this.factStart = factStart;
    this.facts = facts;
    this.idStart = idStart;
    this.idBytes = idBytes;
  }


  long minTime() {
    long m = Long.MAX_VALUE;
    for (long t : time) {
      m = Math.min(m, t);
    }
    return m;
  }

  long maxTime() {
    long m = Long.MIN_VALUE;
    for (long t : time) {
      m = Math.max(m, t);
    }
    return m;
  }

  /** Inserts this block as row {@code id} of event_block through {@code insert} (its 7 columns in order). */
  void insert(java.sql.PreparedStatement insert, long id, int fileId) throws java.sql.SQLException {
    insert.setLong(1, id);
    insert.setInt(2, fileId);
    insert.setLong(3, rowId[0]);
    insert.setInt(4, n);
    insert.setLong(5, minTime());
    insert.setLong(6, maxTime());
    insert.setBytes(7, encode());
    insert.executeUpdate();
  }

  static final String INSERT =
      "INSERT INTO event_block(id, file_id, first_row, row_count, min_time, max_time, data) VALUES (?,?,?,?,?,?,?)";

  byte[] encode() {
    int size = 4 * 4 + n * (8 + 8 + 4 + 8 + 4 + 4 * TERM_COLUMNS.length + 1 + 4 + 4) + 8 + facts.length * 4 + idBytes.length;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(FORMAT).putInt(n).putInt(facts.length).putInt(idBytes.length);
    b.asLongBuffer().put(rowId, 0, n);
    b.position(b.position() + 8 * n);
    b.asLongBuffer().put(time, 0, n);
    b.position(b.position() + 8 * n);
    putInts(b, recordIndex, n);
    b.asLongBuffer().put(rawOffset, 0, n);
    b.position(b.position() + 8 * n);
    putInts(b, rawLength, n);
    for (int[] col : terms) {
      putInts(b, col, n);
    }
    b.put(readOnly, 0, n);
    putInts(b, factStart, n + 1);
    putInts(b, facts, facts.length);
    putInts(b, idStart, n + 1);
    b.put(idBytes);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static void putInts(ByteBuffer b, int[] a, int len) {
    b.asIntBuffer().put(a, 0, len);
    b.position(b.position() + 4 * len);
  }

  private static int[] getInts(ByteBuffer b, int len) {
    int[] a = new int[len];
    b.asIntBuffer().get(a);
    b.position(b.position() + 4 * len);
    return a;
  }

  private static long[] getLongs(ByteBuffer b, int len) {
    long[] a = new long[len];
    b.asLongBuffer().get(a);
    b.position(b.position() + 8 * len);
    return a;
  }

  /** Decodes a block; a StoreException names the block when the bytes are not a block. */
  static EventBlock decode(byte[] data, long blockId) {
    try {
      ByteBuffer b = ByteBuffer.wrap(data);
      int format = b.getInt();
      int columns = format == 1 ? TermKind.CORRELATION.column : TERM_COLUMNS.length;
      if (format != FORMAT && format != 1) {
        throw new StoreException("event block " + blockId + " has format " + format + "; this version reads 1 and " + FORMAT);
      }
      int n = b.getInt();
      int nFacts = b.getInt();
      int nIdBytes = b.getInt();
      // counts from damaged bytes must not size arrays: they would not fit, or not in memory
      long need = (long) n * (8 + 8 + 4 + 8 + 4 + 4 * columns + 1 + 4 + 4) + 8 + 4L * nFacts + nIdBytes;
      if (n < 0 || nFacts < 0 || nIdBytes < 0 || need > b.remaining()) {
        throw new StoreException("event block " + blockId + " is damaged: its header counts " + n + " events, " + nFacts
            + " facts and " + nIdBytes + " id bytes, more than its " + data.length + " bytes hold");
      }
      long[] rowId = getLongs(b, n);
      long[] time = getLongs(b, n);
      int[] recordIndex = getInts(b, n);
      long[] rawOffset = getLongs(b, n);
      int[] rawLength = getInts(b, n);
      int[][] terms = new int[TERM_COLUMNS.length][];
      for (int c = 0; c < terms.length; c++) {
        terms[c] = c < columns ? getInts(b, n) : new int[n];
      }
      byte[] readOnly = new byte[n];
      b.get(readOnly);
      int[] factStart = getInts(b, n + 1);
      int[] facts = getInts(b, nFacts);
      int[] idStart = getInts(b, n + 1);
      byte[] idBytes = new byte[nIdBytes];
      b.get(idBytes);
      return new EventBlock(n, rowId, time, recordIndex, rawOffset, rawLength, terms, readOnly, factStart, facts,
          idStart, idBytes);
    } catch (RuntimeException e) {
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("event block " + blockId + " is damaged: " + e, e);
    }
  }

  /** Collects the rows of one block. */
  static final class Builder {
    private int n;
    private final long[] rowId = new long[MAX_ROWS];
    private final long[] time = new long[MAX_ROWS];
    private final int[] recordIndex = new int[MAX_ROWS];
    private final long[] rawOffset = new long[MAX_ROWS];
    private final int[] rawLength = new int[MAX_ROWS];
    private final int[][] terms = new int[TERM_COLUMNS.length][MAX_ROWS];
    private final byte[] readOnly = new byte[MAX_ROWS];
    private final int[] factStart = new int[MAX_ROWS + 1];
    private int[] facts = new int[MAX_ROWS * 2];
    private int nFacts;
    private final int[] idStart = new int[MAX_ROWS + 1];
    private byte[] idBytes = new byte[MAX_ROWS * 40];
    private int nIdBytes;

    int size() {
      return n;
    }

    boolean full() {
      return n >= MAX_ROWS;
    }

    /** Adds a row; {@code termIds} in TERM_COLUMNS order, {@code factIds} sorted and distinct. */
    void add(long row, long eventTime, int record, long offset, int length, int[] termIds, Boolean ro, int[] factIds,
        int factCount, byte[] eventId) {
      rowId[n] = row;
      time[n] = eventTime;
      recordIndex[n] = record;
      rawOffset[n] = offset;
      rawLength[n] = length;
      for (int c = 0; c < terms.length; c++) {
        terms[c][n] = termIds[c];
      }
      readOnly[n] = ro == null ? 0 : ro ? (byte) 2 : (byte) 1;
      if (nFacts + factCount > facts.length) {
        facts = java.util.Arrays.copyOf(facts, Math.max(facts.length * 2, nFacts + factCount));
      }
      System.arraycopy(factIds, 0, facts, nFacts, factCount);
      nFacts += factCount;
      factStart[n + 1] = nFacts;
      if (nIdBytes + eventId.length > idBytes.length) {
        idBytes = java.util.Arrays.copyOf(idBytes, Math.max(idBytes.length * 2, nIdBytes + eventId.length));
      }
      System.arraycopy(eventId, 0, idBytes, nIdBytes, eventId.length);
      nIdBytes += eventId.length;
      idStart[n + 1] = nIdBytes;
      n++;
    }

    EventBlock build() {
      int[][] t = new int[terms.length][];
      for (int c = 0; c < t.length; c++) {
        t[c] = java.util.Arrays.copyOf(terms[c], n);
      }
      return new EventBlock(n, java.util.Arrays.copyOf(rowId, n), java.util.Arrays.copyOf(time, n),
          java.util.Arrays.copyOf(recordIndex, n), java.util.Arrays.copyOf(rawOffset, n),
          java.util.Arrays.copyOf(rawLength, n), t, java.util.Arrays.copyOf(readOnly, n),
          java.util.Arrays.copyOf(factStart, n + 1), java.util.Arrays.copyOf(facts, nFacts),
          java.util.Arrays.copyOf(idStart, n + 1), java.util.Arrays.copyOf(idBytes, nIdBytes));
    }

    void clear() {
      n = 0;
      nFacts = 0;
      nIdBytes = 0;
    }
  }
}
