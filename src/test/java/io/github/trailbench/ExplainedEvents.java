package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code explain --event ID --json} says of a logged event, for the end-to-end audit tests. */
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
}
