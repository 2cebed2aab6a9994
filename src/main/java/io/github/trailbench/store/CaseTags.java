package io.github.trailbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tags the analyst puts on events, kept in the case; {@value #BOOKMARK} is the bookmark. Tags are
 * short words ({@code [A-Za-z0-9][A-Za-z0-9._:/-]*}, at most 128 characters) so the timeline's
 * {@code tag:} filter can name them without quoting.
 */
public final class CaseTags {
  public static final String BOOKMARK = "bookmark";
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

  private CaseTags() {}

  /** A tag on an event (by the event's store row id). */
  public record EventTag(long eventRow, String tag, String note, Instant createdAt) {}

  /** The tag as stored (trimmed), or an IllegalArgumentException saying what is wrong. */
  public static String checkTag(String tag) {
    String t = tag == null ? "" : tag.strip();
    if (!TAG.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + t + "' is not a tag: use letters, digits and . _ : / -"
          + " (starting with a letter or digit, at most 128 characters)");
    }
    return t;
  }

  /** Tags the event; tagging again replaces the note. */
  public static void tag(CaseStore store, long eventRow, String tag, String note) {
    String t = checkTag(tag);
    try (Connection c = store.connection()) {
      if (store.queries().columns().indexOf(eventRow) < 0) {
        throw new StoreException("no event with row id " + eventRow + " in this case");
      }
      try (PreparedStatement p = c.prepareStatement(
          "MERGE INTO event_tag(event_row, tag, note, created_at) KEY(event_row, tag) VALUES (?,?,?,?)")) {
        p.setLong(1, eventRow);
        p.setString(2, t);
        p.setString(3, note == null || note.isBlank() ? null : note.length() > 4096 ? note.substring(0, 4096) : note);
        p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
        p.executeUpdate();
      }
      store.queries().changed();
    } catch (SQLException e) {
      throw new StoreException("cannot tag event: " + e.getMessage(), e);
    }
  }

  public static void untag(CaseStore store, long eventRow, String tag) {
    Jdbc.update(store, "remove tag", "DELETE FROM event_tag WHERE event_row = ? AND tag = ?", eventRow,
        tag == null ? "" : tag.strip());
    store.queries().changed();
  }

  /** Tags of the given events, each list sorted; events without tags are absent. */
  public static Map<Long, List<EventTag>> of(CaseStore store, Collection<Long> eventRows) {
    Map<Long, List<EventTag>> out = new HashMap<>();
    if (eventRows.isEmpty()) {
      return out;
    }
    List<Long> ids = new ArrayList<>(eventRows);
    try (Connection c = store.connection()) {
      for (int from = 0; from < ids.size(); from += 500) {
        List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
        String marks = part.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement p = c.prepareStatement("SELECT event_row, tag, note, created_at FROM event_tag"
            + " WHERE event_row IN (" + marks + ") ORDER BY event_row, tag")) {
          for (int i = 0; i < part.size(); i++) {
            p.setLong(i + 1, part.get(i));
          }
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new EventTag(rs.getLong(1),
                  rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read tags: " + e.getMessage(), e);
    }
  }

  /** Every tag used in the case with the number of events carrying it, most used first. */
  public static List<EventQueries.ValueCount> counts(CaseStore store) {
    return Jdbc.list(store, "tag counts", "SELECT tag, COUNT(*) FROM event_tag GROUP BY tag ORDER BY COUNT(*) DESC, tag",
        rs -> new EventQueries.ValueCount(rs.getString(1), rs.getLong(2)));
  }

}
