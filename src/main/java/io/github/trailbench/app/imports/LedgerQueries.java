package io.github.trailbench.app.imports;

import java.util.List;

/** The import ledger of the open case. */
@FunctionalInterface
public interface LedgerQueries {
  List<LedgerEntry> entries() throws Exception;
}
