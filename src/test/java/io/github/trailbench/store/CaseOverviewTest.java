package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseOverviewTest {
  static final String HEADER = "{\"trailbench\":\"slice-overview/v1\",\"input\":\"s3a://t/\",\"filter\":\"\"}\n";
  static final String LINE = "{\"day\":\"2026-10-01\",\"account\":\"111122223333\",\"principal\":\"arn:aws:iam::111122223333:user/bob\","
      + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"errorCode\":null,\"count\":COUNT}\n";

  @TempDir Path dir;

  @Test
  void aKeptOverviewIsReadBackAndABadOneNeitherReplacesItNorIsKept() throws Exception {
    Path caseDir = dir.resolve("case");
    Path good = Files.writeString(dir.resolve("overview.jsonl"), HEADER + LINE.replace("COUNT", "12"));
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), HEADER + LINE.replace("COUNT", "12") + LINE.replace("COUNT", "-1"));
    try (CaseStore store = CaseStore.open(caseDir)) {
      assertThat(CaseOverview.read(caseDir)).isEmpty();

      assertThat(CaseOverview.keep(store, good).events()).isEqualTo(12);
      assertThatThrownBy(() -> CaseOverview.keep(store, bad))
          .isInstanceOf(StoreException.class)
          .hasMessage(bad + " at line 3: \"count\" must be a whole number of 0 or more");
      assertThatThrownBy(() -> CaseOverview.keep(store, dir.resolve("absent.jsonl")))
          .hasMessage(dir.resolve("absent.jsonl") + ": no such file");
    }
    assertThat(CaseOverview.read(caseDir)).get().satisfies(o -> assertThat(o.events()).isEqualTo(12));
  }

  @Test
  void aDamagedKeptOverviewIsAnErrorNamingItsLineNotAnEmptyOverview() throws Exception {
    Path caseDir = Files.createDirectories(dir.resolve("case"));
    Files.writeString(caseDir.resolve(CaseOverview.FILE_NAME), HEADER + "{\"day\":");
    assertThatThrownBy(() -> CaseOverview.read(caseDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(CaseOverview.FILE_NAME + " at line 2: not JSON");
  }
}
