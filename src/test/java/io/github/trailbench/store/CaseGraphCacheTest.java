package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseGraphCacheTest {
  @TempDir Path tmp;

  private final AtomicInteger builds = new AtomicInteger();

  private Callable<PrincipalGraph> builder(String label) {
    return () -> {
      builds.incrementAndGet();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("policies", "AdministratorAccess");
      details.put("activity", "12 events");
      return new PrincipalGraph(
          List.of(new GraphNode("arn:aws:iam::111122223333:user/alice", NodeKind.USER, label, details),
              new GraphNode("arn:aws:iam::111122223333:role/Admin", NodeKind.ROLE, "Admin", Map.of())),
          List.of(new GraphEdge("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/Admin",
              EdgeKind.CAN_ASSUME, "can assume", List.of("trust: Allow sts:AssumeRole"))));
    };
  }

  /** Rule: the kept graph is used, identical, while the case and the other inputs are unchanged. */
  @Test
  void aKeptGraphIsReadBackWholeInsteadOfBuiltAgain() throws Exception {
    Path dir = tmp.resolve("c");
    PrincipalGraph first;
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      first = CaseGraphCache.getOrBuild(s, "notes 1", builder("alice"));
    }
    assertThat(dir.resolve(CaseGraphCache.FILE)).isRegularFile();
    try (CaseStore s = CaseStore.open(dir)) {
      PrincipalGraph again = CaseGraphCache.getOrBuild(s, "notes 1", builder("built again"));
      assertThat(again).isEqualTo(first);
      assertThat(again.nodes().get(0).details().keySet()).containsExactly("policies", "activity");
      assertThat(builds).hasValue(1);
    }
  }

  private CaseStore caseWithEvents() {
    CaseStore s = CaseStore.open(tmp.resolve("c"));
    CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
    return s;
  }

  @Test
  void anImportOrOtherInputsMakeItBuiltAgain() throws Exception {
    try (CaseStore s = caseWithEvents()) {
      CaseGraphCache.getOrBuild(s, "notes 1", builder("one"));
      assertThat(CaseGraphCache.getOrBuild(s, "notes 2", builder("two")).nodes().get(0).label()).isEqualTo("two");
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/event-array.json"));
      assertThat(CaseGraphCache.getOrBuild(s, "notes 2", builder("three")).nodes().get(0).label()).isEqualTo("three");
      assertThat(builds).hasValue(3);
    }
  }

  @Test
  void aDamagedFileIsIgnoredAndWrittenAgain() throws Exception {
    try (CaseStore s = caseWithEvents()) {
      CaseGraphCache.getOrBuild(s, "n", builder("one"));
      s.awaitBackgroundWrites();
      Path file = tmp.resolve("c").resolve(CaseGraphCache.FILE);
      byte[] whole = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
      assertThat(CaseGraphCache.getOrBuild(s, "n", builder("two")).nodes().get(0).label()).isEqualTo("two");
      s.awaitBackgroundWrites();
      assertThat(new String(DerivedFilesTest.payload(file), java.nio.charset.StandardCharsets.UTF_8)).contains("\"two\"");
    }
  }

  /** Rule: the graph is returned before its file is written, and the case writes the file before it closes. */
  @Test
  void aNewGraphIsReturnedFirstAndKeptBeforeTheCaseCloses() throws Exception {
    Path dir = tmp.resolve("c");
    java.util.concurrent.CountDownLatch returned = new java.util.concurrent.CountDownLatch(1);
    try (CaseStore s = caseWithEvents()) {
      s.writeInBackground(() -> {
        try {
          returned.await(); // holds the writes queued after it until the graph has been returned
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      PrincipalGraph g = CaseGraphCache.getOrBuild(s, "n", builder("one"));
      assertThat(g.nodes().get(0).label()).isEqualTo("one");
      assertThat(dir.resolve(CaseGraphCache.FILE)).as("not written yet").doesNotExist();
      returned.countDown();
    }
    assertThat(dir.resolve(CaseGraphCache.FILE)).isRegularFile();
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseGraphCache.getOrBuild(s, "n", builder("two")).nodes().get(0).label()).isEqualTo("one");
    }
  }
}
