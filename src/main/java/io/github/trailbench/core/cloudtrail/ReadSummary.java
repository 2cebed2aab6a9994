package io.github.trailbench.core.cloudtrail;

/**
 * What reading one file came to.
 *
 * @param kind detected format
 * @param records records seen (events plus rejected records)
 * @param contentBytes bytes of (inflated) content read
 * @param gzip whether the file was gzip-compressed
 * @param note a remark for the ledger (e.g. "digest file: skipped"), or null
 * @param decodedFrom the encoding the content was decoded from (UTF-16, UTF-32), or null for
 *     UTF-8: then {@code contentBytes} and every event's offsets are those of the decoded UTF-8 text
 */
public record ReadSummary(SourceKind kind, int records, long contentBytes, boolean gzip, String note, String decodedFrom) {
  public ReadSummary(SourceKind kind, int records, long contentBytes, boolean gzip, String note) {
    this(kind, records, contentBytes, gzip, note, null);
  }
}
