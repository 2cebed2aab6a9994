package io.github.trailbench.report;

/**
 * How CSV is written. Always RFC 4180: comma separator, CRLF line ends, fields holding a comma,
 * quote, CR or LF enclosed in double quotes with inner quotes doubled, a header row, UTF-8.
 *
 * @param byteOrderMark start the file with a UTF-8 byte order mark. Off by default: RFC 4180
 *     tools, Jackson, Python's csv and spreadsheets' import dialogs read plain UTF-8, and a BOM
 *     would end up in the first header name for many of them. Turn it on ({@link #excel()})
 *     for files double-clicked open in Microsoft Excel, which otherwise guesses a legacy code
 *     page and garbles non-ASCII text.
 * @param formulaSafe prefix cells starting with {@code = + - @}, tab or CR with a single quote
 *     (OWASP's CSV-injection advice) so spreadsheets do not evaluate them. On by default. This
 *     changes the cell text: a consumer must strip one leading quote from such cells to get the
 *     original value back. A cell that is only a decimal number ({@code -5}, {@code +1.25}) is
 *     left as it is: a spreadsheet reads it as that number.
 */
public record CsvOptions(boolean byteOrderMark, boolean formulaSafe) {
  /** No BOM, formula-safe. */
  public static CsvOptions defaults() {
    return new CsvOptions(false, true);
  }

  /** BOM for Excel, formula-safe. */
  public static CsvOptions excel() {
    return new CsvOptions(true, true);
  }

  public CsvOptions withByteOrderMark(boolean b) {
    return new CsvOptions(b, formulaSafe);
  }

  public CsvOptions withFormulaSafe(boolean f) {
    return new CsvOptions(byteOrderMark, f);
  }
}
