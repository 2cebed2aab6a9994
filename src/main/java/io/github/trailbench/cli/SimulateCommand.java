package io.github.trailbench.cli;

import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.correlate.PrincipalSimulation;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.ResultJson;
import io.github.trailbench.core.policy.SimulateInput;
import io.github.trailbench.core.policy.TraceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trailbench simulate FILE.json [--json]}: evaluates one case, a JSON array of cases, or
 * JSON lines, in one JVM, and prints each decision with its trace in input order.
 *
 * <p>{@code trailbench simulate --case C --principal ARN (--service S | --actions A,B…)}: the IAM
 * policy simulator over a case's principal, one row per action (docs/cli.md).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Evaluate requests given as JSON against the given policies (one case, an array, or JSON lines),"
        + " or, with --case, every action of a service or a list of actions for a user or role of the case.")
public final class SimulateCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.json",
      description = "Simulation input: one case object, a JSON array of cases, or JSON lines (format: docs/cli.md).")
  Path file;

  @Option(names = "--json", description = "FILE.json: print one JSON result per line, in input order.")
  boolean json;

  @Option(names = "--case", paramLabel = "CASE", description = "Case directory: simulate a principal of its IAM data.")
  Path caseDir;

  @Option(names = "--principal", paramLabel = "ARN", description = "With --case: the ARN of a user or role of the case.")
  String principal;

  @Option(names = "--service", paramLabel = "PREFIX", description = "With --case: every action of this service (s3, iam, …).")
  String service;

  @Option(names = "--actions", paramLabel = "ACTION", split = ",",
      description = "With --case: actions, comma-separated; wildcards expand through the action catalog (s3:Get*).")
  List<String> actions;

  @Option(names = "--resource", paramLabel = "ARN", description = "With --case: the resource ARN (default: *).")
  String resource;

  @Option(names = "--context", paramLabel = "KEY=VALUE",
      description = "With --case: a context key and value; repeat it (a key given twice has two values).")
  List<String> context = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "With --case: table or json (one object per action and line). Default: table.")
  String format = "table";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (caseDir != null) {
      if (file != null) {
        throw usage("give FILE.json or --case, not both");
      }
      return simulateCase();
    }
    if (file == null) {
      throw usage("give FILE.json, or --case CASE --principal ARN with --service or --actions");
    }
    if (principal != null || service != null || actions != null || resource != null || !context.isEmpty()) {
      throw usage("--principal, --service, --actions, --resource and --context need --case");
    }
    return simulateFile();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private Integer simulateCase() throws Exception {
    if (principal == null) {
      throw usage("--case needs --principal ARN");
    }
    if ((service == null) == (actions == null)) {
      throw usage(service == null ? "give --service PREFIX or --actions A,B,…" : "give --service or --actions, not both");
    }
    if (!List.of("table", "json").contains(format)) {
      throw new BadInputException("--format must be table or json, not '" + format + "'");
    }
    Map<String, List<String>> ctx = parseContext(context);
    ActionCatalog catalog = ActionCatalog.get();
    List<String> toAsk;
    try {
      toAsk = service != null ? PrincipalSimulation.serviceActions(catalog, service) : PrincipalSimulation.expandActions(catalog, actions);
    } catch (IllegalArgumentException e) {
      throw new BadInputException((service != null ? "--service: " : "--actions: ") + e.getMessage());
    }
    CaseArgs.requireExistingCase(caseDir);
    List<PrincipalSimulation.Row> rows;
    PrincipalSimulation.Question q = new PrincipalSimulation.Question(principal, toAsk, resource, ctx);
    try (CaseStore store = CaseStore.open(caseDir)) {
      rows = new PrincipalSimulation(CaseIam.snapshot(store), new PolicyEngine()).run(q);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--principal: " + e.getMessage());
    } catch (SourceFormatException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      rows.forEach(r -> out.println(PrincipalSimulation.json(q.principal(), r)));
    } else {
      table(q, rows, out);
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  /** {@code key=value} pairs; a key given twice has both values. */
  static Map<String, List<String>> parseContext(List<String> pairs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException("--context: '" + pair + "' is not KEY=VALUE (for example aws:MultiFactorAuthPresent=true)");
      }
      out.computeIfAbsent(pair.substring(0, eq).strip(), k -> new ArrayList<>()).add(pair.substring(eq + 1));
    }
    return out;
  }

  private static void table(PrincipalSimulation.Question q, List<PrincipalSimulation.Row> rows, PrintWriter raw) {
    PrintWriter out = SafeOut.over(raw);
    Map<Decision, Long> counts = new java.util.EnumMap<>(Decision.class);
    rows.forEach(r -> counts.merge(r.decision(), 1L, Long::sum));
    out.printf("%s on %s: %d action(s): %d Allowed, %d ExplicitDeny, %d ImplicitDeny, %d Undetermined%n", q.principal(),
        q.resource(), rows.size(), counts.getOrDefault(Decision.ALLOWED, 0L), counts.getOrDefault(Decision.EXPLICIT_DENY, 0L),
        counts.getOrDefault(Decision.IMPLICIT_DENY, 0L), counts.getOrDefault(Decision.UNDETERMINED, 0L));
    int actionWidth = Math.max(6, rows.stream().mapToInt(r -> r.action().length()).max().orElse(6));
    String fmt = "%-" + actionWidth + "s  %-12s  %-36s  %-20s  %s%n";
    out.printf(fmt, "ACTION", "DECISION", "POLICY", "STATEMENT", "WHY");
    for (PrincipalSimulation.Row r : rows) {
      out.printf(fmt, r.action(), r.decision().json(), cut(r.policy(), 36), cut(r.statement(), 20), r.sentence());
    }
    rows.stream().flatMap(r -> r.gaps().stream()).distinct().forEach(g -> out.println("evidence the case lacks: " + g));
    out.flush();
  }

  private static String cut(String s, int n) {
    if (s == null) {
      return "-";
    }
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private Integer simulateFile() {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": no such file");
    }
    List<SimulateInput.Case> cases;
    try {
      cases = SimulateInput.read(file);
    } catch (SourceFormatException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    PolicyEngine engine = new PolicyEngine();
    PrintWriter out = json ? spec.commandLine().getOut() : SafeOut.over(spec.commandLine().getOut());
    for (SimulateInput.Case c : cases) {
      EvaluationResult r = engine.evaluate(c.request(), c.policies());
      if (json) {
        out.println(ResultJson.line(r));
      } else {
        if (cases.size() > 1) {
          out.println("Case " + c.index() + " (line " + c.line() + "): " + c.request().principal() + " " + c.request().action()
              + " " + c.request().resource());
        }
        out.print(TraceText.render(r));
        if (cases.size() > 1) {
          out.println();
        }
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }
}
