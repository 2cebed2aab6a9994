package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Access keys used outside their life and temporary keys used by two principals, on hand-made events. */
class AccessKeyLifetimesTest {
  private static final String A = "111122223333";
  private static final String DAVE = "AKIADAVEKEY000000000";
  private static final String ADMIN_KEY = "AKIAADMINKEY00000000";
  private static final String ADMIN = "arn:aws:iam::" + A + ":user/admin";
  private static final String DAVE_ARN = "arn:aws:iam::" + A + ":user/dave";
  private static final String SESSION = "ASIADEPLOYSESSION000";
  private static final String DEPLOY = "arn:aws:sts::" + A + ":assumed-role/Deploy/bob-deploy";
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private static String identity(String type, String arn, String key, String extra) {
    return "\"userIdentity\":{\"type\":\"" + type + "\",\"arn\":\"" + arn + "\",\"accountId\":\"" + A + "\","
        + "\"accessKeyId\":\"" + key + "\"" + extra + "}";
  }

  private static CloudTrailEvent record(String id, String time, String source, String name, String identity, String rest) {
    return TestEvents.one("{\"eventVersion\":\"1.09\",\"eventID\":\"" + id + "\",\"eventTime\":\"" + time + "\","
        + "\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
        + "\"sourceIPAddress\":\"198.51.100.23\",\"recipientAccountId\":\"" + A + "\"," + identity + rest + "}");
  }

  /** dave's DescribeInstances signed with his key; {@code error} null for a success. */
  private static CloudTrailEvent use(String id, String time, String error) {
    return record(id, time, "ec2.amazonaws.com", "DescribeInstances", identity("IAMUser", DAVE_ARN, DAVE, ""),
        error == null ? "" : ",\"errorCode\":\"" + error + "\",\"errorMessage\":\"refused\"");
  }

  private static CloudTrailEvent update(String id, String time, String status) {
    return record(id, time, "iam.amazonaws.com", "UpdateAccessKey", identity("IAMUser", ADMIN, ADMIN_KEY, ""),
        ",\"requestParameters\":{\"userName\":\"dave\",\"accessKeyId\":\"" + DAVE + "\",\"status\":\"" + status + "\"}");
  }

  private static CloudTrailEvent delete(String id, String time) {
    return record(id, time, "iam.amazonaws.com", "DeleteAccessKey", identity("IAMUser", ADMIN, ADMIN_KEY, ""),
        ",\"requestParameters\":{\"userName\":\"dave\",\"accessKeyId\":\"" + DAVE + "\"}");
  }

  private static CloudTrailEvent create(String id, String time) {
    return record(id, time, "iam.amazonaws.com", "CreateAccessKey", identity("IAMUser", ADMIN, ADMIN_KEY, ""),
        ",\"requestParameters\":{\"userName\":\"dave\"},\"responseElements\":{\"accessKey\":{\"userName\":\"dave\","
            + "\"accessKeyId\":\"" + DAVE + "\",\"status\":\"Active\",\"createDate\":\"Nov 3, 2026, 7:00:00 AM\"}}");
  }

  private static CloudTrailEvent sessionCall(String id, String time, String arn, String extra) {
    return record(id, time, "ec2.amazonaws.com", "DescribeInstances", identity("AssumedRole", arn, SESSION, extra), "");
  }

  private static List<Finding> run(List<CloudTrailEvent> events) {
    AccessKeyLifetimes d = new AccessKeyLifetimes(IpClassifier.defaults());
    events.forEach(d);
    return d.findings(NOW);
  }

  private static List<Finding> runShuffled(CloudTrailEvent... events) {
    List<CloudTrailEvent> list = new ArrayList<>(List.of(events));
    Collections.reverse(list);
    return run(list);
  }

  @Test
  void aSuccessfulCallAfterDeactivationIsAHighFindingNamingBothEvents() {
    List<CloudTrailEvent> events = List.of(use("before", "2026-11-03T08:00:00Z", null),
        update("deact", "2026-11-03T09:00:00Z", "Inactive"), use("after", "2026-11-03T12:00:00Z", null),
        use("later", "2026-11-03T13:00:00Z", null));
    assertThat(run(events)).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(AccessKeyLifetimes.OUTSIDE_LIFE);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.title()).isEqualTo("Access key used outside its life (while inactive): " + DAVE);
      assertThat(f.summary()).isEqualTo("Access key " + DAVE + " (dave) signed DescribeInstances (after, succeeded) at "
          + "2026-11-03 12:00:00 UTC, while inactive: UpdateAccessKey set it Inactive at 2026-11-03 09:00:00 UTC and no "
          + "reactivation is logged before the call (deact, by admin). AWS refuses a key while inactive, so the log, the "
          + "clocks or the files disagree: a lifecycle call is missing, a clock is wrong or records were altered or mixed.");
      assertThat(f.eventIds()).containsExactly("deact", "after");
      assertThat(f.principals()).containsExactly(DAVE_ARN);
      assertThat(f.id()).isEqualTo(Finding.idFor(AccessKeyLifetimes.OUTSIDE_LIFE, DAVE + "\u001fdeact"));
    });
    // in any order, the same finding
    assertThat(runShuffled(events.toArray(CloudTrailEvent[]::new))).extracting(Finding::id, Finding::eventIds)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            Finding.idFor(AccessKeyLifetimes.OUTSIDE_LIFE, DAVE + "\u001fdeact"), List.of("deact", "after")));
  }

  @Test
  void aCallRefusedByAPolicyStillCountsButOneRefusedForItsCredentialsDoesNot() {
    assertThat(run(List.of(update("deact", "2026-11-03T09:00:00Z", "Inactive"),
        use("refused", "2026-11-03T12:00:00Z", "InvalidClientTokenId")))).isEmpty();
    assertThat(run(List.of(update("deact", "2026-11-03T09:00:00Z", "Inactive"),
        use("denied", "2026-11-03T12:00:00Z", "Client.UnauthorizedOperation")))).singleElement()
        .satisfies(f -> assertThat(f.summary()).contains("(denied, Client.UnauthorizedOperation)"));
  }

  @Test
  void useBeforeDeactivationAndAfterReactivationIsNothing() {
    assertThat(runShuffled(use("before", "2026-11-06T08:00:00Z", null), update("deact", "2026-11-06T09:00:00Z", "Inactive"),
        update("react", "2026-11-06T09:30:00Z", "Active"), use("after", "2026-11-06T10:00:00Z", null))).isEmpty();
  }

  @Test
  void useInTheSameSecondAsTheLifecycleCallIsNotOutside() {
    assertThat(run(List.of(update("deact", "2026-11-06T09:00:00Z", "Inactive"), use("same", "2026-11-06T09:00:00Z", null))))
        .isEmpty();
    assertThat(run(List.of(create("create", "2026-11-06T10:00:00Z"), use("same2", "2026-11-06T10:00:00Z", null)))).isEmpty();
    assertThat(run(List.of(delete("del", "2026-11-06T11:00:00Z"), use("same3", "2026-11-06T11:00:00Z", null)))).isEmpty();
  }

  @Test
  void useAfterDeletionAndBeforeCreationAreFindings() {
    List<Finding> fs = runShuffled(use("early", "2026-11-03T06:00:00Z", null), create("create", "2026-11-03T07:00:00Z"),
        use("ok", "2026-11-03T08:00:00Z", null), delete("del", "2026-11-03T09:00:00Z"),
        use("late", "2026-11-03T11:00:00Z", null), use("later", "2026-11-03T11:05:00Z", null));
    assertThat(fs).extracting(Finding::title).containsExactly(
        "Access key used outside its life (before its creation): " + DAVE,
        "Access key used outside its life (after its deletion): " + DAVE);
    assertThat(fs.get(0).eventIds()).containsExactly("early", "create");
    assertThat(fs.get(0).summary()).contains("the CreateAccessKey that returned it is logged later, at 2026-11-03 07:00:00 UTC");
    assertThat(fs.get(1).eventIds()).containsExactly("del", "late");
    assertThat(fs.get(1).summary()).contains("DeleteAccessKey deleted it at 2026-11-03 09:00:00 UTC (del, by admin)");
  }

  @Test
  void aKeyUsedAfterItsCreationIsNothing() {
    assertThat(run(List.of(create("create", "2026-11-03T07:00:00Z"), use("ok", "2026-11-03T07:05:00Z", null)))).isEmpty();
  }

  @Test
  void aFailedLifecycleCallChangesNothing() {
    CloudTrailEvent refusedUpdate = record("deact", "2026-11-03T09:00:00Z", "iam.amazonaws.com", "UpdateAccessKey",
        identity("IAMUser", ADMIN, ADMIN_KEY, ""), ",\"errorCode\":\"AccessDenied\",\"requestParameters\":{\"userName\":"
            + "\"dave\",\"accessKeyId\":\"" + DAVE + "\",\"status\":\"Inactive\"}");
    assertThat(run(List.of(refusedUpdate, use("after", "2026-11-03T12:00:00Z", null)))).isEmpty();
  }

  @Test
  void anAwsServiceActingWithTheKeyIsNotAUse() {
    CloudTrailEvent viaService = record("fas", "2026-11-03T12:00:00Z", "ec2.amazonaws.com", "RunInstances",
        identity("IAMUser", DAVE_ARN, DAVE, ",\"invokedBy\":\"cloudformation.amazonaws.com\""), "");
    assertThat(run(List.of(update("deact", "2026-11-03T09:00:00Z", "Inactive"), viaService))).isEmpty();
  }

  @Test
  void aTemporaryKeySeenWithTwoPrincipalsIsAHighFindingNamingBoth() {
    String mallory = "arn:aws:sts::" + A + ":assumed-role/Audit/mallory";
    List<Finding> fs = runShuffled(sessionCall("use", "2026-11-07T10:05:00Z", DEPLOY, ""),
        sessionCall("use2", "2026-11-07T10:06:00Z", DEPLOY, ""), sessionCall("other", "2026-11-07T10:20:00Z", mallory, ""));
    assertThat(fs).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(AccessKeyLifetimes.TWO_PRINCIPALS);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.title()).isEqualTo("Temporary key used by two principals: " + SESSION + " as Deploy/bob-deploy and Audit/mallory");
      assertThat(f.summary()).isEqualTo("Temporary key " + SESSION + " signed calls as 2 principals: " + DEPLOY
          + " (DescribeInstances, use, at 2026-11-07 10:05:00 UTC) and " + mallory + " (DescribeInstances, other, at "
          + "2026-11-07 10:20:00 UTC). One STS key is one session of one principal, so the log disagrees with itself: "
          + "records were edited, forged or mixed from another source.");
      assertThat(f.eventIds()).containsExactly("use", "other");
      assertThat(f.principals()).containsExactly(DEPLOY, mallory);
      assertThat(f.id()).isEqualTo(Finding.idFor(AccessKeyLifetimes.TWO_PRINCIPALS, SESSION));
    });
  }

  @Test
  void aTemporaryKeyWithOnePrincipalOrAServiceCallerIsNothing() {
    assertThat(run(List.of(sessionCall("use", "2026-11-07T10:05:00Z", DEPLOY, ""),
        sessionCall("use2", "2026-11-07T11:05:00Z", DEPLOY, ""),
        sessionCall("svc", "2026-11-07T11:10:00Z", "arn:aws:sts::" + A + ":assumed-role/Other/x",
            ",\"invokedBy\":\"athena.amazonaws.com\"")))).isEmpty();
  }

  /** The sample case's trail (any order) has no key used outside its life and no ASIA key with two principals. */
  @Test
  void theSampleRaisesNothing() throws IOException {
    List<CloudTrailEvent> events = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("samples/case/AWSLogs"))) {
      for (Path p : files.filter(p -> p.toString().contains("/CloudTrail/") && p.toString().endsWith(".json.gz")).toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          events.addAll(TestEvents.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    assertThat(events).hasSizeGreaterThan(1000);
    assertThat(run(events)).isEmpty();
  }
}
