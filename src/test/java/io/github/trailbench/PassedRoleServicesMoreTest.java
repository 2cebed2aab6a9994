package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
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
 * Roles passed to Step Functions, more of SageMaker, EKS, CodePipeline, AWS Batch, EventBridge (rule targets and
 * Scheduler), EMR and Bedrock agents: does {@code explain} ask iam:PassRole on the role the request names, with
 * {@code iam:PassedToService} the service called, and does {@code privilege-escalation-passed-role} report a principal
 * that is not admin-equivalent handing such a service an admin-equivalent role (a refused call as an attempt), with the
 * later use of what it made?
 *
 * <p>Fixtures: {@code src/test/resources/fixtures/passroleservices2}, account 555566667777. Users, each with its service's
 * actions and iam:PassRole on * only to its service principal: dev-sfn (states), dev-sm (sagemaker), dev-eks (eks),
 * dev-pipe (codepipeline), dev-batch (batch), dev-events (events:* and scheduler:*, iam:PassRole only to
 * events.amazonaws.com), dev-sched (scheduler), dev-emr (elasticmapreduce), dev-bedrock (bedrock); intern (states:*,
 * sagemaker:*, iam:PassRole on *, Deny iam:PassRole on role/Admin*); ops-admin (AdministratorAccess). Roles named
 * Admin* carry AdministratorAccess; SageMakerNarrowRole, BatchExecRole, EventsNarrowRole read one bucket. AdminEmrEc2Role
 * is in the instance profile AdminEmrEc2Profile.
 *
 * <p>Pages (request parameter names from each API reference; CloudTrail logs them in lower camel case, and the product
 * also reads the API's upper-case spelling):
 *
 * <ul>
 *   <li>[PASSROLE] IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "A user can pass a role
 *       ARN as a parameter in any API operation that uses the role to assign permissions to the service."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 *   <li>[SFN] Step Functions CreateStateMachine, roleArn: "The Amazon Resource Name (ARN) of the IAM role to use for this
 *       state machine."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sfn/aws.sdk.kotlin.services.sfn.model/-create-state-machine-request/role-arn.html
 *       (UpdateStateMachine takes the same roleArn, optional).
 *   <li>[SM-MODEL] SageMaker CreateModel, executionRoleArn: "The Amazon Resource Name (ARN) of the IAM role that SageMaker
 *       can assume to access model artifacts and docker image for deployment … To be able to pass this role to SageMaker,
 *       the caller of this API must have the iam:PassRole permission."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-model-request/execution-role-arn.html
 *   <li>[SM-TUNING] SageMaker HyperParameterTrainingJobDefinition, RoleArn: "The Amazon Resource Name (ARN) of the IAM
 *       role associated with the training jobs that the tuning job launches." (CreateHyperParameterTuningJob takes one
 *       TrainingJobDefinition or a list, TrainingJobDefinitions.)
 *       https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobDefinition.html
 *   <li>[SM-AUTOML] CreateAutoMLJob / CreateAutoMLJobV2, roleArn: "The ARN of the role that is used to access the data."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-auto-ml-job-v2-request/role-arn.html
 *   <li>[SM-PIPELINE] SageMaker CreatePipeline, roleArn: "The Amazon Resource Name (ARN) of the role used by the pipeline
 *       to access and create resources."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-pipeline-request/role-arn.html
 *   <li>[SM-NEO] CreateCompilationJob, RoleArn: "The Amazon Resource Name (ARN) of an IAM role that enables Amazon
 *       SageMaker AI to perform tasks on your behalf … To pass this role to Amazon SageMaker AI, the caller of this API
 *       must have the iam:PassRole permission." https://rdrr.io/cran/paws.machine.learning/man/sagemaker_create_compilation_job.html
 *   <li>[SM-LABEL] CreateLabelingJob, roleArn: "The Amazon Resource Number (ARN) that Amazon SageMaker assumes to perform
 *       tasks on your behalf during data labeling."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-create-labeling-job-request/role-arn.html
 *   <li>[EKS] CreateCluster, roleArn: "The Amazon Resource Name (ARN) of the IAM role that provides permissions for the
 *       Kubernetes control plane to make calls to Amazon Web Services API operations on your behalf."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/eks/aws.sdk.kotlin.services.eks.model/-create-cluster-request/role-arn.html
 *       ; CreateNodegroup, nodeRole: "The Amazon Resource Name (ARN) of the IAM role to associate with your node group.
 *       … Nodes receive permissions for these API calls through an IAM instance profile"
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/eks/aws.sdk.kotlin.services.eks.model/-create-nodegroup-request/node-role.html
 *   <li>[PIPELINE] CodePipeline PipelineDeclaration, roleArn: "The Amazon Resource Name (ARN) for CodePipeline to use to
 *       either perform actions with no actionRoleArn, or to use to assume roles for actions with an actionRoleArn."
 *       https://docs.aws.amazon.com/goto/SdkForJava/codepipeline-2015-07-09/PipelineDeclaration (CreatePipeline and
 *       UpdatePipeline take it as {@code pipeline}).
 *   <li>[BATCH-CE] Batch CreateComputeEnvironment, serviceRole: "The full Amazon Resource Name (ARN) of the IAM role that
 *       allows Batch to make calls to other Amazon Web Services services on your behalf. … If your specified role has a
 *       path other than /, then you must specify either the full role ARN (recommended) or prefix the role name with the
 *       path."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/batch/aws.sdk.kotlin.services.batch.model/-create-compute-environment-request/service-role.html
 *   <li>[BATCH-JOB] Batch ContainerProperties, jobRoleArn: "The Amazon Resource Name (ARN) of the IAM role that the
 *       container can assume for Amazon Web Services permissions."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/batch/aws.sdk.kotlin.services.batch.model/-container-properties/job-role-arn.html
 *       ; executionRoleArn: "The Amazon Resource Name (ARN) of the execution role that Batch can assume."
 *       https://hackage.haskell.org/package/amazonka-batch-2.0/docs/Amazonka-Batch-Types-ContainerProperties.html
 *   <li>[EB-TARGET] EventBridge Target, RoleArn: "The Amazon Resource Name (ARN) of the IAM role to be used for this
 *       target when the rule is triggered. If one rule triggers multiple targets, you can use a different IAM role for
 *       each target." https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 *   <li>[SCHEDULER] EventBridge Scheduler Target, RoleArn: "The Amazon Resource Name (ARN) of the IAM role that EventBridge
 *       Scheduler will use for this target when the schedule is invoked." Required.
 *       https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html
 *   <li>[EMR] EMR RunJobFlow, jobFlowRole: "Also called instance profile and Amazon EC2 role. An IAM role for an Amazon EMR
 *       cluster. The Amazon EC2 instances of the cluster assume this role."
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/emr/aws.sdk.kotlin.services.emr.model/-run-job-flow-request/job-flow-role.html
 *       ; ServiceRole: "The IAM role that will be assumed by the Amazon EMR service to access AWS resources on your
 *       behalf." https://pub.dev/documentation/aws_emr_api/latest/elasticmapreduce-2009-03-31/Cluster/serviceRole.html
 *   <li>[BEDROCK] Bedrock Agent, agentResourceRoleArn: "The Amazon Resource Name (ARN) of the IAM role with permissions to
 *       invoke API operations on the agent." https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_Agent.html
 *       ; CreateAgentRequest has the same property:
 *       https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/bedrockagent/aws.sdk.kotlin.services.bedrockagent.model/-create-agent-request
 *   <li>[ECS-EXEC] Amazon ECS, "Amazon ECS task execution IAM role": its permissions are "made available to the agent …
 *       but they aren't directly accessible by the containers in the task." (Batch's container jobs run as ECS tasks.)
 *       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 *   <li>[ATTEMPTS] docs/detections.md, "Denied attempts": a refused call is an attempt, its severity lowered two levels.
 * </ul>
 */
class PassedRoleServicesMoreTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/passroleservices2");
  static final String RULE = "privilege-escalation-passed-role";
  static final String ROLE = "arn:aws:iam::555566667777:role/";
  static final String ADMIN_SFN = ROLE + "AdminSfnRole";
  static final String ADMIN_SM = ROLE + "AdminSageMakerRole";
  static final String NARROW_SM = ROLE + "SageMakerNarrowRole";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static Map<String, String> verdicts;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    assertThat(ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-555566667777.json").out()).contains("31 added");
    findings = ExplainedEvents.findings(caseDir);
    verdicts = ExplainedEvents.eventVerdicts(caseDir);
  }

  static JsonNode passRoleOf(String eventId) throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, eventId);
    List<JsonNode> pass = all.stream().filter(e -> e.path("request").path("action").asText().equals("iam:PassRole")).toList();
    assertThat(pass).as("%s: one iam:PassRole [PASSROLE]; the product said:%s", eventId, ExplainedEvents.whyAll(all)).hasSize(1);
    return pass.get(0);
  }

  /**
   * The event's iam:PassRole: on {@code role} (the one shown when several are checked), {@code iam:PassedToService} the
   * service, the decision, and the replay agreeing with CloudTrail for the action and the call.
   */
  static JsonNode expectPassRole(SoftAssertions soft, String eventId, String service, String decision, String role)
      throws Exception {
    JsonNode p = passRoleOf(eventId);
    soft.assertThat(p.path("request").path("resource").asText()).as(ExplainedEvents.why(p)).isEqualTo(role);
    soft.assertThat(ExplainedEvents.contextValues(p, "iam:PassedToService")).as(ExplainedEvents.why(p)).containsExactly(service);
    soft.assertThat(p.path("decision").asText()).as(ExplainedEvents.why(p)).isEqualTo(decision);
    soft.assertThat(p.path("verdict").asText()).as(ExplainedEvents.why(p)).isEqualTo("agrees");
    soft.assertThat(verdicts.get(eventId)).as("%s: the call's verdict", eventId).isEqualTo("agrees");
    return p;
  }

  static JsonNode findingFor(String roleArn, String caller) {
    List<JsonNode> of = findings.stream().filter(f -> f.path("rule").asText().equals(RULE)
        && f.path("summary").asText().contains(roleArn + ",") && f.path("summary").asText().contains("user/" + caller + " ")).toList();
    assertThat(of).as("one %s finding for %s passing %s; findings: %s", RULE, caller, roleArn, findings).hasSize(1);
    return of.get(0);
  }

  static List<String> eventIds(JsonNode f) {
    List<String> ids = new ArrayList<>();
    f.path("eventIds").forEach(i -> ids.add(i.asText()));
    return ids;
  }

  // ------------------------------------------------------------------ explain

  /** Q1. CreateStateMachine and UpdateStateMachine pass their roleArn to states.amazonaws.com. [SFN] */
  @Test
  void stepFunctionsStateMachinePassesItsRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "sfn-create", "states.amazonaws.com", "Allowed", ADMIN_SFN);
    expectPassRole(soft, "sfn-update", "states.amazonaws.com", "Allowed", ADMIN_SFN);
    soft.assertAll();
  }

  /**
   * Q2. SageMaker CreateModel (executionRoleArn), CreateHyperParameterTuningJob (trainingJobDefinition.roleArn),
   * CreateAutoMLJob / V2, CreatePipeline, CreateCompilationJob, CreateLabelingJob (roleArn).
   * [SM-MODEL] [SM-TUNING] [SM-AUTOML] [SM-PIPELINE] [SM-NEO] [SM-LABEL]
   */
  @Test
  void sageMakerModelsJobsAndPipelinesPassTheirRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("sm-model", "sm-tuning", "sm-automl", "sm-automlv2", "sm-pipeline", "sm-compile", "sm-labeling")) {
      expectPassRole(soft, id, "sagemaker.amazonaws.com", "Allowed", ADMIN_SM);
    }
    soft.assertAll();
  }

  /** Q3. A tuning job's list of training job definitions: each definition's role is passed, both checked. [SM-TUNING] */
  @Test
  void eachObjectOfAnArrayIsRead() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode p = expectPassRole(soft, "sm-tuning-multi", "sagemaker.amazonaws.com", "Allowed", NARROW_SM);
    soft.assertThat(p.path("gaps").toString()).as(ExplainedEvents.why(p))
        .contains("iam:PassRole is authorized on each of the call's 2 resources");
    soft.assertAll();
  }

  /** Q4. EKS CreateCluster (roleArn) and CreateNodegroup (nodeRole), passed to eks.amazonaws.com. [EKS] */
  @Test
  void eksClusterAndNodeGroupPassTheirRoles() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "eks-cluster", "eks.amazonaws.com", "Allowed", ROLE + "AdminEksClusterRole");
    expectPassRole(soft, "eks-nodegroup", "eks.amazonaws.com", "Allowed", ROLE + "AdminNodeRole");
    soft.assertAll();
  }

  /** Q5. CodePipeline CreatePipeline / UpdatePipeline: pipeline.roleArn, not the stages' fields. [PIPELINE] */
  @Test
  void codePipelinePassesThePipelineRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "pipe-create", "codepipeline.amazonaws.com", "Allowed", ROLE + "AdminPipelineRole");
    expectPassRole(soft, "pipe-update", "codepipeline.amazonaws.com", "Allowed", ROLE + "AdminPipelineRole");
    soft.assertAll();
  }

  /**
   * Q6. Batch CreateComputeEnvironment names its serviceRole by name: the account's role of that name. RegisterJobDefinition
   * passes containerProperties' jobRoleArn and executionRoleArn, both checked. [BATCH-CE] [BATCH-JOB]
   */
  @Test
  void batchComputeEnvironmentAndJobDefinitionPassTheirRoles() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "batch-ce", "batch.amazonaws.com", "Allowed", ROLE + "AdminBatchServiceRole");
    // both allowed: the explanation shows one (the execution role, read first) and says there are two
    JsonNode jobDef = expectPassRole(soft, "batch-jobdef", "batch.amazonaws.com", "Allowed", ROLE + "BatchExecRole");
    soft.assertThat(jobDef.path("gaps").toString()).as(ExplainedEvents.why(jobDef))
        .contains("iam:PassRole is authorized on each of the call's 2 resources");
    soft.assertAll();
  }

  /**
   * Q7. PutTargets: the role of each target in the {@code targets} array (one target has none). Scheduler CreateSchedule /
   * UpdateSchedule: target.roleArn. [EB-TARGET] [SCHEDULER]
   */
  @Test
  void eventBridgeTargetsAndSchedulesPassTheirRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "events-targets", "events.amazonaws.com", "Allowed", ROLE + "AdminEventsRole");
    expectPassRole(soft, "sched-create", "scheduler.amazonaws.com", "Allowed", ROLE + "AdminSchedulerRole");
    expectPassRole(soft, "sched-update", "scheduler.amazonaws.com", "Allowed", ROLE + "AdminSchedulerRole");
    soft.assertAll();
  }

  /**
   * Q8. dev-events may pass roles only to events.amazonaws.com; its CreateSchedule was refused: iam:PassedToService is
   * scheduler.amazonaws.com, so no statement allows it (ImplicitDeny, agrees). [SCHEDULER]
   */
  @Test
  void aScheduleIsPassedToTheSchedulerNotToEventBridge() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "events-schedule-wrongservice", "scheduler.amazonaws.com", "ImplicitDeny", ROLE + "EventsNarrowRole");
    soft.assertAll();
  }

  /**
   * Q9. RunJobFlow: the serviceRole given by name is the account's role, and jobFlowRole, an instance profile's name, passes
   * that profile's role from the IAM data: both checked. With a profile the case does not hold, the explanation says the
   * profile's role is checked too and the log does not name it. [EMR]
   */
  @Test
  void emrPassesItsServiceRoleAndItsInstanceProfilesRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode run = expectPassRole(soft, "emr-run", "elasticmapreduce.amazonaws.com", "Allowed", ROLE + "AdminEmrServiceRole");
    soft.assertThat(run.path("gaps").toString()).as(ExplainedEvents.why(run))
        .contains("iam:PassRole is authorized on each of the call's 2 resources");
    JsonNode ghost = expectPassRole(soft, "emr-run-unknown-profile", "elasticmapreduce.amazonaws.com", "Allowed",
        ROLE + "AdminEmrServiceRole");
    soft.assertThat(ghost.path("gaps").toString()).as(ExplainedEvents.why(ghost))
        .contains("the role of instance profile GhostProfile (jobFlowRole");
    soft.assertAll();
  }

  /** Q10. Bedrock CreateAgent passes agentResourceRoleArn to bedrock.amazonaws.com. [BEDROCK] */
  @Test
  void bedrockAgentPassesItsRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "bedrock-agent", "bedrock.amazonaws.com", "Allowed", ROLE + "AdminAgentRole");
    soft.assertAll();
  }

  /** Q11. intern's Allow iam:PassRole on * meets a Deny on role/Admin*: its CreateStateMachine is ExplicitDeny. */
  @Test
  void aDenyOnPassRoleDecidesTheCall() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPassRole(soft, "intern-statemachine", "states.amazonaws.com", "ExplicitDeny", ADMIN_SFN);
    soft.assertAll();
  }

  // ------------------------------------------------------------------ findings

  /**
   * Q12. Each non-admin developer handed its service an admin-equivalent role: one high finding per principal and role,
   * naming the role and the principal that assumes it, with the later uses (StartExecution of the state machine,
   * StartPipelineExecution of either pipeline, SubmitJob of the job definition) among its calls. EKS nodes and EMR's
   * instances are EC2 instances; a Batch job's role is assumed by ECS tasks. [BATCH-JOB] [EMR] [EKS]
   */
  @Test
  void eachServiceGivenAnAdminRoleIsAnEscalation() {
    SoftAssertions soft = new SoftAssertions();
    record Expected(String caller, String role, String service, List<String> events) {}
    List<Expected> expected = List.of(
        new Expected("dev-sfn", ADMIN_SFN, "states.amazonaws.com", List.of("sfn-create", "sfn-update", "sfn-start")),
        new Expected("dev-sm", ADMIN_SM, "sagemaker.amazonaws.com", List.of("sm-model", "sm-tuning", "sm-tuning-multi",
            "sm-automl", "sm-automlv2", "sm-pipeline", "sm-pipeline-start", "sm-compile", "sm-labeling")),
        new Expected("dev-eks", ROLE + "AdminEksClusterRole", "eks.amazonaws.com", List.of("eks-cluster")),
        new Expected("dev-eks", ROLE + "AdminNodeRole", "ec2.amazonaws.com", List.of("eks-nodegroup")),
        new Expected("dev-pipe", ROLE + "AdminPipelineRole", "codepipeline.amazonaws.com",
            List.of("pipe-create", "pipe-update", "pipe-start")),
        new Expected("dev-batch", ROLE + "AdminBatchServiceRole", "batch.amazonaws.com", List.of("batch-ce")),
        new Expected("dev-batch", ROLE + "AdminBatchJobRole", "ecs-tasks.amazonaws.com", List.of("batch-jobdef", "batch-submit")),
        new Expected("dev-events", ROLE + "AdminEventsRole", "events.amazonaws.com", List.of("events-targets")),
        new Expected("dev-sched", ROLE + "AdminSchedulerRole", "scheduler.amazonaws.com", List.of("sched-create", "sched-update")),
        new Expected("dev-emr", ROLE + "AdminEmrServiceRole", "elasticmapreduce.amazonaws.com",
            List.of("emr-run", "emr-run-unknown-profile")),
        new Expected("dev-emr", ROLE + "AdminEmrEc2Role", "ec2.amazonaws.com", List.of("emr-run")),
        new Expected("dev-bedrock", ROLE + "AdminAgentRole", "bedrock.amazonaws.com", List.of("bedrock-agent")));
    for (Expected x : expected) {
      JsonNode f = findingFor(x.role(), x.caller());
      soft.assertThat(f.path("severity").asText()).as(f.toString()).isEqualTo("high");
      soft.assertThat(f.path("title").asText()).as(f.toString())
          .isEqualTo("Privilege escalation through a passed role: " + x.role().substring(x.role().lastIndexOf('/') + 1));
      soft.assertThat(f.path("summary").asText()).as(f.toString()).contains("assumed by " + x.service() + ",");
      soft.assertThat(eventIds(f)).as(f.toString()).containsExactlyInAnyOrderElementsOf(x.events());
    }
    soft.assertAll();
  }

  /** Q13. The finding names what the role was given to: the state machine, the node group, the EMR cluster. */
  @Test
  void theFindingNamesWhatTheRoleWasGivenTo() {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(findingFor(ADMIN_SFN, "dev-sfn").path("summary").asText()).contains("to the Step Functions state machine etl-flow");
    soft.assertThat(findingFor(ROLE + "AdminNodeRole", "dev-eks").path("summary").asText())
        .contains("to the nodes of the EKS node group ng-1");
    soft.assertThat(findingFor(ROLE + "AdminEmrEc2Role", "dev-emr").path("summary").asText()).contains("to the EMR cluster analytics");
    soft.assertAll();
  }

  /** Q14. intern's refused CreateStateMachine with AdminSfnRole is an attempt: low, its title the call and why. [ATTEMPTS] */
  @Test
  void aRefusedPassIsAnAttempt() {
    JsonNode f = findingFor(ADMIN_SFN, "intern");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(f.toString()).isEqualTo("low");
    soft.assertThat(f.path("title").asText()).as(f.toString()).startsWith("CreateStateMachine attempted \u2014 denied by intern-inline");
    soft.assertThat(f.path("summary").asText()).as(f.toString()).startsWith("Attempted only: ").contains("AdminSfnRole")
        .contains("states.amazonaws.com");
    soft.assertThat(eventIds(f)).containsExactly("intern-statemachine");
    soft.assertAll();
  }

  /**
   * Q15. No escalation: an admin-equivalent caller (ops-admin's CreateCluster), a role that is not admin-equivalent
   * (intern's CreateModel with SageMakerNarrowRole, the refused schedule), an admin role given to a Batch job only as its
   * execution role, which the containers cannot use. [ECS-EXEC]
   */
  @Test
  void noEscalationWithoutANewAdminRoleForCodeTheCallerControls() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("admin-cluster", "intern-model-narrow", "events-schedule-wrongservice", "batch-jobdef-exec-only")) {
      soft.assertThat(ExplainedEvents.holding(findings, id, Set.of()).stream().filter(f -> f.path("rule").asText().equals(RULE)))
          .as("%s raises no %s", id, RULE).isEmpty();
    }
    soft.assertAll();
  }

  /** Q16. The case's policies explain every recorded outcome, and the CLI lists the finding with its rule. */
  @Test
  void everyCallAgreesWithCloudTrail() {
    assertThat(verdicts).hasSize(31);
    assertThat(verdicts.entrySet().stream().filter(v -> !v.getValue().equals("agrees")).toList()).isEmpty();
    CliRun table = CliRun.of("findings", "--case", caseDir.toString(), "--no-save");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("Privilege escalation through a passed role: AdminBatchJobRole");
  }
}
