package io.github.trailbench.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.EventQueries;
import io.github.trailbench.store.EventRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The events of a case matching a filter, in time order, as CSV (formula-safe cells, CRLF) or as
 * JSON lines (one object per event). {@code trailbench events --format csv|json} and the
 * timeline's "Export…" both write through here, so both files have the same columns and fields.
 */
public final class EventExport {
  /** The two export formats. */
  public enum Format {
    CSV, JSON_LINES;

    /** The format a file name asks for by its extension ({@code .csv}, {@code .jsonl}), if any. */
    public static Optional<Format> ofFileName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return n.endsWith(".csv") ? Optional.of(CSV) : n.endsWith(".jsonl") ? Optional.of(JSON_LINES) : Optional.empty();
    }
  }

  /** Columns of the CSV, in order. */
  public static final List<String> CSV_COLUMNS = List.of("eventTime", "eventId", "accountId", "eventSource", "eventName",
      "awsRegion", "principalArn", "accessKeyId", "sessionId", "sourceIp", "userAgent", "errorCode", "readOnly",
      "identityType", "actions", "resources");

  private static final JsonFactory JSON = new JsonFactory();

  private EventExport() {}

  /**
   * Writes the events matching {@code filter} in time order, at most {@code max} ({@code -1}: all),
   * and returns how many. Does not close {@code out}.
   */
  public static long write(EventQueries q, Expr filter, long max, Format format, Writer out) throws IOException {
    long[] n = {0};
    try {
      if (format == Format.CSV) {
        out.write(String.join(",", CSV_COLUMNS) + "\r\n");
      }
      q.scan(filter, EventQueries.Sort.TIME_ASC, 0, max, r -> {
        try {
          if (format == Format.CSV) {
            csvRow(r, out);
          } else {
            jsonLine(r, out);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        n[0]++;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return n[0];
  }

  private static void csvRow(EventRow r, Writer out) throws IOException {
    List<String> cells = List.of(r.eventTime().toString(), r.eventId(), r.accountId(), s(r.eventSource()),
        s(r.eventName()), s(r.awsRegion()), s(r.principalArn()), s(r.accessKeyId()), s(r.sessionId()),
        s(r.sourceIp()), s(r.userAgent()), s(r.errorCode()), r.readOnly() == null ? "" : r.readOnly().toString(),
        s(r.identityType()), String.join(" ", r.actions()), String.join("\n", r.resources()));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(CsvWriter.safeCell(cells.get(i)));
    }
    out.write(sb.append("\r\n").toString());
  }

  private static void jsonLine(EventRow r, Writer out) throws IOException {
    JsonGenerator g = JSON.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeStringField("eventId", r.eventId());
    g.writeStringField("eventTime", r.eventTime().toString());
    g.writeStringField("eventSource", r.eventSource());
    g.writeStringField("eventName", r.eventName());
    g.writeStringField("awsRegion", r.awsRegion());
    g.writeStringField("principalArn", r.principalArn());
    g.writeStringField("accessKeyId", r.accessKeyId());
    g.writeStringField("sessionId", r.sessionId());
    g.writeStringField("sourceIp", r.sourceIp());
    g.writeStringField("errorCode", r.errorCode());
    g.writeArrayFieldStart("actions");
    for (String a : r.actions()) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeStringField("accountId", r.accountId().isEmpty() ? null : r.accountId());
    g.writeStringField("userAgent", r.userAgent());
    if (r.readOnly() == null) {
      g.writeNullField("readOnly");
    } else {
      g.writeBooleanField("readOnly", r.readOnly());
    }
    g.writeStringField("identityType", r.identityType());
    g.writeArrayFieldStart("resources");
    for (String a : r.resources()) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
  }

  private static String s(String v) {
    return v == null ? "" : v;
  }
}
