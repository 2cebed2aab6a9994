package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseSessionLinksTest {
  @TempDir Path tmp;

  private static final Path CHAIN = Path.of("src/test/resources/fixtures/timeline/role-chain.json");

  @Test
  void eachIssuedKeyIsLinkedToTheSessionWhoseCallIssuedIt() {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, CHAIN);
      assertThat(CaseSessionLinks.parents(s)).containsExactlyInAnyOrderEntriesOf(Map.of(
          "ASIADEV0000000000001", "AKIAALICE00000000001",
          "ASIAADMIN00000000001", "ASIADEV0000000000001"));
      assertThat(tmp.resolve("c").resolve(CaseSessionLinks.FILE)).isRegularFile();
    }
  }

  /** A case of the role chain whose links have been asked for once; returns the links file. */
  private Path caseWithKeptLinks(Path dir) {
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, CHAIN);
      CaseSessionLinks.parents(s);
    }
    return dir.resolve(CaseSessionLinks.FILE);
  }

  /** Rule: the kept links are read instead of the issuing calls while the event blocks are unchanged. */
  @Test
  void theKeptLinksAreReadUntilAnImportChangesTheCase() throws Exception {
    Path dir = tmp.resolve("c");
    Path file = caseWithKeptLinks(dir);
    // a link no log holds, under the same stamp: only reading the file can return it
    List<String> lines = new java.util.ArrayList<>(links(file));
    lines.add(lines.size() - 1, "ASIAFAKE000000000001\tAKIAFAKE000000000001");
    DerivedFilesTest.rewrite(file, (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseSessionLinks.parents(s)).containsEntry("ASIAFAKE000000000001", "AKIAFAKE000000000001");
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(CaseSessionLinks.parents(s)).doesNotContainKey("ASIAFAKE000000000001")
          .containsEntry("ASIAADMIN00000000001", "ASIADEV0000000000001");
    }
  }

  @Test
  void anUnfinishedOrDamagedFileIsIgnoredAndWrittenAgain() throws Exception {
    Path dir = tmp.resolve("c");
    Path file = caseWithKeptLinks(dir);
    try (CaseStore s = CaseStore.open(dir)) {
      List<String> lines = links(file);
      // cut before the end line, with a bogus link: as if the writer had died mid-way
      Files.write(file, List.of(lines.get(0), "ASIAFAKE000000000001\tAKIAFAKE000000000001"));
      assertThat(CaseSessionLinks.parents(s)).doesNotContainKey("ASIAFAKE000000000001").hasSize(2);
      assertThat(links(file)).last().isEqualTo("end");
      Files.writeString(file, "not a links file\n");
      assertThat(CaseSessionLinks.parents(s)).hasSize(2);
    }
  }

  private static List<String> links(Path file) {
    return new String(DerivedFilesTest.payload(file), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
  }
}
