package io.github.trailbench.cli;

import io.github.trailbench.core.findings.leastprivilege.Caveat;
import io.github.trailbench.core.findings.leastprivilege.GrantedAction;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilege;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeJson;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeResult;
import io.github.trailbench.core.findings.leastprivilege.UsedAction;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseEvents;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "least-privilege", mixinStandardHelpOptions = true,
    description = "Granted versus used permissions of a user or role: what its identity policies allow, what its"
        + " logged calls needed, what is unused, a minimal policy for what was used, and what the trail cannot show.")
public final class LeastPrivilegeCommand implements Callable<Integer> {
  /** Items of a caveat shown in the text summary; --format json has them all. */
  private static final int ITEMS_SHOWN = 8;

  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--principal", required = true, description = "ARN of an IAM user or role in the case's IAM data.")
  String principal;

  @Option(names = "--format", defaultValue = "text",
      description = "text (summary), json (the full result) or policy (only the generated policy document).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!List.of("text", "json", "policy").contains(format)) {
      throw new BadInputException("--format must be text, json or policy, not '" + format + "'");
    }
    CaseArgs.requireExistingCase(caseDir);
    LeastPrivilegeResult result;
    try (CaseStore store = CaseStore.open(caseDir)) {
      IamSnapshot iam = CaseIam.snapshot(store);
      LeastPrivilege.Analysis analysis;
      try {
        analysis = new LeastPrivilege(iam).start(principal);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--principal: " + e.getMessage());
      }
      List<SourceProblem> problems = new ArrayList<>();
      CaseEvents.forEach(store, new Expr.All(), analysis, problems::add);
      if (!problems.isEmpty()) {
        throw new BadInputException("cannot read " + problems.size() + " stored record(s), first: " + problems.get(0));
      }
      result = analysis.finish();
    } catch (SourceFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.println(LeastPrivilegeJson.render(result));
      case "policy" -> out.println(result.policy().json());
      default -> printText(out, result);
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  private static void printText(PrintWriter out, LeastPrivilegeResult r) {
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
  }
}
