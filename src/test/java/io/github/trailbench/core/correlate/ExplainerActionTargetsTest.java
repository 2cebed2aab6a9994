package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.policy.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay checks each action of a call on what AWS checks it on: a copy's source read on the
 * source and its write on the target (a specific version read as s3:GetObjectVersion), iam:PassRole
 * on the role passed, a batch delete on the deleted objects. Each case's policy allows exactly what
 * AWS requires, so the logged success must agree.
 */
class ExplainerActionTargetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EventReplay replay(SyntheticIam iam, String source, String name, String request) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", source);
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    return new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r));
  }

  private static SyntheticIam alice(String... statements) {
    return new SyntheticIam().user("alice", List.of(), List.of(), SyntheticIam.doc(statements));
  }

  /** alice allowed {@code readAction} on src-bucket's objects and s3:PutObject on dst-bucket's copies {@code copySource} to dst-bucket/copy.txt. */
  private static EventReplay copy(String readAction, String copySource) throws Exception {
    SyntheticIam iam = alice(SyntheticIam.statement("Allow", readAction, "arn:aws:s3:::src-bucket/*", null),
        SyntheticIam.statement("Allow", "s3:PutObject", "arn:aws:s3:::dst-bucket/*", null));
    return replay(iam, "s3.amazonaws.com", "CopyObject",
        "{\"bucketName\":\"dst-bucket\",\"key\":\"copy.txt\",\"x-amz-copy-source\":\"" + copySource + "\"}");
  }

  @Test
  void aCopyReadsItsSourceAndWritesItsTarget() throws Exception {
    EventReplay r = copy("s3:GetObject", "src-bucket/orig.txt");
    assertThat(r.actions()).extracting(Explainer.Explanation::action, Explainer.Explanation::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple("s3:GetObject", "arn:aws:s3:::src-bucket/orig.txt"),
        org.assertj.core.groups.Tuple.tuple("s3:PutObject", "arn:aws:s3:::dst-bucket/copy.txt"));
    assertThat(r.actions()).allSatisfy(e -> assertThat(e.result().decision()).isEqualTo(Decision.ALLOWED));
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
  }

  @Test
  void aCopyOfOneVersionReadsItWithGetObjectVersion() throws Exception {
    EventReplay r = copy("s3:GetObjectVersion", "src-bucket/orig.txt?versionId=3HL4kqtJlcpXroDTDmJ");
    assertThat(r.actions().get(0).action()).isEqualTo("s3:GetObjectVersion");
    assertThat(r.actions().get(0).resource()).isEqualTo("arn:aws:s3:::src-bucket/orig.txt");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
  }

  @Test
  void passRoleIsCheckedOnTheRolePassed() throws Exception {
    String role = "arn:aws:iam::111122223333:role/lambda-exec";
    SyntheticIam iam = alice(SyntheticIam.statement("Allow", "lambda:CreateFunction", "*", null),
        SyntheticIam.statement("Allow", "iam:PassRole", role, null));
    EventReplay r = replay(iam, "lambda.amazonaws.com", "CreateFunction20150331",
        "{\"functionName\":\"fn1\",\"runtime\":\"python3.12\",\"role\":\"" + role + "\",\"handler\":\"app.handler\"}");
    Explainer.Explanation pass = r.actions().stream().filter(e -> e.action().equals("iam:PassRole")).findFirst().orElseThrow();
    assertThat(pass.resource()).isEqualTo(role);
    assertThat(pass.result().decision()).isEqualTo(Decision.ALLOWED);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
  }

  @Test
  void aBatchDeleteWithoutItsKeysInTheLogIsUndeterminedNotDecidedOnTheBucket() throws Exception {
    // a policy on some keys of the bucket: which keys were sent decides
    SyntheticIam iam = alice(SyntheticIam.statement("Allow", "s3:DeleteObject", "arn:aws:s3:::data/reports/*", null));
    EventReplay r = replay(iam, "s3.amazonaws.com", "DeleteObjects", "{\"bucketName\":\"data\",\"delete\":\"\"}");
    Explainer.Explanation e = r.actions().get(0);
    assertThat(e.action()).isEqualTo("s3:DeleteObject");
    assertThat(e.result().decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(e.gaps()).anySatisfy(g -> assertThat(g).contains("keys a DeleteObjects call deletes are not in its log"));
    assertThat(r.verdict()).isNotEqualTo(ReplayVerdict.DISAGREES);
    // a policy on every key of the bucket decides whichever keys were sent
    Explainer.Explanation all = replay(alice(SyntheticIam.statement("Allow", "s3:DeleteObject", "arn:aws:s3:::data/*", null)),
        "s3.amazonaws.com", "DeleteObjects", "{\"bucketName\":\"data\",\"delete\":\"\"}").actions().get(0);
    assertThat(all.result().decision()).isEqualTo(Decision.ALLOWED);
  }


  private static ActionTargets.Target aliasTarget(String name, String region, String request, List<String> derived) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "kms.amazonaws.com");
    r.put("eventName", name);
    r.put("awsRegion", region);
    r.set("requestParameters", JSON.readTree(request));
    return ActionTargets.of("kms:" + name, derived, TestEvents.of(r));
  }

  /** AWS KMS Developer Guide, "Controlling access to aliases": the alias by IAM policies, the key by its key policy. */
  @Test
  void anAliasIsCreatedOrDeletedWithPermissionOnTheAliasAndOnItsKey() throws Exception {
    String key = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-11aa-11aa-11aa-111111111111";
    String alias = "arn:aws:kms:us-east-1:111122223333:alias/payroll";
    assertThat(aliasTarget("CreateAlias", "us-east-1", "{\"aliasName\":\"alias/payroll\",\"targetKeyId\":\"1111aaaa\"}",
        List.of(key, alias)).resources()).containsExactly(alias, key);
    // the record names only the key: the alias is the request's, in the recipient account and the region's partition
    assertThat(aliasTarget("DeleteAlias", "cn-north-1", "{\"aliasName\":\"alias/old\"}",
        List.of("arn:aws-cn:kms:cn-north-1:111122223333:key/2222")).resources())
        .containsExactly("arn:aws-cn:kms:cn-north-1:111122223333:alias/old", "arn:aws-cn:kms:cn-north-1:111122223333:key/2222");
    ActionTargets.Target noKey = aliasTarget("DeleteAlias", "us-east-1", "{\"aliasName\":\"alias/old\"}", List.of());
    assertThat(noKey.resources()).isEmpty();
    assertThat(noKey.unknownReason()).isEqualTo("the key the alias points to is not in the log");
    // other alias and key operations are not changed
    assertThat(aliasTarget("DescribeKey", "us-east-1", "{\"keyId\":\"alias/payroll\"}", List.of(key))).isNull();
  }

  /**
   * KMS API Reference, UpdateAlias, "Required permissions": the alias (IAM policy), the current key and the new key
   * (key policies). The new key is the request's targetKeyId; the current one is checked when the record names it,
   * and is otherwise said to be missing.
   */
  @Test
  void anAliasIsUpdatedWithPermissionOnTheAliasAndOnBothKeys() throws Exception {
    String newKey = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-11aa-11aa-11aa-111111111111";
    String oldKey = "arn:aws:kms:us-east-1:111122223333:key/2222bbbb-22bb-22bb-22bb-222222222222";
    String alias = "arn:aws:kms:us-east-1:111122223333:alias/payroll";
    ActionTargets.Target logged = aliasTarget("UpdateAlias", "us-east-1",
        "{\"aliasName\":\"alias/payroll\",\"targetKeyId\":\"1111aaaa-11aa-11aa-11aa-111111111111\"}", List.of(newKey, alias));
    assertThat(logged.resources()).containsExactly(alias, newKey);
    assertThat(logged.unnamed()).isEqualTo("the key alias/payroll pointed to before this call (by that key's policy)");
    // both keys named, in either order: the new one is the targetKeyId (an id or an ARN), the other is the key before
    ActionTargets.Target both = aliasTarget("UpdateAlias", "us-east-1",
        "{\"aliasName\":\"alias/payroll\",\"targetKeyId\":\"" + newKey + "\"}", List.of(oldKey, newKey, alias));
    assertThat(both.resources()).containsExactly(alias, newKey, oldKey);
    assertThat(both.unnamed()).isNull();
    // two keys and no targetKeyId: which is new is not known, so no resource is guessed
    ActionTargets.Target unsure = aliasTarget("UpdateAlias", "us-east-1", "{\"aliasName\":\"alias/payroll\"}",
        List.of(oldKey, newKey, alias));
    assertThat(unsure.resources()).isEmpty();
    assertThat(unsure.unknownReason()).contains("targetKeyId");
    ActionTargets.Target noKey = aliasTarget("UpdateAlias", "us-east-1", "{\"aliasName\":\"alias/payroll\"}", List.of(alias));
    assertThat(noKey.resources()).isEmpty();
    assertThat(noKey.unknownReason()).isEqualTo("the key the alias is pointed at is not in the log");
  }

  private static Explainer.Explanation stackCall(String resourcePattern, String name, String request, String response)
      throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "cloudformation.amazonaws.com");
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    if (response != null) {
      r.set("responseElements", JSON.readTree(response));
    }
    SyntheticIam iam = alice(SyntheticIam.statement("Allow", "cloudformation:*", resourcePattern, null));
    return new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r)).actions().get(0);
  }

  /**
   * Service Authorization Reference, AWS CloudFormation: the stack resource is
   * arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}. A call naming its
   * stack by name logs no ID: a policy on every stack of that name (or of none) still decides, one
   * naming a particular ID does not; a stack ID in the request or response is the full ARN.
   */
  @Test
  void aStackNamedByNameIsOneOfTheStacksOfThatName() throws Exception {
    String byName = "{\"stackName\":\"acme-web\"}";
    Explainer.Explanation covered = stackCall("arn:aws:cloudformation:us-east-1:111122223333:stack/acme-*/*", "DescribeStacks",
        byName, null);
    assertThat(covered.resource()).isEqualTo("arn:aws:cloudformation:us-east-1:111122223333:stack/acme-web/*");
    assertThat(covered.result().decision()).isEqualTo(Decision.ALLOWED);
    Explainer.Explanation other = stackCall("arn:aws:cloudformation:us-east-1:111122223333:stack/billing-*/*", "DescribeStacks",
        byName, null);
    assertThat(other.result().decision()).isEqualTo(Decision.IMPLICIT_DENY);
    Explainer.Explanation oneId = stackCall(
        "arn:aws:cloudformation:us-east-1:111122223333:stack/acme-web/0b6e2f40-7a1c-11ef-9c3d-0a8b5c2e1f77", "DeleteStack",
        byName, null);
    assertThat(oneId.result().decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(oneId.gaps()).anySatisfy(g -> assertThat(g).contains("without the ID that ends its ARN"));
    String id = "arn:aws:cloudformation:us-east-1:111122223333:stack/acme-web/0b6e2f40-7a1c-11ef-9c3d-0a8b5c2e1f77";
    Explainer.Explanation created = stackCall(id, "CreateChangeSet",
        "{\"stackName\":\"acme-web\",\"changeSetName\":\"ci-1\"}", "{\"id\":\"arn:aws:cloudformation:us-east-1:111122223333:changeSet/ci-1/x\",\"stackId\":\"" + id + "\"}");
    assertThat(created.resource()).isEqualTo(id);
    assertThat(created.result().decision()).isEqualTo(Decision.ALLOWED);
    Explainer.Explanation byArn = stackCall(id, "UpdateTerminationProtection", "{\"stackName\":\"" + id + "\"}", null);
    assertThat(byArn.resource()).isEqualTo(id);
    assertThat(byArn.result().decision()).isEqualTo(Decision.ALLOWED);
  }
}
