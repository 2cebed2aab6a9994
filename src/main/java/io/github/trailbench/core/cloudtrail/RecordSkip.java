package io.github.trailbench.core.cloudtrail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Finds the end of a JSON value by its brackets and quotes alone, without building anything, so
 * that a record the parser gave up on (too large, a duplicate key) can be passed over and reading
 * can go on with the next one. Memory is constant whatever the size of the record.
 */
final class RecordSkip {
  /**
   * Where the value ended.
   *
   * @param consumed bytes from the starting point up to and including the value's last byte
   * @param newlines line breaks among them (CR, LF or CRLF each count once, as the parser counts)
   * @param lastLineBytes bytes after the last line break among them, or -1 when there was none
   * @param rest the input right after the value
   */
  record End(long consumed, int newlines, long lastLineBytes, InputStream rest) {}

  private RecordSkip() {}

  /**
   * Reads {@code in} until {@code depth} open objects or arrays are closed, starting inside a
   * string when {@code inString}. Null when the input ends first.
   */
  static End skip(InputStream in, boolean inString, int depth) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long consumed = 0;
    int newlines = 0;
    long lastLine = -1;
    boolean escaped = false;
    boolean afterCr = false;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        consumed++;
        if (lastLine >= 0) {
          lastLine++;
        }
        if (b == '\n' || b == '\r') {
          if (!(b == '\n' && afterCr)) {
            newlines++;
          }
          lastLine = 0;
        }
        afterCr = b == '\r';
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (b == '\\') {
            escaped = true;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          depth--;
        }
        if (depth == 0 && !inString) {
          InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, i + 1, n - i - 1), in);
          return new End(consumed, newlines, lastLine, rest);
        }
      }
    }
    return null;
  }
}
