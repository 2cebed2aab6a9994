package io.github.trailbench.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;

/**
 * Flows text, tables and images down A4 pages: wraps long values (ARNs, user agents) at
 * separators or, failing that, anywhere; splits table rows taller than a page; repeats table
 * headers on new pages.
 */
final class PdfLayout {
  static final PDRectangle SIZE = PDRectangle.A4;
  static final float MARGIN_X = 50;
  static final float TOP = SIZE.getHeight() - 56;
  static final float BOTTOM = 56;
  static final float WIDTH = SIZE.getWidth() - 2 * MARGIN_X;
  static final Color TEXT = new Color(0x1f, 0x23, 0x28);
  static final Color MUTED = new Color(0x59, 0x63, 0x6e);
  /** Text a reader must not miss (dark amber: legible on white, unlike the severity colours' light tints). */
  static final Color WARNING = new Color(0x9a, 0x67, 0x00);
  static final Color RULE = new Color(0xd0, 0xd7, 0xde);
  static final Color HEADER_BG = new Color(0xee, 0xf1, 0xf4);

  final PDDocument doc;
  final PdfFonts fonts;
  private PDPage page;
  private PDPageContentStream cs;
  float y;

  PdfLayout(PDDocument doc, PdfFonts fonts) {
    this.doc = doc;
    this.fonts = fonts;
  }

  PDPage page() {
    return page;
  }

  PDPageContentStream stream() {
    return cs;
  }

  void newPage() throws IOException {
    closeStream();
    page = new PDPage(SIZE);
    doc.addPage(page);
    cs = new PDPageContentStream(doc, page);
    y = TOP;
  }

  void closeStream() throws IOException {
    if (cs != null) {
      cs.close();
      cs = null;
    }
  }

  /** Starts a new page unless {@code height} points still fit on this one. */
  void ensure(float height) throws IOException {
    if (cs == null || y - height < BOTTOM) {
      newPage();
    }
  }

  void gap(float h) {
    y -= h;
  }

  /** Draws one already-clean line with its baseline at {@code baseline}. */
  void draw(String cleaned, PdfFonts.Face face, float size, float x, float baseline, Color color) throws IOException {
    if (cleaned.isEmpty()) {
      return;
    }
    cs.beginText();
    cs.setNonStrokingColor(color);
    cs.newLineAtOffset(x, baseline);
    face.show(cs, PdfFonts.visual(cleaned), size);
    cs.endText();
  }

  /** Wrapped text; returns the lines' count. Newlines in {@code text} start new lines. */
  int paragraph(String text, PdfFonts.Face face, float size, float indent, Color color) throws IOException {
    float leading = size * 1.32f;
    List<String> lines = wrap(text, face, size, WIDTH - indent);
    for (String line : lines) {
      ensure(leading);
      y -= leading;
      draw(line, face, size, MARGIN_X + indent, y + size * 0.25f, color);
    }
    return lines.size();
  }

  void rule(float x1, float x2, float at, Color color, float width) throws IOException {
    cs.setStrokingColor(color);
    cs.setLineWidth(width);
    cs.moveTo(x1, at);
    cs.lineTo(x2, at);
    cs.stroke();
  }

  void fill(float x, float yBottom, float w, float h, Color color) throws IOException {
    cs.setNonStrokingColor(color);
    cs.addRect(x, yBottom, w, h);
    cs.fill();
  }

  /** A table column: header text, relative width and whether its cells use the bold face. */
  record Column(String header, float weight, boolean bold) {}

  /** A cell's text and, optionally, its color (null = default). */
  record Cell(String text, Color color) {
    static Cell of(String text) {
      return new Cell(text, null);
    }
  }

  void table(List<Column> columns, List<List<Cell>> rows, float size) throws IOException {
    float total = 0;
    for (Column c : columns) {
      total += c.weight();
    }
    float[] widths = new float[columns.size()];
    float[] xs = new float[columns.size()];
    float x = MARGIN_X;
    for (int i = 0; i < widths.length; i++) {
      widths[i] = WIDTH * columns.get(i).weight() / total;
      xs[i] = x;
      x += widths[i];
    }
    float pad = 3;
    float leading = size * 1.3f;
    List<List<String>> header = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      header.add(wrap(columns.get(i).header(), fonts.bold, size, widths[i] - 2 * pad));
    }
    int headerLines = header.stream().mapToInt(List::size).max().orElse(1);
    float headerHeight = headerLines * leading + 2 * pad;
    List<List<List<String>>> wrapped = new ArrayList<>();
    for (List<Cell> row : rows) {
      List<List<String>> cells = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        String text = i < row.size() && row.get(i) != null ? row.get(i).text() : "";
        cells.add(wrap(text, columns.get(i).bold() ? fonts.bold : fonts.regular, size, widths[i] - 2 * pad));
      }
      wrapped.add(cells);
    }
    int firstLines = wrapped.isEmpty() ? 1 : wrapped.get(0).stream().mapToInt(List::size).max().orElse(1);
    // keep the header with the first row: all of it when it fits on a page (the row loop below moves a row that
    // fits on a new page rather than split it, which would leave the header alone), else its start
    int pageLines = (int) Math.floor((TOP - BOTTOM - headerHeight - 2 * pad) / leading);
    ensure(headerHeight + (firstLines <= pageLines ? firstLines : Math.min(firstLines, 6)) * leading + 2 * pad);
    drawHeader(header, xs, widths, size, leading, pad, headerHeight);
    for (int r = 0; r < rows.size(); r++) {
      List<Cell> row = rows.get(r);
      List<List<String>> cells = wrapped.get(r);
      int lines = cells.stream().mapToInt(List::size).max().orElse(1);
      int done = 0;
      while (done < lines) {
        int fit = (int) Math.floor((y - BOTTOM - 2 * pad) / leading);
        int fullPage = (int) Math.floor((TOP - BOTTOM - headerHeight - 2 * pad) / leading);
        boolean wholeRowFitsOnNewPage = lines - done <= fullPage;
        if (fit < Math.min(lines - done, 3) || (fit < lines - done && wholeRowFitsOnNewPage && done == 0)) {
          newPage();
          drawHeader(header, xs, widths, size, leading, pad, headerHeight);
          continue;
        }
        int chunk = Math.min(fit, lines - done);
        float top = y;
        for (int i = 0; i < columns.size(); i++) {
          Color color = i < row.size() && row.get(i) != null && row.get(i).color() != null ? row.get(i).color() : TEXT;
          PdfFonts.Face face = columns.get(i).bold() ? fonts.bold : fonts.regular;
          List<String> cl = cells.get(i);
          for (int l = done; l < Math.min(cl.size(), done + chunk); l++) {
            draw(cl.get(l), face, size, xs[i] + pad, top - pad - (l - done + 1) * leading + size * 0.28f, color);
          }
        }
        y = top - chunk * leading - 2 * pad;
        rule(MARGIN_X, MARGIN_X + WIDTH, y, RULE, 0.5f);
        done += chunk;
      }
    }
  }

  private void drawHeader(List<List<String>> header, float[] xs, float[] widths, float size, float leading, float pad,
      float height) throws IOException {
    fill(MARGIN_X, y - height, WIDTH, height, HEADER_BG);
    for (int i = 0; i < header.size(); i++) {
      List<String> lines = header.get(i);
      for (int l = 0; l < lines.size(); l++) {
        draw(lines.get(l), fonts.bold, size, xs[i] + pad, y - pad - (l + 1) * leading + size * 0.28f, MUTED);
      }
    }
    y -= height;
  }

  /** An image scaled to the text width (never up-scaled beyond 96 dpi) and at most half a page high. */
  void image(PDImageXObject img) throws IOException {
    float w = img.getWidth() * 0.75f;
    float h = img.getHeight() * 0.75f;
    float scale = Math.min(1f, Math.min(WIDTH / w, (TOP - BOTTOM) * 0.55f / h));
    w *= scale;
    h *= scale;
    ensure(h + 4);
    y -= h;
    cs.drawImage(img, MARGIN_X + (WIDTH - w) / 2, y, w, h);
    y -= 4;
  }

  /** A clickable area on {@code on} that jumps to {@code target} at height {@code targetY}. */
  static void link(PDPage on, float x, float yBottom, float w, float h, PDPage target, float targetY) throws IOException {
    PDAnnotationLink link = new PDAnnotationLink();
    link.setRectangle(new PDRectangle(x, yBottom, w, h));
    PDBorderStyleDictionary border = new PDBorderStyleDictionary();
    border.setWidth(0);
    link.setBorderStyle(border);
    link.setDestination(destination(target, targetY));
    on.getAnnotations().add(link);
  }

  static PDPageXYZDestination destination(PDPage target, float top) {
    PDPageXYZDestination d = new PDPageXYZDestination();
    d.setPage(target);
    d.setTop(Math.round(top));
    d.setLeft(0);
    return d;
  }

  /**
   * Splits text into lines no wider than {@code max}: at newlines, after spaces and after the
   * separators of ARNs, URLs and user agents ({@code / : , ; - = & ? | #}, and {@code .} before a
   * letter, so IP addresses stay whole), else anywhere.
   */
  static List<String> wrap(String text, PdfFonts.Face face, float size, float max) {
    List<String> out = new ArrayList<>();
    String src = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    for (String raw : src.split("\n", -1)) {
      String para = face.clean(raw);
      int start = 0;
      int lastBreak = -1;
      float w = 0;
      int i = 0;
      while (i < para.length()) {
        int cp = para.codePointAt(i);
        int next = i + Character.charCount(cp);
        float cw = face.width(cp) / 1000f * size;
        if (w + cw > max && i > start) {
          int cut = lastBreak > start ? lastBreak : i;
          out.add(stripTrailing(para.substring(start, cut)));
          start = cut;
          while (start < para.length() && para.charAt(start) == ' ') {
            start++;
          }
          lastBreak = -1;
          w = face.width(para.substring(start, Math.max(start, i)), size);
          if (start > i) {
            i = start;
            continue;
          }
        }
        w += cw;
        if (cp == ' ' || cp == '/' || cp == ':' || cp == ',' || cp == ';' || cp == '-' || cp == '=' || cp == '&'
            || cp == '?' || cp == '|' || cp == '#'
            || (cp == '.' && next < para.length() && Character.isLetter(para.charAt(next)))) {
          lastBreak = next;
        }
        i = next;
      }
      out.add(stripTrailing(para.substring(Math.min(start, para.length()))));
    }
    return out;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
