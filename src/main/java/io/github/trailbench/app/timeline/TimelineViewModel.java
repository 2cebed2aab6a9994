package io.github.trailbench.app.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.trailbench.app.timeline.TimelineQueries.Bucket;
import io.github.trailbench.app.timeline.TimelineQueries.FilterException;
import io.github.trailbench.app.timeline.TimelineQueries.Sort;
import io.github.trailbench.app.timeline.TimelineQueries.Window;
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
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TimelineQueries queries;
  private final Executor background;
  private final Executor ui;
  private final AtomicLong generation = new AtomicLong();

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
  private Consumer<EventRow> explainHandler = row -> {};
  private Consumer<String> graphHandler = principal -> {};

  public TimelineViewModel(TimelineQueries queries, Executor background, Executor ui) {
    this.queries = queries;
    this.background = background;
    this.ui = ui;
    selected.addListener((obs, old, row) -> loadRaw(row));
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
    narrow(field + ":" + quote(value));
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

  /** Selects the next failed event after the selection on this page; false if none. */
  public boolean selectNextError() {
    int start = selected.get() == null ? 0 : rows.indexOf(selected.get()) + 1;
    for (int i = start; i < rows.size(); i++) {
      if (rows.get(i).failed()) {
        selected.set(rows.get(i));
        return true;
      }
    }
    return false;
  }

  public String format(Instant time) {
    if (time == null) {
      return "";
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone.get());
    return f.format(time) + (zone.get().equals(ZoneOffset.UTC) ? "Z" : "");
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void refresh(boolean withHistogram) {
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
        Window histWindow = w.from() != null ? w : ext.orElse(null);
        List<Bucket> buckets = withHistogram && histWindow != null ? queries.histogram(f, histWindow, BUCKETS) : null;
        publish(gen, () -> {
          filterError.set("");
          filterErrorPosition.set(-1);
          total.set(count);
          rows.setAll(pageRows);
          if (withHistogram) {
            extent.set(ext.orElse(null));
            histogram.setAll(buckets == null ? List.of() : buckets);
          }
          summary.set(String.format("%,d events%s · page %d of %d", count,
              w.from() == null ? "" : " in " + format(w.from()) + " – " + format(w.to()),
              page.get() + 1, pageCount()));
          selected.set(pageRows.isEmpty() ? null : pageRows.get(0));
        });
      } catch (FilterException e) {
        publish(gen, () -> {
          filterError.set(e.getMessage() + " (at character " + (e.position() + 1) + ")");
          filterErrorPosition.set(e.position());
        });
      } catch (RuntimeException e) {
        publish(gen, () -> filterError.set("Query failed: " + e.getMessage()));
      }
    });
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
