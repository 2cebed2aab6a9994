package io.github.trailbench.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's fonts: DejaVu Sans and DejaVu Sans Bold shipped as resources, embedded as subsets
 * (so any Unicode text the font covers is drawn and stays selectable), plus the text clean-up
 * every string goes through before it is drawn: characters the font lacks become U+FFFD, control
 * characters become U+FFFD, and invisible format characters (bidi overrides, zero-width marks)
 * are shown as {@code <U+202E>} so a reader sees they are there.
 */
final class PdfFonts {
  private static final String DIR = "/io/github/trailbench/report/fonts/";
  private static final byte[] REGULAR_BYTES = bytes("DejaVuSans.ttf");
  private static final byte[] BOLD_BYTES = bytes("DejaVuSans-Bold.ttf");
  private static final CmapLookup REGULAR_CMAP = cmap(REGULAR_BYTES);
  private static final CmapLookup BOLD_CMAP = cmap(BOLD_BYTES);

  /** One font face loaded into one document, with its glyph coverage and width cache. */
  static final class Face {
    final PDType0Font font;
    private final CmapLookup cmap;
    private final Map<Integer, Float> widths = new HashMap<>();

    Face(PDType0Font font, CmapLookup cmap) {
      this.font = font;
      this.cmap = cmap;
    }

    boolean covers(int cp) {
      return cmap.getGlyphId(cp) > 0;
    }

    /** Width in text space units (1/1000 em) of one code point already cleaned by {@link #clean}. */
    float width(int cp) {
      Float w = widths.get(cp);
      if (w == null) {
        try {
          w = font.getStringWidth(new String(Character.toChars(cp)));
        } catch (IOException | IllegalArgumentException e) {
          w = 600f;
        }
        widths.put(cp, w);
      }
      return w;
    }

    float width(String cleaned, float size) {
      float sum = 0;
      for (int i = 0; i < cleaned.length(); ) {
        int cp = cleaned.codePointAt(i);
        sum += width(cp);
        i += Character.charCount(cp);
      }
      return sum / 1000f * size;
    }

    /**
     * One line of text made drawable: tabs become spaces, CR/LF spaces (callers split lines
     * first), other controls U+FFFD, format characters {@code <U+XXXX>}, unpaired surrogates and
     * characters without a glyph U+FFFD.
     */
    String clean(String text) {
      if (text == null) {
        return "";
      }
      StringBuilder sb = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == '\t' || cp == '\n' || cp == '\r') {
          sb.append(' ');
        } else if (Character.getType(cp) == Character.FORMAT) {
          sb.append(String.format("<U+%04X>", cp));
        } else if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF
            || !covers(cp)) {
          sb.append(covers(0xFFFD) ? '\uFFFD' : '?');
        } else {
          sb.appendCodePoint(cp);
        }
      }
      return sb.toString();
    }
  }

  final Face regular;
  final Face bold;

  /**
   * A line in visual order, as PDF text is drawn: right-to-left runs (Hebrew, Arabic) are
   * reversed with mirrored brackets and the runs reordered by the Unicode bidi algorithm (so
   * text extraction gives the logical order back). The base direction is always left-to-right
   * (the report's language), also for wrapped lines that start with right-to-left text. Arabic
   * letters are not shaped.
   */
  static String visual(String line) {
    if (!java.text.Bidi.requiresBidi(line.toCharArray(), 0, line.length())) {
      return line;
    }
    java.text.Bidi bidi = new java.text.Bidi(line, java.text.Bidi.DIRECTION_LEFT_TO_RIGHT);
    if (bidi.isLeftToRight()) {
      return line;
    }
    int n = bidi.getRunCount();
    byte[] levels = new byte[n];
    Object[] runs = new Object[n];
    for (int i = 0; i < n; i++) {
      levels[i] = (byte) bidi.getRunLevel(i);
      String run = line.substring(bidi.getRunStart(i), bidi.getRunLimit(i));
      if ((levels[i] & 1) == 1) {
        StringBuilder r = new StringBuilder(run.length());
        for (int j = run.length(); j > 0; ) {
          int cp = run.codePointBefore(j);
          j -= Character.charCount(cp);
          r.appendCodePoint(mirror(cp));
        }
        run = r.toString();
      }
      runs[i] = run;
    }
    java.text.Bidi.reorderVisually(levels, 0, runs, 0, n);
    StringBuilder sb = new StringBuilder(line.length());
    for (Object r : runs) {
      sb.append((String) r);
    }
    return sb.toString();
  }

  private static int mirror(int cp) {
    return switch (cp) {
      case '(' -> ')';
      case ')' -> '(';
      case '[' -> ']';
      case ']' -> '[';
      case '{' -> '}';
      case '}' -> '{';
      case '<' -> '>';
      case '>' -> '<';
      default -> cp;
    };
  }

  PdfFonts(PDDocument doc) throws IOException {
    regular = new Face(PDType0Font.load(doc, new ByteArrayInputStream(REGULAR_BYTES), true), REGULAR_CMAP);
    bold = new Face(PDType0Font.load(doc, new ByteArrayInputStream(BOLD_BYTES), true), BOLD_CMAP);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = PdfFonts.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("report font missing from the classpath: " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CmapLookup cmap(byte[] font) {
    try {
      TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
      return ttf.getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
