package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.model.CloudTrailEvent;

/**
 * One event read from a source.
 *
 * @param event the event; {@code event.rawJson()} is its source text
 * @param recordIndex 1-based index of the record in its file
 * @param rawOffset when {@code rawInContent}: byte offset of the record in the file's (inflated) content
 * @param rawLength when {@code rawInContent}: byte length of the record there
 * @param rawInContent true when {@code rawJson} is a byte-identical slice of the file's content
 *     (so a store may keep the file once and an offset per event); false when the raw JSON was
 *     unescaped from a string (lookup-events, Lake) or built from a CSV row
 * @param mentionsConsoleCredential true when the record's source text contains
 *     {@value #CONSOLE_CREDENTIAL}, as the session graph looks for it in the raw record: known
 *     without the raw text, which a reader asked not to copy slices does not make
 */
public record ReadEvent(
    CloudTrailEvent event,
    int recordIndex,
    long rawOffset,
    int rawLength,
    boolean rawInContent,
    boolean mentionsConsoleCredential) {

  /** What marks temporary credentials the console issued (SessionGraphBuilder looks for it in the raw record). */
  public static final String CONSOLE_CREDENTIAL = "\"sessionCredentialFromConsole\"";

  static final byte[] CONSOLE_CREDENTIAL_BYTES = CONSOLE_CREDENTIAL.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /**
   * How far the search may move on when the byte under the needle's last position is {@code b}
   * (Horspool): the needle's length for a byte it does not hold, so most of a record is stepped
   * over 30 bytes at a time instead of compared byte by byte.
   */
  private static final int[] SHIFT = shifts(CONSOLE_CREDENTIAL_BYTES);

  private static int[] shifts(byte[] needle) {
    int[] shift = new int[256];
    java.util.Arrays.fill(shift, needle.length);
    for (int i = 0; i < needle.length - 1; i++) {
      shift[needle[i] & 0xff] = needle.length - 1 - i;
    }
    return shift;
  }

  /** Whether {@code bytes[from, to)} contain {@link #CONSOLE_CREDENTIAL}. */
  static boolean mentionsConsoleCredential(byte[] bytes, int from, int to) {
    byte[] needle = CONSOLE_CREDENTIAL_BYTES;
    int last = needle.length - 1;
    byte lastByte = needle[last];
    outer:
    for (int i = from; i + last < to; i += SHIFT[bytes[i + last] & 0xff]) {
      if (bytes[i + last] != lastByte) {
        continue;
      }
      for (int j = 0; j < last; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
