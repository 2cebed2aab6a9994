package io.github.trailbench.core.cloudtrail;

/**
 * What reading one file came to.
 *
 * @param kind detected format
 * @param records records seen (events plus rejected records)
 * @param contentBytes bytes of (inflated) content read
 * @param gzip whether the file was gzip-compressed
 * @param note a remark for the ledger (e.g. "digest file: skipped"), or null
 */
public record ReadSummary(SourceKind kind, int records, long contentBytes, boolean gzip, String note) {}
