package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Audit of the built-in detections against realistic BENIGN CloudTrail activity (false positives,
 * wrong severities or wording) and against one documented true positive per rule. Records are
 * written as AWS documents them (userIdentity shapes, invokedBy, service-linked role sessions,
 * console sign-in events, error codes). A test that fails on the current code is a confirmed
 * problem and is named for the rule; the others are regression tests.
 */
class FalsePositiveAuditTest {
  private static final String ACCT = "111122223333";

  /** Default address classification (no enrichment), as a bare run gives it. */
  private static final DetectionOptions PLAIN =
      DetectionOptions.defaults().withClock(Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));
  /** The bundled IP data, as a case's stored enrichment gives it to the rules. */
  private static final DetectionOptions ENRICHED = PLAIN.withIpClassifier(
      IpClassifier.enriched(ip -> io.github.trailbench.core.enrich.IpEnricher.bundled().enrich(ip)));

  // ---------------------------------------------------------------- identities (as AWS logs them)

  private static final String ALICE_KEY = "{'type':'IAMUser','principalId':'AIDAALICEEXAMPLE','arn':'arn:aws:iam::" + ACCT
      + ":user/alice','accountId':'" + ACCT + "','accessKeyId':'AKIAALICEEXAMPLE0001','userName':'alice'}";
  private static final String ALICE_CONSOLE = "{'type':'IAMUser','principalId':'AIDAALICEEXAMPLE','arn':'arn:aws:iam::" + ACCT
      + ":user/alice','accountId':'" + ACCT + "','userName':'alice'}";
  private static final String ADMIN_SESSION = "{'type':'AssumedRole','principalId':'AROAADMINEXAMPLE:jane','arn':'arn:aws:sts::" + ACCT
      + ":assumed-role/Admin/jane','accountId':'" + ACCT + "','accessKeyId':'ASIAADMINEXAMPLE0001','sessionContext':{"
      + "'sessionIssuer':{'type':'Role','principalId':'AROAADMINEXAMPLE','arn':'arn:aws:iam::" + ACCT + ":role/Admin','accountId':'"
      + ACCT + "','userName':'Admin'},'attributes':{'creationDate':'2026-11-20T08:55:00Z','mfaAuthenticated':'true'}}}";
  private static final String ROOT = "{'type':'Root','principalId':'" + ACCT + "','arn':'arn:aws:iam::" + ACCT + ":root','accountId':'"
      + ACCT + "','accessKeyId':'ASIAROOTEXAMPLE00001'}";

  /** A service-linked role session an AWS service uses on the account's behalf (invokedBy set). */
  private static String slr(String role, String session, String service) {
    return "{'type':'AssumedRole','principalId':'AROASLREXAMPLE:" + session + "','arn':'arn:aws:sts::" + ACCT + ":assumed-role/" + role
        + "/" + session + "','accountId':'" + ACCT + "','accessKeyId':'ASIASLREXAMPLE000001','sessionContext':{'sessionIssuer':{"
        + "'type':'Role','principalId':'AROASLREXAMPLE','arn':'arn:aws:iam::" + ACCT + ":role/aws-service-role/" + service + "/" + role
        + "','accountId':'" + ACCT + "','userName':'" + role + "'},'attributes':{'creationDate':'2026-11-20T08:00:00Z',"
        + "'mfaAuthenticated':'false'}},'invokedBy':'" + service + "'}";
  }

  private static final String CONFIG_SLR = slr("AWSServiceRoleForConfig", "AWSConfig-Describe", "config.amazonaws.com");
  private static final String SECURITYHUB_SLR = slr("AWSServiceRoleForSecurityHub", "securityhub", "securityhub.amazonaws.com");

  // ---------------------------------------------------------------- record builder

  private static int seq;

  /** A record: single quotes stand for double quotes; {@code extra} is more top-level fields. */
  private static CloudTrailEvent ev(String time, String identity, String source, String name, String region, String ip,
      String extra) {
    String id = "ev-" + (++seq);
    String json = "{'eventVersion':'1.09','eventID':'" + id + "','eventTime':'" + time + "','eventSource':'" + source
        + "','eventName':'" + name + "','awsRegion':'" + region + "'" + (ip == null ? "" : ",'sourceIPAddress':'" + ip + "'")
        + ",'recipientAccountId':'" + ACCT + "','eventType':'AwsApiCall','managementEvent':true,'userIdentity':" + identity
        + (extra == null ? "" : "," + extra) + "}";
    return TestEvents.one(json.replace('\'', '"'));
  }

  private static String t(int minute) {
    return Instant.parse("2026-11-21T10:00:00Z").plusSeconds(60L * minute).toString();
  }

  private static List<Finding> run(List<CloudTrailEvent> events) {
    return run(events, PLAIN);
  }

  private static List<Finding> run(List<CloudTrailEvent> events, DetectionOptions options) {
    List<CloudTrailEvent> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparing(CloudTrailEvent::eventTime));
    return new DetectionEngine(RulePack.builtIn(), options).run(sorted).findings();
  }

  private static List<Finding> of(List<Finding> fs, String rule) {
    return fs.stream().filter(f -> f.ruleId().equals(rule)).collect(Collectors.toList());
  }

  private static Finding one(List<Finding> fs, String rule) {
    List<Finding> r = of(fs, rule);
    assertThat(r).as(rule + " among " + fs.stream().map(Finding::ruleId).toList()).hasSize(1);
    return r.get(0);
  }

  private static String rules(List<Finding> fs) {
    return fs.stream().map(f -> f.ruleId() + "(" + f.severity() + "): " + f.summary()).collect(Collectors.joining("\n"));
  }

  private static String ua(String u) {
    return "'userAgent':'" + u + "'";
  }

  private static final String CLI = ua("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.11.9 "
      + "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#iam.list-users");

  // ================================================================ root-account-use

  @Test
  void rootAccountUse_rootConsoleSignInWithMfaForBilling_isHighAndNamesTheCalls() {
    List<Finding> fs = run(List.of(
        ev(t(0), "{'type':'Root','principalId':'" + ACCT + "','arn':'arn:aws:iam::" + ACCT + ":root','accountId':'" + ACCT + "'}",
            "signin.amazonaws.com", "ConsoleLogin", "us-east-1", "198.51.100.23",
            ua("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15") + ",'responseElements':{'ConsoleLogin':'Success'},"
                + "'additionalEventData':{'LoginTo':'https://console.aws.amazon.com/billing/home','MobileVersion':'No','MFAUsed':'Yes',"
                + "'MFAIdentifier':'arn:aws:iam::" + ACCT + ":mfa/root-account-mfa-device'}"),
        ev(t(1), ROOT, "billingconsole.amazonaws.com", "GetBillingPreferences", "us-east-1", "198.51.100.23",
            ua("AWS Internal") + ",'readOnly':true")));
    Finding f = one(fs, "root-account-use");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("root user of account " + ACCT).contains("ConsoleLogin").contains("198.51.100.23");
    assertThat(of(fs, "console-login-without-mfa")).isEmpty();
  }

  @Test
  void rootAccountUse_serviceActingAsRootAndServiceEvents_areQuiet() {
    List<Finding> fs = run(List.of(
        ev(t(0), "{'type':'Root','principalId':'" + ACCT + "','arn':'arn:aws:iam::" + ACCT + ":root','accountId':'" + ACCT
            + "','invokedBy':'support.amazonaws.com'}", "iam.amazonaws.com", "GetAccountSummary", "us-east-1", "support.amazonaws.com",
            ua("support.amazonaws.com") + ",'readOnly':true"),
        TestEvents.one(("{'eventVersion':'1.08','eventID':'svc-1','eventTime':'" + t(2) + "','eventSource':'kms.amazonaws.com',"
            + "'eventName':'RotateKey','awsRegion':'eu-west-1','sourceIPAddress':'AWS Internal','recipientAccountId':'" + ACCT + "',"
            + "'eventType':'AwsServiceEvent','userIdentity':{'accountId':'" + ACCT + "','invokedBy':'AWS Internal'}}").replace('\'', '"'))));
    assertThat(of(fs, "root-account-use")).as(rules(fs)).isEmpty();
  }

  @Test
  void rootAccountUse_failedRootPassword_isAnAttemptNotRootUse() {
    List<Finding> fs = run(List.of(ev(t(0), "{'type':'Root','principalId':'" + ACCT + "','arn':'arn:aws:iam::" + ACCT
            + ":root','accountId':'" + ACCT + "'}", "signin.amazonaws.com", "ConsoleLogin", "us-east-1", "203.0.113.9",
        ua("Mozilla/5.0") + ",'errorMessage':'Failed authentication','responseElements':{'ConsoleLogin':'Failure'},"
            + "'additionalEventData':{'LoginTo':'https://console.aws.amazon.com/console/home','MobileVersion':'No','MFAUsed':'No'}")));
    Finding f = one(fs, "root-account-use");
    assertThat(f.attemptsOnly()).as(f.title() + " | " + f.summary()).isTrue();
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.title()).startsWith("ConsoleLogin attempted");
    assertThat(of(fs, "console-login-without-mfa")).isEmpty();
  }

  /**
   * A dry run changes nothing, but AWS answers DryRunOperation only when "the request would have
   * succeeded": the root credentials were accepted and hold the permission. It is root's use, said
   * to be a dry run, not a blocked attempt.
   */
  @Test
  void rootAccountUse_dryRunIsRootUseSaidToBeADryRun() {
    List<Finding> fs = run(List.of(ev(t(0), ROOT, "ec2.amazonaws.com", "RunInstances", "eu-west-1", "198.51.100.23",
        CLI + ",'errorCode':'Client.DryRunOperation','errorMessage':'Request would have succeeded, but DryRun flag is set.'")));
    Finding f = one(fs, "root-account-use");
    assertThat(f.attemptsOnly()).isFalse();
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title()).contains("dry run");
    assertThat(f.summary()).startsWith("Dry run only:");
  }

  // ================================================================ console-login-without-mfa

  private static CloudTrailEvent consoleLogin(String identity, String result, String mfa, String error) {
    return ev(t(seq), identity, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", "198.51.100.23",
        ua("Mozilla/5.0 (Windows NT 10.0; Win64; x64)") + ",'responseElements':{'ConsoleLogin':'" + result + "'},"
            + "'additionalEventData':{'LoginTo':'https://console.aws.amazon.com/console/home','MobileVersion':'No','MFAUsed':'" + mfa
            + "'}" + (error == null ? "" : ",'errorMessage':'" + error + "'"));
  }

  @Test
  void consoleLoginWithoutMfa_iamUserPasswordOnly_isMediumAndSaysWhatItSaw() {
    List<Finding> fs = run(List.of(consoleLogin(ALICE_CONSOLE, "Success", "No", null)));
    Finding f = one(fs, "console-login-without-mfa");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.summary()).contains("user/alice").contains("without MFA").contains("198.51.100.23");
  }

  @Test
  void consoleLoginWithoutMfa_withMfa_failedPassword_samlAndIdentityCenter_areQuiet() {
    String saml = "{'type':'SAMLUser','principalId':'SAMPLE_NAME_QUALIFIER:alice@example.com','userName':'alice@example.com',"
        + "'identityProvider':'bdGOnTesti4+ExamplexL/jEvs='}";
    String samlRole = "{'type':'AssumedRole','principalId':'AROAEXAMPLE:alice@example.com','arn':'arn:aws:sts::" + ACCT
        + ":assumed-role/ADFS-ReadOnly/alice@example.com','accountId':'" + ACCT + "'}";
    String sso = "{'type':'AssumedRole','principalId':'AROAEXAMPLE:alice','arn':'arn:aws:sts::" + ACCT
        + ":assumed-role/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef/alice','accountId':'" + ACCT + "'}";
    List<Finding> fs = run(List.of(
        consoleLogin(ALICE_CONSOLE, "Success", "Yes", null),
        consoleLogin("{'type':'IAMUser','principalId':'AIDABOBEXAMPLE','accountId':'" + ACCT + "','accessKeyId':'','userName':'bob'}",
            "Failure", "No", "Failed authentication"),
        consoleLogin(saml, "Success", "No", null),
        consoleLogin(samlRole, "Success", "No", null),
        consoleLogin(sso, "Success", "No", null)));
    assertThat(of(fs, "console-login-without-mfa")).as(rules(fs)).isEmpty();
  }

  // ================================================================ access-key-created-for-other-user / access-key-rotated

  private static CloudTrailEvent iam(int minute, String identity, String name, String params) {
    return ev(t(minute), identity, "iam.amazonaws.com", name, "us-east-1", "198.51.100.23",
        ua("AWS Internal") + (params == null ? "" : ",'requestParameters':" + params));
  }

  @Test
  void accessKeyCreatedForOtherUser_adminCreatesKeyForBob_isHigh() {
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "CreateAccessKey", "{'userName':'bob'}")));
    Finding f = one(fs, "access-key-created-for-other-user");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("bob");
  }

  @Test
  void accessKeyCreatedForOtherUser_userCreatesOwnKey_isQuiet() {
    List<Finding> fs = run(List.of(iam(0, ALICE_CONSOLE, "CreateAccessKey", "{'userName':'alice'}")));
    assertThat(of(fs, "access-key-created-for-other-user")).isEmpty();
  }

  /**
   * AWS's documented rotation: create the second key while the first is still active, move the
   * applications, then deactivate and delete the first. An administrator doing so for a user is a
   * rotation (access-key-rotated, low), not a key planted for another user (high).
   */
  @Test
  void accessKeyCreatedForOtherUser_awsDocumentedRotationOrder_isARotationNotHigh() {
    List<Finding> fs = run(List.of(
        iam(0, ADMIN_SESSION, "CreateAccessKey", "{'userName':'bob'}"),
        iam(30, ADMIN_SESSION, "UpdateAccessKey", "{'userName':'bob','accessKeyId':'AKIABOBOLDKEY0000001','status':'Inactive'}"),
        iam(60, ADMIN_SESSION, "DeleteAccessKey", "{'userName':'bob','accessKeyId':'AKIABOBOLDKEY0000001'}")));
    assertThat(of(fs, "access-key-created-for-other-user")).as(rules(fs)).isEmpty();
    assertThat(of(fs, "access-key-rotated-new-first")).as(rules(fs)).hasSize(1)
        .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
  }

  @Test
  void accessKeyRotated_deactivateThenCreate_isLowAndSuppressesOtherUser() {
    List<Finding> fs = run(List.of(
        iam(0, ADMIN_SESSION, "UpdateAccessKey", "{'userName':'bob','accessKeyId':'AKIABOBOLDKEY0000001','status':'Inactive'}"),
        iam(5, ADMIN_SESSION, "CreateAccessKey", "{'userName':'bob'}")));
    assertThat(one(fs, "access-key-rotated").severity()).isEqualTo(Severity.LOW);
    assertThat(of(fs, "access-key-created-for-other-user")).isEmpty();
  }

  // ================================================================ login-profile-for-other-user

  @Test
  void loginProfileForOtherUser_adminSetsBobsPassword_isHigh_ownChangePasswordIsQuiet() {
    List<Finding> fs = run(List.of(
        iam(0, ADMIN_SESSION, "CreateLoginProfile", "{'userName':'bob','passwordResetRequired':true}"),
        iam(5, ALICE_CONSOLE, "ChangePassword", null)));
    Finding f = one(fs, "login-profile-for-other-user");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("bob");
  }

  // ================================================================ admin-policy-granted / admin-policy-staged

  @Test
  void adminPolicyGranted_attachAdministratorAccess_isHigh() {
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "AttachUserPolicy",
        "{'userName':'bob','policyArn':'arn:aws:iam::aws:policy/AdministratorAccess'}")));
    Finding f = one(fs, "admin-policy-granted");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("bob");
  }

  /** Incident response itself: quarantining a leaked key's user with a deny-all inline policy or AWS's quarantine policy. */
  @Test
  void adminPolicyGranted_denyAllQuarantinePolicies_areQuiet() {
    String denyAll = "'{\\'Version\\':\\'2012-10-17\\',\\'Statement\\':[{\\'Effect\\':\\'Deny\\',\\'Action\\':\\'*\\',"
        + "\\'Resource\\':\\'*\\'}]}'";
    List<Finding> fs = run(List.of(
        iam(0, ADMIN_SESSION, "PutUserPolicy", "{'userName':'bob','policyName':'DenyAll','policyDocument':" + denyAll + "}"),
        iam(1, ADMIN_SESSION, "AttachUserPolicy",
            "{'userName':'bob','policyArn':'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3'}")));
    assertThat(of(fs, "admin-policy-granted")).as(rules(fs)).isEmpty();
    assertThat(of(fs, "admin-policy-staged")).as(rules(fs)).isEmpty();
  }

  /** A blocked grant is not in effect: the rule (errorCode null) leaves it out entirely, so nothing high or critical. */
  @Test
  void adminPolicyGranted_deniedAttach_isNotHighOrCritical() {
    List<Finding> fs = run(List.of(ev(t(0), ADMIN_SESSION, "iam.amazonaws.com", "AttachUserPolicy", "us-east-1", "198.51.100.23",
        "'errorCode':'AccessDenied','errorMessage':'User: arn:aws:sts::" + ACCT + ":assumed-role/Admin/jane is not authorized to "
            + "perform: iam:AttachUserPolicy on resource: user bob with an explicit deny in a service control policy',"
            + "'requestParameters':{'userName':'bob','policyArn':'arn:aws:iam::aws:policy/AdministratorAccess'}")));
    assertThat(fs.stream().map(Finding::severity).toList()).as(rules(fs)).doesNotContain(Severity.HIGH, Severity.CRITICAL);
  }

  @Test
  void adminPolicyStaged_createPolicyStarStar_isMedium() {
    String doc = "'{\\'Version\\':\\'2012-10-17\\',\\'Statement\\':[{\\'Effect\\':\\'Allow\\',\\'Action\\':\\'*\\',"
        + "\\'Resource\\':\\'*\\'}]}'";
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "CreatePolicy", "{'policyName':'break-glass','policyDocument':" + doc + "}")));
    assertThat(one(fs, "admin-policy-staged").severity()).isEqualTo(Severity.MEDIUM);
    assertThat(of(fs, "admin-policy-granted")).isEmpty();
  }

  // ================================================================ trust-policy-external-principal

  private static String trust(String principalJson) {
    return "'{\\'Version\\':\\'2012-10-17\\',\\'Statement\\':[{\\'Effect\\':\\'Allow\\',\\'Principal\\':" + principalJson
        + ",\\'Action\\':\\'sts:AssumeRole\\'}]}'";
  }

  @Test
  void trustPolicyExternalPrincipal_foreignAccount_isHigh() {
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "UpdateAssumeRolePolicy",
        "{'roleName':'ops-admin','policyDocument':" + trust("{\\'AWS\\':\\'arn:aws:iam::444455556666:root\\'}") + "}")));
    Finding f = one(fs, "trust-policy-external-principal");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("ops-admin");
  }

  /** The summary must say WHO is trusted: the finding saw 444455556666, but the sentence names only the own account. */
  @Test
  void trustPolicyExternalPrincipal_summaryNamesTheOutsidePrincipal() {
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "UpdateAssumeRolePolicy",
        "{'roleName':'ops-admin','policyDocument':" + trust("{\\'AWS\\':\\'arn:aws:iam::444455556666:root\\'}") + "}")));
    Finding f = one(fs, "trust-policy-external-principal");
    assertThat(f.summary()).as("summary: " + f.summary()).contains("444455556666");
  }

  @Test
  void trustPolicyExternalPrincipal_sameAccountServiceAndIdentityCenterSaml_areQuiet() {
    List<Finding> fs = run(List.of(
        iam(0, ADMIN_SESSION, "CreateRole", "{'roleName':'app','assumeRolePolicyDocument':"
            + trust("{\\'AWS\\':[\\'arn:aws:iam::" + ACCT + ":root\\',\\'" + ACCT + "\\'],\\'Service\\':\\'ec2.amazonaws.com\\'}") + "}"),
        iam(1, slr("AWSServiceRoleForSSO", "AWS-SSO", "sso.amazonaws.com"), "CreateRole",
            "{'path':'/aws-reserved/sso.amazonaws.com/','roleName':'AWSReservedSSO_ReadOnly_0123456789abcdef','assumeRolePolicyDocument':"
                + trust("{\\'Federated\\':\\'arn:aws:iam::" + ACCT + ":saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE\\'}")
                + "}")));
    assertThat(of(fs, "trust-policy-external-principal")).as(rules(fs)).isEmpty();
  }

  // ================================================================ s3-acl-public-or-cross-account / s3-acls-enabled

  private static CloudTrailEvent s3(int minute, String identity, String name, String params) {
    return ev(t(minute), identity, "s3.amazonaws.com", name, "eu-west-1", "198.51.100.23",
        ua("[aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.15.0 md/command#s3api.put-bucket-acl]") + ",'requestParameters':"
            + params);
  }

  @Test
  void s3AclPublicOrCrossAccount_publicReadCannedAcl_isHigh() {
    List<Finding> fs = run(List.of(s3(0, ADMIN_SESSION, "PutBucketAcl",
        "{'bucketName':'acme-exports','Host':'acme-exports.s3.eu-west-1.amazonaws.com','acl':'','x-amz-acl':['public-read']}")));
    assertThat(one(fs, "s3-acl-public-or-cross-account").severity()).isEqualTo(Severity.HIGH);
  }

  /** A public-read ACL is shared with everyone; the summary says only "to grant outside account <own account>". */
  @Test
  void s3AclPublicOrCrossAccount_publicGrantSummarySaysPublic() {
    List<Finding> fs = run(List.of(s3(0, ADMIN_SESSION, "PutBucketAcl",
        "{'bucketName':'acme-exports','Host':'acme-exports.s3.eu-west-1.amazonaws.com','acl':'','x-amz-acl':['public-read']}")));
    String summary = one(fs, "s3-acl-public-or-cross-account").summary();
    assertThat(summary.toLowerCase()).as("summary: " + summary).containsAnyOf("public", "everyone", "allusers");
  }

  /**
   * CloudFront standard logging (legacy) to S3: enabling it makes the bucket ACL grant FULL_CONTROL to
   * AWS's awslogsdelivery account (canonical id c4c1ede6…). That is AWS's log delivery, not
   * another customer account.
   */
  @Test
  void s3AclPublicOrCrossAccount_cloudFrontLogDeliveryGrant_isNotHigh() {
    String owner = "7009a8971cd538e11f6b6606438875e7c86c5b672f46db45460ddcd087d36c32";
    String awslogsdelivery = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0";
    String body = "{'bucketName':'acme-cf-logs','Host':'acme-cf-logs.s3.amazonaws.com','acl':'','AccessControlPolicy':{"
        + "'xmlns':'http://s3.amazonaws.com/doc/2006-03-01/','Owner':{'ID':'" + owner + "'},'AccessControlList':{'Grant':["
        + "{'Grantee':{'xsi:type':'CanonicalUser','xmlns:xsi':'http://www.w3.org/2001/XMLSchema-instance','ID':'" + owner + "'},"
        + "'Permission':'FULL_CONTROL'},"
        + "{'Grantee':{'xsi:type':'CanonicalUser','xmlns:xsi':'http://www.w3.org/2001/XMLSchema-instance','ID':'" + awslogsdelivery
        + "'},'Permission':'FULL_CONTROL'}]}}}";
    List<Finding> fs = run(List.of(s3(0, ADMIN_SESSION, "PutBucketAcl", body)));
    assertThat(of(fs, "s3-acl-public-or-cross-account").stream().map(Finding::severity).toList()).as(rules(fs))
        .doesNotContain(Severity.HIGH, Severity.CRITICAL);
  }

  @Test
  void s3AclPublicOrCrossAccount_bucketOwnerFullControlAndPrivate_areQuiet() {
    List<Finding> fs = run(List.of(
        s3(0, ADMIN_SESSION, "PutObjectAcl", "{'bucketName':'acme-exports','key':'a.csv','acl':'','x-amz-acl':['bucket-owner-full-control']}"),
        s3(1, ADMIN_SESSION, "PutBucketAcl", "{'bucketName':'acme-exports','acl':'','x-amz-acl':['private']}")));
    assertThat(of(fs, "s3-acl-public-or-cross-account")).as(rules(fs)).isEmpty();
  }

  @Test
  void s3AclsEnabled_switchToObjectWriter_isMedium_enforcedIsQuiet() {
    List<Finding> fs = run(List.of(
        s3(0, ADMIN_SESSION, "PutBucketOwnershipControls", "{'bucketName':'acme-exports','ownershipControls':'',"
            + "'OwnershipControls':{'xmlns':'http://s3.amazonaws.com/doc/2006-03-01/','Rule':{'ObjectOwnership':'ObjectWriter'}}}"),
        s3(1, ALICE_CONSOLE, "PutBucketOwnershipControls", "{'bucketName':'acme-logs','ownershipControls':'',"
            + "'OwnershipControls':{'xmlns':'http://s3.amazonaws.com/doc/2006-03-01/','Rule':{'ObjectOwnership':'BucketOwnerEnforced'}}}")));
    Finding f = one(fs, "s3-acls-enabled");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.summary()).contains("acme-exports").doesNotContain("acme-logs");
  }

  // ================================================================ CloudTrail / GuardDuty / Config tampering

  private static final String SCP_DENY = "'errorCode':'AccessDenied','errorMessage':'User: arn:aws:sts::" + ACCT
      + ":assumed-role/Admin/jane is not authorized to perform this action with an explicit deny in a service control policy'";

  @Test
  void cloudtrailLoggingStopped_stopLogging_isCritical_deniedIsNotCritical() {
    List<Finding> ok = run(List.of(ev(t(0), ADMIN_SESSION, "cloudtrail.amazonaws.com", "StopLogging", "eu-west-1", "198.51.100.23",
        CLI + ",'requestParameters':{'name':'arn:aws:cloudtrail:eu-west-1:" + ACCT + ":trail/org-trail'}")));
    assertThat(one(ok, "cloudtrail-logging-stopped").severity()).isEqualTo(Severity.CRITICAL);
    List<Finding> denied = run(List.of(ev(t(0), ADMIN_SESSION, "cloudtrail.amazonaws.com", "StopLogging", "eu-west-1", "198.51.100.23",
        CLI + "," + SCP_DENY + ",'requestParameters':{'name':'org-trail'}")));
    Finding f = one(denied, "cloudtrail-logging-stopped");
    assertThat(f.severity()).isNotEqualTo(Severity.CRITICAL);
    assertThat(f.attemptsOnly()).isTrue();
    assertThat(f.title()).contains("attempted");
  }

  @Test
  void cloudtrailTrailModified_putEventSelectors_isMedium() {
    List<Finding> fs = run(List.of(ev(t(0), ADMIN_SESSION, "cloudtrail.amazonaws.com", "PutEventSelectors", "eu-west-1",
        "198.51.100.23", CLI + ",'requestParameters':{'trailName':'org-trail','eventSelectors':[{'readWriteType':'WriteOnly',"
            + "'includeManagementEvents':false}]}")));
    assertThat(one(fs, "cloudtrail-trail-modified").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void guarddutyDisabled_deleteDetector_isHigh_enableTrueUpdateIsQuiet() {
    List<Finding> fs = run(List.of(
        ev(t(0), ADMIN_SESSION, "guardduty.amazonaws.com", "UpdateDetector", "eu-west-1", "198.51.100.23",
            CLI + ",'requestParameters':{'detectorId':'12abc34d567e8fa901bc2d34e56789f0','enable':true,"
                + "'findingPublishingFrequency':'FIFTEEN_MINUTES'}"),
        ev(t(1), ADMIN_SESSION, "guardduty.amazonaws.com", "DeleteDetector", "eu-west-1", "198.51.100.23",
            CLI + ",'requestParameters':{'detectorId':'12abc34d567e8fa901bc2d34e56789f0'}")));
    Finding f = one(fs, "guardduty-disabled");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.eventCount()).isEqualTo(1);
  }

  @Test
  void configDisabled_stopConfigurationRecorder_isHigh() {
    List<Finding> fs = run(List.of(ev(t(0), ADMIN_SESSION, "config.amazonaws.com", "StopConfigurationRecorder", "eu-west-1",
        "198.51.100.23", CLI + ",'requestParameters':{'configurationRecorderName':'default'}")));
    assertThat(one(fs, "config-disabled").severity()).isEqualTo(Severity.HIGH);
  }

  // ================================================================ access-denied-burst

  private static List<CloudTrailEvent> burst(String identity, String ip, String source, String name, String errorCode, int n) {
    List<CloudTrailEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ev(t(i / 2), identity, source, name, "eu-west-1", ip, ua(ip) + ",'errorCode':'" + errorCode
          + "','errorMessage':'denied','requestParameters':{'bucketName':'acme-bucket-" + i + "'}"));
    }
    return out;
  }

  @Test
  void accessDeniedBurst_userProbing_isMedium() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    String[] names = {"ListUsers", "ListRoles", "GetAccountAuthorizationDetails", "ListPolicies", "ListGroups", "ListAccessKeys",
        "GetUser", "ListBuckets", "DescribeInstances", "ListFunctions", "ListSecrets"};
    for (int i = 0; i < names.length; i++) {
      evs.add(ev(t(i / 2), ALICE_KEY, "iam.amazonaws.com", names[i], "us-east-1", "203.0.113.9",
          CLI + ",'errorCode':'" + (i % 2 == 0 ? "AccessDenied" : "Client.UnauthorizedOperation") + "','errorMessage':'not authorized'"));
    }
    assertThat(one(run(evs), "access-denied-burst").severity()).isEqualTo(Severity.MEDIUM);
  }

  /**
   * AWS Config's service-linked role reads every recorded resource on the account's behalf
   * (invokedBy config.amazonaws.com). Buckets whose bucket policy denies all but a few principals
   * refuse it: AccessDenied in a burst, but no one is enumerating credentials of unknown scope.
   */
  @Test
  void accessDeniedBurst_configServiceLinkedRoleRefusedByBucketPolicies_isQuiet() {
    List<Finding> fs = run(burst(CONFIG_SLR, "config.amazonaws.com", "s3.amazonaws.com", "GetBucketPolicy", "AccessDenied", 12));
    assertThat(of(fs, "access-denied-burst")).as(rules(fs)).isEmpty();
  }

  @Test
  void accessDeniedBurst_securityHubServiceLinkedRole_isQuiet() {
    List<Finding> fs = run(burst(SECURITYHUB_SLR, "securityhub.amazonaws.com", "s3.amazonaws.com", "GetBucketPublicAccessBlock",
        "AccessDenied", 12));
    assertThat(of(fs, "access-denied-burst")).as(rules(fs)).isEmpty();
  }

  @Test
  void accessDeniedBurst_dryRunsAndCredentialErrors_areNotDenials() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.addAll(burst(ALICE_KEY, "198.51.100.23", "ec2.amazonaws.com", "RunInstances", "Client.DryRunOperation", 12));
    String ghostKey = "{'type':'IAMUser','accountId':'" + ACCT + "','accessKeyId':'AKIAOLDDELETEDKEY001'}";
    evs.addAll(burst(ghostKey, "198.51.100.24", "sts.amazonaws.com", "GetCallerIdentity", "InvalidClientTokenId", 4));
    evs.addAll(burst(ghostKey, "198.51.100.24", "sts.amazonaws.com", "GetCallerIdentity", "SignatureDoesNotMatch", 4));
    evs.addAll(burst(ADMIN_SESSION, "198.51.100.25", "ec2.amazonaws.com", "DescribeInstances", "ExpiredToken", 12));
    List<Finding> fs = run(evs);
    assertThat(of(fs, "access-denied-burst")).as(rules(fs)).isEmpty();
  }

  // ================================================================ recon-after-get-caller-identity

  private static List<CloudTrailEvent> recon(String identity, String ip, int startMinute) {
    List<CloudTrailEvent> out = new ArrayList<>();
    out.add(ev(t(startMinute), identity, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", ip, CLI));
    String[] names = {"ListUsers", "ListRoles", "ListBuckets", "DescribeInstances", "ListSecrets"};
    for (int i = 0; i < names.length; i++) {
      out.add(ev(t(startMinute + 1 + i), identity, "iam.amazonaws.com", names[i], "us-east-1", ip, CLI + ",'readOnly':true"));
    }
    return out;
  }

  @Test
  void reconAfterGetCallerIdentity_newAddressThenEnumeration_isMedium() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.add(ev(t(-600), ALICE_KEY, "s3.amazonaws.com", "ListBuckets", "us-east-1", "198.51.100.23", CLI));
    evs.addAll(recon(ALICE_KEY, "203.0.113.9", 0));
    Finding f = one(run(evs), "recon-after-get-caller-identity");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.summary()).contains("203.0.113.9");
  }

  /** Records without a sourceIPAddress (it is optional in CloudTrail) carry no address to call "new". */
  @Test
  void reconAfterGetCallerIdentity_recordsWithoutSourceAddress_areQuiet() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.add(ev(t(-600), ALICE_KEY, "s3.amazonaws.com", "ListBuckets", "us-east-1", "198.51.100.23", CLI));
    evs.addAll(recon(ALICE_KEY, null, 0));
    List<Finding> fs = run(evs);
    assertThat(of(fs, "recon-after-get-caller-identity")).as(rules(fs)).isEmpty();
  }

  // ================================================================ new-region-for-principal / -account

  private static List<CloudTrailEvent> acrossRegions(String identity, String ip, String source, String name, int startMinute) {
    List<CloudTrailEvent> out = new ArrayList<>();
    String[] regions = {"eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2", "sa-east-1", "eu-north-1", "ap-northeast-1"};
    for (int i = 0; i < regions.length; i++) {
      out.add(ev(t(startMinute + i), identity, source, name, regions[i], ip, ua(ip) + ",'readOnly':true"));
    }
    return out;
  }

  @Test
  void newRegion_userStartsInANewRegion_isLowForPrincipalAndMediumForAccount() {
    List<Finding> fs = run(List.of(
        ev(t(0), ALICE_KEY, "ec2.amazonaws.com", "DescribeInstances", "eu-west-1", "198.51.100.23", CLI),
        ev(t(5), ALICE_KEY, "ec2.amazonaws.com", "RunInstances", "ap-southeast-1", "198.51.100.23", CLI)));
    assertThat(one(fs, "new-region-for-principal").severity()).isEqualTo(Severity.LOW);
    Finding acct = one(fs, "new-region-for-account");
    assertThat(acct.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(acct.summary()).contains("ap-southeast-1");
  }

  /**
   * The account works in eu-west-1. AWS Config's service-linked role (recorders in every region,
   * invokedBy config.amazonaws.com) and Security Hub's read the resources of all regions. Neither
   * is a principal of the account "becoming active" in a region.
   */
  @Test
  void newRegionForAccount_configAndSecurityHubServiceLinkedRolesInEveryRegion_areQuiet() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.add(ev(t(0), ALICE_KEY, "ec2.amazonaws.com", "DescribeInstances", "eu-west-1", "198.51.100.23", CLI));
    evs.addAll(acrossRegions(CONFIG_SLR, "config.amazonaws.com", "ec2.amazonaws.com", "DescribeSecurityGroups", 10));
    evs.addAll(acrossRegions(SECURITYHUB_SLR, "securityhub.amazonaws.com", "s3.amazonaws.com", "GetBucketPublicAccessBlock", 30));
    List<Finding> fs = run(evs);
    assertThat(of(fs, "new-region-for-account")).as(rules(fs)).isEmpty();
  }

  @Test
  void newRegionForPrincipal_configServiceLinkedRoleInEveryRegion_isQuiet() {
    List<Finding> fs = run(acrossRegions(CONFIG_SLR, "config.amazonaws.com", "ec2.amazonaws.com", "DescribeSecurityGroups", 10));
    assertThat(of(fs, "new-region-for-principal")).as(rules(fs)).isEmpty();
  }

  @Test
  void newRegion_awsServiceTypeCallers_areQuiet() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.add(ev(t(0), ALICE_KEY, "ec2.amazonaws.com", "DescribeInstances", "eu-west-1", "198.51.100.23", CLI));
    evs.addAll(acrossRegions("{'type':'AWSService','invokedBy':'trustedadvisor.amazonaws.com'}", "trustedadvisor.amazonaws.com",
        "ec2.amazonaws.com", "DescribeInstances", 10));
    List<Finding> fs = run(evs);
    assertThat(of(fs, "new-region-for-account")).as(rules(fs)).isEmpty();
    assertThat(of(fs, "new-region-for-principal")).as(rules(fs)).isEmpty();
  }

  // ================================================================ instance-credentials-used-outside

  private static final String INSTANCE = "{'type':'AssumedRole','principalId':'AROAINSTEXAMPLE:i-0abc123def4567890','arn':'arn:aws:sts::"
      + ACCT + ":assumed-role/web-instance-role/i-0abc123def4567890','accountId':'" + ACCT + "','accessKeyId':'ASIAINSTEXAMPLE00001',"
      + "'sessionContext':{'sessionIssuer':{'type':'Role','principalId':'AROAINSTEXAMPLE','arn':'arn:aws:iam::" + ACCT
      + ":role/web-instance-role','accountId':'" + ACCT + "','userName':'web-instance-role'},'attributes':{"
      + "'creationDate':'2026-11-21T09:00:00Z','mfaAuthenticated':'false'},'ec2RoleDelivery':'2.0'}}";

  @Test
  void instanceCredentialsUsedOutside_stolenCredsFromAnotherPublicAddress_isHigh() {
    List<Finding> fs = run(List.of(
        ev(t(0), INSTANCE, "s3.amazonaws.com", "ListBuckets", "eu-west-1", "198.51.100.10", ua("Boto3/1.34.145 md/Botocore#1.34.145")),
        ev(t(10), INSTANCE, "iam.amazonaws.com", "ListUsers", "us-east-1", "203.0.113.50", CLI)));
    Finding f = one(fs, "instance-credentials-used-outside");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("203.0.113.50");
  }

  /**
   * The instance's own calls leave from an AWS address (its public IP, here one of Amazon's networks in the bundled
   * data), a private one through a VPC endpoint, or AWS itself: none is reported, also the session's first.
   */
  @Test
  void instanceCredentialsUsedOutside_vpcEndpointPrivateAddressAndAwsInternal_areQuiet() {
    List<Finding> fs = run(List.of(
        ev(t(0), INSTANCE, "s3.amazonaws.com", "ListBuckets", "eu-west-1", "3.120.45.67", ua("Boto3/1.34.145 md/Botocore#1.34.145")),
        ev(t(1), INSTANCE, "s3.amazonaws.com", "GetObject", "eu-west-1", "10.0.12.34",
            ua("[Boto3/1.34.145 md/Botocore#1.34.145]") + ",'vpcEndpointId':'vpce-0123456789abcdef0'"),
        ev(t(2), INSTANCE, "kms.amazonaws.com", "Decrypt", "eu-west-1", "AWS Internal", ua("AWS Internal")),
        ev(t(3), INSTANCE, "ssm.amazonaws.com", "UpdateInstanceInformation", "eu-west-1", null, null)), ENRICHED);
    assertThat(of(fs, "instance-credentials-used-outside")).as(rules(fs)).isEmpty();
  }

  // ================================================================ long-term-key-new-*

  private static CloudTrailEvent key(String time, String ip, String userAgent) {
    return ev(time, ALICE_KEY, "ec2.amazonaws.com", "DescribeInstances", "eu-west-1", ip,
        (userAgent == null ? "'readOnly':true" : ua(userAgent) + ",'readOnly':true"));
  }

  private static final String DAY1 = "2026-11-18T08:00:00Z";

  @Test
  void longTermKeyNewIp_newAddressAfterTheFirstDay_isMedium() {
    List<Finding> fs = run(List.of(key(DAY1, "198.51.100.23", "aws-cli/2.17.20"), key(t(0), "198.51.100.23", "aws-cli/2.17.20"),
        key(t(5), "203.0.113.9", "aws-cli/2.17.20")));
    Finding f = one(fs, "long-term-key-new-ip");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.summary()).contains("203.0.113.9").contains("AKIAALICEEXAMPLE0001");
  }

  @Test
  void longTermKeyNewIpAndUserAgent_recordsWithoutSourceAddressOrUserAgent_areQuiet() {
    List<Finding> fs = run(List.of(key(DAY1, "198.51.100.23", "aws-cli/2.17.20"), key(t(0), "198.51.100.23", "aws-cli/2.17.20"),
        key(t(5), null, null)));
    assertThat(of(fs, "long-term-key-new-ip")).as(rules(fs)).isEmpty();
    assertThat(of(fs, "long-term-key-new-user-agent")).as(rules(fs)).isEmpty();
  }

  @Test
  void longTermKeyNewUserAgent_pythonRequests_isLow_cliMinorUpgradeIsQuiet() {
    List<Finding> fs = run(List.of(
        key(DAY1, "198.51.100.23", "aws-cli/2.13.4 Python/3.11.4 Linux/5.15.0 exe/x86_64.ubuntu.22 prompt/off command/ec2.describe-instances"),
        key(t(0), "198.51.100.23", "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.11.9 "
            + "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#ec2.describe-instances")));
    assertThat(of(fs, "long-term-key-new-user-agent")).as(rules(fs)).isEmpty();
    List<Finding> fs2 = run(List.of(key(DAY1, "198.51.100.23", "aws-cli/2.13.4 Python/3.11.4"),
        key(t(0), "198.51.100.23", "python-requests/2.31.0")));
    Finding f = one(fs2, "long-term-key-new-user-agent");
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.summary()).contains("python-requests");
  }

  @Test
  void longTermKeyNewCountryAndAsn_withBundledEnrichment_areMedium() {
    List<Finding> country = run(List.of(key(DAY1, "81.2.69.142", "aws-cli/2.17.20"), key(t(0), "81.2.69.142", "aws-cli/2.17.20"),
        key(t(5), "95.173.136.70", "aws-cli/2.17.20")), ENRICHED);
    assertThat(one(country, "long-term-key-new-country").severity()).isEqualTo(Severity.MEDIUM);
    List<Finding> asn = run(List.of(key(DAY1, "8.8.8.8", "aws-cli/2.17.20"), key(t(0), "8.8.8.8", "aws-cli/2.17.20"),
        key(t(5), "185.220.101.1", "aws-cli/2.17.20")), ENRICHED);
    assertThat(one(asn, "long-term-key-new-asn").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void longTermKeyNewIp_callsMadeThroughAwsServices_areQuiet() {
    String viaCfn = "{'type':'IAMUser','principalId':'AIDAALICEEXAMPLE','arn':'arn:aws:iam::" + ACCT + ":user/alice','accountId':'" + ACCT
        + "','accessKeyId':'AKIAALICEEXAMPLE0001','userName':'alice','invokedBy':'cloudformation.amazonaws.com'}";
    List<Finding> fs = run(List.of(key(DAY1, "198.51.100.23", "aws-cli/2.17.20"), key(t(0), "198.51.100.23", "aws-cli/2.17.20"),
        ev(t(3), viaCfn, "ec2.amazonaws.com", "CreateSecurityGroup", "eu-west-1", "cloudformation.amazonaws.com",
            ua("cloudformation.amazonaws.com")),
        ev(t(4), ALICE_KEY, "kms.amazonaws.com", "Decrypt", "eu-west-1", "AWS Internal", ua("AWS Internal"))));
    assertThat(of(fs, "long-term-key-new-ip")).as(rules(fs)).isEmpty();
    assertThat(of(fs, "long-term-key-new-user-agent")).as(rules(fs)).isEmpty();
  }

  // ================================================================ bulk-object-reads

  private static CloudTrailEvent getObject(String time, String identity, String ip, int n) {
    return ev(time, identity, "s3.amazonaws.com", "GetObject", "eu-west-1", ip, ua("[aws-cli/2.17.20]")
        + ",'eventCategory':'Data','managementEvent':false,'readOnly':true,"
        + "'requestParameters':{'bucketName':'acme-exports','Host':'acme-exports.s3.eu-west-1.amazonaws.com','key':'f" + n + ".csv'}");
  }

  @Test
  void bulkObjectReads_spikeOverOwnBaseline_isHigh_athenaOnBehalfIsQuiet() {
    List<CloudTrailEvent> evs = new ArrayList<>();
    evs.add(getObject("2026-11-21T07:10:00Z", ALICE_KEY, "198.51.100.23", 0));
    evs.add(getObject("2026-11-21T07:20:00Z", ALICE_KEY, "198.51.100.23", 1));
    for (int i = 0; i < 35; i++) {
      evs.add(getObject(Instant.parse("2026-11-21T10:00:00Z").plusSeconds(30L * i).toString(), ALICE_KEY, "203.0.113.9", i));
    }
    String viaAthena = "{'type':'AssumedRole','principalId':'AROAANALYST:bi','arn':'arn:aws:sts::" + ACCT + ":assumed-role/Analyst/bi',"
        + "'accountId':'" + ACCT + "','accessKeyId':'ASIAANALYSTEXAMPLE01','invokedBy':'athena.amazonaws.com'}";
    evs.add(getObject("2026-11-21T07:10:00Z", viaAthena, "athena.amazonaws.com", 0));
    for (int i = 0; i < 200; i++) {
      evs.add(getObject(Instant.parse("2026-11-21T11:00:00Z").plusSeconds(5L * i).toString(), viaAthena, "athena.amazonaws.com", i));
    }
    List<Finding> fs = run(evs);
    Finding f = one(fs, "bulk-object-reads");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.summary()).contains("user/alice").contains("acme-exports");
  }

  // ================================================================ iam-user-persistence-chain

  private static List<CloudTrailEvent> chain(String identity, boolean keyDenied) {
    List<CloudTrailEvent> out = new ArrayList<>();
    out.add(iam(0, identity, "CreateUser", "{'userName':'svc-backup'}"));
    out.add(keyDenied
        ? ev(t(2), identity, "iam.amazonaws.com", "CreateAccessKey", "us-east-1", "198.51.100.23",
            SCP_DENY + ",'requestParameters':{'userName':'svc-backup'}")
        : iam(2, identity, "CreateAccessKey", "{'userName':'svc-backup'}"));
    out.add(iam(3, identity, "AttachUserPolicy", "{'userName':'svc-backup','policyArn':'arn:aws:iam::aws:policy/ReadOnlyAccess'}"));
    return out;
  }

  @Test
  void iamUserPersistenceChain_createUserKeyAndPolicy_isCritical() {
    Finding f = one(run(chain(ADMIN_SESSION, false)), "iam-user-persistence-chain");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.summary()).contains("svc-backup");
  }

  @Test
  void iamUserPersistenceChain_blockedKeyCreation_isNoChain() {
    List<Finding> fs = run(chain(ADMIN_SESSION, true));
    assertThat(of(fs, "iam-user-persistence-chain")).as(rules(fs)).isEmpty();
  }

  // ================================================================ further regression / observation cases

  @Test
  void consoleLoginWithoutMfa_rootPasswordOnly_isMedium() {
    List<Finding> fs = run(List.of(consoleLogin("{'type':'Root','principalId':'" + ACCT + "','arn':'arn:aws:iam::" + ACCT
        + ":root','accountId':'" + ACCT + "'}", "Success", "No", null)));
    Finding f = one(fs, "console-login-without-mfa");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.summary()).contains(":root");
  }

  /**
   * Observation (documented false positive, not counted as a defect): a trust policy naming the
   * organization's own management account is reported like any foreign account; the rule only
   * compares with the recipient account.
   */
  @Test
  void trustPolicyExternalPrincipal_ownOrganizationAccount_isReportedAsDocumented() {
    List<Finding> fs = run(List.of(iam(0, ADMIN_SESSION, "CreateRole", "{'roleName':'OrganizationAccountAccessRole',"
        + "'assumeRolePolicyDocument':" + trust("{\\'AWS\\':\\'arn:aws:iam::999900001111:root\\'}") + "}")));
    assertThat(of(fs, "trust-policy-external-principal")).hasSize(1);
  }

  /**
   * Observation (documented false positive): a CloudFormation stack (calls invokedBy
   * cloudformation.amazonaws.com with the caller's session) creating AWS::IAM::User,
   * AWS::IAM::AccessKey and a policy is reported as the critical persistence chain.
   */
  @Test
  void iamUserPersistenceChain_cloudFormationStack_isReportedAsDocumented() {
    String cfn = ADMIN_SESSION.substring(0, ADMIN_SESSION.length() - 1) + ",'invokedBy':'cloudformation.amazonaws.com'}";
    List<CloudTrailEvent> evs = new ArrayList<>();
    for (String[] c : new String[][] {{"CreateUser", "{'userName':'app-stack-svcuser-1ABCDEF'}"},
        {"CreateAccessKey", "{'userName':'app-stack-svcuser-1ABCDEF'}"},
        {"PutUserPolicy", "{'userName':'app-stack-svcuser-1ABCDEF','policyName':'read-bucket','policyDocument':'{}'}"}}) {
      evs.add(ev(t(evs.size()), cfn, "iam.amazonaws.com", c[0], "us-east-1", "cloudformation.amazonaws.com",
          ua("cloudformation.amazonaws.com") + ",'requestParameters':" + c[1]));
    }
    List<Finding> fs = run(evs);
    assertThat(one(fs, "iam-user-persistence-chain").severity()).isEqualTo(Severity.CRITICAL);
  }
}
