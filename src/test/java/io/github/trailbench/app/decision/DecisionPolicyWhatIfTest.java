package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.policy.PolicyChange;
import io.github.trailbench.core.policy.PolicyKind;
import io.github.trailbench.core.policy.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy and principal what-ifs, suggestions and the finding hook in the view model, over the real engine. */
class DecisionPolicyWhatIfTest {
  private final DecisionViewModel model = new DecisionViewModel(new FixtureDecisions(), Runnable::run, Runnable::run);

  private TraceStep step(String labelStart) {
    return model.steps().stream().filter(s -> s.label().startsWith(labelStart)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + labelStart + " in " + model.steps()));
  }

  private String decision() {
    return model.resultProperty().get().decision();
  }

  @Test
  void editingTheAllowingPolicyAndApplyingReevaluatesAndMarksWhatChanged() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    assertThat(decision()).isEqualTo("Allowed");
    model.select(step("AdministratorAccess"));
    assertThat(model.editCurrentPolicy()).isTrue();
    assertThat(model.editingProperty().get()).isEqualTo(
        new DecisionViewModel.PolicyTarget(PolicyKind.IDENTITY, "AdministratorAccess", false, -1));
    assertThat(model.policyDraftProperty().get()).contains("\"AllowAdmin\"");
    model.policyDraftProperty().set(model.policyDraftProperty().get().replace("\"Action\" : \"*\"", "\"Action\" : \"s3:*\""));
    assertThat(model.applyPolicyDraft()).isTrue();
    assertThat(decision()).isEqualTo("ImplicitDeny");
    assertThat(model.editingProperty().get()).isNull();
    assertThat(model.whatIfSummaryProperty().get()).contains("Allowed → ImplicitDeny", "edit identity-based policy AdministratorAccess");
    TraceStep policy = step("AdministratorAccess");
    assertThat(model.edited(policy)).isTrue();
    assertThat(model.changed(policy)).as("a changed step stays on the deciding path").isTrue();
    model.onlyDecidingPathProperty().set(false); // the SCPs did not decide this implicit deny: only the whole trace has them
    assertThat(model.changed(step("Service control policies"))).isFalse();
  }

  @Test
  void aParseErrorSaysWhereAndWhyAndKeepsTheEdit() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    model.select(step("AdministratorAccess"));
    model.editCurrentPolicy();
    String broken = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Effect\": \"Allow\",, } ]\n}";
    model.policyDraftProperty().set(broken);
    assertThat(model.applyPolicyDraft()).isFalse();
    assertThat(model.policyErrorProperty().get()).startsWith("line 3, column").contains("Unexpected character");
    assertThat(model.policyDraftProperty().get()).isEqualTo(broken);
    assertThat(model.editingProperty().get()).isNotNull();
    assertThat(model.policyChanges()).isEmpty();
    assertThat(decision()).isEqualTo("Allowed");

    model.policyDraftProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    assertThat(model.applyPolicyDraft()).isFalse();
    assertThat(model.policyErrorProperty().get()).startsWith("Statement[0].Effect: ");
  }

  @Test
  void removingTheScpThatDeniedStopLoggingAllowsIt() {
    model.open(FixtureDecisions.stopLogging());
    assertThat(decision()).isEqualTo("ExplicitDeny");
    model.select(step("ProtectSecurityTooling @ Production"));
    assertThat(model.removeCurrentPolicy()).isTrue();
    assertThat(decision()).isEqualTo("Allowed");
    assertThat(model.policyChanges()).containsExactly(new PolicyChange.Remove(PolicyKind.SCP, "ProtectSecurityTooling @ Production"));
    assertThat(model.whatIfSummaryProperty().get()).contains("ExplicitDeny → Allowed", "gone");
  }

  @Test
  void aHandWrittenSessionPolicyLimitsTheSessionAndEditingItEditsTheAddition() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    model.newPolicy(PolicyKind.SESSION, "OnlyS3");
    assertThat(model.policyDraftProperty().get()).contains("\"Allow\"", "iam:CreateUser");
    model.policyDraftProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    assertThat(model.applyPolicyDraft()).isTrue();
    assertThat(decision()).isEqualTo("ImplicitDeny");
    assertThat(model.policyChanges()).singleElement().isInstanceOf(PolicyChange.Add.class);

    model.select(step("OnlyS3"));
    model.editCurrentPolicy();
    model.policyDraftProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}");
    model.applyPolicyDraft();
    assertThat(decision()).isEqualTo("Allowed");
    assertThat(model.policyChanges()).singleElement().isInstanceOf(PolicyChange.Add.class);

    model.resetPolicyChanges();
    assertThat(model.policyChanges()).isEmpty();
    assertThat(model.steps()).noneMatch(s -> s.label().startsWith("OnlyS3"));
  }

  @Test
  void anScpTemplateDeniesTheRequestItWasWrittenFor() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    model.newPolicy(PolicyKind.SCP, "NoNewUsers");
    assertThat(model.applyPolicyDraft()).isTrue();
    assertThat(decision()).isEqualTo("ExplicitDeny");
  }

  @Test
  void aBoundaryTemplateBoundsToExactlyThisRequestSoItStaysAllowed() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    model.newPolicy(PolicyKind.BOUNDARY, "OnlyThis");
    assertThat(model.policyDraftProperty().get()).contains("\"Effect\": \"Allow\"");
    assertThat(model.applyPolicyDraft()).isTrue();
    assertThat(decision()).isEqualTo("Allowed");
    assertThat(model.steps()).anyMatch(s -> s.label().startsWith("OnlyThis (permissions boundary)")
        && s.outcome() == io.github.trailbench.core.policy.Outcome.ALLOW);
  }

  @Test
  void suggestionsForAnAllowedRequestEachFlipItWhenApplied() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    assertThat(model.suggestionsHeadingProperty().get()).isEqualTo("What would have denied this");
    List<Suggestion> all = List.copyOf(model.suggestions());
    assertThat(all).extracting(Suggestion::getClass).contains(Suggestion.AddDeny.class, Suggestion.ConditionOnAllow.class,
        Suggestion.RemoveAllow.class);
    for (Suggestion s : all) {
      model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
      model.applySuggestion(s);
      assertThat(decision()).as(s.title()).isEqualTo(s.verified().decision().json()).isNotEqualTo("Allowed");
    }
  }

  @Test
  void theStopLoggingDenialSuggestsRemovingTheDeny() {
    model.open(FixtureDecisions.stopLogging());
    assertThat(model.suggestionsHeadingProperty().get()).isEqualTo("What would have allowed this");
    Suggestion remove = model.suggestions().stream().filter(Suggestion.RemoveDeny.class::isInstance).findFirst().orElseThrow();
    model.applySuggestion(remove);
    assertThat(decision()).isEqualTo("Allowed");
  }

  @Test
  void aWhatIfPrincipalIsEvaluatedWithItsOwnPolicies() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    assertThat(model.principalNoteProperty().get()).contains("its own policies");
    model.whatIfPrincipal(FixtureDecisions.BOB);
    assertThat(decision()).isEqualTo("ImplicitDeny");
    assertThat(model.steps()).anyMatch(s -> s.label().startsWith("ReadOnly"));
    assertThat(model.whatIfSummaryProperty().get()).contains("Allowed → ImplicitDeny");
  }

  @Test
  void aServiceThatCannotGatherOrEditSaysSo() {
    DecisionViewModel plain = new DecisionViewModel(Traces::mfaRule, Runnable::run, Runnable::run);
    assertThat(plain.principalNoteProperty().get()).contains("cannot gather another principal's policies");
    assertThat(plain.canEditPolicies()).isFalse();
  }

  @Test
  void addToFindingHandsTheHookAReferenceToThisTraceAndTheRenderedTree() {
    List<DecisionTraceEvidence> received = new ArrayList<>();
    model.onAddToFindingProperty().set(received::add);
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    Path png = Path.of("/tmp/tree.png");
    assertThat(model.addToFinding(png)).isTrue();
    assertThat(received).singleElement().satisfies(e -> {
      assertThat(e.reference().kind()).isEqualTo(Evidence.ReferenceKind.DECISION_TRACE);
      assertThat(e.reference().id()).isEqualTo("0b0a3749-6e78-4f71-aedf-ca6f493f89a9#iam:CreateUser");
      assertThat(e.reference().label()).isEqualTo("Allowed: iam:CreateUser by " + FixtureDecisions.OPS
          + " on arn:aws:iam::111122223333:user/svc-backup");
      assertThat(e.png()).isEqualTo(png);
    });

    model.onlyDecidingPathProperty().set(false); // the SCP's deny did not match: it is off the deciding path of this Allow
    model.select(step("ProtectSecurityTooling @ Production"));
    model.removeCurrentPolicy();
    model.addToFinding(png);
    assertThat(received.get(1).reference().label()).endsWith("(what-if: remove SCP ProtectSecurityTooling @ Production)");
  }

  @Test
  void withoutAHookAddToFindingSaysSoAndCallsNothing() {
    model.open(FixtureDecisions.createUser(FixtureDecisions.OPS));
    assertThat(model.addToFinding(null)).isFalse();
    assertThat(model.messageProperty().get()).contains("Findings cannot take decision traces yet");
  }

  @Test
  void completionsOfferCatalogActionsContextKeysAndKnownPrincipals() {
    RequestCompletions c = model.completions();
    assertThat(c.actions("s3:GetObj")).contains("s3:GetObject", "s3:GetObjectAcl").allMatch(a -> a.startsWith("s3:GetObj"));
    assertThat(c.actions("cloudtr")).contains("cloudtrail:");
    assertThat(c.contextKeys("aws:Mul", null)).containsExactly("aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent");
    assertThat(c.contextKeys("s3:", "s3:GetObject")).isNotEmpty().allMatch(k -> k.startsWith("s3:"));
    assertThat(c.principals("bob")).containsExactly(FixtureDecisions.BOB);
  }
}
