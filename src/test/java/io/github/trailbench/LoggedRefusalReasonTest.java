package io.github.trailbench;

import static io.github.trailbench.ExplainedEvents.only;
import static io.github.trailbench.ExplainedEvents.why;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.app.decision.DecisionRequest;
import io.github.trailbench.app.decision.DecisionResult;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal the replay agrees with is also held against the reason AWS gave for it. AWS's access
 * denied messages name the policy type that refused a call [DENIED]: "When a policy explicitly
 * denies access because the policy contains a Deny statement, then AWS includes the phrase with an
 * explicit deny in a type policy ... When the policy implicitly denies access, then AWS includes
 * the phrase because no type policy allows the action action"; "If multiple policy types deny an
 * authorization request, AWS includes only one of those policy types"; and for SCPs "the error
 * message can include the phrase due to an explicit deny in a Service Control Policy, even if the
 * denial is implicit". A replay that refuses the call for other reasons only does not reproduce
 * what AWS read: it disagrees, naming both.
 *
 * <p>[DENIED] https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 *
 * <p>Fixture src/test/resources/fixtures/loggedrefusal: account 111122223333 (user dev: an Allow
 * of iam:ListUsers, iam:DeleteUser, iam:GetUser and a Deny of iam:DeleteUser; user bounded: an
 * Allow of ec2:DescribeInstances and s3:ListAllMyBuckets under the boundary S3OnlyBoundary, which
 * allows s3:* only), SCPs FullAWSAccess and ProtectLogging (Deny cloudtrail:StopLogging) at the
 * root; account 222233334444 in OU Sandbox, whose only SCP allows s3:* (user sandboxer).
 */
class LoggedRefusalReasonTest {
  @TempDir static Path caseDir;

  @BeforeAll
  static void importCase() {
    ExplainedEvents.importInto(caseDir, Path.of("src/test/resources/fixtures/loggedrefusal"), "events.json",
        "iam-111122223333.json", "iam-222233334444.json", "organization.json");
  }

  private static JsonNode explained(String eventId, String decision, String verdict) throws Exception {
    JsonNode e = only(caseDir, eventId);
    assertThat(e.path("decision").asText()).as(why(e)).isEqualTo(decision);
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo(verdict);
    return e;
  }

  @Test
  void aRefusalForTheReasonAwsGaveAgrees() throws Exception {
    explained("lr-identity-explicit-agrees", "ExplicitDeny", "agrees");
    explained("lr-identity-implicit-agrees", "ImplicitDeny", "agrees");
    explained("lr-scp-explicit-agrees", "ExplicitDeny", "agrees");
    explained("lr-boundary-agrees", "ImplicitDeny", "agrees");
  }

  @Test
  void anScpThatOnlyFailsToAllowMayBeCalledAnExplicitDenyByAws() throws Exception {
    explained("lr-scp-implicit-quirk", "ImplicitDeny", "agrees");
  }

  @Test
  void aMessageThatNamesNoPolicyTypeOrOneTheCaseCannotHoldOrAnotherActionIsNotHeldAgainstTheReplay() throws Exception {
    explained("lr-no-type", "ImplicitDeny", "agrees");
    explained("lr-vpce", "ImplicitDeny", "agrees");
    explained("lr-other-action", "ImplicitDeny", "agrees");
  }

  @Test
  void anScpDenyTheCaseDoesNotHoldDisagreesAndSaysSo() throws Exception {
    JsonNode e = explained("lr-scp-named-identity-found", "ImplicitDeny", "disagrees");
    assertThat(e.path("comparison").asText()).startsWith("DOES NOT AGREE ON WHY")
        .contains("with an explicit deny in a service control policy")
        .contains("the replay finds no identity-based policy allowing it");
    // the case denies explicitly in the user's own policy; AWS names an SCP, which the case's SCPs do not hold
    JsonNode d = explained("lr-explicit-identity-named-scp", "ExplicitDeny", "disagrees");
    assertThat(d.path("gaps").toString()).contains("the replay finds an explicit deny in an identity-based policy");
  }

  @Test
  void anIdentityPolicyNamedWhereTheReplayFindsTheBoundaryDisagrees() throws Exception {
    JsonNode e = explained("lr-identity-named-boundary-found", "ImplicitDeny", "disagrees");
    assertThat(e.path("comparison").asText()).contains("because no identity-based policy allows it")
        .contains("the replay finds no permissions boundary allowing it");
  }

  @Test
  void theFindingOfAnOutcomeTheCaseDoesNotExplainSaysTheReasonDiffers() throws Exception {
    List<JsonNode> findings = ExplainedEvents.findings(caseDir).stream()
        .filter(f -> f.path("rule").asText().equals("outcome-not-explained-by-policies")).toList();
    assertThat(findings).hasSize(3);
    assertThat(findings).allSatisfy(f -> assertThat(f.path("summary").asText())
        .contains("as denied, and the case's policies refuse it too").contains("but not for the reason AWS gave"));
    // a refused StopLogging is explained by the SCP AWS named, not by the log's words alone
    assertThat(ExplainedEvents.findings(caseDir)).anySatisfy(f -> assertThat(f.path("title").asText())
        .contains("StopLogging attempted").contains("denied by SCP ProtectLogging"));
  }

  @Test
  void theDecisionViewDecidesTheReasonAsExplainDoes() throws Exception {
    try (StoreCaseWorkspace workspace = new StoreCaseWorkspace()) {
      workspace.open(caseDir.resolveSibling(caseDir.getFileName() + "-app"));
      workspace.importFiles(List.of(Path.of("src/test/resources/fixtures/loggedrefusal")), p -> {});
      DecisionResult other = decided(workspace, "lr-identity-named-boundary-found");
      assertThat(other.otherReason()).contains("because no identity-based policy allows it");
      assertThat(other.explanation()).contains("because no identity-based policy allows it");
      assertThat(decided(workspace, "lr-boundary-agrees").otherReason()).isNull();
    }
  }

  private static DecisionResult decided(StoreCaseWorkspace workspace, String eventId) throws Exception {
    List<DecisionRequest> requests = workspace.requestsOf(
        new EventRow(eventId, "111122223333", null, null, null, null, null, null, null, null, null, null, List.of()));
    assertThat(requests).hasSize(1);
    return workspace.decisions().evaluate(requests.get(0));
  }
}
