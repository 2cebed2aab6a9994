package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several huge records in one import run, in a JVM whose heap is smaller than any one of them:
 * each is refused while it streams, its neighbours are kept, and the case lists them afterwards.
 * Issue #18 saw three files with a 200 MB string each fail together at {@code -Xmx256m} while
 * each alone worked; here three 140 MiB strings (a {@code Records} file, a gzip one and a
 * JSON-lines file) run at {@code -Xmx256m}, where the import lets two parsers hold one at once:
 * each string alone, as Java characters, is 280 MiB. (At {@code -Xmx144m} with two parsers H2
 * once ran out of memory storing a file's content; the import now sizes its parsers to the heap.)
 * In a heap too small for even one such record the import says Java ran out of memory, keeps the
 * case whole, and neither hangs nor prints a stack trace.
 */
class HugeRecordsInOneRunTest {
  static final int HUGE_MIB = 140;

  @TempDir Path tmp;

  @Test
  void threeFilesEachWithAStringLargerThanTheHeapImportTheirOtherRecordsAndReject() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    writeHuge(data.resolve("a.json"), false, false, 0);
    writeHuge(data.resolve("b.json.gz"), true, false, 1);
    writeHuge(data.resolve("c.jsonl"), false, true, 2);
    Path caseDir = tmp.resolve("case");

    Result imported = run(256, "import", "--case", caseDir.toString(), data.toString());
    assertThat(imported.exit).as(imported.output).isZero();
    assertThat(imported.output).doesNotContain("OutOfMemoryError").doesNotContain("heap space")
        .contains("9 records read, 6 added, 0 duplicates, 3 rejected");
    assertThat(imported.output.lines().filter(l -> l.contains("over the per-record limit") || l.contains("longer than the per-record limit")))
        .hasSize(3);

    Result listed = run(256, "events", "--case", caseDir.toString(), "--limit", "20");
    assertThat(listed.exit).as(listed.output).isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(listed.output).contains("before-" + i).contains("after-" + i).doesNotContain("huge-" + i);
    }
    Result verified = run(256, "verify", "--case", caseDir.toString());
    assertThat(verified.exit).as(verified.output).isZero();
    assertThat(verified.output).contains("whole: 6 events from 3 files");
  }

  @Test
  void aHeapTooSmallForOneHugeRecordEndsTheImportWithAClearErrorAndAWholeCase() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    writeHuge(data.resolve("a.json"), false, false, 0);
    Files.writeString(data.resolve("b.json"), "{\"Records\":[" + record("small-1", 50) + "]}");
    Path caseDir = tmp.resolve("case");

    Result imported = run(64, "import", "--case", caseDir.toString(), data.toString());
    // where the heap runs out (a parser, or H2 storing a file) varies; what the analyst reads does not
    assertThat(imported.exit).as(imported.output).isEqualTo(1);
    assertThat(imported.output).contains("Java ran out of memory (this run may use at most")
        .contains("TRAILBENCH_JAVA_OPTS").doesNotContain("Exception in thread").doesNotContain("\tat ");

    Result verified = run(256, "verify", "--case", caseDir.toString());
    assertThat(verified.exit).as(verified.output).isZero();
    assertThat(verified.output).contains("whole: ").doesNotContain("huge-0");
  }

  private static String record(String id, int second) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
        + "\"eventTime\":\"2026-10-01T00:00:" + String.format("%02d", second) + "Z\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.1\",\"userAgent\":\"test\","
        + "\"eventID\":\"" + id + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  }

  private static void writeHuge(Path file, boolean gzip, boolean jsonLines, int n) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
      String before = record("before-" + n, n * 10);
      String huge = record("huge-" + n, n * 10 + 1);
      int cut = huge.indexOf("\"eventName\":\"") + "\"eventName\":\"".length();
      String after = record("after-" + n, n * 10 + 2);
      out.write(((jsonLines ? before + "\n" : "{\"Records\":[" + before + ",") + huge.substring(0, cut)).getBytes(StandardCharsets.UTF_8));
      byte[] block = "b".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < HUGE_MIB; i++) {
        out.write(block);
      }
      out.write((huge.substring(cut + "GetObject".length()) + (jsonLines ? "\n" + after + "\n" : "," + after + "]}"))
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Result(int exit, String output) {}

  private Result run(int heapMib, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heapMib + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.github.trailbench.Launcher"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "child", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
    return new Result(p.exitValue(), Files.readString(log));
  }
}
