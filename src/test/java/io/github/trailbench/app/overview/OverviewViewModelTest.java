package io.github.trailbench.app.overview;

import static io.github.trailbench.app.overview.OverviewFixture.ALICE;
import static io.github.trailbench.app.overview.OverviewFixture.AUDIT;
import static io.github.trailbench.app.overview.OverviewFixture.AUDITOR;
import static io.github.trailbench.app.overview.OverviewFixture.CI;
import static io.github.trailbench.app.overview.OverviewFixture.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
  private static OverviewViewModel model(OverviewFixture service) {
    OverviewViewModel m = new OverviewViewModel(service, Runnable::run, Runnable::run);
    m.refresh();
    return m;
  }

  @Test
  void theHeadlineSumsTheWholeTrailAndPrincipalsAreRankedWithWhatTheCaseHolds() {
    OverviewViewModel m = model(new OverviewFixture(true));

    assertThat(m.messageProperty().get()).isEmpty();
    assertThat(m.headlineProperty().get())
        .isEqualTo("s3a://org-trail/AWSLogs/o-a1b2c3/: 152 events in 2 accounts by 3 principals, 2026-10-01 to 2026-10-04");
    assertThat(m.accounts()).extracting(a -> a.account() + "=" + a.events()).containsExactly(AUDIT + "=97", PROD + "=55");
    assertThat(m.principals()).extracting(r -> r.principal() + " " + r.activity().events() + " in case " + r.caseEvents())
        .containsExactly(AUDITOR + " 90 in case 0", CI + " 50 in case 214", ALICE + " 12 in case 0");
    assertThat(m.sliceCommandProperty().get()).isEmpty();
  }

  @Test
  void selectingAnAccountNarrowsThePrincipalsAndTheirCountsToIt() {
    OverviewViewModel m = model(new OverviewFixture(true));

    m.selectAccount(PROD);

    assertThat(m.principals()).extracting(r -> r.principal() + " " + r.activity().events() + "/" + r.activity().failed())
        .containsExactly(CI + " 43/3", ALICE + " 12/0");
    assertThat(m.days()).extracting(d -> d.day() + "=" + d.events())
        .containsExactly("2026-10-01=40", "2026-10-02=12", "2026-10-03=3", "2026-10-04=0");
    assertThat(m.selectionLabelProperty().get()).isEqualTo("Events per day: every principal in account " + PROD);
  }

  @Test
  void selectingAPrincipalGivesTheCommandThatPullsAllItsDaysEvenFromAnAccountView() {
    OverviewViewModel m = model(new OverviewFixture(true));
    List<String> pivots = new ArrayList<>();
    m.setTimelineHandler(pivots::add);
    m.selectAccount(PROD);

    m.selectPrincipal(CI);

    // active 2026-10-01..04 across both accounts, though only to the 3rd in the selected one
    assertThat(m.sliceCommandProperty().get()).isEqualTo("slice/run-local.sh --input s3a://org-trail/AWSLogs/o-a1b2c3/"
        + " --filter 'principal:\"" + CI + "\" AND time>=2026-10-01 AND time<2026-10-05' --out SLICE_DIR");
    assertThat(m.days()).extracting(d -> d.day() + "=" + d.events())
        .containsExactly("2026-10-01=40", "2026-10-02=0", "2026-10-03=3", "2026-10-04=0");
    assertThat(m.selectedInCaseProperty().get()).isTrue();
    m.showInTimeline();
    assertThat(pivots).containsExactly(CI);

    m.selectAccount(null);
    m.selectPrincipal(AUDITOR);
    assertThat(m.selectedInCaseProperty().get()).isFalse();
    m.showInTimeline();
    assertThat(pivots).containsExactly(CI);
  }

  @Test
  void withoutAnOverviewTheMessageSaysHowToGetOneAndLoadingKeepsIt() {
    OverviewFixture service = new OverviewFixture(false);
    OverviewViewModel m = model(service);
    assertThat(m.messageProperty().get()).contains("No organization overview").contains("trailbench overview --case");
    assertThat(m.accounts()).isEmpty();

    m.load(Path.of("/tmp/bad.jsonl"));
    assertThat(m.messageProperty().get()).isEqualTo("Not loaded: /tmp/bad.jsonl at line 2: \"count\" must be a whole number of 0 or more");
    assertThat(m.accounts()).isEmpty();

    m.load(Path.of("/tmp/slice/overview.jsonl"));
    assertThat(service.keptFrom).isEqualTo(Path.of("/tmp/slice/overview.jsonl"));
    assertThat(m.messageProperty().get()).isEmpty();
    assertThat(m.accounts()).hasSize(2);
    assertThat(m.loadingProperty().get()).isFalse();
  }
}
