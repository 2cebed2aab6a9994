package io.github.trailbench.bench;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import io.github.trailbench.app.timeline.TimelineQueries.Column;
import io.github.trailbench.app.timeline.TimelineQueries.Sort;
import io.github.trailbench.app.timeline.TimelineQueries.Window;
import io.github.trailbench.app.timeline.TimelineViewModel;
import io.github.trailbench.app.workspace.CaseSummary;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.core.query.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Timeline benchmark (not a test): the queries the timeline view makes, through the same port
 * ({@link TimelineQueries} of the store workspace), on a case of 1M generated events.
 *
 * <pre>
 * ./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.trailbench.bench.TimelineBench [-Dexec.args="--case DIR --data DIR --events N --runs 3"]
 * </pre>
 *
 * {@code --sections open,filters,zoom,sort,values,lanes} picks the parts to run (default: all).
 * Without --case it uses target/bench-data/case-1m, importing the tree made by
 * shared/bench/gen-cloudtrail.py (target/bench-data/ct1000000, generated when absent) when the
 * case does not exist yet — that import takes several minutes; later runs reuse the case.
 */
public final class TimelineBench {
  private static final List<String> FILTERS = List.of(
      "eventName:CreateAccessKey",
      "principal:*alice*",
      "error:AccessDenied*",
      "error:*",
      "time>=2026-10-05T00:00Z time<2026-10-06T00:00Z",
      "NOT readOnly:true",
      "eventName:Describe* AND region:us-east-1",
      "NOT eventSource:s3.amazonaws.com");

  public static void main(String[] args) throws Exception {
    int events = 1_000_000;
    Path caseDir = null;
    Path data = null;
    int runs = 3;
    String sections = "open,filters,zoom,sort,values,lanes";
    String generator = BenchData.generator();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--case" -> caseDir = Path.of(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--sections" -> sections = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (caseDir == null) {
      caseDir = Path.of("target", "bench-data", events == 1_000_000 ? "case-1m" : "case-" + events);
    }
    System.out.printf("cpus: %d, max heap: %d MiB, load average: %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, Files.readString(Path.of("/proc/loadavg")).trim());
    StoreCaseWorkspace workspace = new StoreCaseWorkspace();
    if (!Files.exists(caseDir.resolve("case.mv.db"))) {
      if (data == null) {
        data = BenchData.tree(events, generator);
      }
      System.out.println("importing " + data + " into " + caseDir + " (once; several minutes) ...");
      long t0 = System.nanoTime();
      workspace.open(caseDir);
      workspace.importFiles(List.of(data), p -> {});
      workspace.close();
      System.out.printf("import: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      workspace = new StoreCaseWorkspace();
    }

    long t0 = System.nanoTime();
    CaseSummary summary = workspace.open(caseDir);
    System.out.printf("open case (migrations + summary): %.0f ms, %,d events%n", ms(t0), summary.events());
    TimelineQueries q = workspace.timeline();

    System.out.println("== opening the timeline: count + first page + extent + histogram, no filter");
    for (int r = 1; r <= (sections.contains("open") ? runs : 1); r++) {
      System.out.printf("run %d: %s%n", r, refresh(q, "", Window.ALL, Sort.TIME_ASCENDING));
    }

    System.out.println("== applying a filter: count + first page + extent + histogram (target < 200 ms)");
    for (String f : sections.contains("filters") ? FILTERS : List.<String>of()) {
      List<String> times = new ArrayList<>();
      for (int r = 1; r <= runs; r++) {
        times.add(refresh(q, f, Window.ALL, Sort.TIME_ASCENDING));
      }
      System.out.printf("%-50s %,9d events  %s%n", f, q.count(f, Window.ALL), String.join(" | ", times));
    }

    Optional<Window> extent = q.extent("");
    Window day = new Window(extent.get().from().plusSeconds(86_400), extent.get().from().plusSeconds(2 * 86_400));
    System.out.println("== zoomed to one day: " + day.from() + " .. " + day.to());
    for (int r = 1; r <= (sections.contains("zoom") ? runs : 0); r++) {
      System.out.printf("run %d: %s%n", r, refresh(q, "", day, Sort.TIME_ASCENDING));
    }

    System.out.println("== sorting by a text column: first page, and page 100 (offset 20,000)");
    List<String[]> sorts = List.of(
        new String[] {"", "NAME"}, new String[] {"", "PRINCIPAL"}, new String[] {"", "ERROR"},
        new String[] {"eventSource:iam.amazonaws.com", "PRINCIPAL"}, new String[] {"error:*", "NAME"},
        new String[] {"NOT eventSource:s3.amazonaws.com", "SOURCE_IP"});
    for (String[] s : sections.contains("sort") ? sorts : List.<String[]>of()) {
      Sort sort = new Sort(Column.valueOf(s[1]), true);
      List<Double> first = new ArrayList<>();
      long matches = q.count(s[0], Window.ALL);
      for (int r = 1; r <= runs; r++) {
        long t = System.nanoTime();
        q.page(s[0], Window.ALL, sort, 0, TimelineViewModel.PAGE_SIZE);
        first.add(ms(t));
      }
      long t = System.nanoTime();
      List<EventRow> later = q.page(s[0], Window.ALL, sort, 20_000, TimelineViewModel.PAGE_SIZE);
      double deep = ms(t);
      System.out.printf("sort %-10s filter %-36s %,9d events  first page %s ms, page 100 %.0f ms (%d rows)%n", s[1],
          "'" + s[0] + "'", matches, fmt(first), deep, later.size());
    }

    System.out.println("== autocomplete values (first call counts the field's terms once; later calls read the dictionary)");
    Object[][] lookups = {
        {Field.EVENT_NAME, ""}, {Field.EVENT_NAME, "Des"}, {Field.PRINCIPAL, "arn:aws:iam"}, {Field.PRINCIPAL, "arn:aws:sts"},
        {Field.SESSION, "ASIA"}, {Field.IP, "1"}, {Field.ERROR, ""}, {Field.ACTION, "s3:"}, {Field.RESOURCE, "arn:aws:s3"},
        {Field.USER_AGENT, "aws-cli"}};
    for (Object[] l : sections.contains("values") ? lookups : new Object[0][]) {
      List<Double> times = new ArrayList<>();
      int n = 0;
      for (int r = 1; r <= runs; r++) {
        long t = System.nanoTime();
        n = q.values((Field) l[0], (String) l[1], TimelineViewModel.MAX_SUGGESTIONS).size();
        times.add(ms(t));
      }
      System.out.printf("%-11s '%s': %s ms (%d values)%n", ((Field) l[0]).key(), l[1], fmt(times), n);
    }

    System.out.println("== session lanes (first call reads the issuing STS calls once)");
    for (String f : sections.contains("lanes") ? List.of("principal:*alice*", "eventSource:iam.amazonaws.com", "") : List.<String>of()) {
      for (Window w : List.of(Window.ALL, day)) {
        List<Double> times = new ArrayList<>();
        TimelineQueries.SessionLanes lanes = null;
        for (int r = 1; r <= runs; r++) {
          long t = System.nanoTime();
          lanes = q.sessionLanes(f, w, TimelineViewModel.MAX_LANES, TimelineViewModel.MAX_TICKS_PER_LANE);
          times.add(ms(t));
        }
        System.out.printf("filter %-32s %-9s %s ms (%d of %d sessions, max depth %d)%n", "'" + f + "'",
            w == Window.ALL ? "all" : "one day", fmt(times), lanes.lanes().size(), lanes.sessions(),
            lanes.lanes().stream().mapToInt(TimelineQueries.Lane::depth).max().orElse(0));
      }
    }
    workspace.close();
  }

  /** What the view model does on apply: count, page, extent, histogram; returns the times. */
  private static String refresh(TimelineQueries q, String filter, Window w, Sort sort) throws Exception {
    long t = System.nanoTime();
    q.count(filter, w);
    double tc = ms(t);
    long t1 = System.nanoTime();
    q.page(filter, w, sort, 0, TimelineViewModel.PAGE_SIZE);
    double tp = ms(t1);
    long t2 = System.nanoTime();
    Optional<Window> ext = q.extent(filter);
    double te = ms(t2);
    long t3 = System.nanoTime();
    Window hw = w.from() != null ? w : ext.orElse(null);
    if (hw != null) {
      q.histogram(filter, hw, TimelineViewModel.BUCKETS);
    }
    double th = ms(t3);
    return String.format("total %4.0f ms (count %.0f, page %.0f, extent %.0f, histogram %.0f)", ms(t), tc, tp, te, th);
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static String fmt(List<Double> times) {
    List<String> s = new ArrayList<>();
    for (double d : times) {
      s.add(String.format("%.0f", d));
    }
    return String.join("/", s);
  }

  private TimelineBench() {}
}
