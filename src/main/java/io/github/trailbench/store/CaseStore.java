package io.github.trailbench.store;

import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.cloudtrail.IamSourceCheck;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.cloudtrail.LightIamCheck;
import io.github.trailbench.core.correlate.EventFactsDeriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A case: a directory holding one H2 database ({@value #DB_NAME}.mv.db). Opening migrates the
 * schema to the current version (so an old case opens in a new version) . Thread-safe: each operation
 * takes its own connection; readers see only committed (whole) files.
 */
public final class CaseStore implements AutoCloseable {
  public static final String DB_NAME = "case";
  /** Flyway logs through java.util.logging; keep its INFO chatter off the CLI's output. */
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private final Path dir;
  private final JdbcConnectionPool pool;
  private final EventQueries queries;
  private final CaseVerdicts verdicts;
  private final List<String> openNotes;
  /** What the manifest beside the database last recorded (null: nothing yet). */
  private CaseManifest manifest;

  private CaseStore(Path dir, JdbcConnectionPool pool, Opened opened) {
    this.dir = dir;
    this.pool = pool;
    this.queries = new EventQueries(this);
    this.verdicts = new CaseVerdicts(this);
    this.openNotes = opened.notes();
    this.manifest = opened.manifest();
  }

  /**
   * Opens the case in {@code dir}, creating it when the directory is absent or empty. The case is
   * checked first (docs/case-store.md, "What a case promises after a crash and after damage"):
   * what an unfinished import left is dropped ({@link #openNotes()} says what), anything else
   * inconsistent, or a database holding less than {@value CaseManifest#FILE_NAME} recorded, throws
   * {@link CaseDamagedException}.
   */
  public static CaseStore open(Path dir) {
    return open(dir, List.of(), false, true);
  }

  /**
   * As {@link #open(Path)}, but a database holding less than the case recorded (truncated, or
   * restored from an older copy) is accepted as it is: the record is rewritten to match it and
   * {@link #openNotes()} says what was accepted. Damage inside the database is still refused.
   */
  public static CaseStore openAcceptingLoss(Path dir) {
    return open(dir, List.of(), true, true);
  }

  /** As {@link #open(Path)}, with extra migration locations (tests simulate a newer version). */
  static CaseStore open(Path dir, List<String> extraMigrations) {
    return open(dir, extraMigrations, false, extraMigrations.isEmpty());
  }

  /** As {@link #open(Path)}, a new case made by the migrations, never from {@link CaseTemplate} (which this makes). */
  static CaseStore openByMigrations(Path dir) {
    return open(dir, List.of(), false, false);
  }

  private static CaseStore open(Path dir, List<String> extraMigrations, boolean acceptLoss, boolean fromTemplate) {
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.toString().contains(";")) {
      throw new StoreException("a case path may not contain ';': " + abs);
    }
    try {
      if (Files.exists(abs) && !Files.isDirectory(abs)) {
        throw new StoreException(abs + " is not a directory");
      }
      Files.createDirectories(abs);
      if (!Files.exists(abs.resolve(DB_NAME + ".mv.db")) && Files.exists(abs.resolve(CaseManifest.FILE_NAME))) {
        CaseManifest recorded = CaseManifest.read(abs);
        throw new CaseDamagedException(abs.resolve(DB_NAME + ".mv.db") + " is missing; the case recorded "
            + recorded.summary());
      }
      if (!Files.exists(abs.resolve(DB_NAME + ".mv.db"))) {
        // a creation killed while the template was being copied: the case never existed, start again
        Files.deleteIfExists(CaseTemplate.partialCopy(abs.resolve(DB_NAME + ".mv.db")));
        try (Stream<Path> s = Files.list(abs)) {
          if (s.anyMatch(p -> !p.getFileName().toString().equals(MARKER))) {
            throw new StoreException(abs + " is neither a Trailbench case (no " + DB_NAME
                + ".mv.db) nor an empty directory");
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot create case directory " + abs + ": " + e.getMessage(), e);
    }
    // H2's page cache (KiB): 64 MiB, or an eighth of the heap when that is smaller
    long cacheKb = Math.max(4096, Math.min(65536, Runtime.getRuntime().maxMemory() / 8 / 1024));
    // no trace file: errors reach the caller as exceptions, and the case directory holds the case only
    String url = "jdbc:h2:file:" + abs.resolve(DB_NAME) + ";CACHE_SIZE=" + cacheKb + ";TRACE_LEVEL_FILE=0";
    FLYWAY_LOG.setLevel(Level.OFF);
    boolean existed = Files.exists(abs.resolve(DB_NAME + ".mv.db"));
    if (!existed && fromTemplate) {
      // a new case: the empty database the build made with every migration, when the jar has it
      CaseTemplate.copyTo(abs.resolve(DB_NAME + ".mv.db"));
    }
    JdbcConnectionPool pool = pool(url);
    try {
      List<String> repairs = new java.util.ArrayList<>();
      if (existed) {
        io.github.trailbench.core.io.WholeFile.Swept swept = io.github.trailbench.core.io.WholeFile.sweepAbandoned(abs,
            java.time.Instant.now().minus(ABANDONED_WRITE_AGE));
        if (swept.files() > 0) {
          repairs.add("removed " + swept.files() + (swept.files() == 1 ? " temporary file" : " temporary files") + " ("
              + String.format(java.util.Locale.ROOT, "%.1f MB", swept.bytes() / 1e6) + ") of derived files that a command"
              + " stopped before finishing them left in the case directory; the case's data was not touched");
        }
        int unfinished;
        try (Connection c = pool.getConnection()) {
          unfinished = H2UnfinishedCommit.count(c);
        }
        if (unfinished > 0) {
          // before anything writes: every write to the unfinished commit's rows would never end
          pool.dispose();
          repairs.add(H2UnfinishedCommit.rebuild(abs, unfinished));
          pool = pool(url);
        }
      }
      if (extraMigrations.isEmpty() && isCurrent(pool)) {
        // nothing to migrate: Flyway's start-up (classpath scan, validation) costs more than the rest of opening
        Opened opened = check(pool, abs, acceptLoss).after(repairs);
        writeMarker(abs);
        return new CaseStore(abs, pool, opened);
      }
      var migrated = Flyway.configure()
          .dataSource(pool)
          .locations(Stream.concat(Stream.of("classpath:db/migration"), extraMigrations.stream()).toArray(String[]::new))
          .javaMigrations(new V3__EventBlocks())
          .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
          .load()
          .migrate();
      // H2 writes committed changes to the file after a delay, and the migrations' DDL commits as
      // it goes: without this a process killed soon after opening can leave a case whose file holds
      // part of a migration but not its schema-history row, which then never opens again.
      // Converting an existing case leaves the old pages as free space (a 1M-event case grew from
      // 256 to 605 MB): that case is rewritten once, which also syncs it.
      boolean compact = existed && migrated.migrationsExecuted > 0;
      try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
        if (compact) {
          st.execute("SHUTDOWN COMPACT");
        } else {
          H2Durability.syncCommitted(c);
        }
      }
      if (compact) {
        pool.dispose();
        pool = pool(url);
      }
      Opened opened = check(pool, abs, acceptLoss).after(repairs);
      writeMarker(abs);
      return new CaseStore(abs, pool, opened);
    } catch (SQLException e) {
      pool.dispose();
      throw unreadable(abs, e);
    } catch (CaseDamagedException e) {
      pool.dispose();
      throw e;
    } catch (RuntimeException e) {
      pool.dispose();
      throw unreadable(abs, e);
    }
  }

  /** A database H2 cannot open or read: damage when the case recorded what it held. */
  private static StoreException unreadable(Path dir, Exception e) {
    String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    CaseManifest recorded;
    try {
      recorded = CaseManifest.read(dir);
    } catch (CaseDamagedException unreadableToo) {
      recorded = null;
    }
    if (recorded != null) {
      return new CaseDamagedException("the database cannot be read (" + reason + "); the case recorded " + recorded.summary(), e);
    }
    return new StoreException("cannot open case " + dir + ": " + reason, e);
  }

  /**
   * How old a derived file's temporary file must be before opening the case removes it: a write in
   * another process (the app and a command on one case) touches its file far more often than this.
   */
  static final java.time.Duration ABANDONED_WRITE_AGE = java.time.Duration.ofHours(1);

  /** What opening found: repairs made or losses accepted (one line each), and the case's record. */
  private record Opened(List<String> notes, CaseManifest manifest) {
    /** These notes, after what was repaired before the check. */
    Opened after(List<String> repairs) {
      return repairs.isEmpty() ? this
          : new Opened(Stream.concat(repairs.stream(), notes.stream()).toList(), manifest);
    }
  }

  /** The integrity check against the ledger, then the database against the record kept beside it. */
  private static Opened check(JdbcConnectionPool pool, Path dir, boolean acceptLoss) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<String> notes = new java.util.ArrayList<>(CaseIntegrity.checkAndRepair(c));
        CaseManifest recorded = CaseManifest.read(dir);
        CaseManifest now = CaseManifest.of(c, recorded == null ? Long.MAX_VALUE : recorded.files());
        c.commit();
        String shortfall = recorded == null ? null : recorded.shortfall(now);
        if (shortfall != null && !acceptLoss) {
          throw new CaseDamagedException(shortfall);
        }
        if (shortfall != null) {
          notes.add("accepted: " + shortfall);
        }
        if (recorded == null || shortfall != null || recorded.files() != now.files() || recorded.events() != now.events()) {
          CaseManifest all = CaseManifest.of(c, Long.MAX_VALUE);
          durable(c);
          try {
            all.write(dir);
            recorded = all;
          } catch (StoreException e) {
            // a read-only case still opens; the record is written by the next import that can
          }
        }
        return new Opened(List.copyOf(notes), recorded);
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Makes what is committed durable. H2 writes commits to the file after a delay (about a
   * second): a process killed before that loses them, so the record beside the database may only
   * count what is on disk, or a kill right after an import reads as a truncated case.
   */
  private static void durable(Connection c) throws SQLException {
    H2Durability.syncCommitted(c);
  }

  /** What the check on opening repaired or accepted, one line each ("repaired: …", "accepted: …"); usually empty. */
  public List<String> openNotes() {
    return openNotes;
  }

  /** Records what the case holds now in {@value CaseManifest#FILE_NAME}, after an import committed files. */
  synchronized void recordManifest() {
    try (Connection c = connection()) {
      CaseManifest now = CaseManifest.of(c, Long.MAX_VALUE);
      if (manifest == null || manifest.files() != now.files() || manifest.events() != now.events()) {
        durable(c);
        now.write(dir);
        manifest = now;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot record what the case holds: " + e.getMessage(), e);
    }
  }

  private static JdbcConnectionPool pool(String url) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(16);
    return pool;
  }

  /** The schema version this code writes; a case at it needs no migration. */
  static final String SCHEMA_VERSION = "6";

  /** Whether the case's schema history ends, successfully, at {@link #SCHEMA_VERSION}. */
  private static boolean isCurrent(JdbcConnectionPool pool) throws SQLException {
    try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
      try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
          + " WHERE TABLE_NAME = 'flyway_schema_history'")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return false;
        }
      }
      try (java.sql.ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
          + " ORDER BY \"installed_rank\" DESC LIMIT 1")) {
        return rs.next() && SCHEMA_VERSION.equals(rs.getString(1)) && rs.getBoolean(2);
      }
    }
  }

  /** The marker file desktops associate with Trailbench: double-clicking it opens the case. */
  public static final String MARKER = "case.trailbench";

  private static void writeMarker(Path dir) {
    Path marker = dir.resolve(MARKER);
    if (!Files.exists(marker)) {
      try {
        Files.writeString(marker, "format=1\n# A Trailbench case: open this file, or run trailbench --case " + dir + "\n");
      } catch (IOException e) {
        // the marker is a convenience for file managers; the case opens without it
      }
    }
  }

  public Path directory() {
    return dir;
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** An importer into this case. */
  public CaseImporter importer(EventFactsDeriver deriver) {
    return importer(deriver, ImportOptions.defaults());
  }

  public CaseImporter importer(EventFactsDeriver deriver, ImportOptions options) {
    return new CaseImporter(this, deriver, options);
  }

  /** Queries for the app and the CLI. */
  public EventQueries queries() {
    return queries;
  }

  /** The replay verdicts of the case's events (computed once per case state, kept in the case). */
  public CaseVerdicts verdicts() {
    return verdicts;
  }

  /** Derived files written after what they keep was shown ({@link #writeInBackground}), one at a time, in order. */
  private java.util.concurrent.ExecutorService backgroundWrites;

  /**
   * Runs {@code write}, the writing of a derived file that uses no connection, on a thread of its
   * own after the ones asked for before, so what it keeps can be shown first; {@link #close} waits
   * for every one.
   */
  synchronized void writeInBackground(Runnable write) {
    if (backgroundWrites == null) {
      // one thread at most, gone when idle; a daemon: a case never closed loses only a derived file, built again next time
      backgroundWrites = new java.util.concurrent.ThreadPoolExecutor(0, 1, 1, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "trailbench-derived-files");
            t.setDaemon(true);
            return t;
          });
    }
    backgroundWrites.execute(write);
  }

  /** Waits until every derived file asked for so far is written. */
  synchronized void awaitBackgroundWrites() {
    if (backgroundWrites == null) {
      return;
    }
    backgroundWrites.shutdown();
    boolean interrupted = false;
    while (!backgroundWrites.isTerminated()) {
      try {
        backgroundWrites.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true; // finished first: a file half written is never moved into place anyway
      }
    }
    backgroundWrites = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    awaitBackgroundWrites();
    // the database closes with its last connection
    pool.dispose();
  }

  /**
   * Import settings.
   *
   * @param limits size caps for input files
   * @param parserThreads threads parsing files in parallel (one writer besides them)
   * @param iamCheck validation of IAM inputs before they are stored
   */
  public record ImportOptions(InputLimits limits, int parserThreads, IamSourceCheck iamCheck, Supplier<IpEnricher> ipEnricher) {
    public static ImportOptions defaults() {
      return new ImportOptions(InputLimits.DEFAULT, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
          LightIamCheck.INSTANCE, IpEnricher::bundled);
    }

    /** The enricher for addresses new to the case; null switches enrichment off. */
    public ImportOptions withIpEnricher(Supplier<IpEnricher> e) {
      return new ImportOptions(limits, parserThreads, iamCheck, e);
    }

    public ImportOptions withLimits(InputLimits l) {
      return new ImportOptions(l, parserThreads, iamCheck, ipEnricher);
    }

    public ImportOptions withParserThreads(int n) {
      return new ImportOptions(limits, n, iamCheck, ipEnricher);
    }

    public ImportOptions withIamCheck(IamSourceCheck check) {
      return new ImportOptions(limits, parserThreads, check, ipEnricher);
    }
  }
}
