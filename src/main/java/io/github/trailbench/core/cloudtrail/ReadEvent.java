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

  /** Whether {@code bytes[from, to)} contain {@link #CONSOLE_CREDENTIAL}. */
  static boolean mentionsConsoleCredential(byte[] bytes, int from, int to) {
    byte[] needle = CONSOLE_CREDENTIAL_BYTES;
    byte first = needle[0];
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
