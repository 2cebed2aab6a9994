package io.github.trailbench.cli;

import io.github.trailbench.core.overview.OrgOverview;
import io.github.trailbench.store.CaseOverview;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailbench overview --case CASE FILE [--top N]}: keeps a slice job's overview with the case. */
@Command(name = "overview", mixinStandardHelpOptions = true,
    description = {"Load the slice job's overview of an organization trail (overview.jsonl) into a case:"
        + " events per account and the most active principals, each with the slice command that pulls it."})
public final class OverviewCommand implements Callable<Integer> {
  /** Where the overview is kept in a case directory. */
  public static final String FILE_NAME = CaseOverview.FILE_NAME;

  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, paramLabel = "CASE", description = "Case directory.")
  Path caseDir;

  @Option(names = "--top", paramLabel = "N", description = "Principals to list (default: ${DEFAULT-VALUE}).")
  int top = 10;

  @Parameters(paramLabel = "FILE", description = "overview.jsonl written by the slice job.")
  Path file;

  @Override
  public Integer call() {
    CaseArgs.requireExistingCase(caseDir);
    if (top < 0) {
      throw new BadInputException("--top must be 0 or more");
    }
    OrgOverview o;
    try (CaseStore store = CaseStore.open(caseDir)) {
      // the case is whole and not in use by another process before anything is kept beside it
      o = CaseOverview.keep(store, file);
    } catch (StoreException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map.Entry<String, Long>> accounts = o.byAccount();
    out.printf(Locale.ROOT, "overview of %s (filter '%s'): %,d events in %d accounts; kept in the case as %s%n",
        o.header().input(), o.header().filter(), o.events(), accounts.size(), FILE_NAME);
    for (Map.Entry<String, Long> a : accounts) {
      out.printf(Locale.ROOT, "  account %-14s %,12d events%n", a.getKey(), a.getValue());
    }
    List<OrgOverview.PrincipalActivity> principals = o.topPrincipals(top);
    if (!principals.isEmpty()) {
      out.printf(Locale.ROOT, "most active principals, each with the slice command that pulls it:%n");
    }
    for (OrgOverview.PrincipalActivity p : principals) {
      out.printf(Locale.ROOT, "  %s  %,d events, %s to %s, accounts %s%n", p.principal(), p.events(), p.first(), p.last(),
          String.join(",", p.accounts()));
      out.printf(Locale.ROOT, "    %s%n", o.pullCommand(p));
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }
}
