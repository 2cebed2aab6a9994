package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import org.junit.jupiter.api.Test;

/** One realistic record per userIdentity.type (shapes as in the CloudTrail userIdentity docs). */
class PrincipalsTest {
  private static CloudTrailEvent withIdentity(String identity) {
    return record("{'eventVersion':'1.09','eventTime':'2026-11-20T10:00:00Z','eventSource':'s3.amazonaws.com',"
        + "'eventName':'ListBuckets','awsRegion':'us-east-1','sourceIPAddress':'203.0.113.7',"
        + "'recipientAccountId':'111122223333','eventType':'AwsApiCall','userIdentity':" + identity + "}");
  }

  @Test
  void root() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'Root','principalId':'111122223333','arn':'arn:aws:iam::111122223333:root','accountId':'111122223333','accessKeyId':'ASIAROOTCONSOLE00001'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.ROOT);
    assertThat(p.arn()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(p.policyPrincipalType()).isEqualTo("Account");
  }

  @Test
  void iamUser() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'IAMUser','principalId':'AIDAJ45Q7YFFAREXAMPLE','arn':'arn:aws:iam::111122223333:user/ops/alice',"
            + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.IAM_USER);
    assertThat(p.arn()).isEqualTo("arn:aws:iam::111122223333:user/ops/alice");
    assertThat(p.name()).isEqualTo("alice");
    assertThat(p.accountId()).isEqualTo("111122223333");
  }

  @Test
  void assumedRoleWithIssuerAndSourceIdentity() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'AssumedRole','principalId':'AROAIDPPEZS35WEXAMPLE:deploy-session',"
            + "'arn':'arn:aws:sts::111122223333:assumed-role/Deployer/deploy-session','accountId':'111122223333',"
            + "'accessKeyId':'ASIAIOSFODNN7EXAMPLE','sessionContext':{'sessionIssuer':{'type':'Role',"
            + "'principalId':'AROAIDPPEZS35WEXAMPLE','arn':'arn:aws:iam::111122223333:role/ci/Deployer',"
            + "'accountId':'111122223333','userName':'Deployer'},'attributes':{'creationDate':'2026-11-20T09:55:00Z',"
            + "'mfaAuthenticated':'false'},'sourceIdentity':'alice'}}"));
    assertThat(p.type()).isEqualTo(PrincipalType.ASSUMED_ROLE);
    assertThat(p.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Deployer/deploy-session");
    assertThat(p.issuerArn()).isEqualTo("arn:aws:iam::111122223333:role/ci/Deployer");
    assertThat(p.name()).isEqualTo("Deployer");
    assertThat(p.sessionName()).isEqualTo("deploy-session");
    assertThat(p.sourceIdentity()).isEqualTo("alice");
  }

  @Test
  void federatedUser() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'FederatedUser','principalId':'111122223333:bob','arn':'arn:aws:sts::111122223333:federated-user/bob',"
            + "'accountId':'111122223333','accessKeyId':'ASIAFEDERATEDEXAMPLE','sessionContext':{'sessionIssuer':"
            + "{'type':'IAMUser','principalId':'AIDAFEDBROKER','arn':'arn:aws:iam::111122223333:user/broker',"
            + "'accountId':'111122223333','userName':'broker'},'attributes':{'creationDate':'2026-11-20T09:00:00Z','mfaAuthenticated':'false'}}}"));
    assertThat(p.type()).isEqualTo(PrincipalType.FEDERATED_USER);
    assertThat(p.arn()).isEqualTo("arn:aws:sts::111122223333:federated-user/bob");
    assertThat(p.name()).isEqualTo("bob");
    assertThat(p.issuerArn()).isEqualTo("arn:aws:iam::111122223333:user/broker");
  }

  @Test
  void awsService() {
    Principal p = Principals.resolve(withIdentity("{'type':'AWSService','invokedBy':'cloudtrail.amazonaws.com'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.AWS_SERVICE);
    assertThat(p.arn()).isEqualTo("cloudtrail.amazonaws.com");
  }

  @Test
  void awsAccount() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'AWSAccount','principalId':'AIDACROSSACCOUNTEXAMPLE','accountId':'444455556666'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.AWS_ACCOUNT);
    assertThat(p.arn()).isEqualTo("arn:aws:iam::444455556666:root");
    assertThat(p.accountId()).isEqualTo("444455556666");
  }

  @Test
  void identityCenterUser() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'IdentityCenterUser','accountId':'111122223333','onBehalfOf':{'userId':'544894e8-80c1-707f-60e3-3ba6510dfac1',"
            + "'identityStoreArn':'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7'},"
            + "'credentialId':'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.IDENTITY_CENTER_USER);
    assertThat(p.arn()).isEqualTo("arn:aws:identitystore::111122223333:user/544894e8-80c1-707f-60e3-3ba6510dfac1");
  }

  @Test
  void webIdentityUser() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'WebIdentityUser','principalId':'accounts.google.com:application-id.apps.googleusercontent.com:user-id',"
            + "'userName':'user-id','identityProvider':'accounts.google.com'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.WEB_IDENTITY_USER);
    assertThat(p.arn()).isEqualTo("accounts.google.com:application-id.apps.googleusercontent.com:user-id");
    assertThat(p.identityProvider()).isEqualTo("accounts.google.com");
  }

  @Test
  void samlUser() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'SAMLUser','principalId':'SampleUkh1i4+ExamplexL/jEvs=:SamlExample','userName':'SamlExample',"
            + "'identityProvider':'bdGOnTesI3AxmmlsqsWnosbgvNo='}"));
    assertThat(p.type()).isEqualTo(PrincipalType.SAML_USER);
    assertThat(p.arn()).isEqualTo("SampleUkh1i4+ExamplexL/jEvs=:SamlExample");
    assertThat(p.name()).isEqualTo("SamlExample");
  }

  @Test
  void unknown() {
    Principal p = Principals.resolve(withIdentity(
        "{'type':'Unknown','principalId':'AIDAUNKNOWNEXAMPLE','accountId':'111122223333','userName':'someone'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.UNKNOWN);
    assertThat(p.arn()).isEqualTo("AIDAUNKNOWNEXAMPLE");
  }

  @Test
  void missingIdentity() {
    Principal p = Principals.resolve(record("{'eventSource':'s3.amazonaws.com','eventName':'GetObject'}"));
    assertThat(p.type()).isEqualTo(PrincipalType.UNKNOWN);
    assertThat(p.arn()).isNull();
  }
}
