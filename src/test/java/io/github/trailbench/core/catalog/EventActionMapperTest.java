package io.github.trailbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every exception of seed 000 ("AWS IAM vs API vs CloudTrail"), one by one, and a few more. */
class EventActionMapperTest {
  private final EventActionMapper m = EventActionMapper.get();

  private ActionMapping map(String source, String name) {
    return m.map(source, name);
  }

  private ActionMapping map(String source, String name, String requestParameters) {
    var r = TestEvents.base();
    r.put("eventSource", source);
    r.put("eventName", name);
    if (requestParameters != null) {
      try {
        r.set("requestParameters", new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(requestParameters.replace('\'', '"')));
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return m.map(TestEvents.of(r));
  }

  /**
   * AWS Secrets Manager API Reference, BatchGetSecretValue: GetSecretValue "for each secret" and, with filters,
   * ListSecrets; the per-secret read never decides the call (a refused secret is listed in the response's Errors).
   */
  @Test
  void batchGetSecretValueNeedsListSecretsWithFiltersAndReadsEachSecret() {
    assertThat(map("secretsmanager.amazonaws.com", "BatchGetSecretValue", "{'filters':[{'key':'name','values':['prod']}]}")
        .actions()).containsExactly("secretsmanager:BatchGetSecretValue", "secretsmanager:ListSecrets");
    assertThat(map("secretsmanager.amazonaws.com", "BatchGetSecretValue", "{'secretIdList':['a','b']}").actions())
        .containsExactly("secretsmanager:BatchGetSecretValue", "secretsmanager:GetSecretValue");
    assertThat(EventActionMapper.decidesTheCall("secretsmanager.amazonaws.com", "BatchGetSecretValue",
        "secretsmanager:GetSecretValue")).isFalse();
    assertThat(EventActionMapper.decidesTheCall("secretsmanager.amazonaws.com", "GetSecretValue",
        "secretsmanager:GetSecretValue")).isTrue();
  }

  /**
   * DynamoDB Developer Guide, "IAM security policies with PartiQL for DynamoDB": a PartiQL statement is authorized by its
   * verb; BatchExecuteStatement needs the action of each of its statements. A statement that cannot be read leaves the
   * call unknown, never guessed.
   */
  @Test
  void partiqlStatementsAreAuthorizedByTheirVerb() {
    String ddb = "dynamodb.amazonaws.com";
    ActionMapping select = map(ddb, "ExecuteStatement", "{'statement':'SELECT * FROM Orders WHERE total = ***(Redacted)'}");
    assertThat(select.authorization()).isEqualTo(Authorization.IAM);
    assertThat(select.actions()).containsExactly("dynamodb:PartiQLSelect");
    assertThat(select.dataEvent()).isTrue();
    assertThat(map(ddb, "ExecuteStatement", "{'statement':'  insert INTO Orders VALUE {}'}").actions())
        .containsExactly("dynamodb:PartiQLInsert");
    assertThat(map(ddb, "ExecuteStatement", "{'statement':'UPDATE Orders SET total = ***(Redacted)'}").actions())
        .containsExactly("dynamodb:PartiQLUpdate");
    assertThat(map(ddb, "ExecuteStatement", "{'statement':'DELETE FROM Orders WHERE id = 7'}").actions())
        .containsExactly("dynamodb:PartiQLDelete");
    assertThat(map(ddb, "BatchExecuteStatement", "{'statements':[{'statement':'UPDATE Orders SET a = 1'},"
        + "{'statement':'SELECT * FROM Orders'},{'statement':'UPDATE Items SET b = 2'}]}").actions())
        .containsExactly("dynamodb:PartiQLUpdate", "dynamodb:PartiQLSelect");
  }

  @Test
  void partiqlStatementThatCannotBeReadIsUnknown() {
    String ddb = "dynamodb.amazonaws.com";
    assertThat(map(ddb, "ExecuteStatement").authorization()).isEqualTo(Authorization.UNKNOWN);
    assertThat(map(ddb, "ExecuteStatement", null).authorization()).isEqualTo(Authorization.UNKNOWN);
    assertThat(map(ddb, "ExecuteStatement", "{'parameters':[]}").authorization()).isEqualTo(Authorization.UNKNOWN);
    assertThat(map(ddb, "ExecuteStatement", "{'statement':'EXISTS(SELECT * FROM Orders)'}").authorization())
        .isEqualTo(Authorization.UNKNOWN);
    ActionMapping oneUnreadable = map(ddb, "BatchExecuteStatement",
        "{'statements':[{'statement':'SELECT * FROM Orders'},{'parameters':[]}]}");
    assertThat(oneUnreadable.authorization()).isEqualTo(Authorization.UNKNOWN);
    assertThat(oneUnreadable.actions()).isEmpty();
    assertThat(map(ddb, "BatchExecuteStatement", "{'statements':[]}").authorization()).isEqualTo(Authorization.UNKNOWN);
    assertThat(EventActionMapper.partiqlAction("SELECTED * FROM T")).isEmpty();
  }

  @Test
  void defaultRuleSameNames() {
    ActionMapping a = map("iam.amazonaws.com", "CreateUser");
    assertThat(a.authorization()).isEqualTo(Authorization.IAM);
    assertThat(a.actions()).containsExactly("iam:CreateUser");
    assertThat(a.source()).startsWith("default rule");
  }

  @Nested
  class ServicePrefixDifferences {
    @Test
    void emailIsSes() {
      assertThat(map("email.amazonaws.com", "SendEmail").actions()).containsExactly("ses:SendEmail");
    }

    @Test
    void monitoringIsCloudwatch() {
      assertThat(map("monitoring.amazonaws.com", "PutMetricAlarm").actions()).containsExactly("cloudwatch:PutMetricAlarm");
    }

    @Test
    void taggingIsTag() {
      assertThat(map("tagging.amazonaws.com", "GetResources").actions()).containsExactly("tag:GetResources");
    }

    @Test
    void supportServesTrustedAdvisor() {
      assertThat(map("support.amazonaws.com", "DescribeTrustedAdvisorChecks").actions())
          .containsExactly("support:DescribeTrustedAdvisorChecks");
      assertThat(map("support.amazonaws.com", "DescribeChecks").actions())
          .containsExactly("trustedadvisor:DescribeChecks");
      assertThat(map("trustedadvisor.amazonaws.com", "ListRecommendations").actions())
          .containsExactly("trustedadvisor:ListRecommendations");
    }

    @Test
    void rdsEndpointServesNeptuneManagementAndNeptuneDbWhereDistinguishable() {
      // Neptune management calls are logged as RDS calls and authorized as rds:*.
      assertThat(map("rds.amazonaws.com", "CreateDBCluster").actions()).containsExactly("rds:CreateDBCluster");
      // A call only neptune-db knows is distinguishable by name.
      assertThat(map("rds.amazonaws.com", "GetEngineStatus").actions()).containsExactly("neptune-db:GetEngineStatus");
      assertThat(map("neptune-db.amazonaws.com", "ReadDataViaQuery").actions()).containsExactly("neptune-db:ReadDataViaQuery");
      assertThat(m.logging("neptune-db:connect")).isEqualTo(ActionLogging.NOT_LOGGED);
    }

    @Test
    void billingConsoleIsBilling() {
      assertThat(map("billingconsole.amazonaws.com", "GetBillingPreferences").actions())
          .containsExactly("billing:GetBillingPreferences");
    }

    @Test
    void lexModelsAndRuntimeEndpointsAreLex() {
      assertThat(map("models.lex.amazonaws.com", "GetBots").actions()).containsExactly("lex:GetBots");
      assertThat(map("runtime.lex.amazonaws.com", "PostText").actions()).containsExactly("lex:PostText");
      assertThat(map("runtime-v2-lex.amazonaws.com", "RecognizeText").actions()).containsExactly("lex:RecognizeText");
    }
  }

  @Nested
  class S3ActionDifferences {
    @Test
    void listBucketsIsListAllMyBuckets() {
      assertThat(map("s3.amazonaws.com", "ListBuckets").actions()).containsExactly("s3:ListAllMyBuckets");
    }

    @Test
    void listObjectsIsListBucket() {
      assertThat(map("s3.amazonaws.com", "ListObjects").actions()).containsExactly("s3:ListBucket");
      assertThat(map("s3.amazonaws.com", "ListObjectsV2").actions()).containsExactly("s3:ListBucket");
      assertThat(map("s3.amazonaws.com", "ListObjects").dataEvent()).isTrue();
    }

    @Test
    void listObjectVersionsIsListBucketVersions() {
      assertThat(map("s3.amazonaws.com", "ListObjectVersions").actions()).containsExactly("s3:ListBucketVersions");
    }

    @Test
    void headObjectIsGetObject() {
      assertThat(map("s3.amazonaws.com", "HeadObject").actions()).containsExactly("s3:GetObject");
    }

    @Test
    void headBucketIsListBucket() {
      assertThat(map("s3.amazonaws.com", "HeadBucket").actions()).containsExactly("s3:ListBucket");
    }

    @Test
    void bucketConfigurationNames() {
      assertThat(map("s3.amazonaws.com", "GetBucketPolicy").actions()).containsExactly("s3:GetBucketPolicy");
      assertThat(map("s3.amazonaws.com", "GetBucketLifecycle").actions()).containsExactly("s3:GetLifecycleConfiguration");
      assertThat(map("s3.amazonaws.com", "PutBucketEncryption").actions()).containsExactly("s3:PutEncryptionConfiguration");
      assertThat(map("s3.amazonaws.com", "DeleteBucketCors").actions()).containsExactly("s3:PutBucketCORS");
      assertThat(map("s3.amazonaws.com", "GetPublicAccessBlock").actions()).containsExactly("s3:GetBucketPublicAccessBlock");
      assertThat(map("s3.amazonaws.com", "GetBucketAcl").dataEvent()).isFalse();
    }

    @Test
    void copyObjectNeedsGetAndPut() {
      assertThat(map("s3.amazonaws.com", "CopyObject").actions()).containsExactly("s3:GetObject", "s3:PutObject");
      assertThat(map("s3.amazonaws.com", "UploadPartCopy").actions()).containsExactly("s3:GetObject", "s3:PutObject");
    }

    @Test
    void multipartUploadsArePutObject() {
      for (String n : new String[] {"CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload"}) {
        assertThat(map("s3.amazonaws.com", n).actions()).as(n).containsExactly("s3:PutObject");
      }
      assertThat(map("s3.amazonaws.com", "AbortMultipartUpload").actions()).containsExactly("s3:AbortMultipartUpload");
      assertThat(map("s3.amazonaws.com", "ListParts").actions()).containsExactly("s3:ListMultipartUploadParts");
      assertThat(map("s3.amazonaws.com", "ListMultipartUploads").actions()).containsExactly("s3:ListBucketMultipartUploads");
    }

    @Test
    void requestParametersAddActions() {
      assertThat(map("s3.amazonaws.com", "PutObject", "{'bucketName':'b','key':'k','x-amz-acl':'public-read'}").actions())
          .containsExactly("s3:PutObject", "s3:PutObjectAcl");
      assertThat(map("s3.amazonaws.com", "PutObject", "{'bucketName':'b','key':'k'}").actions())
          .containsExactly("s3:PutObject");
      assertThat(map("s3.amazonaws.com", "GetObject", "{'bucketName':'b','key':'k','versionId':'3HL4kqtJ'}").actions())
          .containsExactly("s3:GetObjectVersion");
      assertThat(map("s3.amazonaws.com", "DeleteObject", "{'bucketName':'b','key':'k','versionId':'v1'}").actions())
          .containsExactly("s3:DeleteObjectVersion");
      assertThat(map("s3.amazonaws.com", "CreateBucket", "{'bucketName':'b','x-amz-acl':'private','x-amz-object-ownership':'ObjectWriter'}").actions())
          .containsExactly("s3:CreateBucket", "s3:PutBucketAcl", "s3:PutBucketOwnershipControls");
    }
  }

  @Nested
  class VersionedEventNames {
    @Test
    void cloudFrontDateSuffix() {
      ActionMapping a = map("cloudfront.amazonaws.com", "ListDistributions2017_03_25");
      assertThat(a.actions()).containsExactly("cloudfront:ListDistributions");
      assertThat(a.versionedName()).isTrue();
      assertThat(a.baseName()).isEqualTo("ListDistributions");
    }

    @Test
    void lambdaSuffixes() {
      assertThat(map("lambda.amazonaws.com", "GetFunctionConfiguration20150331v2").actions())
          .containsExactly("lambda:GetFunctionConfiguration");
      assertThat(map("lambda.amazonaws.com", "GetFunctionConfiguration20150331").actions())
          .containsExactly("lambda:GetFunctionConfiguration");
      assertThat(map("lambda.amazonaws.com", "ListFunctions20150331").actions()).containsExactly("lambda:ListFunctions");
      assertThat(map("lambda.amazonaws.com", "UpdateFunctionCode20150331v2").actions()).containsExactly("lambda:UpdateFunctionCode");
      assertThat(map("lambda.amazonaws.com", "PublishLayerVersion20181031").actions()).containsExactly("lambda:PublishLayerVersion");
      assertThat(map("lambda.amazonaws.com", "CreateFunction20150331").actions()).containsExactly("lambda:CreateFunction", "iam:PassRole");
    }
  }

  @Nested
  class CallsIamCannotDeny {
    @Test
    void everyNominalActionTheCatalogCallsNotDeniableIsNotDeniableToTheEngine() throws Exception {
      List<String> nominal = new java.util.ArrayList<>();
      try (var in = EventActionMapper.class.getResourceAsStream(EventActionMapper.RESOURCE)) {
        for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
          String[] f = line.split("\\|");
          if (line.startsWith("event") && f.length > 3 && f[3].contains("not-deniable") && !f[2].isBlank()) {
            nominal.add(f[2].trim());
          }
        }
      }
      assertThat(nominal).contains("sts:GetCallerIdentity", "sts:GetSessionToken");
      for (String action : nominal) {
        assertThat(io.github.trailbench.core.policy.NotDeniable.reason(action,
            io.github.trailbench.core.policy.PrincipalInfo.Kind.USER)).as(action).isPresent();
      }
    }

    @Test
    void getCallerIdentity() {
      ActionMapping a = map("sts.amazonaws.com", "GetCallerIdentity");
      assertThat(a.authorization()).isEqualTo(Authorization.NOT_DENIABLE);
      assertThat(a.actions()).isEmpty();
      assertThat(a.nominalActions()).containsExactly("sts:GetCallerIdentity");
      assertThat(a.known()).isTrue();
    }

    @Test
    void getSessionTokenWithLongTermKey() {
      ActionMapping a = map("sts.amazonaws.com", "GetSessionToken", "{'durationSeconds':3600}");
      assertThat(a.authorization()).isEqualTo(Authorization.NOT_DENIABLE);
      assertThat(a.nominalActions()).containsExactly("sts:GetSessionToken");
    }

    @Test
    void getSessionTokenWithSessionKeyIsNoted() {
      var r = TestEvents.base();
      r.put("eventSource", "sts.amazonaws.com");
      r.put("eventName", "GetSessionToken");
      ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("userIdentity")).put("accessKeyId", "ASIAEXAMPLE000000001");
      assertThat(m.map(TestEvents.of(r)).notes()).anyMatch(n -> n.contains("temporary (ASIA)"));
    }

    @Test
    void consoleLoginAndCheckMfa() {
      for (String n : new String[] {"ConsoleLogin", "CheckMfa"}) {
        ActionMapping a = map("signin.amazonaws.com", n);
        assertThat(a.authorization()).as(n).isEqualTo(Authorization.NOT_DENIABLE);
        assertThat(a.actions()).as(n).isEmpty();
        assertThat(a.nominalActions()).as(n).isEmpty();
        assertThat(a.signInEvent()).as(n).isTrue();
      }
    }

    @Test
    void renewRoleAndExitRole() {
      for (String n : new String[] {"RenewRole", "ExitRole"}) {
        ActionMapping a = map("signin.amazonaws.com", n);
        assertThat(a.authorization()).as(n).isEqualTo(Authorization.NOT_DENIABLE);
        assertThat(a.signInEvent()).as(n).isTrue();
      }
    }

    @Test
    void switchRoleHasNoIamActionOfItsOwnButNeedsAssumeRole() {
      ActionMapping a = map("signin.amazonaws.com", "SwitchRole");
      assertThat(a.signInEvent()).isTrue();
      assertThat(a.actions()).containsExactly("sts:AssumeRole");
      assertThat(a.notes()).anyMatch(n -> n.contains("without an IAM action of its own"));
    }

    @Test
    void unlistedSignInEventIsStillNotDeniable() {
      ActionMapping a = map("signin.amazonaws.com", "SomeFutureSigninEvent");
      assertThat(a.authorization()).isEqualTo(Authorization.NOT_DENIABLE);
    }
  }

  @Nested
  class LoggedUnderOneNameAuthorizedByAnother {
    @Test
    void assumeRoleWithTagsNeedsTagSession() {
      assertThat(map("sts.amazonaws.com", "AssumeRole",
          "{'roleArn':'arn:aws:iam::111122223333:role/R','roleSessionName':'s','tags':[{'key':'team','value':'red'}]}").actions())
          .containsExactly("sts:AssumeRole", "sts:TagSession");
      assertThat(map("sts.amazonaws.com", "AssumeRole",
          "{'roleArn':'arn:aws:iam::111122223333:role/R','roleSessionName':'s'}").actions())
          .containsExactly("sts:AssumeRole");
    }

    @Test
    void assumeRoleWithSourceIdentityNeedsSetSourceIdentity() {
      assertThat(map("sts.amazonaws.com", "AssumeRole",
          "{'roleArn':'arn:aws:iam::111122223333:role/R','roleSessionName':'s','sourceIdentity':'alice'}").actions())
          .containsExactly("sts:AssumeRole", "sts:SetSourceIdentity");
    }

    /**
     * Bedrock API reference: Converse and StartAsyncInvoke require bedrock:InvokeModel, ConverseStream
     * bedrock:InvokeModelWithResponseStream; the Bedrock CloudTrail page logs StartAsyncInvoke as a data event and the
     * others as management events.
     */
    @Test
    void bedrockRuntimeCallsAreAuthorizedAsTheInvokeActions() {
      assertThat(map("bedrock.amazonaws.com", "Converse").actions()).containsExactly("bedrock:InvokeModel");
      assertThat(map("bedrock.amazonaws.com", "ConverseStream").actions())
          .containsExactly("bedrock:InvokeModelWithResponseStream");
      assertThat(map("bedrock.amazonaws.com", "StartAsyncInvoke").actions()).containsExactly("bedrock:InvokeModel");
      assertThat(map("bedrock.amazonaws.com", "StartAsyncInvoke").dataEvent()).isTrue();
      assertThat(map("bedrock.amazonaws.com", "Converse").dataEvent()).isFalse();
      assertThat(map("bedrock.amazonaws.com", "InvokeModel").actions()).containsExactly("bedrock:InvokeModel");
      assertThat(map("bedrock.amazonaws.com", "InvokeModel").dataEvent()).isFalse();
    }

    @Test
    void federatedAssumeRoleIsTrustPolicyOnly() {
      assertThat(map("sts.amazonaws.com", "AssumeRoleWithSAML").trustPolicyOnly()).isTrue();
      assertThat(map("sts.amazonaws.com", "AssumeRoleWithWebIdentity").trustPolicyOnly()).isTrue();
    }

    @Test
    void passRoleIsCheckedInsideOtherCalls() {
      assertThat(map("ec2.amazonaws.com", "RunInstances",
          "{'instancesSet':{'items':[{'imageId':'ami-1'}]},'iamInstanceProfile':{'name':'web'}}").actions())
          .containsExactly("ec2:RunInstances", "iam:PassRole");
      assertThat(map("ec2.amazonaws.com", "RunInstances", "{'instancesSet':{}}").actions())
          .containsExactly("ec2:RunInstances");
      assertThat(m.logging("iam:PassRole")).isEqualTo(ActionLogging.NOT_LOGGED);
    }

    @Test
    void lambdaInvokeIsInvokeFunction() {
      ActionMapping a = map("lambda.amazonaws.com", "Invoke");
      assertThat(a.actions()).containsExactly("lambda:InvokeFunction");
      assertThat(a.dataEvent()).isTrue();
    }

    @Test
    void kmsCallsKeepTheirAction() {
      // KMS Decrypt logged when S3/EBS decrypt for a principal is authorized as kms:Decrypt
      // (via the key policy, usually with kms:ViaService); the action does not change.
      assertThat(map("kms.amazonaws.com", "Decrypt").actions()).containsExactly("kms:Decrypt");
    }

    @Test
    void apiGatewayUsesHttpVerbs() {
      assertThat(map("apigateway.amazonaws.com", "GetRestApis").actions()).containsExactly("apigateway:GET");
      assertThat(map("apigateway.amazonaws.com", "CreateDeployment").actions()).containsExactly("apigateway:POST");
      assertThat(map("apigateway.amazonaws.com", "UpdateStage").actions()).containsExactly("apigateway:PATCH");
    }
  }

  @Nested
  class ActionsWithoutLogs {
    @Test
    void dataEvents() {
      assertThat(m.logging("s3:GetObject")).isEqualTo(ActionLogging.DATA_EVENT);
      assertThat(m.logging("s3:PutObject")).isEqualTo(ActionLogging.DATA_EVENT);
      assertThat(m.logging("lambda:InvokeFunction")).isEqualTo(ActionLogging.DATA_EVENT);
      assertThat(m.logging("dynamodb:GetItem")).isEqualTo(ActionLogging.DATA_EVENT);
      assertThat(m.logging("dynamodb:PutItem")).isEqualTo(ActionLogging.DATA_EVENT);
      assertThat(map("dynamodb.amazonaws.com", "Query").dataEvent()).isTrue();
      assertThat(map("s3.amazonaws.com", "GetObject").dataEvent()).isTrue();
    }

    @Test
    void neverLogged() {
      assertThat(m.logging("cloudwatch:PutMetricData")).isEqualTo(ActionLogging.NOT_LOGGED);
      assertThat(m.logging("cloudwatch:PutMetricData").observableByDefault()).isFalse();
      assertThat(m.logging("sts:TagSession")).isEqualTo(ActionLogging.NOT_LOGGED);
    }

    @Test
    void managementEventsByDefault() {
      assertThat(m.logging("iam:CreateUser")).isEqualTo(ActionLogging.MANAGEMENT_EVENT);
      assertThat(m.logging("s3:GetBucketPolicy")).isEqualTo(ActionLogging.MANAGEMENT_EVENT);
      assertThat(m.logging("s3:ListAllMyBuckets").observableByDefault()).isTrue();
      assertThat(m.logging("nosuch:Action")).isEqualTo(ActionLogging.UNKNOWN_ACTION);
    }
  }

  @Test
  void unknownIsReportedNotGuessed() {
    ActionMapping a = map("s3.amazonaws.com", "NoSuchApiCall");
    assertThat(a.known()).isFalse();
    assertThat(a.actions()).isEmpty();
    assertThat(a.notes()).anyMatch(n -> n.contains("s3:NoSuchApiCall"));
    assertThat(map("nosuchservice.amazonaws.com", "Foo").notes()).anyMatch(n -> n.contains("no IAM service prefix"));
  }

  @Test
  void serviceEventsAreNotRequests() {
    var r = TestEvents.base();
    r.put("eventSource", "kms.amazonaws.com");
    r.put("eventName", "RotateKey");
    r.put("eventType", "AwsServiceEvent");
    CloudTrailEvent e = TestEvents.of(r);
    assertThat(m.map(e).authorization()).isEqualTo(Authorization.NOT_A_REQUEST);
  }

  @Test
  void everyActionInTheExceptionFileIsInTheCatalog() {
    for (var row : m.rows()) {
      for (String a : row.actions()) {
        assertThat(m.catalog().exists(a)).as(row.eventSource() + " " + row.eventName() + " -> " + a).isTrue();
      }
      assertThat(row.source()).as(row.eventName() + " has a source").isNotBlank();
    }
    for (var l : m.loggingRows()) {
      assertThat(m.catalog().expand(l.pattern())).as(l.pattern()).isNotEmpty();
    }
  }
}
