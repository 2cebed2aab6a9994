package io.github.trailbench.app.timeline;

import io.github.trailbench.app.timeline.TimelineQueries.Bucket;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * Events over time as stacked bars (success, access denied, other errors). Dragging brushes a
 * range; scrolling zooms around the pointer. Both report the new window to {@code onZoom}.
 */
public final class HistogramChart extends Pane {
  static final Color SUCCESS = Color.web("#6e9fd8");
  static final Color DENIED = Color.web("#cf222e");
  static final Color OTHER = Color.web("#d4a72c");

  private final Canvas canvas = new Canvas();
  private List<Bucket> buckets = List.of();
  private BiConsumer<Instant, Instant> onZoom = (a, b) -> {};
  private double brushStart = -1;
  private double brushEnd = -1;

  public HistogramChart() {
    setId("histogram");
    getStyleClass().add("histogram");
    getChildren().add(canvas);
    setMinHeight(90);
    setPrefHeight(110);
    canvas.widthProperty().bind(widthProperty());
    canvas.heightProperty().bind(heightProperty());
    canvas.widthProperty().addListener(o -> draw());
    canvas.heightProperty().addListener(o -> draw());
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

  public List<Bucket> buckets() {
    return buckets;
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
    g.fillRect(0, 0, w, h);
    if (buckets.isEmpty()) {
      return;
    }
    long max = buckets.stream().mapToLong(Bucket::total).max().orElse(1);
    double barW = w / buckets.size();
    double usable = h - 6;
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      double x = i * barW;
      double y = h;
      y = bar(g, x, y, barW, usable * b.success() / Math.max(1, max), SUCCESS);
      y = bar(g, x, y, barW, usable * b.denied() / Math.max(1, max), DENIED);
      bar(g, x, y, barW, usable * b.otherErrors() / Math.max(1, max), OTHER);
    }
    if (brushStart >= 0) {
      g.setFill(Color.web("#0969da", 0.18));
      g.fillRect(Math.min(brushStart, brushEnd), 0, Math.abs(brushEnd - brushStart), h);
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
