package io.github.trailbench.store;

import io.github.trailbench.core.io.WholeFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Files in the case directory that hold something computed from the case (the column snapshot,
 * session links, the principal graph): stamped with what they were computed from, written whole or not at all,
 * checked when read, and safe to delete.
 *
 * <p>Each file is its content (the payload) followed by a {@value #TRAILER_BYTES}-byte trailer: the
 * payload's length (8 bytes), its CRC-32C (4 bytes) and {@code "TBDF"}. A file whose trailer is
 * missing or whose payload does not match it (a bit flipped on disk, a file cut short, one from an
 * older version) reads as absent, so its owner computes the content again and rewrites it.
 */
final class DerivedFiles {
  static final int TRAILER_BYTES = 16;
  private static final int TRAILER_MAGIC = 0x54424446; // "TBDF"

  private DerivedFiles() {}

  /** A derived file's content, written to the channel of a temporary file. */
  interface Content {
    void writeTo(WritableByteChannel out) throws IOException;

    /** Content written as a stream (text, JSON). */
    static Content stream(StreamContent content) {
      return ch -> {
        OutputStream out = Channels.newOutputStream(ch);
        content.writeTo(out);
        out.flush();
      };
    }
  }

  /** A derived file's content written to a stream. */
  interface StreamContent {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Reads a derived file's payload; null (or an exception) when it is not what the caller wants. */
  interface Reader<T> {
    T readFrom(ReadableByteChannel in) throws IOException;

    /** A payload read as a stream (text, JSON). */
    static <T> Reader<T> stream(StreamReader<T> reader) {
      return ch -> reader.readFrom(Channels.newInputStream(ch));
    }
  }

  /** Reads a derived file's payload from a stream. */
  interface StreamReader<T> {
    T readFrom(InputStream in) throws IOException;
  }

  /**
   * The lines of a derived text file written by {@link #writeLines}: null when it is absent,
   * damaged, cut short (no {@code end} line) or its first line is not {@code header} (another
   * kind of file, or one computed from another state of the case).
   */
  static List<String> readLines(Path file, String header) {
    return read(file, Reader.stream(stream -> {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(stream, java.nio.charset.StandardCharsets.UTF_8));
      if (!header.equals(in.readLine())) {
        return null;
      }
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(END)) {
          return lines;
        }
        lines.add(line);
      }
      return null;
    }));
  }

  /**
   * Writes {@code header} (what the file is and the stamp of what it was computed from), the
   * lines, and an {@code end} line, whole or not at all. Nothing is written, and false returned,
   * when a line could not be read back as written (a line break in it, or the end line itself).
   */
  static boolean writeLines(Path file, String header, List<String> lines) {
    if (!oneLine(header) || lines.stream().anyMatch(l -> !oneLine(l) || l.equals(END))) {
      return false;
    }
    return write(file, Content.stream(out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
      w.write(header + "\n");
      for (String l : lines) {
        w.write(l + "\n");
      }
      w.write(END + "\n");
      w.flush();
    }));
  }

  private static final String END = "end";

  private static boolean oneLine(String s) {
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
  }

  /**
   * What {@code reader} makes of the payload of {@code file}, or null when the file is absent,
   * damaged (its checksum fails), unreadable, or {@code reader} returns null or fails. The
   * checksum covers the whole payload and is checked before anything read is returned.
   */
  static <T> T read(Path file, Reader<T> reader) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < TRAILER_BYTES) {
        return null;
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
      while (trailer.hasRemaining()) {
        if (ch.read(trailer, size - TRAILER_BYTES + trailer.position()) < 0) {
          return null;
        }
      }
      trailer.flip();
      long length = trailer.getLong();
      int crc = trailer.getInt();
      if (trailer.getInt() != TRAILER_MAGIC || length != size - TRAILER_BYTES) {
        return null;
      }
      ch.position(0);
      CheckedReads in = new CheckedReads(ch, length);
      T value = reader.readFrom(in);
      in.drain();
      return value != null && (int) in.crc.getValue() == crc ? value : null;
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return null; // damaged in a way the reader noticed first: computed again
    }
  }

  /** The payload of a derived file, at most {@code length} bytes, summed as it is read. */
  private static final class CheckedReads implements ReadableByteChannel {
    private final FileChannel ch;
    private final CRC32C crc = new CRC32C();
    private long left;

    CheckedReads(FileChannel ch, long length) {
      this.ch = ch;
      this.left = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (left == 0) {
        return -1;
      }
      ByteBuffer view = dst.slice();
      if (view.remaining() > left) {
        view.limit((int) left);
      }
      int n = ch.read(view);
      if (n > 0) {
        crc.update(view.flip());
        dst.position(dst.position() + n);
        left -= n;
      }
      return n;
    }

    /** Sums what the reader left unread, so the checksum covers the whole payload. */
    void drain() throws IOException {
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      while (read(b.clear()) >= 0) {
        // summed by read
      }
    }

    @Override
    public boolean isOpen() {
      return ch.isOpen();
    }

    @Override
    public void close() {
      // the file is closed by read(Path, Reader)
    }
  }

  /** The channel a derived file's payload is written to, summed as it is written. */
  private static final class CheckedWrites implements WritableByteChannel {
    private final WritableByteChannel ch;
    private final CRC32C crc = new CRC32C();
    private long length;

    CheckedWrites(WritableByteChannel ch) {
      this.ch = ch;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      ByteBuffer view = src.slice();
      int n = ch.write(src);
      view.limit(n);
      crc.update(view);
      length += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return ch.isOpen();
    }

    @Override
    public void close() {
      // the file is closed by write(Path, Content)
    }
  }

  /** What the case's event blocks and imported files are: any import changes it. */
  static String caseStamp(CaseStore store) {
    try (Connection c = store.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(row_count), 0),"
            + " COALESCE(SUM(first_row), 0), (SELECT COALESCE(MAX(id), 0) FROM source_file),"
            + " (SELECT COUNT(*) FROM source_file) FROM event_block")) {
      rs.next();
      return "blocks " + rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4)
          + " files " + rs.getLong(5) + " " + rs.getLong(6);
    } catch (SQLException e) {
      throw new StoreException("cannot read the case's contents: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code file} whole or not at all: to a temporary file moved over it. False (and the old
   * file, if any, left as it was) when that fails.
   */
  static boolean write(Path file, Content content) {
    try {
      // not synced before the move (a 1M-event case's column cache is hundreds of MB): after a crash
      // the file may be empty or hold what the disk had, which the trailer's checksum reads as absent
      WholeFile.writeChannel(file, out -> {
        CheckedWrites payload = new CheckedWrites(out);
        content.writeTo(payload);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).putLong(payload.length)
            .putInt((int) payload.crc.getValue()).putInt(TRAILER_MAGIC).flip();
        while (trailer.hasRemaining()) {
          out.write(trailer);
        }
      }, false);
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // a read-only case directory, a full disk: computed again next time
    }
  }
}
