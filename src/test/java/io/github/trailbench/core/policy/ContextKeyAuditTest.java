package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.correlate.DerivedRequest;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.SyntheticIam;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.PolicyDocument;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Audit of the request context that {@code explain} rebuilds from one CloudTrail record, key by
 * key, for AWS global condition keys and a few common service keys. Product rule: when the record
 * does not carry a value a condition needs, the answer is Undetermined naming the key; the engine
 * never guesses a value, nor that the key is absent.
 *
 * <p>Each test: a record shaped as AWS documents it (CloudTrail userIdentity / record contents
 * pages), parsed by the product's own parser ({@link CloudTrailRecords#parse}), the case's IAM
 * data with one policy conditioned on the key, and {@link Explainer#replay}. The expected answer
 * cites the AWS page in a comment. Tests for behaviour that is right guard it; tests for wrong
 * behaviour fail.
 */
class ContextKeyAuditTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String ACCT = SyntheticIam.ACCOUNT;
  static final String USER_ARN = "arn:aws:iam::111122223333:user/alice";

  static final String GLOBAL_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";

  // ------------------------------------------------------------------ record helpers

  /** JSON with single quotes for readability. */
  static String j(String s) {
    return s.replace('\'', '"');
  }

  static final String USER_IDENTITY = "{'type':'IAMUser','principalId':'AIDAEXAMPLEALICE','arn':'" + USER_ARN + "',"
      + "'accountId':'111122223333','accessKeyId':'AKIAEXAMPLEALICE0001','userName':'alice'}";

  /** A role session of AppRole (CloudTrail userIdentity page, "temporary security credentials" example). */
  static String roleIdentity(String role, String session, String extraSessionContext, String extraIdentity) {
    return "{'type':'AssumedRole','principalId':'AROA" + role + ":" + session + "','arn':'arn:aws:sts::111122223333:assumed-role/"
        + role + "/" + session + "','accountId':'111122223333','accessKeyId':'ASIAEXAMPLE000000001',"
        + (extraIdentity == null ? "" : extraIdentity + ",")
        + "'sessionContext':{'sessionIssuer':{'type':'Role','principalId':'AROA" + role + "','arn':'arn:aws:iam::111122223333:role/"
        + role + "','accountId':'111122223333','userName':'" + role + "'},"
        + "'attributes':{'creationDate':'2026-11-20T09:30:00Z','mfaAuthenticated':'false'}"
        + (extraSessionContext == null ? "" : "," + extraSessionContext) + "}}";
  }

  /**
   * A management-event record: base fields (CloudTrail record contents page), then the given
   * fields (single-quoted JSON object text without braces) override or add.
   */
  static CloudTrailEvent record(String identity, String source, String name, String fields) throws Exception {
    ObjectNode r = (ObjectNode) M.readTree(j("{'eventVersion':'1.09','userIdentity':" + identity + ","
        + "'eventTime':'2026-11-20T10:00:00Z','eventSource':'" + source + "','eventName':'" + name + "',"
        + "'awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7','userAgent':'aws-cli/2.15.0',"
        + "'requestID':'req-1','eventID':'00000000-0000-0000-0000-0000000000aa','readOnly':false,'eventType':'AwsApiCall',"
        + "'managementEvent':true,'recipientAccountId':'111122223333','eventCategory':'Management',"
        + "'tlsDetails':{'tlsVersion':'TLSv1.3','cipherSuite':'TLS_AES_128_GCM_SHA256','clientProvidedHostHeader':'x.amazonaws.com'}}"));
    if (fields != null && !fields.isBlank()) {
      ObjectNode o = (ObjectNode) M.readTree(j("{" + fields + "}"));
      Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          r.remove(e.getKey());
        } else {
          r.set(e.getKey(), e.getValue());
        }
      }
    }
    return CloudTrailRecords.parse(M.writeValueAsString(r), "audit record");
  }

  static String cond(String operator, String key, String value) {
    return "{\"" + operator + "\":{\"" + key + "\":" + (value.startsWith("[") ? value : "\"" + value + "\"") + "}}";
  }

  /** alice's identity policy: the given statements. */
  static IamSnapshot user(String... statements) {
    return new SyntheticIam().user("alice", List.of(), List.of(), SyntheticIam.doc(statements)).snapshot();
  }

  /** A role with the given tags whose identity policy is the given statements. */
  static IamSnapshot role(String name, Map<String, String> tags, String... statements) {
    IamRole r = new IamRole("/", name, "AROA" + name, SyntheticIam.arn("role", name), Optional.empty(),
        new PolicyDocument(SyntheticIam.trust("AWS", USER_ARN), PolicyDocument.Encoding.OBJECT), List.of(),
        List.of(new InlinePolicy(name + "-inline", new PolicyDocument(SyntheticIam.doc(statements), PolicyDocument.Encoding.OBJECT))),
        List.of(), Optional.empty(), tags, null, "synthetic");
    return IamSnapshot.of(List.of(new AuthorizationDetails("synthetic", List.of(), List.of(), List.of(r), List.of(), 1, false,
        Optional.empty())));
  }

  static Explainer.Explanation explain(IamSnapshot iam, CloudTrailEvent e, String action) throws Exception {
    List<Explainer.Explanation> all = new Explainer(iam, key -> List.of()).replay(e).actions();
    return all.stream().filter(x -> x.action().equals(action)).findFirst()
        .orElseThrow(() -> new AssertionError("no explanation for " + action + " in " + all.stream().map(Explainer.Explanation::action).toList()));
  }

  static DerivedRequest derive(CloudTrailEvent e) {
    return new Explainer(user(SyntheticIam.allow("*", "*")), key -> List.of()).derive(e);
  }

  static void undeterminedOn(Explainer.Explanation x, String key) {
    assertThat(x.result().decision()).as(x.action() + " with " + key + ": " + x.result().explanation()).isEqualTo(Decision.UNDETERMINED);
    assertThat(x.missing()).extracting(DerivedRequest.KeyNote::key).as("missing keys").anySatisfy(k -> assertThat(k).isEqualToIgnoringCase(key));
  }

  static void decided(Explainer.Explanation x, Decision expected) {
    assertThat(x.result().decision()).as(x.action() + ": " + x.result().explanation()).isEqualTo(expected);
  }

  static final String TERMINATE = "'requestParameters':{'instancesSet':{'items':[{'instanceId':'i-0abc1234def567890'}]}},"
      + "'responseElements':null";

  static CloudTrailEvent terminateBy(String identity, String extra) throws Exception {
    return record(identity, "ec2.amazonaws.com", "TerminateInstances", TERMINATE + (extra == null ? "" : "," + extra));
  }

  static String allowTerminate(String condition) {
    return SyntheticIam.statement("Allow", "ec2:TerminateInstances", "*", condition);
  }

  // ================================================================== network keys

  /** aws:SourceIp: "included in the request context, except when the requester uses a VPC endpoint" (GLOBAL_KEYS). */
  @Test
  void sourceIp_publicAddressIsTheLoggedSourceIpAddress() throws Exception {
    IamSnapshot iam = user(allowTerminate(cond("IpAddress", "aws:SourceIp", "203.0.113.0/24")));
    decided(explain(iam, terminateBy(USER_IDENTITY, null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** aws:SourceIp is absent through a VPC endpoint; aws:VpcSourceIp carries the address (GLOBAL_KEYS). */
  @Test
  void sourceIp_absentThroughVpcEndpoint_vpcSourceIpPresent() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'sourceIPAddress':'10.0.1.25','vpcEndpointId':'vpce-0a1b2c3d4e5f60718'");
    decided(explain(user(allowTerminate(cond("IpAddress", "aws:SourceIp", "10.0.0.0/16"))), e, "ec2:TerminateInstances"),
        Decision.IMPLICIT_DENY);
    decided(explain(user(allowTerminate(cond("IpAddress", "aws:VpcSourceIp", "10.0.0.0/16"))), e, "ec2:TerminateInstances"),
        Decision.ALLOWED);
  }

  /** A service's own address is in the request, CloudTrail logs only the service name (GLOBAL_KEYS, aws:SourceIp example). */
  @Test
  void sourceIp_serviceNameInSourceIpAddressIsUndetermined() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'sourceIPAddress':'AWS Internal'");
    undeterminedOn(explain(user(allowTerminate(cond("IpAddress", "aws:SourceIp", "203.0.113.0/24"))), e, "ec2:TerminateInstances"),
        "aws:SourceIp");
  }

  /** aws:SourceVpc: present through a VPC endpoint; CloudTrail logs only vpcEndpointId, not the VPC (GLOBAL_KEYS). */
  @Test
  void sourceVpc_throughVpcEndpointIsUndetermined() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'sourceIPAddress':'10.0.1.25','vpcEndpointId':'vpce-0a1b2c3d4e5f60718'");
    undeterminedOn(explain(user(allowTerminate(cond("StringEquals", "aws:SourceVpc", "vpc-1111aaaa"))), e, "ec2:TerminateInstances"),
        "aws:SourceVpc");
  }

  /** IfExists on a key that is present but not logged: still undetermined (presence is known, value is not). */
  @Test
  void sourceVpc_ifExistsThroughVpcEndpointIsUndetermined() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'sourceIPAddress':'10.0.1.25','vpcEndpointId':'vpce-0a1b2c3d4e5f60718'");
    undeterminedOn(explain(user(allowTerminate(cond("StringEqualsIfExists", "aws:SourceVpc", "vpc-1111aaaa"))), e,
        "ec2:TerminateInstances"), "aws:SourceVpc");
  }

  /**
   * aws:SourceVpcArn: present (the ARN of the VPC) when the request goes through a VPC endpoint
   * (GLOBAL_KEYS; table "VPC condition key availability by network path" in
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_condition_keys_federated.html).
   * The record names only the endpoint, so the answer must be undetermined, not "absent".
   */
  @Test
  void sourceVpcArn_throughVpcEndpointIsUndetermined() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'sourceIPAddress':'10.0.1.25','vpcEndpointId':'vpce-0a1b2c3d4e5f60718'");
    undeterminedOn(explain(user(allowTerminate(cond("ArnLike", "aws:SourceVpcArn", "arn:aws:ec2:us-east-1:111122223333:vpc/*"))), e,
        "ec2:TerminateInstances"), "aws:SourceVpcArn");
  }

  // ================================================================== request metadata

  /** aws:UserAgent "is always included in the request context" (GLOBAL_KEYS); a record without userAgent cannot say it is absent. */
  @Test
  void userAgent_notLoggedIsUndetermined() throws Exception {
    CloudTrailEvent e = terminateBy(USER_IDENTITY, "'userAgent':null");
    undeterminedOn(explain(user(allowTerminate(cond("StringLike", "aws:UserAgent", "aws-cli/*"))), e, "ec2:TerminateInstances"),
        "aws:UserAgent");
  }

  /** aws:UserAgent is the logged userAgent. */
  @Test
  void userAgent_loggedValueIsUsed() throws Exception {
    decided(explain(user(allowTerminate(cond("StringLike", "aws:UserAgent", "aws-cli/*"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** aws:RequestedRegion and aws:CurrentTime are always present (GLOBAL_KEYS): awsRegion and eventTime. */
  @Test
  void requestedRegionAndCurrentTime_fromAwsRegionAndEventTime() throws Exception {
    String c = "{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"},\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-11-20T09:00:00Z\"},"
        + "\"NumericGreaterThan\":{\"aws:EpochTime\":\"1795160000\"}}";
    decided(explain(user(allowTerminate(c)), terminateBy(USER_IDENTITY, null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** aws:SecureTransport from tlsDetails (present => HTTPS). */
  @Test
  void secureTransport_trueWhenTlsDetailsLogged() throws Exception {
    decided(explain(user(allowTerminate(cond("Bool", "aws:SecureTransport", "true"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** No tlsDetails in the record: aws:SecureTransport is "always included" (GLOBAL_KEYS) but not logged: undetermined. */
  @Test
  void secureTransport_noTlsDetailsIsUndetermined() throws Exception {
    undeterminedOn(explain(user(allowTerminate(cond("Bool", "aws:SecureTransport", "true"))),
        terminateBy(USER_IDENTITY, "'tlsDetails':null"), "ec2:TerminateInstances"), "aws:SecureTransport");
  }

  // ================================================================== MFA, session

  /** Long-term key: aws:MultiFactorAuthPresent is absent, so the recommended Deny BoolIfExists false applies (GLOBAL_KEYS). */
  @Test
  void multiFactorAuthPresent_longTermKeyAbsentSoBoolIfExistsDenyApplies() throws Exception {
    IamSnapshot iam = user(SyntheticIam.allow("*", "*"),
        SyntheticIam.statement("Deny", "*", "*", cond("BoolIfExists", "aws:MultiFactorAuthPresent", "false")));
    decided(explain(iam, terminateBy(USER_IDENTITY, null), "ec2:TerminateInstances"), Decision.EXPLICIT_DENY);
  }

  /** Role session: aws:TokenIssueTime is the session's creationDate (temporary credentials, GLOBAL_KEYS). */
  @Test
  void tokenIssueTime_isSessionCreationDate() throws Exception {
    IamSnapshot iam = role("AppRole", Map.of(), allowTerminate(cond("DateEquals", "aws:TokenIssueTime", "2026-11-20T09:30:00Z")));
    decided(explain(iam, terminateBy(roleIdentity("AppRole", "s1", null, null), null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** aws:SourceIdentity: CloudTrail logs sessionContext.sourceIdentity when set (CloudTrail userIdentity page, "AWS STS source identity"). */
  @Test
  void sourceIdentity_absentWhenSessionHasNone() throws Exception {
    IamSnapshot iam = role("AppRole", Map.of(), allowTerminate(cond("Null", "aws:SourceIdentity", "true")));
    decided(explain(iam, terminateBy(roleIdentity("AppRole", "s1", null, null), null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  // ================================================================== principal keys

  /** aws:PrincipalArn of a role session is the role ARN (with its path, from sessionIssuer); aws:userid is role-id:session. */
  @Test
  void principalArnAndUserid_ofRoleSession() throws Exception {
    String c = "{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/AppRole\"},"
        + "\"StringEquals\":{\"aws:userid\":\"AROAAppRole:s1\",\"aws:PrincipalType\":\"AssumedRole\",\"aws:PrincipalAccount\":\"111122223333\"},"
        + "\"Null\":{\"aws:username\":\"true\"}}";
    IamSnapshot iam = role("AppRole", Map.of(), allowTerminate(c));
    decided(explain(iam, terminateBy(roleIdentity("AppRole", "s1", null, null), null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /** aws:PrincipalOrgID: the record does not carry organization membership; no org data in the case: undetermined. */
  @Test
  void principalOrgId_withoutOrganizationDataIsUndetermined() throws Exception {
    undeterminedOn(explain(user(allowTerminate(cond("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"))),
        terminateBy(USER_IDENTITY, null), "ec2:TerminateInstances"), "aws:PrincipalOrgID");
  }

  /** Null on a key the log cannot give is undetermined, not "absent". */
  @Test
  void principalOrgId_nullOperatorIsUndetermined() throws Exception {
    undeterminedOn(explain(user(allowTerminate(cond("Null", "aws:PrincipalOrgID", "true"))),
        terminateBy(USER_IDENTITY, null), "ec2:TerminateInstances"), "aws:PrincipalOrgID");
  }

  /**
   * aws:PrincipalTag of a role session: the role's tags "or session tags" (GLOBAL_KEYS); a session
   * tag with the same key overrides the role tag (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).
   * The record does not say which session tags were passed, so a role tag team=blue from the IAM
   * data cannot decide "team is not red": undetermined.
   */
  @Test
  void principalTag_roleTagFromIamDataDoesNotRuleOutASessionTag() throws Exception {
    IamSnapshot iam = role("AppRole", Map.of("team", "blue"), allowTerminate(cond("StringEquals", "aws:PrincipalTag/team", "red")));
    undeterminedOn(explain(iam, terminateBy(roleIdentity("AppRole", "s1", null, null), null), "ec2:TerminateInstances"),
        "aws:PrincipalTag/team");
  }

  /** aws:PrincipalTag of a role session without IAM data for its tags: undetermined. */
  @Test
  void principalTag_roleSessionWithoutTagsIsUndetermined() throws Exception {
    IamSnapshot iam = role("AppRole", Map.of(), allowTerminate(cond("StringEquals", "aws:PrincipalTag/team", "red")));
    undeterminedOn(explain(iam, terminateBy(roleIdentity("AppRole", "s1", null, null), null), "ec2:TerminateInstances"),
        "aws:PrincipalTag/team");
  }

  // ================================================================== via a service

  /** A direct call: aws:ViaAWSService false (GLOBAL_KEYS: "returns false when the principal makes the call directly"). */
  @Test
  void viaAwsService_falseForADirectCall() throws Exception {
    decided(explain(user(allowTerminate(cond("Bool", "aws:ViaAWSService", "false"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /**
   * invokedBy "AWS Internal" does not name a service: aws:CalledViaLast (a service principal such
   * as cloudformation.amazonaws.com, GLOBAL_KEYS) is not known. The engine must not take the text
   * "AWS Internal" as the service.
   */
  @Test
  void calledViaLast_invokedByAwsInternalIsNotAServiceName() throws Exception {
    String ident = USER_IDENTITY.replace("'userName':'alice'}", "'userName':'alice','invokedBy':'AWS Internal'}")
        .replace("AKIAEXAMPLEALICE0001", "ASIAEXAMPLEALICE0001");
    CloudTrailEvent e = terminateBy(ident, "'sourceIPAddress':'AWS Internal','userAgent':'AWS Internal'");
    undeterminedOn(explain(user(allowTerminate(cond("StringEquals", "aws:CalledViaLast", "cloudformation.amazonaws.com"))), e,
        "ec2:TerminateInstances"), "aws:CalledViaLast");
  }

  // ================================================================== resource keys

  /** aws:ResourceTag: not in CloudTrail records: undetermined. */
  @Test
  void resourceTag_isUndetermined() throws Exception {
    undeterminedOn(explain(user(allowTerminate(cond("StringEquals", "aws:ResourceTag/env", "dev"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), "aws:ResourceTag/env");
  }

  /**
   * ec2:ResourceTag/${TagKey}: "Filters access by a tag key and value pair of a resource"
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html). Like
   * aws:ResourceTag it is not in the record: undetermined, not absent.
   */
  @Test
  void ec2ResourceTag_isUndetermined() throws Exception {
    undeterminedOn(explain(user(allowTerminate(cond("StringEquals", "ec2:ResourceTag/env", "dev"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), "ec2:ResourceTag/env");
  }

  /**
   * ec2:Region: "Filters access by the name of the AWS Region"
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html). The
   * record's awsRegion gives it; at the least it is not absent.
   */
  @Test
  void ec2Region_isTheRecordsRegion() throws Exception {
    decided(explain(user(allowTerminate(cond("StringEquals", "ec2:Region", "us-east-1"))), terminateBy(USER_IDENTITY, null),
        "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  // ================================================================== EC2 instance credentials

  /** A session of an instance profile role, as CloudTrail logs it: session name = instance id, ec2RoleDelivery (userIdentity page). */
  static String instanceIdentity() {
    return roleIdentity("WebRole", "i-0abc1234def567890", "'ec2RoleDelivery':'2.0'", null);
  }

  /**
   * ec2:RoleDelivery: the IMDS version that delivered the instance credentials; CloudTrail logs it
   * as sessionContext.ec2RoleDelivery ("1.0" / "2.0", CloudTrail userIdentity page,
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
   */
  @Test
  void ec2RoleDelivery_isTheLoggedEc2RoleDelivery() throws Exception {
    IamSnapshot iam = role("WebRole", Map.of(), allowTerminate(cond("NumericGreaterThanEquals", "ec2:RoleDelivery", "2.0")));
    decided(explain(iam, terminateBy(instanceIdentity(), null), "ec2:TerminateInstances"), Decision.ALLOWED);
  }

  /**
   * aws:Ec2InstanceSourceVpc: set on every EC2 instance role credential (AWS What's New, 2023-03-06,
   * https://aws.amazon.com/about-aws/whats-new/2023/03/iam-roles-amazon-ec2-credential-control-properties/;
   * GLOBAL_KEYS). The record marks instance credentials (ec2RoleDelivery) but does not carry the VPC.
   */
  @Test
  void ec2InstanceSourceVpc_instanceCredentialsAreUndetermined() throws Exception {
    IamSnapshot iam = role("WebRole", Map.of(), allowTerminate(cond("StringEquals", "aws:Ec2InstanceSourceVpc", "vpc-1111aaaa")));
    undeterminedOn(explain(iam, terminateBy(instanceIdentity(), null), "ec2:TerminateInstances"), "aws:Ec2InstanceSourceVpc");
  }

  /** aws:Ec2InstanceSourcePrivateIPv4: same as above, the instance's primary private address is not in the record. */
  @Test
  void ec2InstanceSourcePrivateIPv4_instanceCredentialsAreUndetermined() throws Exception {
    IamSnapshot iam = role("WebRole", Map.of(), allowTerminate(cond("IpAddress", "aws:Ec2InstanceSourcePrivateIPv4", "10.0.0.0/8")));
    undeterminedOn(explain(iam, terminateBy(instanceIdentity(), null), "ec2:TerminateInstances"), "aws:Ec2InstanceSourcePrivateIPv4");
  }

  /** ec2:SourceInstanceArn: the instance the credentials were issued to (GLOBAL_KEYS); present for instance credentials. */
  @Test
  void ec2SourceInstanceArn_instanceCredentialsAreNotAbsent() throws Exception {
    IamSnapshot iam = role("WebRole", Map.of(),
        allowTerminate(cond("ArnLike", "ec2:SourceInstanceArn", "arn:aws:ec2:*:111122223333:instance/i-0abc1234def567890")));
    Explainer.Explanation x = explain(iam, terminateBy(instanceIdentity(), null), "ec2:TerminateInstances");
    assertThat(x.result().decision()).as(x.result().explanation()).isIn(Decision.ALLOWED, Decision.UNDETERMINED);
  }

  /**
   * lambda:SourceFunctionArn: Lambda injects it into every request made with the function's
   * execution-role credentials (https://docs.aws.amazon.com/lambda/latest/dg/permissions-source-function-arn.html).
   * A role session record does not say whether Lambda issued the credentials: undetermined.
   */
  @Test
  void lambdaSourceFunctionArn_roleSessionIsUndetermined() throws Exception {
    IamSnapshot iam = role("FnRole", Map.of(),
        allowTerminate(cond("ArnLike", "lambda:SourceFunctionArn", "arn:aws:lambda:us-east-1:111122223333:function:cleanup")));
    undeterminedOn(explain(iam, terminateBy(roleIdentity("FnRole", "cleanup", null, null), null), "ec2:TerminateInstances"),
        "lambda:SourceFunctionArn");
  }

  /**
   * identitystore:UserId: identity-enhanced role sessions carry the Identity Center user id, which
   * CloudTrail logs as userIdentity.onBehalfOf.userId
   * (https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation-identity-enhanced-iam-role-sessions.html).
   */
  @Test
  void identitystoreUserId_identityEnhancedSessionIsNotAbsent() throws Exception {
    String ident = roleIdentity("AppRole", "s1", null,
        "'onBehalfOf':{'userId':'94482488-3041-7026-18f3-be45837cd0e4','identityStoreArn':'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7'}");
    IamSnapshot iam = role("AppRole", Map.of(),
        allowTerminate(cond("StringEquals", "identitystore:UserId", "94482488-3041-7026-18f3-be45837cd0e4")));
    Explainer.Explanation x = explain(iam, terminateBy(ident, null), "ec2:TerminateInstances");
    assertThat(x.result().decision()).as(x.result().explanation()).isIn(Decision.ALLOWED, Decision.UNDETERMINED);
  }

  // ================================================================== service principals

  /** A service-principal record (CloudTrail userIdentity page, "AWS service" example). */
  static CloudTrailEvent serviceCall() throws Exception {
    return record("{'type':'AWSService','invokedBy':'cloudtrail.amazonaws.com'}", "s3.amazonaws.com", "PutObject",
        "'sourceIPAddress':'cloudtrail.amazonaws.com','userAgent':'cloudtrail.amazonaws.com',"
            + "'requestParameters':{'bucketName':'trail-bucket','key':'AWSLogs/111122223333/x.json.gz','Host':'trail-bucket.s3.amazonaws.com'},"
            + "'resources':[{'type':'AWS::S3::Object','ARN':'arn:aws:s3:::trail-bucket/AWSLogs/111122223333/x.json.gz'},"
            + "{'accountId':'111122223333','type':'AWS::S3::Bucket','ARN':'arn:aws:s3:::trail-bucket'}]");
  }

  /** aws:SourceAccount / aws:SourceArn of a service-principal call are not logged: missing (guard). */
  @Test
  void sourceAccount_servicePrincipalCallIsMissing() throws Exception {
    DerivedRequest d = derive(serviceCall());
    assertThat(d.isMissing("aws:SourceAccount")).isTrue();
    assertThat(d.isMissing("aws:SourceArn")).isTrue();
  }

  /**
   * aws:SourceOrgID / aws:SourceOrgPaths: present with aws:SourceAccount when a service principal
   * calls on behalf of a resource (GLOBAL_KEYS). Not logged, so missing like aws:SourceAccount.
   */
  @Test
  void sourceOrgId_servicePrincipalCallIsMissing() throws Exception {
    DerivedRequest d = derive(serviceCall());
    assertThat(d.isMissing("aws:SourceOrgID")).as("aws:SourceOrgID missing").isTrue();
    assertThat(d.isMissing("aws:SourceOrgPaths")).as("aws:SourceOrgPaths missing").isTrue();
  }

  /**
   * aws:PrincipalServiceNamesList: present in every request a service principal makes (GLOBAL_KEYS);
   * the record names one service (invokedBy), not the list: missing.
   */
  @Test
  void principalServiceNamesList_servicePrincipalCallIsMissing() throws Exception {
    DerivedRequest d = derive(serviceCall());
    assertThat(d.isMissing("aws:PrincipalServiceNamesList") || d.context().containsKey("aws:PrincipalServiceNamesList"))
        .as("aws:PrincipalServiceNamesList neither given nor missing: " + d.context().keySet()).isTrue();
  }

  /** aws:PrincipalIsAWSService / aws:PrincipalServiceName of a service-principal call (guard). */
  @Test
  void principalServiceName_servicePrincipalCall() throws Exception {
    DerivedRequest d = derive(serviceCall());
    assertThat(d.value("aws:PrincipalIsAWSService")).isEqualTo("true");
    assertThat(d.value("aws:PrincipalServiceName")).isEqualTo("cloudtrail.amazonaws.com");
  }

  // ================================================================== S3

  static CloudTrailEvent s3Get(String extra) throws Exception {
    return record(USER_IDENTITY, "s3.amazonaws.com", "GetObject",
        "'eventCategory':'Data','managementEvent':false,'readOnly':true,"
            + "'requestParameters':{'bucketName':'data-bucket','key':'report.csv','Host':'data-bucket.s3.us-east-1.amazonaws.com'},"
            + "'additionalEventData':{'SignatureVersion':'SigV4','CipherSuite':'TLS_AES_128_GCM_SHA256','bytesTransferredIn':0,"
            + "'AuthenticationMethod':'AuthHeader','x-amz-id-2':'abc','bytesTransferredOut':10},"
            + "'resources':[{'type':'AWS::S3::Object','ARN':'arn:aws:s3:::data-bucket/report.csv'},"
            + "{'accountId':'111122223333','type':'AWS::S3::Bucket','ARN':'arn:aws:s3:::data-bucket'}]"
            + (extra == null ? "" : "," + extra));
  }

  static String allowGet(String condition) {
    return SyntheticIam.statement("Allow", "s3:GetObject", "*", condition);
  }

  /** s3:TlsVersion from tlsDetails.tlsVersion ("1.3"), s3:authType, s3:signatureversion from additionalEventData (guards). */
  @Test
  void s3TlsVersionAuthTypeSignatureVersion_fromTheRecord() throws Exception {
    String c = "{\"NumericGreaterThanEquals\":{\"s3:TlsVersion\":\"1.2\"},"
        + "\"StringEquals\":{\"s3:authType\":\"REST-HEADER\",\"s3:signatureversion\":\"AWS4-HMAC-SHA256\",\"s3:ResourceAccount\":\"111122223333\"}}";
    decided(explain(user(allowGet(c)), s3Get(null), "s3:GetObject"), Decision.ALLOWED);
  }

  /**
   * s3:TlsVersion: "Filters access by the TLS version used by the client"
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html). Every
   * HTTPS request has one; a record without tlsDetails does not carry it: undetermined, as for
   * aws:SecureTransport.
   */
  @Test
  void s3TlsVersion_noTlsDetailsIsUndetermined() throws Exception {
    IamSnapshot iam = user(SyntheticIam.allow("s3:GetObject", "*"),
        SyntheticIam.statement("Deny", "s3:GetObject", "*", cond("NumericLessThan", "s3:TlsVersion", "1.2")));
    undeterminedOn(explain(iam, s3Get("'tlsDetails':null"), "s3:GetObject"), "s3:TlsVersion");
  }

  /** s3:signatureversion: every signed request has one; a record without additionalEventData does not say which: undetermined. */
  @Test
  void s3SignatureVersion_noAdditionalEventDataIsUndetermined() throws Exception {
    undeterminedOn(explain(user(allowGet(cond("StringEquals", "s3:signatureversion", "AWS4-HMAC-SHA256"))),
        s3Get("'additionalEventData':null"), "s3:GetObject"), "s3:signatureversion");
  }

  /** aws:ResourceAccount / s3:ResourceAccount: S3 ARNs have no account; without resources[].accountId the owner is not logged. */
  @Test
  void s3ResourceAccount_notLoggedIsUndetermined() throws Exception {
    CloudTrailEvent e = s3Get("'resources':null");
    undeterminedOn(explain(user(allowGet(cond("StringEquals", "aws:ResourceAccount", ACCT))), e, "s3:GetObject"), "aws:ResourceAccount");
    undeterminedOn(explain(user(allowGet(cond("StringEquals", "s3:ResourceAccount", ACCT))), e, "s3:GetObject"), "s3:ResourceAccount");
  }

  /** s3:prefix from requestParameters.prefix of ListObjects (guard). */
  @Test
  void s3Prefix_fromRequestParameters() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "s3.amazonaws.com", "ListObjects",
        "'requestParameters':{'bucketName':'data-bucket','prefix':'home/alice/','delimiter':'/','Host':'data-bucket.s3.amazonaws.com'},"
            + "'additionalEventData':{'SignatureVersion':'SigV4','AuthenticationMethod':'AuthHeader'}");
    String c = "{\"StringLike\":{\"s3:prefix\":\"home/alice/*\"},\"StringEquals\":{\"s3:delimiter\":\"/\"}}";
    decided(explain(user(SyntheticIam.statement("Allow", "s3:ListBucket", "*", c)), e, "s3:ListBucket"), Decision.ALLOWED);
  }

  // ================================================================== tags in the request

  /** aws:RequestTag / aws:TagKeys from requestParameters.tags of CreateRole (guard). */
  @Test
  void requestTagAndTagKeys_fromRequestParameters() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "iam.amazonaws.com", "CreateRole",
        "'requestParameters':{'roleName':'NewRole','assumeRolePolicyDocument':'{}','tags':[{'key':'team','value':'red'}]}");
    String c = "{\"StringEquals\":{\"aws:RequestTag/team\":\"red\"},\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}";
    decided(explain(user(SyntheticIam.statement("Allow", "iam:CreateRole", "*", c)), e, "iam:CreateRole"), Decision.ALLOWED);
  }

  /** ForAllValues on a key the log cannot give (requestParameters not logged) is undetermined, not true. */
  @Test
  void tagKeys_forAllValuesOnUnloggedRequestIsUndetermined() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "iam.amazonaws.com", "CreateRole", "'requestParameters':null,'resources':["
        + "{'type':'AWS::IAM::Role','ARN':'arn:aws:iam::111122223333:role/NewRole'}]");
    IamSnapshot iam = user(SyntheticIam.allow("iam:CreateRole", "*"),
        SyntheticIam.statement("Deny", "iam:CreateRole", "*", cond("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]")));
    undeterminedOn(explain(iam, e, "iam:CreateRole"), "aws:TagKeys");
  }

  // ================================================================== IAM keys

  /**
   * iam:PermissionsBoundary: "Filters access if the specified policy is set as the permissions
   * boundary on the IAM entity" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html).
   * CreateUser logs requestParameters.permissionsBoundary.
   */
  @Test
  void iamPermissionsBoundary_fromCreateUserRequest() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "iam.amazonaws.com", "CreateUser",
        "'requestParameters':{'userName':'bob','permissionsBoundary':'arn:aws:iam::111122223333:policy/DevBoundary'}");
    IamSnapshot iam = user(SyntheticIam.statement("Allow", "iam:CreateUser", "*",
        cond("StringEquals", "iam:PermissionsBoundary", "arn:aws:iam::111122223333:policy/DevBoundary")));
    decided(explain(iam, e, "iam:CreateUser"), Decision.ALLOWED);
  }

  /** iam:PolicyARN: "Filters access by the ARN of an IAM policy" (same pages); AttachUserPolicy logs requestParameters.policyArn. */
  @Test
  void iamPolicyArn_fromAttachUserPolicyRequest() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "iam.amazonaws.com", "AttachUserPolicy",
        "'requestParameters':{'userName':'bob','policyArn':'arn:aws:iam::aws:policy/ReadOnlyAccess'}");
    IamSnapshot iam = user(SyntheticIam.statement("Allow", "iam:AttachUserPolicy", "*",
        cond("ArnEquals", "iam:PolicyARN", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
    decided(explain(iam, e, "iam:AttachUserPolicy"), Decision.ALLOWED);
  }

  /** iam:PassedToService for Lambda CreateFunction is lambda.amazonaws.com (guard; IAM condition keys page). */
  @Test
  void iamPassedToService_lambdaCreateFunction() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "lambda.amazonaws.com", "CreateFunction20150331",
        "'requestParameters':{'functionName':'fn','runtime':'python3.12','role':'arn:aws:iam::111122223333:role/FnRole','handler':'a.b'}");
    IamSnapshot iam = user(SyntheticIam.allow("lambda:CreateFunction", "*"),
        SyntheticIam.statement("Allow", "iam:PassRole", "*", cond("StringEquals", "iam:PassedToService", "lambda.amazonaws.com")));
    decided(explain(iam, e, "iam:PassRole"), Decision.ALLOWED);
  }

  // ================================================================== STS keys (trust policy)

  /** sts:ExternalId and sts:RoleSessionName from AssumeRole requestParameters, checked in the trust policy (guard). */
  @Test
  void stsExternalIdAndRoleSessionName_fromAssumeRoleRequest() throws Exception {
    String trust = SyntheticIam.doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + USER_ARN + "\"},\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ext-123\",\"sts:RoleSessionName\":\"alice\"}}}");
    IamSnapshot iam = new SyntheticIam().user("alice", List.of(), List.of(), SyntheticIam.doc(SyntheticIam.allow("sts:AssumeRole", "*")))
        .role("Target", trust, List.of()).snapshot();
    CloudTrailEvent e = record(USER_IDENTITY, "sts.amazonaws.com", "AssumeRole",
        "'requestParameters':{'roleArn':'arn:aws:iam::111122223333:role/Target','roleSessionName':'alice','externalId':'ext-123','durationSeconds':3600}");
    decided(explain(iam, e, "sts:AssumeRole"), Decision.ALLOWED);
  }

  // ================================================================== KMS

  /**
   * kms:EncryptionContext:* and kms:CallerAccount from a Decrypt record; kms:ViaService absent for a
   * direct call (guard; https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
   * Checked on the rebuilt context: a KMS decision also needs the key policy.
   */
  @Test
  void kmsEncryptionContextAndCallerAccount_fromDecrypt() throws Exception {
    CloudTrailEvent e = record(USER_IDENTITY, "kms.amazonaws.com", "Decrypt",
        "'requestParameters':{'encryptionContext':{'Department':'10'},'encryptionAlgorithm':'SYMMETRIC_DEFAULT'},"
            + "'resources':[{'accountId':'111122223333','type':'AWS::KMS::Key','ARN':'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'}]");
    DerivedRequest d = derive(e);
    assertThat(d.value("kms:EncryptionContext:Department")).isEqualTo("10");
    assertThat(d.value("kms:CallerAccount")).isEqualTo(ACCT);
    assertThat(d.context()).doesNotContainKey("kms:ViaService");
    assertThat(d.isMissing("kms:ViaService")).isFalse();
  }
}
