package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slice of a generated organization trail against the desktop app: the same filter over the
 * same tree gives the same events, raw records byte for byte.
 */
class SliceJobTest {
  static final int EVENTS = 6000;
  @TempDir static Path dir;
  static Path trail;
  static Path caseDir;
  /** eventID → the record exactly as the generated files hold it. */
  static final Map<String, String> SOURCE_RECORDS = new HashMap<>();
  static List<Path> sourceFiles;
  static int runs;

  @BeforeAll
  static void generateAndImport() throws Exception {
    trail = Trails.generate(dir, EVENTS);
    caseDir = dir.resolve("case");
    Trails.trailbench("import", "--case", caseDir.toString(), "--no-coverage", trail.toString());
    try (Stream<Path> s = Files.walk(trail)) {
      sourceFiles = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : sourceFiles) {
      indexRecords(Trails.inflate(f));
    }
    assertThat(SOURCE_RECORDS).hasSize(EVENTS);
  }

  /**
   * Cuts {"Records":[…]} at the top-level commas by counting braces outside strings: an index of
   * the source's bytes written for the test, independent of the job's own splitter.
   */
  private static void indexRecords(String doc) {
    int start = doc.indexOf('[') + 1;
    int depth = 0;
    boolean inString = false;
    int from = -1;
    for (int i = start; i < doc.length(); i++) {
      char c = doc.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (depth++ == 0) {
          from = i;
        }
      } else if (c == '}') {
        if (--depth == 0) {
          String rec = doc.substring(from, i + 1);
          SOURCE_RECORDS.put(Trails.eventId(rec), rec);
        }
      }
    }
  }

  static Manifest slice(String filter, Path out) throws Exception {
    return SliceJob.run(Trails.spark(), trail.toString(), filter, out.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "principal:ci-deploy AND time>=2026-10-10",
    "error:* OR eventName:StopLogging",
    "alice AND NOT readOnly:true",
    "userAgent:*terraform* OR (eventSource:iam.amazonaws.com AND NOT eventName:List*)",
    "identityType:AWSService OR (region:eu-west-1 AND time>=2026-10-05T06:00Z AND time<2026-10-06)",
    "eventType:AwsConsoleSignIn OR (eventType:AwsServiceEvent AND NOT eventName:*Key*)"
  })
  void sliceHoldsExactlyTheEventsTrailbenchEventsFilterFindsRawRecordsByteIdentical(String filter) throws Exception {
    Path out = dir.resolve("out-" + runs++);
    Manifest m = slice(filter, out);

    List<String> lines = Trails.gzipLines(out.resolve(Manifest.SLICE_FOLDER));
    List<String> ids = lines.stream().map(Trails::eventId).toList();
    List<String> expected = Trails.eventIds(caseDir, filter);
    assertThat(expected).as("a filter that tests something").isNotEmpty().hasSizeLessThan(EVENTS);
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    for (String line : lines) {
      String source = SOURCE_RECORDS.get(Trails.eventId(line));
      assertThat(line.getBytes(StandardCharsets.UTF_8)).isEqualTo(source.getBytes(StandardCharsets.UTF_8));
    }
    if (FolderScope.of(SliceFilter.parse(filter)).prunes()) {
      assertThat(m.counts().records()).isLessThan(EVENTS);
    } else {
      assertThat(m.counts().records()).isEqualTo(EVENTS);
    }
    assertThat(m.counts().matched()).isEqualTo(expected.size());
    assertThat(m.filter()).isEqualTo(filter);
    assertThat(m.problems()).isEmpty();
    assertThat(Files.readString(out.resolve(Manifest.FILE))).contains("\"matched\" : " + expected.size());
  }

  @Test
  void partitionPruningReadsOnlyTheAccountRegionAndDayFoldersTheFilterNeeds() throws Exception {
    Path orgDir = trail.resolve("AWSLogs/o-exampleorg1");
    String account;
    try (Stream<Path> s = Files.list(orgDir)) {
      account = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
    String filter = "account:" + account + " AND region:eu-west-1 AND time>=2026-10-05 AND time<2026-10-08";
    // the folders a reader must open: this account and region, the days with a day's slack
    long needed = sourceFiles.stream().filter(f -> {
      Path rel = orgDir.relativize(f);
      LocalDate day = LocalDate.of(Integer.parseInt(rel.getName(3).toString()),
          Integer.parseInt(rel.getName(4).toString()), Integer.parseInt(rel.getName(5).toString()));
      return rel.getName(0).toString().equals(account) && rel.getName(2).toString().equals("eu-west-1")
          && !day.isBefore(LocalDate.of(2026, 10, 4)) && !day.isAfter(LocalDate.of(2026, 10, 9));
    }).count();

    Path out = dir.resolve("out-pruned");
    Manifest m = slice(filter, out);

    assertThat(needed).isPositive();
    assertThat(m.pruning().filesRead()).isEqualTo(needed);
    assertThat(m.pruning().foldersPruned()).isPositive();
    assertThat(m.counts().records()).isLessThan(EVENTS / 10);
    List<String> ids = Trails.gzipLines(out.resolve(Manifest.SLICE_FOLDER)).stream().map(Trails::eventId).toList();
    assertThat(ids).isNotEmpty().containsExactlyInAnyOrderElementsOf(Trails.eventIds(caseDir, filter));
  }

  @Test
  void importReadsTheOutputFolderAsItIsRecordsTheManifestAndTheOverviewCountsEveryEventRead() throws Exception {
    String filter = "principal:*alice* OR ip:1*";
    Path out = dir.resolve("out-import");
    Manifest m = slice(filter, out);
    Path sliceCase = dir.resolve("slice-case");

    String imported = Trails.trailbench("import", "--case", sliceCase.toString(), "--no-coverage", "--verbose", out.toString());

    assertThat(imported).contains("manifest.json  [SLICE_MANIFEST]")
        .contains("slice manifest: " + m.counts().matched() + " of " + EVENTS + " events matched filter '" + filter + "'")
        .contains("overview.jsonl  [SLICE_OVERVIEW]");

    assertThat(Trails.eventIds(sliceCase, "")).containsExactlyInAnyOrderElementsOf(Trails.eventIds(caseDir, filter));
    // one slice file per account × region × day
    List<String> partitions = new ArrayList<>();
    for (String f : m.slice()) {
      partitions.add(Path.of(f).getParent().toString());
    }
    assertThat(partitions).doesNotHaveDuplicates().hasSize(m.slice().size());
    assertThat(m.slice()).allMatch(f -> f.startsWith("slice/account=") && f.endsWith(".gz"));
    List<String> overview = Files.readAllLines(out.resolve(Manifest.OVERVIEW));
    assertThat(Trails.JSON.readTree(overview.get(0)).get("trailbench").asText()).isEqualTo("slice-overview/v1");
    long total = 0;
    for (String line : overview.subList(1, overview.size())) {
      total += Trails.JSON.readTree(line).get("count").asLong();
    }
    assertThat(total).isEqualTo(EVENTS);
    assertThat(m.counts().overviewRows()).isEqualTo(overview.size() - 1);
  }
}
