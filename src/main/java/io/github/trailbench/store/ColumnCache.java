package io.github.trailbench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A copy of the in-memory columns in the case directory ({@value #FILE}), so that opening a big
 * case reads one file instead of decoding every block again. It is derived data: the blocks and
 * term chunks in the database are the record. A cache whose header does not match the
 * database (other block or term counts), that cannot be read whole or whose checksum fails
 * ({@link DerivedFiles}), is ignored and rewritten.
 */
final class ColumnCache {
  static final String FILE = "columns.cache";
  private static final int MAGIC = 0x54424332; // "TBC2": with the CORRELATION column

  /** What the database holds: the cache must say the same. */
  record Fingerprint(long lastBlock, long blocks, long events, int termsLength) {}

  private ColumnCache() {}

  /** The cached columns when the cache matches {@code expected}; null otherwise (missing, stale, damaged). */
  static EventColumns read(Path dir, Fingerprint expected) {
    return DerivedFiles.read(dir.resolve(FILE), ch -> {
      ByteBuffer head = ByteBuffer.allocate(4 + 8 + 8 + 8 + 4 + 4 * 3);
      readFully(ch, head);
      head.flip();
      if (head.getInt() != MAGIC) {
        return null;
      }
      Fingerprint found = new Fingerprint(head.getLong(), head.getLong(), head.getLong(), head.getInt());
      if (!found.equals(expected)) {
        return null;
      }
      int nFacts = head.getInt();
      int nIdBytes = head.getInt();
      int termBytes = head.getInt();
      int n = (int) found.events();
      int t = found.termsLength();
      long[] rowId = longs(ch, n);
      long[] time = longs(ch, n);
      int[] fileId = ints(ch, n);
      int[] recordIndex = ints(ch, n);
      long[] rawOffset = longs(ch, n);
      int[] rawLength = ints(ch, n);
      int[][] terms = new int[EventBlock.TERM_COLUMNS.length][];
      for (int c = 0; c < terms.length; c++) {
        terms[c] = ints(ch, n);
      }
      byte[] readOnly = bytes(ch, n);
      int[] factStart = ints(ch, n + 1);
      int[] facts = ints(ch, nFacts);
      int[] idStart = ints(ch, n + 1);
      byte[] idBytes = bytes(ch, nIdBytes);
      int[] byTime = ints(ch, n);
      byte[] termKind = bytes(ch, t);
      int[] termLength = ints(ch, t);
      byte[] text = bytes(ch, termBytes);
      String[] termText = new String[t];
      int at = 0;
      for (int id = 0; id < t; id++) {
        if (termLength[id] >= 0) {
          termText[id] = new String(text, at, termLength[id], StandardCharsets.UTF_8);
          at += termLength[id];
        }
      }
      return EventColumns.of(found.lastBlock(), n, rowId, time, fileId, recordIndex, rawOffset, rawLength, terms, readOnly,
          factStart, facts, idStart, idBytes, byTime, termText, termKind);
    });
  }

  /** Writes the cache whole or not at all (DerivedFiles); failures leave no cache. */
  static void write(Path dir, EventColumns c, Fingerprint fingerprint) {
    DerivedFiles.write(dir.resolve(FILE), ch -> {
      byte[][] texts = new byte[c.termText.length][];
      int termBytes = 0;
      for (int id = 0; id < texts.length; id++) {
        if (c.termText[id] != null) {
          texts[id] = c.termText[id].getBytes(StandardCharsets.UTF_8);
          termBytes += texts[id].length;
        }
      }
      ByteBuffer head = ByteBuffer.allocate(4 + 8 + 8 + 8 + 4 + 4 * 3);
      head.putInt(MAGIC).putLong(fingerprint.lastBlock()).putLong(fingerprint.blocks()).putLong(fingerprint.events())
          .putInt(fingerprint.termsLength()).putInt(c.facts.length).putInt(c.idBytes.length).putInt(termBytes);
      writeFully(ch, head.flip());
      int n = c.size;
      putLongs(ch, c.rowId, n);
      putLongs(ch, c.time, n);
      putInts(ch, c.fileId, n);
      putInts(ch, c.recordIndex, n);
      putLongs(ch, c.rawOffset, n);
      putInts(ch, c.rawLength, n);
      for (int[] col : c.terms) {
        putInts(ch, col, n);
      }
      writeFully(ch, ByteBuffer.wrap(c.readOnly, 0, n));
      putInts(ch, c.factStart, n + 1);
      putInts(ch, c.facts, c.facts.length);
      putInts(ch, c.idStart, n + 1);
      writeFully(ch, ByteBuffer.wrap(c.idBytes));
      putInts(ch, c.byTime, n);
      writeFully(ch, ByteBuffer.wrap(c.termKind, 0, texts.length));
      int[] lengths = new int[texts.length];
      for (int id = 0; id < texts.length; id++) {
        lengths[id] = texts[id] == null ? -1 : texts[id].length;
      }
      putInts(ch, lengths, lengths.length);
      ByteBuffer out = ByteBuffer.allocate(Math.max(1, termBytes));
      for (byte[] b : texts) {
        if (b != null) {
          out.put(b);
        }
      }
      writeFully(ch, out.flip());
    });
  }

  private static final int CHUNK = 1 << 20;

  private static void readFully(ReadableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("column cache ends early");
      }
    }
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static long[] longs(ReadableByteChannel ch, int n) throws IOException {
    long[] out = new long[n];
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    for (int at = 0; at < n; ) {
      int k = Math.min(n - at, CHUNK / 8);
      b.clear().limit(k * 8);
      readFully(ch, b);
      b.flip().asLongBuffer().get(out, at, k);
      at += k;
    }
    return out;
  }

  private static int[] ints(ReadableByteChannel ch, int n) throws IOException {
    int[] out = new int[n];
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    for (int at = 0; at < n; ) {
      int k = Math.min(n - at, CHUNK / 4);
      b.clear().limit(k * 4);
      readFully(ch, b);
      b.flip().asIntBuffer().get(out, at, k);
      at += k;
    }
    return out;
  }

  private static byte[] bytes(ReadableByteChannel ch, int n) throws IOException {
    byte[] out = new byte[n];
    readFully(ch, ByteBuffer.wrap(out));
    return out;
  }

  private static void putLongs(WritableByteChannel ch, long[] a, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    for (int at = 0; at < n; ) {
      int k = Math.min(n - at, CHUNK / 8);
      b.clear();
      b.asLongBuffer().put(a, at, k);
      b.limit(k * 8);
      writeFully(ch, b);
      at += k;
    }
  }

  private static void putInts(WritableByteChannel ch, int[] a, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(CHUNK);
    for (int at = 0; at < n; ) {
      int k = Math.min(n - at, CHUNK / 4);
      b.clear();
      b.asIntBuffer().put(a, at, k);
      b.limit(k * 4);
      writeFully(ch, b);
      at += k;
    }
  }
}
