package io.github.trailbench.app.workspace;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.LaneOrder;
import io.github.trailbench.app.timeline.TimelineQueries;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import io.github.trailbench.report.EventExport;
import io.github.trailbench.store.CaseSessionLinks;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.EventQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** The timeline's questions answered by the case store. */
final class StoreTimelineQueries implements TimelineQueries {

  private final Supplier<CaseStore> store;
  /** Issued session → the session whose call issued it, as of {@link #parentsStamp} imported files. */
  private Map<String, String> parents;
  private int parentsStamp = -1;

  StoreTimelineQueries(Supplier<CaseStore> store) {
    this.store = store;
  }

  private EventQueries q() {
    return store.get().queries();
  }

  static Expr parse(String filter) throws FilterException {
    try {
      return filter == null || filter.isBlank() ? new Expr.All() : FilterParser.parse(filter);
    } catch (FilterSyntaxException e) {
      throw new FilterException(e.reason(), e.position());
    }
  }

  private static Expr within(Expr filter, Window w) {
    List<Expr> parts = new ArrayList<>(List.of(filter));
    if (w.from() != null) {
      parts.add(new Expr.TimeCompare(Expr.Op.GE, w.from(), -1));
    }
    if (w.to() != null) {
      parts.add(new Expr.TimeCompare(Expr.Op.LT, w.to(), -1));
    }
    return parts.size() == 1 ? filter : new Expr.And(parts);
  }

  @Override
  public long count(String filter, Window window) throws FilterException {
    Expr f = parse(filter);
    if (f instanceof Expr.All && (window.from() != null || window.to() != null)) {
      return q().countBetween(window.from(), window.to());
    }
    return q().count(within(f, window));
  }

  @Override
  public List<EventRow> page(String filter, Window window, Sort sort, int offset, int limit) throws FilterException {
    EventQueries.Order order = new EventQueries.Order(sortKey(sort.column()), sort.ascending());
    List<EventRow> out = new ArrayList<>();
    forgetRowIdsOfAnotherCase();
    for (io.github.trailbench.store.EventRow r : q().page(within(parse(filter), window), order, offset, limit)) {
      EventRow row = row(r);
      shownRowIds.put(row, r.rowId());
      out.add(row);
    }
    return out;
  }

  /** The store's row ids of the rows of the last pages shown, so their verdicts are found without a search. */
  private final Map<EventRow, Long> shownRowIds = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<EventRow, Long> eldest) {
      return size() > 2_000;
    }
  });

  private CaseStore rowIdsOf;

  private synchronized void forgetRowIdsOfAnotherCase() {
    if (rowIdsOf != store.get()) {
      shownRowIds.clear();
      rowIdsOf = store.get();
    }
  }

  @Override
  public Map<EventRow, io.github.trailbench.app.timeline.RowVerdict> verdicts(List<EventRow> rows) {
    forgetRowIdsOfAnotherCase();
    Optional<io.github.trailbench.store.CaseVerdicts.Table> table = store.get().verdicts().ifReady();
    if (table.isEmpty()) {
      return Map.of();
    }
    Map<EventRow, io.github.trailbench.app.timeline.RowVerdict> out = new HashMap<>();
    for (EventRow row : rows) {
      Long id = shownRowIds.get(row);
      OptionalLong rowId = id != null ? OptionalLong.of(id) : rowId(row);
      if (rowId.isPresent()) {
        io.github.trailbench.store.CaseVerdicts.Verdict v = table.get().of(rowId.getAsLong());
        out.put(row, new io.github.trailbench.app.timeline.RowVerdict(v.verdict(), v.undeterminedKey()));
      }
    }
    return out;
  }

  @Override
  public Optional<VerdictCounts> computeVerdicts(java.util.function.DoubleConsumer progress) {
    io.github.trailbench.store.CaseVerdicts.Table t = store.get().verdicts().get(progress);
    return Optional.of(new VerdictCounts(t.count(io.github.trailbench.core.correlate.ReplayVerdict.AGREES),
        t.count(io.github.trailbench.core.correlate.ReplayVerdict.DISAGREES),
        t.count(io.github.trailbench.core.correlate.ReplayVerdict.UNDETERMINED),
        t.count(io.github.trailbench.core.correlate.ReplayVerdict.NOT_DENIABLE)));
  }

  @Override
  public long export(String filter, Window window, EventExport.Format format, OutputStream out)
      throws FilterException, IOException {
    Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    long n = EventExport.write(q(), within(parse(filter), window), -1, format, text);
    text.flush();
    return n;
  }

  static EventQueries.SortKey sortKey(Column c) {
    return switch (c) {
      case TIME -> EventQueries.SortKey.TIME;
      case SOURCE -> EventQueries.SortKey.EVENT_SOURCE;
      case NAME -> EventQueries.SortKey.EVENT_NAME;
      case REGION -> EventQueries.SortKey.REGION;
      case PRINCIPAL -> EventQueries.SortKey.PRINCIPAL;
      case ACCESS_KEY -> EventQueries.SortKey.ACCESS_KEY;
      case SESSION -> EventQueries.SortKey.SESSION;
      case SOURCE_IP -> EventQueries.SortKey.SOURCE_IP;
      case USER_AGENT -> EventQueries.SortKey.USER_AGENT;
      case ERROR -> EventQueries.SortKey.ERROR_CODE;
    };
  }

  @Override
  public List<ValueCount> values(Field field, String prefix, int limit) {
    if (!field.hasCaseValues()) {
      return List.of();
    }
    return q().distinctValues(field, prefix, limit).stream().map(v -> new ValueCount(v.value(), v.count())).toList();
  }

  @Override
  public SessionLanes sessionLanes(String filter, Window window, int maxLanes, int maxTicksPerLane) throws FilterException {
    Expr f = within(parse(filter), window);
    EventQueries q = q();
    List<EventQueries.SessionSpan> spans = q.sessionSpans(f);
    if (spans.isEmpty()) {
      return SessionLanes.NONE;
    }
    Map<String, String> parentOf = parents();
    Map<String, EventQueries.SessionSpan> bySession = new LinkedHashMap<>();
    spans.forEach(s -> bySession.put(s.session(), s));
    List<LaneOrder.Placed> placed = LaneOrder.order(new ArrayList<>(bySession.keySet()), parentOf::get);
    List<LaneOrder.Placed> shown = placed.size() > maxLanes ? placed.subList(0, maxLanes) : placed;
    Map<String, List<EventRow>> ticks = new HashMap<>();
    boolean[] capped = {false};
    List<Expr> keys = shown.stream().<Expr>map(p -> new Expr.Term(Field.SESSION, p.session(), false, -1)).toList();
    q.scan(new Expr.And(List.of(f, new Expr.Or(keys))), EventQueries.Sort.TIME_ASC, 0, -1, r -> {
      List<EventRow> lane = ticks.computeIfAbsent(r.sessionId(), k -> new ArrayList<>());
      if (lane.size() < maxTicksPerLane) {
        lane.add(row(r));
      } else {
        capped[0] = true;
      }
    });
    List<Lane> lanes = new ArrayList<>(shown.size());
    for (LaneOrder.Placed p : shown) {
      EventQueries.SessionSpan s = bySession.get(p.session());
      lanes.add(new Lane(s.session(), s.principal(), p.parent(), p.depth(), s.first(), s.last(), s.count(), s.failed(),
          ticks.getOrDefault(s.session(), List.of())));
    }
    return new SessionLanes(lanes, spans.size(), capped[0]);
  }

  /** Which session issued which (kept in the case, see CaseSessionLinks); asked again when files were imported. */
  private synchronized Map<String, String> parents() {
    CaseStore s = store.get();
    int stamp = s.queries().ledger().size();
    if (parents == null || stamp != parentsStamp) {
      parents = CaseSessionLinks.parents(s);
      parentsStamp = stamp;
    }
    return parents;
  }

  @Override
  public OptionalLong positionInTimeOrder(String filter, Window window, EventRow row) throws FilterException {
    EventQueries q = q();
    Expr f = within(parse(filter), window);
    for (long id : q.rowIdsByEventId(row.eventId())) {
      Optional<io.github.trailbench.store.EventRow> stored = q.event(id);
      if (stored.isPresent() && stored.get().accountId().equals(row.accountId())) {
        Optional<Long> position = q.positionInTimeOrder(f, id);
        return position.isPresent() ? OptionalLong.of(position.get()) : OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  static EventRow row(io.github.trailbench.store.EventRow r) {
    return new EventRow(r.eventId(), r.accountId(), r.eventTime(), r.eventSource(), r.eventName(), r.awsRegion(),
        r.principalArn(), r.accessKeyId(), r.sessionId(), r.sourceIp(), r.userAgent(), r.errorCode(), r.actions());
  }

  @Override
  public List<Bucket> histogram(String filter, Window window, int buckets) throws FilterException {
    Expr f = parse(filter);
    Instant from = window.from();
    Instant to = window.to();
    if (from == null || to == null || !from.isBefore(to)) {
      return List.of();
    }
    Duration width = Duration.ofMillis(Math.max(1, (to.toEpochMilli() - from.toEpochMilli() + buckets - 1) / buckets));
    List<Bucket> out = new ArrayList<>(buckets);
    for (EventQueries.OutcomeBucket b : q().outcomeHistogram(f, from, to, width, EventQueries.DENIED_ERROR_CODES)) {
      out.add(new Bucket(b.start(), b.start().plus(width), b.succeeded(), b.denied(),
          Math.max(0, b.count() - b.succeeded() - b.denied())));
    }
    return out;
  }

  @Override
  public Optional<Window> extent(String filter) throws FilterException {
    return q().timeRange(parse(filter)).map(r -> new Window(r.first(), r.last().plusMillis(1)));
  }

  @Override
  public Optional<String> rawJson(EventRow row) {
    OptionalLong id = rowId(row);
    return id.isPresent() ? q().rawJson(id.getAsLong()) : Optional.empty();
  }

  /** The store's row id of a table row (event id plus recipient account). */
  private OptionalLong rowId(EventRow row) {
    EventQueries q = q();
    for (long id : q.rowIdsByEventId(row.eventId())) {
      Optional<io.github.trailbench.store.EventRow> stored = q.event(id);
      if (stored.isPresent() && java.util.Objects.equals(stored.get().accountId(), row.accountId())) {
        return OptionalLong.of(id);
      }
    }
    return OptionalLong.empty();
  }

  private long requireRowId(EventRow row) {
    return rowId(row).orElseThrow(() -> new IllegalArgumentException("event " + row.eventId() + " is not in the case"));
  }

  @Override
  public List<String> serviceActivity(String principalArn) {
    try {
      return io.github.trailbench.store.CaseServiceActivity.of(store.get(), principalArn).stream()
          .map(io.github.trailbench.core.findings.leastprivilege.ServiceActivity::line).toList();
    } catch (io.github.trailbench.core.model.SourceFormatException e) {
      throw new IllegalStateException("the case's IAM data cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> ipInfo(String sourceIp) {
    return io.github.trailbench.store.CaseIpInfo.of(store.get(), sourceIp).map(StoreTimelineQueries::describe);
  }

  @Override
  public List<String> contestedCopies(EventRow row) {
    return io.github.trailbench.store.ContestedCopies.of(store.get()).of(row.eventId(), row.accountId() == null ? "" : row.accountId())
        .stream().map(io.github.trailbench.core.findings.ContestedEvidence.Copy::describe).toList();
  }

  static String describe(io.github.trailbench.core.enrich.IpInfo i) {
    return io.github.trailbench.store.CaseGraph.addressNote(i);
  }

  @Override
  public List<String> tags(EventRow row) {
    OptionalLong id = rowId(row);
    if (id.isEmpty()) {
      return List.of();
    }
    return io.github.trailbench.store.CaseTags.of(store.get(), List.of(id.getAsLong())).getOrDefault(id.getAsLong(), List.of())
        .stream().map(io.github.trailbench.store.CaseTags.EventTag::tag).toList();
  }

  @Override
  public void tag(EventRow row, String tag) {
    io.github.trailbench.store.CaseTags.tag(store.get(), requireRowId(row), tag, null);
  }

  @Override
  public void untag(EventRow row, String tag) {
    io.github.trailbench.store.CaseTags.untag(store.get(), requireRowId(row), tag);
  }

  @Override
  public List<SavedFilter> savedFilters() {
    return io.github.trailbench.store.CaseSavedFilters.list(store.get()).stream()
        .map(f -> new SavedFilter(f.name(), f.expression())).toList();
  }

  @Override
  public void saveFilter(String name, String expression) {
    io.github.trailbench.store.CaseSavedFilters.save(store.get(), name, expression);
  }

  @Override
  public void deleteFilter(String name) {
    io.github.trailbench.store.CaseSavedFilters.delete(store.get(), name);
  }
}
