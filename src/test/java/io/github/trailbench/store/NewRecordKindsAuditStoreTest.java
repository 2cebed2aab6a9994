package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.RulePackException;
import io.github.trailbench.core.findings.Severity;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.query.Expr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of CloudTrail record kinds and userIdentity fields AWS added in 2023-2026, imported into a case the way
 * an analyst imports a trail (real reader, real importer, {@link CaseDetections} as `trailbench findings` runs it).
 * Records are written as AWS documents them:
 *
 * <ul>
 *   <li>{@code userIdentity.invokedByDelegate}: IAM User Guide, "CloudTrail" (temporary delegation),
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/temporary-delegation-cloudtrail.html
 *   <li>network activity events ({@code AwsVpceEvent}, {@code VpceAccessDenied}): CloudTrail User Guide,
 *       "Understanding CloudTrail events", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-events.html
 *   <li>{@code userIdentity.inScopeOf}, {@code IdentityCenterUser}: CloudTrail User Guide, "CloudTrail userIdentity
 *       element", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *   <li>{@code addendum}, {@code sharedEventID}, {@code vpcEndpointAccountId}, {@code eventContext},
 *       {@code edgeDeviceDetails}: CloudTrail User Guide, "CloudTrail record contents",
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * </ul>
 *
 * Each test guards what a responder needs (decision 100). Found and not yet mended, so not here: Lambda
 * credentials ({@code inScopeOf}) used outside AWS, and the AWSAccount
 * caller of a network activity event shown as that account's root. sts:AssumeRoot is in RootSessionStoreTest.
 */
class NewRecordKindsAuditStoreTest {
  @TempDir Path tmp;

  static final String CUSTOMER = "111122223333";
  static final String PROVIDER = "444455556666";
  static final String OUTSIDE = "777788889999";

  // ---------------------------------------------------------------- identities, as AWS logs them

  static String roleSession(String key, String role, String session, String extraIdentity) {
    return """
        {"type":"AssumedRole","principalId":"AROAEXAMPLEROLEID:%2$s","arn":"arn:aws:sts::%4$s:assumed-role/%1$s/%2$s",
         "accountId":"%4$s","accessKeyId":"%3$s","sessionContext":{"sessionIssuer":{"type":"Role",
         "principalId":"AROAEXAMPLEROLEID","arn":"arn:aws:iam::%4$s:role/%1$s","accountId":"%4$s","userName":"%1$s"},
         "attributes":{"creationDate":"2026-11-21T09:50:16Z","mfaAuthenticated":"false"}}%5$s}"""
        .formatted(role, session, key, CUSTOMER, extraIdentity == null ? "" : "," + extraIdentity);
  }

  /** The IAM User Guide's example: the customer's role session, with the product provider's account in invokedByDelegate. */
  static final String DELEGATED = roleSession("ASIADELEGATEEXAMPL01", "Admin", "Role-Session-Name",
      "\"invokedByDelegate\":{\"accountId\":\"" + PROVIDER + "\"}");

  static final String ADMIN = roleSession("ASIAADMINEXAMPLE0001", "Admin", "jane", null);

  /** The CloudTrail User Guide's denied network activity event: a principal of another account, named by account and key only. */
  static final String OUTSIDE_ACCOUNT = "{\"type\":\"AWSAccount\",\"principalId\":\"AKIAIOSFODNN7EXAMPLE\",\"accountId\":\"" + OUTSIDE + "\"}";

  static final String IDENTITY_CENTER_USER = """
      {"type":"IdentityCenterUser","accountId":"%s","onBehalfOf":{"userId":"544894e8-80c1-707f-60e3-3ba6510dfac1",
       "identityStoreArn":"arn:aws:identitystore::%1$s:identitystore/d-9067642ac7"},
       "credentialId":"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"}""".formatted(CUSTOMER);

  // ---------------------------------------------------------------- records

  /** A record; {@code extra} is more top-level fields (without a leading comma). */
  static String rec(String id, String time, String identity, String source, String name, String ip, String extra) {
    return """
        {"eventVersion":"1.11","userIdentity":%s,"eventTime":"%s","eventSource":"%s","eventName":"%s",
         "awsRegion":"us-east-1","sourceIPAddress":"%s","userAgent":"aws-cli/2.17.20","requestID":"req-%s","eventID":"%s",
         "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"%s","eventCategory":"Management"%s}"""
        .formatted(identity, time, source, name, ip, id, id, CUSTOMER, extra == null ? "" : "," + extra);
  }

  /** A network activity event as the endpoint owner receives it (no managementEvent, no userAgent in AWS's example). */
  static String vpce(String id, String time, String identity, String source, String name, String ip, String errorCode) {
    return """
        {"eventVersion":"1.09","userIdentity":%s,"eventTime":"%s","eventSource":"%s","eventName":"%s","awsRegion":"us-east-1",
         "sourceIPAddress":"%s",%s"requestID":"req-%s","eventID":"%s","eventType":"AwsVpceEvent","recipientAccountId":"%s",
         "sharedEventID":"shared-%s","vpcEndpointId":"vpce-EXAMPLE08c1b6b9b7","vpcEndpointAccountId":"%s",
         "eventCategory":"NetworkActivity"}"""
        .formatted(identity, time, source, name, ip,
            errorCode == null ? "" : "\"errorCode\":\"" + errorCode + "\",\"errorMessage\":\"The request was denied due to a VPC endpoint policy\",",
            id, id, CUSTOMER, id, CUSTOMER);
  }

  static String minute(int m) {
    return java.time.Instant.parse("2026-11-21T10:00:00Z").plusSeconds(60L * m).toString();
  }

  // ---------------------------------------------------------------- case helpers

  private int files;

  private CaseStore imported(String... records) throws Exception {
    Path f = tmp.resolve("trail-" + (++files) + ".json");
    Files.writeString(f, "{\"Records\":[" + String.join(",", records) + "]}");
    CaseStore s = CaseStore.open(tmp.resolve("case"));
    ImportReport r = s.importer(DefaultEventFacts.deriver()).importPaths(List.of(f), ImportListener.NONE);
    assertThat(r.rejected()).as("records rejected at import").isZero();
    return s;
  }

  /** Parses a rule pack; a refusal fails the test with the parser's reason. */
  private static RulePack loads(String json, String name) {
    try {
      return RulePack.parse(json, name);
    } catch (RulePackException e) {
      throw new AssertionError("rule pack refused: " + e.problem(), e);
    }
  }

  private static List<Finding> findings(CaseStore s) {
    return CaseDetections.run(s, RulePack.builtIn()).result().findings();
  }

  private static List<Finding> of(List<Finding> fs, String rule) {
    return fs.stream().filter(f -> f.ruleId().equals(rule)).collect(Collectors.toList());
  }

  private static String describe(List<Finding> fs) {
    return fs.stream().map(f -> f.ruleId() + "(" + f.severity() + ", " + f.eventCount() + "): " + f.summary())
        .collect(Collectors.joining("\n"));
  }

  private static CloudTrailEvent event(CaseStore s, String id) throws Exception {
    return CaseEvents.byId(s, id).orElseThrow();
  }

  /** What the events table shows as PRINCIPAL. */
  private static String principalColumn(CaseStore s, String id) throws Exception {
    return DefaultEventFacts.deriver().derive(event(s, id)).principalArn();
  }

  private static List<CloudTrailEvent> all(CaseStore s) {
    List<CloudTrailEvent> out = new ArrayList<>();
    CaseEvents.forEach(s, new Expr.All(), out::add, p -> { });
    return out;
  }

  // ================================================================ 1. invokedByDelegate (temporary delegated access)

  /** AWS: the principal is the customer's role session; the provider's account is extra information, not the principal. */
  @Test
  void invokedByDelegate_principalColumnStaysTheCustomersRoleSession() throws Exception {
    try (CaseStore s = imported(rec("deleg-1", minute(0), DELEGATED, "iam.amazonaws.com", "GetUserPolicy", "203.0.113.50",
        "\"requestParameters\":{\"userName\":\"ExampleIAMUserName\",\"policyName\":\"ExamplePolicyName\"}"))) {
      assertThat(principalColumn(s, "deleg-1"))
          .isEqualTo("arn:aws:sts::" + CUSTOMER + ":assumed-role/Admin/Role-Session-Name");
    }
  }

  /**
   * A product provider (account 444455556666) created an access key for bob in the customer's account through its
   * delegated session. A responder must see that the provider's account, not the customer's own Admin user, acted:
   * the finding's summary or evidence has to name the provider's account.
   */
  @Test
  void invokedByDelegate_findingOnADelegatedActionNamesTheProductProviderAccount() throws Exception {
    try (CaseStore s = imported(rec("deleg-2", minute(1), DELEGATED, "iam.amazonaws.com", "CreateAccessKey", "203.0.113.50",
        "\"requestParameters\":{\"userName\":\"bob\"},\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIABOBNEWKEY0000001\","
            + "\"status\":\"Active\",\"userName\":\"bob\",\"createDate\":\"Nov 21, 2026 10:01:00 AM\"}}"))) {
      List<Finding> fs = of(findings(s), "access-key-created-for-other-user");
      assertThat(fs).as("the delegated CreateAccessKey is reported").hasSize(1);
      Finding f = fs.get(0);
      String told = f.title() + " " + f.summary() + " " + f.evidence();
      assertThat(told).as("what the finding tells about who acted:\n" + f.summary()).contains(PROVIDER);
    }
  }

  /** An analyst's rule on the documented field must load (unknown fields are load errors) and match the delegated call. */
  @Test
  void invokedByDelegate_aRuleOnUserIdentityInvokedByDelegateAccountIdLoadsAndMatches() throws Exception {
    String rule = """
        {"format":"trailbench-rules/1","name":"delegation","rules":[{"id":"delegated-access","title":"Action by a product provider",
         "severity":"medium","description":"Temporary delegated access used.","kind":"match",
         "match":{"userIdentity.invokedByDelegate.accountId":{"exists":true}}}]}""";
    RulePack pack = loads(rule, "delegation.json");
    try (CaseStore s = imported(rec("deleg-3", minute(2), DELEGATED, "iam.amazonaws.com", "ListUsers", "203.0.113.50", null))) {
      assertThat(of(CaseDetections.run(s, pack).result().findings(), "delegated-access")).hasSize(1);
    }
  }

  // ================================================================ 2. inScopeOf (credentials issued to a resource)

  /**
   * Credentials AWS issued to a Lambda function (inScopeOf.issuerType AWS::Lambda::Function) used from an address
   * outside AWS are the Lambda counterpart of instance-credentials-used-outside: the function's environment leaked.
   * Some rule should report the use from 198.51.100.77 (the function's own calls come from AWS addresses).
   */
    /**
   * The session chain of a Lambda execution-role session: no caller's key issued it, AWS issued it to the function
   * inScopeOf names. The chain's root should be that function (or at least Lambda), not an unknown parent.
   */
    // ================================================================ 3. network activity events (VPC endpoints)

  /**
   * AWS's denied network activity example names the caller by account and access key only (type AWSAccount,
   * principalId AKIA...). The PRINCIPAL column must not credit the other account's root user with the call: an AKIA
   * key is an IAM user's, never root's sign-in, and the record does not say it was root.
   */
    /**
   * The replay of a VPC-endpoint-policy denial: kms:ListKeys is an IAM action and the call was a request that a
   * policy decided (the endpoint policy). The mapping's explanation must say so, not that the record is "not a
   * request a policy decided" (which `explain` prints as "not authorized by IAM").
   */
  @Test
  void vpceDenied_replayExplainsAVpcEndpointPolicyDenialNotANonRequest() throws Exception {
    try (CaseStore s = imported(vpce("vpce-deny", minute(0), OUTSIDE_ACCOUNT, "kms.amazonaws.com", "ListKeys", "192.0.2.0",
        "VpceAccessDenied"))) {
      ActionMapping m = EventActionMapper.get().map(event(s, "vpce-deny"));
      String notes = String.join(" | ", m.notes());
      assertThat(notes).as("mapping notes").doesNotContain("not a request a policy decided");
      assertThat(notes.toLowerCase()).as("mapping notes").contains("endpoint policy");
    }
  }

  /** VPC endpoint policy denials are not IAM identity denials: twelve of them are no enumeration burst. */
  @Test
  void vpceDenied_isNotCountedInTheAccessDeniedBurst() throws Exception {
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      recs.add(vpce("vpce-deny-" + i, java.time.Instant.parse("2026-11-21T10:10:00Z").plusSeconds(30L * i).toString(),
          OUTSIDE_ACCOUNT, "kms.amazonaws.com", "ListKeys", "192.0.2.0", "VpceAccessDenied"));
    }
    try (CaseStore s = imported(recs.toArray(String[]::new))) {
      assertThat(of(findings(s), "access-denied-burst")).isEmpty();
    }
  }

  /**
   * One StopLogging through the account's own VPC endpoint is logged twice in its trail: as the management event
   * (AwsApiCall, with vpcEndpointId) and, when network activity events are on, as a network activity event
   * (AwsVpceEvent). It is one call: the critical finding must count 1, not 2.
   */
  @Test
  void vpceAllowed_networkActivityCopyOfAManagementCall_isNotASecondCall() throws Exception {
    try (CaseStore s = imported(
        rec("stop-mgmt", minute(0), ADMIN, "cloudtrail.amazonaws.com", "StopLogging", "10.0.1.23",
            "\"requestParameters\":{\"name\":\"arn:aws:cloudtrail:us-east-1:" + CUSTOMER + ":trail/main\"},\"responseElements\":null,"
                + "\"vpcEndpointId\":\"vpce-EXAMPLE08c1b6b9b7\",\"vpcEndpointAccountId\":\"" + CUSTOMER + "\""),
        vpce("stop-net", minute(0), ADMIN, "cloudtrail.amazonaws.com", "StopLogging", "10.0.1.23", null))) {
      List<Finding> fs = of(findings(s), "cloudtrail-logging-stopped");
      assertThat(fs).hasSize(1);
      assertThat(fs.get(0).eventCount()).as(fs.get(0).summary()).isEqualTo(1);
    }
  }

  /**
   * An outside account's principal tried DeleteTrail through the endpoint and the VPC endpoint policy refused it.
   * The attempt finding must say who (the outside account) and why (the VPC endpoint policy), not just a key id and
   * an error code.
   */
  @Test
  void vpceDenied_attemptFindingNamesTheOutsideAccountAndTheEndpointPolicy() throws Exception {
    try (CaseStore s = imported(vpce("del-vpce", minute(5), OUTSIDE_ACCOUNT, "cloudtrail.amazonaws.com", "DeleteTrail",
        "192.0.2.0", "VpceAccessDenied"))) {
      List<Finding> fs = of(findings(s), "cloudtrail-logging-stopped");
      assertThat(fs).hasSize(1);
      Finding f = fs.get(0);
      assertThat(f.severity()).as("an attempt, lowered").isEqualTo(Severity.MEDIUM);
      assertThat(f.summary()).as("summary").contains(OUTSIDE);
      assertThat(f.summary().toLowerCase()).as("summary").contains("vpc endpoint");
    }
  }

  /** An analyst's rule on vpcEndpointAccountId (a documented record field since 1.09) must load. */
  @Test
  void vpcEndpointAccountId_aRuleOnTheFieldLoads() {
    String rule = """
        {"format":"trailbench-rules/1","name":"vpce","rules":[{"id":"foreign-endpoint","title":"Call through another account's endpoint",
         "severity":"low","description":"The endpoint is not the recipient's.","kind":"match",
         "match":{"eventCategory":"NetworkActivity","vpcEndpointAccountId":{"notEqualsField":"recipientAccountId"}}}]}""";
    assertThat(loads(rule, "vpce.json")).isNotNull();
  }

  // ================================================================ 4. addendum, sharedEventID, newer fields

  /**
   * An addendum with reason UPDATED_DATA re-delivers an event with what was missing, naming the original by
   * originalEventID. Both records in the case are one DeleteDetector call: the finding must count 1.
   */
    /**
   * An addendum with reason UPDATED_DATA re-delivers an event with what was missing, naming the original by
   * originalEventID. Both records in the case are one DeleteDetector call: the finding must count 1.
   */
  @Test
  void addendumUpdatedData_isNotASecondCall() throws Exception {
    String params = "\"requestParameters\":{\"detectorId\":\"12abc34d567e8fa901bc2d34eexample\"}";
    try (CaseStore s = imported(
        rec("dd-orig", minute(10), ADMIN, "guardduty.amazonaws.com", "DeleteDetector", "203.0.113.50", params),
        rec("dd-addendum", minute(10), ADMIN, "guardduty.amazonaws.com", "DeleteDetector", "203.0.113.50", params
            + ",\"addendum\":{\"reason\":\"UPDATED_DATA\",\"updatedFields\":\"requestParameters\","
            + "\"originalRequestID\":\"req-dd-orig\",\"originalEventID\":\"dd-orig\"}"))) {
      List<Finding> fs = of(findings(s), "guardduty-disabled");
      assertThat(fs).hasSize(1);
      assertThat(fs.get(0).eventCount()).as(fs.get(0).summary()).isEqualTo(1);
    }
  }

  /** Regression: a DELIVERY_DELAY addendum is the only copy of its call: kept, and counted once. */
  @Test
  void addendumDeliveryDelay_isKeptAndCountedOnce() throws Exception {
    try (CaseStore s = imported(rec("dd-late", minute(10), ADMIN, "guardduty.amazonaws.com", "DeleteDetector", "203.0.113.50",
        "\"requestParameters\":{\"detectorId\":\"12abc34d567e8fa901bc2d34eexample\"},\"addendum\":{\"reason\":\"DELIVERY_DELAY\"}"))) {
      List<Finding> fs = of(findings(s), "guardduty-disabled");
      assertThat(fs).hasSize(1);
      assertThat(fs.get(0).eventCount()).isEqualTo(1);
      assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
    }
  }

  /**
   * One cross-account call is delivered to the caller's and to the resource owner's account with one sharedEventID
   * (each copy its own eventID and recipientAccountId). With both accounts' trails in the case, six refused
   * GetObject calls are six, not twelve: no enumeration burst (threshold 10). Assumption (unsure): both copies carry
   * the caller's full identity, as the sample copies here do.
   */
  @Test
  void sharedEventId_oneCallDeliveredToTwoAccounts_isCountedOnce() throws Exception {
    String caller = roleSession("ASIACALLEREXAMPLE001", "Reader", "etl", null)
        .replace(CUSTOMER, OUTSIDE);
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String base = """
          {"eventVersion":"1.11","userIdentity":%s,"eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"GetObject",
           "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.9","userAgent":"aws-cli/2.17.20","errorCode":"AccessDenied",
           "errorMessage":"Access Denied","requestParameters":{"bucketName":"customer-data","key":"k%d"},"requestID":"req-s3-%d",
           "eventID":"%s","readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"%s",
           "sharedEventID":"shared-s3-%d","eventCategory":"Data"}""";
      String t = minute(20 + i);
      recs.add(base.formatted(caller, t, i, i, "s3-caller-" + i, OUTSIDE, i));
      recs.add(base.formatted(caller, t, i, i, "s3-owner-" + i, CUSTOMER, i));
    }
    try (CaseStore s = imported(recs.toArray(String[]::new))) {
      List<Finding> fs = findings(s);
      assertThat(of(fs, "access-denied-burst")).as(describe(fs)).isEmpty();
    }
  }

  /** Regression: an IdentityCenterUser (onBehalfOf, credentialId) is credited to the identity store user, never null. */
  @Test
  void identityCenterUser_principalColumnIsTheIdentityStoreUser() throws Exception {
    try (CaseStore s = imported(rec("ic-1", minute(30), IDENTITY_CENTER_USER, "sso.amazonaws.com", "ListAccounts",
        "203.0.113.50", "\"readOnly\":true"))) {
      assertThat(principalColumn(s, "ic-1")).contains("544894e8-80c1-707f-60e3-3ba6510dfac1");
    }
  }

  /** Regression: eventVersion 1.11 records with eventContext, edgeDeviceDetails, serviceEventDetails are imported. */
  @Test
  void eventVersion111_newerFields_areImportedNotRejected() throws Exception {
    try (CaseStore s = imported(rec("v111", minute(40), ADMIN, "s3.amazonaws.com", "ListBuckets", "203.0.113.50",
        "\"eventContext\":{\"requestContext\":{\"aws:SourceVpc\":\"vpc-1\"},\"tagContext\":{\"resourceTags\":[]}},"
            + "\"edgeDeviceDetails\":{\"type\":\"outposts\",\"deviceID\":\"op-01ac5d28a6aexample\"},"
            + "\"serviceEventDetails\":{\"x\":1},\"vpcEndpointAccountId\":\"" + CUSTOMER + "\""))) {
      assertThat(all(s)).extracting(CloudTrailEvent::eventId).containsExactly("v111");
    }
  }

  /** Regression: an Insights event is not a call by anyone: no principal, no finding. */
  @Test
  void insightEvent_isNotCreditedToAPrincipalNorFound() throws Exception {
    try (CaseStore s = imported("""
        {"eventVersion":"1.08","eventTime":"2026-11-21T11:30:00Z","awsRegion":"us-east-1","eventID":"insight-1",
         "eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"979c82fe",
         "insightDetails":{"state":"Start","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging",
          "insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0001},
          "insight":{"average":5.0}}}},"eventCategory":"Insight"}""")) {
      assertThat(principalColumn(s, "insight-1")).isNull();
      assertThat(findings(s)).isEmpty();
    }
  }
}
