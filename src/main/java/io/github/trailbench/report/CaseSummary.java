package io.github.trailbench.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the cover page of a report says about the case.
 *
 * @param caseName the case's name (usually its directory name)
 * @param sources the imported files or folders, as the import ledger names them
 * @param firstEvent earliest event time in the case; null when it has no events
 * @param lastEvent latest event time; null when it has no events
 * @param totalEvents number of events in the case
 * @param countsBySource events per source, in the order given (e.g. per imported file, or per
 *     event source such as {@code iam.amazonaws.com}); may be empty
 * @param generatedAt when the report was made
 */
public record CaseSummary(
    String caseName,
    List<String> sources,
    Instant firstEvent,
    Instant lastEvent,
    long totalEvents,
    Map<String, Long> countsBySource,
    Instant generatedAt) {

  public CaseSummary {
    caseName = caseName == null ? "" : caseName;
    sources = sources == null ? List.of() : List.copyOf(sources);
    countsBySource = countsBySource == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(countsBySource));
    Objects.requireNonNull(generatedAt, "generatedAt");
  }
}
