package io.github.trailbench.app.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The case directories opened last, newest first; kept in the user's preferences. */
public interface RecentCases {
  int KEPT = 8;

  List<Path> list();

  /** Puts {@code caseDirectory} first (once), keeping at most {@link #KEPT}. */
  void add(Path caseDirectory);

  /** Nothing kept (tests, screenshots). */
  static RecentCases inMemory() {
    List<Path> paths = new ArrayList<>();
    return new RecentCases() {
      @Override
      public List<Path> list() {
        return List.copyOf(paths);
      }

      @Override
      public void add(Path caseDirectory) {
        Path p = caseDirectory.toAbsolutePath().normalize();
        paths.remove(p);
        paths.add(0, p);
        while (paths.size() > KEPT) {
          paths.remove(paths.size() - 1);
        }
      }
    };
  }

  /** In the Java preferences of the user ({@code recent.0} … {@code recent.7} under this package's node). */
  static RecentCases userPreferences() {
    Preferences node = Preferences.userNodeForPackage(RecentCases.class);
    return new RecentCases() {
      @Override
      public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < KEPT; i++) {
          String p = node.get("recent." + i, null);
          if (p != null) {
            out.add(Path.of(p));
          }
        }
        return out;
      }

      @Override
      public void add(Path caseDirectory) {
        RecentCases kept = inMemory();
        List<Path> now = list();
        for (int i = now.size() - 1; i >= 0; i--) {
          kept.add(now.get(i));
        }
        kept.add(caseDirectory);
        List<Path> next = kept.list();
        for (int i = 0; i < KEPT; i++) {
          if (i < next.size()) {
            node.put("recent." + i, next.get(i).toString());
          } else {
            node.remove("recent." + i);
          }
        }
      }
    };
  }
}
