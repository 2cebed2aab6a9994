package io.github.trailbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.correlate.EscalationList;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.store.CaseGraph;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "The case's principal graph: its size and admin-equivalent principals, or with --escalations who can"
        + " become an admin-equivalent principal, how (the policies that allow each step) and whether the trail shows it.")
public final class GraphCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--escalations", description = "List who can become an admin-equivalent principal, one sentence each.")
  boolean escalations;

  @Option(names = "--format", defaultValue = "text", description = "text (sentences) or json (one array). Default: text.")
  Format format;

  @Override
  public Integer call() throws Exception {
    CaseArgs.requireExistingCase(caseDir);
    PrincipalGraph graph;
    List<EscalationList.Escalation> list;
    try (CaseStore store = CaseStore.open(caseDir)) {
      IamSnapshot iam = CaseIam.snapshot(store);
      graph = CaseGraph.load(store, iam);
      list = escalations ? EscalationList.of(graph, iam) : List.of();
    } catch (SourceFormatException | io.github.trailbench.store.StoreException e) {
      throw new BadInputException(e.getMessage());
    }
    List<GraphNode> admins = graph.nodes().stream().filter(GraphNode::adminEquivalent).toList();
    List<GraphNode> possibleAdmins = graph.nodes().stream().filter(GraphNode::possiblyAdmin).toList();
    PrintWriter json = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("nodes", graph.nodes().size());
      doc.put("edges", graph.edges().size());
      doc.put("adminEquivalent", admins.stream().map(GraphNode::id).toList());
      doc.put("possiblyAdminEquivalent", possibleAdmins.stream()
          .map(n -> Map.of("id", n.id(), "dependsOn", String.valueOf(n.adminDependsOn()))).toList());
      if (escalations) {
        doc.put("escalations", list.stream().map(GraphCommand::json).toList());
      }
      json.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      json.flush();
      return TrailbenchCommand.EXIT_OK;
    }
    PrintWriter out = SafeOut.over(json);
    if (escalations) {
      if (list.isEmpty()) {
        out.println("No principal can become an admin-equivalent one" + (admins.isEmpty() ? " (the case has none)." : "."));
      }
      list.forEach(x -> out.println(x.sentence()));
    } else {
      out.printf("%,d nodes, %,d edges%n", graph.nodes().size(), graph.edges().size());
      out.println("admin-equivalent: " + (admins.isEmpty() ? "none"
          : String.join(", ", admins.stream().map(GraphNode::label).toList())));
      if (!possibleAdmins.isEmpty()) {
        out.println("possibly admin-equivalent: " + String.join(", ", possibleAdmins.stream()
            .map(n -> n.label() + " (depends on " + n.adminDependsOn() + ")").toList()));
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  private static Map<String, Object> json(EscalationList.Escalation x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("principal", x.principal());
    m.put("admin", x.admin());
    m.put("sentence", x.sentence());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (EscalationList.Step s : x.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("from", s.from());
      step.put("to", s.to());
      step.put("action", s.action());
      step.put("why", s.why());
      s.taken().ifPresent(t -> step.put("taken", Map.of("first", t.first().toString(), "sourceIps", t.sourceIps())));
      steps.add(step);
    }
    m.put("steps", steps);
    return m;
  }
}
