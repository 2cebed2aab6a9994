package io.github.trailbench.app.timeline;

import io.github.trailbench.app.timeline.TimelineQueries.Lane;
import io.github.trailbench.app.timeline.TimelineQueries.SessionLanes;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Sessions as lanes: each lane is one access key, labelled with its principal and indented
 * under the session that issued it, with a bar over its time span and a tick per call (red
 * when the call failed). Clicking a tick reports its event.
 */
public final class SwimlaneChart extends Pane {
  static final double LANE_HEIGHT = 22;
  static final double LABEL_WIDTH = 300;
  static final double INDENT = 14;
  private static final double TICK_HIT = 4;

  private final Canvas canvas = new Canvas();
  private SessionLanes lanes = SessionLanes.NONE;
  private Instant from;
  private Instant to;
  private Consumer<EventRow> onTick = row -> {};
  private EventRow highlighted;
  private Function<Instant, String> timeFormat = Instant::toString;

  public SwimlaneChart() {
    setId("swimlanes");
    getStyleClass().add("swimlanes");
    getChildren().add(canvas);
    canvas.widthProperty().bind(widthProperty());
    canvas.widthProperty().addListener(o -> draw());
    addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
      EventRow row = tickAt(e.getX(), e.getY());
      if (row != null) {
        onTick.accept(row);
      }
    });
  }

  public void setOnTick(Consumer<EventRow> onTick) {
    this.onTick = onTick;
  }

  public void setTimeFormat(Function<Instant, String> timeFormat) {
    this.timeFormat = timeFormat;
    draw();
  }

  /** Shows {@code lanes} over the time range {@code [from, to]} (their own span when null). */
  public void setLanes(SessionLanes lanes, Instant from, Instant to) {
    this.lanes = lanes;
    Instant first = lanes.lanes().stream().map(Lane::first).min(Instant::compareTo).orElse(null);
    Instant last = lanes.lanes().stream().map(Lane::last).max(Instant::compareTo).orElse(null);
    this.from = from != null ? from : first;
    this.to = to != null ? to : last;
    if (this.from != null && this.to != null && !this.to.isAfter(this.from)) {
      this.to = this.from.plusSeconds(1);
    }
    double h = Math.max(LANE_HEIGHT, (lanes.lanes().size() + 1) * LANE_HEIGHT);
    setMinHeight(h);
    setPrefHeight(h);
    canvas.setHeight(h);
    draw();
  }

  public void highlight(EventRow row) {
    this.highlighted = row;
    draw();
  }

  public SessionLanes lanes() {
    return lanes;
  }

  /** The horizontal position of {@code time} on the canvas. */
  public double xOf(Instant time) {
    double w = Math.max(1, canvas.getWidth() - LABEL_WIDTH - 10);
    double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
    return LABEL_WIDTH + w * (time.toEpochMilli() - from.toEpochMilli()) / span;
  }

  /** The vertical centre of lane {@code index}. */
  public double yOf(int index) {
    return LANE_HEIGHT * (index + 1) + LANE_HEIGHT / 2;
  }

  /** The event whose tick is nearest to (x, y) within a few pixels, or null. */
  public EventRow tickAt(double x, double y) {
    int lane = (int) Math.floor(y / LANE_HEIGHT) - 1;
    if (from == null || lane < 0 || lane >= lanes.lanes().size()) {
      return null;
    }
    EventRow best = null;
    double bestDistance = TICK_HIT + 0.01;
    for (EventRow r : lanes.lanes().get(lane).ticks()) {
      double d = Math.abs(xOf(r.time()) - x);
      if (d < bestDistance) {
        best = r;
        bestDistance = d;
      }
    }
    return best;
  }

  private void draw() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.clearRect(0, 0, w, h);
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    if (from == null || lanes.lanes().isEmpty()) {
      return;
    }
    g.setFont(Font.font(11));
    g.setTextBaseline(VPos.CENTER);
    g.setFill(Color.web("#57606a"));
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText(timeFormat.apply(from), LABEL_WIDTH, LANE_HEIGHT / 2);
    g.setTextAlign(TextAlignment.RIGHT);
    g.fillText(timeFormat.apply(to), w - 10, LANE_HEIGHT / 2);
    g.setTextAlign(TextAlignment.LEFT);
    List<Lane> all = lanes.lanes();
    for (int i = 0; i < all.size(); i++) {
      Lane lane = all.get(i);
      double y = yOf(i);
      if (i % 2 == 1) {
        g.setFill(Color.web("#f6f8fa"));
        g.fillRect(0, y - LANE_HEIGHT / 2, w, LANE_HEIGHT);
      }
      double indent = 6 + Math.min(8, lane.depth()) * INDENT;
      if (lane.depth() > 0) {
        g.setStroke(Color.web("#8c959f"));
        g.setLineWidth(1);
        g.strokeLine(indent - INDENT / 2, y - LANE_HEIGHT / 2 - 2, indent - INDENT / 2, y);
        g.strokeLine(indent - INDENT / 2, y, indent - 2, y);
      }
      g.setFill(Color.web("#24292f"));
      g.fillText(label(lane), indent, y, LABEL_WIDTH - indent - 6);
      double x0 = xOf(lane.first());
      double x1 = Math.max(x0 + 2, xOf(lane.last()));
      g.setFill(Color.web("#6e9fd8", 0.25));
      g.fillRect(x0, y - 6, x1 - x0, 12);
      for (EventRow r : lane.ticks()) {
        double x = xOf(r.time());
        g.setStroke(r.failed() ? HistogramChart.DENIED : Color.web("#0969da"));
        g.setLineWidth(r.equals(highlighted) ? 3 : 1);
        g.strokeLine(x, y - 8, x, y + 8);
      }
    }
  }

  /** The principal's last path element and the key: {@code OpsAdminRole/ci-maint · ASIA…}. */
  static String label(Lane lane) {
    String p = lane.principal() == null ? "" : lane.principal();
    int slash = p.indexOf('/');
    String who = slash >= 0 ? p.substring(slash + 1) : p;
    return who + " · " + lane.session();
  }
}
