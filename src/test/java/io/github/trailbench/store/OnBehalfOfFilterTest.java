package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.FilterParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code onBehalfOf} filter: the IAM Identity Center user an identity-enhanced session (or an
 * Identity Center user's portal call) acts for, as CloudTrail logs it in {@code userIdentity.onBehalfOf}
 * (CloudTrail User Guide, "CloudTrail userIdentity element", onBehalfOf: "the user ID and identity
 * store ARN of the IAM Identity Center user on whose behalf the call was made"). Events of the
 * fixture src/test/resources/fixtures/idc/events.json.
 */
class OnBehalfOfFilterTest {
  private static final Path EVENTS = Path.of("src/test/resources/fixtures/idc/events.json");
  private static final String ALICE = "94482488-3041-7026-18f3-be45837cd0e4";

  @TempDir Path tmp;

  private CaseStore imported() {
    CaseStore store = CaseStore.open(tmp.resolve("case"));
    ImportReport r = store.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withIpEnricher(null))
        .importPaths(List.of(EVENTS), ImportListener.NONE);
    assertThat(r.added()).isEqualTo(20);
    return store;
  }

  private static List<String> ids(CaseStore store, String filter) throws Exception {
    return store.queries().page(FilterParser.parse(filter), EventQueries.Sort.TIME_ASC, 0, 100).stream()
        .map(EventRow::eventId).sorted().toList();
  }

  @Test
  void theHumanAnIdentityEnhancedSessionActsForFindsItsCallsAndThePortalCalls() throws Exception {
    try (CaseStore store = imported()) {
      // the user id alone is found inside the identity store user's ARN, as a principal's part is
      assertThat(ids(store, "onBehalfOf:" + ALICE))
          .containsExactly("idc-enhanced-call", "idc-portal-alice-getrole", "idc-portal-alice-list");
      assertThat(ids(store, "userIdentity.onBehalfOf.userId:" + ALICE)).hasSize(3);
      assertThat(ids(store, "onBehalfOf:\"arn:aws:identitystore::999988887777:user/c4d8e438-a011-70b4-1f44-9e5f1e2a6b01\""))
          .containsExactly("idc-portal-bob-getrole");
      // a record that names no identity store: its bare user id
      assertThat(ids(store, "userIdentity.onBehalfOf:e1f2a3b4-5061-7082-93a4-b5c6d7e8f901"))
          .containsExactly("idc-portal-nostore");
      // the role session is still the session's principal; it acts for alice
      assertThat(ids(store, "onBehalfOf:" + ALICE + " AND principal:AnalyticsAppRole")).containsExactly("idc-enhanced-call");
      assertThat(ids(store, "NOT onBehalfOf:*")).hasSize(15);
    }
  }

  @Test
  void aCaseImportedBeforeTheFieldWasKeptRefusesTheFilterInsteadOfAnsweringNothing() throws Exception {
    try (CaseStore store = imported()) {
      try (Connection c = store.connection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM case_setting WHERE name = '" + EventQueries.ON_BEHALF_OF_KEPT + "'");
      }
      store.queries().changed();
      assertThatThrownBy(() -> ids(store, "onBehalfOf:" + ALICE)).isInstanceOf(StoreException.class)
          .hasMessageContaining("userIdentity.onBehalfOf").hasMessageContaining("new case");
      // the other fields still answer
      assertThat(ids(store, "principal:AnalyticsAppRole")).contains("idc-enhanced-call");
    }
  }

  @Test
  void anEmptyCaseAnswersNothingWithoutComplaint() throws Exception {
    try (CaseStore store = CaseStore.open(tmp.resolve("empty"))) {
      assertThat(ids(store, "onBehalfOf:" + ALICE)).isEmpty();
    }
  }
}
