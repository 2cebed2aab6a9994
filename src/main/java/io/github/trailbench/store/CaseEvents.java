package io.github.trailbench.store;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.Optional;
import java.util.function.Consumer;

/** The case's events as CloudTrail records, in time order, one at a time (memory stays flat). */
public final class CaseEvents {
  private CaseEvents() {}

  public static void forEach(CaseStore store, Expr filter, Consumer<CloudTrailEvent> sink, Consumer<SourceProblem> problems) {
    EventQueries q = store.queries();
    q.scan(filter, EventQueries.Sort.TIME_ASC, 0, Long.MAX_VALUE, row -> {
      Optional<String> raw = q.rawJson(row.rowId());
      if (raw.isEmpty()) {
        problems.accept(new SourceProblem(store.directory().toString(), "event " + row.eventId(), "raw record missing"));
        return;
      }
      try {
        sink.accept(CloudTrailRecords.parse(raw.get(), "event " + row.eventId()));
      } catch (SourceFormatException e) {
        problems.accept(e.problem());
      }
    });
  }

  /** One event by its id (and recipient account when several accounts share the id). */
  public static Optional<CloudTrailEvent> byId(CaseStore store, String eventId) throws SourceFormatException {
    Optional<String> raw = store.queries().rawJsonByEventId(eventId);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CloudTrailRecords.parse(raw.get(), "event " + eventId));
  }
}
