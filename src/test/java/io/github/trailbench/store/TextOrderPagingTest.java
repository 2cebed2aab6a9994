package io.github.trailbench.store;

import static io.github.trailbench.store.StoreRecords.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.store.EventQueries.Order;
import io.github.trailbench.store.EventQueries.SortKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing pages sorted by a text column, on ten events (in file order, so row order):
 *
 * <pre>
 * o-1  10:00  bravo/1      o-6   10:04  (none)
 * o-2  10:01  (none)       o-7   09:58  Delta/4
 * o-3  10:02  Alpha/2      o-8   10:05  bravo/1
 * o-4  10:03  charlie/3    o-9   09:57  (none)
 * o-5  09:59  bravo/1      o-10  10:00  bravo/1
 * </pre>
 *
 * The userAgent values differ in case so that a case-sensitive sort (Alpha, Delta, bravo,
 * charlie) and the case-insensitive one (Alpha, bravo, charlie, Delta) disagree.
 */
class TextOrderPagingTest {
  static final List<String> ASCENDING = List.of("o-3", "o-5", "o-1", "o-10", "o-8", "o-4", "o-7", "o-9", "o-2", "o-6");
  static final List<String> DESCENDING = List.of("o-7", "o-4", "o-5", "o-1", "o-10", "o-8", "o-3", "o-9", "o-2", "o-6");
  @TempDir static Path tmp;
  static CaseStore store;

  @BeforeAll
  static void importCase() {
    String[][] rows = {
      {"o-1", "10:00", "bravo/1"}, {"o-2", "10:01", null}, {"o-3", "10:02", "Alpha/2"}, {"o-4", "10:03", "charlie/3"},
      {"o-5", "09:59", "bravo/1"}, {"o-6", "10:04", null}, {"o-7", "09:58", "Delta/4"}, {"o-8", "10:05", "bravo/1"},
      {"o-9", "09:57", null}, {"o-10", "10:00", "bravo/1"}};
    List<StoreRecords.Rec> recs = new ArrayList<>();
    for (String[] r : rows) {
      recs.add(rec(r[0], "2026-10-03T" + r[1] + ":00Z", "ec2.amazonaws.com", "DescribeInstances").user("alice", "AKIAALICE00000000001")
          .userAgent(r[2]).readOnly(true));
    }
    Path f = Fixtures.write(tmp.resolve("in/events.json"), StoreRecords.records(recs));
    store = CaseStore.open(tmp.resolve("case"));
    ImportReport r = store.importer(io.github.trailbench.core.correlate.DefaultEventFacts.deriver(),
        CaseStore.ImportOptions.defaults().withIpEnricher(null)).importPaths(List.of(f), ImportListener.NONE);
    assertThat(r.added()).isEqualTo(10);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static List<String> ids(Expr filter, Order order, long offset, int limit) {
    return store.queries().page(filter, order, offset, limit).stream().map(EventRow::eventId).toList();
  }

  @Test
  void ascendingIsCaseInsensitiveTextOrderWithTiesInTimeOrderAndEventsWithoutAValueLast() {
    assertThat(ids(new Expr.All(), new Order(SortKey.USER_AGENT, true), 0, 100)).containsExactlyElementsOf(ASCENDING);
  }

  @Test
  void descendingReversesTheTextOrderButKeepsTiesInTimeOrderAndEventsWithoutAValueLast() {
    assertThat(ids(new Expr.All(), new Order(SortKey.USER_AGENT, false), 0, 100)).containsExactlyElementsOf(DESCENDING);
  }

  @Test
  void pagesAreConsecutiveSlicesOfTheOrderWithoutOverlap() {
    for (boolean ascending : new boolean[] {true, false}) {
      Order order = new Order(SortKey.USER_AGENT, ascending);
      List<String> all = new ArrayList<>();
      for (int offset = 0; offset < 10; offset += 3) {
        List<String> page = ids(new Expr.All(), order, offset, 3);
        assertThat(page).as("page at %d", offset).hasSize(Math.min(3, 10 - offset));
        all.addAll(page);
      }
      assertThat(all).containsExactlyElementsOf(ascending ? ASCENDING : DESCENDING);
      assertThat(new HashSet<>(all)).hasSize(10);
      assertThat(ids(new Expr.All(), order, 10, 3)).isEmpty();
      assertThat(ids(new Expr.All(), order, 1000, 3)).isEmpty();
      assertThat(ids(new Expr.All(), order, 4, 0)).isEmpty();
    }
  }

  @Test
  void aFilteredListingIsSortedAndPagedTheSameWay() throws Exception {
    Expr notCharlie = FilterParser.parse("NOT userAgent:charlie*");
    List<String> want = ASCENDING.stream().filter(id -> !id.equals("o-4")).toList();
    assertThat(ids(notCharlie, new Order(SortKey.USER_AGENT, true), 0, 100)).containsExactlyElementsOf(want);
    assertThat(ids(notCharlie, new Order(SortKey.USER_AGENT, true), 4, 3)).containsExactlyElementsOf(want.subList(4, 7));
    Expr withValue = FilterParser.parse("userAgent:*");
    assertThat(ids(withValue, new Order(SortKey.USER_AGENT, false), 0, 100))
        .containsExactly("o-7", "o-4", "o-5", "o-1", "o-10", "o-8", "o-3");
  }

  @Test
  void sortingByTimeThroughAnOrderIsTimeOrder() {
    assertThat(ids(new Expr.All(), Order.TIME_ASCENDING, 0, 4)).containsExactly("o-9", "o-7", "o-5", "o-1");
    assertThat(ids(new Expr.All(), new Order(SortKey.TIME, false), 0, 2)).containsExactly("o-8", "o-6");
  }
}
