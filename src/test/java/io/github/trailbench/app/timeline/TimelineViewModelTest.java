package io.github.trailbench.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.app.timeline.TimelineQueries.Bucket;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's view model over a real case store holding a small hand-written export. */
class TimelineViewModelTest {
  static final Path FIXTURE = Path.of("src/test/resources/fixtures/timeline/events.json");
  @TempDir Path caseDir;
  private StoreCaseWorkspace workspace;
  private TimelineViewModel model;

  @BeforeEach
  void openCase() throws Exception {
    workspace = new StoreCaseWorkspace();
    workspace.open(caseDir);
    assertThat(workspace.importFiles(List.of(FIXTURE), p -> {}).added()).isEqualTo(8);
    model = new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run);
  }

  @AfterEach
  void close() {
    workspace.close();
  }

  @Test
  void applyingNoFilterShowsEveryEventInTimeOrderAndTheFirstIsSelected() {
    model.apply();
    assertThat(model.totalProperty().get()).isEqualTo(8);
    assertThat(model.rows()).extracting(EventRow::eventName)
        .containsExactly("GetCallerIdentity", "ListUsers", "ListRoles", "ListBuckets", "DescribeInstances", "RunInstances", "CreateBucket", "GetUser");
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("GetCallerIdentity");
    assertThat(model.selectedJsonProperty().get()).contains("\"eventName\" : \"GetCallerIdentity\"", "203.0.113.77");
  }

  @Test
  void theHistogramSplitsSuccessDeniedAndOtherErrors() {
    model.apply();
    long success = model.histogram().stream().mapToLong(Bucket::success).sum();
    long denied = model.histogram().stream().mapToLong(Bucket::denied).sum();
    long other = model.histogram().stream().mapToLong(Bucket::otherErrors).sum();
    assertThat(success).isEqualTo(4);
    assertThat(denied).as("AccessDenied twice and Client.UnauthorizedOperation").isEqualTo(3);
    assertThat(other).as("BucketAlreadyExists").isEqualTo(1);
  }

  @Test
  void aFilterNarrowsTheTable() {
    model.filterProperty().set("principal:*ci-deploy AND error:AccessDenied");
    model.apply();
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("ListUsers", "ListRoles");
    assertThat(model.summaryProperty().get()).startsWith("2 events");
  }

  @Test
  void aSyntaxErrorIsShownWithItsPositionAndKeepsTheTable() {
    model.apply();
    model.filterProperty().set("eventName:(ListUsers");
    model.apply();
    assertThat(model.filterErrorProperty().get()).isNotEmpty();
    assertThat(model.filterErrorPositionProperty().get()).isBetween(0, "eventName:(ListUsers".length());
    assertThat(model.rows()).hasSize(8);
  }

  @Test
  void pivotingOnAnIpAddsItToTheFilter() {
    model.apply();
    EventRow bobCall = model.rows().get(4);
    model.pivot("ip", bobCall.sourceIp());
    assertThat(model.filterProperty().get()).isEqualTo("ip:\"198.51.100.10\"");
    assertThat(model.rows()).extracting(EventRow::principal).containsOnly("arn:aws:iam::111122223333:user/bob");
    model.pivot("error", "none");
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("DescribeInstances", "GetUser");
  }

  @Test
  void zoomingToAWindowShowsOnlyItsEventsAndResetBringsAllBack() {
    model.apply();
    model.zoomTo(Instant.parse("2026-10-03T09:30:00Z"), Instant.parse("2026-10-03T11:30:00Z"));
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("DescribeInstances", "RunInstances");
    model.resetZoom();
    assertThat(model.totalProperty().get()).isEqualTo(8);
  }

  @Test
  void nextErrorWalksTheFailedEvents() {
    model.apply();
    assertThat(model.selectNextError()).isTrue();
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("ListUsers");
    model.selectNextError();
    model.selectNextError();
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("RunInstances");
    model.selectNextError();
    assertThat(model.selectNextError()).isFalse();
  }

  @Test
  void sortingByTimeDescendingReversesThePage() {
    model.apply();
    model.sortBy(new TimelineQueries.Sort(TimelineQueries.Column.TIME, false));
    assertThat(model.rows().get(0).eventName()).isEqualTo("GetUser");
  }

  @Test
  void theTimeZoneSwitchChangesHowTimesAreWritten() {
    Instant t = Instant.parse("2026-10-03T09:00:00Z");
    assertThat(model.format(t)).isEqualTo("2026-10-03 09:00:00Z");
    model.zoneProperty().set(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(model.format(t)).isEqualTo("2026-10-03 11:00:00");
  }

  @Test
  void showInGraphSendsTheRoleOfASessionAndTheUserAsItIs() {
    java.util.List<String> sent = new java.util.ArrayList<>();
    model.setGraphHandler(sent::add);
    model.apply();
    model.showInGraph(model.rows().get(0));
    assertThat(sent).containsExactly("arn:aws:iam::111122223333:user/ci-deploy");
    assertThat(TimelineViewModel.graphNodeOf("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint"))
        .isEqualTo("arn:aws:iam::111122223333:role/OpsAdminRole");
  }

  @Test
  void aPatternPivotIsAWildcardTerm() {
    model.apply();
    model.pivotPattern("principal", "*:user/b*");
    assertThat(model.filterProperty().get()).isEqualTo("principal:*:user/b*");
    assertThat(model.rows()).extracting(EventRow::principal).containsOnly("arn:aws:iam::111122223333:user/bob");
    model.pivotPattern("principal", "x\" AND y");
    assertThat(model.filterProperty().get()).as("unsafe patterns are ignored").isEqualTo("principal:*:user/b*");
  }
}
