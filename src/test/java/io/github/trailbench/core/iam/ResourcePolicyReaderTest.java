package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.ResourcePolicies;
import io.github.trailbench.core.model.iam.ResourcePolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResourcePolicyReaderTest {
  private static final String FILE = "resource-policies.json";
  private static final IamSourceKind KIND = IamSourceKind.RESOURCE_POLICIES;

  private static String good() {
    return IamFixtures.text(FILE);
  }

  @Test
  void readsPoliciesAndTheCliOutputsThatWrapThem() throws Exception {
    ResourcePolicies rp = IamFixtures.read(KIND, FILE);
    assertThat(rp.policies()).extracting(ResourcePolicy::service).containsExactly("s3", "s3", "kms", "sqs", "lambda", "secretsmanager");

    ResourcePolicy artifacts = rp.policies().get(0);
    assertThat(artifacts.resourceArn()).isEqualTo("arn:aws:s3:::acme-artifacts");
    assertThat(artifacts.resourceAccount()).isEqualTo("111122223333");
    assertThat(artifacts.document().encoding()).isEqualTo(PolicyDocument.Encoding.OBJECT);
    assertThat(artifacts.position()).isEqualTo("policies[0]");

    ResourcePolicy data = rp.policies().get(1);
    assertThat(data.document().encoding()).isEqualTo(PolicyDocument.Encoding.JSON_STRING);
    assertThat(data.document().json()).contains("DenyInsecureTransport");

    ResourcePolicy key = rp.policies().get(2);
    assertThat(key.resourceAccount()).as("from the ARN").isEqualTo("111122223333");
    assertThat(key.aliases()).containsExactly(
        "arn:aws:kms:eu-west-1:111122223333:alias/payments", "arn:aws:kms:eu-west-1:111122223333:alias/payments-legacy");
    assertThat(key.document().json()).contains("\"Sid\" : \"Enable IAM User Permissions\"");

    assertThat(rp.policies().get(3).document().json()).contains("\"Id\":\"orders-policy\"");
    assertThat(rp.policies().get(4).document().json()).contains("lambda:InvokeFunction");
    ResourcePolicy secret = rp.policies().get(5);
    assertThat(secret.resourceArn()).as("taken from the get-resource-policy output").isEqualTo(
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-password-AbCdEf");
    assertThat(secret.document().json()).contains("secretsmanager:GetSecretValue");
  }

  @Test
  void readsASecretsManagerOutputOnItsOwn() throws Exception {
    String out = "{\n    \"ARN\": \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-key-XyZ123\",\n    \"Name\": \"api-key\",\n"
        + "    \"ResourcePolicy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"\n}\n";
    byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
    assertThat(IamSources.detect("get-resource-policy.json", bytes)).contains(KIND);
    ResourcePolicies rp = (ResourcePolicies) IamSources.read(KIND, "get-resource-policy.json", bytes);
    assertThat(rp.policies()).singleElement().satisfies(p -> {
      assertThat(p.resourceArn()).endsWith(":secret:api-key-XyZ123");
      assertThat(p.resourceAccount()).isEqualTo("111122223333");
      assertThat(p.position()).isEqualTo("top level");
    });
  }

  @Test
  void detectsByContent() {
    assertThat(IamSources.detect("rp.txt", IamFixtures.bytes(FILE))).contains(KIND);
    assertThat(IamSources.detect("bucket-policy.json", "{\"Policy\": \"{}\"}".getBytes(StandardCharsets.UTF_8)))
        .as("a bare get-bucket-policy output names no bucket").isEmpty();
  }

  @Test
  void refusesAnS3PolicyWithoutItsAccount() {
    String text = good().replace("\"resourceArn\": \"arn:aws:s3:::acme-data\",\n      \"resourceAccount\": \"111122223333\",", "\"resourceArn\": \"arn:aws:s3:::acme-data\",");
    SourceProblem p = refused(KIND, "no-account.json", text);
    assertThat(p.position()).startsWith("policies[1].resourceAccount (in the object at line 21, column 5)");
    assertThat(p.reason()).contains("resourceAccount is required");
  }

  @Test
  void refusesTwoPoliciesForOneResource() {
    String text = good().replace("arn:aws:s3:::acme-data\"", "arn:aws:s3:::acme-artifacts\"");
    SourceProblem p = refused(KIND, "dup.json", text);
    assertThat(p.position()).startsWith("policies[1].resourceArn");
    assertThat(p.reason()).contains("already has a policy at policies[0]");
  }

  @Test
  void refusesAMismatchedServiceAndABadArn() {
    assertThat(refused(KIND, "svc.json", good().replace("\"service\": \"s3\"", "\"service\": \"sqs\"")).reason())
        .contains("does not match the ARN's service \"s3\"");
    SourceProblem arn = refused(KIND, "arn.json", good().replace("arn:aws:sqs:eu-west-1:111122223333:orders\",\n", "orders\",\n"));
    assertThat(arn.position()).startsWith("policies[3].resourceArn");
    assertThat(arn.reason()).contains("not an ARN");
  }

  @Test
  void refusesAWrappedDocumentThatIsNotAPolicy() {
    SourceProblem p = refused(KIND, "notpolicy.json", good().replace("{ \"Attributes\": { \"Policy\": \"{", "{ \"Attributes\": { \"Policy\": \"[{"));
    assertThat(p.position()).startsWith("policies[3].document.Attributes.Policy");
    assertThat(p.reason()).contains("expected a policy document");
  }

  @Test
  void refusesAPoliciesObjectInsteadOfAnArray() {
    SourceProblem p = refused(KIND, "obj.json", "{\"trailbench\": \"resource-policies/v1\", \"policies\": {}}");
    assertThat(p.position()).isEqualTo("policies (line 1, column 52)");
    assertThat(p.reason()).isEqualTo("expected an array, found an object");
  }
}
