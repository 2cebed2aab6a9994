package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestContextDeriverTest {
  private final RequestContextDeriver d = new RequestContextDeriver();

  private static final String ROLE_SESSION_MFA =
      "{'type':'AssumedRole','principalId':'AROAEXAMPLEADMIN:alice','arn':'arn:aws:sts::111122223333:assumed-role/Admin/alice',"
          + "'accountId':'111122223333','accessKeyId':'ASIAEXAMPLE000000001','sessionContext':{'sessionIssuer':{'type':'Role',"
          + "'principalId':'AROAEXAMPLEADMIN','arn':'arn:aws:iam::111122223333:role/ops/Admin','accountId':'111122223333',"
          + "'userName':'Admin'},'attributes':{'creationDate':'2026-11-20T09:00:00Z','mfaAuthenticated':'true'},'sourceIdentity':'alice'}}";

  /** Route 53 Developer Guide, "Using IAM policy conditions": every change's action, type and normalized name. */
  @Test
  void recordSetChangesGiveTheRoute53Keys() {
    DerivedRequest r = d.derive(record("{'eventID':'r1','eventTime':'2026-11-20T10:00:00Z','eventSource':'route53.amazonaws.com',"
        + "'eventName':'ChangeResourceRecordSets','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7',"
        + "'recipientAccountId':'111122223333','userIdentity':" + ROLE_SESSION_MFA + ",'requestParameters':{'hostedZoneId':'Z1',"
        + "'changeBatch':{'changes':[{'action':'UPSERT','resourceRecordSet':{'name':'WWW.Example.com.','type':'A'}},"
        + "{'action':'DELETE','resourceRecordSet':{'name':'mail.example.com.','type':'mx'}}]}}}"));
    assertThat(r.resourceArns()).containsExactly("arn:aws:route53:::hostedzone/Z1");
    assertThat(r.context().get("route53:ChangeResourceRecordSetsActions")).containsExactly("UPSERT", "DELETE");
    assertThat(r.context().get("route53:ChangeResourceRecordSetsRecordTypes")).containsExactly("A", "MX");
    assertThat(r.context().get("route53:ChangeResourceRecordSetsNormalizedRecordNames"))
        .containsExactly("www.example.com", "mail.example.com");
    DerivedRequest escaped = d.derive(record("{'eventID':'r2','eventTime':'2026-11-20T10:00:00Z','eventSource':'route53.amazonaws.com',"
        + "'eventName':'ChangeResourceRecordSets','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7',"
        + "'recipientAccountId':'111122223333','userIdentity':" + ROLE_SESSION_MFA + ",'requestParameters':{'hostedZoneId':'Z1',"
        + "'changeBatch':{'changes':[{'action':'CREATE','resourceRecordSet':{'name':'a b.example.com.','type':'TXT'}}]}}}"));
    assertThat(escaped.context()).doesNotContainKey("route53:ChangeResourceRecordSetsNormalizedRecordNames");
    assertThat(escaped.missing()).extracting(DerivedRequest.KeyNote::key)
        .contains("route53:ChangeResourceRecordSetsNormalizedRecordNames");
  }

  @Test
  void presentKeysFromARoleSessionWithMfaOverTls() {
    DerivedRequest r = d.derive(record("{'eventID':'e1','eventTime':'2026-11-20T10:00:00Z','eventSource':'s3.amazonaws.com',"
        + "'eventName':'ListObjects','awsRegion':'eu-west-1','sourceIPAddress':'203.0.113.7','userAgent':'aws-cli/2.15.0',"
        + "'recipientAccountId':'111122223333','userIdentity':" + ROLE_SESSION_MFA + ","
        + "'requestParameters':{'bucketName':'data','prefix':'reports/','delimiter':'/','Host':'data.s3.eu-west-1.amazonaws.com'},"
        + "'additionalEventData':{'SignatureVersion':'SigV4','AuthenticationMethod':'AuthHeader'},"
        + "'tlsDetails':{'tlsVersion':'TLSv1.3','cipherSuite':'TLS_AES_128_GCM_SHA256','clientProvidedHostHeader':'data.s3.eu-west-1.amazonaws.com'}}"));
    assertThat(r.principalArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
    assertThat(r.actions()).containsExactly("s3:ListBucket");
    assertThat(r.resourceArns()).containsExactly("arn:aws:s3:::data");
    assertThat(r.value("aws:SourceIp")).isEqualTo("203.0.113.7");
    assertThat(r.value("aws:RequestedRegion")).isEqualTo("eu-west-1");
    assertThat(r.value("aws:CurrentTime")).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(r.value("aws:EpochTime")).isEqualTo(Long.toString(java.time.Instant.parse("2026-11-20T10:00:00Z").getEpochSecond())).isEqualTo("1795168800");
    assertThat(r.value("aws:MultiFactorAuthPresent")).isEqualTo("true");
    assertThat(r.value("aws:MultiFactorAuthAge")).isEqualTo("3600");
    assertThat(r.value("aws:SecureTransport")).isEqualTo("true");
    assertThat(r.value("aws:PrincipalArn")).isEqualTo("arn:aws:iam::111122223333:role/ops/Admin");
    assertThat(r.value("aws:PrincipalAccount")).isEqualTo("111122223333");
    assertThat(r.value("aws:PrincipalType")).isEqualTo("AssumedRole");
    assertThat(r.value("aws:userid")).isEqualTo("AROAEXAMPLEADMIN:alice");
    assertThat(r.value("aws:SourceIdentity")).isEqualTo("alice");
    assertThat(r.value("aws:ViaAWSService")).isEqualTo("false");
    assertThat(r.value("s3:prefix")).isEqualTo("reports/");
    assertThat(r.value("s3:delimiter")).isEqualTo("/");
    assertThat(r.value("s3:TlsVersion")).isEqualTo("1.3");
    assertThat(r.value("s3:authType")).isEqualTo("REST-HEADER");
    assertThat(r.value("s3:signatureversion")).isEqualTo("AWS4-HMAC-SHA256");
    assertThat(r.context()).doesNotContainKey("aws:username");
    // keys the log cannot supply
    assertThat(r.isMissing("aws:ResourceTag/team")).isTrue();
    assertThat(r.isMissing("aws:PrincipalTag/team")).isTrue();
    assertThat(r.isMissing("aws:PrincipalOrgID")).isTrue();
    assertThat(r.isMissing("aws:Referer")).isTrue();
    assertThat(r.missing()).allSatisfy(k -> assertThat(k.reason()).isNotBlank());
  }

  @Test
  void longTermKeyHasNoMfaKeyAtAll() {
    DerivedRequest r = d.derive(record("{'eventID':'e2','eventTime':'2026-11-20T10:00:00Z','eventSource':'iam.amazonaws.com',"
        + "'eventName':'CreateAccessKey','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23','recipientAccountId':'111122223333',"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'},"
        + "'requestParameters':{'userName':'bob'}}"));
    assertThat(r.context()).doesNotContainKeys("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge");
    assertThat(r.absent()).anySatisfy(k -> {
      assertThat(k.key()).isEqualTo("aws:MultiFactorAuthPresent");
      assertThat(k.reason()).contains("long-term access key");
    });
    assertThat(r.isMissing("aws:MultiFactorAuthPresent")).isFalse();
    assertThat(r.value("aws:username")).isEqualTo("alice");
    assertThat(r.value("aws:PrincipalArn")).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(r.value("aws:PrincipalType")).isEqualTo("User");
    assertThat(r.isMissing("aws:SecureTransport")).isTrue(); // no tlsDetails in this record
    assertThat(r.resourceArns()).containsExactly("arn:aws:iam::111122223333:user/bob");
    assertThat(r.resourceAccount()).isEqualTo("111122223333");
  }

  @Test
  void aServiceActingForARoleSessionLeavesTheAddressAndTheWayOfCallingUndetermined() {
    DerivedRequest r = d.derive(record("{'eventID':'e3','eventTime':'2026-11-20T10:00:00Z','eventSource':'kms.amazonaws.com',"
        + "'eventName':'Decrypt','awsRegion':'us-east-1','sourceIPAddress':'s3.amazonaws.com','recipientAccountId':'111122223333',"
        + "'userIdentity':" + ROLE_SESSION_MFA.replace("'accessKeyId'", "'invokedBy':'s3.amazonaws.com','accessKeyId'") + ","
        + "'requestParameters':{'keyId':'arn:aws:kms:us-east-1:111122223333:key/k1','encryptionContext':{'aws:s3:arn':'arn:aws:s3:::data/x'},"
        + "'encryptionAlgorithm':'SYMMETRIC_DEFAULT'}}"));
    // the request carries S3's own address (AWS: a Deny on aws:SourceIp "denies access if an AWS service
    // makes calls on the principal's behalf"), which the log does not give
    assertThat(r.context()).doesNotContainKey("aws:SourceIp");
    assertThat(r.isMissing("aws:SourceIp")).isTrue();
    assertThat(r.absent()).noneSatisfy(k -> assertThat(k.key()).isEqualTo("aws:SourceIp"));
    // with the session's credentials forwarded (true) or as a service role of S3's own (false): not logged
    assertThat(r.context()).doesNotContainKeys("aws:ViaAWSService", "aws:CalledViaLast");
    assertThat(r.isMissing("aws:ViaAWSService")).isTrue();
    assertThat(r.isMissing("aws:CalledViaLast")).isTrue();
    assertThat(r.isMissing("aws:CalledVia")).isTrue();
    assertThat(r.value("kms:ViaService")).isEqualTo("s3.us-east-1.amazonaws.com");
    assertThat(r.value("kms:EncryptionContext:aws:s3:arn")).isEqualTo("arn:aws:s3:::data/x");
    assertThat(r.context().get("kms:EncryptionContextKeys")).containsExactly("aws:s3:arn");
  }

  @Test
  void aServiceForwardingAUsersLongTermKeyCallsViaTheServiceWithoutMfa() {
    DerivedRequest r = d.derive(record("{'eventID':'e5','eventTime':'2026-11-20T10:00:00Z','eventSource':'ec2.amazonaws.com',"
        + "'eventName':'TerminateInstances','awsRegion':'us-east-1','sourceIPAddress':'cloudformation.amazonaws.com',"
        + "'recipientAccountId':'111122223333','userIdentity':{'type':'IAMUser','principalId':'AIDAEXAMPLE',"
        + "'arn':'arn:aws:iam::111122223333:user/alice','accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE',"
        + "'userName':'alice','invokedBy':'cloudformation.amazonaws.com'},"
        + "'requestParameters':{'instancesSet':{'items':[{'instanceId':'i-0abc1234'}]}}}"));
    assertThat(r.value("aws:ViaAWSService")).isEqualTo("true");
    assertThat(r.value("aws:CalledViaLast")).isEqualTo("cloudformation.amazonaws.com");
    assertThat(r.isMissing("aws:CalledViaFirst")).as("only the last service is logged").isTrue();
    // IAM User Guide: the forwarded request uses temporary credentials, and the key is present and false
    assertThat(r.value("aws:MultiFactorAuthPresent")).isEqualTo("false");
    assertThat(r.isMissing("aws:TokenIssueTime")).isTrue();
    assertThat(r.isMissing("aws:SourceIp")).isTrue();
  }

  @Test
  void aServiceLinkedRoleCallsOnItsOwnNotViaAService() {
    String slr = "{'type':'AssumedRole','principalId':'AROAEXAMPLESLR:AutoScaling','arn':'arn:aws:sts::111122223333:"
        + "assumed-role/AWSServiceRoleForAutoScaling/AutoScaling','accountId':'111122223333','accessKeyId':'ASIAEXAMPLE000000009',"
        + "'sessionContext':{'sessionIssuer':{'type':'Role','principalId':'AROAEXAMPLESLR','arn':'arn:aws:iam::111122223333:"
        + "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling','accountId':'111122223333',"
        + "'userName':'AWSServiceRoleForAutoScaling'},'attributes':{'creationDate':'2026-11-20T09:00:00Z','mfaAuthenticated':'false'}},"
        + "'invokedBy':'autoscaling.amazonaws.com'}";
    DerivedRequest r = d.derive(record("{'eventID':'e6','eventTime':'2026-11-20T10:00:00Z','eventSource':'ec2.amazonaws.com',"
        + "'eventName':'RunInstances','awsRegion':'us-east-1','sourceIPAddress':'autoscaling.amazonaws.com',"
        + "'recipientAccountId':'111122223333','userIdentity':" + slr + ",'requestParameters':{}}"));
    assertThat(r.value("aws:ViaAWSService")).isEqualTo("false");
    assertThat(r.context()).doesNotContainKeys("aws:CalledViaLast", "aws:CalledViaFirst");
    assertThat(r.absent()).anySatisfy(k -> assertThat(k.key()).isEqualTo("aws:CalledViaLast"));
  }

  @Test
  void aSessionKeyWithoutItsCreationDateLeavesTheTokenIssueTimeUndetermined() {
    DerivedRequest r = d.derive(record("{'eventID':'e7','eventTime':'2026-11-20T10:00:00Z','eventSource':'s3.amazonaws.com',"
        + "'eventName':'ListBuckets','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7','recipientAccountId':'111122223333',"
        + "'userIdentity':{'type':'AssumedRole','principalId':'AROAEXAMPLE:s','arn':'arn:aws:sts::111122223333:assumed-role/R/s',"
        + "'accountId':'111122223333','accessKeyId':'ASIAEXAMPLE000000002'},'requestParameters':{}}"));
    assertThat(r.isMissing("aws:TokenIssueTime")).isTrue();
  }

  @Test
  void ec2TagSetsAndUntagKeysAreRequestTags() {
    String alice = "{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'}";
    DerivedRequest tag = d.derive(record("{'eventID':'e8','eventTime':'2026-11-20T10:00:00Z','eventSource':'ec2.amazonaws.com',"
        + "'eventName':'CreateTags','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7','recipientAccountId':'111122223333',"
        + "'userIdentity':" + alice + ",'requestParameters':{'resourcesSet':{'items':[{'resourceId':'i-0abc1234'}]},"
        + "'tagSet':{'items':[{'key':'env','value':'prod'},{'key':'owner','value':'alice'}]}}}"));
    assertThat(tag.value("aws:RequestTag/env")).isEqualTo("prod");
    assertThat(tag.context().get("aws:TagKeys")).containsExactly("env", "owner");

    DerivedRequest untag = d.derive(record("{'eventID':'e9','eventTime':'2026-11-20T10:00:00Z','eventSource':'iam.amazonaws.com',"
        + "'eventName':'UntagRole','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7','recipientAccountId':'111122223333',"
        + "'userIdentity':" + alice + ",'requestParameters':{'roleName':'prod-admin','tagKeys':['owner']}}"));
    assertThat(untag.context().get("aws:TagKeys")).containsExactly("owner");
    assertThat(untag.context().keySet()).noneMatch(k -> k.startsWith("aws:RequestTag/"));
  }

  @Test
  void vpcEndpointRequest() {
    DerivedRequest r = d.derive(record("{'eventID':'e4','eventTime':'2026-11-20T10:00:00Z','eventSource':'s3.amazonaws.com',"
        + "'eventName':'GetObject','awsRegion':'us-east-1','sourceIPAddress':'10.0.1.25','vpcEndpointId':'vpce-0abc1234',"
        + "'recipientAccountId':'111122223333','userIdentity':" + ROLE_SESSION_MFA + ","
        + "'requestParameters':{'bucketName':'data','key':'k'}}"));
    assertThat(r.value("aws:SourceVpce")).isEqualTo("vpce-0abc1234");
    assertThat(r.value("aws:VpcSourceIp")).isEqualTo("10.0.1.25");
    assertThat(r.context()).doesNotContainKey("aws:SourceIp");
    assertThat(r.isMissing("aws:SourceVpc")).isTrue();
    assertThat(r.isMissing("s3:ExistingObjectTag/classification")).isTrue();
  }

  @Test
  void requestTagsAndStsKeys() {
    DerivedRequest r = d.derive(record("{'eventID':'e5','eventTime':'2026-11-20T10:00:00Z','eventSource':'sts.amazonaws.com',"
        + "'eventName':'AssumeRole','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23','recipientAccountId':'111122223333',"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'},"
        + "'requestParameters':{'roleArn':'arn:aws:iam::111122223333:role/R','roleSessionName':'s1','externalId':'ext-1',"
        + "'tags':[{'key':'team','value':'red'}],'transitiveTagKeys':['team']}}"));
    assertThat(r.actions()).containsExactly("sts:AssumeRole", "sts:TagSession");
    assertThat(r.value("aws:RequestTag/team")).isEqualTo("red");
    assertThat(r.context().get("aws:TagKeys")).containsExactly("team");
    assertThat(r.value("sts:RoleSessionName")).isEqualTo("s1");
    assertThat(r.value("sts:ExternalId")).isEqualTo("ext-1");
    assertThat(r.context().get("sts:TransitiveTagKeys")).containsExactly("team");
  }

  @Test
  void principalTagsFromIamDataHook() {
    RequestContextDeriver withTags = new RequestContextDeriver(arn ->
        arn.equals("arn:aws:iam::111122223333:user/alice") ? Optional.of(Map.of("team", "red")) : Optional.empty());
    DerivedRequest r = withTags.derive(record("{'eventID':'e6','eventTime':'2026-11-20T10:00:00Z','eventSource':'iam.amazonaws.com',"
        + "'eventName':'ListUsers','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23',"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'}}"));
    assertThat(r.value("aws:PrincipalTag/team")).isEqualTo("red");
    assertThat(r.isMissing("aws:PrincipalTag/team")).isFalse();
  }

  @Test
  void passRoleGetsPassedToService() {
    DerivedRequest r = d.derive(record("{'eventID':'e7','eventTime':'2026-11-20T10:00:00Z','eventSource':'ec2.amazonaws.com',"
        + "'eventName':'RunInstances','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23','recipientAccountId':'111122223333',"
        + "'userIdentity':" + ROLE_SESSION_MFA + ","
        + "'requestParameters':{'instancesSet':{'items':[{'imageId':'ami-1'}]},'iamInstanceProfile':{'arn':'arn:aws:iam::111122223333:instance-profile/web'},"
        + "'tagSpecificationSet':{'items':[{'resourceType':'instance','tags':[{'key':'env','value':'prod'}]}]}},"
        + "'responseElements':{'instancesSet':{'items':[{'instanceId':'i-0123456789abcdef0'}]}}}"));
    assertThat(r.actions()).containsExactly("ec2:RunInstances", "iam:PassRole", "ec2:CreateTags");
    assertThat(r.value("iam:PassedToService")).isEqualTo("ec2.amazonaws.com");
    assertThat(r.value("aws:RequestTag/env")).isEqualTo("prod");
    assertThat(r.resourceArns()).containsExactly("arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0");
  }

  @Test
  void notDeniableCallReportsNominalAction() {
    DerivedRequest r = d.derive(record("{'eventID':'e8','eventTime':'2026-11-20T10:00:00Z','eventSource':'sts.amazonaws.com',"
        + "'eventName':'GetCallerIdentity','awsRegion':'us-east-1','sourceIPAddress':'198.51.100.23',"
        + "'userIdentity':{'type':'IAMUser','arn':'arn:aws:iam::111122223333:user/alice','accountId':'111122223333','accessKeyId':'AKIAX'}}"));
    assertThat(r.actions()).containsExactly("sts:GetCallerIdentity");
    assertThat(r.notes()).anyMatch(n -> n.contains("no IAM policy can deny"));
  }
  @Test
  void theFederatedProviderIsKnownOnlyWhereCloudTrailLogsIt() {
    String oidcSession = ROLE_SESSION_MFA.replace("'attributes'", "'webIdFederationData':{'federatedProvider':"
        + "'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com','attributes':{}},'attributes'");
    java.util.function.Function<String, DerivedRequest> call = identity -> d.derive(record("{'eventID':'e9','eventTime':"
        + "'2026-11-20T10:00:00Z','eventSource':'s3.amazonaws.com','eventName':'ListBuckets','awsRegion':'us-east-1',"
        + "'sourceIPAddress':'203.0.113.7','recipientAccountId':'111122223333','userIdentity':" + identity + "}"));
    assertThat(call.apply(oidcSession).value("aws:FederatedProvider"))
        .isEqualTo("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
    // a session without webIdFederationData may still be a SAML one, whose provider the log does not give
    DerivedRequest plain = call.apply(ROLE_SESSION_MFA);
    assertThat(plain.isMissing("aws:FederatedProvider")).isTrue();
    assertThat(plain.context()).doesNotContainKey("aws:FederatedProvider");
    DerivedRequest user = call.apply("{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'}");
    assertThat(user.absent()).anySatisfy(k -> assertThat(k.key()).isEqualTo("aws:FederatedProvider"));
    DerivedRequest cognito = call.apply("{'type':'WebIdentityUser','principalId':'cognito-identity.amazonaws.com:us-east-1:abc',"
        + "'userName':'us-east-1:abc','identityProvider':'cognito-identity.amazonaws.com'}");
    assertThat(cognito.value("aws:FederatedProvider")).isEqualTo("cognito-identity.amazonaws.com");
    DerivedRequest github = call.apply("{'type':'WebIdentityUser','principalId':'token.actions.githubusercontent.com:sts.amazonaws.com:repo',"
        + "'userName':'repo:org/app:ref:refs/heads/main','identityProvider':'token.actions.githubusercontent.com'}");
    assertThat(github.isMissing("aws:FederatedProvider")).as("an IAM OIDC provider is its ARN, not logged").isTrue();
  }

  /**
   * Bedrock User Guide, "Prerequisites for inference profiles": bedrock:InferenceProfileArn restricts a model to calls
   * made through the profile; a call naming the model itself carries none.
   */
  @Test
  void bedrockInferenceProfileArnIsThatOfTheProfileCalledAndAbsentForADirectCall() {
    java.util.function.Function<String, DerivedRequest> invoke = model -> d.derive(record("{'eventID':'e9',"
        + "'eventTime':'2026-11-20T10:00:00Z','eventSource':'bedrock.amazonaws.com','eventName':'InvokeModel',"
        + "'awsRegion':'us-west-2','sourceIPAddress':'203.0.113.7','recipientAccountId':'111122223333',"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAEXAMPLE','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAEXAMPLEALICE0001','userName':'alice'},"
        + "'requestParameters':{'modelId':'" + model + "'}}"));
    DerivedRequest profile = invoke.apply("us.anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(profile.value("bedrock:InferenceProfileArn"))
        .isEqualTo("arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0");
    DerivedRequest direct = invoke.apply("anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(direct.context()).doesNotContainKey("bedrock:InferenceProfileArn");
    assertThat(direct.absent()).anySatisfy(k -> assertThat(k.key()).isEqualTo("bedrock:InferenceProfileArn"));
    DerivedRequest odd = invoke.apply("xx.anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(odd.absent()).as("an ID of unknown kind decides nothing").noneSatisfy(
        k -> assertThat(k.key()).isEqualTo("bedrock:InferenceProfileArn"));
  }
}
