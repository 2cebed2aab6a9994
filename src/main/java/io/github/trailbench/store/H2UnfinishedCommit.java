package io.github.trailbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;

/**
 * The one state a killed import leaves that H2 2.5.252 cannot leave by itself: a transaction
 * killed while it committed, after its undo log was marked committed and before its rows were.
 *
 * <p>On opening, H2 registers such a transaction as committed and asks it to finish
 * ({@code TransactionStore.endLeftoverTransactions}); {@code Transaction.commit()} sees a status
 * that is no longer active and does nothing, so the transaction stays registered for good. Reads
 * go on seeing the rows as they were before it (the case looks whole), but any write to one of its
 * rows waits for it, finds it already committed, and retries at once, forever, at 100 % of a core
 * ({@code TransactionMap.set}). The next import never ends. docs/case-store.md ("A commit H2
 * leaves unfinished") has the evidence; docs/h2-unfinished-commit.md is the report for H2.
 *
 * <p>The repair keeps what every read of the case showed: its readable rows are written out with
 * {@code SCRIPT} and loaded into a new database, every table's row count is compared, and the new
 * database replaces the old one, which is kept beside it ({@value #KEPT_SUFFIX}). The killed
 * import's file is not in the ledger, so the next import adds it again.
 */
final class H2UnfinishedCommit {
  /** The database before a repair is kept as {@code case.mv.db} followed by this (and a time when one is there already). */
  static final String KEPT_SUFFIX = ".before-repair";

  private static final String REBUILD = "case-rebuild";

  private H2UnfinishedCommit() {}

  /** How many transactions H2 holds as committed but unfinished on the database {@code c} belongs to. */
  static int count(Connection c) throws SQLException {
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    Store store = session.getDatabase().getStore();
    if (store == null) {
      return 0;
    }
    int unfinished = 0;
    for (Transaction t : store.getTransactionStore().getOpenTransactions()) {
      if (t.getStatus() == Transaction.STATUS_COMMITTED) {
        unfinished++;
      }
    }
    return unfinished;
  }

  /**
   * Rebuilds the closed database of the case in {@code dir} from its readable rows; returns the
   * note that says so. Nobody may hold the database open. A repair killed half-way leaves the old
   * database in place (the next opening repairs again) or the new one (whole): the new one only
   * replaces the old by one atomic move, after a copy of the old one is kept.
   */
  static String rebuild(Path dir, int unfinished) {
    Path db = dir.resolve(CaseStore.DB_NAME + ".mv.db");
    Path script = dir.resolve(REBUILD + ".sql.gz");
    Path rebuilt = dir.resolve(REBUILD + ".mv.db");
    try {
      Files.deleteIfExists(script);
      Files.deleteIfExists(rebuilt);
      Map<String, Long> rows;
      try (Connection old = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(CaseStore.DB_NAME) + ";TRACE_LEVEL_FILE=0", "sa", "");
          Statement st = old.createStatement()) {
        rows = rowCounts(old);
        st.execute("SCRIPT TO " + quoted(script) + " COMPRESSION GZIP");
      }
      try (Connection fresh = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(REBUILD) + ";TRACE_LEVEL_FILE=0", "sa", "");
          Statement st = fresh.createStatement()) {
        st.execute("RUNSCRIPT FROM " + quoted(script) + " COMPRESSION GZIP");
        Map<String, Long> copied = rowCounts(fresh);
        if (!copied.equals(rows)) {
          throw new CaseDamagedException("H2 left the commit of a killed import unfinished, and rebuilding the"
              + " database from its readable rows did not copy them all (" + rows + " read, " + copied + " copied)");
        }
        st.execute("SHUTDOWN");
      }
      Files.delete(script);
      Path kept = keptName(dir);
      Files.copy(db, kept, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(rebuilt, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      long total = rows.values().stream().mapToLong(Long::longValue).sum();
      return "repaired: H2 had left the commit of " + (unfinished == 1 ? "a killed import" : unfinished + " killed imports")
          + " unfinished (its rows could be read but never written again); the database was rebuilt from its "
          + String.format("%,d", total) + " readable rows in " + rows.size() + " tables, every count the same;"
          + " what the killed commit was writing is not in the case (an import's file is added again by the next import);"
          + " the database as it was is kept as " + kept.getFileName() + " (delete it when no longer needed)";
    } catch (SQLException | IOException e) {
      throw new CaseDamagedException("H2 left the commit of a killed import unfinished (its rows can be read but"
          + " never written again), and the repair failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + "; the case in " + dir + " is unchanged", e);
    }
  }

  private static Map<String, Long> rowCounts(Connection c) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> tables = new java.util.ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : tables) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
        rs.next();
        rows.put(table, rs.getLong(1));
      }
    }
    return rows;
  }

  private static Path keptName(Path dir) {
    Path kept = dir.resolve(CaseStore.DB_NAME + ".mv.db" + KEPT_SUFFIX);
    if (!Files.exists(kept)) {
      return kept;
    }
    String at = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    return dir.resolve(CaseStore.DB_NAME + ".mv.db" + KEPT_SUFFIX + "-" + at);
  }

  private static String quoted(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
