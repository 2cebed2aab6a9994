package io.github.trailbench.report;

import java.util.Objects;

/**
 * A picture for a report, e.g. the app's render of the timeline histogram, the principal graph
 * or a decision tree. {@code png} holds PNG bytes (JPEG is accepted too); a picture that cannot
 * be read is replaced by a note in the report, never an error.
 */
public record Figure(String title, byte[] png) {
  public Figure {
    title = title == null ? "" : title;
    png = Objects.requireNonNull(png, "png").clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Figure f && f.title.equals(title) && java.util.Arrays.equals(f.png, png);
  }

  @Override
  public int hashCode() {
    return title.hashCode() * 31 + java.util.Arrays.hashCode(png);
  }

  @Override
  public String toString() {
    return "Figure[" + title + ", " + png.length + " bytes]";
  }
}
