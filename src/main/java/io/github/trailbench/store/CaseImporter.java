package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.CloudTrailReader;
import io.github.trailbench.core.cloudtrail.EventSink;
import io.github.trailbench.core.cloudtrail.ReadEvent;
import io.github.trailbench.core.cloudtrail.ReadSummary;
import io.github.trailbench.core.cloudtrail.SourceFiles;
import io.github.trailbench.core.cloudtrail.SourceKind;
import io.github.trailbench.core.correlate.CorrelationFacts;
import io.github.trailbench.core.correlate.EventFacts;
import io.github.trailbench.core.correlate.EventFactsDeriver;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports files into a case. Files are parsed on several threads; one writer (the calling
 * thread) inserts in batches, one transaction per file, so a file is in the case whole or not
 * at all. See docs/case-store.md.
 */
public final class CaseImporter {
  static final int CHUNK = 1000;
  /** Writer timings (debug aid, printed with -Dtrailbench.import.stats=true): wait, insert, commit, ledger. */
  static final long[] STATS = new long[6];
  static final int MAX_REJECTS_KEPT = 1000;
  /** How often a running import records what the case holds in case.manifest. */
  private static final long MANIFEST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final CaseStore store;
  private final EventFactsDeriver deriver;
  private final CaseStore.ImportOptions options;
  private final CloudTrailReader reader;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private final SourceWalk.FolderLister folderLister;

  CaseImporter(CaseStore store, EventFactsDeriver deriver, CaseStore.ImportOptions options) {
    this(store, deriver, options, SourceWalk.FILE_SYSTEM);
  }

  CaseImporter(CaseStore store, EventFactsDeriver deriver, CaseStore.ImportOptions options,
      SourceWalk.FolderLister folderLister) {
    this.folderLister = folderLister;
    this.store = store;
    this.deriver = deriver;
    this.options = options;
    // the store slices raw records out of the kept file content, so the reader need not copy them;
    // nothing the import derives reads tlsDetails (the raw record keeps it)
    this.reader = new CloudTrailReader(options.limits()).withRawTextForSlices(false).withDetailTexts(false);
  }

  static final String CANCELLED_BEFORE_FILE = "import cancelled before this file";
  static final String CANCELLED_DURING_FILE = "import cancelled";

  /** Whether this outcome is a file left out (or rolled back) because the import was cancelled. */
  public static boolean cancelledBeforeFile(FileOutcome f) {
    return f.status() == FileOutcome.Status.CANCELLED;
  }

  /** Asks a running import to stop: files committed stay, the file being written is rolled back. */
  public void cancel() {
    cancelled.set(true);
  }

  // ---- messages from parser threads to the writer -------------------------------------------

  private sealed interface Msg permits Chunk, Done, Failed, Skipped, Iam {}

  private record Chunk(List<Row> rows) implements Msg {}

  private record Done(ReadSummary summary, String sha, long size, List<SourceProblem> rejects, int rejectCount) implements Msg {}

  private record Failed(String format, SourceProblem problem, boolean cancelled) implements Msg {
    Failed(String format, SourceProblem problem) {
      this(format, problem, false);
    }
  }

  private record Skipped(String format, String note, int read) implements Msg {}

  private record Iam(SourceKind kind, String sha, long size, boolean gzip, byte[] content) implements Msg {}

  record Row(
      int recordIndex, String eventId, String accountId, long timeMs, String source, String name,
      String region, String principal, String accessKey, String session, String ip, String userAgent,
      String error, Boolean readOnly, String identityType, String eventType, long rawOffset,
      int rawLength, String rawJson, List<String> actions, List<String> resources, String correlation,
      String onBehalfOf) {}

  private static final class Job {
    final Path path;
    final BlockingQueue<Msg> queue = new ArrayBlockingQueue<>(4);

    Job(Path path) {
      this.path = path;
    }
  }

  /** Imports files and folders (recursively; hidden entries in folders are skipped). */
  public ImportReport importPaths(List<Path> inputs, ImportListener listener) {
    SourceWalk.Result walk = SourceWalk.walk(inputs, folderLister);
    List<FileOutcome> outcomes = new ArrayList<>(walk.leftOut());
    List<Path> files = walk.files();
    Map<String, String> known = new ConcurrentHashMap<>();
    try (Connection c = store.connection()) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sha256, path FROM source_file")) {
        while (rs.next()) {
          known.putIfAbsent(rs.getString(1), rs.getString(2));
        }
      }
      outcomes.addAll(run(c, files, known, listener));
    } catch (SQLException | RuntimeException | OutOfMemoryError e) {
      boolean outOfMemory = OutOfMemory.caused(e);
      StoreException failed = e instanceof StoreException se && !outOfMemory ? se
          : new StoreException("import failed: " + (outOfMemory ? OutOfMemory.explanation() : e.getMessage())
              + "; the files committed before are kept (trailbench verify checks the case)", e);
      try {
        store.recordManifest();
      } catch (StoreException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
    store.recordManifest();
    if (options.ipEnricher() == null) {
      return new ImportReport(outcomes, null, "IP enrichment switched off");
    }
    try {
      // the events are committed; enrichment failing leaves them in place and says so
      return new ImportReport(outcomes, CaseIpInfo.enrichMissing(store, options.ipEnricher()), null);
    } catch (RuntimeException e) {
      return new ImportReport(outcomes, null, "IP enrichment failed: " + e.getMessage());
    }
  }

  private static String identical(String sha, String prior) {
    return "identical content (SHA-256 " + sha.substring(0, 16) + "...) already imported from " + prior + "; skipped";
  }

  private static FileOutcome skipped(String file, String format, String note) {
    return new FileOutcome(file, format, FileOutcome.Status.SKIPPED, 0, 0, 0, 0,
        List.of(new SourceProblem(file, "whole file", note)), note);
  }

  private static FileOutcome rejected(String file, String format, String position, String reason) {
    return new FileOutcome(file, format, FileOutcome.Status.REJECTED, 0, 0, 0, 0,
        List.of(new SourceProblem(file, position, reason)), null);
  }

  private List<FileOutcome> run(Connection c, List<Path> files, Map<String, String> known, ImportListener listener)
      throws SQLException {
    cancelled.set(false);
    List<Job> jobs = new ArrayList<>();
    files.forEach(f -> jobs.add(new Job(f)));
    AtomicInteger next = new AtomicInteger();
    int threads = Math.max(1, Math.min(Math.min(options.parserThreads(), jobs.size()),
        parsersTheHeapHolds(Runtime.getRuntime().maxMemory(), options.limits().maxRecordBytes())));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "trailbench-import-parser");
      t.setDaemon(true);
      return t;
    });
    // Parsers may run at most `window` files ahead of the writer: per-file queues are bounded,
    // and this bounds how many files' rows can wait in memory (small files fit in one chunk).
    int window = threads + 1;
    int[] writerAt = {0};
    Object gate = new Object();
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        int k;
        while (!cancelled.get() && (k = next.getAndIncrement()) < jobs.size()) {
          synchronized (gate) {
            while (k >= writerAt[0] + window && !cancelled.get()) {
              try {
                gate.wait(100);
              } catch (InterruptedException e) {
                return;
              }
            }
          }
          parse(jobs.get(k), known);
        }
      });
    }
    List<FileOutcome> out = new ArrayList<>();
    Writer w = new Writer(c);
    try {
      long events = 0;
      int done = 0;
      long manifestWritten = System.nanoTime();
      for (Job job : jobs) {
        if (cancelled.get()) {
          out.add(new FileOutcome(job.path.toString(), null, FileOutcome.Status.CANCELLED, 0, 0, 0, 0,
              List.of(new SourceProblem(job.path.toString(), "", CANCELLED_BEFORE_FILE)), null));
          continue;
        }
        FileOutcome o = w.write(job, known, listener, events, done, jobs.size());
        events += o.read();
        done++;
        synchronized (gate) {
          writerAt[0] = done;
          gate.notifyAll();
        }
        out.add(o);
        if (System.nanoTime() - manifestWritten > MANIFEST_INTERVAL_NANOS) {
          // a long import records its progress now and then, not only at the end
          store.recordManifest();
          manifestWritten = System.nanoTime();
        }
        listener.fileDone(o);
        listener.progress(done, jobs.size(), events);
      }
    } finally {
      cancelled.set(true);
      for (Job j : jobs) {
        j.queue.clear();
      }
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      c.setAutoCommit(true);
      if (Boolean.getBoolean("trailbench.import.stats")) {
        System.err.printf("import stats: wait %.2fs, insert %.2fs, commit %.2fs, ledger %.2fs (terms %.2fs, blocks %.2fs)%n",
            STATS[0] / 1e9, STATS[1] / 1e9, STATS[2] / 1e9, STATS[3] / 1e9, STATS[4] / 1e9, STATS[5] / 1e9);
        java.util.Arrays.fill(STATS, 0);
      }
      w.close();
    }
    return out;
  }

  /**
   * How many files may be parsed at once in a heap of {@code maxHeap} bytes. A parser at a record
   * over the cap holds up to about five times the cap (the captured bytes, their copy while the
   * buffer grows, two bytes per character of the string being read), six counted for its other
   * garbage; the rest of an import takes about 96 MiB besides H2's page cache (an eighth of the
   * heap): the action catalog and IP tables (about 21 MiB) and H2 writing a large file's content
   * (measured up to about 30 MiB). At the usual heap (a quarter of the machine's memory) this never
   * binds; at {@code -Xmx256m} it allows two parsers, at {@code -Xmx192m} one.
   */
  static int parsersTheHeapHolds(long maxHeap, int maxRecordBytes) {
    long spare = maxHeap - maxHeap / 8 - (96L << 20);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, spare / (6L * maxRecordBytes)));
  }

  // ---- parser side ---------------------------------------------------------------------------

  private void parse(Job job, Map<String, String> known) {
    try {
      parseOrThrow(job, known);
    } catch (InterruptedException e) {
      // cancelled or shutting down: tell a writer that may be waiting on this file
      try {
        job.queue.offer(new Failed(null, new SourceProblem(job.path.toString(), "", CANCELLED_DURING_FILE), true), 5, TimeUnit.SECONDS);
      } catch (InterruptedException again) {
        // the writer is gone
      }
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // never leave the writer waiting for this file; the thread goes on with the next one (an
      // OutOfMemoryError let go of what it was holding while it unwound)
      job.queue.clear();
      String why = OutOfMemory.caused(e) ? "while reading this file, " + OutOfMemory.explanation()
          : "internal error while reading: " + e;
      job.queue.offer(new Failed(null, new SourceProblem(job.path.toString(), "", why)));
    }
  }

  private static final class ChunkHolder {
    List<Row> rows = new ArrayList<>(CHUNK);
  }



  private void parseOrThrow(Job job, Map<String, String> known) throws InterruptedException {
    Path path = job.path;
    String file = path.toString();
    String sha;
    long size;
    try {
      sha = SourceFiles.sha256(path);
      size = Files.size(path);
    } catch (IOException e) {
      job.queue.put(new Failed(null, new SourceProblem(file, "", "cannot read file: " + e.getMessage())));
      return;
    }
    String prior = known.get(sha);
    if (prior != null) {
      job.queue.put(new Skipped(null, identical(sha, prior), 0));
      return;
    }
    SourceKind kind;
    try {
      kind = reader.detect(path);
    } catch (SourceFormatException e) {
      job.queue.put(new Failed(null, e.problem()));
      return;
    }
    if (kind.isIam()) {
      try (SourceFiles.CountingContent content = SourceFiles.openContent(path, options.limits())) {
        byte[] bytes;
        try {
          bytes = content.stream().readAllBytes();
        } catch (IOException e) {
          throw SourceFiles.asProblem(path, e, content.count());
        }
        options.iamCheck().check(kind, file, bytes);
        job.queue.put(new Iam(kind, sha, size, content.gzip(), bytes));
      } catch (SourceFormatException e) {
        job.queue.put(new Failed(kind.name(), e.problem()));
      } catch (IOException e) {
        job.queue.put(new Failed(kind.name(), new SourceProblem(file, "", "cannot read: " + e.getMessage())));
      }
      return;
    }
    List<SourceProblem> rejects = new ArrayList<>();
    int[] rejectCount = {0};
    ChunkHolder chunk = new ChunkHolder();
    FactTexts factTexts = new FactTexts(reader.pool());
    EventSink sink = new EventSink() {
      @Override
      public void event(ReadEvent e) throws InterruptedException {
        if (cancelled.get()) {
          throw new InterruptedException("cancelled");
        }
        chunk.rows.add(row(e, factTexts));
        if (chunk.rows.size() >= CHUNK) {
          job.queue.put(new Chunk(chunk.rows));
          chunk.rows = new ArrayList<>(CHUNK);
        }
      }

      @Override
      public void reject(int recordIndex, SourceProblem problem) {
        rejectCount[0]++;
        if (rejects.size() < MAX_REJECTS_KEPT) {
          rejects.add(problem);
        }
      }
    };
    try {
      ReadSummary summary = reader.read(path, kind, sink);
      if (!chunk.rows.isEmpty()) {
        job.queue.put(new Chunk(chunk.rows));
      }
      job.queue.put(new Done(summary, sha, size, rejects, rejectCount[0]));
    } catch (SourceFormatException e) {
      job.queue.put(new Failed(kind.name(), e.problem()));
    }
  }

  /**
   * A file's correlation facts as text, one String per distinct identity (events of one session
   * share it): encoded once, and the writer's dictionary lookup of a String it has seen is cheap.
   */
  private static final class FactTexts {
    /**
     * By the identity instance, not its value: the readers give a file's records of one caller
     * one instance, and hashing the value (a dozen strings) per event cost more than the cache
     * saved. Written out: a record's generated methods run slowly in a cold JVM.
     */
    private static final class Key {
      final UserIdentity identity;
      final boolean console;
      final long nanos;

      Key(UserIdentity identity, boolean console, long nanos) {
        this.identity = identity;
        this.console = console;
        this.nanos = nanos;
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Key k && k.identity == identity && k.console == console && k.nanos == nanos;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(identity) * 31 + Long.hashCode(nanos) * 2 + (console ? 1 : 0);
      }
    }

    private final Map<Key, String> texts = new java.util.HashMap<>();
    private final io.github.trailbench.core.cloudtrail.TextPool pool;

    FactTexts(io.github.trailbench.core.cloudtrail.TextPool pool) {
      this.pool = pool;
    }

    String of(ReadEvent re) {
      CloudTrailEvent e = re.event();
      if (CorrelationFacts.keepsDocuments(e)) {
        return CorrelationFacts.of(e, re.mentionsConsoleCredential()).encode();
      }
      Key key = new Key(e.userIdentity(), re.mentionsConsoleCredential(), e.eventTime().getNano() % 1_000_000);
      String text = texts.get(key);
      if (text == null) {
        if (texts.size() >= 4096) {
          texts.clear();
        }
        text = pool.of(CorrelationFacts.of(e, re.mentionsConsoleCredential()).encode());
        texts.put(key, text);
      }
      return text;
    }
  }

  private Row row(ReadEvent re, FactTexts factTexts) {
    CloudTrailEvent e = re.event();
    EventFacts f = deriver.derive(e);
    UserIdentity u = e.userIdentity();
    return new Row(
        re.recordIndex(), e.eventId(), e.recipientAccountId() == null ? "" : e.recipientAccountId(),
        e.eventTime().toEpochMilli(), e.eventSource(), e.eventName(), e.awsRegion(), f.principalArn(),
        u == null ? null : u.accessKeyId(), f.sessionId(), e.sourceIpAddress(), e.userAgent(),
        e.errorCode() == null || e.errorCode().isEmpty() ? null : e.errorCode(), e.readOnly(),
        u == null ? null : u.type(), e.eventType(),
        re.rawInContent() ? re.rawOffset() : -1, re.rawInContent() ? re.rawLength() : -1,
        re.rawInContent() ? null : e.rawJson(), f.actions(), f.resourceArns(),
        factTexts.of(re), u == null ? null : u.onBehalfOf());
  }

  // ---- writer side ---------------------------------------------------------------------------

  private final class Writer implements AutoCloseable {
    final Connection c;
    final PreparedStatement insBlock;
    final PreparedStatement insRaw;
    final Terms terms;
    final EventKeys keys;
    final EventBlock.Builder block = new EventBlock.Builder();
    final int[] termIds = new int[EventBlock.TERM_COLUMNS.length];
    int[] factIds = new int[16];
    int nextFileId;
    long nextRow;
    long nextBlock;
    int pendingRaw;

    Writer(Connection c) throws SQLException {
      this.c = c;
      insBlock = c.prepareStatement(EventBlock.INSERT);
      insRaw = c.prepareStatement("INSERT INTO event_raw(row_id, json) VALUES (?,?)");
      EventColumns existing = store.queries().columns();
      IdHighWater next = IdHighWater.read(c);
      terms = new Terms(c, existing, next.term(), next.chunk());
      keys = EventKeys.of(existing);
      nextRow = Math.max(next.row(), existing.size == 0 ? 1 : existing.rowId[existing.size - 1] + 1);
      if (existing.size == 0) {
        // every event of this case will carry its onBehalfOf: filters on it may trust an empty answer
        CaseIpInfo.setSetting(c, EventQueries.ON_BEHALF_OF_KEPT, "true");
        if (!c.getAutoCommit()) {
          c.commit(); // on its own: a first file rolled back must not take it along
        }
      }
      nextFileId = Math.toIntExact(next.file());
      nextBlock = next.block();
    }

    /** Raises the case's next free ids past this file's, in its transaction. */
    private void recordHighWater(int fileId) throws SQLException {
      new IdHighWater(fileId + 1L, nextRow, nextBlock, terms.nextTermId(), terms.nextChunkId()).store(c);
    }

    private void rollback(long firstRow, long firstBlock, int keysMark) throws SQLException {
      insBlock.clearBatch();
      insRaw.clearBatch();
      pendingRaw = 0;
      block.clear();
      c.rollback();
      terms.rolledBack();
      keys.rollback(keysMark);
      nextRow = firstRow;
      nextBlock = firstBlock;
    }

    private void commit() throws SQLException {
      long tc = System.nanoTime();
      c.commit();
      STATS[2] += System.nanoTime() - tc;
      terms.committed();
    }

    FileOutcome write(Job job, Map<String, String> known, ImportListener listener, long eventsBefore, int done, int total)
        throws SQLException {
      String file = job.path.toString();
      int fileId = nextFileId;
      long firstRow = nextRow;
      long firstBlock = nextBlock;
      int keysMark = keys.mark();
      int added = 0, duplicates = 0, read = 0;
      List<SourceProblem> conflicts = new ArrayList<>();
      c.setAutoCommit(false);
      try {
        while (true) {
          Msg m;
          long tw = System.nanoTime();
          try {
            m = job.queue.take();
            STATS[0] += System.nanoTime() - tw;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rollback(firstRow, firstBlock, keysMark);
            return rejected(file, null, "", "import interrupted");
          }
          if (m instanceof Chunk ch) {
            long ti = System.nanoTime();
            int conflictsBefore = conflicts.size();
            int a = insert(fileId, file, ch.rows(), conflicts);
            STATS[1] += System.nanoTime() - ti;
            added += a;
            duplicates += ch.rows().size() - a - (conflicts.size() - conflictsBefore);
            read += ch.rows().size();
            listener.progress(done, total, eventsBefore + read);
          } else if (m instanceof Done d) {
            if (known.containsKey(d.sha())) {
              rollback(firstRow, firstBlock, keysMark);
              return skipped(file, d.summary().kind().name(), identical(d.sha(), known.get(d.sha())));
            }
            long tl = System.nanoTime();
            flushBlock(fileId);
            SourceKind kind = d.summary().kind();
            boolean keepContent = added > 0 && keepsContent(kind);
            String decodedFrom = d.summary().decodedFrom();
            String note = decodedFrom == null ? d.summary().note() : (d.summary().gzip() ? "gunzipped and decoded from " : "decoded from ")
                + decodedFrom + "; kept in the case as UTF-8 text (the SHA-256 is of the file as it is on disk)";
            // a decoded file's events are slices of its UTF-8 text: that text is what the case keeps, not gzipped
            // a conflicting copy is a rejected record: read, not added, listed with what differs
            // kept apart from the file's own cap: what the case's answers name as contested must all be listed
            List<SourceProblem> rejects = conflicts.isEmpty() ? d.rejects() : new ArrayList<>(d.rejects());
            if (!conflicts.isEmpty()) {
              rejects.addAll(conflicts.subList(0, Math.min(conflicts.size(), MAX_REJECTS_KEPT)));
            }
            int rejected = d.rejectCount() + conflicts.size();
            ledger(fileId, job.path, d.sha(), d.size(), d.summary().contentBytes(), kind, d.summary().gzip() && decodedFrom == null,
                read + d.rejectCount(), added, duplicates, rejected, note, keepContent, decodedFrom != null);
            rejects(fileId, rejects);
            recordHighWater(fileId);
            STATS[3] += System.nanoTime() - tl;
            commit();
            known.put(d.sha(), file);
            nextFileId++;
            FileOutcome.Status st = kind == SourceKind.CLOUDTRAIL_DIGEST || kind == SourceKind.SLICE_OVERVIEW
                ? FileOutcome.Status.SKIPPED : FileOutcome.Status.IMPORTED;
            return new FileOutcome(file, kind.name(), st, read + d.rejectCount(), added, duplicates, rejected, rejects, note);
          } else if (m instanceof Iam iam) {
            if (known.containsKey(iam.sha())) {
              return skipped(file, iam.kind().name(), identical(iam.sha(), known.get(iam.sha())));
            }
            ledger(fileId, job.path, iam.sha(), iam.size(), iam.content().length, iam.kind(), iam.gzip(), 0, 0, 0, 0,
                "IAM source stored for the IAM readers", false, false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO iam_source(file_id, kind, content) VALUES (?,?,?)")) {
              ps.setInt(1, fileId);
              ps.setString(2, iam.kind().name());
              ps.setBytes(3, iam.content());
              ps.executeUpdate();
            }
            recordHighWater(fileId);
            commit();
            store.queries().changed(); // filters on replay verdicts read the IAM data
            known.put(iam.sha(), file);
            nextFileId++;
            return new FileOutcome(file, iam.kind().name(), FileOutcome.Status.IMPORTED, 0, 0, 0, 0, List.of(),
                "stored for the IAM readers");
          } else if (m instanceof Failed f) {
            rollback(firstRow, firstBlock, keysMark);
            return f.cancelled()
                ? new FileOutcome(file, f.format(), FileOutcome.Status.CANCELLED, 0, 0, 0, 0, List.of(f.problem()),
                    "import cancelled while writing it; rolled back")
                : new FileOutcome(file, f.format(), FileOutcome.Status.REJECTED, 0, 0, 0, 0, List.of(f.problem()),
                    "rejected whole; nothing of it was added");
          } else if (m instanceof Skipped s) {
            rollback(firstRow, firstBlock, keysMark);
            return skipped(file, s.format(), s.note());
          }
        }
      } catch (SQLException | RuntimeException | Error e) {
        // an Error too: the finally of run() turns auto-commit back on, which would commit half a file
        try {
          rollback(firstRow, firstBlock, keysMark);
        } catch (SQLException closed) {
          // H2 closes the database when it runs out of memory: the import ends here, with the cause
          e.addSuppressed(closed);
          throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
        drain(job);
        return rejected(file, null, "", "could not store the file, nothing of it was added: "
            + (OutOfMemory.caused(e) ? OutOfMemory.explanation() : e.getMessage()));
      }
    }

    /** Consumes what the parser still sends for a file the writer gave up on. */
    private void drain(Job job) {
      try {
        while (true) {
          Msg m = job.queue.poll(30, TimeUnit.SECONDS);
          if (m == null || !(m instanceof Chunk)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private boolean keepsContent(SourceKind kind) {
      return kind == SourceKind.CLOUDTRAIL_RECORDS || kind == SourceKind.EVENT_ARRAY
          || kind == SourceKind.EVENT_JSON_LINES || kind == SourceKind.EVENT_OBJECT_SEQUENCE;
    }

    /**
     * Adds the rows that are new to the case to the current block; returns how many were new. A row
     * whose key (eventID and account) the case already holds is a duplicate, or, when the record
     * there differs in time, event name or error code, a conflicting copy: not added, and listed in
     * {@code conflicts} with what differs.
     */
    private int insert(int fileId, String file, List<Row> rows, List<SourceProblem> conflicts) throws SQLException {
      int added = 0;
      for (Row r : rows) {
        int account = termId(TermKind.ACCOUNT, r.accountId().isEmpty() ? null : r.accountId());
        byte[] id = r.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int name = termId(TermKind.EVENT_NAME, r.name());
        int error = termId(TermKind.ERROR_CODE, r.error());
        int existing = keys.addOrFind(id, account, r.timeMs(), name, error);
        if (existing >= 0) {
          if (keys.time(existing) != r.timeMs() || keys.name(existing) != name || keys.error(existing) != error) {
            conflicts.add(conflict(file, r, existing));
          }
          continue;
        }
        termIds[0] = account;
        termIds[1] = termId(TermKind.EVENT_SOURCE, r.source());
        termIds[2] = name;
        termIds[3] = termId(TermKind.REGION, r.region());
        termIds[4] = termId(TermKind.PRINCIPAL, r.principal());
        termIds[5] = termId(TermKind.ACCESS_KEY, r.accessKey());
        termIds[6] = termId(TermKind.SESSION, r.session());
        termIds[7] = termId(TermKind.IP, r.ip());
        termIds[8] = termId(TermKind.USER_AGENT, r.userAgent());
        termIds[9] = error;
        termIds[10] = termId(TermKind.IDENTITY_TYPE, r.identityType());
        termIds[11] = termId(TermKind.EVENT_TYPE, r.eventType());
        termIds[12] = termId(TermKind.CORRELATION, r.correlation());
        int k = r.actions().size() + r.resources().size() + 1;
        if (k > factIds.length) {
          factIds = new int[Math.max(k, factIds.length * 2)];
        }
        int j = 0;
        for (String a : r.actions()) {
          factIds[j++] = termId(TermKind.ACTION, a);
        }
        for (String a : r.resources()) {
          factIds[j++] = termId(TermKind.RESOURCE, a);
        }
        if (r.onBehalfOf() != null) {
          factIds[j++] = termId(TermKind.ON_BEHALF_OF, r.onBehalfOf());
        }
        java.util.Arrays.sort(factIds, 0, j);
        int distinct = 0;
        for (int x = 0; x < j; x++) {
          if (distinct == 0 || factIds[distinct - 1] != factIds[x]) {
            factIds[distinct++] = factIds[x];
          }
        }
        long row = nextRow++;
        if (r.rawOffset() < 0) {
          insRaw.setLong(1, row);
          insRaw.setString(2, r.rawJson());
          insRaw.addBatch();
          pendingRaw++;
        }
        block.add(row, r.timeMs(), r.recordIndex(), r.rawOffset() >= 0 ? r.rawOffset() : -1,
            r.rawOffset() >= 0 ? r.rawLength() : 0, termIds, r.readOnly(), factIds, distinct, id);
        added++;
        if (block.full()) {
          flushBlock(fileId);
        }
      }
      return added;
    }

    /** A record whose eventID the case holds as another record: what differs, the first copy kept. */
    private SourceProblem conflict(String file, Row r, int existing) {
      List<String> differs = new ArrayList<>();
      if (keys.error(existing) != termIdOrZero(TermKind.ERROR_CODE, r.error())) {
        String before = terms.text(TermKind.ERROR_CODE, keys.error(existing));
        differs.add("errorCode " + (r.error() == null ? "none" : r.error()) + " here, " + (before == null ? "none" : before)
            + " in the case");
      }
      if (keys.name(existing) != termIdOrZero(TermKind.EVENT_NAME, r.name())) {
        differs.add("eventName " + r.name() + " here, " + terms.text(TermKind.EVENT_NAME, keys.name(existing)) + " in the case");
      }
      if (keys.time(existing) != r.timeMs()) {
        differs.add("eventTime " + java.time.Instant.ofEpochMilli(r.timeMs()) + " here, "
            + java.time.Instant.ofEpochMilli(keys.time(existing)) + " in the case");
      }
      return new SourceProblem(file, "record " + r.recordIndex(), ContestedCopies.reason(r.eventId(), r.accountId(), differs));
    }

    private int termIdOrZero(TermKind kind, String value) {
      try {
        return termId(kind, value);
      } catch (SQLException e) {
        return -1;
      }
    }

    private int termId(TermKind kind, String value) throws SQLException {
      Integer id = terms.id(kind, value);
      return id == null ? 0 : id;
    }

    /** Writes the current block (and the records kept whole) into the open transaction. */
    private void flushBlock(int fileId) throws SQLException {
      long tf = System.nanoTime();
      terms.flush(fileId);
      STATS[4] += System.nanoTime() - tf;
      if (pendingRaw > 0) {
        insRaw.executeBatch();
        pendingRaw = 0;
      }
      if (block.size() == 0) {
        return;
      }
      EventBlock b = block.build();
      block.clear();
      long tb = System.nanoTime();
      b.insert(insBlock, nextBlock++, fileId);
      STATS[5] += System.nanoTime() - tb;
    }

    private void ledger(int fileId, Path path, String sha, long size, long contentBytes, SourceKind kind, boolean gzip,
        int read, int added, int dups, int rejected, String note, boolean keepContent, boolean decoded) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO source_file(id, path, sha256, size_bytes, content_bytes, format, gzip, imported_at, records_read,"
              + " added, duplicates, rejected, note, content) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setInt(1, fileId);
        ps.setString(2, path.toAbsolutePath().normalize().toString());
        ps.setString(3, sha);
        ps.setLong(4, size);
        ps.setLong(5, contentBytes);
        ps.setString(6, kind.name());
        ps.setBoolean(7, gzip);
        ps.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
        ps.setInt(9, read);
        ps.setInt(10, added);
        ps.setInt(11, dups);
        ps.setInt(12, rejected);
        ps.setString(13, note);
        if (keepContent && decoded) {
          try (SourceFiles.CountingContent text = SourceFiles.openContent(path, options.limits())) {
            ps.setBinaryStream(14, text.stream(), contentBytes);
            ps.executeUpdate();
          } catch (IOException e) {
            throw new SQLException("cannot read " + path + " again to keep its content: " + e.getMessage(), e);
          }
        } else if (keepContent) {
          try (InputStream in = Files.newInputStream(path)) {
            ps.setBinaryStream(14, in, size);
            ps.executeUpdate();
          } catch (IOException e) {
            throw new SQLException("cannot read " + path + " again to keep its content: " + e.getMessage(), e);
          }
        } else {
          ps.setNull(14, Types.BLOB);
          ps.executeUpdate();
        }
      }
    }

    private void rejects(int fileId, List<SourceProblem> rejects) throws SQLException {
      if (rejects.isEmpty()) {
        return;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO import_reject(file_id, record_index, position, reason) VALUES (?,?,?,?)")) {
        for (SourceProblem p : rejects) {
          ps.setInt(1, fileId);
          ps.setInt(2, recordIndexOf(p.position()));
          ps.setString(3, clip(p.position(), 400));
          ps.setString(4, clip(p.reason(), 4096));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }

    @Override
    public void close() throws SQLException {
      insBlock.close();
      insRaw.close();
      terms.close();
    }
  }

  static int recordIndexOf(String position) {
    if (position != null && position.startsWith("record ")) {
      int end = position.indexOf(',');
      try {
        return Integer.parseInt(position.substring(7, end < 0 ? position.length() : end).trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  static String clip(String s, int n) {
    return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }
}
