package io.github.trailbench.store;

import io.github.trailbench.Version;
import io.github.trailbench.core.catalog.ActionCoverage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many of the case's events the catalog maps to IAM actions, kept in the case directory
 * ({@value #FILE}, derived: deleting it is safe). It is counted from the in-memory columns: an
 * event's authorization class depends on its eventSource, eventName and eventType only, so each
 * distinct call is mapped once (reading and mapping every raw record instead took as long as the
 * import itself). It is stamped with the case's contents and the build (the catalog and the
 * mapping rules come with the jar) and counted again only when either changed.
 */
public final class CaseCoverage {
  static final String FILE = "action-coverage.cache";
  private static final String HEADER = "trailbench action coverage v1 ";

  private CaseCoverage() {}

  /** The case's coverage: the kept one when it is current, else counted (and kept). */
  public static ActionCoverage.Result of(CaseStore store) {
    String stamp = DerivedFiles.caseStamp(store) + " build " + Version.build();
    Path file = store.directory().resolve(FILE);
    ActionCoverage.Result kept = read(file, stamp);
    if (kept != null) {
      return kept;
    }
    ActionCoverage coverage = new ActionCoverage();
    for (EventQueries.CallCount c : store.queries().callCounts()) {
      coverage.add(c.eventSource(), c.eventName(), c.eventType(), c.count());
    }
    ActionCoverage.Result counted = coverage.result();
    write(file, stamp, counted);
    return counted;
  }

  private static ActionCoverage.Result read(Path file, String stamp) {
    List<String> lines = DerivedFiles.readLines(file, HEADER + stamp);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    String[] n = lines.get(0).split(" ");
    if (n.length != 6 || !n[0].equals("counts")) {
      return null;
    }
    try {
      long[] v = new long[5];
      for (int i = 0; i < 5; i++) {
        v[i] = Long.parseLong(n[i + 1]);
      }
      List<Map.Entry<String, Long>> top = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          return null;
        }
        top.add(Map.entry(line.substring(tab + 1), Long.parseLong(line.substring(0, tab))));
      }
      return new ActionCoverage.Result(v[0], v[1], v[2], v[3], v[4], List.copyOf(top));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Writes it whole or not at all (an unknown event name with a line break in a log: not at all). */
  private static void write(Path file, String stamp, ActionCoverage.Result r) {
    List<String> lines = new ArrayList<>();
    lines.add("counts " + r.total() + " " + r.iam() + " " + r.notDeniable() + " " + r.notARequest() + " " + r.unknown());
    for (Map.Entry<String, Long> e : r.topUnknown()) {
      lines.add(e.getValue() + "\t" + e.getKey());
    }
    DerivedFiles.writeLines(file, HEADER + stamp, lines);
  }
}
