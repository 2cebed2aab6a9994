package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.enrich.IpKind;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the analyst keeps in a case (findings, tags, saved filters) and the IP enrichment stored
 * at import, on the bundled sample case (samples/README.md).
 */
class AnalystWorkStoreTest {
  @TempDir static Path sampleDir;
  @TempDir Path tmp;
  static CaseStore sample;
  static ImportReport sampleImport;

  @BeforeAll
  static void importSample() {
    sample = CaseStore.open(sampleDir);
    sampleImport = CaseStoreTest.importInto(sample, Path.of("samples/case"));
  }

  @org.junit.jupiter.api.AfterAll
  static void close() {
    sample.close();
  }

  static Finding detection(String id, Severity s, String eventId, Instant t) {
    return new Finding(id, "root-account-use", "Root used", s, FindingStatus.OPEN, "summary " + id, "why", "",
        List.of(new Evidence.Event(eventId, "111122223333", t, "iam.amazonaws.com", "CreateUser", "us-east-1",
            "arn:aws:iam::111122223333:root", null, "198.51.100.1", "cli", "Success")),
        1, t, t, Instant.parse("2026-11-01T00:00:00Z"), List.of("https://example.com/doc"));
  }

  // ---------------------------------------------------------------- findings

  @Test
  void findingsSurviveReopeningTheCaseWithEveryField() {
    Path dir = tmp.resolve("c");
    Finding f = detection("r1|a", Severity.HIGH, "e1", Instant.parse("2026-10-03T10:00:00Z"))
        .withAddedEvidence(new Evidence.Principal("arn:aws:iam::1:user/x"), new Evidence.AccessKey("AKIAX"),
            new Evidence.Session("ASIAX", "OpsAdminRole/ci-maint"),
            new Evidence.Reference(Evidence.ReferenceKind.DECISION_TRACE, "e1|iam:CreateUser", "Allowed by AdministratorAccess"));
    try (CaseStore s = CaseStore.open(dir)) {
      CaseFindings.mergeDetections(s, List.of(f));
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseFindings.findings(s)).containsExactly(f);
    }
  }

  @Test
  void reRunningDetectionsKeepsTheAnalystsStatusNotesAndEditsAndRefreshesTheEvidence() {
    try (CaseStore s = CaseStore.open(tmp.resolve("merge"))) {
      Instant t = Instant.parse("2026-10-03T10:00:00Z");
      CaseFindings.Merge first = CaseFindings.mergeDetections(s, List.of(detection("a", Severity.HIGH, "e1", t),
          detection("b", Severity.LOW, "e2", t)));
      assertThat(first).isEqualTo(new CaseFindings.Merge(2, 0, 0));

      Finding a = CaseFindings.byId(s, "a").orElseThrow();
      CaseFindings.save(s, a.withStatus(FindingStatus.CONFIRMED).withNotes("leaked key").withSeverity(Severity.CRITICAL)
          .withAddedEvidence(new Evidence.Reference(Evidence.ReferenceKind.GRAPH_PATH, "p", "ci-deploy → OpsAdminRole")));

      Finding rerunA = detection("a", Severity.HIGH, "e3", t.plusSeconds(60));
      CaseFindings.Merge second = CaseFindings.mergeDetections(s, List.of(rerunA));
      assertThat(second).isEqualTo(new CaseFindings.Merge(0, 1, 1));

      Finding stored = CaseFindings.byId(s, "a").orElseThrow();
      assertThat(stored.status()).isEqualTo(FindingStatus.CONFIRMED);
      assertThat(stored.notes()).isEqualTo("leaked key");
      assertThat(stored.severity()).as("edited severity kept").isEqualTo(Severity.CRITICAL);
      assertThat(stored.eventIds()).as("evidence refreshed from the run").containsExactly("e3");
      assertThat(stored.referencesToCase()).extracting(Evidence.Reference::id).containsExactly("p");

      CaseFindings.Stored b = CaseFindings.list(s).stream().filter(x -> x.finding().id().equals("b")).findFirst().orElseThrow();
      assertThat(b.detected()).as("b no longer detected, but kept").isFalse();
    }
  }

  @Test
  void aNotEditedDetectionTakesTheRulesNewSeverity() {
    try (CaseStore s = CaseStore.open(tmp.resolve("sev"))) {
      Instant t = Instant.parse("2026-10-03T10:00:00Z");
      CaseFindings.mergeDetections(s, List.of(detection("a", Severity.HIGH, "e1", t)));
      CaseFindings.mergeDetections(s, List.of(detection("a", Severity.MEDIUM, "e1", t)));
      assertThat(CaseFindings.byId(s, "a").orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
    }
  }

  @Test
  void manualFindingsAreAppendedReorderedAndDeleted() {
    try (CaseStore s = CaseStore.open(tmp.resolve("manual"))) {
      Instant t = Instant.parse("2026-10-03T10:00:00Z");
      CaseFindings.mergeDetections(s, List.of(detection("a", Severity.HIGH, "e1", t)));
      CaseFindings.save(s, Finding.manual("m1", "Backdoor user", Severity.CRITICAL, "svc-backup created", t));
      CaseFindings.save(s, Finding.manual("m2", "Trail stopped", Severity.HIGH, "", t));
      assertThat(CaseFindings.findings(s)).extracting(Finding::id).containsExactly("a", "m1", "m2");

      CaseFindings.move(s, "m2", 0);
      assertThat(CaseFindings.findings(s)).extracting(Finding::id).containsExactly("m2", "a", "m1");

      CaseFindings.mergeDetections(s, List.of());
      assertThat(CaseFindings.list(s)).filteredOn(x -> x.finding().id().equals("m1"))
          .extracting(CaseFindings.Stored::detected).as("manual findings are never 'no longer detected'").containsExactly(true);

      CaseFindings.delete(s, "a");
      assertThat(CaseFindings.findings(s)).extracting(Finding::id).containsExactly("m2", "m1");

      Finding withEvent = CaseFindings.addEvidence(s, "m1", List.of(new Evidence.AccessKey("AKIARFWHS3K5CEKMQEQK")));
      assertThat(withEvent.accessKeys()).containsExactly("AKIARFWHS3K5CEKMQEQK");
      assertThat(CaseFindings.byId(s, "m1").orElseThrow().accessKeys()).containsExactly("AKIARFWHS3K5CEKMQEQK");
      assertThatThrownBy(() -> CaseFindings.addEvidence(s, "nope", List.of())).hasMessageContaining("no finding nope");
    }
  }

  // ---------------------------------------------------------------- tags and saved filters

  @Test
  void tagsAreKeptPerEventAndFilterable() throws Exception {
    long createUser = sample.queries().rowIdsByEventId("0b0a3749-6e78-4f71-aedf-ca6f493f89a9").get(0);
    long stopLogging = sample.queries().rowIdsByEventId("df4199c7-7b89-4c87-8698-9cc5d75feab4").get(0);
    CaseTags.tag(sample, createUser, CaseTags.BOOKMARK, null);
    CaseTags.tag(sample, createUser, "persistence", "backdoor user");
    CaseTags.tag(sample, stopLogging, "defense-evasion", null);
    try {
      assertThat(CaseStoreTest.count(sample, "tag:bookmark")).isEqualTo(1);
      assertThat(CaseStoreTest.count(sample, "tag:BOOKMARK")).as("case-insensitive").isEqualTo(1);
      assertThat(CaseStoreTest.count(sample, "tag:de*")).isEqualTo(1);
      assertThat(CaseStoreTest.count(sample, "tag:*")).isEqualTo(2);
      assertThat(sample.queries().page(io.github.trailbench.core.query.FilterParser.parse("tag:persistence"),
          EventQueries.Sort.TIME_ASC, 0, 10)).extracting(EventRow::eventId)
          .containsExactly("0b0a3749-6e78-4f71-aedf-ca6f493f89a9");

      Map<Long, List<CaseTags.EventTag>> tags = CaseTags.of(sample, List.of(createUser, stopLogging, 999_999_999L));
      assertThat(tags.get(createUser)).extracting(CaseTags.EventTag::tag).containsExactly("bookmark", "persistence");
      assertThat(tags.get(createUser).get(1).note()).isEqualTo("backdoor user");
      assertThat(tags).doesNotContainKey(999_999_999L);
      assertThat(CaseTags.counts(sample)).extracting(EventQueries.ValueCount::value)
          .containsExactlyInAnyOrder("bookmark", "persistence", "defense-evasion");

      CaseTags.untag(sample, createUser, CaseTags.BOOKMARK);
      assertThat(CaseStoreTest.count(sample, "tag:bookmark")).isZero();
    } finally {
      CaseTags.untag(sample, createUser, "persistence");
      CaseTags.untag(sample, stopLogging, "defense-evasion");
    }
  }

  @Test
  void badTagsAndUnknownEventsAreRefusedWithAReason() {
    assertThatThrownBy(() -> CaseTags.tag(sample, 1, "two words", null)).hasMessageContaining("not a tag");
    assertThatThrownBy(() -> CaseTags.tag(sample, 1, "=cmd()", null)).hasMessageContaining("not a tag");
    assertThatThrownBy(() -> CaseTags.tag(sample, 999_999_999L, "ok", null)).hasMessageContaining("no event");
  }

  @Test
  void savedFiltersRoundTripAndOnlyValidFiltersAreSaved() {
    try (CaseStore s = CaseStore.open(tmp.resolve("filters"))) {
      CaseSavedFilters.save(s, "attacker", "ip:203.0.113.77 AND NOT readOnly:true");
      CaseSavedFilters.save(s, "Denied", "error:AccessDenied*");
      CaseSavedFilters.save(s, "attacker", "ip:203.0.113.77");
      assertThat(CaseSavedFilters.list(s)).containsExactly(
          new CaseSavedFilters.SavedFilter("attacker", "ip:203.0.113.77"),
          new CaseSavedFilters.SavedFilter("Denied", "error:AccessDenied*"));
      assertThatThrownBy(() -> CaseSavedFilters.save(s, "broken", "eventName:(")).hasMessageContaining("at character");
      assertThatThrownBy(() -> CaseSavedFilters.save(s, " ", "eventName:x")).hasMessageContaining("name");
      CaseSavedFilters.delete(s, "Denied");
      assertThat(CaseSavedFilters.list(s)).extracting(CaseSavedFilters.SavedFilter::name).containsExactly("attacker");
    }
  }

  // ---------------------------------------------------------------- IP enrichment

  @Test
  void importEnrichesEveryDistinctSourceAddressOnceAndRecordsTheData() {
    assertThat(sampleImport.ipNote()).isNull();
    assertThat(sampleImport.ipEnrichment().enriched()).isEqualTo(sampleImport.ipEnrichment().distinctAddresses()).isPositive();
    assertThat(CaseIpInfo.sources(sample)).anySatisfy(l -> assertThat(l).startsWith("country: "));

    IpInfo attacker = CaseIpInfo.of(sample, "203.0.113.77").orElseThrow();
    assertThat(attacker.kind()).as("TEST-NET-3 documentation range").isEqualTo(IpKind.RESERVED);
    IpInfo service = CaseIpInfo.of(sample, "config.amazonaws.com").orElseThrow();
    assertThat(service.kind()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(service.awsOwned()).isTrue();
    IpInfo internal = CaseIpInfo.of(sample, "10.20.12.34").orElseThrow();
    assertThat(internal.kind()).isEqualTo(IpKind.PRIVATE);
    assertThat(CaseIpInfo.of(sample, "192.0.2.200")).as("not in the case").isEmpty();

    CaseIpInfo.Run again = CaseIpInfo.enrichMissing(sample, IpEnricher.bundled());
    assertThat(again.enriched()).as("nothing left to enrich").isZero();
  }

  @Test
  void storedEnrichmentMatchesAFreshLookupAndFeedsTheFilters() throws Exception {
    IpEnricher fresh = IpEnricher.bundled();
    List<IpInfo> stored = CaseIpInfo.all(sample);
    assertThat(stored).isNotEmpty();
    for (IpInfo s : stored) {
      IpInfo f = fresh.enrich(s.input());
      assertThat(s.countryCode()).as(s.input()).isEqualTo(f.countryCode());
      assertThat(s.asn()).as(s.input()).isEqualTo(f.asn());
      assertThat(s.awsOwned()).as(s.input()).isEqualTo(f.awsOwned());
    }
    IpInfo awsAddress = CaseIpInfo.of(sample, "52.212.44.19").orElseThrow();
    assertThat(awsAddress.awsOwned()).as("52.212.44.19 is in Amazon's AS").isTrue();
    assertThat(awsAddress.countryCode()).isNotNull();

    // country:CC counts the events of exactly the addresses enriched with CC
    String cc = awsAddress.countryCode();
    long byAddresses = 0;
    for (IpInfo s : stored) {
      if (cc.equals(s.countryCode())) {
        byAddresses += CaseStoreTest.count(sample, "ip:\"" + s.input() + "\"");
      }
    }
    assertThat(CaseStoreTest.count(sample, "country:" + cc.toLowerCase())).isEqualTo(byAddresses).isPositive();

    long byAsn = 0;
    long awsTrue = 0;
    for (IpInfo s : stored) {
      long n = CaseStoreTest.count(sample, "ip:\"" + s.input() + "\"");
      if (awsAddress.asn().equals(s.asn())) {
        byAsn += n;
      }
      if (s.awsOwned()) {
        awsTrue += n;
      }
    }
    assertThat(CaseStoreTest.count(sample, "asn:" + awsAddress.asn())).isEqualTo(byAsn);
    assertThat(CaseStoreTest.count(sample, "asn:AS" + awsAddress.asn())).isEqualTo(byAsn);
    assertThat(CaseStoreTest.count(sample, "asn:amazon")).as("organisation name, contained").isEqualTo(byAsn);
    assertThat(CaseStoreTest.count(sample, "aws:true")).isEqualTo(awsTrue).isGreaterThan(byAsn);
    assertThat(CaseStoreTest.count(sample, "aws:true AND ip:203.0.113.77")).isZero();
    assertThat(CaseStoreTest.count(sample, "aws:false AND ip:203.0.113.77")).isEqualTo(214);
  }

  @Test
  void autocompleteOffersEnrichmentValuesAndTagsWithTheirEventCounts() throws Exception {
    List<EventQueries.ValueCount> countries = sample.queries().distinctValues(io.github.trailbench.core.query.Field.COUNTRY, "", 20);
    assertThat(countries).isNotEmpty();
    for (EventQueries.ValueCount v : countries) {
      assertThat(v.count()).as(v.value()).isEqualTo(CaseStoreTest.count(sample, "country:" + v.value()));
    }
    List<EventQueries.ValueCount> aws = sample.queries().distinctValues(io.github.trailbench.core.query.Field.AWS, "", 5);
    assertThat(aws).extracting(EventQueries.ValueCount::value).containsExactlyInAnyOrder("true", "false");
    for (EventQueries.ValueCount v : aws) {
      assertThat(v.count()).as(v.value()).isEqualTo(CaseStoreTest.count(sample, "aws:" + v.value()));
    }
    List<EventQueries.ValueCount> asns = sample.queries().distinctValues(io.github.trailbench.core.query.Field.ASN, "165", 5);
    assertThat(asns).extracting(EventQueries.ValueCount::value).contains("16509");
    assertThat(asns.get(0).count()).isEqualTo(CaseStoreTest.count(sample, "asn:" + asns.get(0).value()));

    long row = sample.queries().rowIdsByEventId("df4199c7-7b89-4c87-8698-9cc5d75feab4").get(0);
    CaseTags.tag(sample, row, "evasion", null);
    try {
      assertThat(sample.queries().distinctValues(io.github.trailbench.core.query.Field.TAG, "ev", 5))
          .containsExactly(new EventQueries.ValueCount("evasion", 1));
    } finally {
      CaseTags.untag(sample, row, "evasion");
    }
  }

  @Test
  void reEnrichingWithoutDatabasesLeavesCountriesUnknownWithANote() {
    try (CaseStore s = CaseStore.open(tmp.resolve("noDb"))) {
      CaseStoreTest.importInto(s, Path.of("samples/case/AWSLogs"));
      IpEnricher none = IpEnricher.builder().withoutCountryDb().withoutAsnDb().build();
      CaseIpInfo.Run run = CaseIpInfo.enrichAll(s, none);
      assertThat(run.enriched()).isEqualTo(run.distinctAddresses());
      IpInfo i = CaseIpInfo.of(s, "52.212.44.19").orElseThrow();
      assertThat(i.countryCode()).isNull();
      assertThat(i.notes()).anySatisfy(n -> assertThat(n).contains("no country database configured"));
      assertThat(CaseIpInfo.sources(s)).anySatisfy(l -> assertThat(l).startsWith("country: not configured"));
    }
  }
}
