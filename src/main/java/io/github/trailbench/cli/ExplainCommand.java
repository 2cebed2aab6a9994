package io.github.trailbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.EventReplay;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.ReplaySummary;
import io.github.trailbench.core.correlate.ReplayVerdict;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.StoreException;
import java.util.ArrayList;
import picocli.CommandLine;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.TraceText;
import io.github.trailbench.store.CaseEvents;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseExplainers;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.ContestedCopies;
import io.github.trailbench.core.findings.ContestedEvidence;
import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.store.EventRow;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain the policy decision behind a logged request: rebuild it from the event, gather the policies"
        + " in force from the case, evaluate, and compare with what CloudTrail recorded.",
        "Without --event, every event of the case (or those matching --filter) is replayed: --json streams one object"
            + " per (event, action), --summary counts agrees, disagrees, undetermined (by key) and not deniable."})
public final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, description = "Case directory.")
  Path caseDir;

  @Option(names = "--event", description = "The eventID to explain; without it, replay the whole case.")
  String eventId;

  @Option(names = "--account", paramLabel = "ACCOUNT",
      description = "The recipient account of the event, when several events share the eventID.")
  String account;

  @Option(names = "--row", paramLabel = "N",
      description = "The event's row id (as listed when several events share the eventID).")
  Long row;

  @Option(names = "--filter", paramLabel = "Q", description = "Without --event: replay only the events matching this filter"
      + " (the timeline's syntax, e.g. 'eventSource:iam.amazonaws.com').")
  String filter;

  @Option(names = "--summary", description = "Without --event: print counts only (with --json, as one JSON object).")
  boolean summary;

  @Option(names = "--json", description = "One JSON object per evaluated action (fields: docs/cli.md).")
  boolean json;

  @Option(names = "--trace", description = "Also print the whole decision trace (text: an indented tree; case-wide --json:"
      + " the trace object, which a single event's --json always has).")
  boolean trace;

  @Override
  public Integer call() throws Exception {
    if (eventId == null) {
      return replayCase();
    }
    if (filter != null || summary) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--filter and --summary replay the whole case: drop --event");
    }
    CaseArgs.requireExistingCase(caseDir);
    EngineWarmup.start();
    List<Explainer.Explanation> explanations;
    List<ContestedEvidence.Copy> contested;
    try (CaseStore store = CaseStore.open(caseDir)) {
      long rowId = chooseRow(store);
      CloudTrailEvent event = CaseEvents.byRow(store, rowId)
          .orElseThrow(() -> new BadInputException("event " + eventId + " is not in the case " + caseDir));
      contested = ContestedCopies.of(store).of(event.eventId(), event.recipientAccountId() == null ? "" : event.recipientAccountId());
      IamSnapshot iam = CaseIam.snapshot(store);
      // only the sessions this event's decision asks about, each from the one call that issued it
      EventReplay replay = CaseExplainers.forOneCall(store, iam).replay(event);
      explanations = replay.actions();
      if (explanations.isEmpty()) {
        var mapping = io.github.trailbench.core.catalog.EventActionMapper.get().map(event);
        String why = mapping.authorization() == io.github.trailbench.core.catalog.Authorization.NOT_A_REQUEST
            && !mapping.notes().isEmpty() ? mapping.notes().get(0) : "the catalog maps it to no IAM action";
        String sentence = event.eventSource() + " " + event.eventName() + ": " + why + "; there is no IAM decision to explain.";
        if (json) {
          // --json answers in JSON whatever the event: one object, as the case-wide replay prints it
          ObjectNode o = new ObjectMapper().createObjectNode();
          o.put("eventId", event.eventId());
          o.putNull("request");
          o.putNull("decision");
          o.put("verdict", replay.verdict().json());
          o.put("explanation", sentence);
          putContested(o, contested);
          PrintWriter out = spec.commandLine().getOut();
          out.println(new ObjectMapper().writeValueAsString(o));
          out.flush();
          return TrailbenchCommand.EXIT_OK;
        }
        PrintWriter out = SafeOut.over(spec.commandLine().getOut());
        out.println(SafeText.escape(sentence));
        printContested(out, contested);
        out.flush();
        return TrailbenchCommand.EXIT_OK;
      }
    } catch (SourceFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = json ? spec.commandLine().getOut() : SafeOut.over(spec.commandLine().getOut());
    ObjectMapper mapper = new ObjectMapper();
    if (!json) {
      printContested(out, contested);
    }
    for (Explainer.Explanation e : explanations) {
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode o = Explainer.toJson(e, true);
        putContested(o, contested);
        out.println(mapper.writeValueAsString(o));
      } else {
        printText(out, e);
      }
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  /**
   * The row of the event to explain: the one event with that eventID, narrowed by --account and
   * --row; several left (an eventID is unique only within a recipient account) is bad input that
   * lists them.
   */
  private long chooseRow(CaseStore store) {
    List<EventRow> candidates = new ArrayList<>();
    for (long id : store.queries().rowIdsByEventId(eventId)) {
      store.queries().event(id).ifPresent(candidates::add);
    }
    if (candidates.isEmpty()) {
      throw new BadInputException("event " + eventId + " is not in the case " + caseDir);
    }
    List<EventRow> chosen = candidates.stream()
        .filter(r -> account == null || account.equals(r.accountId()))
        .filter(r -> row == null || row == r.rowId())
        .toList();
    if (chosen.size() == 1) {
      return chosen.get(0).rowId();
    }
    String listing = candidates.stream()
        .map(r -> String.format("  account %s  %s  %s %s  --row %d", r.accountId().isEmpty() ? "(none)" : r.accountId(),
            r.eventTime(), SafeText.escape(r.eventSource()), SafeText.escape(r.eventName()), r.rowId()))
        .collect(Collectors.joining("\n"));
    if (chosen.isEmpty()) {
      throw new BadInputException("no event " + eventId + " matches"
          + (account == null ? "" : " --account " + account) + (row == null ? "" : " --row " + row)
          + "; the case has:\n" + listing);
    }
    throw new BadInputException(chosen.size() + " events share the eventID " + eventId
        + "; choose one with --account ACCOUNT or --row N:\n" + listing);
  }

  /** Another copy of the event that says something else: said before anything is built on this one. */
  private static void printContested(PrintWriter out, List<ContestedEvidence.Copy> contested) {
    if (contested.isEmpty()) {
      return;
    }
    out.println("CONTESTED: another copy of this event says otherwise; the case keeps this copy, the other was rejected"
        + " at import. Compare the files before relying on the recorded outcome:");
    contested.forEach(c -> out.println("  " + c.describe()));
    out.println();
  }

  private void printText(PrintWriter out, Explainer.Explanation e) {
    List<String> endpoint = e.context().getOrDefault("aws:SourceVpce", List.of());
    out.printf("%s on %s by %s%s%n", e.action(), e.resource(), e.principal(),
        endpoint.isEmpty() ? "" : " through VPC endpoint " + SafeText.escape(endpoint.get(0)));
    out.println(e.explanation());
    out.printf("Engine %s, CloudTrail recorded %s: %s%n", e.result().decision().json(), e.recorded(), e.verdict().json());
    if (!e.agrees() || e.comparison().startsWith(Explainer.ALLOWED_ON_ITS_OWN)) {
      out.println(e.comparison());
    }
    if (!e.missing().isEmpty()) {
      out.println("depends on what the log or the case cannot show:");
      e.missing().forEach(m -> out.printf("  %s — %s%n", io.github.trailbench.core.policy.UnknownPolicy.describe(m.key()), m.reason()));
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

  private Integer replayCase() throws Exception {
    CaseArgs.requireExistingCase(caseDir);
    Expr expr = CaseArgs.parseFilter(filter);
    PrintWriter out = json ? spec.commandLine().getOut() : SafeOut.over(spec.commandLine().getOut());
    ObjectMapper mapper = new ObjectMapper();
    ReplaySummary counts = new ReplaySummary();
    List<SourceProblem> problems = new ArrayList<>();
    try (CaseStore store = CaseStore.open(caseDir)) {
      IamSnapshot iam = CaseIam.snapshot(store);
      Explainer explainer = CaseExplainers.forCase(store, iam);
      CaseEvents.forEach(store, expr, event -> {
        EventReplay r;
        try {
          r = explainer.replay(event);
        } catch (SourceFormatException e) {
          problems.add(new SourceProblem(caseDir.toString(), "event " + event.eventId(), e.getMessage()));
          return;
        }
        counts.add(r);
        if (!summary) {
          printReplay(out, mapper, r);
        }
      }, problems::add);
    } catch (StoreException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    if (summary) {
      printSummary(out, mapper, counts);
    }
    out.flush();
    for (SourceProblem p : problems) {
      spec.commandLine().getErr().println(SafeText.escape(p.file() + ": " + p.position() + ": " + p.reason()));
    }
    spec.commandLine().getErr().flush();
    return problems.isEmpty() ? TrailbenchCommand.EXIT_OK : TrailbenchCommand.EXIT_BAD_INPUT;
  }

  private static void putContested(ObjectNode o, List<ContestedEvidence.Copy> contested) {
    if (contested.isEmpty()) {
      return;
    }
    var list = o.putArray("contested");
    for (ContestedEvidence.Copy c : contested) {
      var item = list.addObject();
      item.put("file", c.file());
      item.put("position", c.position());
      c.differs().forEach(item.putArray("differs")::add);
    }
  }

  private void printReplay(PrintWriter out, ObjectMapper mapper, EventReplay r) {
    try {
      if (r.actions().isEmpty()) {
        if (json) {
          ObjectNode o = mapper.createObjectNode();
          o.put("eventId", r.eventId());
          o.putNull("request");
          o.putNull("decision");
          o.put("verdict", r.verdict().json());
          o.put("explanation", r.verdict() == ReplayVerdict.NOT_DENIABLE ? "No policy can deny this call, and it has no IAM action."
              : "Nothing to replay: not a request by a principal, or the catalog does not know the action.");
          out.println(mapper.writeValueAsString(o));
        } else {
          out.printf("%s  %s%n%n", SafeText.escape(r.eventId()), r.verdict().json());
        }
        return;
      }
      for (Explainer.Explanation e : r.actions()) {
        if (json) {
          out.println(mapper.writeValueAsString(Explainer.toJson(e, trace)));
        } else {
          out.print(SafeText.escape(r.eventId()) + "  ");
          printText(out, e);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void printSummary(PrintWriter out, ObjectMapper mapper, ReplaySummary s) throws Exception {
    if (json) {
      ObjectNode o = mapper.createObjectNode();
      o.put("events", s.events());
      o.put("actions", s.actions());
      o.put("agrees", s.count(ReplayVerdict.AGREES));
      o.put("disagrees", s.count(ReplayVerdict.DISAGREES));
      o.put("undetermined", s.count(ReplayVerdict.UNDETERMINED));
      ObjectNode keys = o.putObject("undeterminedByKey");
      s.undeterminedByKey().forEach(keys::put);
      o.put("notDeniable", s.count(ReplayVerdict.NOT_DENIABLE));
      o.put("noDecision", s.count(ReplayVerdict.NO_DECISION));
      out.println(mapper.writeValueAsString(o));
      return;
    }
    out.printf("events replayed  %d (%d actions evaluated)%n", s.events(), s.actions());
    out.printf("agrees           %d%n", s.count(ReplayVerdict.AGREES));
    out.printf("disagrees        %d (each names what the case lacks)%n", s.count(ReplayVerdict.DISAGREES));
    out.printf("undetermined     %d%n", s.count(ReplayVerdict.UNDETERMINED));
    s.undeterminedByKey().forEach((k, n) -> out.printf("  %-40s %d%n", k.startsWith(io.github.trailbench.core.policy.UnknownPolicy.NAMESPACE)
        ? "(" + io.github.trailbench.core.policy.UnknownPolicy.describe(k) + ")" : k, n));
    out.printf("not deniable     %d%n", s.count(ReplayVerdict.NOT_DENIABLE));
    out.printf("no decision      %d (not requests, or actions the catalog does not know)%n", s.count(ReplayVerdict.NO_DECISION));
  }
}
