package io.github.trailbench.app.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.trailbench.app.timeline.TimelineQueries.Bucket;
import io.github.trailbench.app.timeline.TimelineQueries.Column;
import io.github.trailbench.app.timeline.TimelineQueries.FilterException;
import io.github.trailbench.app.timeline.TimelineQueries.SessionLanes;
import io.github.trailbench.app.timeline.TimelineQueries.Sort;
import io.github.trailbench.app.timeline.TimelineQueries.Window;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterCompletion;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import io.github.trailbench.core.query.FilterText;
import io.github.trailbench.core.io.WholeFile;
import io.github.trailbench.report.EventExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the timeline: the filter, the zoomed time window, one page of events, the histogram
 * and the selected event. Every query runs on the background executor; only the newest
 * answer is published, so fast typing never shows stale results.
 */
public final class TimelineViewModel {
  public static final int PAGE_SIZE = 200;
  public static final int BUCKETS = 120;
  public static final int MAX_SUGGESTIONS = 12;
  public static final int MAX_LANES = 40;
  public static final int MAX_TICKS_PER_LANE = 500;
  /**
   * The shortest span the histogram draws for a filter's events: a single event (or a burst in
   * one second) is a thin bar in ten minutes of time, not one bar across the chart.
   */
  public static final java.time.Duration MIN_HISTOGRAM_SPAN = java.time.Duration.ofMinutes(10);
  /** The spans "Show events around this one" offers, in minutes either side. */
  public static final List<Integer> AROUND_MINUTES = List.of(5, 60);

  /** One autocomplete proposal: the text accepted, and a detail shown beside it (a count). */
  public record Suggestion(String text, String detail) {}
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TimelineQueries queries;
  private final Executor background;
  private final Executor ui;
  private final Executor verdictWork;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong suggestionGeneration = new AtomicLong();
  private final AtomicLong laneGeneration = new AtomicLong();

  private final StringProperty filter = new SimpleStringProperty("");
  private final StringProperty filterError = new SimpleStringProperty("");
  private final IntegerProperty filterErrorPosition = new SimpleIntegerProperty(-1);
  private final ObjectProperty<Window> window = new SimpleObjectProperty<>(Window.ALL);
  private final ObjectProperty<Window> extent = new SimpleObjectProperty<>();
  private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(Sort.TIME_ASCENDING);
  private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneOffset.UTC);
  private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
  private final ObservableList<Bucket> histogram = FXCollections.observableArrayList();
  private final LongProperty total = new SimpleLongProperty(0);
  private final IntegerProperty page = new SimpleIntegerProperty(0);
  private final ObjectProperty<EventRow> selected = new SimpleObjectProperty<>();
  private final StringProperty selectedJson = new SimpleStringProperty("");
  private final StringProperty summary = new SimpleStringProperty("");
  private final BooleanProperty loading = new SimpleBooleanProperty(false);
  private final StringProperty notice = new SimpleStringProperty("");
  private final StringProperty noMatchHint = new SimpleStringProperty("");
  private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
  private final IntegerProperty filterCaret = new SimpleIntegerProperty(-1);
  private FilterCompletion.Context completionContext = new FilterCompletion.Nothing();
  private final BooleanProperty lanesShown = new SimpleBooleanProperty(false);
  private final ObjectProperty<SessionLanes> lanes = new SimpleObjectProperty<>(SessionLanes.NONE);
  private final StringProperty lanesNote = new SimpleStringProperty("");
  private Consumer<EventRow> explainHandler = row -> {};
  private Consumer<String> graphHandler = principal -> {};

  public TimelineViewModel(TimelineQueries queries, Executor background, Executor ui) {
    this(queries, background, ui, background);
  }

  /**
   * @param verdictWork where the case's events are replayed for the Verdict column (seconds on a big
   *     case): its own executor, so the table keeps answering meanwhile
   */
  public TimelineViewModel(TimelineQueries queries, Executor background, Executor ui, Executor verdictWork) {
    this.queries = queries;
    this.background = background;
    this.ui = ui;
    this.verdictWork = verdictWork;
    selected.addListener((obs, old, row) -> {
      loadRaw(row);
      loadAnnotations(row);
    });
    lanesShown.addListener((obs, old, on) -> {
      if (on) {
        refreshLanes();
      }
    });
  }

  public StringProperty filterProperty() { return filter; }
  public StringProperty filterErrorProperty() { return filterError; }
  public IntegerProperty filterErrorPositionProperty() { return filterErrorPosition; }
  public ObjectProperty<Window> windowProperty() { return window; }
  public ObjectProperty<Window> extentProperty() { return extent; }
  public ObjectProperty<Sort> sortProperty() { return sort; }
  public ObjectProperty<ZoneId> zoneProperty() { return zone; }
  public ObservableList<EventRow> rows() { return rows; }
  public ObservableList<Bucket> histogram() { return histogram; }
  public LongProperty totalProperty() { return total; }
  public IntegerProperty pageProperty() { return page; }
  public ObjectProperty<EventRow> selectedProperty() { return selected; }
  public StringProperty selectedJsonProperty() { return selectedJson; }
  public StringProperty summaryProperty() { return summary; }
  public BooleanProperty loadingProperty() { return loading; }
  /** What the analyst should know about the last answer (a sort not done, no further error). */
  public StringProperty noticeProperty() { return notice; }
  /** Why a filter that parses matched no event (which condition, what to try); empty otherwise. */
  public StringProperty noMatchHintProperty() { return noMatchHint; }
  public ObservableList<Suggestion> suggestions() { return suggestions; }
  /** Where the filter's caret should go after an accepted suggestion (the view follows it). */
  public IntegerProperty filterCaretProperty() { return filterCaret; }
  public BooleanProperty lanesShownProperty() { return lanesShown; }
  public ObjectProperty<SessionLanes> lanesProperty() { return lanes; }
  public StringProperty lanesNoteProperty() { return lanesNote; }

  // ---------------------------------------------------------------- replay verdicts

  private final javafx.collections.ObservableMap<EventRow, RowVerdict> verdicts = FXCollections.observableHashMap();
  private final BooleanProperty verdictsComputing = new SimpleBooleanProperty(false);
  private final javafx.beans.property.DoubleProperty verdictProgress = new javafx.beans.property.SimpleDoubleProperty(0);
  private final StringProperty verdictStatus = new SimpleStringProperty("");
  private final AtomicLong verdictGeneration = new AtomicLong();

  /** The replay verdicts of the rows shown, once the case's verdicts are computed (the Verdict column). */
  public javafx.collections.ObservableMap<EventRow, RowVerdict> verdicts() { return verdicts; }
  /** Whether the case's events are being replayed for their verdicts. */
  public BooleanProperty verdictsComputingProperty() { return verdictsComputing; }
  /** The share of the events replayed, 0 to 1, while computing. */
  public javafx.beans.property.DoubleProperty verdictProgressProperty() { return verdictProgress; }
  /** What the verdicts say over the whole case, or how far computing them is. */
  public StringProperty verdictStatusProperty() { return verdictStatus; }

  /**
   * Computes the replay verdicts of the case's events (kept in the case: at once when they are
   * current) on the verdict executor, then fills the Verdict column of the rows shown. Call on
   * opening a case and after every import (events or IAM data change the verdicts).
   */
  public void loadVerdicts() {
    long gen = verdictGeneration.incrementAndGet();
    verdictsComputing.set(true);
    verdictProgress.set(0);
    verdictStatus.set("Verdicts: replaying the events through the policy engine…");
    verdictWork.execute(() -> {
      String status;
      try {
        status = queries.computeVerdicts(p -> ui.execute(() -> {
          if (verdictGeneration.get() == gen && verdictsComputing.get()) {
            verdictProgress.set(p);
            verdictStatus.set(String.format("Verdicts: replaying the events through the policy engine… %d%%", Math.round(p * 100)));
          }
        })).map(TimelineViewModel::verdictSummary).orElse("");
      } catch (RuntimeException e) {
        status = "Verdicts not computed: " + e.getMessage();
      }
      String said = status;
      ui.execute(() -> {
        if (verdictGeneration.get() == gen) {
          verdictsComputing.set(false);
          verdictProgress.set(1);
          verdictStatus.set(said);
          refreshVerdicts();
        }
      });
    });
  }

  static String verdictSummary(TimelineQueries.VerdictCounts c) {
    return String.format("Verdicts: %,d agree · %,d disagree · %,d undetermined · %,d not deniable", c.agrees(), c.disagrees(),
        c.undetermined(), c.notDeniable());
  }

  /** Asks the verdicts of the rows shown again (they were computed after the page was read). */
  private void refreshVerdicts() {
    List<EventRow> shown = List.copyOf(rows);
    background.execute(() -> {
      java.util.Map<EventRow, RowVerdict> found = queries.verdicts(shown);
      ui.execute(() -> {
        if (rows.equals(shown)) {
          verdicts.clear();
          verdicts.putAll(found);
        }
      });
    });
  }

  // ---------------------------------------------------------------- tags, saved filters, findings

  private final ObservableList<String> selectedTags = FXCollections.observableArrayList();
  private final StringProperty selectedIpInfo = new SimpleStringProperty("");
  private final ObservableList<String> selectedContested = FXCollections.observableArrayList();
  private final ObservableList<TimelineQueries.SavedFilter> savedFilters = FXCollections.observableArrayList();
  private java.util.function.BiConsumer<List<io.github.trailbench.core.findings.Evidence>, String> findingHandler = (e, t) -> {};

  /** The selected event's tags ({@code bookmark} included), as stored in the case. */
  public ObservableList<String> selectedTags() { return selectedTags; }
  /** Country, AS and AWS ownership of the selected event's source IP, from the case's enrichment. */
  public StringProperty selectedIpInfoProperty() { return selectedIpInfo; }
  /** Other copies of the selected event that say something else (see {@link TimelineQueries#contestedCopies}). */
  public ObservableList<String> selectedContested() { return selectedContested; }
  public ObservableList<TimelineQueries.SavedFilter> savedFilters() { return savedFilters; }

  public boolean isBookmarked() {
    return selectedTags.contains("bookmark");
  }

  private void loadAnnotations(EventRow row) {
    selectedTags.clear();
    selectedIpInfo.set("");
    selectedContested.clear();
    if (row == null) {
      return;
    }
    background.execute(() -> {
      List<String> tags = queries.tags(row);
      String ip = row.sourceIp() == null ? "" : queries.ipInfo(row.sourceIp()).orElse("not enriched");
      List<String> contested = queries.contestedCopies(row);
      ui.execute(() -> {
        if (row.equals(selected.get())) {
          selectedTags.setAll(tags);
          selectedIpInfo.set(ip);
          selectedContested.setAll(contested);
        }
      });
    });
  }

  public void toggleBookmark() {
    EventRow row = selected.get();
    if (row != null) {
      if (isBookmarked()) {
        untag(row, "bookmark");
      } else {
        tag(row, "bookmark");
      }
    }
  }

  /** Tags the selected event (written to the case at once). */
  public void addTag(String tag) {
    EventRow row = selected.get();
    if (row != null && tag != null && !tag.isBlank()) {
      tag(row, tag.strip());
    }
  }

  public void removeTag(String tag) {
    EventRow row = selected.get();
    if (row != null) {
      untag(row, tag);
    }
  }

  private void tag(EventRow row, String tag) {
    changeTags(row, () -> queries.tag(row, tag), "Tagged " + row.eventName() + " " + tag + " (filter: tag:" + tag + ")",
        "Not tagged: ");
  }

  private void untag(EventRow row, String tag) {
    changeTags(row, () -> queries.untag(row, tag), "Removed tag " + tag + " from " + row.eventName(), "Tag not removed: ");
  }

  /** Writes a tag change off the FX thread, then shows the event's tags as stored. */
  private void changeTags(EventRow row, Runnable change, String done, String failed) {
    background.execute(() -> {
      try {
        change.run();
        List<String> tags = queries.tags(row);
        ui.execute(() -> {
          if (row.equals(selected.get())) {
            selectedTags.setAll(tags);
          }
          notice.set(done);
        });
      } catch (RuntimeException e) {
        ui.execute(() -> notice.set(failed + e.getMessage()));
      }
    });
  }

  /** Reads the case's saved filters (on opening a case). */
  public void loadSavedFilters() {
    background.execute(() -> {
      List<TimelineQueries.SavedFilter> list = queries.savedFilters();
      ui.execute(() -> savedFilters.setAll(list));
    });
  }

  /** Saves the current filter under a name in the case. */
  public void saveFilter(String name) {
    String expression = filter.get() == null ? "" : filter.get();
    changeSavedFilters(() -> queries.saveFilter(name, expression), "Saved filter \"" + name.strip() + "\"", "Filter not saved: ");
  }

  public void deleteFilter(String name) {
    changeSavedFilters(() -> queries.deleteFilter(name), "Deleted saved filter \"" + name + "\"", "Saved filter not deleted: ");
  }

  /** Writes a saved-filter change off the FX thread, then lists the case's saved filters again. */
  private void changeSavedFilters(Runnable change, String done, String failed) {
    background.execute(() -> {
      try {
        change.run();
        List<TimelineQueries.SavedFilter> list = queries.savedFilters();
        ui.execute(() -> {
          savedFilters.setAll(list);
          notice.set(done);
        });
      } catch (RuntimeException e) {
        ui.execute(() -> notice.set(failed + e.getMessage()));
      }
    });
  }

  /** Sets the filter to a saved one and applies it. */
  public void useSavedFilter(TimelineQueries.SavedFilter f) {
    filter.set(f.expression());
    apply();
  }

  /** Where "Add to finding" sends the selected event as evidence, with a suggested title. */
  private java.util.function.Consumer<String> knownAddressHandler = ip -> {};

  /** Where "Mark address as known…" sends a row's source address (the shell asks for a note and keeps it in the case). */
  public void setKnownAddressHandler(java.util.function.Consumer<String> handler) {
    this.knownAddressHandler = handler;
  }

  private final javafx.beans.property.ObjectProperty<ServiceActivity> serviceActivity =
      new javafx.beans.property.SimpleObjectProperty<>();

  /** A principal's services as IAM Access Advisor and the trail saw them (lines), for the row menu's dialog. */
  public record ServiceActivity(String principal, List<String> lines) {}

  /** The latest "Service use" answer, or null. */
  public javafx.beans.property.ObjectProperty<ServiceActivity> serviceActivityProperty() {
    return serviceActivity;
  }

  /** Reads the row's principal's service use off the FX thread; a notice when there is none to show. */
  public void showServiceActivity(EventRow row) {
    if (row == null || row.principal() == null || row.principal().isEmpty()) {
      return;
    }
    String principal = row.principal();
    background.execute(() -> {
      try {
        List<String> lines = queries.serviceActivity(principal);
        ui.execute(() -> {
          if (lines.isEmpty()) {
            notice.set("No IAM Access Advisor report in the case covers " + principal + ".");
          } else {
            serviceActivity.set(new ServiceActivity(principal, lines));
          }
        });
      } catch (RuntimeException e) {
        ui.execute(() -> notice.set("Service use not read: " + e.getMessage()));
      }
    });
  }

  public void markAddressKnown(EventRow row) {
    if (row != null && row.sourceIp() != null) {
      knownAddressHandler.accept(row.sourceIp());
    }
  }

  public void setFindingHandler(java.util.function.BiConsumer<List<io.github.trailbench.core.findings.Evidence>, String> handler) {
    this.findingHandler = handler;
  }

  /** The event as a finding's evidence (the facts a report shows). */
  public static io.github.trailbench.core.findings.Evidence.Event evidenceOf(EventRow r) {
    return new io.github.trailbench.core.findings.Evidence.Event(r.eventId(), r.accountId(), r.time(), r.eventSource(),
        r.eventName(), r.region(), r.principal(), r.accessKeyId(), r.sourceIp(), r.userAgent(),
        r.failed() ? r.errorCode() : "Success");
  }

  public void addSelectedToFinding() {
    EventRow row = selected.get();
    if (row != null) {
      findingHandler.accept(List.of(evidenceOf(row)), row.eventName() + " by " + row.principal());
    }
  }

  /** Where "Explain this decision" sends an event (the shell opens the decision view). */
  public void setExplainHandler(Consumer<EventRow> handler) {
    this.explainHandler = handler;
  }

  public void explain(EventRow row) {
    explainHandler.accept(row);
  }

  /** Where "Show in principal graph" sends a principal (the shell focuses the graph on it). */
  public void setGraphHandler(Consumer<String> handler) {
    this.graphHandler = handler;
  }

  /** The graph node of the row's principal: a role session is shown as its role. */
  public void showInGraph(EventRow row) {
    if (row != null && row.principal() != null) {
      graphHandler.accept(graphNodeOf(row.principal()));
    }
  }

  private Consumer<String> simulateHandler = principal -> {};

  /** Where "Simulate this principal…" sends a user or role (the shell opens the simulator on it). */
  public void setSimulateHandler(Consumer<String> handler) {
    this.simulateHandler = handler;
  }

  /** The row's user or role into the simulator: a role session is simulated as its role. */
  public void simulate(EventRow row) {
    if (row != null && canSimulate(row)) {
      simulateHandler.accept(graphNodeOf(row.principal()));
    }
  }

  /** Whether the row's principal is a user or role (a session of one) the simulator can take. */
  public static boolean canSimulate(EventRow row) {
    String node = row.principal() == null ? "" : graphNodeOf(row.principal());
    return node.matches("arn:aws[a-z-]*:iam::\\d{12}:(user|role)/.+");
  }

  static String graphNodeOf(String principal) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.*")
        .matcher(principal);
    return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : principal;
  }

  /** Runs the current filter over the current window from the first page. */
  public void apply() {
    page.set(0);
    refresh(true);
  }

  /** Zooms to a window (a brushed range of the histogram). */
  public void zoomTo(Instant from, Instant to) {
    if (from == null || to == null || !from.isBefore(to)) {
      return;
    }
    window.set(new Window(from, to));
    page.set(0);
    refresh(true);
  }

  public void resetZoom() {
    window.set(Window.ALL);
    page.set(0);
    refresh(true);
  }

  public void sortBy(Sort newSort) {
    sort.set(newSort);
    page.set(0);
    refresh(false);
  }

  public void nextPage() {
    if ((long) (page.get() + 1) * PAGE_SIZE < total.get()) {
      page.set(page.get() + 1);
      refresh(false);
    }
  }

  public void previousPage() {
    if (page.get() > 0) {
      page.set(page.get() - 1);
      refresh(false);
    }
  }

  public int pageCount() {
    return (int) Math.max(1, (total.get() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** Adds {@code field:"value"} to the filter (AND) and applies it. */
  public void pivot(String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    narrow(field + ":" + io.github.trailbench.core.query.FilterCompletion.quoted(value));
  }

  /**
   * The principal pattern of a role's sessions ({@link io.github.trailbench.core.query.Expr.Term#sessionsOfRole}),
   * or of any role of that name when the node's id is not a role's ARN.
   */
  public static String sessionsOfRole(String roleArn) {
    String pattern = io.github.trailbench.core.query.Expr.Term.sessionsOfRole(roleArn);
    return pattern != null ? pattern : "*:assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/*";
  }

  /** Adds an unquoted {@code field:pattern} term ({@code *} and {@code ?} are wildcards) and applies it. */
  public void pivotPattern(String field, String pattern) {
    if (pattern == null || pattern.isEmpty() || !pattern.matches("[A-Za-z0-9_.:/@=,+*?-]+")) {
      return;
    }
    narrow(field + ":" + pattern);
  }

  /** ANDs a term to the current filter and applies it. */
  private void narrow(String term) {
    String current = filter.get() == null ? "" : filter.get().trim();
    filter.set(current.isEmpty() ? term : "(" + current + ") AND " + term);
    apply();
  }

  /**
   * Timesketch's context view: every event within {@code span} either side of {@code row}, the
   * filter cleared (what happened around it, whoever did it), {@code row} selected on its page.
   * The notice keeps the filter that was replaced so it can be typed back.
   */
  public void showAround(EventRow row, java.time.Duration span) {
    if (row == null || row.time() == null) {
      return;
    }
    String before = filter.get() == null ? "" : filter.get().trim();
    Window w = new Window(row.time().minus(span), row.time().plus(span).plusMillis(1));
    filter.set("");
    window.set(w);
    sort.set(Sort.TIME_ASCENDING);
    long minutes = span.toMinutes();
    String said = "Events " + (minutes < 60 ? minutes + " min" : minutes / 60 + " h") + " either side of " + row.eventName()
        + " at " + format(row.time()) + (before.isEmpty() ? "" : "; the filter was: " + before);
    background.execute(() -> {
      try {
        long position = queries.positionInTimeOrder("", w, row).orElse(0);
        ui.execute(() -> {
          page.set((int) (position / PAGE_SIZE));
          refresh(true, row, said);
        });
      } catch (FilterException e) {
        ui.execute(() -> notice.set(e.getMessage()));
      }
    });
  }

  /**
   * Selects the next failed event after the selection on this page and returns true; when the
   * page has none and the table is in time order, looks for the next one on the following
   * pages (in the background) and selects it there, or says there is none.
   */
  public boolean selectNextError() {
    return selectError(true);
  }

  /** As {@link #selectNextError()}, backwards. */
  public boolean selectPreviousError() {
    return selectError(false);
  }

  private boolean selectError(boolean forward) {
    int at = selected.get() == null ? (forward ? -1 : rows.size()) : rows.indexOf(selected.get());
    for (int i = at + (forward ? 1 : -1); i >= 0 && i < rows.size(); i += forward ? 1 : -1) {
      if (rows.get(i).failed()) {
        notice.set("");
        selected.set(rows.get(i));
        return true;
      }
    }
    Sort s = sort.get();
    EventRow from = selected.get() != null ? selected.get() : rows.isEmpty() ? null : rows.get(forward ? rows.size() - 1 : 0);
    if (s.column() != Column.TIME || from == null) {
      notice.set("No " + (forward ? "further" : "earlier") + " error on this page.");
      return false;
    }
    boolean later = forward == s.ascending();
    String f = filter.get() == null || filter.get().isBlank() ? "" : "(" + filter.get() + ") AND ";
    String errors = f + "error:* AND time" + (later ? ">" : "<") + from.time();
    Window w = window.get();
    background.execute(() -> {
      try {
        List<EventRow> hit = queries.page(errors, w, new Sort(Column.TIME, later), 0, 1);
        if (hit.isEmpty()) {
          ui.execute(() -> notice.set("No " + (forward ? "further" : "earlier") + " error."));
          return;
        }
        ui.execute(() -> reveal(hit.get(0)));
      } catch (FilterException e) {
        ui.execute(() -> notice.set(e.getMessage()));
      }
    });
    return false;
  }

  /**
   * Selects {@code row} in the table: on this page directly, else on the page that holds it in
   * time order (switching to time order when another sort is active).
   */
  public void reveal(EventRow row) {
    if (row == null) {
      return;
    }
    int i = rows.indexOf(row);
    if (i >= 0) {
      selected.set(rows.get(i));
      return;
    }
    String f = filter.get() == null ? "" : filter.get();
    Window w = window.get();
    background.execute(() -> {
      try {
        OptionalLong position = queries.positionInTimeOrder(f, w, row);
        ui.execute(() -> {
          if (position.isEmpty()) {
            notice.set("That event is outside the current filter.");
            return;
          }
          boolean ascending = sort.get().column() != Column.TIME || sort.get().ascending();
          long index = ascending ? position.getAsLong() : total.get() - 1 - position.getAsLong();
          sort.set(new Sort(Column.TIME, ascending));
          page.set((int) (index / PAGE_SIZE));
          refresh(false, row);
        });
      } catch (FilterException e) {
        ui.execute(() -> notice.set(e.getMessage()));
      }
    });
  }

  // ---- export

  private Supplier<Optional<Path>> exportFileChoice = Optional::empty;

  /** Where "Export…" asks for the file (the view opens a save dialog; tests answer directly). */
  public void setExportFileChoice(Supplier<Optional<Path>> choice) {
    this.exportFileChoice = choice;
  }

  /** Asks for a file and exports the events matching the filter in the window to it. */
  public void exportMatching() {
    exportFileChoice.get().ifPresent(this::exportTo);
  }

  /**
   * Writes every event matching the filter in the window (all pages, in time order) to
   * {@code file}, whole or not at all, as CSV ({@code .csv}) or JSON lines ({@code .jsonl}),
   * with the columns and fields of {@code trailbench events --format csv|json}; says how it went
   * in the notice.
   */
  public void exportTo(Path file) {
    Optional<EventExport.Format> format = EventExport.Format.ofFileName(String.valueOf(file.getFileName()));
    if (format.isEmpty()) {
      notice.set("Not exported: " + file.getFileName() + " ends neither in .csv nor in .jsonl.");
      return;
    }
    String f = filter.get() == null ? "" : filter.get();
    Window w = window.get();
    notice.set("Exporting to " + file + "…");
    background.execute(() -> {
      long[] n = {0};
      String done;
      try {
        WholeFile.write(file, out -> {
          try {
            n[0] = queries.export(f, w, format.get(), out);
          } catch (FilterException e) {
            throw new FilterFailure(e);
          }
        });
        done = String.format("Exported %,d event%s to %s", n[0], n[0] == 1 ? "" : "s", file);
      } catch (FilterFailure e) {
        done = "Not exported: " + e.getCause().getMessage() + " (at character " + (e.getCause().position() + 1) + ")";
      } catch (IOException e) {
        done = "Not exported: cannot write " + file + ": " + ioReason(e);
      } catch (RuntimeException e) {
        done = "Not exported: " + e.getMessage();
      }
      String message = done;
      ui.execute(() -> notice.set(message));
    });
  }

  /** Carries a filter error out of the file writer, which may throw only IOException. */
  private static final class FilterFailure extends IOException {
    FilterFailure(FilterException cause) {
      super(cause);
    }

    @Override
    public synchronized FilterException getCause() {
      return (FilterException) super.getCause();
    }
  }

  private static String ioReason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  // ---- autocomplete

  /**
   * Offers completions for the filter text with the caret at {@code caret}: field names while a
   * word is typed, and after {@code field:} the field's values seen in the case (most frequent
   * first, looked up in the background). Clears the list when there is nothing to complete.
   */
  public void complete(String text, int caret) {
    long gen = suggestionGeneration.incrementAndGet();
    FilterCompletion.Context ctx = FilterCompletion.at(text, caret);
    completionContext = ctx;
    if (ctx instanceof FilterCompletion.FieldName n) {
      List<Suggestion> names = n.prefix().isEmpty() ? List.of()
          : FilterCompletion.fieldNames(n.prefix()).stream()
              .filter(name -> !name.equalsIgnoreCase(n.prefix()))
              .map(name -> new Suggestion(name, "field")).toList();
      suggestions.setAll(names);
    } else if (ctx instanceof FilterCompletion.FieldValue v) {
      List<Suggestion> fixed = new ArrayList<>();
      for (String value : v.field().fixedValues()) {
        if (value.toLowerCase(java.util.Locale.ROOT).startsWith(v.prefix().toLowerCase(java.util.Locale.ROOT))) {
          fixed.add(new Suggestion(value, v.field() == io.github.trailbench.core.query.Field.ERROR
              ? (value.equals("none") ? "no error" : "any error") : ""));
        }
      }
      suggestions.setAll(fixed);
      if (v.field().hasCaseValues()) {
        background.execute(() -> {
          List<TimelineQueries.ValueCount> values;
          try {
            values = queries.values(v.field(), v.prefix(), MAX_SUGGESTIONS);
          } catch (RuntimeException e) {
            values = List.of();
          }
          List<Suggestion> found = new ArrayList<>(fixed);
          for (TimelineQueries.ValueCount value : values) {
            if (!value.value().equalsIgnoreCase(v.prefix()) || values.size() > 1) {
              found.add(new Suggestion(value.value(), String.format("%,d", value.count())));
            }
          }
          ui.execute(() -> {
            if (suggestionGeneration.get() == gen) {
              suggestions.setAll(found);
            }
          });
        });
      }
    } else {
      suggestions.clear();
    }
  }

  /**
   * Puts {@code choice} into the filter where the caret was. A field name leaves the caret
   * after its {@code :} (and offers its values); a value completes the term and applies the filter.
   */
  public void acceptSuggestion(Suggestion choice) {
    FilterCompletion.Context ctx = completionContext;
    String text = filter.get() == null ? "" : filter.get();
    FilterCompletion.Completed done = FilterCompletion.accept(text, ctx, choice.text());
    closeSuggestions();
    filter.set(done.text());
    filterCaret.set(-1);
    filterCaret.set(done.caret());
    if (ctx instanceof FilterCompletion.FieldValue) {
      apply();
    } else if (ctx instanceof FilterCompletion.FieldName) {
      complete(done.text(), done.caret());
    }
  }

  public void closeSuggestions() {
    suggestionGeneration.incrementAndGet();
    completionContext = new FilterCompletion.Nothing();
    suggestions.clear();
  }

  // ---- swimlanes

  private void refreshLanes() {
    if (!lanesShown.get()) {
      return;
    }
    long gen = laneGeneration.incrementAndGet();
    String f = filter.get() == null ? "" : filter.get();
    Window w = window.get();
    background.execute(() -> {
      try {
        SessionLanes found = queries.sessionLanes(f, w, MAX_LANES, MAX_TICKS_PER_LANE);
        ui.execute(() -> {
          if (laneGeneration.get() == gen) {
            lanes.set(found);
            lanesNote.set(lanesNote(found));
          }
        });
      } catch (FilterException e) {
        ui.execute(() -> {
          if (laneGeneration.get() == gen) {
            lanes.set(SessionLanes.NONE);
            lanesNote.set("");
          }
        });
      } catch (RuntimeException e) {
        ui.execute(() -> lanesNote.set("Sessions failed: " + e.getMessage()));
      }
    });
  }

  static String lanesNote(SessionLanes l) {
    if (l.sessions() == 0) {
      return "No session (access key) among these events.";
    }
    String shown = l.lanes().size() < l.sessions()
        ? String.format("%d of %,d sessions (earliest chains first) — narrow the filter or zoom to see others", l.lanes().size(), l.sessions())
        : String.format("%,d session%s", l.sessions(), l.sessions() == 1 ? "" : "s");
    return shown + (l.ticksCapped() ? String.format("; at most %d calls drawn per session", MAX_TICKS_PER_LANE) : "");
  }

  public String format(Instant time) {
    if (time == null) {
      return "";
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone.get());
    return f.format(time) + (zone.get().equals(ZoneOffset.UTC) ? "Z" : "");
  }

  private void refresh(boolean withHistogram) {
    refresh(withHistogram, null);
  }

  private void refresh(boolean withHistogram, EventRow select) {
    refresh(withHistogram, select, "");
  }

  private void refresh(boolean withHistogram, EventRow select, String noticeAfter) {
    if (withHistogram) {
      refreshLanes();
    }
    long gen = generation.incrementAndGet();
    String f = filter.get() == null ? "" : filter.get();
    Window w = window.get();
    Sort s = sort.get();
    int offset = page.get() * PAGE_SIZE;
    loading.set(true);
    background.execute(() -> {
      try {
        long count = queries.count(f, w);
        List<EventRow> pageRows = queries.page(f, w, s, offset, PAGE_SIZE);
        Optional<Window> ext = withHistogram ? queries.extent(f) : Optional.empty();
        Window histWindow = w.from() != null ? w : ext.map(TimelineViewModel::atLeastMinimumSpan).map(TimelineViewModel::roundBars).orElse(null);
        int bars = histWindow == null ? 0 : barsIn(histWindow);
        List<Bucket> buckets = withHistogram && histWindow != null ? queries.histogram(f, histWindow, bars) : null;
        String hint = count == 0 && !f.isBlank() ? whyNothingMatched(f, w) : "";
        java.util.Map<EventRow, RowVerdict> pageVerdicts = queries.verdicts(pageRows);
        publish(gen, () -> {
          noMatchHint.set(hint);
          filterError.set("");
          filterErrorPosition.set(-1);
          notice.set(noticeAfter);
          total.set(count);
          verdicts.clear();
          verdicts.putAll(pageVerdicts);
          rows.setAll(pageRows);
          if (withHistogram) {
            extent.set(ext.orElse(null));
            histogram.setAll(buckets == null ? List.of() : buckets);
          }
          summary.set(String.format("%,d events%s · page %d of %d", count,
              w.from() == null ? "" : " in " + format(w.from()) + " – " + format(w.to()),
              page.get() + 1, pageCount()));
          int target = select == null ? -1 : pageRows.indexOf(select);
          selected.set(pageRows.isEmpty() ? null : pageRows.get(Math.max(0, target)));
        });
      } catch (FilterException e) {
        publish(gen, () -> {
          noMatchHint.set("");
          filterError.set(e.getMessage() + " (at character " + (e.position() + 1) + ")");
          filterErrorPosition.set(e.position());
        });
      } catch (RuntimeException e) {
        publish(gen, () -> filterError.set("Query failed: " + e.getMessage()));
      }
    });
  }

  /**
   * Says why {@code filter} (which parses and matches nothing in {@code w}) found nothing: the
   * first condition that matches no event on its own, with what to try, or that the conditions
   * match only apart, or only outside the zoomed window. Runs on the background executor.
   */
  String whyNothingMatched(String filter, Window w) throws FilterException {
    Expr parsed;
    try {
      parsed = FilterParser.parse(filter);
    } catch (FilterSyntaxException e) {
      return "";
    }
    boolean zoomed = w.from() != null;
    for (Expr condition : FilterText.conditions(parsed)) {
      String text = FilterText.write(condition);
      if (queries.count(text, w) > 0) {
        continue;
      }
      long anywhere = zoomed ? queries.count(text, Window.ALL) : 0;
      if (anywhere > 0) {
        return String.format("Nothing matched: %s matches no event in the zoomed window (%,d outside it: Reset zoom).", text, anywhere);
      }
      if (condition instanceof Expr.TimeCompare) {
        Optional<Window> all = queries.extent("");
        return "Nothing matched: " + text + " is outside the case's events"
            + all.map(x -> " (" + format(x.from()) + " to " + format(x.to()) + ")").orElse("") + ".";
      }
      Expr.Term t = (Expr.Term) condition;
      if (t.field() != null && !t.wildcard() && !t.contained() && t.field().hasCaseValues()) {
        return "Nothing matched: " + text + " matches no event. A value without * is the whole " + t.field().key()
            + "; to look inside it: " + t.field().key() + ":*" + t.value() + "*";
      }
      return "Nothing matched: " + text + " matches no event.";
    }
    if (zoomed && queries.count(filter, Window.ALL) > 0) {
      return String.format("Nothing matched in the zoomed window; %,d events match outside it (Reset zoom).", queries.count(filter, Window.ALL));
    }
    return "Nothing matched: each condition matches events on its own, but no event meets them all together.";
  }

  /** Bar widths the histogram rounds to when it draws a filter's whole span. */
  static final List<java.time.Duration> BAR_WIDTHS = java.util.stream.Stream.of(1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
      3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800).map(java.time.Duration::ofSeconds).toList();

  /** The narrowest round bar width that draws {@code w} in at most {@link #BUCKETS} bars. */
  static java.time.Duration barWidth(Window w) {
    long span = w.to().toEpochMilli() - w.from().toEpochMilli();
    for (java.time.Duration d : BAR_WIDTHS) {
      if (span <= d.toMillis() * (BUCKETS - 1)) { // one bar spare for rounding the ends
        return d;
      }
    }
    return java.time.Duration.ofMillis((span + BUCKETS - 1) / BUCKETS);
  }

  /**
   * {@code w} widened to whole bars of a round width (2 minutes, 1 hour…) starting on a multiple
   * of it, so a bar reads "09:00:00 – 09:02:00" and counts exactly that.
   */
  static Window roundBars(Window w) {
    long width = barWidth(w).toMillis();
    long from = Math.floorDiv(w.from().toEpochMilli(), width) * width;
    long to = -Math.floorDiv(-w.to().toEpochMilli(), width) * width;
    return new Window(Instant.ofEpochMilli(from), Instant.ofEpochMilli(Math.max(to, from + width)));
  }

  /** How many bars {@code w} is drawn in: whole round bars for a rounded window, else {@link #BUCKETS}. */
  static int barsIn(Window w) {
    long span = w.to().toEpochMilli() - w.from().toEpochMilli();
    long width = barWidth(w).toMillis();
    return span % width == 0 && span / width <= BUCKETS ? (int) (span / width) : BUCKETS;
  }

  /** {@code w} widened about its middle to {@link #MIN_HISTOGRAM_SPAN} when it is shorter. */
  static Window atLeastMinimumSpan(Window w) {
    long span = w.to().toEpochMilli() - w.from().toEpochMilli();
    long min = MIN_HISTOGRAM_SPAN.toMillis();
    if (span >= min) {
      return w;
    }
    Instant from = w.from().minusMillis((min - span) / 2);
    return new Window(from, from.plusMillis(min));
  }

  private void publish(long gen, Runnable r) {
    ui.execute(() -> {
      if (generation.get() == gen) {
        loading.set(false);
        r.run();
      }
    });
  }

  private void loadRaw(EventRow row) {
    if (row == null) {
      selectedJson.set("");
      return;
    }
    background.execute(() -> {
      String text = queries.rawJson(row).map(TimelineViewModel::pretty).orElse("(raw record not available)");
      ui.execute(() -> {
        if (row.equals(selected.get())) {
          selectedJson.set(text);
        }
      });
    });
  }

  private static String pretty(String json) {
    try {
      return JSON.writeValueAsString(JSON.readTree(json));
    } catch (Exception e) {
      return json;
    }
  }
}
