package io.github.trailbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.TraceText;
import io.github.trailbench.store.CaseEvents;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseSessions;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain the policy decision behind a logged request: rebuild it from the event, gather the policies"
        + " in force from the case, evaluate, and compare with what CloudTrail recorded.")
public final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--event", required = true, description = "The eventID to explain.")
  String eventId;

  @Option(names = "--json", description = "One JSON object per evaluated action (DESIGN.md format).")
  boolean json;

  @Option(names = "--trace", description = "Also print the whole decision trace as an indented tree.")
  boolean trace;

  @Override
  public Integer call() throws Exception {
    CaseArgs.requireExistingCase(caseDir);
    List<Explainer.Explanation> explanations;
    try (CaseStore store = CaseStore.open(caseDir)) {
      CloudTrailEvent event = CaseEvents.byId(store, eventId)
          .orElseThrow(() -> new BadInputException("event " + eventId + " is not in the case " + caseDir));
      IamSnapshot iam = CaseIam.snapshot(store);
      Map<String, List<io.github.trailbench.core.model.policy.NamedPolicy>> sessions = CaseSessions.sessionPolicies(store, iam);
      explanations = new Explainer(iam, key -> sessions.getOrDefault(key, List.of())).explain(event);
      if (explanations.isEmpty()) {
        spec.commandLine().getOut().println(event.eventSource() + " " + event.eventName()
            + " is not authorized by IAM (the catalog maps it to no action), so there is no decision to explain.");
        return TrailbenchCommand.EXIT_OK;
      }
    } catch (SourceFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    for (Explainer.Explanation e : explanations) {
      if (json) {
        out.println(mapper.writeValueAsString(Explainer.toJson(e)));
      } else {
        printText(out, e);
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  private void printText(PrintWriter out, Explainer.Explanation e) {
    out.printf("%s on %s by %s%n", e.action(), e.resource(), e.principal());
    out.println(e.explanation());
    out.printf("Engine %s, CloudTrail recorded %s: %s%n", e.result().decision().json(), e.recorded(), e.verdict().json());
    if (!e.agrees()) {
      out.println(e.comparison());
    }
    if (!e.missing().isEmpty()) {
      out.println("depends on values the log cannot carry:");
      e.missing().forEach(m -> out.printf("  %s — %s%n", m.key(), m.reason()));
    }
    if (!e.gaps().isEmpty()) {
      out.println("evidence the case lacks:");
      e.gaps().forEach(g -> out.printf("  %s%n", g));
    }
    if (trace) {
      out.println();
      out.print(TraceText.render(e.result()));
    }
    out.println();
  }
}
