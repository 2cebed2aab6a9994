package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.core.correlate.ReplayVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Verdict column's view model over a real case: alice may only list IAM users
 * (fixtures/verdicts/iam.json); her ListUsers agrees, DeleteUser and DeleteRole (logged as
 * succeeded) disagree, GetCallerIdentity is not deniable, the denied ListRoles agrees.
 */
class TimelineVerdictTest {
  static final Path EVENTS = Path.of("src/test/resources/fixtures/verdicts/events.json");
  static final Path IAM = Path.of("src/test/resources/fixtures/verdicts/iam.json");
  @TempDir Path caseDir;
  private StoreCaseWorkspace workspace;

  @BeforeEach
  void openCase() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(caseDir);
    workspace.importFiles(List.of(EVENTS, IAM), p -> {});
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  private static String label(TimelineViewModel m, String eventName) {
    EventRow row = m.rows().stream().filter(r -> eventName.equals(r.eventName())).findFirst().orElseThrow();
    RowVerdict v = m.verdicts().get(row);
    return v == null ? null : v.label();
  }

  @Test
  void theColumnIsEmptyUntilTheVerdictsAreComputedThenFillsForTheRowsShown() {
    List<Runnable> replays = new ArrayList<>();
    Executor later = replays::add;
    TimelineViewModel m = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run, later);
    m.apply();
    m.loadVerdicts();
    assertThat(m.verdictsComputingProperty().get()).isTrue();
    assertThat(m.verdictStatusProperty().get()).startsWith("Verdicts: replaying");
    assertThat(m.rows()).hasSize(5);
    assertThat(m.verdicts()).as("nothing shown before the replay ran").isEmpty();

    replays.forEach(Runnable::run);
    assertThat(m.verdictsComputingProperty().get()).isFalse();
    assertThat(label(m, "ListUsers")).isEqualTo("agrees");
    assertThat(label(m, "DeleteUser")).isEqualTo("DISAGREES");
    assertThat(label(m, "GetCallerIdentity")).isEqualTo("not deniable");
    assertThat(label(m, "ListRoles")).isEqualTo("agrees");
    assertThat(m.verdictStatusProperty().get()).isEqualTo("Verdicts: 2 agree · 2 disagree · 0 undetermined · 1 not deniable");
  }

  @Test
  void aPageReadAfterTheVerdictsCarriesThemAndTheFilterNarrowsToDisagreements() {
    TimelineViewModel m = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    m.loadVerdicts();
    m.filterProperty().set("verdict:disagrees");
    m.apply();
    assertThat(m.rows()).extracting(EventRow::eventName).containsExactly("DeleteUser", "DeleteRole");
    assertThat(m.rows()).allSatisfy(r -> assertThat(m.verdicts().get(r).disagrees()).isTrue());
  }

  @Test
  void anUndeterminedVerdictNamesTheKeyAndAnUnknownResourceIsCalledResource() {
    assertThat(new RowVerdict(ReplayVerdict.UNDETERMINED, "aws:SecureTransport").label()).isEqualTo("undetermined: aws:SecureTransport");
    assertThat(new RowVerdict(ReplayVerdict.UNDETERMINED, "(resource ARN)").label()).isEqualTo("undetermined: resource");
    // the cell shows the key beside a question mark; its accessible text is the label
    assertThat(new RowVerdict(ReplayVerdict.UNDETERMINED, "aws:SecureTransport").cellText()).isEqualTo("aws:SecureTransport");
    assertThat(new RowVerdict(ReplayVerdict.UNDETERMINED, io.github.trailbench.core.policy.UnknownPolicy.KEY).cellText()).isEqualTo("missing policy");
    assertThat(new RowVerdict(ReplayVerdict.UNDETERMINED, null).cellText()).isEqualTo("undetermined");
    assertThat(new RowVerdict(ReplayVerdict.AGREES, null).cellText()).isEqualTo("agrees");
    assertThat(new RowVerdict(ReplayVerdict.NO_DECISION, null).label()).isEmpty();
    assertThat(new RowVerdict(ReplayVerdict.DISAGREES, null).explanation()).contains("verdict:disagrees");
  }

  @Test
  void verdictCompletionOffersTheFiveWords() {
    TimelineViewModel m = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
    m.complete("verdict:", 8);
    assertThat(m.suggestions()).extracting(TimelineViewModel.Suggestion::text)
        .containsExactly("agrees", "disagrees", "undetermined", "not-deniable", "no-decision");
  }
}
