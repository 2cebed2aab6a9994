package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.AccessKeyStatus;
import io.github.trailbench.core.model.iam.CertificateStatus;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.CredentialReportRow;
import io.github.trailbench.core.model.iam.NoValue;
import io.github.trailbench.core.model.iam.ReportValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an IAM credential report (the CSV that {@code get-credential-report} returns base64
 * encoded, decoded). Columns are found by header name, so their order may vary and columns AWS
 * adds later are kept aside. The whole file is refused, with row, column and reason, when a
 * documented column is missing, a row has the wrong number of cells, a date or boolean does not
 * parse, or any cell looks like a spreadsheet formula (leading {@code = + - @}, tab or CR): a
 * genuine report never has one, and such a file must not be passed on to a spreadsheet.
 */
final class CredentialReportReader {
  static final List<String> COLUMNS = List.of(
      "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
      "password_next_rotation", "mfa_active",
      "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
      "access_key_1_last_used_region", "access_key_1_last_used_service",
      "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
      "access_key_2_last_used_region", "access_key_2_last_used_service",
      "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");

  private CredentialReportReader() {}

  /** True when the text's first line is a credential report header (it starts with {@code user,arn,}). */
  static boolean looksLikeReport(String text) {
    int end = text.indexOf('\n');
    String first = (end < 0 ? text : text.substring(0, end)).strip().toLowerCase();
    return first.startsWith("user,arn,") && first.contains("password_enabled");
  }

  static CredentialReport read(String file, String text) throws SourceFormatException {
    List<Record> records = Csv.parse(file, text);
    if (records.isEmpty()) {
      throw new SourceFormatException(new SourceProblem(file, "row 1", "the file is empty: no header row"));
    }
    Record header = records.get(0);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < header.cells().size(); c++) {
      String name = header.cells().get(c);
      checkLength(file, header, c, name, "header");
      checkNotFormula(file, header, c, name, "header");
      String key = name.strip();
      if (index.putIfAbsent(key, c) != null) {
        throw problem(file, header, c, name, "duplicate column \"" + key + "\" in the header");
      }
    }
    List<String> missing = COLUMNS.stream().filter(col -> !index.containsKey(col)).toList();
    if (!missing.isEmpty()) {
      throw new SourceFormatException(new SourceProblem(file, "row 1 (line " + header.line() + ")",
          "not a credential report header: missing column" + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)));
    }
    List<CredentialReportRow> rows = new ArrayList<>();
    Map<String, Integer> arns = new HashMap<>();
    for (int r = 1; r < records.size(); r++) {
      Record rec = records.get(r);
      if (rec.cells().size() != header.cells().size()) {
        throw new SourceFormatException(new SourceProblem(file, "row " + rec.row() + " (line " + rec.line() + ")",
            "the row has " + rec.cells().size() + " cells; the header has " + header.cells().size()));
      }
      for (int c = 0; c < rec.cells().size(); c++) {
        checkLength(file, rec, c, rec.cells().get(c), header.cells().get(c));
        boolean legalUserName = c == index.get("user") && IAM_USER_NAME.matcher(rec.cells().get(c)).matches();
        if (!legalUserName) {
          checkNotFormula(file, rec, c, rec.cells().get(c), header.cells().get(c));
        }
      }
      CredentialReportRow row = new RowReader(file, rec, index, header).read();
      Integer first = arns.putIfAbsent(row.arn(), row.row());
      if (first != null) {
        throw problem(file, rec, index.get("arn"), "arn", row.arn() + " is already in row " + first + "; a report has one row per user");
      }
      rows.add(row);
    }
    return new CredentialReport(file, header.cells(), rows);
  }

  /** Longest cell: the longest values of a report are ARNs, at most 2,048 characters. */
  static final int MAX_CELL_CHARS = 4096;

  private static void checkLength(String file, Record rec, int c, String cell, String column) throws SourceFormatException {
    if (cell.length() > MAX_CELL_CHARS) {
      throw problem(file, rec, c, column, "the cell is " + String.format("%,d", cell.length()) + " characters long; a credential report's"
          + " longest values (ARNs) are at most 2,048, so the file is refused");
    }
  }

  private static void checkNotFormula(String file, Record rec, int c, String cell, String column) throws SourceFormatException {
    if (startsLikeFormula(cell) || startsLikeFormula(cell.strip())) {
      throw problem(file, rec, c, column,
          "the cell " + PolicyDocuments.quote(cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
              + " starts like a spreadsheet formula (= + - @, tab or CR); a credential report never has one, so the file is refused");
    }
  }

  /**
   * IAM allows {@code + = , . @ -} in user names, so a name may start like a formula ("=x").
   * Refusing the report for it would let whoever created that user hide the report; such a name
   * is kept as text (it is never evaluated here, and CSV exports escape it).
   */
  private static final java.util.regex.Pattern IAM_USER_NAME = java.util.regex.Pattern.compile("[\\w+=,.@-]{1,64}");

  private static boolean startsLikeFormula(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
  }

  static SourceFormatException problem(String file, Record rec, int c, String column, String reason) {
    return new SourceFormatException(new SourceProblem(file, position(rec, c, column), reason));
  }

  private static String position(Record rec, int c, String column) {
    return "row " + rec.row() + " (line " + rec.line() + "), column " + (c + 1) + " (" + column + ")";
  }

  /** Reads the cells of one row by column name. */
  private static final class RowReader {
    private final String file;
    private final Record rec;
    private final Map<String, Integer> index;
    private final Record header;

    RowReader(String file, Record rec, Map<String, Integer> index, Record header) {
      this.file = file;
      this.rec = rec;
      this.index = index;
      this.header = header;
    }

    CredentialReportRow read() throws SourceFormatException {
      String user = required("user");
      String arn = required("arn");
      if (!arn.startsWith("arn:")) {
        throw fail("arn", "not an ARN: " + PolicyDocuments.quote(arn));
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (int c = 0; c < header.cells().size(); c++) {
        String name = header.cells().get(c).strip();
        if (!COLUMNS.contains(name)) {
          extra.put(name, rec.cells().get(c));
        }
      }
      return new CredentialReportRow(
          rec.row(), user, arn,
          time("user_creation_time"),
          bool("password_enabled"),
          time("password_last_used"),
          time("password_last_changed"),
          time("password_next_rotation"),
          bool("mfa_active"),
          key(1), key(2),
          new CertificateStatus(1, bool("cert_1_active"), time("cert_1_last_rotated")),
          new CertificateStatus(2, bool("cert_2_active"), time("cert_2_last_rotated")),
          extra);
    }

    private AccessKeyStatus key(int n) throws SourceFormatException {
      String p = "access_key_" + n + "_";
      return new AccessKeyStatus(n, bool(p + "active"), time(p + "last_rotated"), time(p + "last_used_date"),
          text(p + "last_used_region"), text(p + "last_used_service"));
    }

    private String cell(String column) {
      return rec.cells().get(index.get(column));
    }

    private SourceFormatException fail(String column, String reason) {
      return problem(file, rec, index.get(column), column, reason);
    }

    private String required(String column) throws SourceFormatException {
      String v = cell(column);
      if (v.isBlank()) {
        throw fail(column, "empty cell; the " + column + " is required");
      }
      return v;
    }

    private static NoValue token(String v) {
      for (NoValue nv : NoValue.values()) {
        if (nv.token().equalsIgnoreCase(v)) {
          return nv;
        }
      }
      return null;
    }

    private ReportValue<String> text(String column) throws SourceFormatException {
      String v = required(column).strip();
      NoValue nv = token(v);
      return nv != null ? ReportValue.absent(nv) : ReportValue.of(v);
    }

    private ReportValue<Boolean> bool(String column) throws SourceFormatException {
      String v = required(column).strip();
      NoValue nv = token(v);
      if (nv != null) {
        return ReportValue.absent(nv);
      }
      if (v.equalsIgnoreCase("true")) {
        return ReportValue.of(Boolean.TRUE);
      }
      if (v.equalsIgnoreCase("false")) {
        return ReportValue.of(Boolean.FALSE);
      }
      throw fail(column, "expected true, false, N/A, no_information or not_supported; found " + PolicyDocuments.quote(v));
    }

    private ReportValue<Instant> time(String column) throws SourceFormatException {
      String v = required(column).strip();
      NoValue nv = token(v);
      if (nv != null) {
        return ReportValue.absent(nv);
      }
      try {
        return ReportValue.of(Json.parseTime(v));
      } catch (DateTimeParseException e) {
        throw fail(column, "unparseable date " + PolicyDocuments.quote(v)
            + "; expected ISO-8601 with an offset (2024-03-01T10:00:00+00:00), N/A, no_information or not_supported");
      }
    }
  }

  /** One CSV record: its cells, its 1-based row number (the header is row 1) and the line it starts on. */
  record Record(int row, int line, List<String> cells) {}

  /** RFC 4180 CSV: quoted cells with "" escapes; lines end with LF or CRLF; blank lines are skipped. */
  static final class Csv {
    private Csv() {}

    static List<Record> parse(String file, String text) throws SourceFormatException {
      List<Record> records = new ArrayList<>();
      int i = 0;
      int line = 1;
      int n = text.length();
      while (i < n) {
        // blank line
        if (text.charAt(i) == '\n') {
          i++;
          line++;
          continue;
        }
        if (text.startsWith("\r\n", i)) {
          i += 2;
          line++;
          continue;
        }
        int startLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int col = 1;
        boolean endOfRecord = false;
        while (!endOfRecord) {
          if (i < n && text.charAt(i) == '"') {
            int quoteLine = line;
            int quoteCol = col;
            i++;
            while (true) {
              if (i >= n) {
                throw new SourceFormatException(new SourceProblem(file,
                    "row " + (records.size() + 1) + " (line " + quoteLine + "), column " + quoteCol,
                    "unterminated quoted cell"));
              }
              char c = text.charAt(i);
              if (c == '"') {
                if (i + 1 < n && text.charAt(i + 1) == '"') {
                  cell.append('"');
                  i += 2;
                  continue;
                }
                i++;
                break;
              }
              if (c == '\n') {
                line++;
              }
              cell.append(c);
              i++;
            }
            if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && !text.startsWith("\r\n", i)) {
              throw new SourceFormatException(new SourceProblem(file,
                  "row " + (records.size() + 1) + " (line " + line + "), column " + col,
                  "unexpected character " + PolicyDocuments.quote(String.valueOf(text.charAt(i))) + " after a closing quote"));
            }
          } else {
            while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && !text.startsWith("\r\n", i)) {
              cell.append(text.charAt(i));
              i++;
            }
          }
          cells.add(cell.toString());
          cell.setLength(0);
          if (i < n && text.charAt(i) == ',') {
            i++;
            col++;
          } else {
            endOfRecord = true;
            if (i < n) {
              i += text.charAt(i) == '\n' ? 1 : 2;
              line++;
            }
          }
        }
        records.add(new Record(records.size() + 1, startLine, List.copyOf(cells)));
      }
      return records;
    }
  }
}
