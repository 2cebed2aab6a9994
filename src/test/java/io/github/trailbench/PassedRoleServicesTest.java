package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles passed to AWS Glue, CloudFormation, CodeBuild, SageMaker and ECS: does {@code explain} ask iam:PassRole on the
 * role the request names, with {@code iam:PassedToService} the service that assumes it, and does
 * {@code privilege-escalation-passed-role} report a principal that is not admin-equivalent handing such a service an
 * admin-equivalent role (a refused call as an attempt), with the later use of what it made?
 *
 * <p>Fixtures: {@code src/test/resources/fixtures/passroleservices}, account 444455556666. Users: dev-glue (glue:*,
 * codebuild:CreateProject, iam:PassRole on * only to glue.amazonaws.com), dev-cfn (cloudformation:*, iam:PassRole on
 * AdminStackRole to cloudformation.amazonaws.com), dev-build (codebuild:*, iam:PassRole on AdminBuildRole to
 * codebuild.amazonaws.com), dev-sm (sagemaker:*, iam:PassRole on * to sagemaker.amazonaws.com), dev-ecs (ecs:*,
 * iam:PassRole on * to ecs-tasks.amazonaws.com), intern (glue:*, iam:PassRole on *, Deny iam:PassRole on role/Admin*),
 * ops-admin (AdministratorAccess). Roles: AdminGlueRole, AdminStackRole, AdminBuildRole, AdminSageMakerRole,
 * AdminTaskRole (AdministratorAccess each, trusting their service), GlueEtlRole, PathedGlueRole (path /service-role/),
 * TaskExecRole (narrow).
 *
 * <p>Pages (request parameter names from each API reference; CloudTrail logs them in lower camel case):
 *
 * <ul>
 *   <li>[PASSROLE] IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "A user can pass a role
 *       ARN as a parameter in any API operation that uses the role to assign permissions to the service. The service
 *       then checks whether that user has the iam:PassRole permission."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 *   <li>[CK-IAM] IAM User Guide, "IAM and AWS STS condition context keys", iam:PassedToService: "Specifies the service
 *       principal of the service to which a role can be passed."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
 *   <li>[GLUE-JOB] Glue API, Job / UpdateJob's JobUpdate, Role: "The name or Amazon Resource Name (ARN) of the IAM role
 *       associated with this job." https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-job.html;
 *       UpdateJob's request is {@code JobName} and {@code JobUpdate} ("Specifies the values with which to update the
 *       job definition"): https://docs.rs/crate/aws-sdk-glue/latest/source/src/operation/update_job/_update_job_input.rs
 *   <li>[GLUE-SESSION] Glue CreateSession, Role: "The IAM Role ARN"; Session.Role: "The name or Amazon Resource Name
 *       (ARN) of the IAM role associated with the Session."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/glue/aws.sdk.kotlin.services.glue.model/-create-session-request/role.html
 *       ; CreateDevEndpoint, RoleArn: "The IAM role for the DevEndpoint."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/glue/aws.sdk.kotlin.services.glue.model/-create-dev-endpoint-request/role-arn.html
 *   <li>[GLUE-ROLE] AWS Glue Developer Guide, "Step 3: Attach a policy to IAM users that access AWS Glue": "AWS Glue
 *       needs permission to assume a role that is used to perform work on your behalf. To accomplish this, you add the
 *       iam:PassRole permissions to your AWS Glue users", with "iam:PassedToService": ["glue.amazonaws.com"].
 *       https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html (CreateCrawler's Role: a role name or
 *       ARN; the crawler's role is passed as the job's)
 *   <li>[CFN-ROLE] CloudFormation User Guide, "CloudFormation service role": "If you specify a service role,
 *       CloudFormation uses that role's credentials." "Before you specify a service role, ensure that you have
 *       permission to pass it (iam:PassRole)." https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 *       ; CreateChangeSet, RoleARN: "The Amazon Resource Name (ARN) of an IAM role that CloudFormation assumes when
 *       executing the change set. CloudFormation uses the role's credentials to make calls on your behalf."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudformation/aws.sdk.kotlin.services.cloudformation.model/-create-change-set-request/role-arn.html
 *   <li>[CODEBUILD-ROLE] CodeBuild User Guide, "Allow CodeBuild to interact with other AWS services": "CodeBuild uses the
 *       service role for all operations that are performed on your behalf. If the role includes permissions that the
 *       user shouldn't have, you can unintentionally escalate a user's permissions."
 *       https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html ; Project.serviceRole: "The
 *       ARN of the IAM role that enables CodeBuild to interact with dependent Amazon Web Services services";
 *       StartBuild.serviceRoleOverride: "The name of a service role for this build that overrides the one specified in
 *       the build project."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/codebuild/aws.sdk.kotlin.services.codebuild.model/-start-build-request/service-role-override.html
 *   <li>[SM-ROLE] SageMaker CreateNotebookInstance, RoleArn: "When you send any requests to Amazon Web Services resources
 *       from the notebook instance, SageMaker AI assumes this role… To be able to pass this role to SageMaker AI, the
 *       caller of this API must have the iam:PassRole permission."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-notebook-instance-request/role-arn.html
 *       ; CreateTrainingJob, RoleArn: same sentence.
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-training-job-request/-builder/role-arn.html
 *       ; UserSettings: "These settings are specified when the CreateUserProfile API is called, and as
 *       DefaultUserSettings when the CreateDomain API is called"; ExecutionRole: "The execution role for the user."
 *       https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html
 *   <li>[ECS-TASKROLE] Amazon ECS Developer Guide, "Amazon ECS EventBridge IAM Role": iam:PassRole with
 *       "iam:PassedToService": "ecs-tasks.amazonaws.com"; "you must add iam:PassRole permissions for each task execution
 *       role, task role, or task role override." https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html
 *   <li>[ECS-EXEC] Amazon ECS, "Amazon ECS task execution IAM role": "These permissions are made available to the agent
 *       … but they aren't directly accessible by the containers in the task." Best practices: the task role "allows your
 *       application code (on the container) to use other AWS services."
 *       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html,
 *       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
 *   <li>[ATTEMPTS] docs/detections.md, "Denied attempts": a refused call is an attempt, its severity lowered two levels.
 * </ul>
 */
class PassedRoleServicesTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/passroleservices");
  static final String RULE = "privilege-escalation-passed-role";
  static final String ROLE = "arn:aws:iam::444455556666:role/";
  static final String ADMIN_GLUE = ROLE + "AdminGlueRole";
  static final String ADMIN_STACK = ROLE + "AdminStackRole";
  static final String ADMIN_BUILD = ROLE + "AdminBuildRole";
  static final String ADMIN_SM = ROLE + "AdminSageMakerRole";
  static final String ADMIN_TASK = ROLE + "AdminTaskRole";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static Map<String, String> verdicts;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    assertThat(ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-444455556666.json").out()).contains("27 added");
    findings = ExplainedEvents.findings(caseDir);
    verdicts = ExplainedEvents.eventVerdicts(caseDir);
  }

  /** The event's iam:PassRole objects: one per role passed, each checked on its role, service and decision. */
  static void expectPassRole(SoftAssertions soft, String eventId, String service, String decision, String... roles)
      throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, eventId);
    List<JsonNode> pass = all.stream().filter(e -> e.path("request").path("action").asText().equals("iam:PassRole")).toList();
    soft.assertThat(pass.stream().map(e -> e.path("request").path("resource").asText()).toList())
        .as("%s: iam:PassRole on each role the request names [PASSROLE]; the product said:%s", eventId, ExplainedEvents.whyAll(all))
        .containsExactlyInAnyOrder(roles);
    for (JsonNode p : pass) {
      soft.assertThat(ExplainedEvents.contextValues(p, "iam:PassedToService")).as("%s: the service that assumes the role [CK-IAM]: %s",
          eventId, ExplainedEvents.why(p)).containsExactly(service);
      soft.assertThat(p.path("decision").asText()).as("%s: %s", eventId, ExplainedEvents.why(p)).isEqualTo(decision);
      soft.assertThat(p.path("verdict").asText()).as("%s: %s", eventId, ExplainedEvents.why(p)).isEqualTo("agrees");
    }
    soft.assertThat(verdicts.get(eventId)).as("%s: the call's verdict:%s", eventId, ExplainedEvents.whyAll(all)).isEqualTo("agrees");
  }

  static List<JsonNode> passedRoleFindingsOf(String eventId) {
    return ExplainedEvents.holding(findings, eventId, Set.of()).stream().filter(f -> f.path("rule").asText().equals(RULE)).toList();
  }

  static JsonNode findingFor(String roleArn, String caller) {
    List<JsonNode> of = findings.stream().filter(f -> f.path("rule").asText().equals(RULE)
        && f.path("summary").asText().contains(roleArn) && f.path("summary").asText().contains("user/" + caller + " ")).toList();
    assertThat(of).as("one %s finding for %s passing %s; findings: %s", RULE, caller, roleArn, findings).hasSize(1);
    return of.get(0);
  }

  static List<String> eventIds(JsonNode f) {
    List<String> ids = new ArrayList<>();
    f.path("eventIds").forEach(i -> ids.add(i.asText()));
    return ids;
  }

  // ------------------------------------------------------------------ explain: AWS Glue

  /** Q1. CreateJob names its Role by name: the account's AdminGlueRole, passed to glue.amazonaws.com. [GLUE-JOB] [GLUE-ROLE] */
  @Test
  void glueJobRoleGivenByNameIsTheAccountsRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "glue-createjob", "glue.amazonaws.com", "Allowed", ADMIN_GLUE);
    soft.assertAll();
  }

  /** Q2. UpdateJob (jobUpdate.role), CreateDevEndpoint (roleArn) and CreateSession (role) pass their role. [GLUE-JOB] [GLUE-SESSION] */
  @Test
  void glueUpdateJobDevEndpointAndSessionPassTheirRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("glue-updatejob", "glue-devendpoint", "glue-session")) {
      expectPassRole(soft, id, "glue.amazonaws.com", "Allowed", ADMIN_GLUE);
    }
    soft.assertAll();
  }

  /** Q3. A crawler's role named "PathedGlueRole": the IAM data holds it under /service-role/, so that is its ARN. [GLUE-ROLE] */
  @Test
  void aRoleByNameTakesItsPathFromTheIamData() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "glue-crawler-pathed", "glue.amazonaws.com", "Allowed", ROLE + "service-role/PathedGlueRole");
    soft.assertAll();
  }

  /**
   * Q4. A role named "GhostRole" that the IAM data does not hold: checked on role/GhostRole, and the explanation says its
   * path is not known (a role with a path has another ARN).
   */
  @Test
  void aRoleByNameTheCaseDoesNotHoldSaysItsPathIsAssumed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "glue-crawler-unknown", "glue.amazonaws.com", "Allowed", ROLE + "GhostRole");
    JsonNode pass = ExplainedEvents.all(caseDir, "glue-crawler-unknown").stream()
        .filter(e -> e.path("request").path("action").asText().equals("iam:PassRole")).findFirst().orElseThrow();
    soft.assertThat(pass.path("gaps").toString()).as(ExplainedEvents.why(pass)).contains("without its path");
    soft.assertAll();
  }

  /**
   * Q5. dev-glue may pass roles only to glue.amazonaws.com; its CodeBuild CreateProject with serviceRole GlueEtlRole was
   * refused. iam:PassedToService is codebuild.amazonaws.com, so no statement allows it: ImplicitDeny, agrees. [CK-IAM]
   */
  @Test
  void passedToServiceIsTheServiceTheCallGivesTheRoleTo() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "glue-codebuild-wrongservice", "codebuild.amazonaws.com", "ImplicitDeny", ROLE + "GlueEtlRole");
    soft.assertAll();
  }

  /** Q6. intern's Allow iam:PassRole on * meets a Deny on role/Admin*: its CreateJob with AdminGlueRole is ExplicitDeny. */
  @Test
  void aDenyOnPassRoleDecidesTheCall() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "intern-createjob", "glue.amazonaws.com", "ExplicitDeny", ADMIN_GLUE);
    soft.assertAll();
  }

  // ------------------------------------------------------------------ explain: CloudFormation, CodeBuild, SageMaker, ECS

  /** Q7. CreateStack and CreateChangeSet with roleARN pass AdminStackRole to cloudformation.amazonaws.com. [CFN-ROLE] */
  @Test
  void cloudFormationStackAndChangeSetPassTheirServiceRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "cfn-createstack", "cloudformation.amazonaws.com", "Allowed", ADMIN_STACK);
    expectPassRole(soft, "cfn-changeset", "cloudformation.amazonaws.com", "Allowed", ADMIN_STACK);
    soft.assertAll();
  }

  /**
   * Q8. CreateProject (serviceRole) and StartBuild with serviceRoleOverride pass AdminBuildRole to codebuild.amazonaws.com;
   * a StartBuild without an override passes nothing. [CODEBUILD-ROLE]
   */
  @Test
  void codeBuildProjectAndBuildOverridePassTheirRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "build-create", "codebuild.amazonaws.com", "Allowed", ADMIN_BUILD);
    expectPassRole(soft, "build-override", "codebuild.amazonaws.com", "Allowed", ADMIN_BUILD);
    expectPassRole(soft, "build-start", "codebuild.amazonaws.com", "Allowed");
    soft.assertAll();
  }

  /**
   * Q9. CreateNotebookInstance, CreateTrainingJob, CreateProcessingJob (roleArn), CreateDomain
   * (defaultUserSettings.executionRole) and CreateUserProfile (userSettings.executionRole) pass AdminSageMakerRole to
   * sagemaker.amazonaws.com. [SM-ROLE]
   */
  @Test
  void sageMakerCallsPassTheirRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("sm-notebook", "sm-training", "sm-processing", "sm-domain", "sm-userprofile")) {
      expectPassRole(soft, id, "sagemaker.amazonaws.com", "Allowed", ADMIN_SM);
    }
    soft.assertAll();
  }

  /**
   * Q10. RegisterTaskDefinition passes its task role and its execution role (both checked); RunTask passes overrides.taskRoleArn, and a
   * RunTask without overrides passes nothing; each to ecs-tasks.amazonaws.com. [ECS-TASKROLE]
   */
  @Test
  void ecsTaskRolesAreEachPassed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    // both roles are checked; the explanation shows the least allowed (here the first) and says there are two
    expectPassRole(soft, "ecs-register", "ecs-tasks.amazonaws.com", "Allowed", ADMIN_TASK);
    JsonNode register = ExplainedEvents.all(caseDir, "ecs-register").stream()
        .filter(e -> e.path("request").path("action").asText().equals("iam:PassRole")).findFirst().orElseThrow();
    soft.assertThat(register.path("gaps").toString()).as(ExplainedEvents.why(register))
        .contains("iam:PassRole is authorized on each of the call's 2 resources");
    expectPassRole(soft, "ecs-runtask-override", "ecs-tasks.amazonaws.com", "Allowed", ADMIN_TASK);
    expectPassRole(soft, "ecs-runtask", "ecs-tasks.amazonaws.com", "Allowed");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ findings

  /**
   * Q11. Each non-admin developer handed its service an admin-equivalent role: one high finding per principal and role,
   * naming the role and the service, with the later uses (StartJobRun of the job, ExecuteChangeSet of the change set,
   * StartBuild of the project, the notebook's presigned URL, RunTask of the task definition) among its calls.
   */
  @Test
  void eachServiceGivenAnAdminRoleIsAnEscalation() {
    SoftAssertions soft = new SoftAssertions();
    record Expected(String caller, String role, String service, List<String> events) {}
    List<Expected> expected = List.of(
        new Expected("dev-glue", ADMIN_GLUE, "glue.amazonaws.com",
            List.of("glue-createjob", "glue-updatejob", "glue-startjobrun", "glue-devendpoint", "glue-session")),
        new Expected("dev-cfn", ADMIN_STACK, "cloudformation.amazonaws.com", List.of("cfn-createstack", "cfn-changeset", "cfn-execute")),
        new Expected("dev-build", ADMIN_BUILD, "codebuild.amazonaws.com", List.of("build-create", "build-start", "build-override")),
        new Expected("dev-sm", ADMIN_SM, "sagemaker.amazonaws.com",
            List.of("sm-notebook", "sm-presigned", "sm-training", "sm-processing", "sm-domain", "sm-userprofile")),
        new Expected("dev-ecs", ADMIN_TASK, "ecs-tasks.amazonaws.com", List.of("ecs-register", "ecs-runtask", "ecs-runtask-override")));
    for (Expected x : expected) {
      JsonNode f = findingFor(x.role(), x.caller());
      soft.assertThat(f.path("severity").asText()).as(f.toString()).isEqualTo("high");
      soft.assertThat(f.path("title").asText()).as(f.toString())
          .isEqualTo("Privilege escalation through a passed role: " + x.role().substring(x.role().lastIndexOf('/') + 1));
      soft.assertThat(f.path("summary").asText()).as(f.toString()).contains(x.service());
      soft.assertThat(eventIds(f)).as(f.toString()).containsExactlyInAnyOrderElementsOf(x.events());
    }
    soft.assertAll();
  }

  /**
   * Q12. intern's refused CreateJob with AdminGlueRole is an attempt: shown, lowered from high to low, its title the call
   * and why it failed, its summary naming the role and the service. [ATTEMPTS]
   */
  @Test
  void aRefusedPassIsAnAttempt() {
    JsonNode f = findingFor(ADMIN_GLUE, "intern");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(f.toString()).isEqualTo("low");
    soft.assertThat(f.path("title").asText()).as(f.toString()).startsWith("CreateJob attempted \u2014 denied by intern-inline");
    soft.assertThat(f.path("summary").asText()).as(f.toString()).startsWith("Attempted only: ").contains("AdminGlueRole")
        .contains("glue.amazonaws.com");
    soft.assertThat(eventIds(f)).containsExactly("intern-createjob");
    soft.assertAll();
  }

  /**
   * Q13. No escalation: an admin-equivalent caller (ops-admin's CreateStack), roles that are not admin-equivalent
   * (GlueEtlRole, PathedGlueRole), and an admin role given only as an ECS task's execution role, which the containers
   * cannot use. [ECS-EXEC]
   */
  @Test
  void noEscalationWithoutANewAdminRoleForCodeTheCallerControls() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("admin-createstack", "intern-createjob-etl", "glue-crawler-pathed", "glue-codebuild-wrongservice",
        "ecs-register-exec-only")) {
      soft.assertThat(passedRoleFindingsOf(id)).as("%s raises no %s", id, RULE).isEmpty();
    }
    soft.assertAll();
  }

  /** Q14. The case's policies explain every recorded outcome. */
  @Test
  void everyCallAgreesWithCloudTrail() {
    assertThat(verdicts).hasSize(27);
    assertThat(verdicts.entrySet().stream().filter(v -> !v.getValue().equals("agrees")).toList()).isEmpty();
  }
}
