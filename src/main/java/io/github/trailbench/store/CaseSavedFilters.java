package io.github.trailbench.store;

import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Named filters of the timeline, kept in the case. Only filters that parse are saved. */
public final class CaseSavedFilters {
  private CaseSavedFilters() {}

  public record SavedFilter(String name, String expression) {}

  public static List<SavedFilter> list(CaseStore store) {
    return Jdbc.list(store, "saved filters", "SELECT name, expression FROM saved_filter ORDER BY LOWER(name)",
        rs -> new SavedFilter(rs.getString(1), rs.getString(2)));
  }

  /**
   * Saves (or replaces) a named filter. Throws IllegalArgumentException for an empty or too long
   * name, or a filter that does not parse (with the parser's position and reason).
   */
  public static void save(CaseStore store, String name, String expression) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 256) {
      throw new IllegalArgumentException("a saved filter needs a name of 1 to 256 characters");
    }
    String x = expression == null ? "" : expression.strip();
    try {
      FilterParser.parse(x);
    } catch (FilterSyntaxException e) {
      throw new IllegalArgumentException("not saved: " + e.getMessage(), e);
    }
    Jdbc.update(store, "save filter", "MERGE INTO saved_filter(name, expression, created_at) KEY(name) VALUES (?,?,?)",
        n, x, OffsetDateTime.now(ZoneOffset.UTC));
  }

  public static void delete(CaseStore store, String name) {
    Jdbc.update(store, "delete saved filter", "DELETE FROM saved_filter WHERE name = ?", name);
  }
}
