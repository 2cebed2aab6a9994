package io.github.trailbench.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the same folder,
 * is synced, and is then moved over the target in one step ({@code ATOMIC_MOVE}; where the file
 * system cannot, a plain replacing move). A write that fails or is killed leaves the previous
 * file as it was; at worst a killed one leaves a hidden {@code .NAME.*.tmp} beside it.
 *
 * <p>Every file Trailbench writes for the user (reports, exports, pictures) and every derived
 * file of a case goes through here.
 */
public final class WholeFile {
  private WholeFile() {}

  /** Content written to a stream. */
  public interface StreamContent {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Content written to a channel. */
  public interface ChannelContent {
    void writeTo(WritableByteChannel out) throws IOException;
  }

  /** Writes {@code file} whole or not at all from a stream. */
  public static void write(Path file, StreamContent content) throws IOException {
    writeChannel(file, ch -> {
      OutputStream out = Channels.newOutputStream(ch);
      content.writeTo(out);
      out.flush();
    });
  }

  /** What {@link #sweepAbandoned} removed: how many temporary files, and their bytes. */
  public record Swept(int files, long bytes) {}

  /**
   * Removes from {@code dir} the temporary files of writes that a process ended before finishing
   * (killed, or exiting while a background thread wrote): the hidden {@code .NAME.DIGITS.tmp}
   * files this class makes, last modified before {@code olderThan} (a write still running in
   * another process keeps touching its file). Files it cannot remove are left; other files are
   * never touched.
   */
  public static Swept sweepAbandoned(Path dir, java.time.Instant olderThan) {
    int files = 0;
    long bytes = 0;
    try (java.util.stream.Stream<Path> in = Files.list(dir)) {
      for (Path p : (Iterable<Path>) in::iterator) {
        String name = p.getFileName().toString();
        if (!ABANDONED.matcher(name).matches() || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          long size = Files.size(p);
          if (Files.getLastModifiedTime(p).toInstant().isBefore(olderThan) && Files.deleteIfExists(p)) {
            files++;
            bytes += size;
          }
        } catch (IOException e) {
          // gone meanwhile, or not ours to remove: left as it is
        }
      }
    } catch (IOException e) {
      // an unreadable folder: nothing removed
    }
    return new Swept(files, bytes);
  }

  /** The names {@link java.nio.file.Files#createTempFile} gives with the prefix and suffix used here. */
  private static final java.util.regex.Pattern ABANDONED = java.util.regex.Pattern.compile("\\..+\\.\\d+\\.tmp");

  /** Writes {@code file} whole or not at all from a channel. */
  public static void writeChannel(Path file, ChannelContent content) throws IOException {
    writeChannel(file, content, true);
  }

  /**
   * Writes {@code file} whole or not at all from a channel; {@code sync} false skips syncing the
   * content before the move, for a file whose reader checks it whole (a crash soon after may leave
   * it empty or damaged on disk, never half replaced in a way that reads as valid).
   */
  public static void writeChannel(Path file, ChannelContent content, boolean sync) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(String.valueOf(dir), null, "no such folder");
    }
    if (Files.isDirectory(target)) {
      throw new java.nio.file.FileSystemException(target.toString(), null, "is a folder");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(out);
        if (sync) {
          out.force(true);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
