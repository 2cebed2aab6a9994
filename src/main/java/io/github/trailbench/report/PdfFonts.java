package io.github.trailbench.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's fonts: DejaVu Sans and DejaVu Sans Bold shipped as resources, embedded as subsets
 * (so any Unicode text the font covers is drawn and stays selectable), a CJK font of the machine
 * ({@link FallbackFont}) for the characters DejaVu lacks, plus the text clean-up every string goes
 * through before it is drawn: characters no font has become U+FFFD, control
 * characters become U+FFFD, and invisible format characters (bidi overrides, zero-width marks)
 * are shown as {@code <U+202E>} so a reader sees they are there.
 */
final class PdfFonts {
  private static final String DIR = "/io/github/trailbench/report/fonts/";
  private static final byte[] REGULAR_BYTES = bytes("DejaVuSans.ttf");
  private static final byte[] BOLD_BYTES = bytes("DejaVuSans-Bold.ttf");
  private static final CmapLookup REGULAR_CMAP = cmap(REGULAR_BYTES);
  private static final CmapLookup BOLD_CMAP = cmap(BOLD_BYTES);

  /** A piece of a drawn line that one font draws. */
  record Run(PDType0Font font, String text) {}

  /** The CJK fallback in one document: loaded the first time a character needs it. */
  static final class Fallback {
    private final PDDocument doc;
    private final FallbackFont source;
    private PDType0Font font;
    private boolean failed;
    private final Map<Integer, Float> widths = new HashMap<>();

    Fallback(PDDocument doc, FallbackFont source) {
      this.doc = doc;
      this.source = source;
    }

    /** Whether it draws {@code cp}; a font that fails to load draws nothing (the report keeps U+FFFD). */
    boolean covers(int cp) {
      if (failed || !source.covers(cp)) {
        return false;
      }
      if (font == null) {
        try {
          font = source.load(doc);
        } catch (IOException | RuntimeException e) {
          failed = true;
          return false;
        }
      }
      return true;
    }

    float width(int cp) {
      return widths.computeIfAbsent(cp, c -> {
        try {
          return font.getStringWidth(new String(Character.toChars(c)));
        } catch (IOException | IllegalArgumentException e) {
          return 1000f;
        }
      });
    }
  }

  /** One font face loaded into one document, with its glyph coverage and width cache. */
  static final class Face {
    final PDType0Font font;
    private final CmapLookup cmap;
    private final Fallback fallback;
    private final AtomicBoolean replaced;
    private final Map<Integer, Float> widths = new HashMap<>();

    Face(PDType0Font font, CmapLookup cmap, Fallback fallback, AtomicBoolean replaced) {
      this.font = font;
      this.cmap = cmap;
      this.fallback = fallback;
      this.replaced = replaced;
    }

    private boolean own(int cp) {
      return cmap.getGlyphId(cp) > 0;
    }

    boolean covers(int cp) {
      return own(cp) || fallback != null && fallback.covers(cp);
    }

    /** Width in text space units (1/1000 em) of one code point already cleaned by {@link #clean}. */
    float width(int cp) {
      if (!own(cp) && fallback != null && fallback.covers(cp)) {
        return fallback.width(cp);
      }
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

    /** A cleaned line cut into runs of one font each: this face's, or the CJK fallback where this one lacks the glyph. */
    List<Run> runs(String cleaned) {
      List<Run> out = new ArrayList<>();
      StringBuilder run = new StringBuilder();
      PDType0Font current = font;
      for (int i = 0; i < cleaned.length(); ) {
        int cp = cleaned.codePointAt(i);
        i += Character.charCount(cp);
        PDType0Font f = !own(cp) && fallback != null && fallback.covers(cp) ? fallback.font : font;
        if (f != current && run.length() > 0) {
          out.add(new Run(current, run.toString()));
          run.setLength(0);
        }
        current = f;
        run.appendCodePoint(cp);
      }
      if (run.length() > 0) {
        out.add(new Run(current, run.toString()));
      }
      return out;
    }

    /** Shows a cleaned line (in visual order) inside an open text object, switching fonts between runs. */
    void show(PDPageContentStream cs, String line, float size) throws IOException {
      for (Run r : runs(line)) {
        cs.setFont(r.font(), size);
        cs.showText(r.text());
      }
    }

    /**
     * One line of text made drawable: tabs become spaces, CR/LF spaces (callers split lines
     * first), other controls U+FFFD, format characters {@code <U+XXXX>}, unpaired surrogates and
     * characters without a glyph (in this face or the CJK fallback) U+FFFD.
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
        } else if (io.github.trailbench.core.model.SafeText.invisible(cp)) {
          sb.append(String.format("<U+%04X>", cp));
        } else if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
          sb.append(own(0xFFFD) ? '\uFFFD' : '?');
        } else if (!covers(cp)) {
          replaced.set(true);
          sb.append(own(0xFFFD) ? '\uFFFD' : '?');
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

  private final AtomicBoolean replaced = new AtomicBoolean();

  PdfFonts(PDDocument doc) throws IOException {
    this(doc, FallbackFont.system());
  }

  /** With {@code fallback} for the characters DejaVu lacks (CJK); bold text uses it too, in its one weight. */
  PdfFonts(PDDocument doc, Optional<FallbackFont> fallback) throws IOException {
    Fallback shared = fallback.map(f -> new Fallback(doc, f)).orElse(null);
    regular = new Face(PDType0Font.load(doc, new ByteArrayInputStream(REGULAR_BYTES), true), REGULAR_CMAP, shared, replaced);
    bold = new Face(PDType0Font.load(doc, new ByteArrayInputStream(BOLD_BYTES), true), BOLD_CMAP, shared, replaced);
  }

  /** Whether some text so far had characters no font here could draw (shown as U+FFFD). */
  boolean replacedMissingGlyphs() {
    return replaced.get();
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
