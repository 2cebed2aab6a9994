package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the decision view says of a logged call's record beside the engine's decision. */
class RecordedNoteTest {
  private static DecisionRequest logged(String recorded) {
    return new DecisionRequest("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*", Map.of(), Set.of(), "e1",
        null, true, Set.of(), List.of(), recorded);
  }

  @Test
  void aDecisionThatDiffersFromTheRecordSaysSoInCapitals() {
    assertThat(DecisionViewModel.recordedNote(logged("Allowed"), "ImplicitDeny"))
        .startsWith("CloudTrail recorded it as allowed: the decision DISAGREES.");
    assertThat(DecisionViewModel.recordedNote(logged("Denied"), "Allowed"))
        .startsWith("CloudTrail recorded it as denied: the decision DISAGREES.");
  }

  @Test
  void agreementAndUndeterminedAreSaid() {
    assertThat(DecisionViewModel.recordedNote(logged("Denied"), "ExplicitDeny")).isEqualTo("CloudTrail recorded it as denied: the decision agrees.");
    assertThat(DecisionViewModel.recordedNote(logged("Allowed"), "Undetermined")).contains("depends on what the log or the case cannot show");
  }

  private static DecisionRequest limited(String recorded, String refusal, String expired) {
    return new DecisionRequest("arn:aws:iam::111122223333:user/alice", "iam:ListUsers", "*", Map.of(), Set.of(), "e1",
        null, true, Set.of(), List.of(), recorded, null, new DecisionRequest.LoggedLimits(null, null, refusal, expired, null, null));
  }

  @Test
  void aRecordTheCredentialsCouldNotHaveMadeIsInDoubtNotAPolicyGap() {
    assertThat(DecisionViewModel.recordedNote(limited("Allowed", "GetSessionToken credentials without MFA", null), "ImplicitDeny"))
        .startsWith("CloudTrail recorded it as allowed: the decision DISAGREES. These credentials cannot make this call")
        .doesNotContain("The case lacks a policy");
    assertThat(DecisionViewModel.recordedNote(limited("Allowed", null, "expired at 2026-12-01T11:20:00Z"), "Allowed"))
        .contains("DISAGREES with the key's life");
    assertThat(DecisionViewModel.recordedNote(limited("Not authenticated", null, "expired at 2026-12-01T11:20:00Z"), "Allowed"))
        .doesNotContain("DISAGREES");
    assertThat(DecisionViewModel.recordedNote(logged("Rejected as invalid"), "Allowed"))
        .contains("whether it was authorized the log cannot say");
  }

  @Test
  void aHandWrittenRequestHasNoNote() {
    assertThat(DecisionViewModel.recordedNote(DecisionRequest.of("arn:aws:iam::1:user/a", "s3:GetObject", "*", Map.of()), "Allowed")).isEmpty();
  }

  @Test
  void aRefusalForAnotherReasonThanAwsGaveDisagreesOnWhy() {
    String other = "CloudTrail's error message says AWS refused iam:CreateUser with an explicit deny in a service control"
        + " policy, which the case's policies do not hold: the replay finds no identity-based policy allowing it";
    assertThat(DecisionViewModel.recordedNote(logged("Denied"), "ImplicitDeny", other))
        .startsWith("CloudTrail recorded it as denied, as decided here, but the decision DISAGREES on why")
        .contains("explicit deny in a service control policy");
    assertThat(DecisionViewModel.recordedNote(logged("Denied"), "ImplicitDeny", null))
        .isEqualTo("CloudTrail recorded it as denied: the decision agrees.");
  }
}
