package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.store.EventQueries.Order;
import io.github.trailbench.store.EventQueries.SortKey;
import io.github.trailbench.store.EventQueries.ValueCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store queries the timeline adds: sorting by a text column, ranked values, outcome histogram, sessions. */
class EventQueriesTimelineTest {
  static final Path FIXTURE = Path.of("src/test/resources/fixtures/timeline/events.json");
  @TempDir Path tmp;
  private CaseStore store;

  @BeforeEach
  void open() {
    store = CaseStore.open(tmp.resolve("case"));
    CaseStoreTest.importInto(store, FIXTURE);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String> names(Order order, long offset, int limit) {
    return store.queries().page(new Expr.All(), order, offset, limit).stream().map(EventRow::eventName).toList();
  }

  @Test
  void sortsByTheTextOfAColumnCaseInsensitively() {
    assertThat(names(new Order(SortKey.EVENT_NAME, true), 0, 100)).containsExactly(
        "CreateBucket", "DescribeInstances", "GetCallerIdentity", "GetUser", "ListBuckets", "ListRoles", "ListUsers", "RunInstances");
    assertThat(names(new Order(SortKey.EVENT_NAME, false), 0, 3)).containsExactly("RunInstances", "ListUsers", "ListRoles");
    assertThat(names(new Order(SortKey.EVENT_NAME, true), 2, 3)).as("a later page").containsExactly("GetCallerIdentity", "GetUser", "ListBuckets");
  }

  @Test
  void tiesAreInTimeOrderAndEventsWithoutAValueComeLastEitherWay() {
    assertThat(names(new Order(SortKey.PRINCIPAL, false), 0, 100)).as("ci-deploy before bob, each in time order").containsExactly(
        "GetCallerIdentity", "ListUsers", "ListRoles", "ListBuckets", "DescribeInstances", "RunInstances", "CreateBucket", "GetUser");
    assertThat(names(new Order(SortKey.ERROR_CODE, true), 0, 100)).containsExactly(
        "ListUsers", "ListRoles", "CreateBucket", "RunInstances", "GetCallerIdentity", "ListBuckets", "DescribeInstances", "GetUser");
    assertThat(names(new Order(SortKey.ERROR_CODE, false), 0, 100)).containsExactly(
        "RunInstances", "CreateBucket", "ListUsers", "ListRoles", "GetCallerIdentity", "ListBuckets", "DescribeInstances", "GetUser");
  }

  @Test
  void sortingKeepsTheFilter() throws Exception {
    assertThat(store.queries().page(FilterParser.parse("principal:*bob"), new Order(SortKey.EVENT_NAME, true), 0, 10))
        .extracting(EventRow::eventName).containsExactly("CreateBucket", "DescribeInstances", "GetUser", "RunInstances");
  }

  @Test
  void distinctValuesAreTheMostFrequentFirstAndMatchAPrefixCaseInsensitively() throws Exception {
    EventQueries q = store.queries();
    assertThat(q.distinctValues(Field.ERROR, "", 10)).containsExactly(new ValueCount("AccessDenied", 2),
        new ValueCount("BucketAlreadyExists", 1), new ValueCount("Client.UnauthorizedOperation", 1));
    assertThat(q.distinctValues(Field.EVENT_NAME, "list", 10)).extracting(ValueCount::value)
        .containsExactly("ListBuckets", "ListRoles", "ListUsers");
    assertThat(q.distinctValues(Field.EVENT_NAME, "list", 2)).hasSize(2);
    assertThat(q.distinctValues(Field.IP, "203.", 10)).containsExactly(new ValueCount("203.0.113.77", 4));
    assertThat(q.distinctValues(Field.PRINCIPAL, "nobody", 10)).isEmpty();
  }

  @Test
  void distinctValueCountsFollowAnImport() throws Exception {
    EventQueries q = store.queries();
    assertThat(q.distinctValues(Field.ERROR, "Acc", 10)).containsExactly(new ValueCount("AccessDenied", 2));
    String one = Files.readString(FIXTURE).replace("00000000-0000-0000-0000-0000000000", "10000000-0000-0000-0000-0000000000");
    Path more = Files.writeString(tmp.resolve("more.json"), one);
    CaseStoreTest.importInto(store, more);
    assertThat(q.distinctValues(Field.ERROR, "Acc", 10)).containsExactly(new ValueCount("AccessDenied", 4));
  }

  @Test
  void theOutcomeHistogramFromTheOutlineEqualsTheOneFromTheEvents() {
    EventQueries q = store.queries();
    Instant from = Instant.parse("2026-10-03T09:00:00Z");
    Instant to = Instant.parse("2026-10-03T14:00:00Z");
    List<String> denied = List.of("AccessDenied*", "*UnauthorizedOperation");
    List<EventQueries.OutcomeBucket> outline = q.outcomeHistogram(new Expr.All(), from, to, Duration.ofHours(1), denied);
    Expr sameButNotAll = new Expr.And(List.of(new Expr.All(), new Expr.TimeCompare(Expr.Op.GE, Instant.EPOCH, -1)));
    List<EventQueries.OutcomeBucket> sql = q.outcomeHistogram(sameButNotAll, from, to, Duration.ofHours(1), denied);
    assertThat(outline).isEqualTo(sql);
    assertThat(outline).extracting(EventQueries.OutcomeBucket::count).containsExactly(4L, 1L, 1L, 1L, 1L);
    assertThat(outline.get(0)).isEqualTo(new EventQueries.OutcomeBucket(from, 4, 2, 2));
    assertThat(outline.get(2)).as("RunInstances: UnauthorizedOperation is denied")
        .isEqualTo(new EventQueries.OutcomeBucket(from.plusSeconds(7200), 1, 0, 1));
    assertThat(outline.get(3)).as("BucketAlreadyExists: neither").isEqualTo(new EventQueries.OutcomeBucket(from.plusSeconds(10800), 1, 0, 0));
  }

  @Test
  void countsBetweenTimesWithoutAFilter() {
    EventQueries q = store.queries();
    assertThat(q.countBetween(null, null)).isEqualTo(8);
    assertThat(q.countBetween(Instant.parse("2026-10-03T09:01:00Z"), Instant.parse("2026-10-03T11:00:00Z"))).isEqualTo(4);
    assertThat(q.countBetween(Instant.parse("2026-10-03T12:00:00Z"), null)).isEqualTo(2);
    assertThat(q.countBetween(null, Instant.parse("2026-10-03T08:00:00Z"))).isZero();
  }

  @Test
  void thePositionOfAnEventInTimeOrderCountsTheMatchesBeforeIt() throws Exception {
    EventQueries q = store.queries();
    List<EventRow> all = q.page(new Expr.All(), Order.TIME_ASCENDING, 0, 100);
    EventRow createBucket = all.get(6);
    assertThat(q.positionInTimeOrder(new Expr.All(), createBucket.rowId())).contains(6L);
    assertThat(q.positionInTimeOrder(FilterParser.parse("principal:*bob"), createBucket.rowId())).contains(2L);
    assertThat(q.positionInTimeOrder(FilterParser.parse("principal:*ci-deploy"), createBucket.rowId())).isEmpty();
  }

  @Test
  void sessionSpansGroupTheMatchesByAccessKey() throws Exception {
    List<EventQueries.SessionSpan> spans = store.queries().sessionSpans(FilterParser.parse("NOT eventName:GetUser"));
    assertThat(spans).containsExactly(
        new EventQueries.SessionSpan("AKIAEXAMPLECI0000001", "arn:aws:iam::111122223333:user/ci-deploy",
            Instant.parse("2026-10-03T09:00:00Z"), Instant.parse("2026-10-03T09:03:00Z"), 4, 2),
        new EventQueries.SessionSpan("AKIAEXAMPLEBOB000001", "arn:aws:iam::111122223333:user/bob",
            Instant.parse("2026-10-03T10:00:00Z"), Instant.parse("2026-10-03T12:00:00Z"), 3, 2));
  }
}
