package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session whose issuing AssumeRole logged an expiration in no form the product reads ("in one hour"): whether a
 * later call came before the credentials expired is unknown, so `explain` must not agree with it, and it may agree
 * with a call within the shortest session STS issues (15 minutes, STS API Reference, AssumeRole DurationSeconds).
 */
class UnreadExpirationTest {
  @TempDir static Path caseDir;

  @BeforeAll
  static void importCase() {
    ExplainedEvents.importInto(caseDir, Path.of("src/test/resources/fixtures/stslimits"), "iam.json");
    ExplainedEvents.importInto(caseDir, Path.of("src/test/resources/fixtures"), "unread-expiration");
  }

  @Test
  void aCallLaterThanTheShortestSessionIsUndeterminedOnTheExpiration() throws Exception {
    JsonNode later = ExplainedEvents.only(caseDir, "unread-s3-later");
    assertThat(later.path("verdict").asText()).as(ExplainedEvents.why(later)).isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(later)).contains(io.github.trailbench.core.correlate.Explainer.UNREAD_EXPIRATION);
    assertThat(ExplainedEvents.why(later)).contains("in one hour");
  }

  @Test
  void aCallWithinTheShortestSessionAgrees() throws Exception {
    JsonNode within = ExplainedEvents.only(caseDir, "unread-s3-within-shortest");
    assertThat(within.path("verdict").asText()).as(ExplainedEvents.why(within)).isEqualTo("agrees");
  }
}
