package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.correlate.ActionTargets;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A principal that is not admin-equivalent passed an admin-equivalent role to something that acts with it: a Lambda
 * function, an EC2 instance (through an instance profile the case's IAM data resolves), an AWS Glue job, crawler,
 * development endpoint or session, a CloudFormation stack or change set, a CodeBuild project or build, a SageMaker
 * notebook instance, training, processing, tuning, AutoML, compilation or labeling job, model, pipeline, domain or user
 * profile, an ECS task (its task role), a Step Functions state machine, an EKS cluster or node group, a CodePipeline
 * pipeline, an AWS Batch compute environment or job definition (its job role), an EventBridge rule's target or
 * Scheduler schedule, an EMR cluster (its service role and its instances' role) or a Bedrock agent. Whoever controls
 * what the service runs holds the role's permissions. A refused call is an attempt, lowered as
 * docs/detections.md ("Denied attempts") says; the roles' admin-equivalence is the principal graph's, decided once all
 * events are read.
 */
public final class PassedRoleEscalations implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "privilege-escalation-passed-role";
  public static final String TITLE = "Privilege escalation through a passed role";
  static final String DESCRIPTION = "A principal that is not admin-equivalent passed an admin-equivalent role (over the "
      + "case's IAM data) to something a service runs with the role's credentials: a Lambda function, an EC2 instance, an "
      + "AWS Glue job, crawler, development endpoint or session, a CloudFormation stack or change set, a CodeBuild project "
      + "or build, a SageMaker notebook, job, model, pipeline, domain or user profile, an ECS task, a Step Functions state "
      + "machine, an EKS cluster or node group, a CodePipeline pipeline, an AWS Batch compute environment or job, an "
      + "EventBridge target or schedule, an EMR cluster or a Bedrock agent. Whoever controls what runs holds the role's "
      + "permissions. Later uses by the same principal (a function invoked, a job run, a change set executed, a build, "
      + "execution or pipeline started, a job submitted) are listed with it; a refused call is reported as an attempt.";
  private static final int MAX_CALLS = 50;

  /**
   * A call that passes a role: its service and event name (a regular expression), what the role is given to, the
   * service principal that assumes it, and the request field naming what it makes (a dotted path into the request), in
   * {@code kind}'s name space (the names later uses refer to; null when no later use is followed).
   */
  private record Passing(String source, String event, String what, String service, String nameField, String kind) {}

  /** A later call that uses what a passing call made: the kind of thing and the request field naming it. */
  private record LaterUse(String source, String event, String kind, String nameField) {}

  private static final List<Passing> PASSING = List.of(
      new Passing("lambda.amazonaws.com", "(CreateFunction|UpdateFunctionConfiguration)(\\d.*)?", "a Lambda function it controls",
          "lambda.amazonaws.com", "functionName", "function"),
      new Passing("ec2.amazonaws.com", "RunInstances", "an instance it launched", "ec2.amazonaws.com", null, null),
      new Passing("glue.amazonaws.com", "CreateJob", "the AWS Glue job", "glue.amazonaws.com", "name", "glue-job"),
      new Passing("glue.amazonaws.com", "UpdateJob", "the AWS Glue job", "glue.amazonaws.com", "jobName", "glue-job"),
      new Passing("glue.amazonaws.com", "CreateCrawler|UpdateCrawler", "the AWS Glue crawler", "glue.amazonaws.com", "name",
          "glue-crawler"),
      new Passing("glue.amazonaws.com", "CreateDevEndpoint", "the AWS Glue development endpoint", "glue.amazonaws.com",
          "endpointName", null),
      new Passing("glue.amazonaws.com", "CreateSession", "the AWS Glue interactive session", "glue.amazonaws.com", "id", null),
      new Passing("cloudformation.amazonaws.com", "CreateStack|UpdateStack", "the CloudFormation stack",
          "cloudformation.amazonaws.com", "stackName", "stack"),
      new Passing("cloudformation.amazonaws.com", "CreateChangeSet", "the CloudFormation change set",
          "cloudformation.amazonaws.com", "changeSetName", "change-set"),
      new Passing("codebuild.amazonaws.com", "CreateProject|UpdateProject", "the CodeBuild project", "codebuild.amazonaws.com",
          "name", "project"),
      new Passing("codebuild.amazonaws.com", "StartBuild", "a build of the CodeBuild project", "codebuild.amazonaws.com",
          "projectName", null),
      new Passing("sagemaker.amazonaws.com", "CreateNotebookInstance", "the SageMaker notebook instance",
          "sagemaker.amazonaws.com", "notebookInstanceName", "notebook"),
      new Passing("sagemaker.amazonaws.com", "CreateTrainingJob", "the SageMaker training job", "sagemaker.amazonaws.com",
          "trainingJobName", null),
      new Passing("sagemaker.amazonaws.com", "CreateProcessingJob", "the SageMaker processing job", "sagemaker.amazonaws.com",
          "processingJobName", null),
      new Passing("sagemaker.amazonaws.com", "CreateDomain", "the SageMaker domain", "sagemaker.amazonaws.com", "domainName",
          null),
      new Passing("sagemaker.amazonaws.com", "CreateUserProfile", "the SageMaker user profile", "sagemaker.amazonaws.com",
          "userProfileName", null),
      new Passing("ecs.amazonaws.com", "RegisterTaskDefinition", "the ECS task definition", "ecs-tasks.amazonaws.com", "family",
          "task-definition"),
      new Passing("ecs.amazonaws.com", "RunTask|StartTask", "a task of the ECS task definition", "ecs-tasks.amazonaws.com",
          "taskDefinition", null),
      new Passing("sagemaker.amazonaws.com", "CreateModel", "the SageMaker model", "sagemaker.amazonaws.com", "modelName", null),
      new Passing("sagemaker.amazonaws.com", "CreateHyperParameterTuningJob", "the SageMaker hyperparameter tuning job",
          "sagemaker.amazonaws.com", "hyperParameterTuningJobName", null),
      new Passing("sagemaker.amazonaws.com", "CreateAutoMLJob(V2)?", "the SageMaker AutoML job", "sagemaker.amazonaws.com",
          "autoMLJobName", null),
      new Passing("sagemaker.amazonaws.com", "CreatePipeline|UpdatePipeline", "the SageMaker pipeline", "sagemaker.amazonaws.com",
          "pipelineName", "sagemaker-pipeline"),
      new Passing("sagemaker.amazonaws.com", "CreateCompilationJob", "the SageMaker compilation job", "sagemaker.amazonaws.com",
          "compilationJobName", null),
      new Passing("sagemaker.amazonaws.com", "CreateLabelingJob", "the SageMaker labeling job", "sagemaker.amazonaws.com",
          "labelingJobName", null),
      new Passing("states.amazonaws.com", "CreateStateMachine", "the Step Functions state machine", "states.amazonaws.com", "name",
          "state-machine"),
      new Passing("states.amazonaws.com", "UpdateStateMachine", "the Step Functions state machine", "states.amazonaws.com",
          "stateMachineArn", "state-machine"),
      new Passing("eks.amazonaws.com", "CreateCluster", "the EKS cluster", "eks.amazonaws.com", "name", null),
      new Passing("eks.amazonaws.com", "CreateNodegroup", "the nodes of the EKS node group", "ec2.amazonaws.com", "nodegroupName",
          null),
      new Passing("codepipeline.amazonaws.com", "CreatePipeline|UpdatePipeline", "the CodePipeline pipeline",
          "codepipeline.amazonaws.com", "pipeline.name", "codepipeline"),
      new Passing("batch.amazonaws.com", "CreateComputeEnvironment", "the AWS Batch compute environment", "batch.amazonaws.com",
          "computeEnvironmentName", null),
      new Passing("batch.amazonaws.com", "UpdateComputeEnvironment", "the AWS Batch compute environment", "batch.amazonaws.com",
          "computeEnvironment", null),
      new Passing("batch.amazonaws.com", "RegisterJobDefinition", "the AWS Batch job definition", "ecs-tasks.amazonaws.com",
          "jobDefinitionName", "batch-job-definition"),
      new Passing("events.amazonaws.com", "PutTargets", "a target of the EventBridge rule", "events.amazonaws.com", "rule", null),
      new Passing("scheduler.amazonaws.com", "CreateSchedule|UpdateSchedule", "the EventBridge Scheduler schedule",
          "scheduler.amazonaws.com", "name", null),
      new Passing("elasticmapreduce.amazonaws.com", "RunJobFlow", "the EMR cluster", "elasticmapreduce.amazonaws.com", "name", null),
      new Passing("bedrock.amazonaws.com", "CreateAgent", "the Bedrock agent", "bedrock.amazonaws.com", "agentName", null));

  private static final List<LaterUse> LATER_USES = List.of(
      new LaterUse("lambda.amazonaws.com", "Invoke(\\d.*)?", "function", "functionName"),
      new LaterUse("glue.amazonaws.com", "StartJobRun", "glue-job", "jobName"),
      new LaterUse("glue.amazonaws.com", "StartCrawler", "glue-crawler", "name"),
      new LaterUse("cloudformation.amazonaws.com", "ExecuteChangeSet", "change-set", "changeSetName"),
      new LaterUse("codebuild.amazonaws.com", "StartBuild", "project", "projectName"),
      new LaterUse("sagemaker.amazonaws.com", "CreatePresignedNotebookInstanceUrl", "notebook", "notebookInstanceName"),
      new LaterUse("ecs.amazonaws.com", "RunTask|StartTask", "task-definition", "taskDefinition"),
      new LaterUse("states.amazonaws.com", "StartExecution|StartSyncExecution", "state-machine", "stateMachineArn"),
      new LaterUse("codepipeline.amazonaws.com", "StartPipelineExecution", "codepipeline", "name"),
      new LaterUse("sagemaker.amazonaws.com", "StartPipelineExecution", "sagemaker-pipeline", "pipelineName"),
      new LaterUse("batch.amazonaws.com", "SubmitJob", "batch-job-definition", "jobDefinition"));

  /**
   * The calls of one principal that passed one role (and the later uses of what they made): what the role was given
   * to, the services that assume it, and how many of the passing calls succeeded.
   */
  private static final class Passed {
    final String caller;
    final String roleArn;
    final Set<String> made = new HashSet<>();
    final Set<String> givenTo = new LinkedHashSet<>();
    final Set<String> services = new LinkedHashSet<>();
    final Set<String> passingNames = new LinkedHashSet<>();
    final Set<String> denials = new LinkedHashSet<>();
    final List<Evidence.Event> calls = new ArrayList<>();
    int passes;
    int passesSucceeded;

    Passed(String caller, String roleArn) {
      this.caller = caller;
      this.roleArn = roleArn;
    }
  }

  private final IpClassifier ips;
  private final IamSnapshot iam;
  private final DenialExplainer denials;
  private final Map<String, Passed> passed = new LinkedHashMap<>();

  public PassedRoleEscalations(IpClassifier ips, IamSnapshot iam) {
    this(ips, iam, DenialExplainer.fromLog());
  }

  public PassedRoleEscalations(IpClassifier ips, IamSnapshot iam, DenialExplainer denials) {
    this.ips = ips;
    this.iam = iam == null ? IamSnapshot.empty() : iam;
    this.denials = denials == null ? DenialExplainer.fromLog() : denials;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.eventName() == null || e.eventSource() == null) {
      return;
    }
    String caller = RoleEscalations.callerArn(e.userIdentity());
    if (caller == null) {
      return;
    }
    JsonNode request = EventView.parse(e.requestParametersJson());
    if (!e.failed()) {
      for (LaterUse use : LATER_USES) {
        if (use.source().equals(e.eventSource()) && e.eventName().matches(use.event())) {
          String key = use.kind() + ":" + shortName(use.kind(), textAt(request, use.nameField()));
          passed.values().stream().filter(p -> p.caller.equals(caller) && p.made.contains(key)).forEach(p -> add(p, e));
        }
      }
    }
    Passing passing = PASSING.stream().filter(p -> p.source().equals(e.eventSource()) && e.eventName().matches(p.event()))
        .findFirst().orElse(null);
    if (passing == null) {
      return;
    }
    String made = passing.nameField() == null ? null : shortName(passing.kind(), textAt(request, passing.nameField()));
    for (RunWith run : rolesRunWith(e, request, passing.service())) {
      String roleArn = run.roleArn();
      Passed p = passed.computeIfAbsent(caller + "\u001f" + roleArn, k -> new Passed(caller, roleArn));
      if (made != null && passing.kind() != null) {
        p.made.add(passing.kind() + ":" + made);
      }
      p.givenTo.add(passing.what() + (made == null || passing.kind() != null && passing.kind().equals("function") ? "" : " " + made));
      p.services.add(run.service());
      p.passingNames.add(e.eventName());
      p.passes++;
      if (e.failed()) {
        String why = denials.whyDenied(e);
        p.denials.add(why == null ? "failed" : why);
      } else {
        p.passesSucceeded++;
      }
      add(p, e);
    }
  }

  /** A role what the call makes acts with, and the service principal that assumes it. */
  private record RunWith(String roleArn, String service) {}

  /**
   * The roles whose credentials what the call makes acts with, as the replay resolves them (a role by name, an
   * instance profile's role), each assumed by {@code service} except an instance profile's role, which EC2 instances
   * assume (EMR's cluster instances). Of an ECS task's roles only the task role: "the containers in the task" use it,
   * while the execution role serves the ECS agent (Amazon ECS Developer Guide, "Amazon ECS task IAM role"); so of an
   * AWS Batch job definition's, only the job role.
   */
  private List<RunWith> rolesRunWith(CloudTrailEvent e, JsonNode request, String service) {
    ActionTargets.Target named = ActionTargets.of("iam:PassRole", List.of(), e);
    ActionTargets.Target t = ActionTargets.passedRoleFromIam(named, e, e.recipientAccountId(), iam);
    List<String> roles = t == null ? List.of() : t.resources().stream().filter(r -> r.startsWith("arn:") && r.contains(":role/")).toList();
    Set<String> namedRoles = new HashSet<>();
    if (named != null) {
      named.resources().forEach(r -> namedRoles.add(roleName(r)));
    }
    String containerRole = containerRole(e, request);
    List<RunWith> out = new ArrayList<>();
    for (String role : roles) {
      if (containerRole != null && !(role.equals(containerRole) || !containerRole.startsWith("arn:")
          && roleName(role).equalsIgnoreCase(containerRole))) {
        continue;
      }
      boolean ofInstanceProfile = !"ec2.amazonaws.com".equals(e.eventSource()) && !namedRoles.contains(roleName(role));
      out.add(new RunWith(role, ofInstanceProfile ? "ec2.amazonaws.com" : service));
    }
    return out;
  }

  /**
   * The role the containers of an ECS task or AWS Batch job use, as named (the task role, its RunTask override, the
   * job role); "" when such a call names none (then no role passed counts); null for other services (every role counts).
   */
  private static String containerRole(CloudTrailEvent e, JsonNode request) {
    if ("ecs.amazonaws.com".equals(e.eventSource())) {
      String override = textAt(request, "overrides.taskRoleArn");
      String task = override != null ? override : textAt(request, "taskRoleArn");
      return task == null ? "" : task;
    }
    if ("batch.amazonaws.com".equals(e.eventSource()) && "RegisterJobDefinition".equals(e.eventName())) {
      String job = textAt(request, "containerProperties.jobRoleArn");
      return job == null ? "" : job;
    }
    return null;
  }

  private static String roleName(String roleArn) {
    return roleArn.substring(roleArn.lastIndexOf('/') + 1);
  }

  /** The text at a dotted path of the request ({@code pipeline.name}), or null. */
  private static String textAt(JsonNode request, String path) {
    JsonNode at = request;
    String[] steps = path.split("\\.");
    for (int i = 0; i < steps.length - 1 && at != null; i++) {
      at = at.get(steps[i]);
    }
    return ManagedPolicyVersions.text(at, steps[steps.length - 1]);
  }

  private void add(Passed p, CloudTrailEvent e) {
    if (p.calls.size() < MAX_CALLS && p.calls.stream().noneMatch(c -> java.util.Objects.equals(c.eventId(), e.eventId()))) {
      p.calls.add(new EventView(e, ips).toEvidence());
    }
  }

  /**
   * The name of what a call makes or uses, from its name or ARN: a function's name without a version or alias
   * qualifier, a task definition's family without its revision, a change set's or project's name from its ARN.
   */
  private static String shortName(String kind, String nameOrArn) {
    if (nameOrArn == null) {
      return null;
    }
    if ("function".equals(kind)) {
      int at = nameOrArn.indexOf("function:");
      String rest = at < 0 ? nameOrArn : nameOrArn.substring(at + "function:".length());
      int colon = rest.indexOf(':');
      return colon < 0 ? rest : rest.substring(0, colon);
    }
    String name = nameOrArn;
    int slash = name.indexOf('/');
    if (name.startsWith("arn:") && slash > 0) {
      name = name.substring(slash + 1);
      int next = name.indexOf('/');
      name = next < 0 ? name : name.substring(0, next);
    }
    if ("state-machine".equals(kind) && name.contains(":stateMachine:")) {
      // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME, or :NAME:VERSION / :NAME:ALIAS
      String rest = name.substring(name.indexOf(":stateMachine:") + ":stateMachine:".length());
      return rest.indexOf(':') < 0 ? rest : rest.substring(0, rest.indexOf(':'));
    }
    if (("task-definition".equals(kind) || "batch-job-definition".equals(kind)) && name.indexOf(':') > 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    return name;
  }

  /**
   * One finding per principal and admin-equivalent role it passed, the principal not admin-equivalent (nor root)
   * itself: high, or lowered as an attempt when every call passing the role was refused.
   */
  public List<Finding> findings(Set<String> adminEquivalent, Instant createdAt) {
    return findings(adminEquivalent, java.util.Map.of(), createdAt);
  }

  /**
   * As above, and a medium finding for a role only possibly admin-equivalent ({@code possiblyAdmin}:
   * by role ARN, what that rests on), saying so.
   */
  public List<Finding> findings(Set<String> adminEquivalent, java.util.Map<String, String> possiblyAdmin, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Passed p : passed.values()) {
      String dependsOn = adminEquivalent.contains(p.roleArn) ? null : possiblyAdmin.get(p.roleArn);
      if ((!adminEquivalent.contains(p.roleArn) && dependsOn == null) || adminEquivalent.contains(p.caller)
          || p.caller.endsWith(":root")) {
        continue;
      }
      List<Evidence> evidence = new ArrayList<>(p.calls);
      evidence.add(new Evidence.Principal(p.caller));
      evidence.add(new Evidence.Principal(p.roleArn));
      Evidence.Event first = p.calls.get(0);
      Evidence.Event last = p.calls.get(p.calls.size() - 1);
      String calls = String.join(", ", p.calls.stream().map(c -> c.eventName() + " " + c.eventId()).toList());
      boolean attemptsOnly = p.passesSucceeded == 0;
      String summary = p.caller + (attemptsOnly ? " tried to pass " : " passed ") + p.roleArn
          + (dependsOn == null ? ", admin-equivalent in the case's IAM data, to "
              : ", possibly admin-equivalent (depends on " + dependsOn + "), to ")
          + String.join(", ", p.givenTo) + " (" + calls + "), assumed by " + String.join(", ", p.services) + ", first "
          + SummaryTemplate.time(first.time()) + " from " + first.sourceIp() + ": what runs there acts with the role's permissions.";
      String title = TITLE + ": " + p.roleArn.substring(p.roleArn.lastIndexOf('/') + 1);
      Severity severity = dependsOn == null ? Severity.HIGH : Severity.MEDIUM;
      String why = String.join("; ", p.denials);
      if (attemptsOnly) {
        title = String.join(", ", p.passingNames) + RuleRunner.ATTEMPTED + p.denials.iterator().next();
        severity = RuleRunner.attemptSeverity(severity);
        summary = RuleRunner.ATTEMPTED_ONLY + summary + " " + (p.passes == 1 ? "The call" : "All " + p.passes + " calls")
            + " passing the role failed: " + why + ".";
      } else if (p.passes > p.passesSucceeded) {
        summary += " " + (p.passes - p.passesSucceeded) + " of the " + p.passes + " calls passing the role failed: " + why + ".";
      }
      out.add(new Finding(Finding.idFor(RULE_ID, p.caller + "\u001f" + p.roleArn), RULE_ID, title, severity,
          FindingStatus.OPEN, summary, DESCRIPTION, "", evidence, p.calls.size(), first.time(), last.time(), createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
              "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
              "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html",
              "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html",
              "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html")));
    }
    return out;
  }
}
