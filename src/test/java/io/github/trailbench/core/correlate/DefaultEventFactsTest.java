package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultEventFactsTest {
  private final EventFactsDeriver d = DefaultEventFacts.deriver();

  @Test
  void sharedInstance() {
    assertThat(DefaultEventFacts.deriver()).isSameAs(d);
  }

  @Test
  void iamUserWithLongTermKey() {
    EventFacts f = d.derive(record("{'eventSource':'s3.amazonaws.com','eventName':'ListBuckets','awsRegion':'us-east-1',"
        + "'recipientAccountId':'111122223333','requestParameters':{'Host':'s3.amazonaws.com'},"
        + "'userIdentity':{'type':'IAMUser','principalId':'AIDAX','arn':'arn:aws:iam::111122223333:user/alice',"
        + "'accountId':'111122223333','accessKeyId':'AKIAIOSFODNN7EXAMPLE','userName':'alice'}}"));
    assertThat(f.principalArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(f.sessionId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(f.actions()).containsExactly("s3:ListAllMyBuckets");
    assertThat(f.resourceArns()).isEmpty();
  }

  @Test
  void assumedRoleSessionWithRuleAndResources() {
    EventFacts f = d.derive(record("{'eventSource':'s3.amazonaws.com','eventName':'PutObject','awsRegion':'us-east-1',"
        + "'recipientAccountId':'111122223333','requestParameters':{'bucketName':'b','key':'k','x-amz-acl':'public-read'},"
        + "'userIdentity':{'type':'AssumedRole','principalId':'AROAX:s','arn':'arn:aws:sts::111122223333:assumed-role/R/s',"
        + "'accountId':'111122223333','accessKeyId':'ASIAEXAMPLE000000001','sessionContext':{'sessionIssuer':{'type':'Role',"
        + "'arn':'arn:aws:iam::111122223333:role/R','accountId':'111122223333','userName':'R'}}}}"));
    assertThat(f.principalArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/R/s");
    assertThat(f.sessionId()).isEqualTo("ASIAEXAMPLE000000001");
    assertThat(f.actions()).containsExactly("s3:PutObject", "s3:PutObjectAcl");
    assertThat(f.resourceArns()).containsExactly("arn:aws:s3:::b/k");
  }

  @Test
  void notDeniableAndSignInCallsHaveNoActions() {
    EventFacts gci = d.derive(record("{'eventSource':'sts.amazonaws.com','eventName':'GetCallerIdentity',"
        + "'userIdentity':{'type':'IAMUser','arn':'arn:aws:iam::111122223333:user/alice','accountId':'111122223333','accessKeyId':'AKIAX'}}"));
    assertThat(gci.actions()).isEmpty();
    EventFacts login = d.derive(record("{'eventSource':'signin.amazonaws.com','eventName':'ConsoleLogin','eventType':'AwsConsoleSignIn',"
        + "'userIdentity':{'type':'IAMUser','arn':'arn:aws:iam::111122223333:user/alice','accountId':'111122223333','userName':'alice'},"
        + "'responseElements':{'ConsoleLogin':'Success'}}"));
    assertThat(login.actions()).isEmpty();
    assertThat(login.sessionId()).isNull();
    assertThat(login.principalArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
  }

  @Test
  void serviceEventsHaveNoSession() {
    EventFacts f = d.derive(record("{'eventSource':'kms.amazonaws.com','eventName':'Decrypt','awsRegion':'us-east-1',"
        + "'recipientAccountId':'111122223333','requestParameters':{'keyId':'arn:aws:kms:us-east-1:111122223333:key/k'},"
        + "'userIdentity':{'type':'AWSService','invokedBy':'cloudtrail.amazonaws.com'}}"));
    assertThat(f.principalArn()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(f.sessionId()).isNull();
    assertThat(f.actions()).containsExactly("kms:Decrypt");
    assertThat(f.resourceArns()).containsExactly("arn:aws:kms:us-east-1:111122223333:key/k");
  }

  @Test
  void malformedNestedJsonIsTolerated() {
    var e = new io.github.trailbench.core.model.CloudTrailEvent("id", "1.09", null, "s3.amazonaws.com", "GetObject",
        "us-east-1", null, null, null, null, null, "AwsApiCall", null, null, "111122223333", null, null, null,
        java.util.List.of(), "{not json", null, null, null, "{}");
    EventFacts f = d.derive(e);
    assertThat(f.actions()).containsExactly("s3:GetObject");
    assertThat(f.resourceArns()).isEmpty();
  }
}
