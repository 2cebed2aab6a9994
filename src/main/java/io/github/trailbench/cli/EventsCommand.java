package io.github.trailbench.cli;

import io.github.trailbench.core.model.SafeText;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.report.EventExport;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailbench events --case CASE [--filter Q] [--format table|csv|json] [--limit N]}. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "List the events of a case, filtered.")
public final class EventsCommand implements Callable<Integer> {
  enum Format { table, csv, json }

  static final List<String> CSV_COLUMNS = EventExport.CSV_COLUMNS;

  @Spec CommandSpec spec;

  @Option(names = "--case", required = true, paramLabel = "CASE", description = "Case directory.")
  Path caseDir;

  @Option(names = "--filter", paramLabel = "Q", description = "Filter, e.g. 'eventName:Create* AND NOT error:none'.")
  String filter;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
  Format format = Format.table;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: all; table: 100).")
  Long limit;

  @Override
  public Integer call() {
    CaseArgs.requireExistingCase(caseDir);
    if (limit != null && limit < 0) {
      throw new BadInputException("--limit must be 0 or more");
    }
    Expr expr = CaseArgs.parseFilter(filter);
    PrintWriter out = spec.commandLine().getOut();
    long max = limit != null ? limit : format == Format.table ? 100 : -1;
    try (CaseStore store = CaseStore.open(caseDir)) {
      EventQueries q = store.queries();
      switch (format) {
        case json -> EventExport.write(q, expr, max, EventExport.Format.JSON_LINES, out);
        case csv -> EventExport.write(q, expr, max, EventExport.Format.CSV, out);
        case table -> table(q, expr, max, limit == null, out);
      }
    } catch (StoreException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException("cannot write output: " + e.getMessage(), e);
    }
    out.flush();
    return TrailbenchCommand.EXIT_OK;
  }

  private static void table(EventQueries q, Expr expr, long max, boolean defaultLimit, PrintWriter raw) {
    PrintWriter out = SafeOut.over(raw);
    String fmt = "%-20s  %-36s  %-30s  %-22s  %-60s  %-15s  %s%n";
    out.printf(fmt, "TIME", "EVENT ID", "EVENT", "SOURCE", "PRINCIPAL", "SOURCE IP", "ERROR");
    long[] n = {0};
    q.scan(expr, EventQueries.Sort.TIME_ASC, 0, max, r -> {
      n[0]++;
      // the event ID whole, whatever its length: it is what `explain --event` takes
      out.printf(fmt, r.eventTime(), SafeText.escape(r.eventId()), cut(r.eventName(), 30), cut(r.eventSource(), 22),
          cut(r.principalArn(), 60), cut(r.sourceIp(), 15), r.errorCode() == null ? "" : SafeText.escape(r.errorCode()));
    });
    if (defaultLimit && n[0] == max) {
      long total = q.count(expr);
      if (total > max) {
        out.printf("... %d more events (use --limit N, or --format csv|json for all)%n", total - max);
      }
    }
    out.flush();
  }

  private static String cut(String s, int n) {
    if (s == null) {
      return "";
    }
    s = SafeText.escape(s);
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
