package io.github.trailbench.store;

import java.time.OffsetDateTime;

/** One file of the import ledger. */
public record LedgerEntry(
    long fileId, String path, String sha256, long sizeBytes, long contentBytes, String format, boolean gzip,
    OffsetDateTime importedAt, int read, int added, int duplicates, int rejected, String note) {}
