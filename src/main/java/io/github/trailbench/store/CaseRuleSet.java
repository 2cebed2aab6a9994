package io.github.trailbench.store;

import io.github.trailbench.core.findings.RulePack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which rule set made a case's stored findings: the built-in detections' version and a hash of
 * the case's enabled rule packs and known addresses. When the rules change (a newer Trailbench,
 * a pack added, disabled or removed, an address listed), the stored findings are stale until
 * the detections run again; the findings view and {@code trailbench findings --no-save} say so
 * (they are not re-run behind the analyst's back: docs/decisions.md).
 */
public final class CaseRuleSet {
  private CaseRuleSet() {}

  /** {@code builtin <version>} and, when the case has packs or known addresses, {@code + case <hash>}. */
  public static String current(CaseStore store) {
    String packs = CaseRulePacks.enabledContent(store);
    StringBuilder known = new StringBuilder();
    for (CaseKnownAddresses.Listed l : CaseKnownAddresses.list(store)) {
      known.append(l.range()).append('\u001f').append(l.note()).append('\u001e');
    }
    String builtIn = "builtin " + RulePack.builtInVersion();
    if (packs.isEmpty() && known.length() == 0) {
      return builtIn;
    }
    return builtIn + " + case " + hash(packs + "\u001d" + known);
  }

  /** The rule set of the latest detection run stored in the case; empty before the first (or in a case made before). */
  public static Optional<String> stored(CaseStore store) {
    try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT ruleset_version FROM detection_run WHERE id = 1"); ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's rule-set version: " + e.getMessage(), e);
    }
  }

  /** Records that the stored findings were made by {@code version}. */
  public static void record(CaseStore store, String version) {
    Jdbc.update(store, "record the rule-set version", "MERGE INTO detection_run(id, ruleset_version, ran_at) KEY(id)"
        + " VALUES (1, ?, ?)", version, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /**
   * A sentence saying the stored findings are stale, or empty when they are current or there are
   * no detection findings yet. Findings stored before versions were kept count as stale.
   */
  public static Optional<String> staleNotice(CaseStore store) {
    boolean detections = CaseFindings.list(store).stream().anyMatch(s -> !s.finding().isManual());
    if (!detections) {
      return Optional.empty();
    }
    String now = current(store);
    Optional<String> then = stored(store);
    if (then.isPresent() && then.get().equals(now)) {
      return Optional.empty();
    }
    return Optional.of("The stored findings were made by " + then.map(v -> "rule set " + v).orElse("an older Trailbench")
        + "; the rules are now " + now + " (built-in rules, the case's rule packs or known addresses changed)."
        + " Run the detections again to refresh them.");
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
