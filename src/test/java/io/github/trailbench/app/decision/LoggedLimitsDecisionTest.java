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
 * The decision view decides a logged call as `explain` does: what its credentials cannot do
 * (StsLimitsAuditTest's cases), an expired key's calls, and a multivalued key known to hold the
 * logged service (ForwardAccessAuditTest's aws:CalledVia case).
 */
class LoggedLimitsDecisionTest {
  static StoreCaseWorkspace workspace;

  @BeforeAll
  static void importCases() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(Files.createTempDirectory("logged-limits"));
    workspace.importFiles(List.of(Path.of("src/test/resources/fixtures/stslimits"), Path.of("src/test/resources/fixtures/fas")),
        p -> {});
  }

  @AfterAll
  static void close() {
    workspace.close();
  }

  private static DecisionResult decided(String eventId) throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(
        new EventRow(eventId, "111122223333", null, null, null, null, null, null, null, null, null, null, List.of()));
    assertThat(requests).hasSize(1);
    return workspace.decisions().evaluate(requests.get(0));
  }

  @Test
  void whatTheCredentialsCannotDoIsRefusedAsTheReplayRefusesIt() throws Exception {
    DecisionResult r = decided("gst-nomfa-iam-success");
    assertThat(r.decision()).isEqualTo("ImplicitDeny");
    assertThat(r.explanation()).contains("GetSessionToken credentials issued without MFA");
    // the same credentials may assume a role: not refused
    assertThat(decided("gst-nomfa-assumerole").decision()).isEqualTo("Allowed");
  }

  @Test
  void aCallAfterTheCredentialsExpiredNamesTheExpiration() throws Exception {
    assertThat(decided("chain-a-s3-after-expiry").explanation()).contains("expired at");
    assertThat(decided("chain-a-s3-before-expiry").explanation()).doesNotContain("expired at");
  }

  @Test
  void aRoleAssumedAfterTheLogShowsItsTrustChangedIsDecidedOnTheLoggedTrust() throws Exception {
    try (StoreCaseWorkspace privesc = new StoreCaseWorkspace()) {
      privesc.open(Files.createTempDirectory("logged-trust"));
      privesc.importFiles(List.of(Path.of("src/test/resources/fixtures/privesc")), p -> {});
      List<DecisionRequest> requests = privesc.requestsOf(
          new EventRow("assume-opsadmin", "111122223333", null, null, null, null, null, null, null, null, null, null, List.of()));
      assertThat(requests).hasSize(1);
      DecisionResult r = privesc.decisions().evaluate(requests.get(0));
      // the export's trust names only ops-lead; the logged UpdateAssumeRolePolicy a minute before names trust-dev
      assertThat(r.decision()).isEqualTo("Allowed");
      assertThat(r.explanation()).contains("UpdateAssumeRolePolicy trust-self");
    }
  }

  @Test
  void aServiceTheLogShowsInTheCallChainDecidesAForAnyValueCondition() throws Exception {
    assertThat(decided("cfn-create-table-via").decision()).isEqualTo("Allowed");
  }
}
