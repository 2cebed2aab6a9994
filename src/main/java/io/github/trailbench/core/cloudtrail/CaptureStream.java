package io.github.trailbench.core.cloudtrail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the bytes that went through it since the last {@link #release(long)} so that the
 * exact source text of a record can be sliced out after the parser has consumed it. Memory is
 * bounded: when more than {@code maxRetained} bytes pile up (a record larger than the per-record
 * cap) the older bytes are dropped and slices into them become unavailable.
 */
final class CaptureStream extends InputStream {
  private static final int LOOK_BACK = 4096;
  private final InputStream in;
  private final int maxRetained;
  private byte[] buf = new byte[128 * 1024];
  private long base; // absolute offset of buf[0]
  private int len;
  private long keepFrom; // absolute offset before which bytes are no longer needed

  CaptureStream(InputStream in, int maxRetained) {
    this.in = in;
    this.maxRetained = Math.max(maxRetained, 64 * 1024);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    int r = in.read(b, off, n);
    if (r > 0) {
      append(b, off, r);
    }
    return r;
  }

  private void append(byte[] b, int off, int r) {
    long from = Math.min(Math.max(keepFrom, base), base + len);
    if (base + len - from + r > maxRetained) {
      // Too much since the last release: drop everything but this chunk and a little before it
      // (enough for stillInString to look back from a point in this chunk).
      int keep = Math.min(len, LOOK_BACK);
      System.arraycopy(buf, len - keep, buf, 0, keep);
      base += len - keep;
      len = keep;
      if (r > maxRetained) {
        base += r;
        return;
      }
    } else if (len + r > buf.length) {
      // compact only when the buffer is full: a copy per record would move the read-ahead each time
      int drop = (int) (from - base);
      System.arraycopy(buf, drop, buf, 0, len - drop);
      len -= drop;
      base += drop;
    }
    if (len + r > buf.length) {
      // doubling, but never past what may be retained: at the cap a doubled buffer would be two caps
      buf = Arrays.copyOf(buf, Math.max(Math.min(buf.length * 2, maxRetained + LOOK_BACK), len + r));
    }
    System.arraycopy(b, off, buf, len, r);
    len += r;
  }

  /** Forget the bytes before absolute offset {@code abs} (they are dropped when room is needed). */
  void release(long abs) {
    keepFrom = Math.max(keepFrom, abs);
  }

  boolean available(long start, long end) {
    return start >= Math.max(base, keepFrom) && end <= base + len && start <= end;
  }

  /** The buffer holding the bytes kept; valid until the next read. See {@link #indexOf}. */
  byte[] buffer() {
    return buf;
  }

  /** The byte at absolute offset {@code abs} (0-255), or -1 when it is not held. */
  int byteAt(long abs) {
    return abs >= base && abs < base + len ? buf[(int) (abs - base)] & 0xff : -1;
  }

  /** The absolute offset just past the last byte held. */
  long heldEnd() {
    return base + len;
  }

  /** Where the byte at absolute offset {@code abs}, which must be {@link #available}, is in {@link #buffer()}. */
  int indexOf(long abs) {
    return (int) (abs - base);
  }

  /** Whether the bytes [start, end), which must be {@link #available}, mention {@link ReadEvent#CONSOLE_CREDENTIAL}. */
  boolean mentionsConsoleCredential(long start, long end) {
    return ReadEvent.mentionsConsoleCredential(buf, (int) (start - base), (int) (end - base));
  }

  /** The bytes [start, end) as UTF-8 text, or null when they were dropped. */
  String text(long start, long end) {
    if (!available(start, end)) {
      return null;
    }
    return new String(buf, (int) (start - base), (int) (end - start), StandardCharsets.UTF_8);
  }

  /**
   * The input from absolute offset {@code from} on: the bytes still held, then what was not read
   * yet. Null when the bytes at {@code from} were dropped. This stream must not be read afterwards.
   */
  InputStream restFrom(long from) {
    if (from < base || from > base + len) {
      return null;
    }
    return new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream(buf, (int) (from - base), (int) (base + len - from)), in);
  }

  /**
   * Whether a parser that stopped at absolute offset {@code at} while reading a string value
   * stopped inside it (true) or right after its closing quote (false); null when the bytes before
   * {@code at} needed to tell were dropped.
   */
  Boolean stillInString(long at) {
    if (at - 1 < base || at > base + len) {
      return null;
    }
    int i = (int) (at - 1 - base);
    if (buf[i] != '"') {
      return Boolean.TRUE;
    }
    int backslashes = 0;
    for (int j = i - 1; ; j--) {
      if (j < 0) {
        return null;
      }
      if (buf[j] != '\\') {
        break;
      }
      backslashes++;
    }
    return backslashes % 2 == 1; // an escaped quote is inside; an unescaped one closed the string
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
