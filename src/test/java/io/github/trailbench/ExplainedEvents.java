package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the product says of a case the end-to-end audit tests imported: {@code explain --event ID
 * --json} of a logged event, {@code findings --format json}, and the session graph.
 */
final class ExplainedEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExplainedEvents() {}

  /** One object per evaluated action of the event. */
  static List<JsonNode> all(Path caseDir, String eventId) throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", eventId, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** The object of the event's only evaluated action. */
  static JsonNode only(Path caseDir, String eventId) throws Exception {
    List<JsonNode> lines = all(caseDir, eventId);
    assertThat(lines).as("one evaluated action for " + eventId).hasSize(1);
    return lines.get(0);
  }

  /** The keys the decision depends on, lower case. */
  static List<String> missing(JsonNode e) {
    List<String> out = new ArrayList<>();
    e.path("missing").forEach(m -> out.add(m.asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** The explanation in one line, for assertion messages. */
  static String why(JsonNode e) {
    return e.path("eventId").asText() + ": " + e.path("request").path("principal").asText() + " "
        + e.path("request").path("action").asText() + " " + e.path("request").path("resource").asText() + " -> "
        + e.path("decision").asText() + " / " + e.path("verdict").asText() + " missing=" + e.path("missing") + " gaps="
        + e.path("gaps") + " | " + e.path("explanation").asText() + " | " + e.path("comparison").asText();
  }

  /** Each explanation in one line, for assertion messages about a call with several actions. */
  static String whyAll(List<JsonNode> l) {
    StringBuilder b = new StringBuilder();
    l.forEach(e -> b.append("\n  ").append(why(e)));
    return b.toString();
  }

  /** Every event's call-level replay verdict, by eventId, as {@code events --filter verdict:…} lists them. */
  static java.util.Map<String, String> eventVerdicts(Path caseDir) throws Exception {
    java.util.Map<String, String> verdicts = new java.util.HashMap<>();
    for (String v : List.of("agrees", "disagrees", "undetermined", "not-deniable", "no-decision")) {
      CliRun ev = CliRun.of("events", "--case", caseDir.toString(), "--format", "json", "--filter", "verdict:" + v);
      assertThat(ev.exit()).as(ev.err()).isZero();
      for (String line : ev.out().split("\n")) {
        if (line.startsWith("{")) {
          verdicts.put(JSON.readTree(line).path("eventId").asText(), v);
        }
      }
    }
    return verdicts;
  }

  /** Checks the event's only action: its resource (when not null), decision and verdict. */
  static JsonNode expect(SoftAssertions soft, Path caseDir, String eventId, String resource, String decision, String verdict)
      throws Exception {
    JsonNode e = only(caseDir, eventId);
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("resource ARN of " + why(e)).isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText()).as("decision of " + why(e)).isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo(verdict);
    return e;
  }

  /** Every node of a trace, depth first. */
  static void walk(JsonNode n, java.util.function.Consumer<JsonNode> f) {
    f.accept(n);
    for (JsonNode c : n.path("children")) {
      walk(c, f);
    }
  }

  /** The condition nodes of a trace testing {@code key} (case-insensitive). */
  static List<JsonNode> conditionsOn(JsonNode trace, String key) {
    List<JsonNode> out = new ArrayList<>();
    walk(trace, n -> {
      if ("condition".equals(n.path("kind").asText()) && key.equalsIgnoreCase(n.path("detail").path("key").asText())) {
        out.add(n);
      }
    });
    return out;
  }

  /** {@code findings --case CASE --no-save --format json}, one object per finding. */
  /** The values the replay put in the request context for {@code key} (case-insensitive), empty when not there. */
  static List<String> contextValues(JsonNode e, String key) {
    List<String> out = new java.util.ArrayList<>();
    e.path("request").path("context").fields().forEachRemaining(f -> {
      if (f.getKey().equalsIgnoreCase(key)) {
        if (f.getValue().isArray()) {
          f.getValue().forEach(v -> out.add(v.asText()));
        } else {
          out.add(f.getValue().asText());
        }
      }
    });
    return out;
  }

  /** Of {@code findings} (JSON lines of {@code findings --format json}), those holding this event, rules in {@code skipped} left out. */
  static List<JsonNode> holding(List<JsonNode> findings, String eventId, java.util.Set<String> skipped) {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode f : findings) {
      if (skipped.contains(f.path("rule").asText())) {
        continue;
      }
      for (JsonNode id : f.path("eventIds")) {
        if (id.asText().equals(eventId)) {
          out.add(f);
          break;
        }
      }
    }
    return out;
  }

  static List<JsonNode> findings(Path caseDir) throws Exception {
    CliRun r = CliRun.of("findings", "--case", caseDir.toString(), "--no-save", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    return jsonLines(r.out());
  }

  /** {@code events --case CASE --format json [--filter FILTER]}, one object per event; exit 0 asserted. */
  static List<JsonNode> events(Path caseDir, String filter) throws Exception {
    CliRun r = filter == null
        ? CliRun.of("events", "--case", caseDir.toString(), "--format", "json")
        : CliRun.of("events", "--case", caseDir.toString(), "--format", "json", "--filter", filter);
    assertThat(r.exit()).as("events --filter " + filter + ": " + r.out() + r.err()).isZero();
    return jsonLines(r.out());
  }

  /** The JSON objects of a command's output, one a line (other lines skipped). */
  static List<JsonNode> jsonLines(String output) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /** {@code import --case CASE} of {@code files} in the folder {@code fixtures}; exit 0 asserted. */
  static CliRun importInto(Path caseDir, Path fixtures, String... files) {
    List<String> args = new ArrayList<>(List.of("import", "--case", caseDir.toString()));
    for (String f : files) {
      args.add(fixtures.resolve(f).toString());
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r;
  }

  /** The session graph over every event of the case, as the app builds it. */
  static io.github.trailbench.core.correlate.SessionGraph sessions(Path caseDir) {
    io.github.trailbench.core.correlate.SessionGraphBuilder b = new io.github.trailbench.core.correlate.SessionGraphBuilder();
    try (io.github.trailbench.store.CaseStore s = io.github.trailbench.store.CaseStore.open(caseDir)) {
      io.github.trailbench.store.CaseEvents.forEachCorrelatedAlike(s, new io.github.trailbench.core.query.Expr.All(), b, p -> {});
    }
    return b.build();
  }
}
