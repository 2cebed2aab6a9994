package io.github.trailbench.app.timeline;

import io.github.trailbench.app.timeline.TimelineQueries.Bucket;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * Events over time as stacked bars (success, access denied, other errors) over a dated time
 * axis in the chosen zone. Hovering a bar tells its time and counts; clicking a bar zooms to it,
 * dragging brushes a range, scrolling zooms around the pointer. Zooms go to {@code onZoom}.
 */
public final class HistogramChart extends Pane {
  static final Color SUCCESS = Color.web("#6e9fd8");
  static final Color DENIED = Color.web("#cf222e");
  static final Color OTHER = Color.web("#d4a72c");
  /** Height of the time axis under the bars. */
  static final double AXIS = 18;
  /** Room one tick label needs, so labels never overlap. */
  private static final double TICK_SPACING = 130;

  private final Canvas canvas = new Canvas();
  private final Tooltip tooltip = new Tooltip();
  private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper("");
  private List<Bucket> buckets = List.of();
  private ZoneId zone = ZoneOffset.UTC;
  private BiConsumer<Instant, Instant> onZoom = (a, b) -> {};
  private double brushStart = -1;
  private double brushEnd = -1;

  public HistogramChart() {
    setId("histogram");
    getStyleClass().add("histogram");
    getChildren().add(canvas);
    setMinHeight(100);
    setPrefHeight(128);
    canvas.widthProperty().bind(widthProperty());
    canvas.heightProperty().bind(heightProperty());
    canvas.widthProperty().addListener(o -> draw());
    canvas.heightProperty().addListener(o -> draw());
    tooltip.textProperty().bind(hoverText);
    tooltip.setShowDelay(Duration.millis(100));
    tooltip.setHideDelay(Duration.ZERO);
    addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX()));
    addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
      hoverText.set("");
      Tooltip.uninstall(this, tooltip);
    });
    addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
      brushStart = e.getX();
      brushEnd = e.getX();
      draw();
    });
    addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
      brushEnd = Math.max(0, Math.min(getWidth(), e.getX()));
      draw();
    });
    addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
      double a = Math.min(brushStart, brushEnd);
      double b = Math.max(brushStart, brushEnd);
      brushStart = brushEnd = -1;
      if (b - a >= 3) {
        onZoom.accept(timeAt(a), timeAt(b));
      } else {
        Bucket clicked = bucketAt(e.getX());
        if (clicked != null && clicked.total() > 0) {
          onZoom.accept(clicked.start(), clicked.end());
        }
      }
      draw();
    });
    addEventHandler(ScrollEvent.SCROLL, e -> {
      if (buckets.isEmpty() || e.getDeltaY() == 0) {
        return;
      }
      double factor = e.getDeltaY() > 0 ? 0.5 : 2.0;
      long from = first().toEpochMilli();
      long to = last().toEpochMilli();
      double at = from + (to - from) * (e.getX() / Math.max(1, getWidth()));
      long half = (long) ((to - from) * factor / 2);
      onZoom.accept(Instant.ofEpochMilli((long) at - half), Instant.ofEpochMilli((long) at + half));
    });
  }

  public void setOnZoom(BiConsumer<Instant, Instant> onZoom) {
    this.onZoom = onZoom;
  }

  public void setBuckets(List<Bucket> buckets) {
    this.buckets = List.copyOf(buckets);
    draw();
  }

  /** The zone the axis and the hover text are written in. */
  public void setZone(ZoneId zone) {
    this.zone = zone;
    draw();
  }

  public List<Bucket> buckets() {
    return buckets;
  }

  /** What the tooltip says about the bar under the pointer (empty when none). */
  public ReadOnlyStringProperty hoverTextProperty() {
    return hoverText.getReadOnlyProperty();
  }

  /** The ticks the axis shows at the current width. */
  public List<TimeAxis.Tick> ticks() {
    return buckets.isEmpty() ? List.of() : TimeAxis.ticks(first(), last(), zone, Math.max(2, (int) (getWidth() / TICK_SPACING)));
  }

  /** The time at horizontal position {@code x}, by linear interpolation over the buckets. */
  public Instant timeAt(double x) {
    if (buckets.isEmpty()) {
      return null;
    }
    long from = first().toEpochMilli();
    long to = last().toEpochMilli();
    double f = Math.max(0, Math.min(1, x / Math.max(1, getWidth())));
    return Instant.ofEpochMilli(from + Math.round((to - from) * f));
  }

  /** The horizontal position of {@code t}. */
  public double xOf(Instant t) {
    long from = first().toEpochMilli();
    long to = last().toEpochMilli();
    return getWidth() * (t.toEpochMilli() - from) / Math.max(1, to - from);
  }

  /** The bar at horizontal position {@code x}, or null. */
  public Bucket bucketAt(double x) {
    if (buckets.isEmpty() || x < 0 || x >= getWidth()) {
      return null;
    }
    int i = (int) (x / (getWidth() / buckets.size()));
    return buckets.get(Math.min(buckets.size() - 1, i));
  }

  private void hover(double x) {
    Bucket b = bucketAt(x);
    if (b == null) {
      hoverText.set("");
      return;
    }
    hoverText.set(describe(b, zone) + (b.total() > 0 ? "\nClick to zoom to this bar, drag to zoom to a range" : ""));
    if (b.total() > 0) {
      Tooltip.install(this, tooltip);
    } else {
      Tooltip.uninstall(this, tooltip);
    }
  }

  /** "2026-10-03 09:00:00 – 09:05:00Z: 12 events (9 success, 3 access denied)". */
  static String describe(Bucket b, ZoneId zone) {
    boolean utc = zone.equals(ZoneOffset.UTC);
    DateTimeFormatter day = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    String span = day.format(b.start()) + " – " + clock.format(b.end()) + (utc ? "Z" : "");
    if (b.total() == 0) {
      return span + ": no events";
    }
    StringBuilder parts = new StringBuilder();
    append(parts, b.success(), "success");
    append(parts, b.denied(), "access denied");
    append(parts, b.otherErrors(), "other errors");
    return String.format("%s: %,d event%s (%s)", span, b.total(), b.total() == 1 ? "" : "s", parts);
  }

  private static void append(StringBuilder sb, long n, String what) {
    if (n > 0) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%,d %s", n, what));
    }
  }

  private Instant first() {
    return buckets.get(0).start();
  }

  private Instant last() {
    return buckets.get(buckets.size() - 1).end();
  }

  private void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.clearRect(0, 0, w, h);
    g.setFill(Color.web("#f6f8fa"));
    g.fillRect(0, 0, w, h - AXIS);
    if (buckets.isEmpty()) {
      return;
    }
    double plot = h - AXIS;
    long max = buckets.stream().mapToLong(Bucket::total).max().orElse(1);
    double barW = w / buckets.size();
    double usable = plot - 6;
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      double x = i * barW;
      double y = plot;
      y = bar(g, x, y, barW, usable * b.success() / Math.max(1, max), SUCCESS);
      y = bar(g, x, y, barW, usable * b.denied() / Math.max(1, max), DENIED);
      bar(g, x, y, barW, usable * b.otherErrors() / Math.max(1, max), OTHER);
    }
    drawAxis(g, w, plot);
    if (brushStart >= 0) {
      g.setFill(Color.web("#0969da", 0.18));
      g.fillRect(Math.min(brushStart, brushEnd), 0, Math.abs(brushEnd - brushStart), plot);
    }
  }

  private void drawAxis(GraphicsContext g, double w, double plot) {
    g.setStroke(Color.web("#8c959f"));
    g.setLineWidth(1);
    g.strokeLine(0, plot + 0.5, w, plot + 0.5);
    g.setFont(Font.font(11));
    g.setTextBaseline(VPos.TOP);
    g.setFill(Color.web("#57606a"));
    for (TimeAxis.Tick t : ticks()) {
      double x = Math.round(xOf(t.at())) + 0.5;
      g.strokeLine(x, plot, x, plot + 4);
      g.setTextAlign(x < 60 ? TextAlignment.LEFT : x > w - 60 ? TextAlignment.RIGHT : TextAlignment.CENTER);
      g.fillText(t.label(), x, plot + 4);
    }
  }

  private static double bar(GraphicsContext g, double x, double bottom, double w, double height, Color c) {
    if (height <= 0) {
      return bottom;
    }
    double hh = Math.max(1, height);
    g.setFill(c);
    g.fillRect(x + 0.5, bottom - hh, Math.max(1, w - 1), hh);
    return bottom - hh;
  }
}
