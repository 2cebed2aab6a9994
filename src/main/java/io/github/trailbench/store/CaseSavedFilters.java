package io.github.trailbench.store;

import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Named filters of the timeline, kept in the case. Only filters that parse are saved. */
public final class CaseSavedFilters {
  private CaseSavedFilters() {}

  public record SavedFilter(String name, String expression) {}

  public static List<SavedFilter> list(CaseStore store) {
    List<SavedFilter> out = new ArrayList<>();
    try (Connection c = store.connection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, expression FROM saved_filter ORDER BY LOWER(name)")) {
      while (rs.next()) {
        out.add(new SavedFilter(rs.getString(1), rs.getString(2)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read saved filters: " + e.getMessage(), e);
    }
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
    try (Connection c = store.connection();
        PreparedStatement p = c.prepareStatement(
            "MERGE INTO saved_filter(name, expression, created_at) KEY(name) VALUES (?,?,?)")) {
      p.setString(1, n);
      p.setString(2, x);
      p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot save filter: " + e.getMessage(), e);
    }
  }

  public static void delete(CaseStore store, String name) {
    try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("DELETE FROM saved_filter WHERE name = ?")) {
      p.setString(1, name);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete saved filter: " + e.getMessage(), e);
    }
  }
}
