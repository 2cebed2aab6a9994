package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of Lambda, SQS, SNS and EventBridge calls: "who invoked / changed this function, queue, topic or rule, and why
 * was it allowed or refused?". Run end to end: the records and IAM data of {@code src/test/resources/fixtures/serverless}
 * (two accounts' get-account-authorization-details, a resources-policies/v1 manifest with the CLI outputs of
 * {@code aws lambda get-policy}, {@code aws sqs get-queue-attributes} and {@code aws sns get-topic-attributes}, and
 * hand-made CloudTrail records in the documented shapes) are imported with the CLI and each event is read back with
 * {@code explain --event ID --json}. Cases already in ResourcePolicyAuditTest and PassRoleAuditTest are not repeated.
 *
 * <p>Accounts: 111122223333 owns function billing (policy: s3.amazonaws.com only), function reports (policy on the
 * unqualified ARN naming account 444455556666), queue ingest (policy: SendMessage for 444455556666), topic
 * billing-events (policy: Subscribe for 444455556666 only over https to https://hooks.partner.example/*, Publish for
 * 444455556666). Users: fn-dev (UpdateFunctionCode, GetPolicy, CreateFunction on billing, PassRole on BillingFnRole),
 * perm-admin (AddPermission/RemovePermission on billing if lambda:Principal = sns.amazonaws.com), url-admin
 * (Create/UpdateFunctionUrlConfig on billing if lambda:FunctionUrlAuthType = AWS_IAM), esm-byarn
 * (CreateEventSourceMapping with Resource = billing's ARN), esm-bycond (CreateEventSourceMapping on "*" if
 * lambda:FunctionArn = billing's ARN), worker (Receive/Delete/ChangeMessageVisibility on ingest), rules-admin (PutRule
 * on rule/nightly-*, PutTargets on rule/nightly-* if every events:TargetArn is a function of the account). 444455556666:
 * partner-dev (InvokeFunction, SendMessage, Subscribe, Publish on 111122223333's functions, queues, topics),
 * partner-noperm (no policy). Queue uploads: Allow s3.amazonaws.com if aws:SourceAccount = 111122223333, Deny "*"
 * sqs:SendMessage if aws:SourceAccount StringNotEquals 111122223333 (the confused-deputy pattern); user feeder may
 * SendMessage to uploads.
 *
 * <p>Pages (each test names the ones that fix its answer):
 *
 * <ul>
 *   <li>[LAMBDA-REF] Lambda Developer Guide, "Fine-tuning the Resources and Conditions sections of policies": "This is
 *       a special case where the action identifier (lambda:InvokeFunction) differs from the API operation (Invoke). For
 *       other actions, the action identifier is the operation name prefixed by lambda:"; "the lambda:Principal condition
 *       lets you restrict the service or account that a user can grant invocation access to on a function's
 *       resource-based policy"; event source mappings: "CreateEventSourceMapping | * | lambda:FunctionArn" and "Actions
 *       that don't support resource restrictions can only be granted for all resources (*)".
 *       https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html
 *   <li>[SAR-LAMBDA] Service Authorization Reference, AWS Lambda: CreateEventSourceMapping has no resource type
 *       (condition key lambda:FunctionArn); lambda:FunctionUrlAuthType "Filters access by authorization type specified in
 *       request. Available during CreateFunctionUrlConfig, UpdateFunctionUrlConfig, ..., AddPermission";
 *       lambda:Principal "Filters access by restricting the AWS service or account that can invoke a function".
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
 *   <li>[LAMBDA-CT] Lambda Developer Guide, "Logging AWS Lambda API calls using AWS CloudTrail" (management events
 *       carry the API version in eventName, e.g. UpdateFunctionCode20150331v2; Invoke is a data event):
 *       https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html
 *   <li>[LAMBDA-VERSIONS] Lambda Developer Guide, "Versioning, Aliases, and Resource Policies": "the permission you
 *       grant apply only to the ARN used in the add permission request ... If you use an unqualified function name (such
 *       as helloworld), the permission is valid only for invoking the helloworld function using the unqualified function
 *       ARN (using any other ARNs will result in a permission error)."
 *       https://docs.aws.amazon.com/lambda/latest/dg/versioning-aliases-permissions.html; Lambda API Reference,
 *       AddPermission: "If you use a qualifier, the invoker must use the full Amazon Resource Name (ARN) of that version
 *       or alias to invoke the function." https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html; "Using
 *       Lambda aliases": "If you attempt to invoke the function without an alias or a specific version, then you get a
 *       permission error." https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html
 *   <li>[SQS-BATCH] SQS Developer Guide, "Amazon SQS batch actions": "You cannot set permissions explicitly for
 *       SendMessageBatch, DeleteMessageBatch, or ChangeMessageVisibilityBatch. Instead, setting permissions for
 *       SendMessage, DeleteMessage, or ChangeMessageVisibility sets permissions for the corresponding batch versions of
 *       the actions." https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api.html
 *   <li>[SNS-KEYS] SNS Developer Guide, "Amazon SNS API permissions: Actions and resource reference": sns:Publish
 *       "Grants permission to both publish and publish batch"; service-specific keys for Subscribe: sns:endpoint "The URL,
 *       email address, or ARN from a Subscribe request or a previously confirmed subscription", sns:protocol "The protocol
 *       value from a Subscribe request or a previously confirmed subscription".
 *       https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html
 *   <li>[SAR-EVENTS] Service Authorization Reference, Amazon EventBridge: PutRule and PutTargets act on
 *       rule-on-default-event-bus arn:${Partition}:events:${Region}:${Account}:rule/${RuleName} or
 *       rule-on-custom-event-bus ...:rule/${EventBusName}/${RuleName}; events:TargetArn "Filters access by the ARN of a
 *       target that can be put to a rule to PutTargets actions".
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 *   <li>[SOURCE-ACCOUNT] IAM User Guide, "AWS global condition context keys": "the aws:SourceAccount condition key is
 *       only available when the call to your resource is made directly by an AWS service principal."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   <li>[COND-OPS] IAM User Guide, "IAM JSON policy elements: Condition operators": "If the key that you specify in a
 *       policy condition is not present in the request context, the values do not match and the condition is false. If
 *       the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key
 *       is not present, the condition is true."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *   <li>[CROSS] IAM User Guide, "Cross-account policy evaluation logic":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * </ul>
 *
 * A failing test here is a wrong answer of the product: its message says what AWS documents and what the product said.
 */
class ServerlessAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/serverless");
  static final String A = "111122223333";
  static final String BILLING = "arn:aws:lambda:us-east-1:111122223333:function:billing";
  static final String REPORTS = "arn:aws:lambda:us-east-1:111122223333:function:reports";
  static final String INGEST = "arn:aws:sqs:us-east-1:111122223333:ingest";
  static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:billing-events";
  static final String RULES = "arn:aws:events:us-east-1:111122223333:rule/";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json", "iam-444455556666.json",
        "resource-policies.json");
    assertThat(r.out()).contains("5 resource policies").contains("28 added");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  /** Checks action, resource, decision and verdict of the event's only evaluated action, with AWS's answer in the message. */
  static void expect(SoftAssertions soft, String eventId, String action, String resource, String decision, String verdict,
      String aws) throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", eventId, "--json");
    List<JsonNode> all = ExplainedEvents.jsonLines(r.out());
    soft.assertThat(all).as("%s: one evaluated action (AWS documents: %s); product printed (exit %d): %s %s", eventId, aws,
        r.exit(), r.out().strip(), r.err().strip()).hasSize(1);
    if (all.isEmpty()) {
      return;
    }
    JsonNode e = all.get(0);
    String said = " | AWS documents: " + aws + " | product said: " + why(e);
    if (action != null) {
      soft.assertThat(e.path("request").path("action").asText()).as("IAM action" + said).isEqualTo(action);
    }
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("resource" + said).isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText()).as("decision" + said).isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("verdict" + said).isEqualTo(verdict);
  }

  // ------------------------------------------------------------------ Lambda event names

  /**
   * Q1. "Who changed the code of billing?" fn-dev's UpdateFunctionCode20150331v2 and GetPolicy20150331v2 on billing are
   * lambda:UpdateFunctionCode and lambda:GetPolicy on the function ARN [LAMBDA-REF] [LAMBDA-CT]; fn-dev's policy allows
   * both on billing: allowed, as recorded. The same UpdateFunctionCode on payroll, which the policy does not name:
   * ImplicitDeny, as recorded.
   */
  @Test
  void versionedLambdaEventNamesAreTheirIamActions() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-update-code", "lambda:UpdateFunctionCode", BILLING, "Allowed", "agrees",
        "UpdateFunctionCode20150331v2 is lambda:UpdateFunctionCode on the function, allowed by fn-dev's policy");
    expect(soft, "lam-get-policy", "lambda:GetPolicy", BILLING, "Allowed", "agrees",
        "GetPolicy20150331v2 is lambda:GetPolicy on the function, allowed by fn-dev's policy");
    expect(soft, "lam-update-code-other", "lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:111122223333:function:payroll",
        "ImplicitDeny", "agrees", "no statement allows UpdateFunctionCode on payroll");
    soft.assertAll();
  }

  /**
   * Q2. CreateFunction20150331 is lambda:CreateFunction on the new function plus iam:PassRole on its execution role
   * [LAMBDA-REF]; fn-dev may do both: each allowed, as recorded.
   */
  @Test
  void createFunction20150331IsCreateFunctionAndPassRole() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "lam-create-function");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(all.stream().map(e -> e.path("request").path("action").asText()).toList())
        .as("actions of CreateFunction20150331:" + ExplainedEvents.whyAll(all))
        .containsExactlyInAnyOrder("lambda:CreateFunction", "iam:PassRole");
    for (JsonNode e : all) {
      soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("Allowed");
      soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    }
    soft.assertThat(all.stream().filter(e -> e.path("request").path("action").asText().equals("lambda:CreateFunction"))
        .map(e -> e.path("request").path("resource").asText()).toList()).as(ExplainedEvents.whyAll(all)).containsExactly(BILLING);
    soft.assertAll();
  }

  // ------------------------------------------------------------------ lambda:Principal, lambda:FunctionUrlAuthType

  /**
   * Q3. "Who let SNS invoke billing?" perm-admin may call AddPermission only with lambda:Principal = sns.amazonaws.com
   * [LAMBDA-REF] [SAR-LAMBDA]. The record carries the request's principal (requestParameters.principal =
   * sns.amazonaws.com): the condition holds, allowed, as recorded. The log carries the value, so the answer is decided,
   * not undetermined.
   */
  @Test
  void addPermissionForTheAllowedServicePrincipalIsDecidedOnLambdaPrincipal() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-addperm-sns", "lambda:AddPermission", BILLING, "Allowed", "agrees",
        "lambda:Principal is the request's Principal, sns.amazonaws.com, which the StringEquals condition names");
    soft.assertAll();
  }

  /**
   * Q4. The same user tried to add account 999988887777 as an invoker: lambda:Principal = 999988887777 does not match,
   * no other statement allows: ImplicitDeny, as recorded (AccessDeniedException) [LAMBDA-REF].
   */
  @Test
  void addPermissionForAnotherAccountIsRefusedOnLambdaPrincipal() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-addperm-acct", "lambda:AddPermission", BILLING, "ImplicitDeny", "agrees",
        "lambda:Principal is 999988887777, not sns.amazonaws.com: the only statement does not match");
    soft.assertAll();
  }

  /**
   * Q5. "Who created the function URL, and with which auth type?" url-admin may create URLs only with
   * lambda:FunctionUrlAuthType = AWS_IAM [SAR-LAMBDA]. requestParameters.authType AWS_IAM: allowed, as recorded.
   */
  @Test
  void functionUrlWithAwsIamAuthIsAllowedOnFunctionUrlAuthType() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-url-iam", "lambda:CreateFunctionUrlConfig", BILLING, "Allowed", "agrees",
        "lambda:FunctionUrlAuthType is the request's AuthType, AWS_IAM, which the condition requires");
    soft.assertAll();
  }

  /** Q6. The same user's attempt at a public URL (authType NONE): the condition fails, ImplicitDeny, as recorded [SAR-LAMBDA]. */
  @Test
  void functionUrlWithAuthNoneIsRefusedOnFunctionUrlAuthType() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-url-none", "lambda:CreateFunctionUrlConfig", BILLING, "ImplicitDeny", "agrees",
        "lambda:FunctionUrlAuthType is NONE, the condition requires AWS_IAM");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ event source mappings

  /**
   * Q7. esm-byarn's only statement allows lambda:CreateEventSourceMapping with Resource = billing's function ARN.
   * CreateEventSourceMapping supports no resource restriction: its resource is "*" [LAMBDA-REF] [SAR-LAMBDA], so a
   * statement naming the function does not match and AWS refused the call (AccessDeniedException). The product must
   * not evaluate it on the function named by requestParameters.functionName (which would allow it and call AWS's
   * refusal a disagreement).
   */
  @Test
  void createEventSourceMappingIsNotAuthorizedOnTheFunctionArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-esm-byarn-denied", "lambda:CreateEventSourceMapping", "*", "ImplicitDeny", "agrees",
        "CreateEventSourceMapping is authorized on resource *; a statement whose Resource is the function ARN does not match");
    soft.assertAll();
  }

  /**
   * Q8. esm-bycond may create mappings on "*" when lambda:FunctionArn = billing's ARN [LAMBDA-REF]: "The
   * lambda:FunctionArn condition lets you restrict which functions a user can configure an event source to invoke".
   * The request names billing by its full ARN (requestParameters.functionName, also responseElements.functionArn):
   * allowed, as recorded; decided, since the log carries the value.
   */
  @Test
  void createEventSourceMappingIsDecidedOnLambdaFunctionArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-esm-bycond-ok", "lambda:CreateEventSourceMapping", "*", "Allowed", "agrees",
        "Resource * matches, lambda:FunctionArn is billing's ARN as the condition requires");
    soft.assertAll();
  }

  /** Q9. The same user mapping the queue to payroll: lambda:FunctionArn is payroll's ARN, ImplicitDeny, as recorded [LAMBDA-REF]. */
  @Test
  void createEventSourceMappingForAnotherFunctionIsRefusedOnLambdaFunctionArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-esm-bycond-other", "lambda:CreateEventSourceMapping", "*", "ImplicitDeny", "agrees",
        "lambda:FunctionArn is payroll's ARN, the condition requires billing's");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ qualified invocations

  /**
   * Q10. reports' policy (on the unqualified ARN) names account 444455556666; partner-dev's identity allows
   * lambda:InvokeFunction on the account's functions. Invoke by the unqualified ARN: both sides allow [CROSS]
   * [LAMBDA-VERSIONS], allowed, as recorded.
   */
  @Test
  void crossAccountInvokeOfTheUnqualifiedFunctionIsAllowedByItsPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-partner-invoke-unqualified", "lambda:InvokeFunction", REPORTS, "Allowed", "agrees",
        "the unqualified function's policy names the caller's account, and the caller's identity policy allows");
    soft.assertAll();
  }

  /**
   * Q11. The same caller invoking reports with Qualifier prod: the resource is the alias ...:reports:prod, and the
   * unqualified function's policy does not cover it [LAMBDA-VERSIONS]; AWS refused ("no resource-based policy allows").
   * ImplicitDeny, which agrees; the unqualified policy must not be used for the alias.
   */
  @Test
  void aliasInvokeIsNotCoveredByTheUnqualifiedFunctionPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lam-partner-invoke-alias-denied", "lambda:InvokeFunction", REPORTS + ":prod", "ImplicitDeny", "agrees",
        "a permission on the unqualified ARN is valid only for invocations by the unqualified ARN");
    soft.assertAll();
  }

  /**
   * Q12. partner-dev invoked version 7 (functionName ...:reports:7) and succeeded. The unqualified function's policy,
   * the only one the case holds for reports, does not cover a version [LAMBDA-VERSIONS]: version 7 has a policy of its
   * own that allowed the call and the case does not hold it. The honest answer is "undetermined" (missing policy), not
   * "agrees" on the strength of the unqualified policy.
   */
  @Test
  void versionInvokeIsNotDecidedByTheUnqualifiedFunctionPolicy() throws Exception {
    JsonNode e = explain("lam-partner-invoke-version-ok");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(REPORTS + ":7");
    soft.assertThat(e.path("verdict").asText()).as("AWS documents: the unqualified policy does not cover version 7, whose own"
        + " policy is not in the case | product said: " + why(e)).isEqualTo("undetermined");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ SQS batch data events

  /**
   * Q13. "Who wrote to ingest from outside?" partner-dev's SendMessageBatch is authorized as sqs:SendMessage [SQS-BATCH]
   * on the queue of requestParameters.queueUrl; the queue policy names 444455556666 and partner-dev's identity allows
   * SendMessage: allowed, as recorded [CROSS].
   */
  @Test
  void sendMessageBatchIsAuthorizedAsSendMessage() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-partner-sendbatch", "sqs:SendMessage", INGEST, "Allowed", "agrees",
        "SendMessageBatch is authorized by sqs:SendMessage; queue policy and caller's identity policy both allow it");
    soft.assertAll();
  }

  /** Q14. partner-noperm's SendMessageBatch: sqs:SendMessage, its own account grants nothing: ImplicitDeny, as recorded [SQS-BATCH] [CROSS]. */
  @Test
  void sendMessageBatchWithoutAnIdentityGrantIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-noperm-sendbatch", "sqs:SendMessage", INGEST, "ImplicitDeny", "agrees",
        "SendMessageBatch is authorized by sqs:SendMessage; the caller's account does not allow it");
    soft.assertAll();
  }

  /**
   * Q15. worker's DeleteMessageBatch and ChangeMessageVisibilityBatch are sqs:DeleteMessage and
   * sqs:ChangeMessageVisibility [SQS-BATCH], which worker's identity policy allows on ingest: allowed, as recorded.
   */
  @Test
  void deleteAndVisibilityBatchesAreAuthorizedAsTheirSingleActions() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-worker-deletebatch", "sqs:DeleteMessage", INGEST, "Allowed", "agrees",
        "DeleteMessageBatch is authorized by sqs:DeleteMessage, which worker's policy allows");
    expect(soft, "sqs-worker-visibilitybatch", "sqs:ChangeMessageVisibility", INGEST, "Allowed", "agrees",
        "ChangeMessageVisibilityBatch is authorized by sqs:ChangeMessageVisibility, which worker's policy allows");
    soft.assertAll();
  }

  /**
   * Q15'. uploads' policy denies sqs:SendMessage to everyone when aws:SourceAccount is not 111122223333. feeder (whose
   * identity policy allows SendMessage) sends directly: aws:SourceAccount is only in the request context when an AWS
   * service principal makes the call [SOURCE-ACCOUNT], so here it is absent, StringNotEquals on an absent key is true
   * [COND-OPS], and the Deny applies: ExplicitDeny, as recorded. The caller is an IAM user with no invokedBy, so the
   * log settles that the key is absent: the answer is decided, not undetermined.
   */
  @Test
  void directSendIsDeniedByASourceAccountDenyBecauseTheKeyIsAbsent() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-feeder-send-denied", "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:uploads", "ExplicitDeny",
        "agrees", "aws:SourceAccount is absent for a direct call; StringNotEquals on an absent key holds, so the Deny applies");
    soft.assertAll();
  }

  /**
   * Q15''. S3 delivering an event to uploads (userIdentity AWSService, invokedBy s3.amazonaws.com): the Allow and the
   * Deny both turn on aws:SourceAccount, the bucket owner's account, which the record does not carry [SOURCE-ACCOUNT].
   * Undetermined, naming aws:SourceAccount; neither "ExplicitDeny" nor "disagrees".
   */
  @Test
  void serviceDeliveryToASourceAccountGuardedQueueIsUndetermined() throws Exception {
    JsonNode e = explain("sqs-s3-delivery");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as(why(e)).contains("aws:sourceaccount");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ SNS

  /**
   * Q16. "Who subscribed what to billing-events?" The topic policy lets 444455556666 subscribe only with sns:Protocol =
   * https and sns:Endpoint like https://hooks.partner.example/* [SNS-KEYS]. partner-dev's Subscribe logs protocol https
   * and endpoint https://hooks.partner.example/billing: the conditions hold, both sides allow [CROSS]: allowed, as
   * recorded, and decided on values the log carries.
   */
  @Test
  void subscribeOverHttpsToTheAllowedEndpointIsAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sns-partner-sub-https", "sns:Subscribe", TOPIC, "Allowed", "agrees",
        "sns:Protocol = https and sns:Endpoint = https://hooks.partner.example/billing satisfy the topic policy's conditions");
    soft.assertAll();
  }

  /**
   * Q17. The same caller subscribing an e-mail address (protocol email, endpoint drop@exfil.example): sns:Protocol does
   * not match, the topic policy does not allow, AWS refused (AuthorizationError) [SNS-KEYS] [CROSS]: ImplicitDeny, which
   * agrees. The refusal is decided by values in the log, not undetermined.
   */
  @Test
  void subscribeByEmailIsRefusedOnSnsProtocol() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sns-partner-sub-email", "sns:Subscribe", TOPIC, "ImplicitDeny", "agrees",
        "sns:Protocol = email does not match https: the topic policy does not allow the cross-account Subscribe");
    soft.assertAll();
  }

  /** Q18. PublishBatch is authorized as sns:Publish [SNS-KEYS]; the topic policy names the partner account: allowed, as recorded. */
  @Test
  void publishBatchIsAuthorizedAsPublish() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sns-partner-publishbatch", "sns:Publish", TOPIC, "Allowed", "agrees",
        "sns:Publish grants both Publish and PublishBatch; both sides allow");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ EventBridge

  /**
   * Q19. "Who created this rule?" rules-admin may call PutRule on rule/nightly-*. PutRule acts on
   * arn:aws:events:REGION:ACCOUNT:rule/NAME on the default bus [SAR-EVENTS]; the record names the rule
   * (requestParameters.name, and responseElements.ruleArn when it succeeded). nightly-report: allowed, as recorded;
   * exfil-all: ImplicitDeny, as recorded. Both are decided: the log carries the rule's name.
   */
  @Test
  void putRuleIsDecidedOnTheRuleArnOfTheDefaultBus() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "eb-putrule-ok", "events:PutRule", RULES + "nightly-report", "Allowed", "agrees",
        "PutRule acts on rule/nightly-report, which rule/nightly-* matches");
    expect(soft, "eb-putrule-denied", "events:PutRule", RULES + "exfil-all", "ImplicitDeny", "agrees",
        "PutRule acts on rule/exfil-all, which no statement names");
    soft.assertAll();
  }

  /**
   * Q20. PutRule on the custom bus ops-bus (requestParameters.eventBusName) acts on rule/ops-bus/nightly-copy
   * [SAR-EVENTS], which rule/nightly-* does not match: ImplicitDeny, as recorded (the error message names the same ARN).
   */
  @Test
  void putRuleOnACustomBusIsDecidedOnTheBusQualifiedRuleArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "eb-putrule-custombus-denied", "events:PutRule", RULES + "ops-bus/nightly-copy", "ImplicitDeny", "agrees",
        "a rule on a custom bus is rule/BUS/NAME; rule/nightly-* does not match rule/ops-bus/nightly-copy");
    soft.assertAll();
  }

  /**
   * Q21. "Where do this rule's events go?" rules-admin may PutTargets on rule/nightly-* only when every events:TargetArn
   * is a function of 111122223333 [SAR-EVENTS]. The record lists the targets (requestParameters.targets[].arn): a
   * function of the account, allowed, as recorded; another account's event bus, ImplicitDeny, as recorded.
   */
  @Test
  void putTargetsIsDecidedOnEventsTargetArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "eb-puttargets-lambda", "events:PutTargets", RULES + "nightly-report", "Allowed", "agrees",
        "events:TargetArn = [function reporter of the account] satisfies ForAllValues:ArnLike");
    expect(soft, "eb-puttargets-foreign", "events:PutTargets", RULES + "nightly-report", "ImplicitDeny", "agrees",
        "events:TargetArn = [event bus of 999988887777] fails ForAllValues:ArnLike");
    soft.assertAll();
  }
}
