package io.github.trailbench.store;

import io.github.trailbench.Version;
import io.github.trailbench.core.correlate.EventReplay;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.ReplayVerdict;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.query.Expr;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * The replay verdict of every event of a case: each logged call replayed through the policy
 * engine over the case's IAM data ({@link Explainer#replay}) and compared with what CloudTrail
 * recorded. Computing them reads and replays every event (seconds for a big case), so they are
 * computed once per case state and kept in the case directory ({@value #FILE}, a
 * {@link DerivedFiles derived file}), stamped with the case's events, its IAM sources and the
 * build that computed them: an import of events or of IAM data makes them stale.
 */
public final class CaseVerdicts {
  static final String FILE = "replay-verdicts.cache";
  private static final int MAGIC = 0x54425631; // "TBV1"
  private static final ReplayVerdict[] VERDICTS = ReplayVerdict.values();

  /**
   * One event's verdict.
   *
   * @param undeterminedKey for {@link ReplayVerdict#UNDETERMINED}, the first context key the
   *     decision depended on; null otherwise
   */
  public record Verdict(ReplayVerdict verdict, String undeterminedKey) {}

  /** The verdicts of one case state, by row id. Immutable. */
  public static final class Table {
    private final String stamp;
    private final long[] rowIds;
    private final byte[] verdicts;
    private final int[] keys;
    private final String[] keyNames;

    /** {@code rowIds} ascending; {@code keys} index {@code keyNames}, -1 for none. */
    private Table(String stamp, long[] rowIds, byte[] verdicts, int[] keys, String[] keyNames) {
      this.stamp = stamp;
      this.rowIds = rowIds;
      this.verdicts = verdicts;
      this.keys = keys;
      this.keyNames = keyNames;
    }

    /** The event's verdict; {@link ReplayVerdict#NO_DECISION} for an event the table does not hold. */
    public Verdict of(long rowId) {
      int k = Arrays.binarySearch(rowIds, rowId);
      if (k < 0) {
        return new Verdict(ReplayVerdict.NO_DECISION, null);
      }
      return new Verdict(VERDICTS[verdicts[k]], keys[k] < 0 ? null : keyNames[keys[k]]);
    }

    /** The event's verdict only (no key). */
    ReplayVerdict verdictOf(long rowId) {
      int k = Arrays.binarySearch(rowIds, rowId);
      return k < 0 ? ReplayVerdict.NO_DECISION : VERDICTS[verdicts[k]];
    }

    /** Events replayed. */
    public int size() {
      return rowIds.length;
    }

    /** How many events have the verdict {@code v}. */
    public long count(ReplayVerdict v) {
      long n = 0;
      for (byte b : verdicts) {
        if (b == v.ordinal()) {
          n++;
        }
      }
      return n;
    }
  }

  private final CaseStore store;
  private volatile Table current;
  /** Whether the derived file was read for the table in memory (tests). */
  volatile boolean readFromFile;

  CaseVerdicts(CaseStore store) {
    this.store = store;
  }

  /**
   * The verdicts when they are computed for the case as it is now (kept in memory or in the
   * derived file); empty otherwise. Never replays.
   */
  public Optional<Table> ifReady() {
    String stamp = stamp();
    Table t = current;
    if (t != null && t.stamp.equals(stamp)) {
      return Optional.of(t);
    }
    Table kept = read(store.directory().resolve(FILE), stamp);
    if (kept != null) {
      current = kept;
      readFromFile = true;
      return Optional.of(kept);
    }
    return Optional.empty();
  }

  /**
   * The verdicts of the case as it is now: those kept when current, else every event replayed
   * (reporting the share done, 0 to 1, as it goes) and kept. One computation at a time; a caller
   * arriving during one waits for it.
   *
   * @throws StoreException when the case's IAM data does not read
   */
  public synchronized Table get(DoubleConsumer progress) {
    Optional<Table> ready = ifReady();
    if (ready.isPresent()) {
      progress.accept(1.0);
      return ready.get();
    }
    String stamp = stamp();
    Table t = compute(stamp, progress);
    DerivedFiles.write(store.directory().resolve(FILE), DerivedFiles.Content.stream(out -> write(new DataOutputStream(out), t)));
    current = t;
    readFromFile = false;
    store.queries().changed(); // filters on verdict: cached matches are of the old table
    progress.accept(1.0);
    return t;
  }

  private Table compute(String stamp, DoubleConsumer progress) {
    IamSnapshot iam;
    try {
      iam = CaseIam.snapshot(store);
    } catch (SourceFormatException e) {
      throw new StoreException("cannot replay the case's events: its IAM data does not read: " + e.getMessage(), e);
    }
    Explainer explainer = CaseExplainers.forCase(store, iam);
    long total = Math.max(1, store.queries().count(new Expr.All()));
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, total);
    long[] rowIds = new long[capacity];
    byte[] verdicts = new byte[capacity];
    int[] keys = new int[capacity];
    Map<String, Integer> keyIndex = new HashMap<>();
    List<String> keyNames = new ArrayList<>();
    int[] n = {0};
    long step = Math.max(1, total / 100);
    CaseEvents.forEachRow(store, new Expr.All(), (rowId, event) -> {
      ReplayVerdict v;
      String key = null;
      try {
        EventReplay r = explainer.replay(event);
        v = r.verdict();
        if (v == ReplayVerdict.UNDETERMINED && !r.undeterminedKeys().isEmpty()) {
          key = r.undeterminedKeys().get(0);
        }
      } catch (SourceFormatException e) {
        v = ReplayVerdict.UNDETERMINED; // a policy the decision needs cannot be read (explain names it)
        key = "(unreadable policy)";
      } catch (RuntimeException e) {
        // a fault of the replay on this record: not "no decision", which says nothing was there to decide
        v = ReplayVerdict.UNDETERMINED;
        key = "(replay error: " + e.getClass().getSimpleName() + ")";
      }
      int i = n[0]++;
      rowIds[i] = rowId;
      verdicts[i] = (byte) v.ordinal();
      keys[i] = key == null ? -1 : keyIndex.computeIfAbsent(key, k -> {
        keyNames.add(k);
        return keyNames.size() - 1;
      });
      if (n[0] % step == 0) {
        progress.accept(Math.min(1.0, n[0] / (double) total));
      }
    }, problem -> {});
    return sorted(stamp, n[0], rowIds, verdicts, keys, keyNames.toArray(String[]::new));
  }

  /** The first {@code n} entries ordered by row id. */
  private static Table sorted(String stamp, int n, long[] rowIds, byte[] verdicts, int[] keys, String[] keyNames) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(rowIds[a], rowIds[b]));
    long[] r = new long[n];
    byte[] v = new byte[n];
    int[] k = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = rowIds[order[i]];
      v[i] = verdicts[order[i]];
      k[i] = keys[order[i]];
    }
    return new Table(stamp, r, v, k, keyNames);
  }

  /**
   * What the verdicts are computed from: the case's events and imported files, its IAM sources,
   * and the build of Trailbench (a newer engine may decide otherwise).
   */
  private String stamp() {
    return DerivedFiles.caseStamp(store) + " | " + iamStamp() + " | " + Version.build();
  }

  private String iamStamp() {
    try (Connection c = store.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(file_id), 0), COALESCE(MAX(file_id), 0),"
            + " COALESCE(SUM(OCTET_LENGTH(content)), 0) FROM iam_source")) {
      rs.next();
      return "iam " + rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's IAM sources: " + e.getMessage(), e);
    }
  }

  private static void write(DataOutputStream out, Table t) throws java.io.IOException {
    out.writeInt(MAGIC);
    out.writeUTF(t.stamp);
    out.writeInt(t.keyNames.length);
    for (String k : t.keyNames) {
      out.writeUTF(k);
    }
    out.writeInt(t.rowIds.length);
    for (int i = 0; i < t.rowIds.length; i++) {
      out.writeLong(t.rowIds[i]);
      out.writeByte(t.verdicts[i]);
      out.writeInt(t.keys[i]);
    }
    out.flush();
  }

  /** The kept table when its stamp is {@code stamp}; null when absent, stale or damaged. */
  private static Table read(Path file, String stamp) {
    return DerivedFiles.read(file, DerivedFiles.Reader.stream(stream -> {
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(stream, 1 << 16));
      if (in.readInt() != MAGIC || !in.readUTF().equals(stamp)) {
        return null;
      }
      String[] keyNames = new String[in.readInt()];
      for (int k = 0; k < keyNames.length; k++) {
        keyNames[k] = in.readUTF();
      }
      int n = in.readInt();
      long[] rowIds = new long[n];
      byte[] verdicts = new byte[n];
      int[] keys = new int[n];
      for (int i = 0; i < n; i++) {
        rowIds[i] = in.readLong();
        verdicts[i] = in.readByte();
        keys[i] = in.readInt();
        if (verdicts[i] < 0 || verdicts[i] >= VERDICTS.length || keys[i] >= keyNames.length || (i > 0 && rowIds[i] <= rowIds[i - 1])) {
          return null;
        }
      }
      return new Table(stamp, rowIds, verdicts, keys, keyNames);
    }));
  }
}
