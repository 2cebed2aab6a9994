package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of container calls: "who pulled or pushed this image, who ran this task with which role, and why was it
 * allowed?". Run end to end: the records and IAM data of {@code src/test/resources/fixtures/containers} (two accounts'
 * get-account-authorization-details, three ECR get-repository-policy outputs in a resource-policy manifest, and
 * hand-made CloudTrail records in the documented shapes) are imported with the CLI and read back with
 * {@code explain --event ID --json} (one object per action and resource of the call) and the call-level verdicts of
 * {@code events --filter verdict:…}.
 *
 * <p>Registry/cluster account 111122223333 (A): users pusher (ecr push actions on repository/web, GetAuthorizationToken
 * on "*"), token-narrow (GetAuthorizationToken only on repository/web), vpce-puller (pulls on repository/*), tag-puller
 * (BatchGetImage on repository/* only with ecr:ResourceTag/team = web), ecs-runner (ecs:RegisterTaskDefinition on "*"; ecs:RunTask/StartTask on
 * task-definition/web:* only with ArnEquals ecs:cluster = cluster/prod; iam:PassRole on WebTaskRole and WebExecRole only
 * with iam:PassedToService = ecs-tasks.amazonaws.com), ecs-exec (ecs:ExecuteCommand on cluster/prod and task/prod/* only
 * with ecs:container-name = app), eks-admin (eks:DescribeCluster on cluster/prod; eks:CreateAccessEntry on cluster/prod
 * only with eks:accessEntryType = STANDARD; eks:AssociateAccessPolicy on "*" only with eks:policyArn = AmazonEKSViewPolicy).
 * Roles WebTaskRole, WebExecRole, AdminTaskRole (trust ecs-tasks), DevRole. Puller account 444455556666 (B): PullRole
 * (pull actions and InitiateLayerUpload on A's repository/*), NoPermRole (nothing), OrgPuller (pulls on A's
 * repository/*). Repository policies: web grants B's root the three pull actions; internal denies ecr:* to everyone
 * unless aws:SourceVpce = vpce-1a2b3c4d; shared allows the pulls to "*" with aws:PrincipalOrgID = o-a1b2c3d4e5. The case
 * holds no organization data and no repository tags.
 *
 * <p>Pages (each test names the ones that fix its answer):
 *
 * <ul>
 *   <li>[ECR-POL] ECR User Guide, "Private repository policies in Amazon ECR": "Both Amazon ECR repository policies and
 *       IAM policies are used when determining which actions a specific user or role may perform on a repository. If a
 *       user or role is allowed to perform an action through a repository policy but is denied permission through an
 *       IAM policy (or vice versa) then the action will be denied." "By default, only the AWS account that created the
 *       repository has access to the repository." https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html
 *   <li>[ECR-EX] ECR User Guide, "Private repository policy examples": "Amazon ECR requires that users have permission to
 *       make calls to the ecr:GetAuthorizationToken API through an IAM policy before they can authenticate to a registry".
 *       https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html
 *   <li>[SAR-ECR] Service Authorization Reference, Amazon ECR: GetAuthorizationToken has no resource type ("If there is
 *       no value for this column, you must specify all resources ("*")"); PutImage, InitiateLayerUpload, BatchGetImage,
 *       GetDownloadUrlForLayer, BatchCheckLayerAvailability: repository*; ARN
 *       arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}; ecr:ResourceTag/${TagKey}.
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
 *   <li>[ECR-TAG] ECR User Guide, "Using Tag-Based Access Control": a pull denied "Condition": {"StringEquals":
 *       {"ecr:ResourceTag/environment": "prod"}}. https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-supported-iam-actions-tagging.html
 *   <li>[ECR-CT] ECR User Guide, "Logging Amazon ECR actions with AWS CloudTrail" (requestParameters registryId,
 *       repositoryName). https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html
 *   <li>[GCK] IAM User Guide, "AWS global condition context keys": aws:SourceVpce ("Use this key to compare the VPC
 *       endpoint identifier of the request with the endpoint ID that you specify in the policy"), aws:PrincipalOrgID
 *       ("Use this key to compare the identifier of the organization in AWS Organizations to which the requesting
 *       principal belongs"). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   <li>[EVAL-X] IAM User Guide, "Cross-account policy evaluation logic": "the principal in the trusting account must
 *       have permissions through an identity-based policy and the resource must grant access through a resource-based
 *       policy". https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *   <li>[SAR-ECS] Service Authorization Reference, Amazon ECS: RunTask and StartTask on task-definition* with condition
 *       key ecs:cluster ("Filters access by the ARN of an Amazon ECS cluster"); ExecuteCommand on cluster* and task* with
 *       ecs:cluster, ecs:container-name, ecs:task; ARNs task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber},
 *       cluster/${ClusterName}, task/${ClusterName}/${TaskId}.
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
 *   <li>[ECS-API] Amazon ECS API Reference, RunTask / StartTask: cluster "The short name or full Amazon Resource Name
 *       (ARN) of the cluster"; taskDefinition "The family and revision (family:revision) or full ARN of the task
 *       definition"; overrides.taskRoleArn / executionRoleArn (TaskOverride). ExecuteCommand: "If you use a condition key
 *       in your IAM policy to refine the conditions for the policy statement, for example limit the actions to a specific
 *       cluster, you receive an AccessDeniedException when there is a mismatch between the condition key value and the
 *       corresponding parameter value." https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html,
 *       https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html
 *   <li>[ECS-PASS] Amazon ECS Developer Guide, "Amazon ECS EventBridge IAM Role": iam:PassRole with
 *       "iam:PassedToService": "ecs-tasks.amazonaws.com" and "you must add iam:PassRole permissions for each task
 *       execution role, task role, or task role override".
 *       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html
 *   <li>[SAR-EKS] Service Authorization Reference, Amazon EKS: DescribeCluster and CreateAccessEntry on cluster*
 *       (arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}); CreateAccessEntry condition key
 *       eks:accessEntryType; AssociateAccessPolicy on access-entry* with eks:policyArn.
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelastickubernetesservice.html;
 *       EKS API Reference, AssociateAccessPolicy: URI "name — The name of your cluster", body policyArn.
 *       https://docs.aws.amazon.com/eks/latest/APIReference/API_AssociateAccessPolicy.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json, events); src/main is not changed. Tests that show a
 * wrong answer fail with a message saying what AWS documents and what the product said.
 */
class ContainersAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/containers");
  static final String A = "111122223333";
  static final String R = "us-east-1";
  static final String WEB = "arn:aws:ecr:us-east-1:111122223333:repository/web";
  static final String INTERNAL = "arn:aws:ecr:us-east-1:111122223333:repository/internal";
  static final String SHARED = "arn:aws:ecr:us-east-1:111122223333:repository/shared";
  static final String TD = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3";
  static final String PROD = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
  static final String TASK = "arn:aws:ecs:us-east-1:111122223333:task/prod/0123456789abcdef0123456789abcdef";
  static final String EKS_PROD = "arn:aws:eks:us-east-1:111122223333:cluster/prod";
  static final String TASK_ROLE = "arn:aws:iam::111122223333:role/WebTaskRole";
  static final String EXEC_ROLE = "arn:aws:iam::111122223333:role/WebExecRole";
  static final String ADMIN_TASK_ROLE = "arn:aws:iam::111122223333:role/AdminTaskRole";

  @TempDir static Path tmp;
  static Path caseDir;
  static Map<String, String> verdicts;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json", "iam-444455556666.json",
        "resource-policies.json");
    assertThat(r.out()).contains("3 resource policies").contains("22 added");
    verdicts = ExplainedEvents.eventVerdicts(caseDir);
  }

  static List<JsonNode> all(String eventId) throws Exception {
    return ExplainedEvents.all(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static String whyAll(List<JsonNode> l) {
    return ExplainedEvents.whyAll(l);
  }

  static String verdict(String eventId) {
    return verdicts.getOrDefault(eventId, "none");
  }

  /**
   * The event's evaluated action {@code action} on {@code resource}; checks its decision and the call-level verdict.
   */
  static void expectOn(SoftAssertions soft, String eventId, String action, String resource, String decision,
      String callVerdict, String aws) throws Exception {
    List<JsonNode> l = all(eventId);
    List<JsonNode> hit = l.stream().filter(e -> e.path("request").path("action").asText().equalsIgnoreCase(action)
        && (resource == null || resource.equals(e.path("request").path("resource").asText()))).toList();
    soft.assertThat(hit).as("%s: AWS documents %s; so %s is authorized on %s. The product replayed: %s", eventId, aws, action,
        resource, whyAll(l)).isNotEmpty();
    for (JsonNode e : hit) {
      soft.assertThat(e.path("decision").asText()).as("%s: %s on %s must be %s (%s); the product said: %s", eventId, action,
          resource, decision, aws, why(e)).isEqualTo(decision);
    }
    if (callVerdict != null) {
      soft.assertThat(verdict(eventId)).as("%s: the call's verdict must be %s (%s); the product said: %s", eventId, callVerdict,
          aws, whyAll(l)).isEqualTo(callVerdict);
    }
  }

  /** The call's verdict is undetermined and names {@code key} among the keys the log does not carry. */
  static void expectUndetermined(SoftAssertions soft, String eventId, String key, String aws) throws Exception {
    List<JsonNode> l = all(eventId);
    soft.assertThat(verdict(eventId)).as("%s: %s, and the case does not hold it, so the replay cannot decide; the product said: %s",
        eventId, aws, whyAll(l)).isEqualTo("undetermined");
    soft.assertThat(l.stream().flatMap(e -> ExplainedEvents.missing(e).stream()).toList()).as("%s: the decision depends on %s"
        + " (%s); the product said: %s", eventId, key, aws, whyAll(l)).contains(key.toLowerCase(java.util.Locale.ROOT));
  }

  // ------------------------------------------------------------------ ECR

  /**
   * Q1. Who pulled the image layer? PullRole (account B) calls GetDownloadUrlForLayer on A's repository web (registryId
   * A). Its identity policy allows the pull on A's repositories and the repository policy grants B's root the pull
   * actions: allowed [EVAL-X][ECR-POL], on arn:aws:ecr:us-east-1:A:repository/web [SAR-ECR][ECR-CT].
   */
  @Test
  void crossAccountLayerPullAllowedByBothPolicies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-xacct-layer-url", "ecr:GetDownloadUrlForLayer", WEB, "Allowed", "agrees",
        "cross-account access needs the identity policy and the repository policy [EVAL-X], both allow");
    soft.assertAll();
  }

  /**
   * Q2. Why was NoPermRole (account B) refused the image? The repository policy grants B's root the pulls, but the role
   * has no identity policy: cross-account, both are needed [EVAL-X], so implicit deny, on A's repository (registryId),
   * even in the caller's copy of the record (recipientAccountId B, no resources[]) [ECR-CT].
   */
  @Test
  void crossAccountPullWithoutIdentityPolicyIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-xacct-noperm-pull", "ecr:BatchGetImage", WEB, "ImplicitDeny", "agrees",
        "the repository policy alone does not grant another account's principal access; its identity policy must too [EVAL-X]");
    soft.assertAll();
  }

  /**
   * Q3. docker login: pusher's GetAuthorizationToken is allowed by its identity policy on "*" [ECR-EX][SAR-ECR]; the
   * action has no resource type, so it is authorized on "*".
   */
  @Test
  void getAuthorizationTokenOnStar() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-token-star", "ecr:GetAuthorizationToken", "*", "Allowed", "agrees",
        "GetAuthorizationToken supports no resource-level permission: Resource must be \"*\" [SAR-ECR]");
    soft.assertAll();
  }

  /**
   * Q4. token-narrow's GetAuthorizationToken was refused: its policy names repository/web, but the action is authorized
   * on "*" only [SAR-ECR], so no statement matches: implicit deny, as CloudTrail recorded.
   */
  @Test
  void getAuthorizationTokenGrantedOnARepositoryDoesNotMatch() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-token-narrow", "ecr:GetAuthorizationToken", "*", "ImplicitDeny", "agrees",
        "an action without resource types is authorized on \"*\"; a statement naming a repository ARN does not match [SAR-ECR]");
    soft.assertAll();
  }

  /**
   * Q5. Who pushed web:v2? pusher's PutImage names repositoryName only (no registryId: the caller's own registry
   * [ECR-CT]); allowed by its identity policy on repository/web [ECR-POL][SAR-ECR].
   */
  @Test
  void pushInOwnAccountAllowedByIdentityPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-push-putimage", "ecr:PutImage", WEB, "Allowed", "agrees",
        "same account: an allow in the identity policy is enough [ECR-POL]");
    soft.assertAll();
  }

  /**
   * Q6. PullRole (account B) tried to push (InitiateLayerUpload) into A's web: its identity policy allows it, but the
   * repository policy grants B only the pulls: implicit deny [EVAL-X][ECR-POL], as CloudTrail recorded.
   */
  @Test
  void crossAccountPushNotGrantedByRepositoryPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-xacct-push-denied", "ecr:InitiateLayerUpload", WEB, "ImplicitDeny", "agrees",
        "the repository policy grants the other account only pulls; cross-account needs both policies [EVAL-X]");
    soft.assertAll();
  }

  /**
   * Q7. Repository internal denies every ecr action unless aws:SourceVpce = vpce-1a2b3c4d. vpce-puller's pull through
   * that endpoint (vpcEndpointId in the record) is allowed; through vpce-0f0f0f0f it is explicitly denied [GCK].
   */
  @Test
  void repositoryPolicyRestrictedToAVpcEndpoint() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecr-vpce-allowed", "ecr:BatchGetImage", INTERNAL, "Allowed", "agrees",
        "aws:SourceVpce is the endpoint of the request (vpce-1a2b3c4d), so the Deny's StringNotEquals does not match [GCK]");
    expectOn(soft, "ecr-vpce-other", "ecr:BatchGetImage", INTERNAL, "ExplicitDeny", "agrees",
        "aws:SourceVpce = vpce-0f0f0f0f differs from vpce-1a2b3c4d, so the repository policy's Deny applies [GCK]");
    soft.assertAll();
  }

  /**
   * Q8. OrgPuller (account B) pulled from shared, whose policy allows "*" only with aws:PrincipalOrgID = o-a1b2c3d4e5.
   * The case holds no organization data, so which organization B belongs to is unknown: the decision depends on
   * aws:PrincipalOrgID and must be undetermined, not guessed [GCK].
   */
  @Test
  void principalOrgIdWithoutOrganizationDataIsUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectUndetermined(soft, "ecr-org-pull", "aws:PrincipalOrgID",
        "the repository policy allows only principals of organization o-a1b2c3d4e5 [GCK]");
    soft.assertAll();
  }

  /**
   * Q9. tag-puller pulled from web; its policy allows BatchGetImage only with ecr:ResourceTag/team = web [ECR-TAG]
   * [SAR-ECR]. The case holds no repository tags: the decision depends on ecr:ResourceTag/team and is undetermined.
   */
  @Test
  void resourceTagConditionWithoutTagsIsUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectUndetermined(soft, "ecr-tag-pull", "ecr:ResourceTag/team",
        "the identity policy allows the pull only on repositories tagged team=web [ECR-TAG]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ ECS

  /**
   * Q10. Who ran this task, with which roles? ecs-runner's RunTask (cluster "prod" by name, taskDefinition "web:3")
   * with overrides.taskRoleArn WebTaskRole and overrides.executionRoleArn WebExecRole: ecs:RunTask is authorized on
   * task-definition/web:3 with ecs:cluster = the cluster's ARN [SAR-ECS][ECS-API], and iam:PassRole on each override
   * role to ecs-tasks.amazonaws.com [ECS-PASS]. All allowed.
   */
  @Test
  void runTaskWithRoleOverridesByClusterName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String aws = "RunTask on task-definition* with ecs:cluster (the cluster's ARN) [SAR-ECS]; iam:PassRole for each task role"
        + " or execution role override [ECS-PASS]";
    expectOn(soft, "ecs-runtask-overrides", "ecs:RunTask", TD, "Allowed", "agrees", aws);
    // one line per action, on its least allowed resource: both roles allowed, the line says it checked both
    expectOn(soft, "ecs-runtask-overrides", "iam:PassRole", TASK_ROLE, "Allowed", null, aws);
    soft.assertThat(all("ecs-runtask-overrides").stream().filter(e -> e.path("request").path("action").asText().equals("iam:PassRole"))
        .map(e -> e.path("gaps").toString()).toList()).as("iam:PassRole checked on both override roles")
        .anySatisfy(g -> soft.assertThat(g).contains("each of the call's 2 resources"));
    soft.assertAll();
  }

  /**
   * Q11. ecs-runner tried to run web:3 with overrides.taskRoleArn = AdminTaskRole: it may pass only WebTaskRole and
   * WebExecRole, so iam:PassRole on AdminTaskRole is an implicit deny [ECS-PASS], as CloudTrail recorded.
   */
  @Test
  void runTaskOverridingTaskRoleWithoutPassRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecs-runtask-admin-override", "iam:PassRole", ADMIN_TASK_ROLE, "ImplicitDeny", "agrees",
        "\"you must add iam:PassRole permissions for each ... task role override\" [ECS-PASS]");
    soft.assertAll();
  }

  /**
   * Q11b. ecs-runner registered task definition web with taskRoleArn WebTaskRole and executionRoleArn AdminTaskRole:
   * iam:PassRole is checked on each role the request names [ECS-PASS]; it may pass WebTaskRole (to ecs-tasks) but not
   * AdminTaskRole: implicit deny on AdminTaskRole, as CloudTrail recorded.
   */
  @Test
  void registerTaskDefinitionWithAnExecutionRoleItMayNotPass() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String aws = "iam:PassRole for each task execution role and task role [ECS-PASS]";
    // (the product replays iam:PassRole only on the role that denies, AdminTaskRole, not on WebTaskRole too: the call's
    // decision does not depend on it, so that is not asserted here)
    expectOn(soft, "ecs-register-admin-exec", "iam:PassRole", ADMIN_TASK_ROLE, "ImplicitDeny", "agrees", aws);
    soft.assertAll();
  }

  /**
   * Q12. ecs-runner ran web:3 on cluster "dev": its RunTask statement requires ecs:cluster = cluster/prod, so implicit
   * deny [SAR-ECS][ECS-API], as CloudTrail recorded.
   */
  @Test
  void runTaskOnAnotherClusterDeniedByEcsCluster() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecs-runtask-other-cluster", "ecs:RunTask", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3",
        "ImplicitDeny", "agrees", "ecs:cluster is arn:…:cluster/dev, not cluster/prod [SAR-ECS]");
    soft.assertAll();
  }

  /**
   * Q13. StartTask naming the cluster and the task definition by full ARN: authorized on the task definition with
   * ecs:cluster = cluster/prod [SAR-ECS][ECS-API]: allowed.
   */
  @Test
  void startTaskByArns() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "ecs-starttask-arns", "ecs:StartTask", TD, "Allowed", "agrees",
        "StartTask on task-definition* with ecs:cluster [SAR-ECS]");
    soft.assertAll();
  }

  /**
   * Q14. Who opened a shell in the container? ecs-exec's ExecuteCommand on task …/prod/… in cluster prod, container
   * app: authorized on the cluster and the task, ecs:container-name = app [SAR-ECS]: allowed. Container db: the
   * condition does not match, AccessDeniedException [ECS-API]: implicit deny.
   */
  @Test
  void executeCommandOnClusterAndTaskWithContainerName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String aws = "ExecuteCommand on cluster* and task* with ecs:container-name [SAR-ECS]";
    // one line per action, on its least allowed resource: allowed on both, the line says it checked the cluster and the task
    expectOn(soft, "ecs-exec-app", "ecs:ExecuteCommand", null, "Allowed", "agrees", aws);
    soft.assertThat(all("ecs-exec-app").get(0).path("gaps").toString()).as("checked on the cluster and the task")
        .contains("each of the call's 2 resources");
    soft.assertThat(all("ecs-exec-app").get(0).path("request").path("resource").asText()).isIn(PROD, TASK);
    expectOn(soft, "ecs-exec-db", "ecs:ExecuteCommand", null, "ImplicitDeny", "agrees",
        aws + "; container db does not match ecs:container-name = app [ECS-API]");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ EKS

  /** Q15. DescribeCluster {name: prod}: authorized on arn:aws:eks:us-east-1:A:cluster/prod [SAR-EKS]: allowed. */
  @Test
  void describeClusterOnClusterArnFromName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectOn(soft, "eks-describe", "eks:DescribeCluster", EKS_PROD, "Allowed", "agrees",
        "DescribeCluster on cluster* (cluster/${ClusterName}) [SAR-EKS]");
    soft.assertAll();
  }

  /**
   * Q16. Who gave DevRole access to the cluster? eks-admin's CreateAccessEntry type STANDARD: authorized on the cluster
   * with eks:accessEntryType = STANDARD [SAR-EKS]: allowed; type EC2_LINUX: implicit deny.
   */
  @Test
  void createAccessEntryByAccessEntryType() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String aws = "CreateAccessEntry on cluster* with eks:accessEntryType [SAR-EKS]";
    expectOn(soft, "eks-entry-standard", "eks:CreateAccessEntry", EKS_PROD, "Allowed", "agrees", aws);
    expectOn(soft, "eks-entry-ec2", "eks:CreateAccessEntry", EKS_PROD, "ImplicitDeny", "agrees",
        aws + "; EC2_LINUX is not STANDARD");
    soft.assertAll();
  }

  /**
   * Q17. Who made DevRole a cluster admin? eks-admin may AssociateAccessPolicy (Resource "*") only with eks:policyArn =
   * AmazonEKSViewPolicy [SAR-EKS]: the view policy is allowed, AmazonEKSClusterAdminPolicy is an implicit deny, as
   * CloudTrail recorded. The statement's Resource is "*", so the access entry's ARN (which carries a UUID the request
   * does not) is not needed for the decision.
   */
  @Test
  void associateAccessPolicyByPolicyArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String aws = "AssociateAccessPolicy with eks:policyArn = the request's policyArn [SAR-EKS]";
    expectOn(soft, "eks-assoc-view", "eks:AssociateAccessPolicy", null, "Allowed", "agrees", aws);
    expectOn(soft, "eks-assoc-admin", "eks:AssociateAccessPolicy", null, "ImplicitDeny", "agrees",
        aws + "; AmazonEKSClusterAdminPolicy is not AmazonEKSViewPolicy");
    soft.assertAll();
  }
}
