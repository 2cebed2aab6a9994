package io.github.trailbench.app.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionViewModelTest {
  private final DecisionViewModel model = new DecisionViewModel(Traces::mfaRule, Runnable::run, Runnable::run);

  @Test
  void openingARequestShowsItsStepsInEvaluationOrderStartingAtTheDecision() {
    model.onlyDecidingPathProperty().set(false);
    model.open(Traces.createUser(true));
    assertThat(model.resultProperty().get().decision()).isEqualTo("Allowed");
    assertThat(model.steps()).extracting(TraceStep::id)
        .containsExactly("0", "0.1", "0.1.1", "0.1.1.1", "0.1.1.1.1", "0.1.1.2", "0.1.1.2.1", "0.1.1.2.2", "0.2");
    assertThat(model.currentProperty().get().id()).isEqualTo("0");
    assertThat(model.stepLineProperty().get()).startsWith("Step 1 of 9");
  }

  @Test
  void nextAndPreviousWalkTheStepsAndStopAtTheEnds() {
    model.onlyDecidingPathProperty().set(false);
    model.open(Traces.createUser(true));
    model.previous();
    assertThat(model.currentIndexProperty().get()).isZero();
    for (int i = 0; i < 20; i++) {
      model.next();
    }
    assertThat(model.currentProperty().get().id()).isEqualTo("0.2");
    model.previous();
    assertThat(model.currentProperty().get().id()).isEqualTo("0.1.1.2.2");
  }

  @Test
  void onlyTheDecidingPathIsOnByDefaultAndDropsStatementsThatDidNotMatterAndNotApplicableTypes() {
    model.open(Traces.createUser(true));
    assertThat(model.onlyDecidingPathProperty().get()).isTrue();
    assertThat(model.steps()).extracting(TraceStep::id)
        .containsExactly("0", "0.1", "0.1.1", "0.1.1.2", "0.1.1.2.1", "0.1.1.2.2");
    model.onlyDecidingPathProperty().set(false);
    assertThat(model.steps()).extracting(TraceStep::id).contains("0.1.1.1", "0.2").hasSize(9);
    model.onlyDecidingPathProperty().set(true);
    assertThat(model.steps()).extracting(TraceStep::id).doesNotContain("0.1.1.1", "0.2");
  }

  @Test
  void theSourcePanelHighlightsTheStatementOfTheCurrentStep() {
    model.open(Traces.createUser(true));
    model.select(model.steps().stream().filter(s -> s.id().equals("0.1.1.2.2")).findFirst().orElseThrow());
    DecisionViewModel.SourceView source = model.currentSource().orElseThrow();
    String highlighted = source.text().substring(source.highlight().start(), source.highlight().end());
    assertThat(highlighted).startsWith("{").endsWith("}").contains("\"AdminWithMfa\"").doesNotContain("ReadOnly");
  }

  @Test
  void whatIfTurningMfaOffChangesTheDecisionAndMarksTheChangedSteps() {
    model.onlyDecidingPathProperty().set(false); // compares a changed with an unchanged step of the whole trace
    model.open(Traces.createUser(true));
    model.setContextValue("aws:MultiFactorAuthPresent", List.of());
    assertThat(model.resultProperty().get().decision()).isEqualTo("ImplicitDeny");
    assertThat(model.baselineProperty().get().decision()).isEqualTo("Allowed");
    assertThat(model.whatIfSummaryProperty().get()).contains("Allowed → ImplicitDeny");
    TraceStep condition = model.steps().stream().filter(s -> s.id().equals("0.1.1.2.2")).findFirst().orElseThrow();
    TraceStep readOnly = model.steps().stream().filter(s -> s.id().equals("0.1.1.1")).findFirst().orElseThrow();
    assertThat(model.changed(condition)).isTrue();
    assertThat(model.changed(readOnly)).isFalse();
    assertThat(model.context()).isEmpty();
  }

  @Test
  void onTheDecidingPathAStepAWhatIfChangedStaysVisibleWithItsAncestors() {
    model.open(Traces.createUser(true));
    model.setContextValue("aws:MultiFactorAuthPresent", List.of());
    assertThat(model.resultProperty().get().decision()).isEqualTo("ImplicitDeny");
    assertThat(model.onlyDecidingPathProperty().get()).isTrue();
    List<String> ids = model.steps().stream().map(TraceStep::id).toList();
    assertThat(ids).contains("0", "0.1", "0.1.1", "0.1.1.2", "0.1.1.2.2");
    assertThat(model.steps()).filteredOn(s -> s.id().equals("0.1.1.2.2")).allMatch(model::changed);
    assertThat(ids).doesNotContain("0.1.1.1");
  }

  @Test
  void anEvaluationErrorIsShownNotThrown() {
    DecisionViewModel failing = new DecisionViewModel(r -> {
      throw new IllegalArgumentException("unknown principal arn:aws:iam::1:user/x");
    }, Runnable::run, Runnable::run);
    failing.open(Traces.createUser(true));
    assertThat(failing.messageProperty().get()).contains("Cannot evaluate", "unknown principal");
    assertThat(failing.steps()).isEmpty();
  }

  @Test
  void policySourceFindsASingleStatementObject() {
    PolicySource s = PolicySource.of("{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    PolicySource.Range r = s.statement(0).orElseThrow();
    assertThat(s.text().substring(r.start(), r.end())).contains("Deny").startsWith("{").endsWith("}");
    assertThat(s.statement(1)).isEmpty();
  }
}
