package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command that fails while running says so in one line and exits 1, whatever failed. */
class CliFailureTest {
  @TempDir Path tmp;

  /** Each command that opens a case, with the arguments it needs besides --case. */
  static Stream<List<String>> caseCommands() {
    return Stream.of(
        List.of("events"),
        List.of("findings"),
        List.of("report", "--out", "OUT/r.pdf"),
        List.of("report", "--out", "OUT/r.csv"),
        List.of("explain", "--event", "e-1"),
        List.of("enrich"),
        List.of("graph", "--escalations"),
        List.of("verify"),
        List.of("least-privilege", "--principal", "arn:aws:iam::111122223333:user/alice"),
        List.of("overview", Fixtures.resource("slice/overview.jsonl").toString()),
        List.of("import", Fixtures.resource("cloudtrail/records.json").toString()));
  }

  private Path importedCase() {
    Path dir = tmp.resolve("case");
    CliTest.Run r = CliTest.run("import", "--case", dir.toString(), Fixtures.resource("cloudtrail/records.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return dir;
  }

  private CliTest.Run runOn(Path caseDir, List<String> command) {
    Stream<String> args = Stream.concat(Stream.of(command.get(0), "--case", caseDir.toString()),
        command.stream().skip(1).map(a -> a.replace("OUT", tmp.toString())));
    return CliTest.run(args.toArray(String[]::new));
  }

  private static void assertOneLineExitOne(CliTest.Run r, String expected) {
    assertThat(r.exit()).as(r.err()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).startsWith("trailbench: ").contains(expected).doesNotContain("\tat ", "Exception");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("caseCommands")
  void aDamagedCaseIsOneLineAndExitOne(List<String> command) throws Exception {
    Path dir = importedCase();
    Path db = dir.resolve("case.mv.db");
    byte[] bytes = Files.readAllBytes(db);
    for (int i = 0; i < bytes.length; i += 97) {
      bytes[i] ^= 0x5a;
    }
    Files.write(db, bytes);
    // the case recorded what it held (case.manifest), so an unreadable database is damage, not an empty case
    assertOneLineExitOne(runOn(dir, command), "case damaged: the database cannot be read");
  }

  @ParameterizedTest
  @MethodSource("caseCommands")
  void aCaseInUseByAnotherProcessIsOneLineAndExitOne(List<String> command) throws Exception {
    Path dir = importedCase();
    // another process holding the case: H2 finds the database file locked
    try (FileChannel ch = FileChannel.open(dir.resolve("case.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      assertOneLineExitOne(runOn(dir, command), "in use");
    }
  }

  @Test
  void reportIntoAFolderThatDoesNotExistIsOneLineAndExitOne() {
    Path dir = importedCase();
    CliTest.Run r = CliTest.run("report", "--case", dir.toString(), "--out", tmp.resolve("nonexistent/x.pdf").toString());
    assertOneLineExitOne(r, "nonexistent");
  }

  @Test
  void simulateOnAFolderIsOneLineAndExitOne() {
    CliTest.Run r = CliTest.run("simulate", tmp.toString());
    assertOneLineExitOne(r, tmp.toString());
  }

  @Test
  void anUnexpectedFailureIsOneLineNamingIt() {
    assertThat(TrailbenchCommand.failure(new IllegalStateException("boom\n\tat x.y")))
        .isEqualTo("internal error, please report it: java.lang.IllegalStateException: boom");
  }

  @Test
  void runningOutOfMemoryIsOneLineSayingHowMuchTheRunMayUseAndHowToGiveMore() {
    String line = TrailbenchCommand.failure(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space")));
    assertThat(line).startsWith("Java ran out of memory (this run may use at most "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)").contains("TRAILBENCH_JAVA_OPTS").doesNotContain("\n");
    assertThat(TrailbenchCommand.failure(new java.sql.SQLException("Out of memory.", "HY000", 90108)))
        .as("H2's code for it").startsWith("Java ran out of memory");
  }
}
