package io.github.trailbench.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Streams rows of strings as CSV (see {@link CsvOptions} for the dialect). Rows are written as
 * they come, so exporting a million events needs no more memory than one row.
 *
 * <pre>{@code
 * try (CsvWriter csv = CsvWriter.open(out, List.of("time", "event"), CsvOptions.defaults())) {
 *   for (...) csv.row(List.of(time, name));
 * }
 * }</pre>
 */
public final class CsvWriter implements Closeable, Flushable {
  private static final String CRLF = "\r\n";

  private final Writer out;
  private final CsvOptions options;
  private final int columns;

  private CsvWriter(Writer out, int columns, CsvOptions options) {
    this.out = out;
    this.columns = columns;
    this.options = options;
  }

  /** Writes the (optional) BOM and the header row; closing the writer closes {@code out}. */
  public static CsvWriter open(OutputStream out, List<String> header, CsvOptions options) throws IOException {
    Objects.requireNonNull(header, "header");
    if (header.isEmpty()) {
      throw new IllegalArgumentException("a CSV file needs at least one column");
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    if (options.byteOrderMark()) {
      w.write('\uFEFF');
    }
    CsvWriter csv = new CsvWriter(w, header.size(), options);
    csv.row(header);
    return csv;
  }

  /**
   * Writes one row. Null cells are empty. A row with fewer cells than the header is padded;
   * one with more is an error (it would shift columns silently).
   */
  public CsvWriter row(List<String> cells) throws IOException {
    if (cells.size() > columns) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells but the header has " + columns);
    }
    for (int i = 0; i < columns; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(i < cells.size() ? cells.get(i) : null, options.formulaSafe()));
    }
    out.write(CRLF);
    return this;
  }

  /** One cell as written with the default dialect: formula-safe, quoted when needed. */
  public static String safeCell(String value) {
    return cell(value, true);
  }

  /** One cell as written: formula-prefixed if asked, quoted when needed. */
  static String cell(String value, boolean formulaSafe) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    if (formulaSafe && isFormula(v)) {
      v = "'" + v;
    }
    if (formulaSafe) {
      v = afterSeparators(v);
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      // ';' and tab too: a spreadsheet in a locale whose list separator is ';' splits there, and the
      // part after it could start a formula
      quote = c == ',' || c == '"' || c == '\r' || c == '\n' || c == ';' || c == '\t';
    }
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /**
   * A spreadsheet that splits on {@code ;} or tab (its locale's list separator, or a paste) starts a
   * new cell there, where a quote around the whole cell no longer protects: a {@code ;} or tab
   * followed (after spaces) by {@code = + - @} gets the neutralising quote after it too
   * ({@code svc;=cmd…} becomes {@code svc;'=cmd…}).
   */
  private static String afterSeparators(String v) {
    StringBuilder b = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (b != null) {
        b.append(c);
      }
      if (c == ';' || c == '\t') {
        int j = i + 1;
        while (j < v.length() && v.charAt(j) == ' ') {
          j++;
        }
        int end = j;
        while (end < v.length() && v.charAt(end) != ';' && v.charAt(end) != '\t') {
          end++;
        }
        if (j < v.length() && "=+-@".indexOf(v.charAt(j)) >= 0 && !NUMBER.matcher(v.substring(j, end)).matches()) {
          if (b == null) {
            b = new StringBuilder(v.length() + 4).append(v, 0, i + 1);
          }
          b.append('\'');
        }
      }
    }
    return b == null ? v : b.toString();
  }

  /** OWASP's list: {@code = + - @}, tab and carriage return. */
  public static boolean isFormulaStart(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** A plain decimal number ({@code -5}, {@code +1.25}): a spreadsheet reads it as that number, never as a formula. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

  /**
   * Whether a spreadsheet could take the cell for a formula: its first character is one of
   * OWASP's ({@link #isFormulaStart}), or its first character after leading spaces, tabs, CRs
   * and LFs is {@code = + - @} (LibreOffice with "Trim spaces" evaluates {@code "  =1+1"}). A
   * cell that is only a decimal number is not protected: it stays a number.
   */
  public static boolean isFormula(String v) {
    if (v.isEmpty() || NUMBER.matcher(v).matches()) {
      return false;
    }
    if (isFormulaStart(v.charAt(0))) {
      return true;
    }
    int i = 0;
    while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t' || v.charAt(i) == '\r' || v.charAt(i) == '\n')) {
      i++;
    }
    return i > 0 && i < v.length() && isFormulaStart(v.charAt(i));
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
