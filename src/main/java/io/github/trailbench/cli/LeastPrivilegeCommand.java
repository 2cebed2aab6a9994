package io.github.trailbench.cli;

import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeJson;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeResult;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeText;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.store.CaseLeastPrivilege;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
      result = CaseLeastPrivilege.analyse(store, principal);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--principal: " + e.getMessage());
    } catch (SourceFormatException | io.github.trailbench.store.StoreException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.println(LeastPrivilegeJson.render(result));
      case "policy" -> out.println(result.policy().json());
      default -> {
        PrintWriter text = SafeOut.over(out);
        text.print(LeastPrivilegeText.render(result));
        text.flush();
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }
}
