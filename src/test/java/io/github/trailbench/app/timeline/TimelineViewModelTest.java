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
  void serviceUseOfARowsPrincipalIsShownWhenAnAccessAdvisorReportCoversItAndSaidMissingOtherwise() throws Exception {
    model.apply();
    EventRow row = model.rows().get(0);
    model.showServiceActivity(row);
    assertThat(model.serviceActivityProperty().get()).isNull();
    assertThat(model.noticeProperty().get()).isEqualTo("No IAM Access Advisor report in the case covers " + row.principal() + ".");

    String report = "{\"trailbench\": \"access-advisor/v1\", \"principalArn\": \"" + row.principal() + "\", \"report\": {"
        + "\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-12-01T00:00:00Z\", \"ServicesLastAccessed\": ["
        + "{\"ServiceNamespace\": \"glue\", \"LastAuthenticated\": \"2026-11-02T00:00:00Z\"}]}}";
    Path file = java.nio.file.Files.writeString(caseDir.resolveSibling("advisor-" + caseDir.getFileName() + ".json"), report);
    assertThat(workspace.importFiles(List.of(file), p -> {}).problems()).isEmpty();
    model.showServiceActivity(row);
    assertThat(model.serviceActivityProperty().get().principal()).isEqualTo(row.principal());
    assertThat(model.serviceActivityProperty().get().lines())
        .contains("glue — Access Advisor: last 2026-11-02 (report of 2026-12-01) · no use in the trail");
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
  void aOneEventFilterIsOneThinBarInTenMinutesNotABlockAcrossTheChart() {
    model.filterProperty().set("eventName:GetUser");
    model.apply();
    List<Bucket> bars = model.histogram();
    assertThat(java.time.Duration.between(bars.get(0).start(), bars.get(bars.size() - 1).end()))
        .isGreaterThanOrEqualTo(TimelineViewModel.MIN_HISTOGRAM_SPAN);
    assertThat(bars.stream().filter(b -> b.total() > 0)).hasSize(1);
    assertThat(bars.size()).isGreaterThan(50);
    assertThat(java.time.Duration.between(bars.get(0).start(), bars.get(0).end())).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(bars.get(0).start().getEpochSecond() % 10).as("bars start on round times").isZero();
  }

  @Test
  void theWholeSpanIsDrawnInRoundBars() {
    model.apply();
    List<Bucket> bars = model.histogram();
    assertThat(bars.get(0).start()).isEqualTo(Instant.parse("2026-10-03T09:00:00Z"));
    assertThat(bars.get(0).end()).isEqualTo(Instant.parse("2026-10-03T09:05:00Z"));
    assertThat(bars.get(0).total()).isEqualTo(4);
  }

  @Test
  void aFilterNarrowsTheTable() {
    model.filterProperty().set("principal:*ci-deploy AND error:AccessDenied");
    model.apply();
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("ListUsers", "ListRoles");
    assertThat(model.summaryProperty().get()).startsWith("2 events");
  }

  @Test
  void principalCiDeployFindsTheUserAndTheSpaceSeparatedTimeIsUnderstood() {
    model.filterProperty().set("principal:ci-deploy time>=2026-10-03 09:02");
    model.apply();
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("ListRoles", "ListBuckets");
    assertThat(model.noMatchHintProperty().get()).isEmpty();
  }

  @Test
  void aWholeValueThatMatchesNothingSaysSoAndSuggestsWildcards() {
    model.filterProperty().set("error:AccessDenied AND eventName:Instances");
    model.apply();
    assertThat(model.totalProperty().get()).isZero();
    assertThat(model.noMatchHintProperty().get())
        .isEqualTo("Nothing matched: eventName:Instances matches no event. A value without * is the whole eventName;"
            + " to look inside it: eventName:*Instances*");
  }

  @Test
  void aTimeOutsideTheCaseSaysWhereTheEventsAre() {
    model.filterProperty().set("time>=2026-10-04 principal:bob");
    model.apply();
    assertThat(model.noMatchHintProperty().get())
        .isEqualTo("Nothing matched: time>=2026-10-04T00:00:00Z is outside the case's events (2026-10-03 09:00:00Z to 2026-10-03 13:00:00Z).");
  }

  @Test
  void conditionsThatMatchOnlyApartOrOnlyOutsideTheZoomAreNamed() {
    model.filterProperty().set("principal:bob error:AccessDenied");
    model.apply();
    assertThat(model.noMatchHintProperty().get()).contains("each condition matches events on its own");
    model.filterProperty().set("principal:bob");
    model.zoomTo(Instant.parse("2026-10-03T09:00:00Z"), Instant.parse("2026-10-03T09:30:00Z"));
    assertThat(model.noMatchHintProperty().get()).isEqualTo("Nothing matched: principal:bob matches no event in the zoomed window (4 outside it: Reset zoom).");
    model.resetZoom();
    assertThat(model.noMatchHintProperty().get()).isEmpty();
  }

  @Test
  void showingEventsAroundOneClearsTheFilterZoomsToTheSpanAndSelectsIt() {
    model.filterProperty().set("principal:bob");
    model.apply();
    model.filterProperty().set("error:AccessDenied");
    model.apply();
    EventRow listRoles = model.rows().get(1);
    assertThat(listRoles.eventName()).isEqualTo("ListRoles");
    model.showAround(listRoles, java.time.Duration.ofMinutes(1));
    assertThat(model.filterProperty().get()).isEmpty();
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("ListUsers", "ListRoles", "ListBuckets");
    assertThat(model.selectedProperty().get()).isEqualTo(listRoles);
    assertThat(model.noticeProperty().get()).contains("1 min either side of ListRoles", "the filter was: error:AccessDenied");
    model.showAround(listRoles, java.time.Duration.ofMinutes(60));
    assertThat(model.rows()).extracting(EventRow::eventName)
        .containsExactly("GetCallerIdentity", "ListUsers", "ListRoles", "ListBuckets", "DescribeInstances");
    assertThat(model.selectedProperty().get()).isEqualTo(listRoles);
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
  void simulateSendsTheRoleOfASessionAndTheUserAsItIsAndNothingForOtherPrincipals() {
    java.util.List<String> sent = new java.util.ArrayList<>();
    model.setSimulateHandler(sent::add);
    model.apply();
    model.simulate(model.rows().get(0));
    EventRow session = new EventRow("s-1", "111122223333", java.time.Instant.parse("2026-10-03T10:00:00Z"), "s3.amazonaws.com",
        "GetObject", "us-east-1", "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint", "ASIAEXAMPLE", null,
        "203.0.113.7", "aws-cli", null, java.util.List.of());
    model.simulate(session);
    EventRow service = new EventRow("s-2", "111122223333", java.time.Instant.parse("2026-10-03T10:00:00Z"), "s3.amazonaws.com",
        "GetObject", "us-east-1", "cloudtrail.amazonaws.com", null, null, null, null, null, java.util.List.of());
    assertThat(TimelineViewModel.canSimulate(service)).isFalse();
    model.simulate(service);
    assertThat(sent).containsExactly("arn:aws:iam::111122223333:user/ci-deploy", "arn:aws:iam::111122223333:role/OpsAdminRole");
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

  @Test
  void typingAFieldPrefixOffersTheFieldAndAcceptingItOffersItsValuesMostFrequentFirst() {
    model.filterProperty().set("eventN");
    model.complete("eventN", 6);
    assertThat(model.suggestions()).extracting(TimelineViewModel.Suggestion::text).containsExactly("eventName:");
    model.acceptSuggestion(model.suggestions().get(0));
    assertThat(model.filterProperty().get()).isEqualTo("eventName:");
    assertThat(model.filterCaretProperty().get()).isEqualTo(10);
    assertThat(model.suggestions()).hasSize(8);
    model.filterProperty().set("error:");
    model.complete("error:", 6);
    assertThat(model.suggestions()).extracting(TimelineViewModel.Suggestion::text)
        .containsExactly("none", "*", "AccessDenied", "BucketAlreadyExists", "Client.UnauthorizedOperation");
    assertThat(model.suggestions().get(2).detail()).isEqualTo("2");
  }

  @Test
  void acceptingAValueCompletesTheTermAndAppliesTheFilter() {
    model.apply();
    model.filterProperty().set("principal:*bob AND eventName:run");
    model.complete(model.filterProperty().get(), model.filterProperty().get().length());
    assertThat(model.suggestions()).extracting(TimelineViewModel.Suggestion::text).containsExactly("RunInstances");
    model.acceptSuggestion(model.suggestions().get(0));
    assertThat(model.filterProperty().get()).isEqualTo("principal:*bob AND eventName:RunInstances ");
    assertThat(model.suggestions()).isEmpty();
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly("RunInstances");
  }

  @Test
  void closingSuggestionsEmptiesThemAndNothingIsOfferedInsideATimeComparison() {
    model.complete("eventS", 6);
    assertThat(model.suggestions()).isNotEmpty();
    model.closeSuggestions();
    assertThat(model.suggestions()).isEmpty();
    model.complete("time>=2026-10", 13);
    assertThat(model.suggestions()).isEmpty();
  }

  @Test
  void sortingByATextColumnOrdersTheRowsByItsText() {
    model.apply();
    model.sortBy(new TimelineQueries.Sort(TimelineQueries.Column.NAME, true));
    assertThat(model.rows()).extracting(EventRow::eventName).containsExactly(
        "CreateBucket", "DescribeInstances", "GetCallerIdentity", "GetUser", "ListBuckets", "ListRoles", "ListUsers", "RunInstances");
    model.sortBy(new TimelineQueries.Sort(TimelineQueries.Column.ERROR, false));
    assertThat(model.rows().get(0).errorCode()).isEqualTo("Client.UnauthorizedOperation");
    assertThat(model.noticeProperty().get()).isEmpty();
  }

  @Test
  void previousErrorWalksBackwards() {
    model.apply();
    model.selectedProperty().set(model.rows().get(7));
    assertThat(model.selectPreviousError()).isTrue();
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("CreateBucket");
    model.selectPreviousError();
    model.selectPreviousError();
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("ListRoles");
    model.selectPreviousError();
    assertThat(model.selectPreviousError()).isFalse();
    assertThat(model.selectedProperty().get().eventName()).isEqualTo("ListUsers");
    assertThat(model.noticeProperty().get()).isEqualTo("No earlier error.");
  }

  @Test
  void revealSelectsARowOfTheFilteredSetEvenWhenAnotherSortHidIt() {
    model.apply();
    EventRow getUser = model.rows().get(7);
    model.filterProperty().set("principal:*bob");
    model.apply();
    model.sortBy(new TimelineQueries.Sort(TimelineQueries.Column.NAME, false));
    model.reveal(getUser);
    assertThat(model.selectedProperty().get()).isEqualTo(getUser);
    EventRow ciCall = new EventRow("00000000-0000-0000-0000-000000000002", "111122223333", null, null, null, null, null,
        null, null, null, null, null, null);
    model.reveal(ciCall);
    assertThat(model.noticeProperty().get()).contains("outside the current filter");
    assertThat(model.selectedProperty().get()).isEqualTo(getUser);
  }

  @Test
  void sessionLanesPutEachChildSessionUnderTheOneThatIssuedIt() throws Exception {
    TimelineViewModel chain = chainModel();
    chain.lanesShownProperty().set(true);
    assertThat(chain.lanesProperty().get().lanes()).extracting(TimelineQueries.Lane::session, TimelineQueries.Lane::depth)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AKIABOB0000000000001", 0),
            org.assertj.core.groups.Tuple.tuple("AKIAALICE00000000001", 0),
            org.assertj.core.groups.Tuple.tuple("ASIADEV0000000000001", 1),
            org.assertj.core.groups.Tuple.tuple("ASIAADMIN00000000001", 2));
    TimelineQueries.Lane admin = chain.lanesProperty().get().lanes().get(3);
    assertThat(admin.parentSession()).isEqualTo("ASIADEV0000000000001");
    assertThat(admin.ticks()).extracting(EventRow::eventName).containsExactly("StopLogging", "CreateUser");
    assertThat(admin.failed()).isEqualTo(1);
    assertThat(chain.lanesNoteProperty().get()).isEqualTo("4 sessions");
    chain.filterProperty().set("NOT principal:*bob");
    chain.apply();
    assertThat(chain.lanesProperty().get().lanes()).hasSize(3);
  }

  @Test
  void moreSessionsThanLanesAreCappedWithANote() {
    assertThat(TimelineViewModel.lanesNote(new TimelineQueries.SessionLanes(
        java.util.Collections.nCopies(40, new TimelineQueries.Lane("k", "p", null, 0, Instant.EPOCH, Instant.EPOCH, 1, 0, List.of())),
        57, true)))
        .isEqualTo("40 of 57 sessions (earliest chains first) — narrow the filter or zoom to see others; at most 500 calls drawn per session");
    assertThat(TimelineViewModel.lanesNote(TimelineQueries.SessionLanes.NONE)).startsWith("No session");
  }

  private TimelineViewModel chainModel() throws Exception {
    StoreCaseWorkspace chainCase = new StoreCaseWorkspace();
    chainCase.open(caseDir.resolve("chain"));
    chainCase.importFiles(List.of(Path.of("src/test/resources/fixtures/timeline/role-chain.json")), p -> {});
    opened.add(chainCase);
    TimelineViewModel m = new TimelineViewModel(chainCase.timeline(), Runnable::run, Runnable::run);
    m.apply();
    return m;
  }

  private final List<StoreCaseWorkspace> opened = new java.util.ArrayList<>();

  @AfterEach
  void closeOthers() {
    opened.forEach(StoreCaseWorkspace::close);
  }

  @Test
  void exportWritesExactlyTheFilteredEventsAsTheCliDoesInCsvAndJsonLines() throws Exception {
    String filter = "eventSource:iam.amazonaws.com";
    model.filterProperty().set(filter);
    model.apply();
    List<String> shownIds = model.rows().stream().map(EventRow::eventId).toList();
    assertThat(shownIds).hasSize(3);
    Path out = java.nio.file.Files.createTempDirectory("timeline-export");
    Path csv = out.resolve("iam.csv");
    Path jsonl = out.resolve("iam.jsonl");
    model.exportTo(csv);
    assertThat(model.noticeProperty().get()).isEqualTo("Exported 3 events to " + csv);
    model.exportTo(jsonl);
    assertThat(model.noticeProperty().get()).isEqualTo("Exported 3 events to " + jsonl);

    List<String> csvLines = java.nio.file.Files.readString(csv).lines().toList();
    assertThat(csvLines.get(0)).isEqualTo(String.join(",", io.github.trailbench.report.EventExport.CSV_COLUMNS));
    assertThat(csvLines.subList(1, csvLines.size())).extracting(l -> l.split(",")[1]).containsExactlyElementsOf(shownIds);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> jsonIds = new java.util.ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(jsonl)) {
      jsonIds.add(json.readTree(line).get("eventId").asText());
    }
    assertThat(jsonIds).containsExactlyElementsOf(shownIds);

    workspace.close(); // the CLI opens the same case
    assertThat(java.nio.file.Files.readString(csv)).isEqualTo(cli("events", "--case", caseDir.toString(), "--filter", filter, "--format", "csv"));
    assertThat(java.nio.file.Files.readString(jsonl)).isEqualTo(cli("events", "--case", caseDir.toString(), "--filter", filter, "--format", "json"));
  }

  private static String cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = io.github.trailbench.cli.TrailbenchCommand.commandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)).execute(args);
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void exportToAFileThatIsNeitherCsvNorJsonLinesWritesNothingAndSaysWhy() throws Exception {
    Path file = java.nio.file.Files.createTempDirectory("timeline-export").resolve("events.txt");
    model.exportTo(file);
    assertThat(java.nio.file.Files.exists(file)).isFalse();
    assertThat(model.noticeProperty().get()).isEqualTo("Not exported: events.txt ends neither in .csv nor in .jsonl.");
  }

  @Test
  void exportWithAFilterThatDoesNotParseLeavesTheExistingFileAsItWas() throws Exception {
    Path file = java.nio.file.Files.createTempDirectory("timeline-export").resolve("events.csv");
    java.nio.file.Files.writeString(file, "before");
    model.filterProperty().set("eventName:(");
    model.exportTo(file);
    assertThat(java.nio.file.Files.readString(file)).isEqualTo("before");
    assertThat(model.noticeProperty().get()).startsWith("Not exported: ").contains("(at character ");
  }

  @Test
  void exportCoversTheZoomedWindowOnlyLikeTheTable() throws Exception {
    model.apply();
    List<EventRow> all = List.copyOf(model.rows());
    model.zoomTo(all.get(0).time(), all.get(3).time());
    List<String> zoomedIds = model.rows().stream().map(EventRow::eventId).toList();
    assertThat(zoomedIds).hasSize(3);
    Path file = java.nio.file.Files.createTempDirectory("timeline-export").resolve("zoomed.jsonl");
    model.exportTo(file);
    assertThat(java.nio.file.Files.readAllLines(file)).hasSize(3).allSatisfy(l -> assertThat(zoomedIds).anyMatch(l::contains));
  }

  @Test
  void exportWritesEveryPageNotOnlyTheOneShown() throws Exception {
    int events = TimelineViewModel.PAGE_SIZE + 50;
    StringBuilder records = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < events; i++) {
      records.append(i == 0 ? "" : ",").append(String.format("""
          {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bulk",\
          "accountId":"111122223333","accessKeyId":"AKIAEXAMPLEBULK00001"},"eventTime":"2026-11-01T00:%02d:%02dZ",\
          "eventSource":"s3.amazonaws.com","eventName":"%s","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7",\
          "eventID":"bulk-%04d","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}""",
          i / 60, i % 60, i % 5 == 0 ? "PutObject" : "GetObject", i));
    }
    Path bulk = caseDir.resolveSibling(caseDir.getFileName() + "-bulk.json");
    java.nio.file.Files.writeString(bulk, records.append("]}").toString());
    assertThat(workspace.importFiles(List.of(bulk), p -> {}).added()).isEqualTo(events);
    model.filterProperty().set("principal:*bulk");
    model.apply();
    assertThat(model.rows()).hasSize(TimelineViewModel.PAGE_SIZE);
    Path file = java.nio.file.Files.createTempDirectory("timeline-export").resolve("bulk.csv");
    model.exportTo(file);
    List<String> lines = java.nio.file.Files.readString(file).lines().toList();
    assertThat(lines).hasSize(events + 1);
    assertThat(lines.get(events)).contains("bulk-" + String.format("%04d", events - 1));
    assertThat(model.noticeProperty().get()).isEqualTo("Exported " + events + " events to " + file);
  }
}
