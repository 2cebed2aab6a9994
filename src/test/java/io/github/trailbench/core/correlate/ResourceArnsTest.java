package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ResourceArnsTest {
  private static ResourceDerivation derive(String source, String name, String request, String response) {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", source);
    r.put("eventName", name);
    try {
      ObjectMapper m = new ObjectMapper();
      if (request != null) {
        r.set("requestParameters", m.readTree(request.replace('\'', '"')));
      }
      if (response != null) {
        r.set("responseElements", m.readTree(response.replace('\'', '"')));
      }
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return ResourceArns.derive(TestEvents.of(r));
  }

  @Test
  void s3BucketAndObject() {
    assertThat(derive("s3.amazonaws.com", "GetBucketPolicy", "{'bucketName':'logs','Host':'logs.s3.amazonaws.com','policy':''}", null).arns())
        .containsExactly("arn:aws:s3:::logs");
    assertThat(derive("s3.amazonaws.com", "GetObject", "{'bucketName':'data','key':'reports/q3.csv'}", null).arns())
        .containsExactly("arn:aws:s3:::data/reports/q3.csv");
    assertThat(derive("s3.amazonaws.com", "CopyObject",
        "{'bucketName':'dst','key':'k','x-amz-copy-source':'src/a%20b.txt'}", null).arns())
        .containsExactly("arn:aws:s3:::dst/k", "arn:aws:s3:::src/a b.txt");
    ResourceDerivation none = derive("s3.amazonaws.com", "ListBuckets", "{'Host':'s3.amazonaws.com'}", null);
    assertThat(none.arns()).isEmpty();
    assertThat(none.unknownReason()).isNotBlank();
  }

  @Test
  void s3FromResourcesArray() {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "s3.amazonaws.com");
    r.put("eventName", "GetObject");
    r.putArray("resources").addObject().put("type", "AWS::S3::Object").put("ARN", "arn:aws:s3:::data/x");
    ((ObjectNode) r.withArray("resources").addObject()).put("accountId", "999988887777").put("type", "AWS::S3::Bucket").put("ARN", "arn:aws:s3:::data");
    ResourceDerivation d = ResourceArns.derive(TestEvents.of(r));
    assertThat(d.arns()).containsExactly("arn:aws:s3:::data/x", "arn:aws:s3:::data");
    assertThat(d.resourceAccount()).isEqualTo("999988887777");
  }

  /**
   * Bedrock API reference (InvokeModel, Converse): modelId is "the model ID or its ARN" of a base model, or "the inference
   * profile ID or its ARN"; the service authorization reference writes foundation-model ARNs without an account and
   * inference-profile ARNs with one. Only the runtime calls act on their modelId.
   */
  @Test
  void bedrockInvocationsActOnTheModelOrProfileTheirModelIdNames() {
    assertThat(derive("bedrock.amazonaws.com", "InvokeModel", "{'modelId':'amazon.titan-text-express-v1'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1");
    assertThat(derive("bedrock.amazonaws.com", "Converse",
        "{'modelId':'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(derive("bedrock.amazonaws.com", "ConverseStream", "{'modelId':'us.anthropic.claude-3-haiku-20240307-v1:0'}", null)
        .arns()).containsExactly("arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0");
    assertThat(derive("bedrock.amazonaws.com", "StartAsyncInvoke", "{'modelId':'amazon.nova-reel-v1:0'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0");
    ResourceDerivation odd = derive("bedrock.amazonaws.com", "InvokeModel", "{'modelId':'xx.anthropic.claude-3-haiku-20240307-v1:0'}",
        null);
    assertThat(odd.arns()).as("an ID of no documented shape is not guessed").isEmpty();
    assertThat(odd.unknownReason()).contains("xx.anthropic.claude-3-haiku-20240307-v1:0");
    ResourceDerivation availability = derive("bedrock.amazonaws.com", "GetFoundationModelAvailability",
        "{'modelId':'amazon.titan-text-express-v1'}", null);
    assertThat(availability.arns()).as("no resource type: decided on *").isEmpty();
  }

  /** DeleteGuardrail: guardrailIdentifier "can be an ID or the ARN"; an invocation's guardrailIdentifier is a condition. */
  @Test
  void bedrockGuardrailCallsActOnTheGuardrail() {
    assertThat(derive("bedrock.amazonaws.com", "DeleteGuardrail", "{'guardrailIdentifier':'prodguard0001'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-east-1:111122223333:guardrail/prodguard0001");
    assertThat(derive("bedrock.amazonaws.com", "DeleteGuardrail",
        "{'guardrailIdentifier':'arn:aws:bedrock:us-west-2:111122223333:guardrail/g2'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-west-2:111122223333:guardrail/g2");
    assertThat(derive("bedrock.amazonaws.com", "InvokeModel",
        "{'modelId':'amazon.titan-text-express-v1','guardrailIdentifier':'g1'}", null).arns())
        .containsExactly("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1");
  }

  /** The EBS direct APIs act on snapshots (no account in the ARN); StartExportTask on the snapshot or cluster it exports. */
  @Test
  void ebsDirectSnapshotsAndRdsExportSource() {
    assertThat(derive("ebs.amazonaws.com", "GetSnapshotBlock", "{'snapshotId':'snap-01','blockIndex':0,'blockToken':'t'}", null)
        .arns()).containsExactly("arn:aws:ec2:us-east-1::snapshot/snap-01");
    assertThat(derive("ebs.amazonaws.com", "ListChangedBlocks", "{'firstSnapshotId':'snap-01','secondSnapshotId':'snap-02'}", null)
        .arns()).containsExactly("arn:aws:ec2:us-east-1::snapshot/snap-02", "arn:aws:ec2:us-east-1::snapshot/snap-01");
    assertThat(derive("rds.amazonaws.com", "StartExportTask",
        "{'exportTaskIdentifier':'x','sourceArn':'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:c1','s3BucketName':'b'}", null)
        .arns()).containsExactly("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:c1");
  }

  @Test
  void cloudWatchAlarmsNamedOneAtATime() {
    assertThat(derive("monitoring.amazonaws.com", "PutMetricAlarm", "{'alarmName':'high-cpu','metricName':'CPUUtilization'}", null)
        .arns()).containsExactly("arn:aws:cloudwatch:us-east-1:111122223333:alarm:high-cpu");
    assertThat(derive("monitoring.amazonaws.com", "DeleteAlarms", "{'alarmNames':['root-login']}", null).arns())
        .containsExactly("arn:aws:cloudwatch:us-east-1:111122223333:alarm:root-login");
    ResourceDerivation two = derive("monitoring.amazonaws.com", "DeleteAlarms", "{'alarmNames':['a','b']}", null);
    assertThat(two.arns()).isEmpty();
    assertThat(two.unknownReason()).contains("2 alarms");
  }

  @Test
  void iamUserRolePolicyGroup() {
    ResourceDerivation u = derive("iam.amazonaws.com", "CreateAccessKey", "{'userName':'bob'}", null);
    assertThat(u.arns()).containsExactly("arn:aws:iam::111122223333:user/bob");
    assertThat(u.notes()).anyMatch(n -> n.contains("path assumed"));
    assertThat(derive("iam.amazonaws.com", "CreateUser", "{'userName':'carol','path':'/eng/'}",
        "{'user':{'arn':'arn:aws:iam::111122223333:user/eng/carol','userName':'carol'}}").arns())
        .containsExactly("arn:aws:iam::111122223333:user/eng/carol");
    assertThat(derive("iam.amazonaws.com", "AttachRolePolicy",
        "{'roleName':'Deployer','policyArn':'arn:aws:iam::aws:policy/AdministratorAccess'}", null).arns())
        .containsExactly("arn:aws:iam::111122223333:role/Deployer", "arn:aws:iam::aws:policy/AdministratorAccess");
    assertThat(derive("iam.amazonaws.com", "AddUserToGroup", "{'groupName':'admins','userName':'bob'}", null).arns())
        .containsExactlyInAnyOrder("arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:group/admins");
    assertThat(derive("iam.amazonaws.com", "CreateAccessKey", null, null).arns())
        .containsExactly("arn:aws:iam::111122223333:user/alice"); // acts on the caller
  }

  @Test
  void stsRole() {
    assertThat(derive("sts.amazonaws.com", "AssumeRole",
        "{'roleArn':'arn:aws:iam::444455556666:role/Audit','roleSessionName':'x'}", null).arns())
        .containsExactly("arn:aws:iam::444455556666:role/Audit");
    ResourceDerivation d = derive("sts.amazonaws.com", "AssumeRole",
        "{'roleArn':'arn:aws:iam::444455556666:role/Audit','roleSessionName':'x'}", null);
    assertThat(d.resourceAccount()).isEqualTo("444455556666");
  }

  @Test
  void ec2Instances() {
    assertThat(derive("ec2.amazonaws.com", "StopInstances",
        "{'instancesSet':{'items':[{'instanceId':'i-0abc'},{'instanceId':'i-0def'}]},'force':false}", null).arns())
        .containsExactly("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "arn:aws:ec2:us-east-1:111122223333:instance/i-0def");
    assertThat(derive("ec2.amazonaws.com", "RunInstances", "{'instancesSet':{'items':[{'imageId':'ami-1'}]}}",
        "{'instancesSet':{'items':[{'instanceId':'i-0new'}]}}").arns())
        .containsExactly("arn:aws:ec2:us-east-1:111122223333:instance/i-0new");
    assertThat(derive("ec2.amazonaws.com", "DescribeVpcs", "{}", null).unknownReason()).isNotBlank();
  }

  @Test
  void lambdaFunction() {
    assertThat(derive("lambda.amazonaws.com", "GetFunction20150331v2", "{'functionName':'resize'}", null).arns())
        .containsExactly("arn:aws:lambda:us-east-1:111122223333:function:resize");
    assertThat(derive("lambda.amazonaws.com", "Invoke",
        "{'functionName':'arn:aws:lambda:eu-west-1:444455556666:function:x'}", null).arns())
        .containsExactly("arn:aws:lambda:eu-west-1:444455556666:function:x");
  }

  @Test
  void kmsKey() {
    assertThat(derive("kms.amazonaws.com", "Decrypt", "{'keyId':'1234abcd-12ab-34cd-56ef-1234567890ab'}", null).arns())
        .containsExactly("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThat(derive("kms.amazonaws.com", "GenerateDataKey", "{'keyId':'alias/app'}", null).arns())
        .containsExactly("arn:aws:kms:us-east-1:111122223333:alias/app");
  }

  @Test
  void secretsManagerSecret() {
    assertThat(derive("secretsmanager.amazonaws.com", "GetSecretValue",
        "{'secretId':'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'}", null).arns())
        .containsExactly("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf");
    ResourceDerivation byName = derive("secretsmanager.amazonaws.com", "GetSecretValue", "{'secretId':'db'}", null);
    assertThat(byName.arns()).isEmpty();
    assertThat(byName.unknownReason()).contains("random suffix");
  }

  @Test
  void aSecretArnWithoutItsSixCharacterSuffixIsPartialNotTakenAsTheSecret() {
    ResourceDerivation partial = derive("secretsmanager.amazonaws.com", "GetSecretValue",
        "{'secretId':'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db'}", null);
    assertThat(partial.arns()).isEmpty();
    assertThat(partial.unknownReason()).contains("partial ARN", "random suffix");
    assertThat(ResourceArns.partialSecretArn(new EventDocs(TestEvents.of(withRequest("secretsmanager.amazonaws.com",
        "GetSecretValue", "{'secretId':'prod/db'}"))))).isEqualTo("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db");
  }

  @Test
  void ssmParameterNamesNamesListsAndPathsBecomeParameterArnsWithoutTheirSelector() {
    assertThat(derive("ssm.amazonaws.com", "GetParameter", "{'name':'/acme/prod/db','withDecryption':true}", null).arns())
        .containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/acme/prod/db");
    assertThat(derive("ssm.amazonaws.com", "GetParameter", "{'name':'plain'}", null).arns())
        .containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/plain");
    assertThat(derive("ssm.amazonaws.com", "GetParameter", "{'name':'/app/key:3'}", null).arns())
        .containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/app/key");
    assertThat(derive("ssm.amazonaws.com", "GetParameter",
        "{'name':'arn:aws:ssm:eu-west-1:444455556666:parameter/shared/key:prod'}", null).arns())
        .containsExactly("arn:aws:ssm:eu-west-1:444455556666:parameter/shared/key");
    assertThat(derive("ssm.amazonaws.com", "GetParameters", "{'names':['/a/one','/a/two']}", null).arns())
        .containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/a/one", "arn:aws:ssm:us-east-1:111122223333:parameter/a/two");
    assertThat(derive("ssm.amazonaws.com", "GetParametersByPath", "{'path':'/acme/prod/app/','recursive':true}", null).arns())
        .as("authorized against the path").containsExactly("arn:aws:ssm:us-east-1:111122223333:parameter/acme/prod/app");
    assertThat(derive("ssm.amazonaws.com", "DescribeInstanceInformation", "{}", null).unknownReason()).contains("for parameters, documents");
    assertThat(derive("ssm.amazonaws.com", "DeleteDocument", "{'name':'OpsRunbook'}", null).arns())
        .as("a document, not a parameter").containsExactly("arn:aws:ssm:us-east-1:111122223333:document/OpsRunbook");
    assertThat(derive("ssm.amazonaws.com", "SendCommand", "{'documentName':'AWS-RunShellScript','instanceIds':['i-0abc','mi-0def']}", null).arns())
        .as("an AWS-owned document has no account").containsExactly("arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "arn:aws:ssm:us-east-1:111122223333:managed-instance/mi-0def");
  }

  @Test
  void aConsoleSwitchRoleNamesTheRoleSwitchedTo() {
    ObjectNode r = withRequest("signin.amazonaws.com", "SwitchRole", null);
    r.set("additionalEventData", new ObjectMapper().createObjectNode()
        .put("SwitchFrom", "arn:aws:iam::111122223333:user/alice").put("SwitchTo", "arn:aws:iam::111122223333:role/OrgSecurityAdmin"));
    assertThat(ResourceArns.derive(TestEvents.of(r)).arns()).containsExactly("arn:aws:iam::111122223333:role/OrgSecurityAdmin");
    assertThat(ResourceArns.derive(TestEvents.of(withRequest("signin.amazonaws.com", "SwitchRole", null))).unknownReason())
        .contains("SwitchTo");
  }

  private static ObjectNode withRequest(String source, String name, String request) {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", source);
    r.put("eventName", name);
    if (request != null) {
      try {
        r.set("requestParameters", new ObjectMapper().readTree(request.replace('\'', '"')));
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return r;
  }

  @Test
  void sqsQueueUrlToArn() {
    assertThat(derive("sqs.amazonaws.com", "SendMessage",
        "{'queueUrl':'https://sqs.eu-west-1.amazonaws.com/111122223333/orders'}", null).arns())
        .containsExactly("arn:aws:sqs:eu-west-1:111122223333:orders");
    assertThat(ResourceArns.sqsUrlToArn("https://queue.amazonaws.com/111122223333/legacy"))
        .isEqualTo("arn:aws:sqs:us-east-1:111122223333:legacy");
    assertThat(ResourceArns.sqsUrlToArn("https://us-west-2.queue.amazonaws.com/111122223333/q"))
        .isEqualTo("arn:aws:sqs:us-west-2:111122223333:q");
  }

  @Test
  void snsTopic() {
    assertThat(derive("sns.amazonaws.com", "Publish", "{'topicArn':'arn:aws:sns:us-east-1:111122223333:alerts'}", null).arns())
        .containsExactly("arn:aws:sns:us-east-1:111122223333:alerts");
  }

  @Test
  void dynamoDbTable() {
    assertThat(derive("dynamodb.amazonaws.com", "DeleteTable", "{'tableName':'Orders'}", null).arns())
        .containsExactly("arn:aws:dynamodb:us-east-1:111122223333:table/Orders");
  }

  /** Kinesis Data Streams names a stream or consumer by ARN (ResourceARN, StreamARN, ConsumerARN) or a stream by name. */
  @Test
  void kinesisStreamOrConsumer() {
    String clicks = "arn:aws:kinesis:us-east-1:111122223333:stream/clicks";
    assertThat(derive("kinesis.amazonaws.com", "PutResourcePolicy", "{'resourceARN':'" + clicks + "','policy':'{}'}", null)
        .arns()).containsExactly(clicks);
    assertThat(derive("kinesis.amazonaws.com", "GetRecords", "{'shardIterator':'AAAA','streamARN':'" + clicks + "'}", null)
        .arns()).containsExactly(clicks);
    String consumer = clicks + "/consumer/app:1764580000";
    assertThat(derive("kinesis.amazonaws.com", "SubscribeToShard", "{'consumerARN':'" + consumer + "','shardId':'s-0'}", null)
        .arns()).containsExactly(consumer);
    assertThat(derive("kinesis.amazonaws.com", "DescribeStream", "{'streamName':'clicks'}", null).arns())
        .containsExactly(clicks);
    assertThat(derive("kinesis.amazonaws.com", "DescribeStreamSummary",
        "{'streamName':'clicks','streamARN':'arn:aws:kinesis:us-east-1:444455556666:stream/clicks'}", null).arns())
        .as("a stream ARN wins over a name, which would place the stream in the caller's account")
        .containsExactly("arn:aws:kinesis:us-east-1:444455556666:stream/clicks");
  }

  @Test
  void cloudTrailTrail() {
    assertThat(derive("cloudtrail.amazonaws.com", "StopLogging", "{'name':'org-trail'}", null).arns())
        .containsExactly("arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail");
    assertThat(derive("cloudtrail.amazonaws.com", "DeleteTrail",
        "{'name':'arn:aws:cloudtrail:eu-west-1:111122223333:trail/t'}", null).arns())
        .containsExactly("arn:aws:cloudtrail:eu-west-1:111122223333:trail/t");
  }

  @Test
  void otherServicesAreUnknownWithReason() {
    ResourceDerivation d = derive("glue.amazonaws.com", "GetTable", "{'databaseName':'db','name':'t'}", null);
    assertThat(d.arns()).isEmpty();
    assertThat(d.unknownReason()).contains("glue.amazonaws.com");
  }
}
