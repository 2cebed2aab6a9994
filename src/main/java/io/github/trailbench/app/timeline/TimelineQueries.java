package io.github.trailbench.app.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the timeline asks of the open case. Implemented over the case store by the workspace. */
public interface TimelineQueries {

  /** A half-open time window {@code [from, to)}; either end null means unbounded. */
  record Window(Instant from, Instant to) {
    public static final Window ALL = new Window(null, null);
  }

  /** Sortable columns. */
  enum Column { TIME, SOURCE, NAME, REGION, PRINCIPAL, ACCESS_KEY, SOURCE_IP, ERROR }

  record Sort(Column column, boolean ascending) {
    public static final Sort TIME_ASCENDING = new Sort(Column.TIME, true);
  }

  /** Events per bucket, split by outcome. */
  record Bucket(Instant start, Instant end, long success, long denied, long otherErrors) {
    public long total() {
      return success + denied + otherErrors;
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

  /** The event's record exactly as it was imported. */
  Optional<String> rawJson(EventRow row);
}
