package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineQueries;
import io.github.trailbench.app.timeline.TimelineViewModel;
import io.github.trailbench.app.workspace.StoreCaseWorkspace;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "who did what, when": the question "show me everything bob did between 02:00 and 03:00 UTC, including
 * through the role he assumed, and only what failed", asked with {@code trailbench events --format json --filter …} and
 * with the app's timeline ({@link TimelineViewModel}, driven directly) on a small hand-made case. The records of
 * {@code src/test/resources/fixtures/timeline/audit} (written by {@code make.py} there) are imported with the CLI:
 * {@code trail-a.json} (account 111122223333's trail: IAM user bob, his AssumeRole into role deploy with the session
 * deploy/bob and its S3 data events, an EC2 refusal, an IAM user that is also named deploy, a KMS refusal logged without
 * an errorMessage, bob's failed console sign-in, three calls in one second, bob's use of account 444455556666's KMS
 * key), {@code trail-b.json} (444455556666's trail: the key owner's copy of that call, B's own role deploy and its
 * SNS Publish refused with AuthorizationError) and
 * {@code lake-results.json} (a CloudTrail Lake query result with Lake's millisecond times). Nothing under src/main is
 * changed.
 *
 * <p>The reference for what a filter means is the product's own contract, quoted per case:
 *
 * <ul>
 *   <li>[CLI] docs/cli.md, "events": "{@code --filter Q} (the timeline's filter language …)"; "{@code --format json}
 *       prints one object per line, in time order"; {@code eventTime} "ISO-8601 UTC"; {@code errorCode} "null when the
 *       call succeeded"; {@code accountId} "the recipient account". "Exit codes": 1 for "a bad {@code --filter}"; "An
 *       error is one line on stderr … never a stack trace … a bad {@code --filter} shows the filter with a caret under
 *       the position".
 *   <li>[LANG] the filter language cli.md refers to, docs/case-store.md "Filter language" and FilterParser's Javadoc:
 *       grammar {@code term := field ":" value | "time" ("<"|"<="|">"|">="|"=") instant | bare-word}; "Times:
 *       2026-10-03, 2026-10-03 14:00, 2026-10-03T14:00, 2026-10-03 14:00:05.250 … each optionally followed by a zone
 *       (Z, UTC, +02:00, +0200) … without a zone the time is UTC, as CloudTrail writes it (the timeline's UTC/Local
 *       switch changes how times are shown, not how a filter reads them)"; "A quoted principal is the whole ARN";
 *       "principal:OpsAdminRole every session of that role"; CloudTrail's names accepted: "awsRegion (region),
 *       errorCode (error), recipientAccountId (account), eventTime (time), resources.ARN (resource)";
 *       "{@code error:*} = any error, {@code error:none} = no error"; "CloudTrail's {@code eventCategory} is not kept,
 *       so it is not a field"; value := "quoted \"text\"".
 *   <li>[ORDER] docs/decisions.md 34: "Every snapshot holds the events' indexes sorted by (time, row id)".
 * </ul>
 *
 * <p>AWS documentation for the record fields:
 *
 * <ul>
 *   <li>[REC] CloudTrail User Guide, "CloudTrail record contents for management, data, and network activity events":
 *       eventTime "The date and time the request was completed, in coordinated universal time (UTC)"; errorCode "The
 *       AWS service error if the request returns an error"; readOnly "true – The operation is read-only"; recipientAccountId
 *       "Represents the account ID that received this event. The recipientAccountID may be different from the
 *       CloudTrail userIdentity Element accountId. This can occur in cross-account resource access"; sharedEventID
 *       "Each CloudTrail event delivered for this AWS action shares the same sharedEventID, but also has a unique
 *       eventID and recipientAccountID":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 *   <li>[ORDER-AWS] CloudTrail User Guide, "Understanding CloudTrail events": "CloudTrail log files aren't an ordered
 *       stack trace of the public API calls, so events don't appear in any specific order":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/eventreference.html
 *   <li>[SIGNIN] CloudTrail User Guide, "AWS Management Console sign-in events": "The following record shows an IAM
 *       user's unsuccessful sign-in attempt" — userIdentity {type IAMUser, principalId, accountId, accessKeyId "",
 *       userName} without an arn, "errorMessage": "Failed authentication", responseElements ConsoleLogin "Failure", no
 *       errorCode: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 *   <li>[EC2] Amazon EC2 Developer Guide, "Troubleshoot API request errors", "Unauthorized operation": "If a user
 *       tries to perform an action for which permissions have not been granted, the request returns the following
 *       error: Client.UnauthorizedOperation": https://docs.aws.amazon.com/ec2/latest/devguide/query-api-troubleshooting.html
 *   <li>[CT-S3] S3 User Guide, "CloudTrail log file entries for Amazon S3" (data event: requestParameters bucketName
 *       / key, resources[] AWS::S3::Object and AWS::S3::Bucket):
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
 *   <li>[LAKE] docs/formats.md: "Lake's {@code 2026-10-03 10:00:00.000} time format is read as UTC".
 * </ul>
 */
class TimelineAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/timeline/audit");
  static final String A = "111122223333";
  static final String B = "444455556666";
  static final String WINDOW = "time>=2026-10-03T02:00Z time<2026-10-03T03:00Z";
  static final String SESSION_KEY = "ASIABOBDEPLOYEXAMPL1";

  @TempDir static Path tmp;
  static Path caseDir;
  static Map<String, JsonNode> byId = new java.util.HashMap<>();

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "trail-a.json", "trail-b.json", "lake-results.json");
    assertThat(r.out()).contains("20 added");
    for (JsonNode e : ExplainedEvents.events(caseDir, null)) {
      byId.put(e.path("eventId").asText(), e);
    }
  }

  /** The event ids {@code events --format json --filter FILTER} prints, in its order (exit 0 asserted). */
  static List<String> ids(String filter) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : ExplainedEvents.events(caseDir, filter)) {
      out.add(e.path("eventId").asText());
    }
    return out;
  }

  static CliRun events(String filter) {
    return CliRun.of("events", "--case", caseDir.toString(), "--format", "json", "--filter", filter);
  }

  /** Runs {@code use} on the app's timeline over this case (the CLI cannot open the case meanwhile). */
  static void withTimeline(Consumer<TimelineViewModel> use) throws Exception {
    StoreCaseWorkspace workspace = new StoreCaseWorkspace();
    try {
      workspace.open(caseDir);
      use.accept(new TimelineViewModel(workspace.timeline(), Runnable::run, Runnable::run));
    } finally {
      workspace.close();
    }
  }

  static List<String> shown(TimelineViewModel model) {
    return model.rows().stream().map(EventRow::eventId).toList();
  }

  // ------------------------------------------------------------------ time bounds

  /**
   * 1. "Everything bob did between 02:00 and 03:00 UTC." [LANG] {@code >=} and {@code <} include and exclude the bound
   * as written; [REC] eventTime is UTC. bob's call at 02:00:00 is in, the one at 01:59:59 and the one at 03:00:00 are
   * out, as is the Lake row at 03:00:00.250; the Lake row at 02:59:59.750 is in. {@code principal:bob} is contained
   * in the ARN [LANG], so bob's role session deploy/bob (the session he named after himself) is in, and the IAM user
   * deploy is not. Output in time order [CLI].
   */
  @Test
  void bobsHourIsInclusiveAtTheStartExclusiveAtTheEndAndInTimeOrder() throws Exception {
    assertThat(ids("principal:bob " + WINDOW)).containsExactly("tl-start", "tl-assume", "tl-get-report", "tl-get-quoted",
        "tl-get-colon", "tl-run-denied", "tl-signin-fail", "tl-same-c", "tl-same-a", "tl-same-b", "tl-kms-caller",
        "tl-lake-late");
  }

  /**
   * 2. The same hour written in the analyst's zone: [LANG] a time "optionally followed by a zone (… +02:00 …)",
   * attached or after a space, and CloudTrail's name {@code eventTime} for {@code time}. 04:00+02:00 to 05:00+02:00 is
   * 02:00Z to 03:00Z, so the three spellings give the same events.
   */
  @Test
  void anOffsetBoundIsTheSameInstantAsItsUtcBound() throws Exception {
    List<String> utc = ids(WINDOW);
    assertThat(utc).hasSize(16).contains("tl-start", "tl-lake-late").doesNotContain("tl-before", "tl-end", "tl-lake-after");
    assertThat(ids("time>=2026-10-03T04:00+02:00 time<2026-10-03T05:00+02:00")).isEqualTo(utc);
    assertThat(ids("eventTime>=\"2026-10-03 04:00 +02:00\" eventTime<\"2026-10-03 05:00 +0200\"")).isEqualTo(utc);
  }

  /**
   * 3. A date-only bound with an offset: [LANG] "2026-10-03 … optionally followed by a zone" and FilterParser "a
   * date (2026-10-03 …, midnight)". {@code time>=2026-10-03+02:00} is 2026-10-02T22:00Z, so the 01:59:59Z call is
   * after it; {@code time<2026-10-03-05:00} is 2026-10-03T05:00Z, after every event of the case.
   */
  @Test
  void aDateOnlyBoundWithAnOffsetIsMidnightInThatOffset() throws Exception {
    assertThat(ids("time>=2026-10-03+02:00 time<2026-10-03T02:00:01Z")).containsExactly("tl-before", "tl-start");
    assertThat(ids("time<2026-10-03-05:00")).hasSize(20);
    assertThat(ids("time<2026-10-03+02:00")).isEmpty();
  }

  /**
   * 4. Events with fractional seconds at the bound: a CloudTrail Lake result's {@code 2026-10-03 03:00:00.250} is
   * read as UTC [LAKE] and is after 03:00:00, so {@code time<03:00} leaves it out and {@code time<=03:00:00.250}
   * takes it; the JSON writes the fraction ("ISO-8601 UTC" [CLI]).
   */
  @Test
  void lakeMillisecondsAreComparedAtTheBound() throws Exception {
    assertThat(byId.get("tl-lake-late").path("eventTime").asText()).isEqualTo("2026-10-03T02:59:59.750Z");
    assertThat(byId.get("tl-lake-after").path("eventTime").asText()).isEqualTo("2026-10-03T03:00:00.250Z");
    assertThat(ids("time>=2026-10-03T02:59:59Z time<2026-10-03T03:00Z")).containsExactly("tl-lake-late");
    assertThat(ids("time>=2026-10-03T03:00Z time<=2026-10-03T03:00:00.250Z")).containsExactly("tl-end", "tl-lake-after");
    assertThat(ids("time>2026-10-03T03:00:00Z time<2026-10-03T03:01Z")).containsExactly("tl-lake-after");
  }

  /**
   * 5. A bound copied with microseconds ("02:59:59.750500", as some exports write times): [LANG] accepts fractional
   * seconds ("14:00:05.250"; FilterParser reads up to nine digits). The Lake row at 02:59:59.750 is before
   * 02:59:59.7505, so {@code time<2026-10-03T02:59:59.750500Z} must list it.
   */
  @Test
  void aSubMillisecondUpperBoundDoesNotDropAnEventJustBeforeIt() throws Exception {
    assertThat(ids("time>=2026-10-03T02:59Z time<2026-10-03T02:59:59.750500Z"))
        .as("[LANG] the filter reads 02:59:59.750500; the Lake event at 02:59:59.750 is before it, so '<' must keep it."
            + " The product compares whole milliseconds (02:59:59.750 < 02:59:59.750 is false) and drops it")
        .containsExactly("tl-lake-late");
  }

  /**
   * 6. "Everything on the 3rd", written with CloudTrail's field name and a colon, {@code eventTime:2026-10-03}:
   * [LANG] the grammar compares time only with {@code < <= > >= =} (FilterParser's own message: "only time compares
   * with < <= > >= ="), and [CLI] a bad filter exits 1. The product must either refuse it (exit 1, naming time's
   * comparisons) or answer the day; printing nothing with exit 0 tells the analyst nothing happened that day.
   */
  @Test
  void eventTimeWithAColonIsRefusedOrMeansTheDayNeverASilentEmptyAnswer() throws Exception {
    CliRun r = events("eventTime:2026-10-03");
    List<String> printed = ExplainedEvents.jsonLines(r.out()).stream().map(e -> e.path("eventId").asText()).toList();
    assertThat(r.exit() == 1 || printed.size() == 20)
        .as("eventTime:2026-10-03 (':' is not among time's documented comparisons): want exit 1 or the 20 events of the"
            + " day; the product exited %d and printed %d event(s) (it reads ':' as '=' midnight exactly)", r.exit(),
            printed.size())
        .isTrue();
  }

  /**
   * 7. Three calls logged in the same second: [ORDER-AWS] the log has no order of its own, so the product's order
   * must be its documented one and the same everywhere: [ORDER] (time, row id), i.e. the import order of the file
   * (tl-same-c, tl-same-a, tl-same-b), identical on a second run and in the table format, and the timeline's table shows
   * them in that order too.
   */
  @Test
  void callsInTheSameSecondKeepTheirImportOrderInTheCliAndTheTimeline() throws Exception {
    String second = "eventTime=2026-10-03T02:30:00Z";
    List<String> cli = ids(second);
    assertThat(cli).containsExactly("tl-same-c", "tl-same-a", "tl-same-b");
    assertThat(ids(second)).isEqualTo(cli);
    List<String> all = ids("principal:bob");
    assertThat(all.subList(all.indexOf("tl-same-c"), all.indexOf("tl-same-c") + 3)).isEqualTo(cli);
    CliRun table = CliRun.of("events", "--case", caseDir.toString(), "--filter", second);
    assertThat(table.out().lines().skip(1).map(l -> l.split("\\s+")[1]).toList()).isEqualTo(cli);
    withTimeline(model -> {
      model.filterProperty().set(second);
      model.apply();
      assertThat(shown(model)).isEqualTo(cli);
    });
  }

  // ------------------------------------------------------------------ principals

  /**
   * 8. An IAM user named deploy and a role named deploy in the same account: [LANG] "A quoted principal is the whole
   * ARN", so {@code principal:"arn:aws:iam::111122223333:user/deploy"} is the user's two calls and none of the role's
   * sessions (arn:aws:sts::…:assumed-role/deploy/…).
   */
  @Test
  void theUserDeployIsNotTheRoleDeploy() throws Exception {
    assertThat(ids("principal:\"arn:aws:iam::" + A + ":user/deploy\"")).containsExactly("tl-user-deploy", "tl-kms-nomsg");
  }

  /**
   * 9. Every session of role deploy in account 111122223333, and only them: [LANG] wildcards keep their whole-value
   * meaning, and a role session's principal is arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (docs/correlation.md).
   * Neither the IAM user deploy nor account 444455556666's own role deploy is among them.
   */
  @Test
  void theRolesSessionsInItsAccountAreNotTheUserNorTheOtherAccountsRoleOfTheSameName() throws Exception {
    assertThat(ids("principal:arn:aws:sts::" + A + ":assumed-role/deploy/*"))
        .containsExactly("tl-get-report", "tl-get-quoted", "tl-get-colon", "tl-run-denied");
    assertThat(byId.get("tl-b-deploy").path("principalArn").asText()).isEqualTo("arn:aws:sts::" + B + ":assumed-role/deploy/ci");
  }

  /**
   * 10. "What did bob do through the role?": the key of the session his AssumeRole issued
   * (responseElements.credentials.accessKeyId, docs/correlation.md "One ASIA key = one issued session"): {@code
   * session:} and {@code accessKey:} list the session's four calls, not bob's own AssumeRole (signed with his AKIA key).
   */
  @Test
  void theSessionKeyBobWasIssuedListsWhatHeDidThroughTheRole() throws Exception {
    List<String> session = List.of("tl-get-report", "tl-get-quoted", "tl-get-colon", "tl-run-denied");
    assertThat(ids("session:" + SESSION_KEY)).containsExactlyElementsOf(session);
    assertThat(ids("accessKey:" + SESSION_KEY)).containsExactlyElementsOf(session);
    assertThat(byId.get("tl-assume").path("accessKeyId").asText()).isEqualTo("AKIABOBEXAMPLE000001");
  }

  /**
   * 11. bob's failed console sign-in: [SIGNIN] the record names him only by userIdentity.userName (no arn). [LANG]
   * {@code userIdentity.userName} reads the principal; the product must still find the attempt under bob's name, and
   * under bob's user ARN quoted (it is the same IAM user of the same account).
   */
  @Test
  void aFailedSignInWithoutAnArnIsFoundUnderTheUsersName() throws Exception {
    assertThat(ids("userIdentity.userName:bob eventName:ConsoleLogin")).containsExactly("tl-signin-fail");
    assertThat(ids("principal:\"arn:aws:iam::" + A + ":user/bob\" eventSource:signin.amazonaws.com")).containsExactly("tl-signin-fail");
  }

  // ------------------------------------------------------------------ failures

  /**
   * 12. "Only what failed" in bob's hour: [LANG] {@code error:*} = any error. [REC] errorCode "The AWS service error
   * if the request returns an error" whatever the service: S3's AccessDenied, EC2's Client.UnauthorizedOperation
   * [EC2], KMS's AccessDeniedException logged without an errorMessage; and [SIGNIN] the failed sign-in, which has only
   * an errorMessage. {@code error:none} is exactly the others.
   */
  @Test
  void anyErrorIsEveryServicesRefusalAndTheFailedSignIn() throws Exception {
    assertThat(ids("principal:bob error:* " + WINDOW)).containsExactly("tl-get-quoted", "tl-run-denied", "tl-signin-fail");
    assertThat(ids("error:* " + WINDOW)).containsExactly("tl-get-quoted", "tl-run-denied", "tl-kms-nomsg", "tl-signin-fail");
    assertThat(ids("error:none " + WINDOW)).hasSize(12).doesNotContain("tl-get-quoted", "tl-run-denied", "tl-kms-nomsg", "tl-signin-fail");
    assertThat(byId.get("tl-kms-nomsg").path("errorCode").asText()).isEqualTo("AccessDeniedException");
    assertThat(byId.get("tl-run-denied").path("errorCode").asText()).isEqualTo("Client.UnauthorizedOperation");
    assertThat(byId.get("tl-start").path("errorCode").isNull()).as("[CLI] errorCode null when the call succeeded").isTrue();
  }

  /**
   * 13. A refusal by error code, as logged: [LANG] "A value without wildcards is the whole field", names such as
   * {@code errorCode} accepted, a dot is part of a value. {@code errorCode:Client.UnauthorizedOperation} is the EC2
   * refusal; {@code error:AccessDenied} is S3's and not KMS's AccessDeniedException.
   */
  @Test
  void anErrorCodeWithADotIsMatchedWhole() throws Exception {
    assertThat(ids("errorCode:Client.UnauthorizedOperation")).containsExactly("tl-run-denied");
    assertThat(ids("error:AccessDenied")).containsExactly("tl-get-quoted");
    assertThat(ids("error:AccessDenied*")).containsExactly("tl-get-quoted", "tl-kms-nomsg");
  }

  /**
   * 14. The timeline's histogram of bob's hour: README "Timeline — every event over time, stacked by outcome" with the
   * legend "access denied" / "other errors". The three authorization refusals ([REC] S3 AccessDenied, [EC2]
   * Client.UnauthorizedOperation, KMS AccessDeniedException without a message) are denied; the failed sign-in
   * ([SIGNIN] "Failed authentication") is a failure but no access denial.
   */
  @Test
  void theTimelineCountsEveryServicesRefusalAsDenied() throws Exception {
    withTimeline(model -> {
      model.filterProperty().set(WINDOW + " error:*");
      model.apply();
      long denied = model.histogram().stream().mapToLong(TimelineQueries.Bucket::denied).sum();
      long other = model.histogram().stream().mapToLong(TimelineQueries.Bucket::otherErrors).sum();
      assertThat(denied).as("AccessDenied, Client.UnauthorizedOperation, AccessDeniedException").isEqualTo(3);
      assertThat(other).as("the failed sign-in").isEqualTo(1);
    });
  }

  /**
   * 15. A refusal by SNS: AWS's SDK reference for SNS, AuthorizationErrorException (the error code
   * AuthorizationError of the SNS API, e.g. Publish's errors): "Indicates that the user has been denied access to the
   * requested resource":
   * https://docs.aws.amazon.com/botocore/latest/reference/services/sns/client/exceptions/AuthorizationErrorException.html
   * The product's own explain already reads it as "recorded: Denied"; the timeline's histogram, whose legend splits
   * "access denied" from "other errors" (README "stacked by outcome"), must count the same call as denied.
   */
  @Test
  void anSnsAuthorizationErrorIsDeniedInTheTimelineAsInExplain() throws Exception {
    assertThat(ExplainedEvents.only(caseDir, "tl-sns-denied").path("recorded").asText()).isEqualTo("Denied");
    withTimeline(model -> {
      model.filterProperty().set("eventSource:sns.amazonaws.com");
      model.apply();
      assertThat(shown(model)).containsExactly("tl-sns-denied");
      long denied = model.histogram().stream().mapToLong(TimelineQueries.Bucket::denied).sum();
      long other = model.histogram().stream().mapToLong(TimelineQueries.Bucket::otherErrors).sum();
      assertThat(denied)
          .as("SNS Publish refused with AuthorizationError (\"denied access\", explain: recorded Denied): the histogram"
              + " counted %d denied, %d other errors", denied, other)
          .isEqualTo(1);
    });
  }

  // ------------------------------------------------------------------ read-only, data events

  /**
   * 16. "What did anyone change in that hour?": [REC] readOnly "false – The operation is write-only"; [LANG]
   * readOnly:true|false. The Lake rows carry readOnly as the string "true" (Lake's flat columns) and count as read-only.
   */
  @Test
  void readOnlyFalseIsTheWritesAndLakesStringTrueIsReadOnly() throws Exception {
    assertThat(ids("readOnly:false " + WINDOW)).containsExactly("tl-run-denied", "tl-signin-fail");
    assertThat(ids("readOnly:true eventSource:iam.amazonaws.com time>=2026-10-03T02:59Z")).contains("tl-lake-late", "tl-lake-after");
    assertThat(byId.get("tl-lake-late").path("readOnly").isBoolean()).isTrue();
  }

  /**
   * 17. An S3 data event by object key, the key holding a space: [CT-S3] the object's ARN is in resources[]; [LANG]
   * "resources.ARN (resource)" and a quoted value keeps its spaces. The bucket's ARN finds every object event of the
   * bucket (each data event lists the bucket too), {@code acme-data/*} the same three.
   */
  @Test
  void aDataEventIsFoundByAKeyWithASpaceAndByItsBucket() throws Exception {
    assertThat(ids("resources.ARN:\"arn:aws:s3:::acme-data/reports/Q3 2026.csv\"")).containsExactly("tl-get-report");
    assertThat(ids("resource:arn:aws:s3:::acme-data")).containsExactly("tl-get-report", "tl-get-quoted", "tl-get-colon");
    assertThat(ids("resource:arn:aws:s3:::acme-data/*")).containsExactly("tl-get-report", "tl-get-quoted", "tl-get-colon");
  }

  /**
   * 18. Quoting and escaping: [LANG] {@code value := "quoted \"text\""}: a key holding double quotes is written with
   * backslashes; a key full of colons is a bare value (the value runs to the next space). The same key with its
   * quotes not escaped is a bad filter: exit 1, the position, no event printed [CLI].
   */
  @Test
  void aQuoteInAValueIsEscapedAndAColonNeedsNoQuoting() throws Exception {
    assertThat(ids("resource:\"arn:aws:s3:::acme-data/notes/\\\"draft\\\" v2.txt\"")).containsExactly("tl-get-quoted");
    assertThat(ids("resource:arn:aws:s3:::acme-data/exports/2026-10-03T02:00:00Z.json")).containsExactly("tl-get-colon");
    CliRun bad = events("resource:\"arn:aws:s3:::acme-data/notes/\"draft\" v2.txt\"");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("trailbench: --filter: ").contains(" at character ").doesNotContain("Exception");
  }

  // ------------------------------------------------------------------ regions and accounts

  /**
   * 19. Region and account: [LANG] {@code awsRegion} is region, {@code recipientAccountId} is account, and [CLI] the
   * account is "the recipient account". [REC] a cross-account call is delivered to both accounts, each copy with its
   * own eventID and recipientAccountID: bob's KMS Encrypt with 444455556666's key is, under account:444455556666, the
   * key owner's copy only; under account:111122223333, bob's (caller's) copy only.
   */
  @Test
  void accountIsTheRecipientAccountAndRegionIsAwsRegion() throws Exception {
    assertThat(ids("awsRegion:eu-west-1")).containsExactly("tl-run-denied");
    assertThat(ids("recipientAccountId:" + B)).containsExactly("tl-kms-owner", "tl-b-deploy", "tl-sns-denied");
    assertThat(ids("account:" + A + " eventName:Encrypt")).containsExactly("tl-kms-caller");
    assertThat(byId.get("tl-kms-owner").path("accountId").asText()).isEqualTo(B);
    assertThat(byId.get("tl-kms-caller").path("accountId").asText()).isEqualTo(A);
  }

  // ------------------------------------------------------------------ errors in the filter

  /**
   * 20. CloudTrail field names the language does not have ([LANG]: eventCategory "is not a field"; managementEvent,
   * sharedEventID, requestParameters.*): each is a bad filter [CLI], exit 1, one message naming the field and the
   * character where it starts, the filter and a caret under that character; no event printed, no stack trace.
   */
  @Test
  void anUnknownCloudTrailFieldIsAnErrorAtItsPositionNeverAnAnswer() {
    for (String[] c : new String[][] {{"principal:bob AND eventCategory:Data", "eventCategory", "18"},
        {"managementEvent:false", "managementEvent", "0"}, {"error:* sharedEventID:0f7ec1de", "sharedEventID", "8"},
        {"requestParameters.bucketName:acme-data", "requestParameters.bucketName", "0"}}) {
      CliRun r = events(c[0]);
      int at = Integer.parseInt(c[2]);
      assertThat(r.exit()).as(c[0]).isEqualTo(1);
      assertThat(r.out()).as(c[0]).isEmpty();
      List<String> lines = r.err().lines().toList();
      assertThat(lines.get(0)).as(c[0]).startsWith("trailbench: --filter: unknown field '" + c[1] + "'")
          .endsWith("at character " + (at + 1)).doesNotContain("Exception");
      assertThat(lines.get(1)).isEqualTo("  " + c[0]);
      assertThat(lines.get(2)).isEqualTo("  " + " ".repeat(at) + "^");
    }
  }

  /**
   * 21. A filter written over two lines (a script's {@code --filter "principal:bob\nAND colour:red"}): [CLI] "a bad
   * {@code --filter} shows the filter with a caret under the position". The character above the caret must be the
   * start of the unknown field.
   */
  @Test
  void theCaretOfAFilterOverTwoLinesIsUnderTheBadField() {
    CliRun r = events("principal:bob\nAND colour:red");
    assertThat(r.exit()).isEqualTo(1);
    List<String> lines = r.err().lines().toList();
    int caretLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("^")) {
        caretLine = i;
      }
    }
    assertThat(caretLine).as("a caret line in: %s", r.err()).isPositive();
    int col = lines.get(caretLine).indexOf('^');
    String above = lines.get(caretLine - 1);
    assertThat(col < above.length() ? above.substring(col) : "")
        .as("the text above the caret; stderr was:%n%s%n(the caret is placed at the character's index in the whole"
            + " filter, under the last line, so it points past the end of 'AND colour:red')", r.err())
        .startsWith("colour");
  }

  // ------------------------------------------------------------------ the timeline asks the same

  /**
   * 22. The analyst's whole question in the app, the timeline shown in Tokyo time: [LANG] "the timeline's UTC/Local
   * switch changes how times are shown, not how a filter reads them"; README: Export writes "the columns and fields
   * of trailbench events". The timeline lists the same events in the same order as {@code events}.
   */
  @Test
  void theTimelineInAnotherZoneAnswersTheQuestionAsTheCliDoes() throws Exception {
    String question = "(principal:bob OR session:" + SESSION_KEY + ") error:* time>=2026-10-03 02:00 time<2026-10-03 03:00";
    List<String> cli = ids(question);
    assertThat(cli).containsExactly("tl-get-quoted", "tl-run-denied", "tl-signin-fail");
    withTimeline(model -> {
      model.zoneProperty().set(ZoneId.of("Asia/Tokyo"));
      model.filterProperty().set(question);
      model.apply();
      assertThat(model.filterErrorProperty().get()).isNullOrEmpty();
      assertThat(model.totalProperty().get()).isEqualTo(cli.size());
      assertThat(shown(model)).isEqualTo(cli);
    });
  }

  /**
   * 23. "What happened around this call?": README, the row menu shows "the events around it (± 5 minutes or ± 1 hour,
   * the filter cleared, as Timesketch's context view)". Around bob's GetObject at 02:05:00, ± 5 minutes takes the
   * calls at exactly 02:00:00 and 02:10:00 (five minutes either side) and whoever made them, and not the call at
   * 01:59:59.
   */
  @Test
  void theEventsAroundACallTakeBothEdgesOfTheSpanAndEveryone() throws Exception {
    withTimeline(model -> {
      model.filterProperty().set("eventId:tl-get-report");
      model.apply();
      EventRow row = model.rows().get(0);
      model.showAround(row, java.time.Duration.ofMinutes(5));
      assertThat(model.filterProperty().get()).isEmpty();
      assertThat(shown(model)).containsExactly("tl-start", "tl-assume", "tl-get-report", "tl-get-quoted", "tl-get-colon",
          "tl-run-denied");
    });
  }

  /**
   * 24. The same question replayed: docs/cli.md, explain: "without {@code --event}, every event (or those matching
   * {@code --filter}) is replayed", the filter being the same language. {@code explain --filter Q --json} replays
   * exactly the events {@code events --filter Q} lists, in the same order, and {@code --summary} counts them.
   */
  @Test
  void explainWithAFilterReplaysTheEventsTheEventsCommandLists() throws Exception {
    String question = "principal:bob " + WINDOW;
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--filter", question, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> replayed = new ArrayList<>();
    for (JsonNode e : ExplainedEvents.jsonLines(r.out())) {
      if (!replayed.contains(e.path("eventId").asText())) {
        replayed.add(e.path("eventId").asText());
      }
    }
    assertThat(replayed).isEqualTo(ids(question));
    CliRun summary = CliRun.of("explain", "--case", caseDir.toString(), "--filter", question + " error:*", "--summary", "--json");
    assertThat(summary.exit()).as(summary.err()).isZero();
    assertThat(ExplainedEvents.jsonLines(summary.out()).get(0).path("events").asInt()).isEqualTo(3);
  }

  /**
   * 25. The principal graph's "Filter timeline to this node" on role arn:aws:iam::111122223333:role/deploy:
   * docs/decisions.md 10, "A role in the graph is its sessions in the timeline. 'Filter timeline to this node' on a
   * role filters on {@code principal:*:assumed-role/NAME/*}" (TrailbenchApp's graph handler calls
   * {@code pivotPattern("principal", "*:assumed-role/" + NAME + "/*")}; the app's window is not reachable here, so this
   * test makes the same call on the timeline model). IAM User Guide, "IAM identifiers": a session's ARN carries its
   * role's account, "The active session of someone assuming the role of 'Accounting-Role', with a role session name
   * of 'Mary': arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary":
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html. The sessions of account
   * 444455556666's role deploy are not sessions of 111122223333's role deploy.
   */
  @Test
  void filteringTheTimelineToARoleNodeListsOnlyThatAccountsSessions() throws Exception {
    withTimeline(model -> {
      model.filterProperty().set("");
      // the pattern the app's graph handler builds from the role node (it used "*:assumed-role/deploy/*")
      model.pivotPattern("principal", io.github.trailbench.app.timeline.TimelineViewModel.sessionsOfRole(
          "arn:aws:iam::" + A + ":role/deploy"));
      assertThat(shown(model))
          .as("role node arn:aws:iam::%s:role/deploy filtered as %s: sessions of %s's role deploy must not be listed", A,
              model.filterProperty().get(), B)
          .containsExactly("tl-get-report", "tl-get-quoted", "tl-get-colon", "tl-run-denied");
    });
  }
}
