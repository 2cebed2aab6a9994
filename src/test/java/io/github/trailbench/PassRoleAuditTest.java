package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of iam:PassRole and of the IAM condition keys on IAM calls: "could this principal hand a role to a service /
 * create an admin?" and "why was this IAM call allowed?". Run end to end: the records and IAM data of
 * {@code src/test/resources/fixtures/passrole} (one account's get-account-authorization-details, with the instance
 * profiles in each role's InstanceProfileList, and hand-made CloudTrail records in the documented shapes) are imported
 * with the CLI ({@code trailbench import}) and read back with {@code explain --event ID --json} (one object per action
 * of the call: iam:PassRole is one of the actions of RunInstances, CreateFunction…), {@code findings --format json} and
 * {@code graph --escalations --format json}.
 *
 * <p>Account 111122223333. Users: ec2-dev (RunInstances, Lambda create/invoke; iam:PassRole on AppInstanceRole only
 * with iam:PassedToService = ec2.amazonaws.com), nopass-dev (RunInstances, CreateFunction, RegisterTaskDefinition,
 * CreateStack, glue:CreateJob; no iam:PassRole at all), ecs-dev / cfn-dev / glue-dev (their service's create action and
 * iam:PassRole on their service role, conditioned on the service's principal), assoc-dev (iam:PassRole on
 * AppInstanceRole to EC2 for instances of us-east-1, iam:AssociatedResourceArn), iam-delegate (CreateUser, CreateRole,
 * PutUserPermissionsBoundary only with iam:PermissionsBoundary = policy/DevBoundary; AttachRolePolicy only with
 * iam:PolicyARN in [policy/DevAppPolicy, aws ReadOnlyAccess]), tagged-creator (CreateRole/TagRole only with
 * aws:RequestTag/team = dev and aws:TagKeys ⊆ [team]), lambda-escalator (iam:PassRole on *, Lambda create/invoke),
 * ec2-only-passer (iam:PassRole on * only to ec2.amazonaws.com, Lambda create/invoke, no RunInstances). Roles:
 * AppInstanceRole (trusts EC2 and Lambda; instance profile AppInstanceProfile), OpsInstanceRole (EC2; profile
 * OpsInstanceProfile), AdminLambdaRole (Lambda; AdministratorAccess), EcsTaskRole (ecs-tasks), CfnServiceRole
 * (cloudformation), GlueJobRole (glue).
 *
 * <p>Pages (each test names the ones that fix its answer):
 *
 * <ul>
 *   <li>[PASSROLE] IAM User Guide, "Grant a user permissions to pass a role to an AWS service": "To pass a role (and its
 *       permissions) to an AWS service, a user must have permissions to pass the role to the service." "A user can pass
 *       a role ARN as a parameter in any API operation that uses the role to assign permissions to the service. The
 *       service then checks whether that user has the iam:PassRole permission." Example 1: passing a role "to the Amazon
 *       EC2 service upon launching an instance". https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 *   <li>[CK-IAM] IAM User Guide, "IAM and AWS STS condition context keys":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html — iam:PassedToService:
 *       "Specifies the service principal of the service to which a role can be passed… iam:PassedToService includes only
 *       the final service that assumes the role, not the intermediate service that passes the role."
 *       iam:AssociatedResourceArn: "Specifies the ARN of the resource to which this role will be associated at the
 *       destination service… the condition would match the ARN of the Amazon EC2 instance." iam:PermissionsBoundary:
 *       "Checks that the specified policy is attached as permissions boundary on the IAM principal resource."
 *       iam:PolicyARN: "Checks the Amazon Resource Name (ARN) of a managed policy in requests that involve a managed
 *       policy."
 *   <li>[BOUNDARY] IAM User Guide, "Permissions boundaries for IAM entities", "Delegating responsibility to others using
 *       permissions boundaries": Zhang may create users only with "iam:PermissionsBoundary":
 *       ".../policy/XCompanyBoundaries"; when he "skips the Set permissions boundary section… The operation fails and
 *       access is denied." https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *   <li>[EC2-PROFILE] IAM User Guide, "Using an IAM role to grant permissions to applications running on Amazon EC2
 *       instances": "When the user launches an instance and associates a role with it, Amazon EC2 checks whether the user
 *       is allowed to pass that role"; "when you launch the instance, you must specify the instance profile name instead
 *       of the role name." https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html; "Using
 *       instance profiles": "An instance profile can contain only one IAM role".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
 *   <li>[ECS-TASKROLE] Amazon ECS Developer Guide, "Amazon ECS EventBridge IAM Role": to run tasks with a task role or
 *       task execution role one needs iam:PassRole "Condition": {"StringLike": {"iam:PassedToService":
 *       "ecs-tasks.amazonaws.com"}} and "you must add iam:PassRole permissions for each task execution role, task role,
 *       or task role override". https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html
 *   <li>[CFN-ROLE] CloudFormation User Guide, "CloudFormation service role": "Before you specify a service role, ensure
 *       that you have permission to pass it (iam:PassRole)." Service principal cloudformation.amazonaws.com.
 *       https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 *   <li>[GLUE-ROLE] AWS Glue Developer Guide, "Step 3: Attach a policy to IAM users that access AWS Glue": "AWS Glue
 *       needs permission to assume a role that is used to perform work on your behalf. To accomplish this, you add the
 *       iam:PassRole permissions to your AWS Glue users", with "iam:PassedToService": ["glue.amazonaws.com"].
 *       https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html; CreateJob's Role: "The name or Amazon
 *       Resource Name (ARN) of the IAM role associated with this job."
 *       https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-job.html
 *   <li>[TAGS-REQ] IAM User Guide, "Controlling access to AWS resources using tags", "Controlling access during AWS
 *       requests": "You can use conditions in your IAM policies to control what tag key-value pairs can be passed in a
 *       request that tags an AWS resource." https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
 *   <li>[EVAL] IAM User Guide, "Policy evaluation logic" (no Allow: implicit deny; a condition on a key absent from the
 *       request does not match): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json, findings, graph); src/main is not changed. Tests that
 * show a wrong answer fail with a message saying what AWS documents and what the product said.
 */
class PassRoleAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/passrole");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String A = "111122223333";
  static final String APP_ROLE = "arn:aws:iam::111122223333:role/AppInstanceRole";
  static final String OPS_ROLE = "arn:aws:iam::111122223333:role/OpsInstanceRole";
  static final String ECS_ROLE = "arn:aws:iam::111122223333:role/EcsTaskRole";
  static final String CFN_ROLE = "arn:aws:iam::111122223333:role/CfnServiceRole";
  static final String GLUE_ROLE = "arn:aws:iam::111122223333:role/GlueJobRole";
  static final String ADMIN_LAMBDA = "arn:aws:iam::111122223333:role/AdminLambdaRole";
  static final String BOUNDARY = "arn:aws:iam::111122223333:policy/DevBoundary";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static final java.util.Map<String, String> verdicts = new java.util.HashMap<>();

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("24 added");
    CliRun f = CliRun.of("findings", "--case", caseDir.toString(), "--no-save", "--format", "json");
    assertThat(f.exit()).as(f.err()).isZero();
    findings = new ArrayList<>();
    for (String line : f.out().split("\n")) {
      if (line.startsWith("{")) {
        findings.add(JSON.readTree(line));
      }
    }
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

  /** The explain objects of the event's iam:PassRole action (one per role it is checked on). */
  static List<JsonNode> passRole(String eventId) throws Exception {
    return all(eventId).stream().filter(e -> e.path("request").path("action").asText().equalsIgnoreCase("iam:PassRole")).toList();
  }

  /** The event's verdict as the timeline shows it ({@code events --filter verdict:…}), for the whole call. */
  static String eventVerdict(String eventId) {
    return verdicts.getOrDefault(eventId, "none");
  }

  static String context(JsonNode e, String key) {
    JsonNode c = e.path("request").path("context").path(key);
    if (c.isArray()) {
      return c.size() == 0 ? null : c.get(0).asText();
    }
    return c.isMissingNode() || c.isNull() ? null : c.asText();
  }

  /**
   * The call passes {@code role}: explain must replay an iam:PassRole action on that role with {@code decision}, and the
   * whole call must read {@code eventVerdict}.
   */
  static void expectPass(SoftAssertions soft, String eventId, String role, String passedTo, String decision, String eventVerdict,
      String aws) throws Exception {
    List<JsonNode> actions = all(eventId);
    List<JsonNode> pass = actions.stream().filter(e -> e.path("request").path("action").asText().equalsIgnoreCase("iam:PassRole")).toList();
    soft.assertThat(pass).as("%s: AWS documents %s; so the call is also authorized as iam:PassRole on %s. The product replayed"
        + " only: %s", eventId, aws, role, whyAll(actions)).hasSize(1);
    if (pass.size() == 1) {
      JsonNode p = pass.get(0);
      soft.assertThat(p.path("request").path("resource").asText()).as("%s: iam:PassRole is checked on the role passed (%s); the"
          + " product said: %s", eventId, role, why(p)).isEqualTo(role);
      if (passedTo != null) {
        soft.assertThat(context(p, "iam:PassedToService")).as("%s: iam:PassedToService is the service principal that assumes the"
            + " role (%s) [CK-IAM]; the product said: %s", eventId, passedTo, why(p)).isEqualTo(passedTo);
      }
      soft.assertThat(p.path("decision").asText()).as("%s: iam:PassRole on %s must be %s (%s); the product said: %s", eventId, role,
          decision, aws, why(p)).isEqualTo(decision);
    }
    soft.assertThat(eventVerdict(eventId)).as("%s: verdict of the call (CloudTrail's outcome is explained by the case's policies,"
        + " %s); the product said: %s", eventId, aws, whyAll(actions)).isEqualTo(eventVerdict);
  }

  static JsonNode only(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
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

  static JsonNode escalations() throws Exception {
    CliRun r = CliRun.of("graph", "--case", caseDir.toString(), "--escalations", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  static List<JsonNode> escalationsOf(JsonNode doc, String principal, String admin) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode x : doc.path("escalations")) {
      if (x.path("principal").asText().equals(principal) && (admin == null || x.path("admin").asText().equals(admin))) {
        out.add(x);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ EC2: the role is in an instance profile

  /**
   * Q1. ec2-dev launches an instance with iamInstanceProfile {"arn": ".../instance-profile/AppInstanceProfile"}, and
   * CloudTrail recorded success. [PASSROLE] Example 1 / [EC2-PROFILE]: launching with a profile passes the profile's
   * role to EC2, so iam:PassRole is checked on AppInstanceRole with iam:PassedToService = ec2.amazonaws.com. The case's
   * get-account-authorization-details holds the mapping (AppInstanceRole's InstanceProfileList holds
   * AppInstanceProfile), so the decision needs no value the case lacks: Allowed, agrees.
   */
  @Test
  void runInstancesWithAProfileArnPassesTheProfilesRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "ec2-pass-profile-arn", APP_ROLE, "ec2.amazonaws.com", "Allowed", "agrees",
        "[PASSROLE]/[EC2-PROFILE]: the instance profile AppInstanceProfile holds AppInstanceRole (InstanceProfileList of the case)");
    soft.assertAll();
  }

  /** Q2. The same launch naming the profile by name ({"name": "AppInstanceProfile"}): same answer as Q1. */
  @Test
  void runInstancesWithAProfileNamePassesTheProfilesRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "ec2-pass-profile-name", APP_ROLE, "ec2.amazonaws.com", "Allowed", "agrees",
        "[PASSROLE]/[EC2-PROFILE]: the profile named AppInstanceProfile holds AppInstanceRole");
    soft.assertAll();
  }

  /**
   * Q3. ec2-dev launches with OpsInstanceProfile (role OpsInstanceRole); ec2-dev may pass AppInstanceRole only, and
   * CloudTrail recorded Client.UnauthorizedOperation. [PASSROLE] (the Resource element limits the roles one may pass)
   * and [EVAL]: iam:PassRole on OpsInstanceRole is implicitly denied, and that explains the refusal: ImplicitDeny,
   * agrees — not undetermined, since the case names the profile's role.
   */
  @Test
  void runInstancesWithAnotherProfileIsDeniedOnItsRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "ec2-pass-other-profile", OPS_ROLE, "ec2.amazonaws.com", "ImplicitDeny", "agrees",
        "[PASSROLE]: ec2-dev may pass only AppInstanceRole; OpsInstanceProfile holds OpsInstanceRole");
    // Even a replay that cannot name the role must not call the refusal unexplained: the call needs every action it is
    // authorized as, and iam:PassRole, left undetermined, may be the one refused [PASSROLE]. At worst: undetermined.
    soft.assertThat(eventVerdict("ec2-pass-other-profile")).as("ec2-pass-other-profile: CloudTrail refused the call; iam:PassRole"
        + " (its own decision undetermined or denied) can explain that, so the call cannot disagree: %s",
        whyAll(all("ec2-pass-other-profile"))).isNotEqualTo("disagrees");
    soft.assertAll();
  }

  /**
   * Q4. ec2-dev creates a Lambda function with AppInstanceRole; its only PassRole statement requires
   * iam:PassedToService = ec2.amazonaws.com. [CK-IAM]: the key is the service principal of the service the role is
   * passed to, here lambda.amazonaws.com, so the statement does not match: ImplicitDeny, as CloudTrail recorded
   * (AccessDeniedException), and the trace shows the condition on iam:PassedToService that failed.
   */
  @Test
  void passingAnEc2OnlyRoleToLambdaIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "lambda-pass-ec2-only", APP_ROLE, "lambda.amazonaws.com", "ImplicitDeny", "agrees",
        "[CK-IAM]: iam:PassedToService is lambda.amazonaws.com, the statement allows only ec2.amazonaws.com");
    List<JsonNode> pass = passRole("lambda-pass-ec2-only");
    if (!pass.isEmpty()) {
      soft.assertThat(ExplainedEvents.conditionsOn(pass.get(0).path("trace"), "iam:PassedToService"))
          .as("the trace names the iam:PassedToService condition that decided: %s", why(pass.get(0))).isNotEmpty();
    }
    soft.assertAll();
  }

  /**
   * Q5. nopass-dev has no iam:PassRole at all. Its RunInstances with AppInstanceProfile and its CreateFunction with
   * AppInstanceRole were refused by CloudTrail. [PASSROLE]/[EVAL]: without an Allow for iam:PassRole the call is
   * implicitly denied, whatever role is passed: ImplicitDeny on the PassRole action, the call agrees.
   */
  @Test
  void withoutPassRoleEc2AndLambdaLaunchesAreDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("nopass-run", "nopass-lambda")) {
      List<JsonNode> actions = all(id);
      List<JsonNode> pass = passRole(id);
      soft.assertThat(pass).as("%s: iam:PassRole is an action of the call [PASSROLE]; product: %s", id, whyAll(actions)).isNotEmpty();
      pass.forEach(p -> soft.assertThat(p.path("decision").asText()).as("%s: no policy allows iam:PassRole: %s", id, why(p))
          .isEqualTo("ImplicitDeny"));
      soft.assertThat(eventVerdict(id)).as("%s: CloudTrail's refusal is explained: %s", id, whyAll(actions)).isEqualTo("agrees");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ ECS, CloudFormation, Glue

  /**
   * Q6. nopass-dev registers an ECS task definition with taskRoleArn EcsTaskRole; CloudTrail recorded
   * AccessDeniedException. [ECS-TASKROLE]: passing a task role needs iam:PassRole on it (passed to
   * ecs-tasks.amazonaws.com). nopass-dev has none: ImplicitDeny on iam:PassRole, the refusal agrees.
   */
  @Test
  void registerTaskDefinitionWithATaskRoleNeedsPassRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "nopass-ecs", ECS_ROLE, null, "ImplicitDeny", "agrees",
        "[ECS-TASKROLE]: a task role is passed with iam:PassRole; nopass-dev has no iam:PassRole");
    soft.assertAll();
  }

  /**
   * Q7. ecs-dev may pass EcsTaskRole with iam:PassedToService = ecs-tasks.amazonaws.com, and its RegisterTaskDefinition
   * with that task role succeeded. [CK-IAM] ("only the final service that assumes the role") and [ECS-TASKROLE]
   * ("iam:PassedToService": "ecs-tasks.amazonaws.com"): the key is ecs-tasks.amazonaws.com — not the called service
   * ecs.amazonaws.com — and the PassRole is Allowed, agrees.
   */
  @Test
  void ecsTaskRoleIsPassedToEcsTasks() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "ecs-pass", ECS_ROLE, "ecs-tasks.amazonaws.com", "Allowed", "agrees",
        "[ECS-TASKROLE]/[CK-IAM]: the task role is assumed by ecs-tasks.amazonaws.com");
    soft.assertAll();
  }

  /**
   * Q8. nopass-dev creates a CloudFormation stack with roleARN CfnServiceRole; CloudTrail recorded AccessDenied.
   * [CFN-ROLE]: "Before you specify a service role, ensure that you have permission to pass it (iam:PassRole)":
   * ImplicitDeny on iam:PassRole, agrees.
   */
  @Test
  void createStackWithAServiceRoleNeedsPassRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "nopass-cfn", CFN_ROLE, null, "ImplicitDeny", "agrees",
        "[CFN-ROLE]: specifying a stack's service role requires iam:PassRole; nopass-dev has none");
    soft.assertAll();
  }

  /**
   * Q9. cfn-dev may pass CfnServiceRole to cloudformation.amazonaws.com; its CreateStack with that role succeeded.
   * [CFN-ROLE]: iam:PassRole on CfnServiceRole, passed to cloudformation.amazonaws.com: Allowed, agrees.
   */
  @Test
  void createStackPassesItsServiceRoleToCloudFormation() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "cfn-pass", CFN_ROLE, "cloudformation.amazonaws.com", "Allowed", "agrees",
        "[CFN-ROLE]: the stack's service role is passed to cloudformation.amazonaws.com");
    soft.assertAll();
  }

  /**
   * Q10. Glue CreateJob: nopass-dev's (Role given by name, "GlueJobRole") was refused, glue-dev's (Role ARN, glue-dev
   * may pass GlueJobRole to glue.amazonaws.com) succeeded. [GLUE-ROLE]: creating a job passes its role:
   * iam:PassRole on GlueJobRole — ImplicitDeny for nopass-dev, Allowed for glue-dev, both agree.
   */
  @Test
  void glueCreateJobPassesItsRole() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectPass(soft, "nopass-glue", GLUE_ROLE, null, "ImplicitDeny", "agrees",
        "[GLUE-ROLE]: a job's role is passed with iam:PassRole; nopass-dev has none");
    expectPass(soft, "glue-pass", GLUE_ROLE, "glue.amazonaws.com", "Allowed", "agrees",
        "[GLUE-ROLE]: glue-dev may pass GlueJobRole to glue.amazonaws.com");
    soft.assertAll();
  }

  /**
   * Q11. The product's own detection of unexplained outcomes must not turn Q6/Q8/Q10's refusals into "a deny the case
   * does not hold": the case's policies explain them (no iam:PassRole). docs/detections.md: "denied | allow | low | a
   * deny the case does not hold (an SCP, boundary or resource policy missing)". A finding here sends the analyst
   * looking for an SCP that does not exist.
   */
  @Test
  void passRoleRefusalsAreNotReportedAsUnexplainedOutcomes() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("nopass-ecs", "nopass-cfn", "nopass-glue", "nopass-run", "nopass-lambda", "ec2-pass-other-profile")) {
      soft.assertThat(findingsOf("outcome-not-explained-by-policies", id))
          .as("%s: refused for lack of iam:PassRole [PASSROLE], which the case's policies explain; the product reported it as"
              + " an outcome its policies do not explain", id).isEmpty();
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:AssociatedResourceArn

  /**
   * Q12. assoc-dev may pass AppInstanceRole to EC2 only for instances of us-east-1 (ArnLike iam:AssociatedResourceArn
   * arn:aws:ec2:us-east-1:111122223333:instance/*); its RunInstances in us-east-1 succeeded. [CK-IAM]: the key is the
   * ARN of the EC2 instance the role is associated with. The product must not call this PassRole denied (the log's
   * request carries no iam:AssociatedResourceArn; it may be undetermined, naming that key, or allowed), and must not
   * report a disagreement with CloudTrail.
   */
  @Test
  void associatedResourceArnIsNeverTakenAsAbsent() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<JsonNode> actions = all("assoc-run");
    List<JsonNode> pass = passRole("assoc-run");
    soft.assertThat(pass).as("iam:PassRole is an action of RunInstances with a profile: %s", whyAll(actions)).hasSize(1);
    for (JsonNode p : pass) {
      soft.assertThat(p.path("decision").asText()).as("[CK-IAM]: iam:AssociatedResourceArn is the instance's ARN, in us-east-1;"
          + " the PassRole cannot be denied on it: %s", why(p)).isIn("Allowed", "Undetermined");
      if (p.path("decision").asText().equals("Undetermined")) {
        soft.assertThat(ExplainedEvents.missing(p)).as("undetermined must name what it lacks: %s", why(p))
            .anyMatch(k -> k.contains("associatedresourcearn") || k.contains("resource"));
      }
    }
    soft.assertThat(eventVerdict("assoc-run")).as("CloudTrail recorded success: %s", whyAll(actions)).isNotEqualTo("disagrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ delegated admin: iam:PermissionsBoundary

  /**
   * Q13. iam-delegate creates user dev-delegate-user-boundary with permissionsBoundary = policy/DevBoundary, the one
   * boundary its policy requires; CloudTrail recorded success. [BOUNDARY]/[CK-IAM]: iam:PermissionsBoundary is the
   * boundary set by the request: Allowed, agrees, with the key in the request context.
   */
  @Test
  void createUserWithTheRequiredBoundaryIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "delegate-user-boundary", null, "Allowed", "agrees");
    soft.assertThat(context(e, "iam:PermissionsBoundary")).as("iam:PermissionsBoundary from requestParameters: %s", why(e))
        .isEqualTo(BOUNDARY);
    soft.assertAll();
  }

  /**
   * Q14. The same delegate creates a user without a permissionsBoundary; CloudTrail recorded AccessDenied. [BOUNDARY]:
   * Zhang "skips the Set permissions boundary section… The operation fails and access is denied." The request's
   * parameters are logged whole (requestParameters {"userName": …} only), so the key is absent, not unknown; [EVAL]: a
   * StringEquals on an absent key does not match: ImplicitDeny, agrees. "Undetermined" would leave the analyst unable
   * to tell the delegate's guard worked.
   */
  @Test
  void createUserWithoutABoundaryIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "delegate-user-noboundary", null, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /** Q15. A user created with AdministratorAccess as its boundary: not the required ARN, ImplicitDeny, as recorded. */
  @Test
  void createUserWithAnotherBoundaryIsDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "delegate-user-adminboundary", null, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q16. CreateRole with the required boundary and PutUserPermissionsBoundary setting it: both allowed by the same
   * statement [BOUNDARY] (the example's DelegatedUserBoundary lists iam:PutUserPermissionsBoundary with the same
   * condition), as recorded.
   */
  @Test
  void createRoleAndPutBoundaryWithTheRequiredBoundaryAreAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "delegate-role-boundary", null, "Allowed", "agrees");
    ExplainedEvents.expect(soft, caseDir, "delegate-put-boundary", "arn:aws:iam::111122223333:user/dev-delegate-user-boundary",
        "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ iam:PolicyARN

  /**
   * Q17. iam-delegate may attach only DevAppPolicy or ReadOnlyAccess to roles (ArnEquals iam:PolicyARN). Attaching
   * DevAppPolicy succeeded; attaching AdministratorAccess was refused. [CK-IAM] iam:PolicyARN: Allowed / ImplicitDeny
   * on role/role-delegate-role-boundary, both agree.
   */
  @Test
  void attachRolePolicyIsLimitedByPolicyArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String role = "arn:aws:iam::111122223333:role/role-delegate-role-boundary";
    JsonNode ok = ExplainedEvents.expect(soft, caseDir, "delegate-attach-app", role, "Allowed", "agrees");
    soft.assertThat(context(ok, "iam:PolicyARN")).as(why(ok)).isEqualTo("arn:aws:iam::111122223333:policy/DevAppPolicy");
    JsonNode no = ExplainedEvents.expect(soft, caseDir, "delegate-attach-admin", role, "ImplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.conditionsOn(no.path("trace"), "iam:PolicyARN")).as("the trace shows the iam:PolicyARN test: %s",
        why(no)).isNotEmpty();
    soft.assertAll();
  }

  /**
   * Q18. The refused AdministratorAccess attach is at most an attempt in the findings (docs/detections.md: a finding whose
   * calls were all denied "stays visible but says so"), and the allowed DevAppPolicy attach is no admin grant.
   */
  @Test
  void deniedAdminAttachIsAnAttemptNotAGrant() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode f : findingsOf("admin-policy-granted", "delegate-attach-admin")) {
      soft.assertThat(f.path("title").asText()).as("refused by the policy (iam:PolicyARN): %s", f).contains("attempted");
    }
    soft.assertThat(findingsOf("admin-policy-granted", "delegate-attach-app")).as("DevAppPolicy is not AdministratorAccess").isEmpty();
    soft.assertAll();
  }

  // ------------------------------------------------------------------ aws:RequestTag on CreateRole

  /**
   * Q19. tagged-creator may create roles only tagged team=dev (aws:RequestTag/team = dev, aws:TagKeys ⊆ [team]).
   * [TAGS-REQ]: the tags of CreateRole's request decide. team=dev: Allowed; team=ops: ImplicitDeny; no tags (the key is
   * absent from a fully logged request): ImplicitDeny [EVAL]. All three as CloudTrail recorded.
   */
  @Test
  void createRoleIsLimitedByRequestTags() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode dev = null;
    for (JsonNode e : all("tagged-create-dev")) {
      if (e.path("request").path("action").asText().equals("iam:CreateRole")) {
        dev = e;
      }
    }
    soft.assertThat(dev).as("iam:CreateRole replayed").isNotNull();
    if (dev != null) {
      soft.assertThat(dev.path("decision").asText()).as(why(dev)).isEqualTo("Allowed");
      soft.assertThat(context(dev, "aws:RequestTag/team")).as(why(dev)).isEqualTo("dev");
    }
    soft.assertThat(eventVerdict("tagged-create-dev")).as(whyAll(all("tagged-create-dev"))).isEqualTo("agrees");
    for (String id : List.of("tagged-create-ops", "tagged-create-none")) {
      List<JsonNode> l = all(id);
      soft.assertThat(l.stream().anyMatch(e -> e.path("decision").asText().equals("ImplicitDeny")))
          .as("%s: denied by the aws:RequestTag condition: %s", id, whyAll(l)).isTrue();
      soft.assertThat(eventVerdict(id)).as("%s: %s", id, whyAll(l)).isEqualTo("agrees");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ escalation: who can become an admin

  /**
   * Q20. lambda-escalator may pass any role and create and invoke functions; AdminLambdaRole trusts Lambda and has
   * AdministratorAccess. [PASSROLE] (the service then acts with the role's permissions) and docs/correlation.md's route
   * (iam:PassRole with iam:PassedToService = lambda.amazonaws.com + lambda:CreateFunction + lambda:InvokeFunction):
   * graph --escalations must list lambda-escalator → AdminLambdaRole, via iam:PassRole.
   */
  @Test
  void passRoleToLambdaWithAnAdminRoleIsAnEscalation() throws Exception {
    JsonNode doc = escalations();
    List<JsonNode> x = escalationsOf(doc, "arn:aws:iam::111122223333:user/lambda-escalator", ADMIN_LAMBDA);
    assertThat(x).as("lambda-escalator can pass AdminLambdaRole to Lambda and run code with it: %s", doc).isNotEmpty();
    assertThat(x.get(0).toString()).as("the route names iam:PassRole").contains("iam:PassRole");
  }

  /**
   * Q21. ec2-only-passer may pass any role, but only to ec2.amazonaws.com, and has Lambda create/invoke (no
   * RunInstances); AdminLambdaRole trusts only Lambda. [CK-IAM]: a Lambda function cannot be given the role, so no
   * escalation to AdminLambdaRole (nor to any admin); ec2-dev (AppInstanceRole only) can become no admin either.
   */
  @Test
  void aPassedToServiceConditionBlocksTheLambdaRoute() throws Exception {
    JsonNode doc = escalations();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(escalationsOf(doc, "arn:aws:iam::111122223333:user/ec2-only-passer", null))
        .as("iam:PassedToService = ec2.amazonaws.com only: the Lambda route is closed [CK-IAM]: %s", doc).isEmpty();
    soft.assertThat(escalationsOf(doc, "arn:aws:iam::111122223333:user/ec2-dev", null))
        .as("ec2-dev may pass only AppInstanceRole, which is no admin: %s", doc).isEmpty();
    soft.assertThat(escalationsOf(doc, "arn:aws:iam::111122223333:user/iam-delegate", null))
        .as("iam-delegate creates principals only under DevBoundary and attaches only approved policies [BOUNDARY]: %s", doc)
        .isEmpty();
    soft.assertAll();
  }
}
