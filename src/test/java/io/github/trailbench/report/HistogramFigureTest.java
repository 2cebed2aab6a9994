package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HistogramFigureTest {
  static int count(BufferedImage img, java.awt.Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (img.getRGB(x, y) == c.getRGB()) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void drawsEachOutcomeBandInProportion() throws Exception {
    Instant t = Instant.parse("2026-10-03T00:00:00Z");
    List<HistogramFigure.Bar> bars = List.of(new HistogramFigure.Bar(t, 100, 0, 0),
        new HistogramFigure.Bar(t.plusSeconds(3600), 0, 50, 0), new HistogramFigure.Bar(t.plusSeconds(7200), 0, 0, 0));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(HistogramFigure.png(bars, Duration.ofHours(1), 900, 300)));
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(300);
    int ok = count(img, HistogramFigure.OK) - 256;   // the legend swatch is 16 x 16
    int denied = count(img, HistogramFigure.DENIED) - 256;
    assertThat(ok).isPositive();
    assertThat(denied).isPositive();
    assertThat((double) denied / ok).as("half the height, same width").isBetween(0.45, 0.55);
    assertThat(count(img, HistogramFigure.OTHER)).as("legend only").isEqualTo(256);
  }

  @Test
  void bucketWidthsAreReadableAndBoundTheNumberOfBars() {
    Instant a = Instant.parse("2026-10-01T00:00:00Z");
    assertThat(HistogramFigure.widthFor(a, a.plusSeconds(3 * 3600), 120)).isEqualTo(Duration.ofMinutes(5));
    assertThat(HistogramFigure.widthFor(a, a.plus(Duration.ofDays(30)), 120)).isEqualTo(Duration.ofHours(12));
    Duration year = HistogramFigure.widthFor(a, a.plus(Duration.ofDays(3650)), 120);
    assertThat(Duration.ofDays(3650).toSeconds() / year.toSeconds()).isLessThan(120);
  }
}
