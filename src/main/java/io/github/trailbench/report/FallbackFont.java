package io.github.trailbench.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A font of this machine that has CJK glyphs, used for the characters DejaVu Sans lacks. Only
 * TrueType outlines: CFF-based OpenType (Noto Sans CJK .otf/.ttc) is skipped, PDFBox cannot embed
 * it as a subset. Found through fontconfig where it is installed, then at the fonts' usual paths on
 * Linux, macOS and Windows.
 *
 * @param file the font or collection file
 * @param name the font's name inside a collection (.ttc); null for a single font
 * @param cmap its Unicode glyph map, to ask which characters it has
 */
record FallbackFont(Path file, String name, CmapLookup cmap) {
  /** 中: a font with it has the CJK ideographs. */
  private static final int PROBE = 0x4E2D;

  private static final Optional<FallbackFont> SYSTEM = locate(candidates());

  /** The CJK font of this machine, looked for once per run. */
  static Optional<FallbackFont> system() {
    return SYSTEM;
  }

  boolean covers(int cp) {
    return cmap.getGlyphId(cp) > 0;
  }

  /** Loads the font into one document, embedded as a subset; closed with the document. */
  PDType0Font load(PDDocument doc) throws IOException {
    TrueTypeFont ttf;
    if (name == null) {
      ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
    } else {
      @SuppressWarnings("resource") // its fonts share the file; the document closes the one used
      TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
      ttf = collection.getFontByName(name);
      if (ttf == null) {
        collection.close();
        throw new IOException(file + " no longer holds the font " + name);
      }
    }
    doc.registerTrueTypeFontForClosing(ttf);
    return PDType0Font.load(doc, ttf, true);
  }

  /** The first candidate file holding a TrueType-outline font with CJK glyphs that can be embedded. */
  static Optional<FallbackFont> locate(List<Path> candidates) {
    for (Path p : candidates) {
      if (!Files.isRegularFile(p)) {
        continue;
      }
      try {
        Optional<FallbackFont> f = open(p);
        if (f.isPresent() && embeds(f.get())) {
          return f;
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable or unsupported font file: try the next one.
      }
    }
    return Optional.empty();
  }

  private static boolean embeds(FallbackFont f) {
    try (PDDocument probe = new PDDocument()) {
      f.load(probe);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<FallbackFont> open(Path p) throws IOException {
    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ttc")) {
      FallbackFont[] found = new FallbackFont[1];
      try (TrueTypeCollection collection = new TrueTypeCollection(p.toFile())) {
        collection.processAllFonts(ttf -> {
          if (found[0] == null) {
            CmapLookup cmap = usable(ttf);
            if (cmap != null) {
              found[0] = new FallbackFont(p, ttf.getName(), cmap);
            }
          }
        });
      }
      return Optional.ofNullable(found[0]);
    }
    if (lower.endsWith(".ttf") || lower.endsWith(".otf")) {
      RandomAccessReadBufferedFile in = new RandomAccessReadBufferedFile(p.toFile());
      try (TrueTypeFont ttf = lower.endsWith(".otf") ? new OTFParser().parse(in) : new TTFParser().parse(in)) {
        CmapLookup cmap = usable(ttf);
        return cmap == null ? Optional.empty() : Optional.of(new FallbackFont(p, null, cmap));
      }
    }
    return Optional.empty();
  }

  /** Its Unicode map when the font has TrueType outlines and the probe glyph; else null. */
  private static CmapLookup usable(TrueTypeFont ttf) throws IOException {
    if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
      return null;
    }
    CmapLookup cmap = ttf.getUnicodeCmapLookup(false);
    if (cmap == null || cmap.getGlyphId(PROBE) <= 0) {
      return null;
    }
    // The cmap subtable is read into memory here, so the lookup outlives the closed file.
    return cmap;
  }

  /** Where to look, in order: fontconfig's choice per CJK language, then well-known files. */
  static List<Path> candidates() {
    Set<Path> out = new LinkedHashSet<>();
    for (String lang : List.of("ja", "zh-cn", "zh-tw", "ko")) {
      fcMatch(lang).ifPresent(out::add);
    }
    for (String f : List.of(
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
        "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/AppleSDGothicNeo.ttc",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/Library/Fonts/Arial Unicode.ttf")) {
      out.add(Path.of(f));
    }
    String windows = Optional.ofNullable(System.getenv("WINDIR")).orElse("C:\\Windows");
    for (String f : List.of("msgothic.ttc", "msyh.ttc", "simsun.ttc", "msjh.ttc", "malgun.ttf", "meiryo.ttc")) {
      out.add(Path.of(windows, "Fonts", f));
    }
    return new ArrayList<>(out);
  }

  /** fontconfig's best font file for a language, when fc-match is on the PATH and answers in time. */
  private static Optional<Path> fcMatch(String lang) {
    try {
      Process p = new ProcessBuilder("fc-match", "-f", "%{file}", ":lang=" + lang)
          .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String file = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && !file.isEmpty() && new File(file).isFile() ? Optional.of(Path.of(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
