package io.github.trailbench.store;

import io.github.trailbench.Version;
import io.github.trailbench.core.catalog.ActionCoverage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many of the case's events the catalog maps to IAM actions, kept in the case directory
 * ({@value #FILE}, derived: deleting it is safe). Counting reads and maps every event's raw record
 * (a 1M-event case: most of a minute), and the imports view asked for it at every opening, on
 * the cores the timeline's first page needs. It is stamped with the case's contents and the
 * build (the catalog and the mapping rules come with the jar) and counted again only when either
 * changed.
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
    ActionCoverage.Result counted = CaseEvents.coverage(store);
    write(file, stamp, counted);
    return counted;
  }

  private static ActionCoverage.Result read(Path file, String stamp) {
    return DerivedFiles.read(file, DerivedFiles.Reader.stream(stream -> {
      BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      if (!(HEADER + stamp).equals(in.readLine())) {
        return null;
      }
      String[] n = String.valueOf(in.readLine()).split(" ");
      if (n.length != 6 || !n[0].equals("counts")) {
        return null;
      }
      long[] v = new long[5];
      try {
        for (int i = 0; i < 5; i++) {
          v[i] = Long.parseLong(n[i + 1]);
        }
      } catch (NumberFormatException e) {
        return null;
      }
      List<Map.Entry<String, Long>> top = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("end")) {
          return new ActionCoverage.Result(v[0], v[1], v[2], v[3], v[4], List.copyOf(top));
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          return null;
        }
        try {
          top.add(Map.entry(line.substring(tab + 1), Long.parseLong(line.substring(0, tab))));
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null; // no end line
    }));
  }

  /** Writes it whole or not at all (an unknown event name with a line break in a log: not at all). */
  private static void write(Path file, String stamp, ActionCoverage.Result r) {
    if (stamp.indexOf('\n') >= 0 || r.topUnknown().stream().anyMatch(e -> e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\r') >= 0)) {
      return;
    }
    DerivedFiles.write(file, DerivedFiles.Content.stream(out -> {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.write(HEADER + stamp + "\n");
      w.write("counts " + r.total() + " " + r.iam() + " " + r.notDeniable() + " " + r.notARequest() + " " + r.unknown() + "\n");
      for (Map.Entry<String, Long> e : r.topUnknown()) {
        w.write(e.getValue() + "\t" + e.getKey() + "\n");
      }
      w.write("end\n");
      w.flush();
    }));
  }
}
