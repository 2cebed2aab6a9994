package io.github.trailbench.core.cloudtrail;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.commons.io.input.ReaderInputStream;

/**
 * The text encoding of a file's content, told from its first bytes: a byte-order mark, or for
 * files without one the zero bytes around the first character (JSON and CSV start with an ASCII
 * character, so UTF-16 and UTF-32 show a fixed pattern of zeros, as RFC 4627 describes). Content
 * in UTF-16 or UTF-32 is decoded and handed on as UTF-8, so everything after this step reads
 * UTF-8 only.
 */
final class TextEncoding {
  private TextEncoding() {}

  /** What the first bytes say. */
  record Found(String name, int bomLength, boolean supported, String how) {}

  /** An encoding found that Trailbench does not read, or text that is not valid in its encoding. */
  static final class EncodingException extends IOException {
    private static final long serialVersionUID = 1L;

    EncodingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Object[][] UNSUPPORTED_BOMS = {
    {"UTF-7", new int[] {0x2b, 0x2f, 0x76}},
    {"UTF-1", new int[] {0xf7, 0x64, 0x4c}},
    {"UTF-EBCDIC", new int[] {0xdd, 0x73, 0x66, 0x73}},
    {"SCSU", new int[] {0x0e, 0xfe, 0xff}},
    {"BOCU-1", new int[] {0xfb, 0xee, 0x28}},
    {"GB-18030", new int[] {0x84, 0x31, 0x95, 0x33}},
  };

  /** The encoding of content starting with {@code b} (up to 4 bytes, fewer for a short file); null for UTF-8. */
  static Found detect(byte[] b, int n) {
    int b0 = n > 0 ? b[0] & 0xff : -1, b1 = n > 1 ? b[1] & 0xff : -1, b2 = n > 2 ? b[2] & 0xff : -1, b3 = n > 3 ? b[3] & 0xff : -1;
    if (b0 == 0x00 && b1 == 0x00 && b2 == 0xfe && b3 == 0xff) {
      return new Found("UTF-32BE", 4, true, "byte-order mark");
    }
    if (b0 == 0xff && b1 == 0xfe && b2 == 0x00 && b3 == 0x00) {
      return new Found("UTF-32LE", 4, true, "byte-order mark");
    }
    if (b0 == 0xfe && b1 == 0xff) {
      return new Found("UTF-16BE", 2, true, "byte-order mark");
    }
    if (b0 == 0xff && b1 == 0xfe) {
      return new Found("UTF-16LE", 2, true, "byte-order mark");
    }
    for (Object[] u : UNSUPPORTED_BOMS) {
      int[] bom = (int[]) u[1];
      boolean match = n >= bom.length;
      for (int i = 0; match && i < bom.length; i++) {
        match = (b[i] & 0xff) == bom[i];
      }
      if (match) {
        return new Found((String) u[0], bom.length, false,
            "byte-order mark " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b, 0, bom.length));
      }
    }
    if (n >= 4 && b0 == 0 && b1 == 0 && b2 == 0 && ascii(b3)) {
      return new Found("UTF-32BE", 0, true, "zero bytes before the first character");
    }
    if (n >= 4 && ascii(b0) && b1 == 0 && b2 == 0 && b3 == 0) {
      return new Found("UTF-32LE", 0, true, "zero bytes after the first character");
    }
    if (n >= 2 && b0 == 0 && ascii(b1)) {
      return new Found("UTF-16BE", 0, true, "a zero byte before the first character");
    }
    if (n >= 2 && ascii(b0) && b1 == 0) {
      return new Found("UTF-16LE", 0, true, "a zero byte after the first character");
    }
    return null;
  }

  private static boolean ascii(int b) {
    return b > 0 && b < 0x80;
  }

  /** The stream and the encoding it was decoded from (null: UTF-8, passed on unchanged). */
  record Decoded(InputStream in, Found found) {}

  /** {@code in} as UTF-8: unchanged when it is UTF-8 already, else decoded without its byte-order mark. */
  static Decoded utf8(InputStream in) throws IOException {
    BufferedInputStream buffered = in instanceof BufferedInputStream bi ? bi : new BufferedInputStream(in, 64 * 1024);
    buffered.mark(4);
    byte[] head = new byte[4];
    int n = buffered.readNBytes(head, 0, 4);
    buffered.reset();
    Found found = detect(head, n);
    if (found == null) {
      return new Decoded(buffered, null);
    }
    if (!found.supported()) {
      throw new EncodingException("the file is encoded as " + found.name() + " (" + found.how() + "), which Trailbench"
          + " does not read: convert it to UTF-8", null);
    }
    buffered.skipNBytes(found.bomLength());
    Charset cs = Charset.forName(found.name());
    var decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    InputStream utf8 = ReaderInputStream.builder()
        .setReader(new InputStreamReader(buffered, decoder))
        .setCharset(StandardCharsets.UTF_8)
        .get();
    return new Decoded(new FilterInputStream(utf8) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (CharacterCodingException e) {
          throw invalid(found, e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (CharacterCodingException e) {
          throw invalid(found, e);
        }
      }
    }, found);
  }

  private static EncodingException invalid(Found found, CharacterCodingException e) {
    return new EncodingException("the file was taken for " + found.name() + " (" + found.how() + ") but is not valid "
        + found.name() + " text (" + e.getMessage() + ")", e);
  }
}
