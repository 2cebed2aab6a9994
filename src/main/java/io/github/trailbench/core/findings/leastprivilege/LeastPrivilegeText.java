package io.github.trailbench.core.findings.leastprivilege;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A least-privilege result as the text the CLI prints and the app shows. */
public final class LeastPrivilegeText {
  private static final int ITEMS_SHOWN = 8;

  private LeastPrivilegeText() {}

  public static String render(LeastPrivilegeResult r) {
    StringWriter sw = new StringWriter();
    printText(new PrintWriter(sw), r);
    return sw.toString();
  }

  static void printText(PrintWriter out, LeastPrivilegeResult r) {
    out.printf("%s (%s)%n", r.principal(), r.principalKind());
    out.printf("granted %d action(s), used %d, granted and unused %d, refused %d%n%n", r.granted().size(),
        r.used().size(), r.unusedCount(), r.denied().size());
    Map<String, int[]> perService = new TreeMap<>();
    for (GrantedAction g : r.granted()) {
      perService.computeIfAbsent(g.service(), k -> new int[3])[0]++;
    }
    for (UsedAction u : r.used()) {
      perService.computeIfAbsent(u.service(), k -> new int[3])[1]++;
    }
    r.unusedByService().forEach((s, actions) -> perService.computeIfAbsent(s, k -> new int[3])[2] = actions.size());
    boolean many = perService.size() > 40;
    out.printf("%-28s %8s %6s %8s%n", "service", "granted", "used", "unused");
    int hidden = 0;
    for (Map.Entry<String, int[]> e : perService.entrySet()) {
      int[] c = e.getValue();
      if (many && c[1] == 0) {
        hidden++;
        continue;
      }
      out.printf("%-28s %8d %6d %8d%n", e.getKey(), c[0], c[1], c[2]);
    }
    if (hidden > 0) {
      out.printf("… and %d more granted service(s) with nothing used (--format json lists them)%n", hidden);
    }
    out.println();
    if (!r.accessAdvisor().isEmpty()) {
      out.println("IAM Access Advisor (beside the trail's first and last use):");
      for (AdvisorService a : r.accessAdvisor()) {
        out.printf("  %-22s %s%s%s%n", a.service(), a.label(),
            a.trailFirstUse().map(f -> "; trail " + f + " … " + a.trailLastUse().orElseThrow()).orElse(""),
            a.kept().isEmpty() ? "" : "; kept in the policy: " + String.join(", ", a.kept()));
      }
      out.println();
    }
    if (!r.used().isEmpty()) {
      out.println("used:");
      for (UsedAction u : r.used()) {
        out.printf("  %-44s %6d×  last %s%n", u.action(), u.count(), u.lastUsed());
      }
      out.println();
    }
    if (!r.denied().isEmpty()) {
      out.println("refused (not counted as used):");
      r.denied().forEach(u -> out.printf("  %-44s %6d×  last %s%n", u.action(), u.count(), u.lastUsed()));
      out.println();
    }
    out.println("caveats:");
    for (Caveat c : r.caveats()) {
      out.printf("  [%s] %s%n", c.kind().name(), c.message());
      if (!c.items().isEmpty() && c.kind() != Caveat.Kind.TRAIL_WINDOW) {
        List<String> shown = c.items().subList(0, Math.min(ITEMS_SHOWN, c.items().size()));
        out.printf("      %s%s%n", String.join(", ", shown),
            c.items().size() > shown.size() ? ", … (" + (c.items().size() - shown.size()) + " more)" : "");
      }
    }
    out.println();
    out.println("generated policy: --format policy");
    out.flush();
  }
}
