package io.github.trailbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.trailbench.core.findings.RuleFiles;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.RulePackException;
import io.github.trailbench.core.model.SourceProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule packs kept in a case: Sigma rules, folders of rule files and JSON packs the analyst
 * added, with their files' text (so the case stands alone when the source is gone), source,
 * licence and the files that did not load. The enabled packs run with the built-in rules on
 * every detection run over the case, and their findings name their pack.
 */
public final class CaseRulePacks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseRulePacks() {}

  /**
   * A pack as the case keeps it (its files' text aside).
   *
   * @param errors the rule files that did not load when it was added, with their reasons
   */
  public record Pack(long id, String name, String source, RuleFiles.Kind kind, String licence, Instant loadedAt,
      int ruleCount, List<SourceProblem> errors, boolean enabled, int fileCount) {
    public Pack {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Reads the rules at {@code source} and keeps them in the case as a new, enabled pack.
   *
   * @param name the pack's name; null or blank: the source's file or folder name (made unique)
   * @param licence what the analyst says the licence is, used when the rules name none
   * @throws RulePackException when the source cannot be kept (missing, too big, no rule loads)
   * @throws IllegalArgumentException when the name is taken or too long
   */
  public static Pack add(CaseStore store, Path source, String name, String licence) throws RulePackException {
    RuleFiles.Source read = RuleFiles.read(source);
    RuleFiles.Loaded loaded = RuleFiles.parse("", read.files());
    if (loaded.pack().rules().isEmpty()) {
      SourceProblem first = loaded.problems().isEmpty() ? new SourceProblem(source.toString(), null, "no rules")
          : loaded.problems().get(0);
      throw new RulePackException(new SourceProblem(source.toString(), null, "no rule loads ("
          + loaded.problems().size() + " file(s) failed, first: " + first + ")"));
    }
    String given = name == null ? "" : name.strip();
    String typed = licence == null ? "" : licence.strip();
    String lic = read.licence() != null ? read.licence() : !typed.isEmpty() ? typed : "unknown";
    return Jdbc.inTransaction(store, "keep rule pack " + source, c -> {
      String n = given.isEmpty() ? uniqueName(c, defaultName(source)) : checkName(c, given);
      long id;
      try (PreparedStatement p = c.prepareStatement("INSERT INTO rule_pack(name, source, kind, licence, loaded_at,"
          + " rule_count, load_errors, enabled) VALUES (?,?,?,?,?,?,?,TRUE)", Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, n);
        p.setString(2, cap(source.toString(), 4096));
        p.setString(3, read.kind().code());
        p.setString(4, cap(lic, 1000));
        p.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        p.setInt(6, loaded.pack().rules().size());
        p.setString(7, errorsJson(loaded.problems()));
        p.executeUpdate();
        try (ResultSet rs = p.getGeneratedKeys()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO rule_pack_file(pack_id, path, content) VALUES (?,?,?)")) {
        for (RuleFiles.RuleFile f : read.files()) {
          p.setLong(1, id);
          p.setString(2, f.path());
          p.setString(3, f.text());
          p.addBatch();
        }
        p.executeBatch();
      }
      return byName(c, n).orElseThrow();
    });
  }

  /** The case's packs in the order they were added. */
  public static List<Pack> list(CaseStore store) {
    try (Connection c = store.connection()) {
      return list(c, null);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's rule packs: " + e.getMessage(), e);
    }
  }

  public static Optional<Pack> byName(CaseStore store, String name) {
    return list(store).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The files of a pack as kept, in path order. */
  public static List<RuleFiles.RuleFile> files(CaseStore store, long packId) {
    return Jdbc.list(store, "the rule pack's files", "SELECT path, content FROM rule_pack_file WHERE pack_id = ? ORDER BY path",
        rs -> new RuleFiles.RuleFile(rs.getString(1), rs.getString(2)), packId);
  }

  /** Turns a pack on or off; false when the case has no pack of that name. */
  public static boolean setEnabled(CaseStore store, String name, boolean enabled) {
    return Jdbc.inTransaction(store, "change rule pack " + name, c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE rule_pack SET enabled = ? WHERE name = ?")) {
        p.setBoolean(1, enabled);
        p.setString(2, name);
        return p.executeUpdate() > 0;
      }
    });
  }

  /** Removes a pack and its files; false when the case has no pack of that name. */
  public static boolean remove(CaseStore store, String name) {
    return Jdbc.inTransaction(store, "remove rule pack " + name, c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM rule_pack WHERE name = ?")) {
        p.setString(1, name);
        return p.executeUpdate() > 0;
      }
    });
  }

  /**
   * The rules of the enabled packs, each pack's rules named after it, in the order the packs
   * were added (a later pack's rule with the same id replaces an earlier one, as does a pack's
   * rule a built-in one). Files that do not load are left out, as when the pack was added.
   */
  public static RulePack enabledRules(CaseStore store) {
    RulePack out = new RulePack("", List.of());
    for (Pack p : list(store)) {
      if (p.enabled()) {
        out = out.plus(RuleFiles.parse(p.name(), files(store, p.id())).pack().named(p.name()));
      }
    }
    return out;
  }

  /**
   * Text that changes whenever what the enabled packs would run changes: their names and every
   * file's path and content.
   */
  static String enabledContent(CaseStore store) {
    StringBuilder sb = new StringBuilder();
    for (Pack p : list(store)) {
      if (p.enabled()) {
        sb.append("pack\u001f").append(p.name()).append('\u001e');
        for (RuleFiles.RuleFile f : files(store, p.id())) {
          sb.append(f.path()).append('\u001f').append(f.text()).append('\u001e');
        }
      }
    }
    return sb.toString();
  }

  private static List<Pack> list(Connection c, String name) throws SQLException {
    List<Pack> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT p.id, p.name, p.source, p.kind, p.licence, p.loaded_at,"
        + " p.rule_count, p.load_errors, p.enabled, (SELECT COUNT(*) FROM rule_pack_file f WHERE f.pack_id = p.id)"
        + " FROM rule_pack p" + (name == null ? "" : " WHERE p.name = ?") + " ORDER BY p.id")) {
      if (name != null) {
        p.setString(1, name);
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new Pack(rs.getLong(1), rs.getString(2), rs.getString(3), RuleFiles.Kind.parse(rs.getString(4)),
              rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7), errors(rs.getString(8)),
              rs.getBoolean(9), rs.getInt(10)));
        }
      }
    }
    return out;
  }

  private static Optional<Pack> byName(Connection c, String name) throws SQLException {
    return list(c, name).stream().findFirst();
  }

  private static String defaultName(Path source) {
    Path f = source.toAbsolutePath().normalize().getFileName();
    String n = f == null ? "rules" : f.toString();
    return cap(n, 180);
  }

  private static String uniqueName(Connection c, String base) throws SQLException {
    String n = base;
    for (int i = 2; byName(c, n).isPresent(); i++) {
      n = base + " (" + i + ")";
    }
    return n;
  }

  private static String checkName(Connection c, String name) throws SQLException {
    if (name.length() > 200) {
      throw new IllegalArgumentException("a pack name has at most 200 characters");
    }
    if (byName(c, name).isPresent()) {
      throw new IllegalArgumentException("the case already has a rule pack named '" + name + "'");
    }
    return name;
  }

  private static String errorsJson(List<SourceProblem> problems) {
    ArrayNode a = JSON.createArrayNode();
    for (SourceProblem p : problems) {
      a.addObject().put("file", p.file()).put("position", p.position()).put("reason", p.reason());
    }
    return a.toString();
  }

  private static List<SourceProblem> errors(String json) {
    List<SourceProblem> out = new ArrayList<>();
    try {
      for (JsonNode n : JSON.readTree(json)) {
        out.add(new SourceProblem(n.path("file").asText(""), n.path("position").isNull() ? null : n.path("position").asText(null),
            n.path("reason").asText("")));
      }
    } catch (Exception e) {
      out.add(new SourceProblem("", null, "the stored load errors cannot be read"));
    }
    return out;
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
