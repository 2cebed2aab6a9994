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
import java.util.SortedMap;
import java.util.TreeMap;

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

  /**
   * A principal's share of the trail (or of one account of it): events, those that failed (an
   * error code), accounts, first and last day.
   */
  public record PrincipalActivity(String principal, long events, long failed, List<String> accounts, LocalDate first,
      LocalDate last) {
    public PrincipalActivity {
      accounts = List.copyOf(accounts);
    }
  }

  /** One account's share: events, those that failed, distinct principals, first and last day. */
  public record AccountActivity(String account, long events, long failed, int principals, LocalDate first,
      LocalDate last) {}

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

  /** Events per account, most first (ties by account); events without an account count as "(none)". */
  public List<Map.Entry<String, Long>> byAccount() {
    return accounts().stream().map(a -> Map.entry(a.account(), a.events())).toList();
  }

  /** Every account's activity, most events first (ties by account). */
  public List<AccountActivity> accounts() {
    Map<String, List<Count>> by = new HashMap<>();
    for (Count c : counts) {
      by.computeIfAbsent(c.account() == null ? NO_ACCOUNT : c.account(), k -> new ArrayList<>()).add(c);
    }
    List<AccountActivity> out = new ArrayList<>();
    by.forEach((account, cs) -> out.add(new AccountActivity(account, events(cs), failed(cs),
        (int) cs.stream().map(Count::principal).filter(p -> p != null).distinct().count(), first(cs), last(cs))));
    out.sort(Comparator.comparingLong(AccountActivity::events).reversed().thenComparing(AccountActivity::account));
    return out;
  }

  /** The principals with the most events, at most {@code limit}; events without a principal are left out. */
  public List<PrincipalActivity> topPrincipals(int limit) {
    List<PrincipalActivity> all = principals(null);
    return all.subList(0, Math.min(limit, all.size()));
  }

  /**
   * The principals active in {@code account} (every account when null), most events first;
   * their events and days count only that account's.
   */
  public List<PrincipalActivity> principals(String account) {
    Map<String, List<Count>> by = new HashMap<>();
    for (Count c : counts) {
      if (c.principal() != null && inAccount(c, account)) {
        by.computeIfAbsent(c.principal(), k -> new ArrayList<>()).add(c);
      }
    }
    List<PrincipalActivity> out = new ArrayList<>();
    by.forEach((principal, cs) -> out.add(new PrincipalActivity(principal, events(cs), failed(cs),
        cs.stream().map(Count::account).filter(a -> a != null).distinct().sorted().toList(), first(cs), last(cs))));
    out.sort(Comparator.comparingLong(PrincipalActivity::events).reversed().thenComparing(PrincipalActivity::principal));
    return out;
  }

  /** Events per day of {@code account} and {@code principal} (either null: any), in day order. */
  public SortedMap<LocalDate, Long> perDay(String account, String principal) {
    SortedMap<LocalDate, Long> out = new TreeMap<>();
    for (Count c : counts) {
      if (inAccount(c, account) && (principal == null || principal.equals(c.principal()))) {
        out.merge(c.day(), c.count(), Long::sum);
      }
    }
    return out;
  }

  /** The label of events without an account in {@link #accounts()}. */
  public static final String NO_ACCOUNT = "(none)";

  private static boolean inAccount(Count c, String account) {
    return account == null || account.equals(c.account() == null ? NO_ACCOUNT : c.account());
  }

  private static long events(List<Count> cs) {
    return cs.stream().mapToLong(Count::count).sum();
  }

  private static long failed(List<Count> cs) {
    return cs.stream().filter(c -> c.errorCode() != null && !c.errorCode().isEmpty()).mapToLong(Count::count).sum();
  }

  private static LocalDate first(List<Count> cs) {
    return cs.stream().map(Count::day).min(Comparator.naturalOrder()).orElseThrow();
  }

  private static LocalDate last(List<Count> cs) {
    return cs.stream().map(Count::day).max(Comparator.naturalOrder()).orElseThrow();
  }

  /**
   * The command that slices all of {@code p}'s events out of the trail this overview was made
   * from, for a POSIX shell: {@code slice/run-local.sh --input … --filter '…' --out SLICE_DIR}.
   */
  public String pullCommand(PrincipalActivity p) {
    return "slice/run-local.sh --input " + (header.input().isEmpty() ? "TRAIL" : header.input()) + " --filter '"
        + pullFilter(p).replace("'", "'\\''") + "' --out SLICE_DIR";
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
