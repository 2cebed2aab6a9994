package io.github.trailbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * The case's events over time, stacked by outcome (succeeded, denied, other errors), drawn as
 * a PNG for the report, in the timeline's colours. Needs no display (AWT images only).
 */
public final class HistogramFigure {
  static final Color OK = new Color(0x4C, 0x8B, 0xD6);
  static final Color DENIED = new Color(0xD6, 0x45, 0x45);
  static final Color OTHER = new Color(0xE3, 0xA0, 0x2D);
  private static final DateTimeFormatter AXIS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private HistogramFigure() {}

  /** One bucket: events in [start, start + width) by outcome. */
  public record Bar(Instant start, long succeeded, long denied, long otherErrors) {
    long total() {
      return succeeded + denied + otherErrors;
    }
  }

  /** The chart as PNG bytes, {@code widthPx} × {@code heightPx}. */
  public static byte[] png(java.util.List<Bar> bars, Duration width, int widthPx, int heightPx) {
    BufferedImage img = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, widthPx, heightPx);
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
      g.setFont(font);
      int left = 84;
      int right = 16;
      int top = 44;
      int bottom = 48;
      int plotW = widthPx - left - right;
      int plotH = heightPx - top - bottom;
      long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
      g.setColor(new Color(0xDD, 0xDD, 0xDD));
      g.setStroke(new BasicStroke(1f));
      for (int i = 0; i <= 4; i++) {
        int y = top + plotH - (int) Math.round(plotH * i / 4.0);
        g.drawLine(left, y, left + plotW, y);
        g.setColor(Color.DARK_GRAY);
        String label = Long.toString(Math.round(max * i / 4.0));
        g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        g.setColor(new Color(0xDD, 0xDD, 0xDD));
      }
      int n = Math.max(1, bars.size());
      double step = plotW / (double) n;
      for (int i = 0; i < bars.size(); i++) {
        Bar b = bars.get(i);
        int x = left + (int) Math.floor(i * step);
        int w = Math.max(1, (int) Math.floor(step) - (step > 4 ? 1 : 0));
        int base = top + plotH;
        base = segment(g, x, w, base, b.succeeded(), max, plotH, OK);
        base = segment(g, x, w, base, b.denied(), max, plotH, DENIED);
        segment(g, x, w, base, b.otherErrors(), max, plotH, OTHER);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawLine(left, top + plotH, left + plotW, top + plotH);
      if (!bars.isEmpty()) {
        int ticks = Math.min(6, bars.size());
        for (int t = 0; t < ticks; t++) {
          int i = ticks == 1 ? 0 : (int) Math.round(t * (bars.size() - 1) / (double) (ticks - 1));
          String label = AXIS.format(bars.get(i).start());
          int x = left + (int) Math.round(i * step);
          int lw = g.getFontMetrics().stringWidth(label);
          g.drawString(label, Math.max(0, Math.min(widthPx - lw, x - lw / 2)), top + plotH + 26);
        }
      }
      String caption = "events per " + human(width) + " (UTC)";
      g.drawString(caption, left, 26);
      int lx = widthPx - right;
      for (Object[] key : new Object[][] {{"other errors", OTHER}, {"denied", DENIED}, {"succeeded", OK}}) {
        String text = (String) key[0];
        lx -= g.getFontMetrics().stringWidth(text) + 34;
        g.setColor((Color) key[1]);
        g.fillRect(lx, 10, 16, 16);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, lx + 20, 26);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int segment(Graphics2D g, int x, int w, int base, long count, long max, int plotH, Color c) {
    if (count <= 0) {
      return base;
    }
    int h = Math.max(1, (int) Math.round(plotH * count / (double) max));
    g.setColor(c);
    g.fillRect(x, base - h, w, h);
    return base - h;
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + " day(s)";
    }
    if (s % 3600 == 0) {
      return s / 3600 + " hour(s)";
    }
    if (s % 60 == 0) {
      return s / 60 + " minute(s)";
    }
    return s + " second(s)";
  }

  /** A readable bucket width that gives at most {@code maxBars} bars over the span. */
  public static Duration widthFor(Instant first, Instant last, int maxBars) {
    long span = Math.max(1, Duration.between(first, last).getSeconds() + 1);
    long[] steps = {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400};
    for (long s : steps) {
      if (span / s < maxBars) {
        return Duration.ofSeconds(s);
      }
    }
    return Duration.ofSeconds((span / maxBars + 86_399) / 86_400 * 86_400);
  }
}
