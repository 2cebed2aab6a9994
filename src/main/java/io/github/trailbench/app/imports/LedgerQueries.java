package io.github.trailbench.app.imports;

import java.util.List;

/** The import ledger of the open case. */
@FunctionalInterface
public interface LedgerQueries {
  List<LedgerEntry> entries() throws Exception;

  /** A sentence on how many of the case's events map to IAM actions; empty when not known. */
  default String actionCoverage() throws Exception {
    return "";
  }
}
