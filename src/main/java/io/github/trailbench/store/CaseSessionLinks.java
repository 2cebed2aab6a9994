package io.github.trailbench.store;

import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which session issued which: each temporary access key with the key of the session whose
 * successful AssumeRole* / GetSessionToken / GetFederationToken call issued it, by
 * {@link SessionGraphBuilder}'s rules. Finding them means reading the raw records of every
 * issuing call (about 50,000 in a generated 1M-event case: seconds), so the answer is kept in
 * the case directory ({@value #FILE}, derived: deleting it is safe) with a stamp of the event
 * blocks it was read from, and read again only after an import changed them.
 */
public final class CaseSessionLinks {
  static final String FILE = "session-links.cache";
  private static final String HEADER = "trailbench session links v1 ";

  /** The STS calls that issue a session, whose responses link a session to its parent. */
  static final Expr ISSUING = new Expr.And(List.of(
      new Expr.Term(Field.EVENT_SOURCE, "sts.amazonaws.com", false, -1),
      new Expr.Or(List.of(
          new Expr.Term(Field.EVENT_NAME, "AssumeRole*", true, -1),
          new Expr.Term(Field.EVENT_NAME, "GetSessionToken", false, -1),
          new Expr.Term(Field.EVENT_NAME, "GetFederationToken", false, -1))),
      new Expr.Term(Field.ERROR, "none", false, -1)));

  private CaseSessionLinks() {}

  /** Issued access key → the access key of the session that issued it. */
  public static Map<String, String> parents(CaseStore store) {
    String stamp = stamp(store);
    Path file = store.directory().resolve(FILE);
    Map<String, String> cached = read(file, stamp);
    if (cached != null) {
      return cached;
    }
    SessionGraphBuilder builder = new SessionGraphBuilder();
    CaseEvents.forEach(store, ISSUING, builder::add, problem -> {});
    Map<String, String> links = new HashMap<>();
    for (Session session : builder.build().sessions()) {
      if (session.parentKey() != null) {
        links.put(session.accessKeyId(), session.parentKey());
      }
    }
    write(file, stamp, links);
    return links;
  }

  /** What the event blocks hold: a new import (or a converted case) changes it. */
  private static String stamp(CaseStore store) {
    try (Connection c = store.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(row_count), 0),"
            + " COALESCE(SUM(first_row), 0) FROM event_block")) {
      rs.next();
      return rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's event blocks: " + e.getMessage(), e);
    }
  }

  /** The cached links, or null when there are none for this stamp (absent, stale or damaged). */
  private static Map<String, String> read(Path file, String stamp) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!(HEADER + stamp).equals(in.readLine())) {
        return null;
      }
      Map<String, String> links = new HashMap<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("end")) {
          return links;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0 || tab != line.lastIndexOf('\t')) {
          return null;
        }
        links.put(line.substring(0, tab), line.substring(tab + 1));
      }
      return null; // no end line: a write that did not finish
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes the links (to a temporary file moved over the old one); failing leaves no cache, not a wrong one. */
  private static void write(Path file, String stamp, Map<String, String> links) {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        out.write(HEADER + stamp + "\n");
        for (Map.Entry<String, String> e : links.entrySet()) {
          if (!plain(e.getKey()) || !plain(e.getValue())) {
            return; // a key with a tab or line break in a log: not worth a format that can hold it
          }
          out.write(e.getKey() + "\t" + e.getValue() + "\n");
        }
        out.write("end\n");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a read-only case directory: the links are computed again next time
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }

  private static boolean plain(String s) {
    return s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
  }
}
