package io.github.trailbench.app.timeline;

import io.github.trailbench.core.query.Field;
import io.github.trailbench.report.EventExport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the timeline asks of the open case. Implemented over the case store by the workspace. */
public interface TimelineQueries {

  /** A half-open time window {@code [from, to)}; either end null means unbounded. */
  record Window(Instant from, Instant to) {
    public static final Window ALL = new Window(null, null);
  }

  /** Sortable columns; text columns sort by their text, ties by time. */
  enum Column { TIME, SOURCE, NAME, REGION, PRINCIPAL, ACCESS_KEY, SESSION, SOURCE_IP, USER_AGENT, ERROR }

  record Sort(Column column, boolean ascending) {
    public static final Sort TIME_ASCENDING = new Sort(Column.TIME, true);
  }

  /** Events per bucket, split by outcome. */
  record Bucket(Instant start, Instant end, long success, long denied, long otherErrors) {
    public long total() {
      return success + denied + otherErrors;
    }
  }

  /** A value seen in the case and how many events have it. */
  record ValueCount(String value, long count) {}

  /**
   * One session (access key) of the matching events: its span, its calls as ticks (at most the
   * cap given), and its place in the role chain: {@code parentSession} made the call that
   * issued it, {@code depth} is how many issuing steps lie above it among the lanes.
   */
  record Lane(String session, String principal, String parentSession, int depth, Instant first, Instant last,
      long count, long failed, List<EventRow> ticks) {
    public Lane {
      ticks = List.copyOf(ticks);
    }
  }

  /** Lanes in chain order (a parent above its children); {@code sessions} counts all, shown or not. */
  record SessionLanes(List<Lane> lanes, int sessions, boolean ticksCapped) {
    public static final SessionLanes NONE = new SessionLanes(List.of(), 0, false);

    public SessionLanes {
      lanes = List.copyOf(lanes);
    }
  }

  /** A filter that does not parse; {@code position} is the 0-based character offset. */
  final class FilterException extends Exception {
    private final int position;

    public FilterException(String message, int position) {
      super(message);
      this.position = position;
    }

    public int position() {
      return position;
    }
  }

  long count(String filter, Window window) throws FilterException;

  List<EventRow> page(String filter, Window window, Sort sort, int offset, int limit) throws FilterException;

  List<Bucket> histogram(String filter, Window window, int buckets) throws FilterException;

  /** First and last event time matching the filter, if any. */
  Optional<Window> extent(String filter) throws FilterException;

  /** Values of {@code field} seen in the case that start with {@code prefix}, most frequent first. */
  List<ValueCount> values(Field field, String prefix, int limit);

  /** The sessions of the matching events in the window as lanes, at most {@code maxLanes}. */
  SessionLanes sessionLanes(String filter, Window window, int maxLanes, int maxTicksPerLane) throws FilterException;

  /** The index of {@code row} among the matching events in time order; empty when it does not match. */
  OptionalLong positionInTimeOrder(String filter, Window window, EventRow row) throws FilterException;

  /**
   * Writes every event matching the filter in the window, in time order, to {@code out} as the
   * CLI's {@code events --format csv|json} does; returns how many. Does not close {@code out}.
   */
  default long export(String filter, Window window, EventExport.Format format, OutputStream out)
      throws FilterException, IOException {
    throw new UnsupportedOperationException("this case cannot export events");
  }

  /**
   * The rows' replay verdicts when the case's verdicts are computed for its current events and
   * IAM data; an empty map while they are not. Never computes them.
   */
  default java.util.Map<EventRow, RowVerdict> verdicts(List<EventRow> rows) {
    return java.util.Map.of();
  }

  /** How many events of the case have each verdict, once computed. */
  record VerdictCounts(long agrees, long disagrees, long undetermined, long notDeniable) {}

  /**
   * Replays every event of the case through the policy engine over its IAM data, when the
   * verdicts kept are not those of the case as it is now; reports the share done (0 to 1).
   * Blocks until done. Empty when the case cannot have verdicts.
   */
  default Optional<VerdictCounts> computeVerdicts(java.util.function.DoubleConsumer progress) {
    return Optional.empty();
  }

  /** The event's record exactly as it was imported. */
  Optional<String> rawJson(EventRow row);

  /** A named filter kept in the case. */
  record SavedFilter(String name, String expression) {}

  /**
   * One line on what the offline databases say about a {@code sourceIPAddress} (country, AS,
   * AWS ownership), as stored in the case at import; empty when it is not enriched.
   */
  /**
   * The principal's services (a role session stands for its role), one line each: IAM Access
   * Advisor's last access beside the trail's first and last use; empty without a report for it.
   */
  default List<String> serviceActivity(String principalArn) {
    return List.of();
  }

  default Optional<String> ipInfo(String sourceIp) {
    return Optional.empty();
  }

  /**
   * Other copies of the event (same eventID and account) an import rejected because they say
   * something else, one line each ("FILE (record N): errorCode X in that copy, none in the case");
   * empty when its record is the only one.
   */
  default List<String> contestedCopies(EventRow row) {
    return List.of();
  }

  /** The event's tags, sorted ({@code bookmark} is the bookmark). */
  default List<String> tags(EventRow row) {
    return List.of();
  }

  /** Tags the event; throws IllegalArgumentException (message for the analyst) for a bad tag. */
  default void tag(EventRow row, String tag) {
    throw new UnsupportedOperationException("this case cannot keep tags");
  }

  default void untag(EventRow row, String tag) {
    throw new UnsupportedOperationException("this case cannot keep tags");
  }

  default List<SavedFilter> savedFilters() {
    return List.of();
  }

  /** Saves a named filter; throws IllegalArgumentException (message for the analyst) when it does not parse. */
  default void saveFilter(String name, String expression) {
    throw new UnsupportedOperationException("this case cannot keep filters");
  }

  default void deleteFilter(String name) {
    throw new UnsupportedOperationException("this case cannot keep filters");
  }
}
