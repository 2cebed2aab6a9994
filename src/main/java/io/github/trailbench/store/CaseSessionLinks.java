package io.github.trailbench.store;

import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which session issued which: each temporary access key with the key of the session whose
 * successful AssumeRole* / AssumeRoot / GetSessionToken / GetFederationToken call issued it, by
 * {@link SessionGraphBuilder}'s rules, from the issuing calls' columns and correlation facts
 * (reading their raw records instead took seconds on a 1M-event case). The answer is kept in
 * the case directory ({@value #FILE}, derived: deleting it is safe) with a stamp of the case
 * contents it was read from, and read again only after an import changed them.
 */
public final class CaseSessionLinks {
  static final String FILE = "session-links.cache";
  private static final String HEADER = "trailbench session links v2 ";

  /** The STS calls that issue a session, whose responses link a session to its parent. */
  static final Expr ISSUING = new Expr.And(List.of(
      new Expr.Term(Field.EVENT_SOURCE, "sts.amazonaws.com", false, -1),
      new Expr.Or(List.of(
          new Expr.Term(Field.EVENT_NAME, "AssumeRole*", true, -1),
          new Expr.Term(Field.EVENT_NAME, "AssumeRoot", false, -1),
          new Expr.Term(Field.EVENT_NAME, "GetSessionToken", false, -1),
          new Expr.Term(Field.EVENT_NAME, "GetFederationToken", false, -1))),
      new Expr.Term(Field.ERROR, "none", false, -1)));

  private CaseSessionLinks() {}

  /** Issued access key → the access key of the session that issued it. */
  public static Map<String, String> parents(CaseStore store) {
    String stamp = DerivedFiles.caseStamp(store);
    Path file = store.directory().resolve(FILE);
    Map<String, String> cached = read(file, stamp);
    if (cached != null) {
      return cached;
    }
    SessionGraphBuilder builder = new SessionGraphBuilder();
    CaseEvents.forEachCorrelatedAlike(store, ISSUING, builder, problem -> {});
    Map<String, String> links = new HashMap<>();
    for (Session session : builder.build().sessions()) {
      if (session.parentKey() != null) {
        links.put(session.accessKeyId(), session.parentKey());
      }
    }
    write(file, stamp, links);
    return links;
  }

  /** The cached links, or null when there are none for this stamp (absent, stale or damaged). */
  private static Map<String, String> read(Path file, String stamp) {
    List<String> lines = DerivedFiles.readLines(file, HEADER + stamp);
    if (lines == null) {
      return null;
    }
    Map<String, String> links = new HashMap<>();
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (tab <= 0 || tab != line.lastIndexOf('\t')) {
        return null;
      }
      links.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return links;
  }

  /** Writes the links whole or not at all (a key with a tab or line break in a log: not at all). */
  private static void write(Path file, String stamp, Map<String, String> links) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> e : links.entrySet()) {
      if (e.getKey().indexOf('\t') >= 0 || e.getValue().indexOf('\t') >= 0) {
        return;
      }
      lines.add(e.getKey() + "\t" + e.getValue());
    }
    DerivedFiles.writeLines(file, HEADER + stamp, lines);
  }
}
