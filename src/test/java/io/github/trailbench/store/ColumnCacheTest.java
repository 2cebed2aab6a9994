package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.query.FilterParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column cache is derived data: used only when it matches the database, ignored otherwise. */
class ColumnCacheTest {
  @TempDir Path tmp;
  long threshold;

  @BeforeEach
  void cacheEveryCase() {
    threshold = EventQueries.cacheMinEvents;
    EventQueries.cacheMinEvents = 0;
  }

  @AfterEach
  void restore() {
    EventQueries.cacheMinEvents = threshold;
  }

  private static void load(CaseStore s) throws InterruptedException {
    s.queries().columns();
    s.queries().awaitCacheWrite();
  }

  private static long count(CaseStore s, String filter) throws Exception {
    return s.queries().count(FilterParser.parse(filter));
  }

  @Test
  void aCaseReopensFromItsCacheWithTheSameAnswers() throws Exception {
    Path dir = tmp.resolve("case");
    long all;
    long alice;
    String raw;
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      load(s);
      assertThat(s.queries().loadedFromCache).isFalse();
      all = count(s, "");
      alice = count(s, "principal:*alice");
      raw = s.queries().rawJsonByEventId("11111111-0000-0000-0000-000000000002").orElseThrow();
    }
    assertThat(dir.resolve(ColumnCache.FILE)).exists();
    try (CaseStore s = CaseStore.open(dir)) {
      load(s);
      assertThat(s.queries().loadedFromCache).isTrue();
      assertThat(count(s, "")).isEqualTo(all).isEqualTo(3);
      assertThat(count(s, "principal:*alice")).isEqualTo(alice).isEqualTo(2);
      assertThat(s.queries().rawJsonByEventId("11111111-0000-0000-0000-000000000002")).contains(raw);
    }
  }

  @Test
  void aCacheOlderThanTheCaseIsIgnored() throws Exception {
    Path dir = tmp.resolve("case");
    Path old = tmp.resolve("old.cache");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      load(s);
    }
    Files.copy(dir.resolve(ColumnCache.FILE), old);
    try (CaseStore s = CaseStore.open(dir)) {
      Path more = tmp.resolve("more");
      Fixtures.s3File(more, "111122223333", "us-east-1", "m", Fixtures.records("m", 4));
      CaseStoreTest.importInto(s, more);
      load(s);
      assertThat(count(s, "")).isEqualTo(7);
    }
    // put the cache of 3 events back beside the case of 7
    Files.copy(old, dir.resolve(ColumnCache.FILE), StandardCopyOption.REPLACE_EXISTING);
    try (CaseStore s = CaseStore.open(dir)) {
      load(s);
      assertThat(s.queries().loadedFromCache).isFalse();
      assertThat(count(s, "")).isEqualTo(7);
    }
  }

  @Test
  void aDamagedCacheIsIgnoredAndRewritten() throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      load(s);
    }
    Path cache = dir.resolve(ColumnCache.FILE);
    byte[] whole = Files.readAllBytes(cache);
    Files.write(cache, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (CaseStore s = CaseStore.open(dir)) {
      load(s);
      assertThat(s.queries().loadedFromCache).isFalse();
      assertThat(count(s, "principal:*alice")).isEqualTo(2);
    }
    assertThat(Files.readAllBytes(cache)).isEqualTo(whole);
  }
}
