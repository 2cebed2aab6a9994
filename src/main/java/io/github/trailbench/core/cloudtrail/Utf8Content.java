package io.github.trailbench.core.cloudtrail;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A file's content in memory as UTF-8, decoded from UTF-16 or UTF-32 as the desktop reader
 * decodes a file it streams (a byte-order mark, or the zero bytes around the first character).
 *
 * @param utf8 the content as UTF-8 (the same array when it was UTF-8 already)
 * @param decodedFrom the encoding it was decoded from, or null for UTF-8
 */
public record Utf8Content(byte[] utf8, String decodedFrom) {
  /**
   * {@code content} as UTF-8; an IOException whose message says why for an encoding Trailbench
   * does not read (UTF-7, EBCDIC …) or text not valid in the encoding its first bytes show.
   */
  public static Utf8Content of(byte[] content) throws IOException {
    TextEncoding.Found found = TextEncoding.detect(content, Math.min(4, content.length));
    if (found == null) {
      return new Utf8Content(content, null);
    }
    TextEncoding.Decoded d = TextEncoding.utf8(new ByteArrayInputStream(content));
    return new Utf8Content(d.in().readAllBytes(), d.found().name());
  }
}
