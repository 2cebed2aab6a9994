package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of EC2 calls that AWS authorizes on several resources at once: "why was this RunInstances (CreateVolume,
 * AttachVolume, StartInstances) allowed or denied?". The records of {@code src/test/resources/fixtures/ec2run/events.json}
 * (EC2 management events, one account 111122223333, us-east-1) and the account's get-account-authorization-details
 * ({@code iam.json}: fifteen IAM users, each with one inline policy, most of them AWS's own example policies) are
 * imported with the CLI; each event is read back with {@code explain --event ID --json}, the call's verdict with
 * {@code events --filter verdict:…} and the detections with {@code findings --format json}. iam:PassRole is left to
 * PassRoleAuditTest. The fixtures are written by hand; nothing under src/main is changed.
 *
 * <p>Record shapes: RunInstances as the KMS Developer Guide's "Amazon EC2 example two" shows it (requestParameters
 * instancesSet.items[imageId, minCount, maxCount], groupSet.items[groupId], instanceType, blockDeviceMapping; here also
 * subnetId and tagSpecificationSet.items[resourceType, tags[key, value]], the API's parameter names;
 * responseElements.instancesSet.items[instanceId …]): https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2two.html;
 * CreateVolume as "Amazon EC2 example one" shows it (requestParameters size "10", zone, volumeType, encrypted; the
 * responseElements volumeId …): https://docs.aws.amazon.com/kms/latest/developerguide/ct-ec2one.html. A refused call has
 * errorCode Client.UnauthorizedOperation, no responseElements and the message "You are not authorized to perform this
 * operation. Encoded authorization failure message: …"; a dry run errorCode Client.DryRunOperation and "Request would have
 * succeeded, but DryRun flag is set." (as AttemptsAuditTest's records).
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[SAR] Service Authorization Reference, "Actions, resources, and condition keys for Amazon EC2" (RunInstances:
 *       image*, instance*, network-interface*, security-group*, subnet*, volume*, key-pair, …; ec2:InstanceType on the
 *       instance, ec2:Subnet on the network interface, ec2:Vpc on the subnet and security group, ec2:VolumeSize and
 *       ec2:Encrypted on the volume); its intro: "If the action has one or more required resources, the caller must have
 *       permission to use the action with those resources ... If you limit resource access with the Resource element in
 *       an IAM policy, you must include an ARN or pattern for each required resource type":
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 *   <li>[EX-RUN] EC2 User Guide, "Example policies to control access the Amazon EC2 API", "Launch instances
 *       (RunInstances)": "RunInstances requires an AMI and creates an instance. Users can specify a key pair and security
 *       group in the request. Launching into a VPC requires a subnet, and creates a network interface. Launching from an
 *       Amazon EBS-backed AMI creates a volume. Therefore, the user must have permissions to use these Amazon EC2
 *       resources.": https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html#iam-example-runinstances
 *       (archived source awsdocs/amazon-ec2-user-guide, doc_source/ExamplePolicies_EC2.md)
 *   <li>[EX-TYPES] same page, "Instance types": the first statement allows ec2:RunInstances on instance/* when
 *       ec2:InstanceType is t2.micro or t2.small, the second on image, subnet, network-interface, volume, key-pair and
 *       security-group; "The users can't launch larger instances because the Condition element of the first statement
 *       tests whether ec2:InstanceType is either t2.micro or t2.small"; "Alternatively, you can create a policy that denies
 *       users permissions to launch any instances except t2.micro and t2.small instance types" (Deny on instance/* with
 *       StringNotEquals ec2:InstanceType). Here with t3.* (StringLike / StringNotLike). #iam-example-runinstances-instance-type
 *   <li>[EX-SUBNET] same page, "Subnets": "denies users permissions to launch an instance into any other subnet. The
 *       statement does this by denying permission to create a network interface, except where subnet subnet-12345678 is
 *       specified. This denial overrides any other policies" (Deny on network-interface/* with ArnNotEquals ec2:Subnet).
 *       #iam-example-runinstances-subnet
 *   <li>[EX-TAGS] same page, "Tags": "Tag instances and volumes on creation with specific tags": "requires users to tag
 *       any instances and volumes that are created by RunInstances with the tags environment=production and
 *       purpose=webserver ... If no tags are specified in the request, the request fails."; "Tag instances on creation":
 *       ec2:RunInstances on *, ec2:CreateTags on instance/* with ec2:CreateAction = RunInstances: "allow users to create
 *       tags only in the context of RunInstances, and only for instances. Users cannot tag existing resources, and users
 *       cannot tag volumes using the RunInstances request." #iam-example-runinstances-tags
 *   <li>[EC2-TOC] EC2 User Guide, "Grant permission to tag Amazon EC2 resources during creation": "If tags are specified in
 *       the resource-creating action, Amazon performs additional authorization on the ec2:CreateTags action"; "if the user
 *       attempts to create a resource with tags, the request fails if the user does not have permissions to use the
 *       ec2:CreateTags action"; "The ec2:CreateTags action is not evaluated if a user does not specify tags for the
 *       resource-creating action.": https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html
 *   <li>[EX-VOL] same example page, "Work with volumes": "Create a volume": "The user is allowed to create a volume only if
 *       the volume is encrypted and only if the volume size is less than 20 GiB" (ec2:CreateVolume on volume/* with
 *       NumericLessThan ec2:VolumeSize 20 and Bool ec2:Encrypted true); "Create a volume with tags" (aws:RequestTag
 *       costcenter=115 / stack=prod, "If users don't pass these specific tags, or if they don't specify tags at all, the
 *       request fails"; and "allows users to create a volume without having to specify tags. The CreateTags action is only
 *       evaluated if tags are specified in the CreateVolume request. If users do specify tags, the tag must be
 *       purpose=test"); "Attach and detach volumes": "When an API action requires a caller to specify multiple resources,
 *       you must create a policy statement that allows users to access all required resources" (instance/* with
 *       ec2:ResourceTag/department = dev, volume/* with ec2:ResourceTag/volume_user = ${aws:username}).
 *       #iam-example-manage-volumes
 *   <li>[EX-INST] same page, "Describe all instances, and stop, start, and terminate only particular instances" (start
 *       and stop only i-1234567890abcdef0 and i-0598c7d356eba48d7, terminate only with ec2:ResourceTag/purpose = test).
 *       #iam-example-instances-specific
 *   <li>[EX-REGION] same page, "Restrict access to a specific Region": "Alternatively, you can use the condition key
 *       ec2:Region, which is specific to Amazon EC2 and is supported by all Amazon EC2 API actions" (Deny ec2:* unless
 *       eu-central-1). #iam-example-region
 *   <li>[EC2-ERR] EC2 API Reference, "Error codes for the Amazon EC2 API": "DryRunOperation: The user has the required
 *       permissions, so the request would have succeeded, but the DryRun parameter was used."; "UnauthorizedOperation: You
 *       are not authorized to perform this operation.": https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 *   <li>[DECODE] STS API Reference, DecodeAuthorizationMessage: "if a user is not authorized to perform an operation that
 *       he or she has requested, the request returns a Client.UnauthorizedOperation response ... Some AWS operations
 *       additionally return an encoded message"; "The message is encoded because the details of the authorization status
 *       can contain privileged information that the user who requested the operation should not see"; decoded it says
 *       "Whether the request was denied due to an explicit deny or due to the absence of an explicit allow":
 *       https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
 * </ul>
 *
 * Tests that show a wrong answer fail with what AWS documents and what the product said; they are not disabled.
 */
class Ec2MultiResourceAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/ec2run");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static final Map<String, String> verdicts = new java.util.HashMap<>();

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("15 users").contains("33 added");
    findings = ExplainedEvents.findings(caseDir);
    verdicts.putAll(ExplainedEvents.eventVerdicts(caseDir));
  }

  // ------------------------------------------------------------------ helpers

  static List<JsonNode> all(String eventId) throws Exception {
    return ExplainedEvents.all(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static String whyAll(List<JsonNode> l) {
    return ExplainedEvents.whyAll(l);
  }

  /** The evaluated action {@code action} of the event, or null when the product did not evaluate it. */
  static JsonNode action(List<JsonNode> lines, String action) {
    return lines.stream().filter(l -> l.path("request").path("action").asText().equalsIgnoreCase(action)).findFirst().orElse(null);
  }

  /** The call's verdict as the timeline shows it ({@code events --filter verdict:…}). */
  static String eventVerdict(String eventId) {
    return verdicts.getOrDefault(eventId, "none");
  }

  /** The call's replay: {@code decision} on {@code action} and {@code verdict} for the whole call. */
  static void expectCall(SoftAssertions soft, String eventId, String action, String decision, String verdict, String aws)
      throws Exception {
    List<JsonNode> lines = all(eventId);
    JsonNode a = action(lines, action);
    soft.assertThat(a).as("%s: AWS documents %s; the product did not evaluate %s at all:%s", eventId, aws, action, whyAll(lines))
        .isNotNull();
    if (a != null) {
      soft.assertThat(a.path("decision").asText()).as("%s %s: AWS documents %s; the product said:%s", eventId, action, aws,
          whyAll(lines)).isEqualTo(decision);
    }
    soft.assertThat(eventVerdict(eventId)).as("verdict of the call %s: AWS documents %s; the product said:%s", eventId, aws,
        whyAll(lines)).isEqualTo(verdict);
  }

  static List<JsonNode> findingsOf(String rule, String eventId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : findings) {
      if (rule == null || f.path("rule").asText().equals(rule)) {
        for (JsonNode id : f.path("eventIds")) {
          if (id.asText().equals(eventId)) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ 1. ec2:InstanceType on the instance

  /**
   * Q1. typed-launcher has AWS's "Instance types" policy with t3.* [EX-TYPES]: ec2:RunInstances on instance/* when
   * StringLike ec2:InstanceType t3.*, and on image, subnet, network-interface, volume, key-pair and security-group without
   * condition. Its RunInstances of a t3.micro succeeded. The record carries the type (requestParameters.instanceType,
   * also in responseElements), which is the instance's ec2:InstanceType [SAR]: the policy allows every resource the call
   * touches: Allowed, agrees. Not undetermined on a key the record carries.
   */
  @Test
  void instanceTypeConditionAllowsT3FromTheLoggedType() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-t3-ok", "ec2:RunInstances", "Allowed", "agrees",
        "ec2:InstanceType t3.micro (requestParameters.instanceType) matches t3.* on the instance, and the other resources are"
            + " allowed without condition [EX-TYPES]");
    soft.assertAll();
  }

  /**
   * Q2. The same user's RunInstances of a p3.2xlarge was refused (Client.UnauthorizedOperation). "The users can't launch
   * larger instances because the Condition element of the first statement tests whether ec2:InstanceType ..."
   * [EX-TYPES]: the new instance's resource (arn:aws:ec2:us-east-1:111122223333:instance/*, whatever its id) is not
   * allowed: ImplicitDeny, agrees. The instance id is not logged (no responseElements), but no instance ARN of the
   * account can match t3.* with a p3.2xlarge: the missing id does not leave the answer open.
   */
  @Test
  void instanceTypeConditionRefusesP3() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-p3-denied", "ec2:RunInstances", "ImplicitDeny", "agrees",
        "a p3.2xlarge instance is allowed by no statement (\"users can't launch larger instances\") [EX-TYPES]");
    soft.assertAll();
  }

  /**
   * Q3. deny-typed-launcher has the deny alternative [EX-TYPES]: Deny ec2:RunInstances on instance/* when StringNotLike
   * ec2:InstanceType t3.*, Allow on every resource type. Its t3.small launch succeeded: the Deny does not apply (the
   * logged type is t3.small), the Allow does: Allowed, agrees.
   */
  @Test
  void denyAllButT3AllowsT3() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-deny-t3-ok", "ec2:RunInstances", "Allowed", "agrees",
        "the Deny applies only when ec2:InstanceType is not t3.*; the logged type is t3.small [EX-TYPES]");
    soft.assertAll();
  }

  /**
   * Q4. The same user's p3.2xlarge launch was refused: the Deny on instance/* applies (ec2:InstanceType p3.2xlarge is not
   * like t3.*) [EX-TYPES]: ExplicitDeny, agrees. The analyst must learn that an explicit deny refused it, which the
   * encoded message alone does not say [DECODE].
   */
  @Test
  void denyAllButT3RefusesP3ByTheDeny() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-deny-p3-denied", "ec2:RunInstances", "ExplicitDeny", "agrees",
        "the Deny on instance/* applies to ec2:InstanceType p3.2xlarge [EX-TYPES]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. the other resources of RunInstances

  /**
   * Q5. instance-only may call ec2:RunInstances on arn:aws:ec2:us-east-1:111122223333:instance/* only, nothing on the
   * image, subnet, network interface, security group or volume. "RunInstances requires an AMI ... Therefore, the user
   * must have permissions to use these Amazon EC2 resources" [EX-RUN]; "you must include an ARN or pattern for each
   * required resource type" [SAR]. Its launch was refused: no statement allows the image (arn:aws:ec2:us-east-1::image/
   * ami-0abcdef1234567890, named in the record): ImplicitDeny, agrees.
   */
  @Test
  void allowingOnlyTheInstanceResourceIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-instonly-denied", "ec2:RunInstances", "ImplicitDeny", "agrees",
        "RunInstances is also authorized on the image, subnet, security group, network interface and volume, which no"
            + " statement allows [EX-RUN], [SAR]");
    soft.assertAll();
  }

  /**
   * Q6. The same user, a RunInstances logged as a success (the case's IAM export may be stale: another policy allowed
   * the image, subnet …). The case's policies allow the instance only, and AWS also checks the image, subnet, security
   * group, network interface and volume [EX-RUN], [SAR]: the case does not explain the success. The product must not
   * answer "Allowed, agrees" from the instance ARN alone; the right answer is "not allowed by the case's policies",
   * a disagreement with the record (something is missing from the case).
   */
  @Test
  void aSuccessTheInstanceStatementAloneCannotExplainIsNotAllowedAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("run-instonly-success");
    JsonNode run = action(lines, "ec2:RunInstances");
    soft.assertThat(run.path("decision").asText()).as("AWS authorizes RunInstances on the image, subnet, security group,"
        + " network interface and volume too [EX-RUN]; the case allows the instance only; the product said:%s", whyAll(lines))
        .isNotEqualTo("Allowed");
    soft.assertThat(eventVerdict("run-instonly-success")).as("the case's policies cannot explain this success [EX-RUN]; the"
        + " product said:%s", whyAll(lines)).isEqualTo("disagrees");
    soft.assertAll();
  }

  /**
   * Q7. subnet-pinned has AWS's "Subnets" deny [EX-SUBNET]: Deny ec2:RunInstances on network-interface/* when ArnNotEquals
   * ec2:Subnet arn:…:subnet/subnet-12345678, Allow on every resource type. A launch into subnet-87654321
   * (requestParameters.subnetId) was refused: "This denial overrides any other policies": ExplicitDeny, agrees. The
   * network interface RunInstances creates is in the subnet the request names (ec2:Subnet on the network interface
   * [SAR]).
   */
  @Test
  void launchIntoAnotherSubnetIsDeniedOnTheNetworkInterface() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-subnet-other-denied", "ec2:RunInstances", "ExplicitDeny", "agrees",
        "the Deny on network-interface/* applies: ec2:Subnet is subnet-87654321, not subnet-12345678 [EX-SUBNET]");
    soft.assertAll();
  }

  /**
   * Q8. The same user's launch into subnet-12345678 succeeded: the Deny does not apply, the Allow covers every resource:
   * Allowed, agrees [EX-SUBNET].
   */
  @Test
  void launchIntoThePinnedSubnetIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-subnet-ok", "ec2:RunInstances", "Allowed", "agrees",
        "ec2:Subnet is subnet-12345678: the Deny does not apply and the Allow covers every resource [EX-SUBNET]");
    soft.assertAll();
  }

  /**
   * Q9. vpc-pinned: Allow ec2:RunInstances on *, Deny on subnet/* and security-group/* when ArnNotEquals ec2:Vpc
   * vpc-0aaa1111bbbb2222c (ec2:Vpc is a key of the subnet and security group [SAR]). A launch into
   * subnet-0fedcba987654321f was refused. The record names the subnet but not its VPC, and the case holds no EC2
   * inventory: whether the Deny applied cannot be read from the case. Undetermined, naming ec2:Vpc; never a guess
   * (neither "agrees" on an assumed VPC nor "disagrees").
   */
  @Test
  void vpcConditionOnTheSubnetIsUndeterminedWithoutInventory() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("run-vpc-denied");
    JsonNode run = action(lines, "ec2:RunInstances");
    soft.assertThat(eventVerdict("run-vpc-denied")).as("the subnet's VPC is not in the record nor the case; the product"
        + " said:%s", whyAll(lines)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(run)).as("undetermined must name ec2:Vpc:%s", whyAll(lines)).contains("ec2:vpc");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 3. tags on launch

  /**
   * Q10. tag-required has AWS's "Tag instances and volumes on creation with specific tags" policy [EX-TAGS]. A launch
   * tagging the instance and the volume environment=production, purpose=webserver (tagSpecificationSet) succeeded:
   * RunInstances is allowed on the instance and volume by the aws:RequestTag / aws:TagKeys statement, on the rest by the
   * first statement, and ec2:CreateTags by ec2:CreateAction = RunInstances [EC2-TOC]: both Allowed, agrees.
   */
  @Test
  void requiredTagsOnLaunchAreAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-tagged-ok", "ec2:RunInstances", "Allowed", "agrees",
        "the logged tags are environment=production and purpose=webserver [EX-TAGS]");
    expectCall(soft, "run-tagged-ok", "ec2:CreateTags", "Allowed", "agrees",
        "ec2:CreateTags is authorized with ec2:CreateAction = RunInstances [EC2-TOC]");
    soft.assertAll();
  }

  /**
   * Q11. The same user launched without tags (no tagSpecificationSet) and was refused: "If no tags are specified in the
   * request, the request fails" [EX-TAGS]. aws:RequestTag/environment is absent, so the instance/volume statement does
   * not apply whatever the new instance's id; ec2:CreateTags is not evaluated [EC2-TOC]: ImplicitDeny on RunInstances,
   * agrees.
   */
  @Test
  void launchWithoutTheRequiredTagsIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-untagged-denied", "ec2:RunInstances", "ImplicitDeny", "agrees",
        "\"If no tags are specified in the request, the request fails\" [EX-TAGS]");
    soft.assertThat(action(all("run-untagged-denied"), "ec2:CreateTags")).as("ec2:CreateTags is not evaluated without tags"
        + " [EC2-TOC]").isNull();
    soft.assertAll();
  }

  /**
   * Q12. Tags environment=dev, purpose=webserver: refused. aws:RequestTag/environment is dev, not production: the
   * instance and volume are allowed by no statement [EX-TAGS]: ImplicitDeny on RunInstances, the call agrees.
   * (ec2:CreateTags itself is allowed: ec2:CreateAction is RunInstances on arn:…:*&#47;*.)
   */
  @Test
  void launchWithAWrongTagValueIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-wrongtag-denied", "ec2:RunInstances", "ImplicitDeny", "agrees",
        "aws:RequestTag/environment = dev does not match production [EX-TAGS]");
    soft.assertAll();
  }

  /**
   * Q13. tag-instances-only has AWS's "Tag instances on creation" policy [EX-TAGS]: RunInstances on *, ec2:CreateTags on
   * instance/* with ec2:CreateAction = RunInstances. A launch tagging the instance Name=web-1 succeeded: Allowed on both,
   * agrees.
   */
  @Test
  void taggingTheInstanceOnLaunchIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-taginst-ok", "ec2:CreateTags", "Allowed", "agrees",
        "ec2:CreateTags on the instance with ec2:CreateAction = RunInstances [EX-TAGS]");
    soft.assertAll();
  }

  /**
   * Q14. The same user's launch tagging the volume (tagSpecificationSet resourceType volume) was refused: "users cannot
   * tag volumes using the RunInstances request" [EX-TAGS]. ec2:CreateTags is authorized on the volume being tagged,
   * which no statement allows (the only one is on instance/*): ImplicitDeny on ec2:CreateTags, and the call agrees
   * with the refusal. The product must not say ec2:RunInstances disagrees, nor leave the call undetermined on the
   * instance id: the record says which resource type is tagged.
   */
  @Test
  void taggingTheVolumeOnLaunchIsRefusedOnCreateTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-tagvol-denied", "ec2:CreateTags", "ImplicitDeny", "agrees",
        "\"users cannot tag volumes using the RunInstances request\": ec2:CreateTags on the volume is allowed by no"
            + " statement [EX-TAGS]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 4. CreateVolume

  /**
   * Q15. volume-creator has AWS's "Create a volume" policy [EX-VOL]: ec2:CreateVolume on volume/* when NumericLessThan
   * ec2:VolumeSize 20 and Bool ec2:Encrypted true. A 10 GiB encrypted volume was created: the record carries size "10"
   * and encrypted true (requestParameters and responseElements, with the volumeId): Allowed, agrees.
   */
  @Test
  void createVolumeSmallAndEncryptedIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "cv-small-ok", "ec2:CreateVolume", "Allowed", "agrees",
        "ec2:VolumeSize 10 < 20 and ec2:Encrypted true, both in the record [EX-VOL]");
    List<JsonNode> lines = all("cv-small-ok");
    soft.assertThat(action(lines, "ec2:CreateVolume").path("request").path("resource").asText())
        .as("the volume is named in responseElements.volumeId:%s", whyAll(lines))
        .isEqualTo("arn:aws:ec2:us-east-1:111122223333:volume/vol-0aaa000000000001");
    soft.assertAll();
  }

  /**
   * Q16. The same user, a 100 GiB volume (refused) and a 10 GiB unencrypted one (refused): "The user is allowed to
   * create a volume only if the volume is encrypted and only if the volume size is less than 20 GiB" [EX-VOL]: both
   * ImplicitDeny, agree.
   */
  @Test
  void createVolumeTooLargeOrUnencryptedIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "cv-big-denied", "ec2:CreateVolume", "ImplicitDeny", "agrees",
        "ec2:VolumeSize 100 is not less than 20 [EX-VOL]");
    expectCall(soft, "cv-plain-denied", "ec2:CreateVolume", "ImplicitDeny", "agrees",
        "ec2:Encrypted is false [EX-VOL]");
    soft.assertAll();
  }

  /**
   * Q17. volume-tagger has AWS's "Create a volume with tags" policy [EX-VOL] (aws:RequestTag costcenter=115, stack=prod,
   * ForAllValues aws:TagKeys; ec2:CreateTags on volume/* with ec2:CreateAction = CreateVolume). With both tags: allowed
   * (CreateVolume and ec2:CreateTags [EC2-TOC]); without tags: "if they don't specify tags at all, the request fails":
   * ImplicitDeny, agrees.
   */
  @Test
  void createVolumeWithRequiredTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "cv-tagged-ok", "ec2:CreateVolume", "Allowed", "agrees",
        "aws:RequestTag/costcenter = 115 and aws:RequestTag/stack = prod are in the record [EX-VOL]");
    expectCall(soft, "cv-tagged-ok", "ec2:CreateTags", "Allowed", "agrees",
        "tags in a resource-creating action: ec2:CreateTags is also authorized, with ec2:CreateAction = CreateVolume"
            + " [EC2-TOC]");
    expectCall(soft, "cv-untagged-denied", "ec2:CreateVolume", "ImplicitDeny", "agrees",
        "\"if they don't specify tags at all, the request fails\" [EX-VOL]");
    soft.assertAll();
  }

  /**
   * Q18. volume-maker has AWS's second "Create a volume with tags" policy [EX-VOL]: ec2:CreateVolume on *, ec2:CreateTags
   * on volume/* only with aws:RequestTag/purpose = test and ec2:CreateAction = CreateVolume. Without tags: allowed,
   * ec2:CreateTags not evaluated [EC2-TOC]. Tagged purpose=prod: refused, "the request fails if the user does not have
   * permissions to use the ec2:CreateTags action" [EC2-TOC]: ImplicitDeny on ec2:CreateTags, the call agrees; the
   * product must not report the refusal as unexplained by the case's policies.
   */
  @Test
  void createVolumeWithAForbiddenTagIsRefusedOnCreateTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "cv-notags-ok", "ec2:CreateVolume", "Allowed", "agrees", "CreateVolume on * [EX-VOL]");
    soft.assertThat(action(all("cv-notags-ok"), "ec2:CreateTags")).as("ec2:CreateTags is not evaluated without tags"
        + " [EC2-TOC]").isNull();
    expectCall(soft, "cv-purpose-ok", "ec2:CreateTags", "Allowed", "agrees",
        "tags purpose=test on create: ec2:CreateTags is authorized and allowed [EC2-TOC], [EX-VOL]");
    expectCall(soft, "cv-purpose-denied", "ec2:CreateTags", "ImplicitDeny", "agrees",
        "tags purpose=prod on create: ec2:CreateTags is authorized and no statement allows it [EC2-TOC], [EX-VOL]");
    soft.assertThat(findingsOf("outcome-not-explained-by-policies", "cv-purpose-denied")).as("the refusal is explained by"
        + " the missing ec2:CreateTags permission [EC2-TOC]").isEmpty();
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 5. resource tags without an EC2 inventory

  /**
   * Q19. volume-attacher has AWS's "Attach and detach volumes" policy [EX-VOL] (instance/* with ec2:ResourceTag/department
   * = dev, volume/* with ec2:ResourceTag/volume_user = ${aws:username}). The case holds no EC2 inventory, and CloudTrail
   * records carry no resource tags: an allowed and a refused AttachVolume are both undetermined, naming the resource
   * tag; never guessed either way.
   */
  @Test
  void attachVolumeOnResourceTagsIsUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("av-ok", "av-denied")) {
      List<JsonNode> lines = all(id);
      soft.assertThat(eventVerdict(id)).as("%s: the instance's and volume's tags are not in the case; the product said:%s", id,
          whyAll(lines)).isEqualTo("undetermined");
      soft.assertThat(lines).as("%s names an ec2:ResourceTag key:%s", id, whyAll(lines))
          .anySatisfy(l -> assertThat(ExplainedEvents.missing(l)).anyMatch(k -> k.startsWith("ec2:resourcetag/")));
    }
    soft.assertAll();
  }

  /**
   * Q20. volume-attacher-anyinstance: AttachVolume allowed on any instance/*, but on volume/* only when
   * ec2:ResourceTag/volume_user = ${aws:username}. "When an API action requires a caller to specify multiple resources,
   * you must create a policy statement that allows users to access all required resources" [EX-VOL]: the volume
   * (requestParameters.volumeId) is checked too, and its tag is not in the case. A refused AttachVolume is explained by
   * the volume statement if the volume is not the user's: undetermined on ec2:ResourceTag/volume_user, not "disagrees",
   * and no "outcome not explained by the case's policies" finding.
   */
  @Test
  void refusedAttachVolumeDependsOnTheVolumesTag() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("av2-denied");
    soft.assertThat(eventVerdict("av2-denied")).as("AttachVolume is authorized on the volume too [EX-VOL], whose tag the"
        + " case does not hold; the product said:%s", whyAll(lines)).isEqualTo("undetermined");
    soft.assertThat(lines).as("names ec2:ResourceTag/volume_user:%s", whyAll(lines))
        .anySatisfy(l -> assertThat(ExplainedEvents.missing(l)).contains("ec2:resourcetag/volume_user"));
    soft.assertThat(findingsOf("outcome-not-explained-by-policies", "av2-denied")).as("the volume statement may explain the"
        + " refusal [EX-VOL]; the product reported an unexplained outcome").isEmpty();
    soft.assertAll();
  }

  /**
   * Q21. The same user's successful AttachVolume: the volume statement decides it, and the volume's tag is not in the
   * case [EX-VOL]. Undetermined on ec2:ResourceTag/volume_user: not "Allowed, agrees" from the instance statement alone.
   */
  @Test
  void allowedAttachVolumeIsNotDecidedOnTheInstanceAlone() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("av2-ok");
    soft.assertThat(eventVerdict("av2-ok")).as("AttachVolume is authorized on the volume too [EX-VOL], whose tag the case does"
        + " not hold; the product said:%s", whyAll(lines)).isEqualTo("undetermined");
    soft.assertThat(lines).as("names ec2:ResourceTag/volume_user:%s", whyAll(lines))
        .anySatisfy(l -> assertThat(ExplainedEvents.missing(l)).contains("ec2:resourcetag/volume_user"));
    soft.assertAll();
  }

  /**
   * Q22. team-starter may start and stop instances whose ec2:ResourceTag/team = red. A started and a refused
   * StartInstances: the instance's tags are not in the case: both undetermined on ec2:ResourceTag/team [EX-INST] style.
   * instance-operator has AWS's "stop, start ... only particular instances" policy [EX-INST]: StartInstances of
   * i-1234567890abcdef0 (listed) is Allowed, agrees; of i-0ffffeeeeddddcccc (not listed) ImplicitDeny, agrees.
   */
  @Test
  void startInstancesByResourceTagIsUndeterminedAndByArnIsDecided() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("start-tag-ok", "start-tag-denied")) {
      List<JsonNode> lines = all(id);
      soft.assertThat(eventVerdict(id)).as("%s: the instance's tags are not in the case; the product said:%s", id, whyAll(lines))
          .isEqualTo("undetermined");
      soft.assertThat(ExplainedEvents.missing(lines.get(0))).as("%s:%s", id, whyAll(lines)).contains("ec2:resourcetag/team");
    }
    expectCall(soft, "start-listed-ok", "ec2:StartInstances", "Allowed", "agrees", "the instance's ARN is listed [EX-INST]");
    expectCall(soft, "start-other-denied", "ec2:StartInstances", "ImplicitDeny", "agrees",
        "the instance's ARN is not listed [EX-INST]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 6. dry runs and the encoded message

  /**
   * Q23. typed-launcher's dry run of a t3.micro launch: Client.DryRunOperation, "The user has the required permissions,
   * so the request would have succeeded" [EC2-ERR]. The record is an allowed request (recorded Allowed), and the policy
   * allows it on the logged type [EX-TYPES]: Allowed, agrees.
   */
  @Test
  void dryRunThatWouldHaveSucceededReplaysAsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("dryrun-t3");
    soft.assertThat(action(lines, "ec2:RunInstances").path("recorded").asText()).as("DryRunOperation means the request would"
        + " have succeeded [EC2-ERR]:%s", whyAll(lines)).isEqualTo("Allowed");
    expectCall(soft, "dryrun-t3", "ec2:RunInstances", "Allowed", "agrees",
        "DryRunOperation: the caller has the permission [EC2-ERR]; ec2:InstanceType t3.micro is allowed [EX-TYPES]");
    soft.assertAll();
  }

  /**
   * Q24. The dry run of a p3.2xlarge launch, refused with Client.UnauthorizedOperation ("Otherwise, it is
   * UnauthorizedOperation" [EC2-ERR]): recorded Denied; the policy refuses p3 [EX-TYPES]: ImplicitDeny, agrees.
   */
  @Test
  void dryRunRefusedReplaysAsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> lines = all("dryrun-p3");
    soft.assertThat(action(lines, "ec2:RunInstances").path("recorded").asText()).as(whyAll(lines)).isEqualTo("Denied");
    expectCall(soft, "dryrun-p3", "ec2:RunInstances", "ImplicitDeny", "agrees",
        "a p3.2xlarge instance is allowed by no statement [EX-TYPES]");
    soft.assertAll();
  }

  /**
   * Q25. eu-only (Allow ec2:* on *, AWS's ec2:Region deny [EX-REGION]) launched in us-east-1 and got
   * Client.UnauthorizedOperation with an "Encoded authorization failure message" [DECODE]. The encoded blob says
   * nothing readable; the replay must decide from the case: the Deny applies (ec2:Region us-east-1 is the record's
   * awsRegion): ExplicitDeny, agrees, and a refusal the case's policies explain raises no "outcome not explained"
   * finding.
   */
  @Test
  void encodedAuthorizationMessageIsReplayedFromTheCase() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectCall(soft, "run-region-denied", "ec2:RunInstances", "ExplicitDeny", "agrees",
        "the ec2:Region Deny applies in us-east-1 [EX-REGION]");
    soft.assertThat(findingsOf("outcome-not-explained-by-policies", "run-region-denied")).isEmpty();
    soft.assertAll();
  }
}
