package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.catalog.ActionCoverage;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample's story as linked sessions, and the catalog's coverage of it (samples/README.md). */
class SessionGraphSampleTest {
  static final String ATTACKER_SESSION_KEY = "ASIA6KIP2SZ5FMEY6CHT";
  static final String LEAKED_KEY = "AKIARFWHS3K5CEKMQEQK";
  static List<CloudTrailEvent> events;
  static SessionGraph graph;

  @BeforeAll
  static void read() throws Exception {
    events = SampleEvents.read();
    graph = new SessionGraphBuilder().addAll(events).build();
  }

  @Test
  void theAttackersAdminSessionChainsBackToTheLeakedCiKey() {
    SessionGraph.ChainRoot root = graph.rootOf(ATTACKER_SESSION_KEY);
    assertThat(root.identity()).isEqualTo("arn:aws:iam::111122223333:user/ci-deploy");
    assertThat(root.longTermKey()).isEqualTo(LEAKED_KEY);
    assertThat(root.complete()).isTrue();
  }

  @Test
  void everyEventsSessionIdIsItsAccessKey() {
    CloudTrailEvent stopLogging = events.stream().filter(e -> "df4199c7-7b89-4c87-8698-9cc5d75feab4".equals(e.eventId()))
        .findFirst().orElseThrow();
    assertThat(DefaultEventFacts.sessionId(stopLogging)).isEqualTo(ATTACKER_SESSION_KEY);
  }

  @Test
  void atLeast99PercentOfTheSamplesEventsMapToKnownActions() {
    ActionCoverage.Result r = ActionCoverage.of(events);
    assertThat(r.total()).isEqualTo(3238);
    assertThat(r.share()).isGreaterThanOrEqualTo(0.99);
  }
}
