package io.github.trailbench.cli;

import io.github.trailbench.core.model.SafeText;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The text output of a command (tables, summaries, explanations): everything printed through it
 * has its control characters escaped by {@link SafeText#escapeLines}, so a value from a log or a
 * file name cannot move the cursor, overwrite a line or reorder what the terminal shows. Line
 * breaks the command prints stay; a field that may hold a line break of its own is escaped with
 * {@link SafeText#escape} where it is printed. CSV and JSON output does not go through here.
 */
final class SafeOut extends Writer {
  private final Writer out;

  private SafeOut(Writer out) {
    this.out = out;
  }

  /** A writer over {@code out} that escapes what it prints; flush it when done. */
  static PrintWriter over(PrintWriter out) {
    return new PrintWriter(new SafeOut(out));
  }

  @Override
  public void write(char[] buf, int off, int len) {
    String text = SafeText.escapeLines(new String(buf, off, len));
    try {
      out.write(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void flush() throws java.io.IOException {
    out.flush();
  }

  @Override
  public void close() throws java.io.IOException {
    out.flush();
  }
}
