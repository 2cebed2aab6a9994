package io.github.trailbench.app.workspace;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import io.github.trailbench.store.EventQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The timeline's questions answered by the case store. */
final class StoreTimelineQueries implements TimelineQueries {
  /** Error codes that mean "not authorized", for the histogram's denied band. */
  private static final List<String> DENIED_CODES = List.of(
      "AccessDenied*", "*UnauthorizedOperation", "*AccessDeniedException", "*NotAuthorized*", "*Forbidden*");

  private final Supplier<EventQueries> queries;

  StoreTimelineQueries(Supplier<EventQueries> queries) {
    this.queries = queries;
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

  private static Expr denied() {
    return new Expr.Or(DENIED_CODES.stream().<Expr>map(c -> new Expr.Term(Field.ERROR, c, true, -1)).toList());
  }

  @Override
  public long count(String filter, Window window) throws FilterException {
    return queries.get().count(within(parse(filter), window));
  }

  @Override
  public List<EventRow> page(String filter, Window window, Sort sort, int offset, int limit) throws FilterException {
    EventQueries.Sort order = sort.ascending() ? EventQueries.Sort.TIME_ASC : EventQueries.Sort.TIME_DESC;
    return queries.get().page(within(parse(filter), window), order, offset, limit).stream()
        .map(StoreTimelineQueries::row)
        .toList();
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
    EventQueries q = queries.get();
    List<EventQueries.Bucket> all = q.histogram(f, from, to, width);
    List<EventQueries.Bucket> ok = q.histogram(new Expr.And(List.of(f, new Expr.Term(Field.ERROR, "none", false, -1))), from, to, width);
    List<EventQueries.Bucket> denied = q.histogram(new Expr.And(List.of(f, denied())), from, to, width);
    List<Bucket> out = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      long total = all.get(i).count();
      long success = i < ok.size() ? ok.get(i).count() : 0;
      long deny = i < denied.size() ? denied.get(i).count() : 0;
      Instant start = all.get(i).start();
      out.add(new Bucket(start, start.plus(width), success, deny, Math.max(0, total - success - deny)));
    }
    return out;
  }

  @Override
  public Optional<Window> extent(String filter) throws FilterException {
    return queries.get().timeRange(parse(filter)).map(r -> new Window(r.first(), r.last().plusMillis(1)));
  }

  @Override
  public Optional<String> rawJson(EventRow row) {
    EventQueries q = queries.get();
    for (long id : q.rowIdsByEventId(row.eventId())) {
      Optional<io.github.trailbench.store.EventRow> stored = q.event(id);
      if (stored.isPresent() && stored.get().accountId().equals(row.accountId())) {
        return q.rawJson(id);
      }
    }
    return Optional.empty();
  }
}
