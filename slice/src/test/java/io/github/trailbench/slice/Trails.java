package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;

/** Test helpers: generated trails, the desktop CLI, a small local Spark, gzip files. */
final class Trails {
  static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  private Trails() {}

  /** One local[2] session for the whole test run (starting Spark is the slow part). */
  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("trailbench-slice-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return spark;
  }

  /** The shared generator's trail of {@code events} events, moved into an organization layout. */
  static Path generate(Path dir, int events) throws IOException, InterruptedException {
    String gen = System.getProperty("trailbench.generator");
    assertThat(gen).as("system property trailbench.generator").isNotNull();
    assertThat(Path.of(gen)).as("the shared generator (CI has shared/ beside the clone)").exists();
    Path raw = dir.resolve("generated");
    run(List.of("python3", gen, "--events", String.valueOf(events), "--out", raw.toString(), "--per-file", "200"));
    Path org = dir.resolve("trail/AWSLogs/o-exampleorg1");
    Files.createDirectories(org);
    try (Stream<Path> accounts = Files.list(raw.resolve("AWSLogs"))) {
      for (Path a : accounts.toList()) {
        Files.move(a, org.resolve(a.getFileName()));
      }
    }
    return dir.resolve("trail");
  }

  /** Runs the desktop app's CLI jar; its standard output, failing the test on a non-zero exit. */
  static String trailbench(String... args) throws IOException, InterruptedException {
    return run(desktopCommand(args));
  }

  /** The command line that runs the desktop app's CLI jar with {@code args}. */
  static List<String> desktopCommand(String... args) {
    String jar = System.getProperty("trailbench.jar");
    assertThat(jar).as("system property trailbench.jar").isNotNull();
    assertThat(Path.of(jar)).as("the desktop jar (.ci/run builds it before the slice job)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-jar", jar));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The event IDs {@code trailbench events --filter} lists. */
  static List<String> eventIds(Path caseDir, String filter) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (String line : trailbench("events", "--case", caseDir.toString(), "--filter", filter, "--format", "json").split("\n")) {
      if (!line.isBlank()) {
        ids.add(JSON.readTree(line).get("eventId").asText());
      }
    }
    return ids;
  }

  /** The lines of every gzip file under {@code dir} (hidden files skipped). */
  static List<String> gzipLines(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
        for (String l : inflate(f).split("\n")) {
          if (!l.isEmpty()) {
            lines.add(l);
          }
        }
      }
    }
    return lines;
  }

  static String inflate(Path f) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
      z.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static String eventId(String rawRecord) {
    try {
      JsonNode n = JSON.readTree(rawRecord);
      return n.get("eventID").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
