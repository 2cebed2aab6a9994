package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.correlate.PrincipalGraphBuilder;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The principal graph and the session links built from the columns and the correlation facts kept
 * at import are the ones built from every raw record (issue #23).
 */
class CorrelatedEventsTest {
  @TempDir Path tmp;

  private static final Path SAMPLE = Path.of("samples/case");

  static IamSnapshot sampleIam() throws Exception {
    List<io.github.trailbench.core.model.iam.IamSource> sources = new ArrayList<>();
    for (String f : List.of("iam/credential-report.csv", "iam/account-authorization-details.json", "org/organization.json",
        "policies/resource-policies.json")) {
      byte[] bytes = Files.readAllBytes(SAMPLE.resolve(f));
      sources.add(IamSources.read(IamSources.detect(f, bytes).orElseThrow(), f, bytes));
    }
    return IamSnapshot.of(sources);
  }

  private static PrincipalGraph graphFromRawRecords(CaseStore s, IamSnapshot iam) {
    PrincipalGraphBuilder b = new PrincipalGraphBuilder(iam);
    CaseEvents.forEach(s, new Expr.All(), b::add, p -> {});
    return b.build();
  }

  private static PrincipalGraph graphFromFacts(CaseStore s, IamSnapshot iam) {
    PrincipalGraphBuilder b = new PrincipalGraphBuilder(iam);
    CaseEvents.forEachCorrelated(s, new Expr.All(), b::add, p -> {});
    return b.build();
  }

  private static List<Session> sessionsFromRawRecords(CaseStore s, Expr filter) {
    SessionGraphBuilder b = new SessionGraphBuilder();
    CaseEvents.forEach(s, filter, b::add, p -> {});
    return new ArrayList<>(b.build().sessions());
  }

  private static List<Session> sessionsFromFacts(CaseStore s, Expr filter) {
    SessionGraphBuilder b = new SessionGraphBuilder();
    CaseEvents.forEachCorrelated(s, filter, b::add, p -> {});
    return new ArrayList<>(b.build().sessions());
  }

  private static PrincipalGraph graphFromAlikeGroups(CaseStore s, IamSnapshot iam) {
    PrincipalGraphBuilder b = new PrincipalGraphBuilder(iam);
    CaseEvents.forEachCorrelatedAlike(s, new Expr.All(), b, p -> {});
    return b.build();
  }

  private static List<Session> sessionsFromAlikeGroups(CaseStore s, Expr filter) {
    SessionGraphBuilder b = new SessionGraphBuilder();
    CaseEvents.forEachCorrelatedAlike(s, filter, b, p -> {});
    return new ArrayList<>(b.build().sessions());
  }

  /** The graph and the sessions from facts, event by event and in alike groups, are those from raw records. */
  private static void assertSameAsFromRawRecords(CaseStore s, IamSnapshot iam) {
    PrincipalGraph fromRaw = graphFromRawRecords(s, iam);
    assertThat(fromRaw.nodes()).isNotEmpty();
    assertThat(graphFromFacts(s, iam)).isEqualTo(fromRaw);
    assertThat(graphFromAlikeGroups(s, iam)).isEqualTo(fromRaw);
    List<Session> sessions = sessionsFromRawRecords(s, new Expr.All());
    assertThat(sessions).isNotEmpty();
    assertThat(sessionsFromFacts(s, new Expr.All())).isEqualTo(sessions);
    assertThat(sessionsFromAlikeGroups(s, new Expr.All())).isEqualTo(sessions);
    List<Session> issued = sessionsFromRawRecords(s, CaseSessionLinks.ISSUING);
    assertThat(sessionsFromFacts(s, CaseSessionLinks.ISSUING)).isEqualTo(issued);
    assertThat(sessionsFromAlikeGroups(s, CaseSessionLinks.ISSUING)).isEqualTo(issued);
  }

  @Test
  void theSampleCasesGraphAndSessionsFromFactsEqualThoseFromRawRecords() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, SAMPLE.resolve("AWSLogs"));
      assertSameAsFromRawRecords(s, sampleIam());
    }
  }

  @Test
  void aGeneratedTreesGraphAndSessionsFromFactsEqualThoseFromRawRecords() throws Exception {
    Path generator = Path.of("..", "shared", "bench", "gen-cloudtrail.py");
    if (!Files.isRegularFile(generator)) {
      generator = Path.of("/work/shared/bench/gen-cloudtrail.py");
    }
    assumeTrue(Files.isRegularFile(generator), "the shared generator is not beside the checkout");
    Path tree = tmp.resolve("tree");
    Process p = new ProcessBuilder("python3", generator.toString(), "--events", "1500", "--out", tree.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor()).isZero();
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, tree);
      assertThat(s.queries().count(new Expr.All())).isEqualTo(1500);
      assertSameAsFromRawRecords(s, sampleIam());
    }
  }

  /**
   * Records that exercise every fact: a console session (only its raw record says so), an Identity
   * Center user (read whole), STS calls that issue keys (reduced request and response, one with a
   * non-object credentials member and one with unreadable response text), a failed AssumeRole, a
   * time below the millisecond, a role chain.
   */
  @Test
  void unusualRecordsGiveTheSameGraphAndSessionsFromFacts() throws Exception {
    Path file = tmp.resolve("unusual.json");
    Files.writeString(file, "{\"Records\":[" + String.join(",", List.of(
        record("e1", "2026-10-01T10:00:00.123456789Z", "sts.amazonaws.com", "AssumeRole", null,
            "{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE0000000001\",\"userName\":\"alice\"}",
            "{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\",\"roleSessionName\":\"alice-1\",\"policy\":\"{}\"}",
            "{\"credentials\":{\"accessKeyId\":\"ASIAADMIN0000000001\",\"sessionToken\":\"x\",\"expiration\":\"Oct 1, 2026\"},"
                + "\"assumedRoleUser\":{\"assumedRoleId\":\"AROA1:alice-1\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice-1\"}}",
            ""),
        record("e2", "2026-10-01T10:05:00Z", "sts.amazonaws.com", "AssumeRole", null,
            "{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:alice-1\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice-1\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAADMIN0000000001\",\"sessionContext\":{\"sessionIssuer\":"
                + "{\"type\":\"Role\",\"principalId\":\"AROA1\",\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"accountId\":"
                + "\"111122223333\",\"userName\":\"Admin\"},\"attributes\":{\"creationDate\":\"2026-10-01T10:00:00Z\","
                + "\"mfaAuthenticated\":\"true\"}}}",
            "{\"roleArn\":\"arn:aws:iam::444455556666:role/Ops\",\"roleSessionName\":\"chain\",\"sourceIdentity\":\"alice\"}",
            "{\"credentials\":\"redacted\",\"assumedRoleUser\":{\"arn\":\"arn:aws:sts::444455556666:assumed-role/Ops/chain\"}}",
            ""),
        record("e3", "2026-10-01T10:06:00Z", "sts.amazonaws.com", "GetSessionToken", null,
            "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"AKIAALICE0000000001\",\"userName\":\"alice\"}",
            null, "\"not an object\"", ""),
        record("e4", "2026-10-01T10:07:00Z", "sts.amazonaws.com", "AssumeRole", "AccessDenied",
            "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"AKIABOB00000000001\",\"userName\":\"bob\"}",
            "{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\",\"roleSessionName\":\"bob\"}", null, ""),
        record("e5", "2026-10-01T10:08:00Z", "s3.amazonaws.com", "ListBuckets", null,
            "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/carol\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"ASIACONSOLE00000001\",\"userName\":\"carol\",\"sessionContext\":{\"attributes\":"
                + "{\"creationDate\":\"2026-10-01T09:00:00Z\",\"mfaAuthenticated\":\"false\"}}}",
            null, null, ",\"sessionCredentialFromConsole\":\"true\""),
        record("e6", "2026-10-01T10:09:00Z", "sso.amazonaws.com", "ListAccounts", null,
            "{\"type\":\"IdentityCenterUser\",\"accountId\":\"111122223333\",\"onBehalfOf\":{\"userId\":\"u-123\","
                + "\"identityStoreArn\":\"arn:aws:identitystore::111122223333:identitystore/d-1\"},\"credentialId\":\"c\"}",
            null, null, ""),
        record("e7", "2026-10-01T10:10:00Z", "ec2.amazonaws.com", "DescribeInstances", null,
            "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Web/i-0123456789abcdef0\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAWEB000000000001\",\"sessionContext\":{\"sessionIssuer\":"
                + "{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/Web\",\"userName\":\"Web\"},"
                + "\"ec2RoleDelivery\":\"2.0\"}}",
            null, null, ""),
        record("e8", "2026-10-01T10:11:00Z", "sts.amazonaws.com", "AssumeRole", null,
            "{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}",
            "{\"roleArn\":\"arn:aws:iam::111122223333:role/Web\",\"roleSessionName\":\"i-0123456789abcdef0\"}",
            "{\"credentials\":{\"accessKeyId\":\"ASIAWEB000000000002\"}}", ""))) + "]}", StandardCharsets.UTF_8);
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      assertThat(CaseStoreTest.importInto(s, file).added()).isEqualTo(8);
      assertSameAsFromRawRecords(s, IamSnapshot.of(List.of()));
      Map<String, Session> byKey = new HashMap<>();
      sessionsFromFacts(s, new Expr.All()).forEach(x -> byKey.put(x.accessKeyId(), x));
      assertThat(byKey.get("ASIACONSOLE00000001").origin().name()).isEqualTo("CONSOLE");
      assertThat(byKey.get("ASIAADMIN0000000001").parentKey()).isEqualTo("AKIAALICE0000000001");
      assertThat(byKey.get("ASIAADMIN0000000001").issuedAt()).hasToString("2026-10-01T10:00:00.123456789Z");
    }
  }

  private static String record(String id, String time, String source, String name, String error, String identity,
      String request, String response, String extra) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity + ",\"eventTime\":\"" + time + "\",\"eventSource\":\""
        + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\","
        + "\"userAgent\":\"aws-cli\"" + (error == null ? "" : ",\"errorCode\":\"" + error + "\"")
        + ",\"requestParameters\":" + request + ",\"responseElements\":" + response + ",\"eventID\":\"" + id + "\","
        + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"" + extra + "}";
  }

  /** Rule: the facts path reads no raw record: with the kept files' content gone it still sees every event. */
  @Test
  void eventsFromFactsNeedNoRawRecord() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, Fixtures.resource("cloudtrail/records.json"));
      long all = s.queries().count(new Expr.All());
      try (var c = s.connection(); var st = c.createStatement()) {
        st.executeUpdate("UPDATE source_file SET content = NULL");
      }
      List<CloudTrailEvent> fromFacts = new ArrayList<>();
      CaseEvents.forEachCorrelated(s, new Expr.All(), fromFacts::add, p -> {});
      List<SourceProblem> problems = new ArrayList<>();
      CaseEvents.forEach(s, new Expr.All(), e -> {}, problems::add);
      assertThat(fromFacts).hasSize((int) all);
      assertThat(problems).as("the raw path does need the content").isNotEmpty();
    }
  }

  /**
   * Rule: grouping alike events changes nothing that depends on order. A key used before and after
   * the call that issued it (the call's request names no session name, so the session name comes
   * back from the later use only); one caller with two keys whose 55 source addresses interleave
   * and repeat (only the first 50 are kept, ties shown in first-seen order); the same call repeated
   * within one millisecond at different nanoseconds.
   */
  @Test
  void alikeGroupsGiveTheGraphAndSessionsOfEventByEventInOrderSensitiveCases() throws Exception {
    String alice = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"%s\",\"userName\":\"alice\"}";
    String session = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/early\","
        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEARLY0000000001\",\"sessionContext\":{\"sessionIssuer\":"
        + "{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"userName\":\"Admin\"}}}";
    List<String> records = new ArrayList<>();
    records.add(record("u1", "2026-10-01T10:00:00Z", "s3.amazonaws.com", "ListBuckets", null, session, null, null, ""));
    records.add(record("i1", "2026-10-01T10:00:01Z", "sts.amazonaws.com", "AssumeRole", null, alice.formatted("AKIAALICE0000000001"),
        "{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\"}",
        "{\"credentials\":{\"accessKeyId\":\"ASIAEARLY0000000001\"},"
            + "\"assumedRoleUser\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/early\"}}", ""));
    records.add(record("u2", "2026-10-01T10:00:02Z", "s3.amazonaws.com", "ListBuckets", null, session, null, null, ""));
    for (int k = 0; k < 60; k++) {
      String key = k % 2 == 0 ? "AKIAALICE0000000001" : "AKIAALICE0000000002";
      records.add(record("a" + k, "2026-10-01T11:%02d:00Z".formatted(k), "ec2.amazonaws.com", "DescribeInstances", null,
          alice.formatted(key), null, null, "").replace("203.0.113.9", "198.51.100." + k % 55));
    }
    for (int k = 0; k < 4; k++) {
      records.add(record("r" + k, "2026-10-01T12:00:00.00100" + (4 - k) + "Z", "s3.amazonaws.com", "ListBuckets", null,
          alice.formatted("AKIAALICE0000000001"), null, null, "").replace("203.0.113.9", "198.51.100." + (k % 2)));
    }
    Path file = tmp.resolve("order.json");
    Files.writeString(file, "{\"Records\":[" + String.join(",", records) + "]}", StandardCharsets.UTF_8);
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      assertThat(CaseStoreTest.importInto(s, file).added()).isEqualTo(records.size());
      assertSameAsFromRawRecords(s, IamSnapshot.of(List.of()));
      Map<String, Session> byKey = new HashMap<>();
      sessionsFromAlikeGroups(s, new Expr.All()).forEach(x -> byKey.put(x.accessKeyId(), x));
      assertThat(byKey.get("ASIAEARLY0000000001").roleSessionName()).as("set again by the use after the issuing call")
          .isEqualTo("early");
      assertThat(byKey.get("ASIAEARLY0000000001").eventCount()).isEqualTo(2);
      assertThat(byKey.get("AKIAALICE0000000001").eventCount()).isEqualTo(1 + 30 + 4);
    }
  }

  /** Rule: a case imported before facts were kept (blocks of format 1) is read from its raw records, with the same result. */
  @Test
  void aCaseWithoutFactsIsReadFromItsRawRecords() throws Exception {
    Path dir = tmp.resolve("old");
    Path from = Path.of("src/test/resources/cases/h2-2.3.232");
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path to = dir.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    try (CaseStore s = CaseStore.open(dir)) {
      EventColumns cols = s.queries().columns();
      assertThat(cols.size).isPositive();
      assertThat(cols.terms[TermKind.CORRELATION.column]).containsOnly(0);
      assertThat(graphFromFacts(s, sampleIam())).isEqualTo(graphFromRawRecords(s, sampleIam()));
      assertThat(sessionsFromFacts(s, new Expr.All())).isEqualTo(sessionsFromRawRecords(s, new Expr.All())).isNotEmpty();
    }
  }
}
