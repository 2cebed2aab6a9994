package io.github.trailbench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.store.CaseEvents;
import io.github.trailbench.store.CaseIam;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.ImportListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision-tree view opened on a logged event decides as `explain` and the replay verdicts do:
 * the same requests (each action on the resource AWS checks it on), the session's policies, the
 * context the log and the case give, keys the log cannot carry unknown. Every event of the bundled
 * sample and a short-term root session are compared action by action.
 */
class DecisionViewParityTest {
  @TempDir Path tmp;

  /** Per event and action, the least allowed decision over its requests: what the view shows first. */
  private static String worst(String a, String b) {
    List<String> order = List.of("Allowed", "Undetermined", "ImplicitDeny", "ExplicitDeny");
    return a == null || order.indexOf(b) > order.indexOf(a) ? b : a;
  }

  private Map<String, String> replayDecisions(Path dir) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (CaseStore s = CaseStore.open(dir)) {
      IamSnapshot iam = CaseIam.snapshot(s);
      Explainer explainer = io.github.trailbench.store.CaseExplainers.forCase(s, iam);
      List<CloudTrailEvent> events = new ArrayList<>();
      CaseEvents.forEach(s, new Expr.All(), events::add, p -> {});
      for (CloudTrailEvent e : events) {
        for (var x : explainer.explain(e)) {
          out.merge(e.eventId() + " " + x.action(), x.result().decision().json(), DecisionViewParityTest::worst);
        }
      }
    }
    return out;
  }

  private static Map<String, String> viewDecisions(Path dir, List<String> eventIds) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    StoreCaseWorkspace w = new StoreCaseWorkspace();
    try {
      w.open(dir);
      for (String id : eventIds) {
        EventRow row = new EventRow(id, null, null, null, null, null, null, null, null, null, null, null, List.of());
        for (DecisionRequest r : w.requestsOf(row)) {
          out.merge(id + " " + r.action(), w.decisions().evaluate(r).decision(), DecisionViewParityTest::worst);
        }
      }
    } finally {
      w.close();
    }
    return out;
  }

  private void assertParity(List<Path> inputs) throws Exception {
    Path dir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(dir)) {
      s.importer(DefaultEventFacts.deriver()).importPaths(inputs, ImportListener.NONE);
    }
    Map<String, String> replay = replayDecisions(dir);
    List<String> ids = replay.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).distinct().toList();
    assertThat(replay).isNotEmpty();
    assertThat(viewDecisions(dir, ids)).isEqualTo(replay);
  }

  @Test
  void everySampleEventIsDecidedInTheViewAsTheReplayDecidesIt() throws Exception {
    assertParity(List.of(Path.of("samples/case")));
  }

  /**
   * A root session is limited by its task policy; without the AssumeRoot call that policy is unknown and the
   * replay undetermined. The view said "the root user has full permissions": it applied no session policy.
   */
  @Test
  void aShortTermRootSessionIsDecidedWithItsTaskPolicyInTheView() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    var all = m.readTree(Path.of("src/test/resources/fixtures/cloudtrail/assume-root/both-accounts.json").toFile());
    Path member = tmp.resolve("member.json");
    java.nio.file.Files.writeString(member, m.createObjectNode()
        .set("Records", m.createArrayNode().add(all.get("Records").get(1))).toString());
    assertParity(List.of(member));
    assertThat(replayDecisions(tmp.resolve("case"))).containsValue("Undetermined");
  }
}
