package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BatchGetSecretValue checks secretsmanager:GetSecretValue on each secret and lists a refused one in its response, so
 * the decision view steps through that check without comparing it with the call's logged outcome, as `explain` gives
 * it "no decision"; the call's own action is compared.
 */
class PerItemDecisionTest {
  static StoreCaseWorkspace workspace;

  @BeforeAll
  static void importCase() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("per-item"));
    workspace.importFiles(List.of(Path.of("src/test/resources/fixtures/secrets")), p -> {});
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  @Test
  void thePerSecretReadOfABatchIsNotComparedWithTheCallsOutcome() throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(
        new EventRow("sm-batch-ids", "111122223333", null, null, null, null, null, null, null, null, null, null, List.of()));
    assertThat(requests).extracting(DecisionRequest::action)
        .contains("secretsmanager:BatchGetSecretValue", "secretsmanager:GetSecretValue");
    requests.forEach(r -> assertThat(r.recorded()).as(r.action())
        .isEqualTo(r.action().equals("secretsmanager:GetSecretValue") ? null : "Allowed"));
  }
}
