package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseStoreTest {
  @TempDir Path tmp;

  static ImportReport importInto(CaseStore s, Path... paths) {
    return s.importer(DefaultEventFacts.deriver()).importPaths(List.of(paths), ImportListener.NONE);
  }

  static long count(CaseStore s, String filter) throws Exception {
    return s.queries().count(FilterParser.parse(filter));
  }

  /** The first column of the first row of {@code sql}, as text (null when there is no row). */
  static String scalar(CaseStore s, String sql) throws Exception {
    try (Connection c = s.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A case as an older version wrote it: the migrations up to {@code version} only (the caller disposes the pool). */
  static org.h2.jdbcx.JdbcConnectionPool caseAtVersion(Path dir, String version) throws Exception {
    Files.createDirectories(dir);
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(
        "jdbc:h2:file:" + dir.resolve(CaseStore.DB_NAME), "sa", "");
    org.flywaydb.core.Flyway.configure().dataSource(pool).locations("classpath:db/migration").target(version).load().migrate();
    return pool;
  }

  private static final String NEWEST_MIGRATION = "SELECT MAX(\"version\") FROM \"flyway_schema_history\" WHERE \"success\"";

  @Test
  void createsACaseInAnAbsentOrEmptyDirectoryAndReopensIt() throws Exception {
    Path dir = tmp.resolve("new-case");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
    }
    assertThat(dir.resolve("case.mv.db")).exists();
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(count(s, "")).isEqualTo(3);
      assertThat(s.queries().ledger()).hasSize(1);
    }
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    try (CaseStore s = CaseStore.open(empty)) {
      assertThat(count(s, "")).isZero();
    }
  }

  @Test
  void aVersion1CaseGainsTheAnalystTablesAndKeepsItsEvents() throws Exception {
    Path dir = tmp.resolve("v1");
    org.h2.jdbcx.JdbcConnectionPool pool = caseAtVersion(dir, "1");
    try {
      try (Connection c = pool.getConnection()) {
        c.createStatement().executeUpdate("INSERT INTO term(id, kind, text) VALUES (1, 8, '203.0.113.77')");
      }
    } finally {
      pool.dispose();
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(scalar(s, NEWEST_MIGRATION)).isEqualTo(CaseStore.SCHEMA_VERSION);
      assertThat(CaseFindings.findings(s)).isEmpty();
      assertThat(CaseSavedFilters.list(s)).isEmpty();
      CaseIpInfo.Run run = CaseIpInfo.enrichMissing(s, io.github.trailbench.core.enrich.IpEnricher.bundled());
      assertThat(run.enriched()).as("the V1 case's addresses are enriched on demand").isEqualTo(1);
    }
  }

  /**
   * Rule: opening skips Flyway only when the case is at the schema version this code writes; a
   * new migration must raise {@code CaseStore.SCHEMA_VERSION}, or old cases would not migrate.
   */
  @Test
  void theSchemaVersionThatSkipsMigrationIsTheNewestMigration() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("fresh"))) {
      assertThat(scalar(s, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" WHERE \"success\""))
          .isEqualTo(CaseStore.SCHEMA_VERSION);
    }
    // a current case reopens without Flyway and still works
    try (CaseStore s = CaseStore.open(tmp.resolve("fresh"))) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(count(s, "")).isEqualTo(3);
    }
  }

  @Test
  void refusesANonEmptyDirectoryThatIsNotACase() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("stuff"));
    Files.writeString(dir.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> CaseStore.open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("neither a Trailbench case");
  }

  /** Found by the crash harness: an import killed while the new case's template was being copied. */
  @Test
  void aCreationKilledWhileTheTemplateWasCopiedLeavesADirectoryThatBecomesACase() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("half"));
    Files.write(dir.resolve("case.mv.db.template"), new byte[] {1, 2, 3});
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(count(s, "")).isEqualTo(3);
    }
    assertThat(dir.resolve("case.mv.db.template")).doesNotExist();
  }

  @Test
  void aCaseOfTheNextVersionStepIsMigratedWhenOpened() throws Exception {
    Path dir = tmp.resolve("c");
    try (CaseStore s = CaseStore.open(dir)) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(scalar(s, "SELECT MAX(\"version\") FROM \"flyway_schema_history\"")).isEqualTo(CaseStore.SCHEMA_VERSION);
    }
    // the "new version" brings a V99 migration: the case opens, migrates, keeps its data
    try (CaseStore s = CaseStore.open(dir, List.of("classpath:db/test-migration"))) {
      assertThat(scalar(s, NEWEST_MIGRATION)).isEqualTo("99");
      assertThat(scalar(s, "SELECT SUM(row_count) FROM event_block WHERE test_note IS NULL")).isEqualTo("3");
      assertThat(count(s, "principal:*alice")).isEqualTo(2);
      assertThat(s.queries().rawJsonByEventId("11111111-0000-0000-0000-000000000002")).isPresent();
    }
  }

  /**
   * Rule: a version-2 case (one SQL row per event) opens in this version with its events
   * converted to column blocks: same row ids, so tags still point at their events; facts, terms
   * and raw records (kept whole or as slices of the kept file) all survive.
   */
  @Test
  void aVersion2CaseHasItsEventRowsConvertedToBlocks() throws Exception {
    Path dir = tmp.resolve("v2");
    org.h2.jdbcx.JdbcConnectionPool pool = caseAtVersion(dir, "2");
    String first = "{\"eventVersion\":\"1.08\",\"eventID\":\"e-1\",\"eventTime\":\"2026-10-03T10:00:00Z\","
        + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\","
        + "\"recipientAccountId\":\"111122223333\",\"sourceIPAddress\":\"203.0.113.9\"}";
    String second = first.replace("e-1", "e-2").replace("CreateUser", "ListUsers").replace("10:00:00", "10:05:00");
    byte[] content = ("{\"Records\":[" + second + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      try (Connection c = pool.getConnection()) {
        var st = c.createStatement();
        st.executeUpdate("INSERT INTO term(id, kind, text) VALUES (1, 1, '111122223333'), (2, 2, 'iam.amazonaws.com'),"
            + " (3, 3, 'CreateUser'), (4, 3, 'ListUsers'), (5, 13, 'iam:CreateUser'), (6, 14, 'arn:aws:iam::111122223333:user/x'),"
            + " (7, 13, 'iam:ListUsers'), (8, 8, '203.0.113.9')");
        var f = c.prepareStatement("INSERT INTO source_file(id, path, sha256, size_bytes, content_bytes, format, gzip,"
            + " imported_at, records_read, added, duplicates, rejected, content) VALUES (?, ?, ?, ?, ?, 'CLOUDTRAIL_RECORDS',"
            + " FALSE, CURRENT_TIMESTAMP, 1, 1, 0, 0, ?)");
        for (int id = 1; id <= 2; id++) {
          f.setInt(1, id);
          f.setString(2, "/f" + id);
          f.setString(3, String.valueOf(id).repeat(64));
          f.setLong(4, content.length);
          f.setLong(5, content.length);
          f.setBytes(6, id == 2 ? content : null);
          f.executeUpdate();
        }
        var e = c.prepareStatement("INSERT INTO event(id, file_id, record_index, event_id, account, event_time,"
            + " event_source, event_name, source_ip, read_only, raw_offset, raw_length, raw_json) VALUES (?,?,0,?,1,?,2,?,8,?,?,?,?)");
        e.setLong(1, 7);
        e.setInt(2, 1);
        e.setString(3, "e-1");
        e.setLong(4, java.time.Instant.parse("2026-10-03T10:00:00Z").toEpochMilli());
        e.setInt(5, 3);
        e.setBoolean(6, false);
        e.setNull(7, java.sql.Types.BIGINT);
        e.setNull(8, java.sql.Types.INTEGER);
        e.setString(9, first);
        e.executeUpdate();
        e.setLong(1, 9);
        e.setInt(2, 2);
        e.setString(3, "e-2");
        e.setLong(4, java.time.Instant.parse("2026-10-03T10:05:00Z").toEpochMilli());
        e.setInt(5, 4);
        e.setBoolean(6, true);
        e.setLong(7, "{\"Records\":[".length());
        e.setInt(8, second.length());
        e.setNull(9, java.sql.Types.CLOB);
        e.executeUpdate();
        st.executeUpdate("INSERT INTO event_fact(event_row, term) VALUES (7, 5), (7, 6), (9, 7)");
        st.executeUpdate("INSERT INTO event_tag(event_row, tag, created_at) VALUES (9, 'suspicious', CURRENT_TIMESTAMP)");
      }
    } finally {
      pool.dispose();
    }
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(scalar(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('EVENT', 'EVENT_FACT')"))
          .as("the row tables are gone").isEqualTo("0");
      try (Connection c = s.connection(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT DISTINCT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME IN ('EVENT_BLOCK', 'TERM_CHUNK')"
              + " AND COLUMN_NAME = 'DATA'")) {
        rs.next();
        assertThat(rs.getString(1)).as("V4: blocks and term chunks inline, not LOBs").isEqualTo("BINARY VARYING");
        assertThat(rs.next()).isFalse();
      }
      assertThat(count(s, "")).isEqualTo(2);
      assertThat(s.queries().event(7)).get().satisfies(r -> {
        assertThat(r.eventId()).isEqualTo("e-1");
        assertThat(r.eventName()).isEqualTo("CreateUser");
        assertThat(r.actions()).containsExactly("iam:CreateUser");
        assertThat(r.resources()).containsExactly("arn:aws:iam::111122223333:user/x");
        assertThat(r.readOnly()).isFalse();
        assertThat(r.sourceIp()).isEqualTo("203.0.113.9");
      });
      assertThat(count(s, "action:iam:ListUsers")).isEqualTo(1);
      assertThat(count(s, "tag:suspicious eventName:ListUsers")).isEqualTo(1);
      assertThat(s.queries().rawJson(7)).contains(first);
      assertThat(s.queries().rawJson(9)).contains(second);
      // and the converted case takes new imports after the old rows
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(count(s, "")).isEqualTo(5);
      assertThat(s.queries().rowIdsByEventId("11111111-0000-0000-0000-000000000002").get(0)).isGreaterThan(9);
    }
  }

  @Test
  void importsAnS3ExportTreeWithOrganizationTrailsAndDigests() throws Exception {
    Path root = tmp.resolve("export");
    Fixtures.s3File(root, "111122223333", "us-east-1", "a", Fixtures.records("a", 5));
    Fixtures.s3File(root.resolve("AWSLogs").resolve("o-abc123"), "444455556666", "eu-west-1", "b", Fixtures.records("b", 4));
    Fixtures.write(root.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/10/03/d.json.gz"),
        Fixtures.gzip(Fixtures.bytes("cloudtrail/digest.json")));
    Fixtures.write(root.resolve(".DS_Store"), "junk");
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      ImportReport r = importInto(s, root);
      assertThat(r.files()).hasSize(3);
      assertThat(r.added()).isEqualTo(9);
      assertThat(r.filesRejected()).isZero();
      FileOutcome digest = r.files().stream().filter(f -> "CLOUDTRAIL_DIGEST".equals(f.format())).findFirst().orElseThrow();
      assertThat(digest.status()).isEqualTo(FileOutcome.Status.SKIPPED);
      List<LedgerEntry> ledger = s.queries().ledger();
      assertThat(ledger).hasSize(3);
      assertThat(ledger).filteredOn(l -> l.format().equals("CLOUDTRAIL_DIGEST")).singleElement()
          .satisfies(l -> assertThat(l.note()).contains("digest"));
      assertThat(ledger).allSatisfy(l -> assertThat(l.sha256()).hasSize(64));
      assertThat(ledger).filteredOn(l -> l.format().equals("CLOUDTRAIL_RECORDS"))
          .allSatisfy(l -> assertThat(l.gzip()).isTrue());
    }
  }

  @Test
  void storedRawJsonIsByteIdenticalToTheSource() throws Exception {
    Path src = Fixtures.resource("cloudtrail/records.json");
    String content = Files.readString(src, StandardCharsets.UTF_8);
    Path gz = Fixtures.write(tmp.resolve("in/r.json.gz"), Fixtures.gzip(content.getBytes(StandardCharsets.UTF_8)));
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      importInto(s, gz, Fixtures.resource("cloudtrail/lookup-events.json"));
      for (String id : List.of("11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000003")) {
        String raw = s.queries().rawJsonByEventId(id).orElseThrow();
        assertThat(content).contains(raw);
        assertThat(raw).startsWith("{\"eventVersion\"").contains(id).endsWith("}");
      }
      // third record has non-ASCII text: slicing is by bytes, not chars
      assertThat(s.queries().rawJsonByEventId("11111111-0000-0000-0000-000000000003").orElseThrow()).contains("data/ü.csv");
    }
  }

  @Test
  void reimportingAFileOrAnOverlappingExportAddsNothingTwice() throws Exception {
    Path a = Fixtures.write(tmp.resolve("in/a.json"), Fixtures.records("x", 10));
    // overlapping: records x-5..x-9 again plus y-0..y-2, in a differently named (and gzip'd) file
    StringBuilder sb = new StringBuilder();
    String all = Fixtures.records("x", 10);
    List<String> recs = new java.util.ArrayList<>();
    for (int i = 5; i < 10; i++) {
      // the same records as in a (Fixtures.records): a copy of an event, not another record with its eventID
      recs.add(Fixtures.record("x-" + i, String.format("2026-10-03T10:%02d:00Z", i), i % 3 == 0 ? "DescribeInstances" : "RunInstances",
          i % 2 == 0 ? "alice" : "bob"));
    }
    recs.add(Fixtures.record("y-0", "2026-10-03T11:00:00Z", "RunInstances", "bob"));
    Path b = Fixtures.write(tmp.resolve("in/b.json.gz"), Fixtures.gzip(Fixtures.records(recs).getBytes(StandardCharsets.UTF_8)));
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      ImportReport r1 = importInto(s, a);
      assertThat(r1.added()).isEqualTo(10);
      ImportReport r2 = importInto(s, b);
      assertThat(r2.added()).isEqualTo(1);
      assertThat(r2.duplicates()).isEqualTo(5);
      assertThat(count(s, "")).isEqualTo(11);
      ImportReport r3 = importInto(s, a);
      assertThat(r3.files()).singleElement().satisfies(f -> {
        assertThat(f.status()).isEqualTo(FileOutcome.Status.SKIPPED);
        assertThat(f.note()).contains("identical content").contains(a.toString());
      });
      assertThat(count(s, "")).isEqualTo(11);
      assertThat(s.queries().ledger()).hasSize(2);
    }
    assertThat(all).isNotEmpty();
    assertThat(sb).isEmpty();
  }

  @Test
  void sameEventIdInAnotherAccountIsADifferentEvent() throws Exception {
    String r1 = Fixtures.record("same", "2026-10-03T10:00:00Z", "X", "alice");
    String r2 = r1.replace("\"recipientAccountId\":\"111122223333\"", "\"recipientAccountId\":\"999988887777\"");
    Path f = Fixtures.write(tmp.resolve("in/a.json"), Fixtures.records(List.of(r1, r2, r1)));
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      ImportReport r = importInto(s, f);
      assertThat(r.added()).isEqualTo(2);
      assertThat(r.duplicates()).isEqualTo(1);
      assertThat(s.queries().rowIdsByEventId("same")).hasSize(2);
      assertThat(count(s, "account:999988887777")).isEqualTo(1);
    }
  }

  @Test
  void everyEventFormatLandsInTheSameTable() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      ImportReport r = importInto(s, Fixtures.resource("cloudtrail/lake-results.json"),
          Fixtures.resource("cloudtrail/events.jsonl"), Fixtures.resource("cloudtrail/console-history.csv"),
          Fixtures.resource("cloudtrail/event-array.json"));
      assertThat(r.filesRejected()).isZero();
      // lake 3 + jsonl 2 (1 rejected) + csv 2 (1 rejected) + array 2, with overlaps by eventID
      assertThat(r.rejected()).isEqualTo(2);
      assertThat(count(s, "eventId:33333333-0000-0000-0000-000000000001")).isEqualTo(1);
      assertThat(count(s, "eventName:Decrypt")).isEqualTo(1);
      assertThat(s.queries().rejects()).hasSize(2);
      String csvRaw = s.queries().rawJsonByEventId("33333333-0000-0000-0000-000000000001").orElseThrow();
      assertThat(csvRaw).contains("consoleCsvRow");
    }
  }

  @Test
  void iamInputsAreValidatedAndKeptRaw() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      ImportReport r = importInto(s, Fixtures.resource("iam/credential-report.csv"),
          Fixtures.resource("iam/authorization-details.json"), Fixtures.resource("iam/organization.json"));
      assertThat(r.filesRejected()).isZero();
      List<IamSource> iam = s.queries().iamSources();
      assertThat(iam).extracting(IamSource::kind)
          .containsExactly("CREDENTIAL_REPORT", "IAM_AUTHORIZATION_DETAILS", "ORGANIZATION_MANIFEST");
      assertThat(iam.get(0).content()).isEqualTo(Fixtures.bytes("iam/credential-report.csv"));
      assertThat(s.queries().ledger()).hasSize(3);
    }
  }

  @Test
  void iamCheckIsPluggable() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      var opts = CaseStore.ImportOptions.defaults().withIamCheck((kind, file, content) -> {
        throw new io.github.trailbench.core.model.SourceFormatException(
            new io.github.trailbench.core.model.SourceProblem(file, "Policies[0]", "strict reader says no"));
      });
      ImportReport r = s.importer(DefaultEventFacts.deriver(), opts)
          .importPaths(List.of(Fixtures.resource("iam/authorization-details.json")), ImportListener.NONE);
      assertThat(r.errors()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("strict reader says no"));
      assertThat(s.queries().iamSources()).isEmpty();
    }
  }

  @Test
  void queryApiCountsPagesHistogramsAndDistinctValues() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      EventQueries q = s.queries();
      Expr all = new Expr.All();
      List<EventRow> page = q.page(all, EventQueries.Sort.TIME_DESC, 0, 2);
      assertThat(page).extracting(EventRow::eventName).containsExactly("GetObject", "CreateAccessKey");
      EventRow cak = page.get(1);
      assertThat(cak.principalArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
      assertThat(cak.accessKeyId()).isEqualTo("ASIAEXAMPLESESSION01");
      assertThat(cak.sessionId()).isEqualTo("ASIAEXAMPLESESSION01");
      assertThat(cak.actions()).containsExactly("iam:CreateAccessKey");
      assertThat(cak.resources()).containsExactly("arn:aws:iam::111122223333:user/bob");
      assertThat(cak.identityType()).isEqualTo("AssumedRole");
      assertThat(cak.readOnly()).isFalse();
      assertThat(q.page(all, EventQueries.Sort.TIME_ASC, 2, 10)).extracting(EventRow::eventName).containsExactly("GetObject");

      List<EventQueries.Bucket> h = q.histogram(all, Instant.parse("2026-10-03T10:00:00Z"),
          Instant.parse("2026-10-03T12:00:00Z"), Duration.ofHours(1));
      assertThat(h).extracting(EventQueries.Bucket::count).containsExactly(2L, 1L);
      assertThat(q.timeRange(all)).get().satisfies(tr -> {
        assertThat(tr.first()).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
        assertThat(tr.last()).isEqualTo(Instant.parse("2026-10-03T11:30:00Z"));
      });
      assertThat(q.distinctValues(Field.EVENT_SOURCE, "", 10)).extracting(EventQueries.ValueCount::value)
          .containsExactly("s3.amazonaws.com", "iam.amazonaws.com");
      assertThat(q.distinctValues(Field.PRINCIPAL, "ARN:AWS:IAM", 10)).extracting(EventQueries.ValueCount::value)
          .containsExactlyInAnyOrder("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/mallory");
      assertThat(q.distinctValues(Field.ACTION, "s3:", 10)).extracting(EventQueries.ValueCount::value)
          .containsExactlyInAnyOrder("s3:ListAllMyBuckets", "s3:GetObject");
      assertThat(q.distinctValues(Field.READ_ONLY, null, 10)).hasSize(2);
      long row = cak.rowId();
      assertThat(q.event(row)).get().isEqualTo(cak);
      assertThat(q.rawJson(row)).get().asString().contains("\"eventName\":\"CreateAccessKey\"");
    }
  }

  @Test
  void filtersCompileToSqlThatSelectsTheRightEvents() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      importInto(s, Fixtures.resource("cloudtrail/records.json"));
      assertThat(count(s, "eventName:GetObject")).isEqualTo(1);
      assertThat(count(s, "eventname:getobject")).isEqualTo(1);
      assertThat(count(s, "eventName:Get*")).isEqualTo(1);
      assertThat(count(s, "eventName:?etObject")).isEqualTo(1);
      assertThat(count(s, "eventSource:s3.amazonaws.com")).isEqualTo(2);
      assertThat(count(s, "error:*")).isEqualTo(1);
      assertThat(count(s, "error:none")).isEqualTo(2);
      assertThat(count(s, "NOT error:AccessDenied")).isEqualTo(2);
      assertThat(count(s, "readOnly:true")).isEqualTo(2);
      assertThat(count(s, "principal:\"arn:aws:iam::111122223333:user/alice\"")).isEqualTo(1);
      assertThat(count(s, "session:ASIAEXAMPLESESSION01 OR accessKey:AKIAEXAMPLEALICE0001")).isEqualTo(2);
      assertThat(count(s, "ip:203.0.113.7 region:us-east-1")).isEqualTo(2);
      assertThat(count(s, "ip:203.0.113.7 AND NOT (eventName:ListBuckets OR eventName:GetObject)")).isEqualTo(1);
      assertThat(count(s, "action:iam:CreateAccessKey")).isEqualTo(1);
      assertThat(count(s, "action:s3:*")).isEqualTo(2);
      assertThat(count(s, "resource:arn:aws:s3:::secret-bucket*")).isEqualTo(1);
      assertThat(count(s, "userAgent:Boto3*")).isEqualTo(1);
      assertThat(count(s, "identityType:AssumedRole")).isEqualTo(1);
      assertThat(count(s, "time>=2026-10-03T10:05Z")).isEqualTo(2);
      assertThat(count(s, "time>=2026-10-03T10:00Z time<2026-10-03T10:05Z")).isEqualTo(1);
      assertThat(count(s, "account:111122223333")).isEqualTo(3);
      assertThat(count(s, "mallory")).isEqualTo(1);
      // values never reach the SQL text
      assertThat(count(s, "eventName:\"x' OR '1'='1\"")).isZero();
      assertThat(count(s, "eventName:100%")).isZero();
    }
  }
}
