package io.github.trailbench.report;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.LedgerEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a report says about the case on its cover. */
public final class CaseReports {
  private CaseReports() {}

  /** One line per format: how many files, and the folder they share. */
  static List<String> sources(List<LedgerEntry> ledger) {
    Map<String, List<String>> byFormat = new java.util.TreeMap<>();
    ledger.forEach(e -> byFormat.computeIfAbsent(e.format(), k -> new java.util.ArrayList<>()).add(e.path()));
    return byFormat.entrySet().stream().map(e -> {
      List<String> paths = e.getValue();
      String prefix = paths.get(0);
      for (String path : paths) {
        while (!path.startsWith(prefix)) {
          prefix = prefix.substring(0, prefix.length() - 1);
        }
      }
      int cut = prefix.lastIndexOf('/');
      String folder = paths.size() == 1 ? paths.get(0) : (cut > 0 ? prefix.substring(0, cut + 1) : prefix);
      return e.getKey() + ": " + paths.size() + " file(s) in " + folder;
    }).toList();
  }

  /**
   * Figures of the whole case for a report: the events over time, stacked by outcome (at most
   * 120 bars). Empty for a case without events.
   */
  public static List<Figure> figures(CaseStore store) {
    EventQueries q = store.queries();
    var range = q.timeRange(new Expr.All());
    if (range.isEmpty()) {
      return List.of();
    }
    Instant first = range.get().first();
    Instant last = range.get().last();
    java.time.Duration width = HistogramFigure.widthFor(first, last, 120);
    Instant from = Instant.ofEpochSecond(first.getEpochSecond() / width.getSeconds() * width.getSeconds());
    Instant to = last.plusMillis(1);
    List<HistogramFigure.Bar> bars = q.outcomeHistogram(new Expr.All(), from, to, width, EventQueries.DENIED_ERROR_CODES)
        .stream().map(b -> new HistogramFigure.Bar(b.start(), b.succeeded(), b.denied(),
            Math.max(0, b.count() - b.succeeded() - b.denied()))).toList();
    long denied = bars.stream().mapToLong(HistogramFigure.Bar::denied).sum();
    long other = bars.stream().mapToLong(HistogramFigure.Bar::otherErrors).sum();
    return List.of(new Figure(String.format("Events over time, %s to %s, by outcome: %,d denied, %,d other errors",
        PdfReport.time(first), PdfReport.time(last), denied, other),
        HistogramFigure.png(bars, width, 1400, 420)));
  }

  public static CaseSummary summary(CaseStore store) {
    EventQueries q = store.queries();
    List<LedgerEntry> ledger = q.ledger();
    Map<String, Long> bySource = new LinkedHashMap<>();
    for (EventQueries.ValueCount v : q.distinctValues(Field.EVENT_SOURCE, "", 40)) {
      bySource.put(v.value(), v.count());
    }
    var range = q.timeRange(new Expr.All());
    Path dir = store.directory();
    return new CaseSummary(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
        sources(ledger),
        range.map(EventQueries.TimeRange::first).orElse(null), range.map(EventQueries.TimeRange::last).orElse(null),
        q.count(new Expr.All()), bySource, Instant.now());
  }
}
