package io.github.trailbench.store;

/** A record rejected inside an imported file. */
public record LedgerReject(long fileId, String path, int recordIndex, String position, String reason) {}
