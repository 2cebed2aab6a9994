package io.github.trailbench.app.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Orders sessions so a role chain reads top to bottom: each session directly under the
 * session that issued it (its nearest issuing ancestor among those given), siblings and roots
 * by first use. Pure logic; cycle-safe.
 */
public final class LaneOrder {
  private LaneOrder() {}

  /** A session's place: the shown session above it in its chain (null for a root) and its depth. */
  public record Placed(String session, String parent, int depth) {}

  /**
   * @param sessionsByFirstUse the sessions to place, earliest first use first
   * @param parentOf the session whose call issued a session, or null
   */
  public static List<Placed> order(List<String> sessionsByFirstUse, UnaryOperator<String> parentOf) {
    Set<String> present = new HashSet<>(sessionsByFirstUse);
    Map<String, String> shownParent = new HashMap<>();
    Map<String, List<String>> children = new LinkedHashMap<>();
    List<String> roots = new ArrayList<>();
    for (String s : sessionsByFirstUse) {
      String p = nearestPresentAncestor(s, parentOf, present);
      shownParent.put(s, p);
      if (p == null) {
        roots.add(s);
      } else {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(s);
      }
    }
    List<Placed> out = new ArrayList<>(sessionsByFirstUse.size());
    Set<String> placed = new HashSet<>();
    for (String root : roots) {
      place(root, 0, shownParent, children, placed, out);
    }
    // sessions caught in an issuing cycle have no root; place them in first-use order
    for (String s : sessionsByFirstUse) {
      if (!placed.contains(s)) {
        place(s, 0, shownParent, children, placed, out);
      }
    }
    return out;
  }

  private static String nearestPresentAncestor(String s, UnaryOperator<String> parentOf, Set<String> present) {
    Set<String> seen = new HashSet<>();
    seen.add(s);
    String p = parentOf.apply(s);
    while (p != null && seen.add(p)) {
      if (present.contains(p)) {
        return p;
      }
      p = parentOf.apply(p);
    }
    return null;
  }

  private static void place(String s, int depth, Map<String, String> shownParent, Map<String, List<String>> children,
      Set<String> placed, List<Placed> out) {
    if (!placed.add(s)) {
      return;
    }
    out.add(new Placed(s, depth == 0 ? null : shownParent.get(s), depth));
    for (String child : children.getOrDefault(s, List.of())) {
      place(child, depth + 1, shownParent, children, placed, out);
    }
  }
}
