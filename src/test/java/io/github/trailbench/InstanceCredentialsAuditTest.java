package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionOrigin;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of EC2 instance credentials: "the instance role's credentials may have been stolen from the instance
 * metadata service (IMDS): which calls used the instance's role session, from where, and would the account's
 * data-perimeter policies have allowed them?". The records and IAM data of
 * {@code src/test/resources/fixtures/instancecreds} are imported with the CLI, then read back with
 * {@code explain --event ID --json}, {@code findings --no-save --format json} and the session graph.
 *
 * <p>The case: account 111122223333, us-east-1. Roles EC2 can take (trust ec2.amazonaws.com, each in an instance
 * profile): InstanceFlagRole (s3:GetObject, with a Deny of it when Null ec2:SourceInstanceARN is false), WebAppRole (allows s3:GetObject, s3:ListAllMyBuckets, ec2:DescribeInstances, kms:Decrypt), ImdsRole
 * (the same plus AWS's "RequireAllEc2RolesToUseV2" Deny, verbatim), PerimeterRole (the same plus AWS's
 * "RequireSameVPC" Deny, verbatim), PrivateIpRole (s3 reads plus AWS's aws:Ec2InstanceSourcePrivateIPv4 Deny,
 * verbatim), SourceInstanceRole (s3:GetObject only when ec2:SourceInstanceARN is one instance's ARN). DevRole trusts
 * the account (not EC2, no instance profile) and carries both AWS guards; user alice assumes it with a session name shaped like an instance id.
 * User analyst has the same Allow plus both AWS guard policies (IMDSv2 and same-VPC) inline.
 *
 * <p>Records follow the CloudTrail User Guide's userIdentity and record-contents pages: instance sessions are
 * AssumedRole with the instance id as the session name and {@code sessionContext.ec2RoleDelivery}; calls through a
 * VPC endpoint carry {@code vpcEndpointId} and a private {@code sourceIPAddress}; a call a service makes on the
 * session's behalf carries {@code invokedBy} and the service's DNS name as {@code sourceIPAddress}. Assumptions: the
 * S3 and KMS request/response field values, {@code additionalEventData} and the EC2 error message are illustrative
 * (shaped as in the services' "Logging ... with CloudTrail" examples); they do not bear on any answer.
 *
 * <p>Pages (each case quotes the one it relies on):
 * <ul>
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html -
 *       "ec2RoleDelivery – The value is 1.0 if the credentials were provided by Amazon EC2 Instance Metadata Service
 *       Version 1 (IMDSv1). The value is 2.0 if the credentials were provided using the new IMDS scheme." / "AWS
 *       credentials provided by the Amazon EC2 Instance Metadata Service (IMDS) include an ec2:RoleDelivery IAM context
 *       key. This context key makes it easy to enforce use of the new scheme on a service-by-service or
 *       resource-by-resource basis". invokedBy: "The name of the AWS service that made the request, when a request is
 *       made by an AWS service".
 *   <li>[CT-REC] CloudTrail User Guide, "CloudTrail record contents":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record_contents.html -
 *       sourceIPAddress: "The IP address that the request was made from. [...] For services in AWS, only the DNS name
 *       is displayed."; vpcEndpointId: "Identifies the VPC endpoint in which requests were made from a VPC to another
 *       AWS service".
 *   <li>[GCK-RD] IAM User Guide, "AWS global condition context keys", ec2:RoleDelivery:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2-role-delivery
 *       - "Availability – This key is included in the request context whenever the role session is created by an
 *       Amazon EC2 instance." / "In the following example, access is denied if the ec2:RoleDelivery value in the
 *       request context is 1.0 (IMDSv1). This policy statement can be applied generally because, if the request is not
 *       signed by Amazon EC2 role credentials, it has no effect." (example "RequireAllEc2RolesToUseV2": Deny, Action
 *       "*", NumericLessThan ec2:RoleDelivery 2.0).
 *   <li>[GCK-SIA] same page, ec2:SourceInstanceArn: "Use this key to compare the ARN of the instance from which the
 *       role's session was generated. Availability – This key is included in the request context whenever the role
 *       session is created by an Amazon EC2 instance." Example value "arn:aws:ec2:us-west-2:111111111111:instance/instance-id".
 *   <li>[GCK-VPC] same page, aws:Ec2InstanceSourceVpc: "Availability – This key is included in the request context
 *       whenever the requester is signing requests with an Amazon EC2 role credential." / "The aws:SourceVpc context
 *       key is included in the request context only if the requester uses a VPC endpoint to make the request." /
 *       example "RequireSameVPC" (Deny "*" when StringNotEquals aws:SourceVpc ${aws:Ec2InstanceSourceVpc}, Null
 *       ec2:SourceInstanceARN false, BoolIfExists aws:ViaAWSService false): "access is denied if the aws:SourceVpc
 *       value isn't equal to the aws:Ec2InstanceSourceVpc value. The policy statement is limited to only roles used as
 *       Amazon EC2 instance roles by testing for the existence of the ec2:SourceInstanceARN condition key." / "The
 *       policy uses aws:ViaAWSService to allow AWS to authorize requests when requests are made on behalf of your
 *       Amazon EC2 instance roles. For example, when you make a request from an Amazon EC2 instance to an encrypted
 *       Amazon S3 bucket, Amazon S3 makes a call to AWS KMS on your behalf."
 *   <li>[GCK-IP] same page, aws:Ec2InstanceSourcePrivateIPv4: "This key identifies the private IPv4 address of the
 *       primary elastic network interface to which Amazon EC2 IAM role credentials were delivered." / "Availability –
 *       This key is included in the request context whenever the requester is signing requests with an Amazon EC2
 *       role credential."
 *   <li>[COND-OPS] IAM User Guide, "IAM JSON policy elements: Condition operators":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html - "If
 *       the key that you specify in a policy condition is not present in the request context, the values do not match
 *       and the condition is false. If the policy condition requires that the key is not matched, such as
 *       StringNotLike or ArnNotLike, and the right key is not present, the condition is true." / Null: "use either true
 *       (the key doesn't exist [...]) or false (the key exists and its value is not null)".
 *   <li>[GD-OUT] GuardDuty User Guide, "GuardDuty IAM finding types",
 *       UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS:
 *       https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html - "This finding informs you
 *       that a host outside of AWS has attempted to run AWS API operations using temporary AWS credentials that were
 *       created on an EC2 instance in your AWS environment. The listed EC2 instance might be compromised, and the
 *       temporary credentials from this instance might have been exfiltrated to a remote host outside of AWS."
 * </ul>
 */
class InstanceCredentialsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/instancecreds");
  static final String RULE = "instance-credentials-used-outside";
  static final String WEB = "i-0a1b2c3d4e5f67890";
  static final String WEB_SESSION = "arn:aws:sts::111122223333:assumed-role/WebAppRole/" + WEB;

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("7 roles").contains("20 added");
  }

  static JsonNode explain(String id) throws Exception {
    return ExplainedEvents.only(caseDir, id);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " | " + f.path("eventIds") + " | " + f.path("summary").asText();
  }

  static List<JsonNode> ruleFindings() throws Exception {
    return ExplainedEvents.findings(caseDir).stream().filter(f -> RULE.equals(f.path("rule").asText())).toList();
  }

  static List<JsonNode> ruleFindingsHolding(String eventId) throws Exception {
    return ExplainedEvents.holding(ruleFindings(), eventId, Set.of());
  }

  // ------------------------------------------------------------------ 1. reading the instance session from the record

  /**
   * Q1. "Who made this call?" ic-02 is signed by WebAppRole's session named after instance i-0a1b2c3d4e5f67890
   * ([CT-UID]: AssumedRole with the session ARN). The replay must evaluate it as that session, not as the role or
   * the instance.
   */
  @Test
  void callOfAnInstanceSessionIsEvaluatedAsTheSession() throws Exception {
    JsonNode e = explain("ic-02");
    assertThat(e.path("request").path("principal").asText())
        .as("[CT-UID] the caller is the role session %s; the product evaluated: %s", WEB_SESSION, why(e))
        .isEqualTo(WEB_SESSION);
  }

  /**
   * Q2. "Are these credentials the instance's?" [CT-UID]: ec2RoleDelivery is set on credentials the IMDS provided.
   * The session graph must hold the key of ic-01/ic-02 as an instance-profile session of instance
   * i-0a1b2c3d4e5f67890.
   */
  @Test
  void imdsDeliveredSessionIsAnInstanceProfileSessionOfItsInstance() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session("ASIAEXAMPLEINST00001").orElseThrow();
    assertThat(s.origin()).as("[CT-UID] ec2RoleDelivery 2.0 means the IMDS delivered the key; product: %s", s)
        .isEqualTo(SessionOrigin.INSTANCE_PROFILE);
    assertThat(s.instanceId()).as("the instance the credentials were delivered to; product: %s", s).isEqualTo(WEB);
  }

  /**
   * Q3. "Is this i-… session an instance's?" DevRole's session is named i-0123456789abcdef0, but the case holds the
   * AssumeRole by user alice that issued its key (ic-05a), and its calls carry no ec2RoleDelivery ([CT-UID]). It is
   * alice's AssumeRole session, not an instance's.
   */
  @Test
  void sessionOnlyNamedLikeAnInstanceIsTheAssumeRoleOfItsCaller() {
    SessionGraph g = ExplainedEvents.sessions(caseDir);
    Session s = g.session("ASIAEXAMPLEDEV00001").orElseThrow();
    assertThat(s.origin()).as("issued by alice's AssumeRole (ic-05a), no ec2RoleDelivery; product: %s", s)
        .isEqualTo(SessionOrigin.ASSUME_ROLE);
    assertThat(s.instanceId()).as("no instance id for a session that is not an instance's; product: %s", s).isNull();
  }

  /**
   * Q4. "Which IMDS version handed out these credentials?" [CT-UID]: 1.0 = IMDSv1, 2.0 = IMDSv2, and IMDS credentials
   * "include an ec2:RoleDelivery IAM context key". The replay's request context must carry the logged value.
   */
  @Test
  void replayCarriesTheLoggedImdsVersionAsEc2RoleDelivery() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String[] c : new String[][] {{"ic-10", "1.0"}, {"ic-11", "2.0"}, {"ic-12", "1.0"}, {"ic-13", "2.0"}}) {
      JsonNode e = explain(c[0]);
      soft.assertThat(ExplainedEvents.contextValues(e, "ec2:RoleDelivery"))
          .as("[CT-UID] the record's ec2RoleDelivery is %s, so the request context holds ec2:RoleDelivery %s; product: %s",
              c[1], c[1], why(e))
          .containsExactly(c[1]);
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. ec2:RoleDelivery: AWS's RequireAllEc2RolesToUseV2

  /**
   * Q5. "Did the IMDSv2 guard stop the IMDSv1 credentials on EC2?" ic-10: ImdsRole session with ec2RoleDelivery 1.0
   * calls ec2:DescribeInstances, refused. [GCK-RD]: "access is denied if the ec2:RoleDelivery value in the request
   * context is 1.0".
   */
  @Test
  void imdsV1CredentialsAreDeniedOnEc2ByTheImdsV2Guard() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "ic-10", null, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /** Q6. ic-11: the same call with IMDSv2 credentials (2.0 is not NumericLessThan 2.0) is allowed [GCK-RD]. */
  @Test
  void imdsV2CredentialsPassTheImdsV2GuardOnEc2() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "ic-11", null, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. "Did the guard stop the IMDSv1 credentials reading S3?" ic-12: ImdsRole session with ec2RoleDelivery 1.0
   * calls s3:GetObject, refused (AccessDenied). The guard's Action is "*"; [GCK-RD]: ec2:RoleDelivery "is included in
   * the request context whenever the role session is created by an Amazon EC2 instance" - for every service, not only
   * EC2 - and [CT-UID]: the context key lets you "enforce use of the new scheme on a service-by-service or
   * resource-by-resource basis". The record gives the value (1.0): ExplicitDeny, and the replay agrees with the log.
   */
  @Test
  void imdsV1CredentialsAreDeniedOnS3ByTheImdsV2Guard() throws Exception {
    JsonNode e = explain("ic-12");
    assertThat(e.path("decision").asText())
        .as("[GCK-RD] ec2:RoleDelivery is in every request signed with IMDS credentials, and the record says 1.0:"
            + " the Deny on \"*\" applies to s3:GetObject (AWS: ExplicitDeny); the product: %s", why(e))
        .isEqualTo("ExplicitDeny");
  }

  /**
   * Q8. ic-13: IMDSv2 credentials (ec2RoleDelivery 2.0) read S3, allowed. [GCK-RD]: the key is present with 2.0, not
   * NumericLessThan 2.0, so the guard does not apply and the role's Allow decides: Allowed, agreeing with the log.
   */
  @Test
  void imdsV2CredentialsPassTheImdsV2GuardOnS3() throws Exception {
    JsonNode e = explain("ic-13");
    assertThat(e.path("decision").asText())
        .as("[GCK-RD] the record says ec2RoleDelivery 2.0, so ec2:RoleDelivery NumericLessThan 2.0 fails and the Allow"
            + " decides (AWS: Allowed); the product: %s", why(e))
        .isEqualTo("Allowed");
  }

  /**
   * Q9. "Does the account's IMDSv2/same-VPC guard get in the way of our users?" ic-14: IAM user analyst (long-term
   * key AKIA…) reads S3, allowed. [GCK-RD]: "if the request is not signed by Amazon EC2 role credentials, it has no
   * effect"; [GCK-SIA]: ec2:SourceInstanceARN is there only for a session created by an EC2 instance, so
   * RequireSameVPC's Null ec2:SourceInstanceARN false is false ([COND-OPS]). Neither guard applies: Allowed.
   */
  @Test
  void instanceGuardsHaveNoEffectOnAnIamUsersS3Call() throws Exception {
    JsonNode e = explain("ic-14");
    assertThat(e.path("decision").asText())
        .as("[GCK-RD] \"if the request is not signed by Amazon EC2 role credentials, it has no effect\"; an IAM user's"
            + " request has no ec2:RoleDelivery nor ec2:SourceInstanceARN (AWS: Allowed); the product: %s", why(e))
        .isEqualTo("Allowed");
  }

  /** Q10. ic-15: the same user's ec2:DescribeInstances, allowed; the same quotes as Q9 (AWS: Allowed). */
  @Test
  void instanceGuardsHaveNoEffectOnAnIamUsersEc2Call() throws Exception {
    JsonNode e = explain("ic-15");
    assertThat(e.path("decision").asText())
        .as("[GCK-RD] the IMDSv2 guard has no effect on a request not signed by EC2 role credentials, and [GCK-SIA]"
            + " ec2:SourceInstanceARN is absent for an IAM user (AWS: Allowed); the product: %s", why(e))
        .isEqualTo("Allowed");
  }

  /**
   * Q10b. ic-05: DevRole's session named i-0123456789abcdef0 lists buckets; DevRole carries both AWS guards. The case
   * holds the AssumeRole by alice that issued the session's key (ic-05a), and its calls carry no ec2RoleDelivery
   * ([CT-UID]): it is not a role session "created by an Amazon EC2 instance" ([GCK-RD], [GCK-SIA]), so neither
   * ec2:RoleDelivery nor ec2:SourceInstanceARN is in its requests. [GCK-RD]: "if the request is not signed by Amazon
   * EC2 role credentials, it has no effect"; [GCK-VPC]: RequireSameVPC "is limited to only roles used as Amazon EC2
   * instance roles by testing for the existence of the ec2:SourceInstanceARN condition key". AWS: Allowed.
   */
  @Test
  void instanceGuardsHaveNoEffectOnAnAssumeRoleSessionNamedLikeAnInstance() throws Exception {
    JsonNode e = explain("ic-05");
    assertThat(e.path("decision").asText())
        .as("the key was issued by alice's AssumeRole (ic-05a), not delivered by an instance: no ec2:RoleDelivery, no"
            + " ec2:SourceInstanceARN, so neither guard applies (AWS: Allowed); the product: %s", why(e))
        .isEqualTo("Allowed");
  }

  // ------------------------------------------------------------------ 3. the VPC perimeter: AWS's RequireSameVPC

  /**
   * Q11. "Would AWS's same-VPC guard have stopped the stolen credentials used from the internet?" ic-20: the
   * PerimeterRole instance session (ec2RoleDelivery 2.0) reads S3 from 203.0.113.80 with no vpcEndpointId, refused.
   * [GCK-VPC]: aws:SourceVpc is "included in the request context only if the requester uses a VPC endpoint", so it is
   * absent and StringNotEquals on it is true ([COND-OPS] "the right key is not present, the condition is true"),
   * whatever the instance's VPC; [GCK-SIA]: ec2:SourceInstanceARN is present for a session created by an EC2
   * instance (which ec2RoleDelivery shows [CT-UID]), so Null false holds; aws:ViaAWSService is false (no invokedBy).
   * AWS: ExplicitDeny - the policy's stated purpose.
   */
  @Test
  void sameVpcGuardDeniesInstanceCredentialsUsedFromTheInternet() throws Exception {
    JsonNode e = explain("ic-20");
    assertThat(e.path("decision").asText())
        .as("[GCK-VPC]+[COND-OPS]: no VPC endpoint so aws:SourceVpc is absent and StringNotEquals is true;"
            + " [GCK-SIA] ec2:SourceInstanceARN exists for an instance session (ec2RoleDelivery logged); AWS:"
            + " ExplicitDeny by RequireSameVPC; the product: %s", why(e))
        .isEqualTo("ExplicitDeny");
  }

  /**
   * Q11b. The same question asked of the policy engine alone ({@code simulate}, fixture simulate-same-vpc.json), with
   * what Q11 derives from the record given: ec2:SourceInstanceARN present, aws:ViaAWSService false, no aws:SourceVpc
   * (no VPC endpoint [GCK-VPC]), and aws:Ec2InstanceSourceVpc present with a value not known (unknownKeys).
   * [COND-OPS]: "If the policy condition requires that the key is not matched [...] and the right key is not present,
   * the condition is true" - StringNotEquals on the absent aws:SourceVpc holds whatever value the policy variable
   * ${aws:Ec2InstanceSourceVpc} stands for. AWS: ExplicitDeny, depending on no unknown key.
   */
  @Test
  void negatedConditionOnAnAbsentKeyHoldsWhateverTheUnknownPolicyVariable() throws Exception {
    CliRun r = CliRun.of("simulate", FIXTURES.resolve("simulate-same-vpc.json").toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode res = ExplainedEvents.jsonLines(r.out()).get(0);
    assertThat(res.path("decision").asText())
        .as("[COND-OPS] StringNotEquals on an absent key is true, so the unknown ${aws:Ec2InstanceSourceVpc} cannot"
            + " change it (AWS: ExplicitDeny); the product: %s dependsOn=%s | %s", res.path("decision").asText(),
            res.path("dependsOn"), res.path("explanation").asText())
        .isEqualTo("ExplicitDeny");
  }

  /**
   * Q12. ic-21: the same session through VPC endpoint vpce-0a1b2c3d4e5f60003. Whether the endpoint's VPC is the
   * instance's is not in the record ([CT-REC] gives the endpoint id only; [GCK-VPC] the comparison is of two VPC
   * ids): undetermined, naming aws:SourceVpc or aws:Ec2InstanceSourceVpc - never allowed or denied on a guess.
   */
  @Test
  void sameVpcGuardThroughAnEndpointIsUndeterminedNamingTheVpcKeys() throws Exception {
    JsonNode e = explain("ic-21");
    assertThat(e.path("decision").asText()).as("neither VPC id is logged: AWS's answer is not in the record; product: %s",
        why(e)).isEqualTo("Undetermined");
    assertThat(ExplainedEvents.missing(e)).as("the undetermined keys should name the VPC keys; product: %s", why(e))
        .containsAnyOf("aws:sourcevpc", "aws:ec2instancesourcevpc");
  }

  /**
   * Q13. ic-22: S3 calls KMS Decrypt on the PerimeterRole session's behalf (invokedBy s3.amazonaws.com,
   * sourceIPAddress s3.amazonaws.com [CT-REC]). [GCK-VPC]: the policy "uses aws:ViaAWSService to allow AWS to
   * authorize requests when requests are made on behalf of your Amazon EC2 instance roles. For example, [...] Amazon
   * S3 makes a call to AWS KMS on your behalf." The same-VPC guard must not be reported as denying it.
   */
  @Test
  void sameVpcGuardIsNotSaidToDenyAServiceCallOnTheSessionsBehalf() throws Exception {
    JsonNode e = explain("ic-22");
    assertThat(e.path("decision").asText())
        .as("[GCK-VPC] AWS's guard lets S3's KMS call for the instance role through (aws:ViaAWSService); product: %s", why(e))
        .isNotEqualTo("ExplicitDeny");
  }

  /**
   * Q14. ic-30: PrivateIpRole session through an endpoint, from 10.0.4.25. AWS's statement denies unless
   * aws:Ec2InstanceSourcePrivateIPv4 equals aws:VpcSourceIp; the record gives aws:VpcSourceIp (its sourceIPAddress
   * through the endpoint) but not the instance's primary private address ([GCK-IP]): undetermined, naming
   * aws:Ec2InstanceSourcePrivateIPv4.
   */
  @Test
  void privateIpGuardIsUndeterminedNamingTheInstancesPrivateAddressKey() throws Exception {
    JsonNode e = explain("ic-30");
    assertThat(e.path("decision").asText()).as("the instance's primary private IPv4 is not logged; product: %s", why(e))
        .isEqualTo("Undetermined");
    assertThat(ExplainedEvents.missing(e)).as("[GCK-IP] the key the answer depends on; product: %s", why(e))
        .contains("aws:ec2instancesourceprivateipv4");
  }

  /**
   * Q15. ic-40: SourceInstanceRole allows s3:GetObject only when ec2:SourceInstanceARN is
   * arn:aws:ec2:us-east-1:111122223333:instance/i-0aaaabbbbccccdddd. The session is named after that instance, but
   * the key's value is an ARN with the instance's Region ([GCK-SIA] example value), which the record does not give:
   * the product must not call it Allowed on a guess; undetermined naming ec2:SourceInstanceARN.
   */
  @Test
  void sourceInstanceArnAllowIsNotGuessedFromTheSessionName() throws Exception {
    JsonNode e = explain("ic-40");
    assertThat(e.path("decision").asText()).as("the instance ARN's Region is not logged; product: %s", why(e))
        .isEqualTo("Undetermined");
    assertThat(ExplainedEvents.missing(e)).as("[GCK-SIA] the key the answer depends on; product: %s", why(e))
        .contains("ec2:sourceinstancearn");
  }

  /**
   * Q15b. "Is the request known to come from instance credentials?" ic-41: InstanceFlagRole's session with
   * ec2RoleDelivery 2.0 ([CT-UID]: the IMDS provided the credentials) reads S3, refused. The role denies s3:GetObject
   * when Null ec2:SourceInstanceARN is false, i.e. when "the key exists" ([COND-OPS]); [GCK-SIA]: the key "is included
   * in the request context whenever the role session is created by an Amazon EC2 instance". Its value (the ARN's
   * Region) need not be known for Null: AWS's answer is ExplicitDeny, agreeing with the log.
   */
  @Test
  void sourceInstanceArnExistsForCredentialsTheImdsDelivered() throws Exception {
    JsonNode e = explain("ic-41");
    assertThat(e.path("decision").asText())
        .as("[GCK-SIA] ec2:SourceInstanceARN is present for a session an EC2 instance created (ec2RoleDelivery logged),"
            + " so Null false holds (AWS: ExplicitDeny); the product: %s", why(e))
        .isEqualTo("ExplicitDeny");
  }

  // ------------------------------------------------------------------ 4. instance-credentials-used-outside

  /**
   * Q16. "Were the instance's credentials used from outside AWS?" ic-02: WebAppRole's IMDS session (first seen through
   * a VPC endpoint, ic-01) reads S3 from 203.0.113.50. [GD-OUT]: "a host outside of AWS has attempted to run AWS API
   * operations using temporary AWS credentials that were created on an EC2 instance". One finding holding ic-02,
   * naming the instance and the address.
   */
  @Test
  void useFromOutsideAwsIsReportedNamingInstanceAndAddress() throws Exception {
    List<JsonNode> f = ruleFindingsHolding("ic-02");
    assertThat(f).as("[GD-OUT] expected a %s finding holding ic-02; product: %s", RULE,
        ruleFindings().stream().map(InstanceCredentialsAuditTest::text).toList()).hasSize(1);
    assertThat(f.get(0).path("summary").asText()).as("names the instance and the address").contains(WEB)
        .contains("203.0.113.50");
  }

  /**
   * Q17. "Was it IMDSv1?" ic-06: a WebAppRole session delivered by IMDSv1 (ec2RoleDelivery 1.0 [CT-UID]) used from
   * 192.0.2.44: reported [GD-OUT], and the finding says which IMDS version delivered the credentials.
   */
  @Test
  void imdsV1CredentialsUsedOutsideAreReportedWithTheirImdsVersion() throws Exception {
    List<JsonNode> f = ruleFindingsHolding("ic-06");
    assertThat(f).as("[GD-OUT] expected a finding holding ic-06; product: %s",
        ruleFindings().stream().map(InstanceCredentialsAuditTest::text).toList()).hasSize(1);
    assertThat(f.get(0).path("summary").asText()).as("[CT-UID] ec2RoleDelivery 1.0 = IMDSv1")
        .contains("i-0e5d4c3b2a1f09876").contains("192.0.2.44").contains("1.0");
  }

  /**
   * Q18. ic-01: the same session through a VPC endpoint from 10.0.1.15 ([CT-REC] vpcEndpointId) - inside the VPC, not
   * "a host outside of AWS" [GD-OUT]: no finding holds it.
   */
  @Test
  void useThroughAVpcEndpointIsNotReported() throws Exception {
    List<JsonNode> all = ruleFindings();
    for (String id : List.of("ic-01", "ic-10", "ic-11", "ic-12", "ic-13", "ic-21", "ic-30", "ic-40", "ic-41")) {
      assertThat(ExplainedEvents.holding(all, id, Set.of()))
          .as("%s came through a VPC endpoint (private address); product: %s", id,
              all.stream().map(InstanceCredentialsAuditTest::text).toList())
          .isEmpty();
    }
  }

  /**
   * Q19. ic-04 and ic-22: S3 calling KMS on an instance session's behalf (invokedBy, sourceIPAddress
   * s3.amazonaws.com: "For services in AWS, only the DNS name is displayed" [CT-REC]). No host outside AWS used the
   * credentials [GD-OUT]: no finding. ic-04's session has no other call, so only this call could raise one.
   */
  @Test
  void serviceCallOnTheSessionsBehalfIsNotReported() throws Exception {
    List<JsonNode> all = ruleFindings();
    for (String id : List.of("ic-04", "ic-22")) {
      assertThat(ExplainedEvents.holding(all, id, Set.of())).as("%s was made by S3 for the session; product: %s", id,
          all.stream().map(InstanceCredentialsAuditTest::text).toList()).isEmpty();
    }
  }

  /**
   * Q20. "Was the thief refused?" ic-03: a WebAppRole IMDS session calls iam:ListUsers from 198.51.100.23 and is
   * refused (AccessDenied); ic-20: PerimeterRole's session refused by the same-VPC guard from 203.0.113.80. [GD-OUT]
   * reports a host outside AWS that "has attempted to run AWS API operations" with the credentials: the refusal does
   * not clear it. Each is reported, naming the instance and the address.
   */
  @Test
  void refusedCallsFromOutsideAreStillReported() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String[] c : new String[][] {{"ic-03", "i-0f1e2d3c4b5a69780", "198.51.100.23"},
        {"ic-20", "i-0a9a8a7a6a5a4a3a2", "203.0.113.80"}}) {
      List<JsonNode> f = ruleFindingsHolding(c[0]);
      soft.assertThat(f).as("[GD-OUT] an attempt from outside AWS is reported: %s; product: %s", c[0],
          ruleFindings().stream().map(InstanceCredentialsAuditTest::text).toList()).hasSize(1);
      if (f.size() == 1) {
        soft.assertThat(f.get(0).path("summary").asText()).contains(c[1]).contains(c[2]);
      }
    }
    soft.assertAll();
  }

  /**
   * Q21. ic-05: DevRole's session named i-0123456789abcdef0 used from 198.51.100.99. It carries no ec2RoleDelivery
   * ([CT-UID]), its key was issued to alice's AssumeRole (ic-05a), and DevRole is a role EC2 cannot take (trust: the
   * account; no instance profile): these are not "credentials that were created on an EC2 instance" [GD-OUT].
   */
  @Test
  void sessionMerelyNamedLikeAnInstanceIsNotReported() throws Exception {
    assertThat(ruleFindingsHolding("ic-05")).as("not an instance's credentials; product: %s",
        ruleFindings().stream().map(InstanceCredentialsAuditTest::text).toList()).isEmpty();
  }

  /**
   * Q22. ic-07: a WebAppRole IMDS session's only call, from 3.80.0.10 - an address in Amazon EC2's published ranges
   * (the case's import enrichment marks it AWS). [GD-OUT] OutsideAWS is about "a remote host outside of AWS"; this
   * rule documents the same scope ("used from a public address outside AWS"): no finding.
   */
  @Test
  void useFromAnAwsAddressIsNotReportedAsOutsideAws() throws Exception {
    assertThat(ruleFindingsHolding("ic-07")).as("3.80.0.10 is an AWS (EC2) address; product: %s",
        ruleFindings().stream().map(InstanceCredentialsAuditTest::text).toList()).isEmpty();
  }
}
