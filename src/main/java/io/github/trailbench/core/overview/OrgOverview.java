package io.github.trailbench.core.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice job's overview of an organization trail ({@code overview.jsonl}): a header line
 * ({@code "trailbench":"slice-overview/v1"}, the input and filter of the run), then event counts
 * per day × account × principal × eventSource × eventName × errorCode. Pure parsing and sums.
 */
public record OrgOverview(Header header, List<Count> counts) {
  public static final String MARKER = "slice-overview/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public OrgOverview {
    counts = List.copyOf(counts);
  }

  /** What run the counts come from. */
  public record Header(String input, String filter, String jobVersion) {}

  /** Events of one day, account, principal, service, API and error code (null: none or unknown). */
  public record Count(LocalDate day, String account, String principal, String eventSource, String eventName,
      String errorCode, long count) {}

  /** A principal's share of the trail: events, accounts, first and last day. */
  public record PrincipalActivity(String principal, long events, List<String> accounts, LocalDate first, LocalDate last) {
    public PrincipalActivity {
      accounts = List.copyOf(accounts);
    }
  }

  /** Reads an overview; a bad line is a {@link SourceFormatException} naming {@code file} and the line. */
  public static OrgOverview read(String file, InputStream in) throws SourceFormatException {
    List<Count> counts = new ArrayList<>();
    Header header = null;
    int lineNr = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNr++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = object(file, lineNr, line);
        if (header == null) {
          if (!MARKER.equals(n.path("trailbench").asText())) {
            throw problem(file, lineNr, "not a slice overview: the first line has no \"trailbench\":\"" + MARKER + "\"");
          }
          header = new Header(n.path("input").asText(""), n.path("filter").asText(""), n.path("jobVersion").asText(""));
          continue;
        }
        counts.add(count(file, lineNr, n));
      }
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "line " + (lineNr + 1), "cannot read: " + e.getMessage()), e);
    }
    if (header == null) {
      throw problem(file, 1, "empty: a slice overview starts with its header line");
    }
    return new OrgOverview(header, counts);
  }

  private static JsonNode object(String file, int lineNr, String line) throws SourceFormatException {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.isObject()) {
        throw problem(file, lineNr, "not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw problem(file, lineNr, "not JSON (" + e.getOriginalMessage() + ")");
    }
  }

  private static Count count(String file, int lineNr, JsonNode n) throws SourceFormatException {
    JsonNode c = n.get("count");
    if (c == null || !c.canConvertToLong() || !c.isIntegralNumber() || c.asLong() < 0) {
      throw problem(file, lineNr, "\"count\" must be a whole number of 0 or more");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(n.path("day").asText(""));
    } catch (DateTimeParseException e) {
      throw problem(file, lineNr, "\"day\" must be a date like 2026-10-03, not \"" + n.path("day").asText("") + "\"");
    }
    return new Count(day, text(n, "account"), text(n, "principal"), text(n, "eventSource"), text(n, "eventName"),
        text(n, "errorCode"), c.asLong());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static SourceFormatException problem(String file, int lineNr, String reason) {
    return new SourceFormatException(new SourceProblem(file, "line " + lineNr, reason));
  }

  /** All events counted. */
  public long events() {
    return counts.stream().mapToLong(Count::count).sum();
  }

  /** Events per account, most first (ties by account). */
  public List<Map.Entry<String, Long>> byAccount() {
    Map<String, Long> m = new HashMap<>();
    for (Count c : counts) {
      m.merge(c.account() == null ? "(none)" : c.account(), c.count(), Long::sum);
    }
    return m.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  /** The principals with the most events, at most {@code limit}; events without a principal are left out. */
  public List<PrincipalActivity> topPrincipals(int limit) {
    Map<String, List<Count>> by = new HashMap<>();
    for (Count c : counts) {
      if (c.principal() != null) {
        by.computeIfAbsent(c.principal(), k -> new ArrayList<>()).add(c);
      }
    }
    List<PrincipalActivity> out = new ArrayList<>();
    for (Map.Entry<String, List<Count>> e : by.entrySet()) {
      List<Count> cs = e.getValue();
      out.add(new PrincipalActivity(e.getKey(), cs.stream().mapToLong(Count::count).sum(),
          cs.stream().map(Count::account).filter(a -> a != null).distinct().sorted().toList(),
          cs.stream().map(Count::day).min(Comparator.naturalOrder()).orElseThrow(),
          cs.stream().map(Count::day).max(Comparator.naturalOrder()).orElseThrow()));
    }
    out.sort(Comparator.comparingLong(PrincipalActivity::events).reversed().thenComparing(PrincipalActivity::principal));
    return out.subList(0, Math.min(limit, out.size()));
  }

  /**
   * The slice filter that pulls all of one principal's events from the same trail: its exact ARN
   * (quoted, so {@code user/bob} does not also pull {@code user/bob2}) over its active days.
   */
  public static String pullFilter(PrincipalActivity p) {
    return "principal:\"" + p.principal().replace("\\", "\\\\").replace("\"", "\\\"") + "\" AND time>=" + p.first()
        + " AND time<" + p.last().plusDays(1);
  }
}
