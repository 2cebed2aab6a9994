package io.github.trailbench.store;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The findings kept in a case, in the analyst's order. Detections are merged in by id (ids are
 * stable per rule and group, see {@link Finding#id()}): a re-run refreshes what the rule found
 * (summary, evidence, counts) and keeps what the analyst decided (status and notes always; title
 * and severity once edited; evidence the analyst added). A finding the latest run no longer
 * produces is kept and marked, never deleted behind the analyst's back.
 */
public final class CaseFindings {
  private CaseFindings() {}

  /** A stored finding with its place and bookkeeping. */
  public record Stored(Finding finding, int position, boolean edited, boolean detected, Instant updatedAt) {}

  /** What a merge of a detection run did. */
  public record Merge(int added, int refreshed, int noLongerDetected) {}

  public static List<Stored> list(CaseStore store) {
    try (Connection c = store.connection()) {
      return new ArrayList<>(load(c).values());
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's findings: " + e.getMessage(), e);
    }
  }

  /** The ids of the stored findings the last detection run did not raise again (kept, marked "no longer detected"). */
  public static java.util.Set<String> noLongerDetected(CaseStore store) {
    return list(store).stream().filter(s -> !s.detected()).map(s -> s.finding().id())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public static List<Finding> findings(CaseStore store) {
    return list(store).stream().map(Stored::finding).toList();
  }

  public static Optional<Finding> byId(CaseStore store, String id) {
    return list(store).stream().map(Stored::finding).filter(f -> f.id().equals(id)).findFirst();
  }

  private static Map<String, Stored> load(Connection c) throws SQLException {
    Map<String, Stored> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT document, position, edited, detected, updated_at FROM finding ORDER BY position, id")) {
      while (rs.next()) {
        Finding f;
        try {
          f = FindingCodec.read(rs.getString(1));
        } catch (IllegalArgumentException e) {
          throw new StoreException("a stored finding cannot be read (" + e.getMessage() + "); the case was changed outside Trailbench", e);
        }
        out.put(f.id(), new Stored(f, rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4),
            rs.getObject(5, OffsetDateTime.class).toInstant()));
      }
    }
    return out;
  }

  /**
   * Saves an analyst's finding or edit (creating it at the end when new). Changing title,
   * severity, status or notes marks a detection's finding as edited, so later runs keep them.
   */
  public static Stored save(CaseStore store, Finding f) {
    Objects.requireNonNull(f);
    return Jdbc.inTransaction(store, "save finding " + f.id(), c -> {
      Map<String, Stored> all = load(c);
      Stored old = all.get(f.id());
      Stored saved;
      if (old == null) {
        saved = new Stored(f, nextPosition(all), f.isManual(), true, Instant.now());
        insert(c, saved);
      } else {
        boolean edited = old.edited() || analystChanged(old.finding(), f);
        saved = new Stored(f, old.position(), edited, old.detected(), Instant.now());
        update(c, saved);
      }
      return saved;
    });
  }

  private static boolean analystChanged(Finding a, Finding b) {
    return !a.title().equals(b.title()) || a.severity() != b.severity() || a.status() != b.status()
        || !a.notes().equals(b.notes()) || !a.evidence().equals(b.evidence());
  }

  /** Adds evidence to a stored finding; returns the finding as saved. */
  public static Finding addEvidence(CaseStore store, String findingId, List<Evidence> items) {
    Finding f = byId(store, findingId).orElseThrow(() -> new StoreException("no finding " + findingId + " in this case"));
    return save(store, f.withAddedEvidence(items.toArray(Evidence[]::new))).finding();
  }

  public static void delete(CaseStore store, String id) {
    Jdbc.update(store, "delete finding " + id, "DELETE FROM finding WHERE id = ?", id);
  }

  /** Moves a finding to {@code index} (0-based) of the analyst's order. */
  public static void move(CaseStore store, String id, int index) {
    Jdbc.inTransaction(store, "reorder findings", c -> {
      List<String> ids = new ArrayList<>(load(c).keySet());
      if (!ids.remove(id)) {
        throw new StoreException("no finding " + id + " in this case");
      }
      ids.add(Math.max(0, Math.min(index, ids.size())), id);
      try (PreparedStatement p = c.prepareStatement("UPDATE finding SET position = ? WHERE id = ?")) {
        for (int i = 0; i < ids.size(); i++) {
          p.setInt(1, i);
          p.setString(2, ids.get(i));
          p.addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  /** Merges a detection run's findings (see the class comment). */
  public static Merge mergeDetections(CaseStore store, List<Finding> detected) {
    return Jdbc.inTransaction(store, "store the detections' findings", c -> {
      Map<String, Stored> all = load(c);
      int position = nextPosition(all);
      int added = 0;
      int refreshed = 0;
      Set<String> seen = new HashSet<>();
      for (Finding f : detected.stream().sorted(Finding.ORDER).toList()) {
        if (!seen.add(f.id())) {
          continue;
        }
        Stored old = all.get(f.id());
        if (old == null) {
          insert(c, new Stored(f, position++, false, true, Instant.now()));
          added++;
        } else {
          update(c, new Stored(refresh(old, f), old.position(), old.edited(), true, Instant.now()));
          refreshed++;
        }
      }
      int gone = 0;
      for (Stored s : all.values()) {
        if (!s.finding().isManual() && !seen.contains(s.finding().id()) && s.detected()) {
          update(c, new Stored(s.finding(), s.position(), s.edited(), false, Instant.now()));
          gone++;
        }
      }
      return new Merge(added, refreshed, gone);
    });
  }

  private static Finding refresh(Stored old, Finding fresh) {
    Finding o = old.finding();
    Finding f = fresh.withStatus(o.status()).withNotes(o.notes()).withCreatedAt(o.createdAt());
    if (old.edited()) {
      f = f.withTitle(o.title()).withSeverity(o.severity());
    }
    List<Evidence> extra = o.evidence().stream().filter(e -> !fresh.evidence().contains(e))
        .filter(e -> !(e instanceof Evidence.Event)).toList();
    return extra.isEmpty() ? f : f.withAddedEvidence(extra.toArray(Evidence[]::new));
  }

  private static int nextPosition(Map<String, Stored> all) {
    return all.values().stream().mapToInt(Stored::position).max().orElse(-1) + 1;
  }

  private static void insert(Connection c, Stored s) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO finding(position, rule_id, severity, status, edited,"
        + " detected, updated_at, document, id) VALUES (?,?,?,?,?,?,?,?,?)")) {
      bind(p, s);
      p.executeUpdate();
    }
  }

  private static void update(Connection c, Stored s) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE finding SET position = ?, rule_id = ?, severity = ?,"
        + " status = ?, edited = ?, detected = ?, updated_at = ?, document = ? WHERE id = ?")) {
      bind(p, s);
      p.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, Stored s) throws SQLException {
    Finding f = s.finding();
    if (f.id().length() > 512) {
      throw new StoreException("finding id longer than 512 characters: " + f.id().substring(0, 40) + "…");
    }
    p.setInt(1, s.position());
    p.setString(2, f.ruleId());
    p.setString(3, f.severity().code());
    p.setString(4, f.status().code());
    p.setBoolean(5, s.edited());
    p.setBoolean(6, s.detected());
    p.setObject(7, s.updatedAt().atOffset(ZoneOffset.UTC));
    p.setString(8, FindingCodec.write(f));
    p.setString(9, f.id());
  }
}
