package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening input files: gzip is recognised by its magic bytes wherever it appears. */
public final class SourceFiles {
  private static final int BUFFER = 64 * 1024;

  /**
   * Extensions of files that are plainly not evidence (notes, scripts, images, office documents):
   * an import of a folder skips them rather than rejecting them. Everything else is decided by
   * content.
   */
  private static final Set<String> NOT_EVIDENCE = Set.of(
      "md", "markdown", "rst", "txt", "rtf", "adoc",
      "py", "sh", "bash", "zsh", "ps1", "psm1", "psd1", "bat", "cmd", "rb", "pl", "js", "ts",
      "png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "tif", "tiff", "ico", "heic",
      "pdf", "html", "htm", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
      "mp4", "mov");

  private SourceFiles() {}

  /**
   * The extension (lower case, without the dot) when the file's name says it is plainly not
   * evidence, else null. Only the last extension counts: {@code notes.txt.gz} is read by content.
   */
  public static String notEvidenceExtension(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return null;
    }
    String n = name.toString();
    int dot = n.lastIndexOf('.');
    if (dot <= 0 || dot == n.length() - 1) {
      return null;
    }
    String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
    return NOT_EVIDENCE.contains(ext) ? ext : null;
  }

  /** True when the file starts with the gzip magic bytes. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /**
   * The content of a file, gunzipped when it is gzip (concatenated members included), capped
   * at {@code limits.maxInflatedBytes()}.
   */
  public static CountingContent openContent(Path file, InputLimits limits) throws IOException {
    boolean gz = isGzip(file);
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    TextEncoding.Decoded text;
    try {
      text = TextEncoding.utf8(gz ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return new CountingContent(new CappedInputStream(text.in(), limits.maxInflatedBytes()), gz,
        text.found() == null ? null : text.found().name() + " (" + text.found().how() + ")");
  }

  /** An open content stream (UTF-8), whether it was gzip, and the encoding it was decoded from. */
  public static final class CountingContent implements AutoCloseable {
    private final CappedInputStream in;
    private final boolean gzip;
    private final String decodedFrom;

    CountingContent(CappedInputStream in, boolean gzip, String decodedFrom) {
      this.in = in;
      this.gzip = gzip;
      this.decodedFrom = decodedFrom;
    }

    /**
     * The encoding the content was decoded from and how it was told (e.g. "UTF-16LE (byte-order
     * mark)"), or null when it is UTF-8 as stored: then offsets in the content are offsets in the
     * (inflated) file.
     */
    public String decodedFrom() {
      return decodedFrom;
    }

    public InputStream stream() {
      return in;
    }

    public boolean gzip() {
      return gzip;
    }

    /** Inflated bytes read so far. */
    public long count() {
      return in.count();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Up to {@code max} bytes of the (inflated) content; fewer when the file is shorter. */
  static byte[] head(Path file, InputLimits limits, int max) throws SourceFormatException {
    CountingContent c;
    try {
      c = openContent(file, limits);
    } catch (IOException e) {
      throw asProblem(file, e, 0);
    }
    try (c) {
      return c.stream().readNBytes(max);
    } catch (IOException e) {
      throw asProblem(file, e, c.count());
    }
  }

  /** SHA-256 of the file's bytes as stored on disk, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Turns an I/O failure while reading a file's content into a whole-file problem. */
  public static SourceFormatException asProblem(Path file, IOException e, long inflatedSoFar) {
    String where = inflatedSoFar >= 0 ? "byte " + inflatedSoFar + " of the content" : "";
    String reason;
    if (e instanceof TextEncoding.EncodingException enc) {
      reason = enc.getMessage();
      if (enc.getCause() == null) {
        where = "byte 0";
      }
    } else if (e instanceof InflatedSizeLimitException lim) {
      reason = "content inflates to more than " + lim.limit + " bytes; rejected as a possible gzip bomb"
          + " (raise the inflated-size limit if the file is genuine)";
      where = "byte " + lim.limit + " of the content";
    } else if (e instanceof EOFException || e instanceof ZipException && String.valueOf(e.getMessage()).contains("Unexpected end")) {
      reason = "truncated gzip stream: the file ends before its compressed data does (" + e.getMessage() + ")";
      if (inflatedSoFar <= 0) {
        // nothing inflated reached the reader yet: the place to name is where the file stops
        long size = -1;
        try {
          size = Files.size(file);
        } catch (IOException gone) {
          // keep the content position
        }
        where = size >= 0 ? "byte " + size + " of the file (its end)" : where;
      }
    } else if (e instanceof ZipException) {
      reason = "corrupt gzip data: " + e.getMessage();
    } else {
      reason = "cannot read file: " + e;
    }
    return new SourceFormatException(new SourceProblem(file.toString(), where, reason), e);
  }
}
