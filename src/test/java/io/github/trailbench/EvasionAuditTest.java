package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of the defense-evasion and log-tampering findings: "did anyone blind us (CloudTrail, GuardDuty, Config,
 * Security Hub, VPC flow logs, CloudWatch Logs, the trail's log bucket), did it work, and how bad is it?".
 *
 * <p>The records of {@code src/test/resources/fixtures/evasion/events.json} (hand-made CloudTrail records in the
 * documented shapes; {@code generate.py.txt} next to it writes them) are imported with the CLI and read back with
 * {@code findings --no-save --format json}. The case: the platform team creates trail {@code main-trail} delivering to
 * bucket {@code trail-logs-111122223333} (CreateTrail, then StartLogging); user {@code mallory} then tampers with the
 * trail, its bucket and the other security services; user {@code intruder} is refused; user {@code platform} makes
 * routine changes. No IAM data: a refusal is explained from the log's own error code and message. Nothing under
 * src/main is changed. Cases already covered by AttemptsAuditTest (refused copy of each match rule,
 * StopLogging refused then done, DeleteFlowLogs "unsuccessful") and StratusCoverageAuditTest (refused StopLogging,
 * selectors keeping management events, year-long lifecycle, CloudTrail's own bucket policy) are not repeated.
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[CT-DELETE] CloudTrail API Reference, DeleteTrail: "Deletes a trail."; error TrailNotFoundException "This
 *       exception is thrown when the trail with the given name is not found.":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DeleteTrail.html
 *   <li>[CT-UPDATE] CloudTrail API Reference, UpdateTrail: IsMultiRegionTrail "Specifies whether the trail applies only
 *       to the current Region or to all Regions."; EnableLogFileValidation "Specifies whether log file validation is
 *       enabled ... When you disable log file integrity validation, the chain of digest files is broken after one
 *       hour."; S3BucketName "Specifies the name of the Amazon S3 bucket designated for publishing log files.";
 *       KmsKeyId "Specifies the KMS key ID to use to encrypt the logs delivered by CloudTrail.":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html
 *   <li>[CT-SELECTOR] CloudTrail API Reference, EventSelector: ReadWriteType "Specify if you want your trail to log
 *       read-only events, write-only events, or all. For example, the EC2 GetConsoleOutput is a read-only API
 *       operation and RunInstances is a write-only API operation."; "By default, trails created without specific event
 *       selectors will be configured to log all read and write management events, and no data events.":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html
 *   <li>[CT-ADV] CloudTrail API Reference, AdvancedFieldSelector: "readOnly - ... If you do not add this field,
 *       CloudTrail logs both read and write events. A value of true logs only read events. A value of false logs only
 *       write events.": https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 *   <li>[CT-INSIGHTS] CloudTrail API Reference, PutInsightSelectors ("Lets you enable Insights event logging by
 *       specifying the Insights selectors that you want to enable on an existing trail"):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutInsightSelectors.html
 *   <li>[CT-BUCKET] CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": "To deliver log files to an S3
 *       bucket, CloudTrail must have the required permissions"; GetTrailStatus LatestDeliveryError: "This error occurs
 *       only when there is a problem with the destination S3 bucket ... To resolve the issue, fix the bucket policy so
 *       that CloudTrail can write to the bucket":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html,
 *       https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 *   <li>[CT-VALIDATE] CloudTrail User Guide, log file integrity validation ("determine whether a log file was modified,
 *       deleted, or unchanged after CloudTrail delivered it"); AWS CLI validate-logs detects "Modification or deletion
 *       of CloudTrail log files.":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html,
 *       https://docs.aws.amazon.com/cli/latest/reference/cloudtrail/validate-logs.html
 *   <li>[S3-LCRULE] Amazon S3 API Reference, LifecycleRule Status: "If 'Enabled', the rule is currently being applied.
 *       If 'Disabled', the rule is not currently being applied.":
 *       https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html
 *   <li>[GD-UPDATE] GuardDuty API Reference, UpdateDetector: enable "Specifies whether the detector is enabled or not
 *       enabled.": https://docs.aws.amazon.com/guardduty/latest/APIReference/API_UpdateDetector.html
 *   <li>[GD-FILTER] GuardDuty API Reference, CreateFilter: action "Specifies the action that is to be applied to the
 *       findings that match the filter." (NOOP | ARCHIVE); User Guide, suppression rules: "The finding types that match
 *       this criteria are automatically archived. To reduce noise, the suppressed findings are not sent to any of the
 *       AWS services with which you may integrate.":
 *       https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html,
 *       https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rules-console.html
 *   <li>[SH-DISABLE] Security Hub API Reference, DisableSecurityHub: "Disables Security Hub in your account only in the
 *       current AWS Region ... When you disable Security Hub, your existing findings and insights and any Security Hub
 *       configuration settings are deleted after 90 days and cannot be recovered. Any standards that were enabled are
 *       disabled": https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DisableSecurityHub.html
 *   <li>[SH-STANDARDS] Security Hub API Reference, BatchDisableStandards: "Disables the standards specified by the
 *       provided StandardsSubscriptionArns.":
 *       https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchDisableStandards.html
 *   <li>[CFG-CHANNEL] AWS Config API Reference, DeleteDeliveryChannel: "Deletes the delivery channel.":
 *       https://docs.aws.amazon.com/config/latest/APIReference/API_DeleteDeliveryChannel.html
 *   <li>[CWL-DELETE] CloudWatch Logs API Reference, DeleteLogGroup: "Deletes the specified log group and permanently
 *       deletes all the archived log events associated with the log group.":
 *       https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html
 *   <li>[CWL-RETENTION] CloudWatch Logs API Reference, PutRetentionPolicy: "Sets the retention of the specified log
 *       group."; retentionInDays "The number of days to retain the log events in the specified log group. Possible
 *       values are: 1, 3, 5, 7, ...":
 *       https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 *   <li>[EC2-UNAUTH] EC2 API Reference, error codes: "UnauthorizedOperation — You are not authorized to perform this
 *       operation.": https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 *   <li>[IAM-DENY] IAM User Guide, "Troubleshoot access denied error messages": the message names "an explicit deny
 *       in a service control policy": https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 * </ul>
 *
 * <p>Left out because the documentation does not settle the answer: PutBucketVersioning Suspended on the log bucket
 * (S3 User Guide: suspending versioning leaves existing objects unchanged, so by itself it deletes nothing; whether
 * it is evasion is the product's policy; the record is in the fixture but not asserted); a lifecycle or retention of
 * 3-30 days (no AWS page names a threshold; the product's own threshold, one day, is what the cases use); an AWS
 * service-linked role's own trail change (no AWS page shows a record of such a routine change to build a case on).
 */
class EvasionAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/evasion");
  static final String ATTEMPTED = " attempted \u2014 ";
  /** The built-in rules whose subject is blinding the defenders (docs/detections.md). */
  static final Set<String> EVASION_RULES = Set.of("cloudtrail-logging-stopped", "cloudtrail-trail-modified",
      "cloudtrail-management-events-excluded", "guardduty-disabled", "config-disabled", "vpc-flow-logs-deleted",
      "s3-lifecycle-expires-objects", "s3-mass-object-deletion", "dns-query-logging-removed",
      "bedrock-invocation-logging-removed");

  @TempDir static Path tmp;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    Path caseDir = tmp.resolve("case");
    ExplainedEvents.importInto(caseDir, FIXTURES, "events.json");
    findings = new ArrayList<>(ExplainedEvents.findings(caseDir));
  }

  // ------------------------------------------------------------------ helpers

  /** Every finding (any rule) that holds this event. */
  static List<JsonNode> holding(String eventId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : findings) {
      for (JsonNode id : f.path("eventIds")) {
        if (id.asText().equals(eventId)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  static List<JsonNode> of(String rule, String eventId) {
    return holding(eventId).stream().filter(f -> f.path("rule").asText().equals(rule)).toList();
  }

  static JsonNode only(String rule, String eventId) {
    List<JsonNode> l = of(rule, eventId);
    assertThat(l).as("one %s finding holding event %s; its findings: %s", rule, eventId, shows(holding(eventId)))
        .hasSize(1);
    return l.get(0);
  }

  static String show(JsonNode f) {
    return f.path("rule").asText() + " " + f.path("severity").asText() + " \"" + f.path("title").asText() + "\" / "
        + f.path("summary").asText();
  }

  static List<String> shows(List<JsonNode> l) {
    return l.stream().map(EvasionAuditTest::show).toList();
  }

  static void expectDone(String rule, String eventId, String severity) {
    JsonNode f = only(rule, eventId);
    assertThat(f.path("severity").asText()).as(show(f)).isEqualTo(severity);
    assertThat(f.path("title").asText()).as(show(f)).doesNotContain("attempted");
    assertThat(f.path("summary").asText()).as(show(f)).doesNotStartWith("Attempted only:");
  }

  static void expectAttempt(String rule, String eventId, String severity, String why) {
    JsonNode f = only(rule, eventId);
    assertThat(f.path("title").asText()).as(show(f)).contains(ATTEMPTED);
    assertThat(f.path("summary").asText()).as(show(f)).startsWith("Attempted only:").contains(why);
    assertThat(f.path("severity").asText()).as(show(f)).isEqualTo(severity);
  }

  /** The call is reported, as done, by some finding of at least this severity. */
  static void expectReportedAtLeast(String eventId, String severity, String aws) {
    List<String> order = List.of("critical", "high", "medium", "low", "info");
    List<JsonNode> l = holding(eventId).stream()
        .filter(f -> order.indexOf(f.path("severity").asText()) <= order.indexOf(severity))
        .filter(f -> !f.path("title").asText().contains("attempted"))
        .toList();
    assertThat(l).as("AWS: %s. Expected a finding of at least %s holding %s; the product said: %s", aws, severity,
        eventId, holding(eventId).isEmpty() ? "no finding at all" : shows(holding(eventId))).isNotEmpty();
  }

  /** No evasion finding holds the event. */
  static void expectNoEvasion(String eventId, String aws) {
    List<JsonNode> l = holding(eventId).stream().filter(f -> EVASION_RULES.contains(f.path("rule").asText())).toList();
    assertThat(l).as("AWS: %s. The product said: %s", aws, shows(l)).isEmpty();
  }

  // ------------------------------------------------------------------ 1. CloudTrail: done

  /** [CT-DELETE] DeleteTrail that succeeded: the trail is gone; cloudtrail-logging-stopped, critical, done. */
  @Test
  void deleteTrailIsCriticalAndDone() {
    expectDone("cloudtrail-logging-stopped", "ev-delete-trail", "critical");
  }

  /**
   * [CT-UPDATE] UpdateTrail isMultiRegionTrail false: the trail now records only its home Region. Reported as a done
   * trail change (cloudtrail-trail-modified, medium).
   */
  @Test
  void updateTrailToSingleRegionIsReported() {
    expectDone("cloudtrail-trail-modified", "ev-update-single-region", "medium");
  }

  /** [CT-UPDATE] UpdateTrail enableLogFileValidation false: the digest chain breaks. Reported, done, medium. */
  @Test
  void updateTrailDisablingLogFileValidationIsReported() {
    expectDone("cloudtrail-trail-modified", "ev-update-no-validation", "medium");
  }

  /** [CT-UPDATE] UpdateTrail s3BucketName to another bucket: delivery moves away. Reported, done, medium. */
  @Test
  void updateTrailMovingTheBucketIsReported() {
    expectDone("cloudtrail-trail-modified", "ev-update-bucket", "medium");
  }

  /** [CT-INSIGHTS] PutInsightSelectors with an empty list: Insights off. Reported, done, medium. */
  @Test
  void insightSelectorsRemovedAreReported() {
    expectDone("cloudtrail-trail-modified", "ev-insights-off", "medium");
  }

  /**
   * [CT-SELECTOR] PutEventSelectors readWriteType ReadOnly, includeManagementEvents true: from now on the trail logs
   * read-only management calls only; every write call (StopLogging, CreateAccessKey, RunInstances ...) goes
   * unrecorded. The product's own rule cloudtrail-management-events-excluded (high) exists for a trail that "no longer
   * records IAM, EC2 or any other control-plane call"; a ReadOnly trail is exactly that for every change. The product
   * only lists it among routine configuration changes (cloudtrail-trail-modified, medium).
   */
  @Test
  void eventSelectorsDroppingWriteEventsAreReportedAsManagementEventsExcluded() {
    expectReportedAtLeast("ev-selectors-readonly", "high",
        "EventSelector ReadWriteType ReadOnly logs read-only events; RunInstances is a write-only operation [CT-SELECTOR]"
            + " - the trail no longer records any write management call");
  }

  /**
   * [CT-ADV] Advanced event selectors: eventCategory Management with readOnly = true. "A value of true logs only read
   * events": write management calls are no longer recorded. The rule's regex only checks that "Management" appears.
   */
  @Test
  void advancedSelectorsKeepingOnlyReadManagementEventsAreReportedAsManagementEventsExcluded() {
    expectReportedAtLeast("ev-advanced-readonly", "high",
        "AdvancedFieldSelector readOnly: 'A value of true logs only read events' [CT-ADV]");
  }

  // ------------------------------------------------------------------ 2. CloudTrail: refused, or failed

  /** A refused UpdateTrail: an attempt, medium lowered to low, reason from the message. */
  @Test
  void refusedUpdateTrailIsAnAttempt() {
    expectAttempt("cloudtrail-trail-modified", "ev-update-refused", "low", "no identity-based policy allows");
  }

  /**
   * A refused PutEventSelectors that would have dropped management events: cloudtrail-management-events-excluded
   * reports an attempt (high lowered to low), not "done".
   */
  @Test
  void refusedSelectorsDroppingManagementEventsAreAnAttempt() {
    expectAttempt("cloudtrail-management-events-excluded", "ev-selectors-refused", "low",
        "no identity-based policy allows");
  }

  /**
   * [CT-DELETE] DeleteTrail of a trail that does not exist (TrailNotFoundException): nothing was deleted; an attempt
   * (critical lowered to medium) naming the error.
   */
  @Test
  void deleteTrailOfAnUnknownTrailIsAnAttempt() {
    expectAttempt("cloudtrail-logging-stopped", "ev-delete-trail-notfound", "medium", "TrailNotFoundException");
  }

  // ------------------------------------------------------------------ 3. not evasion

  /** CreateTrail and StartLogging turn logging on; no evasion finding may hold them. */
  @Test
  void trailCreatedAndLoggingStartedAreNotEvasion() {
    expectNoEvasion("ev-create-trail", "CreateTrail/StartLogging create and start a trail");
    expectNoEvasion("ev-start-logging", "StartLogging starts recording");
  }

  /**
   * [CT-UPDATE] UpdateTrail that only sets kmsKeyId: "the KMS key ID to use to encrypt the logs delivered by
   * CloudTrail". Bucket, regions, validation and selectors are unchanged (the response shows them): logs are still
   * delivered, now encrypted. The product reports it as cloudtrail-trail-modified, medium, exactly like moving the
   * bucket away.
   */
  @Test
  void updateTrailOnlyAddingKmsEncryptionIsNotEvasion() {
    expectNoEvasion("ev-update-kms",
        "UpdateTrail KmsKeyId 'Specifies the KMS key ID to use to encrypt the logs delivered by CloudTrail' [CT-UPDATE];"
            + " the response shows the same bucket, multi-region and validation settings");
  }

  /**
   * [CT-SELECTOR] PutEventSelectors keeping readWriteType All with management events and adding S3 data events: the
   * trail records everything it did by default ("all read and write management events") and more. Nothing is blinded,
   * yet the product reports cloudtrail-trail-modified at medium.
   */
  @Test
  void eventSelectorsOnlyAddingDataEventsAreNotEvasion() {
    expectNoEvasion("ev-selectors-all",
        "readWriteType All + includeManagementEvents true + S3 data events is a superset of the default selectors"
            + " [CT-SELECTOR]");
  }

  /** [GD-UPDATE] UpdateDetector enable true (re-enabling) and a change of publishing frequency only are not evasion. */
  @Test
  void guardDutyReenabledOrFrequencyChangedIsNotEvasion() {
    expectNoEvasion("ev-gd-enable", "UpdateDetector enable true enables the detector [GD-UPDATE]");
    expectNoEvasion("ev-gd-frequency", "UpdateDetector without enable does not disable the detector [GD-UPDATE]");
  }

  /**
   * [S3-LCRULE] A lifecycle rule expiring the log bucket's objects after one day but with Status Disabled: "the rule
   * is not currently being applied", so nothing will expire. The product reports s3-lifecycle-expires-objects (medium)
   * as for an enabled rule.
   */
  @Test
  void disabledOneDayLifecycleRuleIsNotEvidenceDestruction() {
    List<JsonNode> l = of("s3-lifecycle-expires-objects", "ev-lifecycle-disabled");
    assertThat(l).as("AWS [S3-LCRULE]: Status 'Disabled' - 'the rule is not currently being applied'. The product "
        + "said: %s", shows(l)).isEmpty();
  }

  // ------------------------------------------------------------------ 4. the log bucket

  /** [S3-LCRULE] Enabled one-day expiration on the trail's bucket: s3-lifecycle-expires-objects, medium, done. */
  @Test
  void oneDayLifecycleOnTheTrailBucketIsReported() {
    JsonNode f = only("s3-lifecycle-expires-objects", "ev-lifecycle-1day");
    assertThat(f.path("severity").asText()).as(show(f)).isEqualTo("medium");
    assertThat(f.path("summary").asText()).as(show(f)).contains("trail-logs-111122223333");
  }

  /**
   * [CT-BUCKET] DeleteBucketPolicy on trail-logs-111122223333, the bucket CreateTrail named as the trail's
   * destination: CloudTrail loses the permission to deliver; the trail still "logs" but nothing arrives. The product
   * reports nothing.
   */
  @Test
  void deletingTheTrailBucketPolicyIsReported() {
    expectReportedAtLeast("ev-delete-bucket-policy", "medium",
        "'To deliver log files to an S3 bucket, CloudTrail must have the required permissions'; delivery errors are "
            + "fixed by fixing the bucket policy [CT-BUCKET]; the bucket is the trail's (CreateTrail s3BucketName)");
  }

  /**
   * [CT-BUCKET] PutBucketPolicy on the trail's bucket with Deny s3:PutObject to cloudtrail.amazonaws.com: log delivery
   * stops. No rule looks at a policy that shuts CloudTrail out.
   */
  @Test
  void bucketPolicyDenyingCloudTrailIsReported() {
    expectReportedAtLeast("ev-bucket-policy-deny-ct", "medium",
        "CloudTrail needs s3:PutObject on the bucket to deliver [CT-BUCKET]; this policy denies it to "
            + "cloudtrail.amazonaws.com");
  }

  /**
   * [CT-VALIDATE] DeleteObject of a delivered CloudTrail log file (AWSLogs/111122223333/CloudTrail/...) in the trail's
   * bucket: AWS treats deletion of delivered log files as tampering (validate-logs detects "Modification or deletion of
   * CloudTrail log files"). One deletion is below s3-mass-object-deletion's 50; nothing else reports it.
   */
  @Test
  void deletingADeliveredCloudTrailLogFileIsReported() {
    expectReportedAtLeast("ev-delete-log-object", "medium",
        "deleting delivered CloudTrail log files is what log file validation exists to detect [CT-VALIDATE]");
  }

  // ------------------------------------------------------------------ 5. GuardDuty, Security Hub, Config, logs, flow logs

  /** [GD-UPDATE] UpdateDetector enable false: guardduty-disabled, high, done. */
  @Test
  void guardDutyDetectorDisabledIsHighAndDone() {
    expectDone("guardduty-disabled", "ev-gd-disable", "high");
  }

  /** [IAM-DENY] DeleteDetector refused by an SCP: guardduty-disabled as an attempt (high lowered to low) naming the SCP. */
  @Test
  void guardDutyDeleteRefusedByScpIsAnAttempt() {
    expectAttempt("guardduty-disabled", "ev-gd-delete-scp", "low", "service control policy");
  }

  /**
   * [GD-FILTER] CreateFilter with action ARCHIVE and criterion severity >= 1: every GuardDuty finding is auto-archived
   * and "not sent to any of the AWS services with which you may integrate". GuardDuty is running but silenced; the
   * product reports nothing.
   */
  @Test
  void guardDutyAutoArchiveFilterIsReported() {
    expectReportedAtLeast("ev-gd-archive-filter", "medium",
        "CreateFilter action ARCHIVE = suppression rule: matching findings 'are automatically archived' and not sent on"
            + " [GD-FILTER]");
  }

  /** [GD-FILTER] A NOOP filter (a saved view) suppresses nothing: not evasion. */
  @Test
  void guardDutySavedFilterIsNotEvasion() {
    expectNoEvasion("ev-gd-noop-filter", "CreateFilter action NOOP only saves a filter [GD-FILTER]");
    assertThat(holding("ev-gd-noop-filter")).as("%s", shows(holding("ev-gd-noop-filter"))).isEmpty();
  }

  /** [SH-DISABLE] DisableSecurityHub: Security Hub off in the Region, standards disabled. The product reports nothing. */
  @Test
  void securityHubDisabledIsReported() {
    expectReportedAtLeast("ev-sh-disable", "medium",
        "DisableSecurityHub 'Disables Security Hub in your account ... Any standards that were enabled are disabled'"
            + " [SH-DISABLE]");
  }

  /** [SH-STANDARDS] BatchDisableStandards of FSBP (StandardsStatus DELETING). The product reports nothing. */
  @Test
  void securityHubStandardsDisabledIsReported() {
    expectReportedAtLeast("ev-sh-standards", "medium",
        "BatchDisableStandards 'Disables the standards specified by the provided StandardsSubscriptionArns'"
            + " [SH-STANDARDS]");
  }

  /** [CFG-CHANNEL] DeleteDeliveryChannel: config-disabled, high, done. */
  @Test
  void configDeliveryChannelDeletedIsHighAndDone() {
    expectDone("config-disabled", "ev-config-delete-channel", "high");
  }

  /**
   * [CWL-DELETE] DeleteLogGroup of /aws/vpc/flowlogs "permanently deletes all the archived log events": the flow-log
   * history is destroyed, which the product rates high when done by DeleteFlowLogs (vpc-flow-logs-deleted). Nothing
   * reports it.
   */
  @Test
  void logGroupDeletedIsReported() {
    expectReportedAtLeast("ev-logs-delete-group", "medium",
        "DeleteLogGroup 'permanently deletes all the archived log events associated with the log group' [CWL-DELETE]");
  }

  /**
   * [CWL-RETENTION] PutRetentionPolicy retentionInDays 1 on the trail's CloudWatch Logs group: events older than a day
   * are deleted; the same one-day destruction the product reports for S3 (s3-lifecycle-expires-objects, medium).
   * Nothing reports it.
   */
  @Test
  void oneDayLogRetentionIsReported() {
    expectReportedAtLeast("ev-logs-retention-1d", "medium",
        "PutRetentionPolicy retentionInDays: 'The number of days to retain the log events' - here 1 [CWL-RETENTION]");
  }

  /** [EC2-UNAUTH] DeleteFlowLogs refused with Client.UnauthorizedOperation: an attempt, high lowered to low. */
  @Test
  void refusedDeleteFlowLogsIsAnAttempt() {
    expectAttempt("vpc-flow-logs-deleted", "ev-flowlogs-refused", "low", "no identity-based policy allows");
  }
}
