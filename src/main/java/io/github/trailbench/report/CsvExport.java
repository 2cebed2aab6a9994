package io.github.trailbench.report;

import io.github.trailbench.core.findings.ContestedEvidence;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.io.WholeFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV exports of findings and of any table of rows (dialect: {@link CsvOptions}). Multi-valued
 * cells (principals, event ids) are joined with {@code "; "}.
 */
public final class CsvExport {
  /** Columns of {@link #writeFindings}. */
  public static final List<String> FINDING_COLUMNS = List.of("id", "rule", "title", "severity", "status",
      "summary", "principals", "accessKeys", "sessions", "eventCount", "eventIds", "firstEvent", "lastEvent",
      "createdAt", "description", "notes", "references", "pack", "detected");

  /**
   * Columns of {@link #writeEvidence}: one row per evidence event per finding. {@code findingEvents} is the
   * finding's event count, so fewer rows than it say its evidence was capped; {@code contested} names the
   * other copies of the event the case rejected (decision 135), empty when there is none.
   */
  public static final List<String> EVIDENCE_COLUMNS = List.of("findingId", "rule", "severity", "eventId",
      "account", "time", "eventSource", "eventName", "region", "principal", "accessKeyId", "sourceIp", "userAgent",
      "outcome", "resource", "findingEvents", "contested");

  private CsvExport() {}

  /** One row per finding, in the given order. Does not close {@code out}. */
  public static void writeFindings(List<Finding> findings, OutputStream out, CsvOptions options) throws IOException {
    writeFindings(findings, out, options, java.util.Set.of());
  }

  /**
   * One row per finding, in the given order; {@code detected} says "no longer detected" for the
   * findings of {@code noLongerDetected} (kept by the case, not raised by its last run), "yes" for
   * the others. Does not close {@code out}.
   */
  public static void writeFindings(List<Finding> findings, OutputStream out, CsvOptions options,
      java.util.Set<String> noLongerDetected) throws IOException {
    CsvWriter csv = CsvWriter.open(new NonClosing(out), FINDING_COLUMNS, options);
    for (Finding f : findings) {
      List<String> refs = new ArrayList<>(f.references());
      f.referencesToCase().forEach(r -> refs.add(r.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + r.id()
          + (r.label().equals(r.id()) ? "" : " (" + r.label() + ")")));
      csv.row(List.of(f.id(), f.ruleId(), f.title(), f.severity().code(), f.status().code(), f.summary(),
          String.join("; ", f.principals()), String.join("; ", f.accessKeys()),
          String.join("; ", f.sessions().stream().map(Evidence.Session::label).toList()),
          Long.toString(f.eventCount()), String.join("; ", f.eventIds()), time(f.firstEventTime()),
          time(f.lastEventTime()), time(f.createdAt()), f.description(), f.notes(), String.join("; ", refs), f.pack(),
          noLongerDetected.contains(f.id()) ? "no longer detected" : "yes"));
    }
    csv.flush();
  }

  /** One row per evidence event of each finding. Does not close {@code out}. */
  public static void writeEvidence(List<Finding> findings, OutputStream out, CsvOptions options) throws IOException {
    writeEvidence(findings, out, options, ContestedEvidence.NONE);
  }

  /** As {@link #writeEvidence(List, OutputStream, CsvOptions)}, naming the other copies {@code contested} holds. */
  public static void writeEvidence(List<Finding> findings, OutputStream out, CsvOptions options, ContestedEvidence contested)
      throws IOException {
    CsvWriter csv = CsvWriter.open(new NonClosing(out), EVIDENCE_COLUMNS, options);
    for (Finding f : findings) {
      for (Evidence.Event e : f.events()) {
        csv.row(List.of(f.id(), f.ruleId(), f.severity().code(), e.eventId(), nz(e.accountId()), time(e.time()),
            nz(e.eventSource()), nz(e.eventName()), nz(e.region()), nz(e.principal()), nz(e.accessKeyId()),
            nz(e.sourceIp()), nz(e.userAgent()), nz(e.outcome()), nz(e.resource()),
            Long.toString(Math.max(f.eventCount(), f.events().size())),
            String.join("; ", contested.of(e.eventId(), nz(e.accountId())).stream().map(ContestedEvidence.Copy::describe).toList())));
      }
    }
    csv.flush();
  }

  /** Any table: a header and rows of strings (null cells are empty). Does not close {@code out}. */
  public static void writeRows(List<String> header, Iterable<? extends List<String>> rows, OutputStream out,
      CsvOptions options) throws IOException {
    CsvWriter csv = CsvWriter.open(new NonClosing(out), header, options);
    for (List<String> row : rows) {
      csv.row(row);
    }
    csv.flush();
  }

  /** Findings to a file (created or replaced whole: a failed write leaves the previous file). */
  public static void writeFindings(List<Finding> findings, Path file, CsvOptions options) throws IOException {
    writeFindings(findings, file, options, java.util.Set.of());
  }

  /** As {@link #writeFindings(List, OutputStream, CsvOptions, java.util.Set)}, to a file (created or replaced whole). */
  public static void writeFindings(List<Finding> findings, Path file, CsvOptions options, java.util.Set<String> noLongerDetected)
      throws IOException {
    WholeFile.write(file, out -> writeFindings(findings, out, options, noLongerDetected));
  }

  /** Evidence rows to a file (created or replaced whole: a failed write leaves the previous file). */
  public static void writeEvidence(List<Finding> findings, Path file, CsvOptions options) throws IOException {
    writeEvidence(findings, file, options, ContestedEvidence.NONE);
  }

  /** As {@link #writeEvidence(List, OutputStream, CsvOptions, ContestedEvidence)}, to a file (created or replaced whole). */
  public static void writeEvidence(List<Finding> findings, Path file, CsvOptions options, ContestedEvidence contested)
      throws IOException {
    WholeFile.write(file, out -> writeEvidence(findings, out, options, contested));
  }

  private static String time(Instant t) {
    return t == null ? "" : t.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Lets the CSV writer flush its buffer without closing the caller's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
