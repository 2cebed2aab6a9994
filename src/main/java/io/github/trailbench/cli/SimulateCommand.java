package io.github.trailbench.cli;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.ResultJson;
import io.github.trailbench.core.policy.SimulateInput;
import io.github.trailbench.core.policy.TraceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trailbench simulate FILE.json [--json]}: evaluates one case, a JSON array of cases, or
 * JSON lines, in one JVM, and prints each decision with its trace in input order.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Evaluate requests given as JSON against the given policies (one case, an array, or JSON lines).")
public final class SimulateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE.json", description = "Simulation input: one case object, a JSON array of cases, or JSON lines (format: docs/cli.md).")
  Path file;

  @Option(names = "--json", description = "Print one JSON result per line, in input order.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
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
