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
    workspace.importFiles(List.of(Path.of("src/test/resources/fixtures/stslimits"), Path.of("src/test/resources/fixtures/fas"),
        Path.of("src/test/resources/fixtures/unread-expiration")),
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

  /**
   * ChainA's session dev-u was issued with an expiration no form reads ("in one hour"): a call it signed more than the
   * shortest session (15 minutes) later is allowed by the policies but may have come after the credentials expired, so
   * the view leaves it undetermined on the expiration, as `explain` does; a call within 15 minutes agrees.
   */
  @Test
  void aCallAfterAnUnreadableExpirationIsUndeterminedOnIt() throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(
        new EventRow("unread-s3-later", "111122223333", null, null, null, null, null, null, null, null, null, null, List.of()));
    DecisionResult later = workspace.decisions().evaluate(requests.get(0));
    assertThat(later.decision()).isEqualTo("Allowed");
    assertThat(later.missing()).extracting(DecisionResult.MissingKey::key)
        .containsExactly(io.github.trailbench.core.correlate.Explainer.UNREAD_EXPIRATION);
    assertThat(later.explanation()).contains("\"in one hour\"");
    assertThat(DecisionViewModel.recordedNote(requests.get(0), later.decision(), later.otherReason()))
        .contains("undetermined").doesNotContain("agrees");

    List<DecisionRequest> early = workspace.requestsOf(new EventRow("unread-s3-within-shortest", "111122223333", null, null,
        null, null, null, null, null, null, null, null, List.of()));
    DecisionResult within = workspace.decisions().evaluate(early.get(0));
    assertThat(within.missing()).isEmpty();
    assertThat(DecisionViewModel.recordedNote(early.get(0), within.decision(), within.otherReason())).endsWith("the decision agrees.");
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
