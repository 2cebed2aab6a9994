package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of resource-based policies other than S3 and KMS, and of cross-account access through them: SQS queue
 * policies, SNS topic policies, Lambda function (and alias) policies, Secrets Manager secret policies, ECR repository
 * policies, EventBridge event bus policies, and a role trust policy with sts:ExternalId. Run end to end: the records
 * and IAM data of {@code src/test/resources/fixtures/resource-policies} (two accounts' get-account-authorization-details,
 * a resource-policies/v1 manifest holding the CLI outputs as docs/iam-formats.md lists them) are imported with the CLI
 * ({@code trailbench import}) and each event is read back with {@code explain --event ID --json}.
 *
 * <p>Accounts: 111122223333 owns the resources (users alice and carol without policies, bob with an SQS policy, roles
 * AppRole, BoundedRole, ThirdPartyRole, VendorRole); 444455556666 is the partner (user partner-dev whose identity policy
 * allows the cross-account calls, user partner-noperm without policies, role PartnerRole).
 *
 * <p>Each test asserts what AWS's documentation says the answer is. Pages:
 *
 * <ul>
 *   <li>[EVAL-SAME] IAM User Guide, "Policy evaluation for requests within a single account": "If either the
 *       identity-based policy or the resource-based policy within the same account allows the request and the other
 *       doesn't, the request is still allowed."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 *   <li>[EVAL-LOGIC] IAM User Guide, "How AWS enforcement code logic evaluates requests to allow or deny access"
 *       (a resource-based policy naming the IAM user or the session principal is not limited by an implicit deny in a
 *       permissions boundary or session policy; one naming the role ARN is):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 *   <li>[CROSS] IAM User Guide, "Cross-account policy evaluation logic" (the resource-based policy in the trusting
 *       account and the principal's identity-based policy must both allow):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *   <li>[PRINCIPAL] IAM User Guide, "AWS JSON policy elements: Principal", AWS account principals (naming an account
 *       "delegates authority to the account"; the account's identity-based policies must then allow):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element" (type AWSService with invokedBy for calls an
 *       AWS service makes; type AWSAccount for a request another account made, with that account's accountId and the
 *       caller's principalId): https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *   <li>[SQS-CT] SQS Developer Guide, "Logging Amazon SQS API calls using AWS CloudTrail" (SendMessage data event:
 *       requestParameters.queueUrl https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, messageBody HIDDEN_DUE_TO_SECURITY_REASONS):
 *       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-logging-using-cloudtrail.html
 *   <li>[SNS-ACCESS] SNS Developer Guide, "Example cases for Amazon SNS access control" (AddPermission writes
 *       Principal {"AWS": "111122223333"}): https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
 *   <li>[LAMBDA-RBP] Lambda Developer Guide, "Viewing resource-based IAM policies in Lambda" and "Using Lambda aliases
 *       in event sources and permissions policies" (a policy applies to a function, version or alias; an alias has its
 *       own ARN and policy): https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html,
 *       https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html
 *   <li>[LAMBDA-INVOKE] Lambda API Reference, Invoke: FunctionName "my-function", "my-function:v1", the function ARN or
 *       the partial ARN "123456789012:function:my-function"; "You can append a version number or alias to any of the
 *       formats"; Qualifier "Specify a version or alias to invoke a published version of the function":
 *       https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 *   <li>[LAMBDA-CT] Lambda Developer Guide, "Logging AWS Lambda API calls using AWS CloudTrail" (Invoke is a data
 *       event, eventName Invoke): https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html
 *   <li>[SM-CT] Secrets Manager User Guide, "AWS CloudTrail entries for Secrets Manager":
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/cloudtrail_log_entries.html; SecretId of
 *       GetSecretValue (the ARN or name; a partial ARN is accepted):
 *       https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html; cross-account access
 *       needs the secret's resource policy and the caller's identity policy:
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html
 *   <li>[ECR-POLICY] ECR User Guide, "Private repository policies" (statements without a Resource element) and
 *       "Logging Amazon ECR actions with AWS CloudTrail" (requestParameters registryId, repositoryName; resources[]
 *       arn:aws:ecr:REGION:ACCOUNT:repository/NAME): https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html,
 *       https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html; the repository ARN format
 *       arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName} (Service Authorization Reference, Amazon
 *       ECR): https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html
 *   <li>[EB-XACCT] EventBridge User Guide, "Sending and receiving events between AWS accounts in Amazon EventBridge"
 *       (the receiving bus's resource-based policy allows events:PutEvents for the sending account):
 *       https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html
 *   <li>[EXTID] IAM User Guide, "Access to AWS accounts owned by third parties" (trust policy condition
 *       sts:ExternalId): https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 *   <li>[DEPUTY] IAM User Guide, "The confused deputy problem" (service principals restricted with aws:SourceArn /
 *       aws:SourceAccount): https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json); src/main is not changed.
 */
class ResourcePolicyAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/resource-policies");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String A = "111122223333";
  static final String ORDERS = "arn:aws:sqs:us-east-1:111122223333:orders";
  static final String PROCESSOR = "arn:aws:lambda:us-east-1:111122223333:function:processor";
  static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
  static final String REPO = "arn:aws:ecr:us-east-1:111122223333:repository/app";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString(), FIXTURES.resolve("iam-444455556666.json").toString(),
        FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("12 resource policies").contains("43 added");
  }

  /** The explain --json object of the event's only action. */
  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }


  static List<String> missing(JsonNode e) {
    return ExplainedEvents.missing(e);
  }

  static void walk(JsonNode n, java.util.function.Consumer<JsonNode> f) {
    ExplainedEvents.walk(n, f);
  }

  static List<JsonNode> conditionsOn(JsonNode trace, String key) {
    return ExplainedEvents.conditionsOn(trace, key);
  }

  static void expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }


  // ------------------------------------------------------------------ same account

  /**
   * Question 1. Same account, no identity-based policy at all, and the queue policy names the caller: the user alice
   * (SendMessage on orders), the role session AppRole/app-session (ReceiveMessage on jobs), the role AppRole
   * (ReceiveMessage on reports). [EVAL-SAME]: either the identity-based or the resource-based policy suffices within
   * one account, so all three are allowed, as CloudTrail recorded. The resource is the queue URL turned into
   * arn:aws:sqs:REGION:ACCOUNT:NAME [SQS-CT].
   */
  @Test
  void sameAccountCallerNamedByTheQueuePolicyNeedsNoIdentityPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-alice-send", ORDERS, "Allowed", "agrees");
    expect(soft, "sqs-session-receive", "arn:aws:sqs:us-east-1:111122223333:jobs", "Allowed", "agrees");
    expect(soft, "sqs-role-receive", "arn:aws:sqs:us-east-1:111122223333:reports", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Question 1'. BoundedRole has a permissions boundary allowing only s3:GetObject. [EVAL-LOGIC]: a same-account
   * resource policy naming the session ARN grants past the boundary's implicit deny (allowed, as recorded); one naming
   * the role ARN does not (denied, as recorded).
   */
  @Test
  void roleArnGrantIsCappedByTheBoundaryButASessionArnGrantIsNot() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-bounded-role-receive", "arn:aws:sqs:us-east-1:111122223333:bounded-role-q", "ImplicitDeny", "agrees");
    expect(soft, "sqs-bounded-session-receive", "arn:aws:sqs:us-east-1:111122223333:bounded-session-q", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Question 2. The orders queue policy grants sqs:ReceiveMessage to the account root (arn:aws:iam::111122223333:root)
   * only. [PRINCIPAL]: that delegates to the account's identity-based policies. carol has none: denied (CloudTrail
   * recorded AccessDenied); bob's identity policy allows ReceiveMessage: allowed.
   */
  @Test
  void accountRootInTheQueuePolicyDelegatesToIdentityPolicies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-carol-receive-rootonly", ORDERS, "ImplicitDeny", "agrees");
    expect(soft, "sqs-bob-receive-rootonly", ORDERS, "Allowed", "agrees");
    soft.assertAll();
  }

  /** Question 3. An explicit Deny (Principal "*", sqs:PurgeQueue) in the queue policy beats bob's identity allow. */
  @Test
  void explicitDenyInTheQueuePolicyWins() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-bob-purge-deny", ORDERS, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ cross account

  /**
   * Question 4. partner-dev (444455556666), whose identity policy allows sqs:SendMessage on the partner's queues,
   * sends to orders, whose policy names account 444455556666: both sides allow [CROSS], allowed, as recorded. The same
   * call as logged in the caller's own trail (recipientAccountId 444455556666, no resources[]) yields the same queue ARN
   * from the URL (the account in the URL is the queue's, not the recipient's) and the same decision.
   */
  @Test
  void crossAccountSendIsAllowedWhenBothSidesAllow() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-partner-send", ORDERS, "Allowed", "agrees");
    expect(soft, "sqs-partner-send-callercopy", ORDERS, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Question 5. Cross-account, one side missing [CROSS]: partner-noperm has no identity policy (the queue policy names
   * its account): denied; partner-dev sends to jobs, whose policy does not name 444455556666: denied. Both recorded as
   * AccessDenied.
   */
  @Test
  void crossAccountSendIsDeniedWhenEitherSideDoesNotAllow() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sqs-partner-noperm-send", ORDERS, "ImplicitDeny", "agrees");
    expect(soft, "sqs-partner-send-unnamed", "arn:aws:sqs:us-east-1:111122223333:jobs", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 6. SNS delivering to a queue: the queue policy allows the service principal sns.amazonaws.com on the
   * condition aws:SourceArn = the alerts topic [DEPUTY]. The delivery is logged as an SQS SendMessage by an AWS service
   * (userIdentity type AWSService, invokedBy sns.amazonaws.com [CT-UID]); the record does not say on behalf of which
   * topic. So the decision depends on aws:SourceArn, which the log cannot show: undetermined, naming aws:SourceArn.
   */
  @Test
  void snsDeliveryToAQueueIsUndeterminedOnSourceArn() throws Exception {
    JsonNode e = explain("sqs-sns-delivery");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(missing(e)).as(why(e)).contains("aws:sourcearn");
  }

  // ------------------------------------------------------------------ Lambda

  /**
   * Question 7. EventBridge invoking a function: the function policy (as AddPermission writes it for a rule) allows
   * events.amazonaws.com with ArnLike AWS:SourceArn = the nightly rule [LAMBDA-RBP] [DEPUTY]. The Invoke data event
   * [LAMBDA-CT] is made by the service (AWSService, invokedBy events.amazonaws.com [CT-UID]) and does not carry the
   * rule: undetermined, naming aws:SourceArn, never "disagrees".
   */
  @Test
  void eventBridgeInvokingAFunctionIsUndeterminedOnSourceArn() throws Exception {
    JsonNode e = explain("lambda-events-invoke");
    assertThat(e.path("request").path("resource").asText()).isEqualTo(PROCESSOR);
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(missing(e)).as(why(e)).contains("aws:sourcearn");
  }

  /**
   * Question 8. Cross-account Invoke by partner-dev with the function ARN, and with the alias ARN ...:processor:live
   * whose own policy names the partner account [LAMBDA-RBP] [CROSS]: both allowed, as recorded, each decided on its
   * own ARN.
   */
  @Test
  void crossAccountInvokeOfTheFunctionAndOfItsAlias() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lambda-partner-invoke-arn", PROCESSOR, "Allowed", "agrees");
    expect(soft, "lambda-partner-invoke-alias", PROCESSOR + ":live", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Question 9. The function named by name ("processor") and by partial ARN ("111122223333:function:processor")
   * [LAMBDA-INVOKE] is the function ARN; alice is named in the function's policy: allowed, as recorded. Named
   * "processor" with Qualifier "live" it is the alias, whose policy names only the partner account: alice (no identity
   * policy) is denied, as recorded.
   */
  @Test
  void functionNameFormsYieldTheFunctionOrAliasArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lambda-alice-invoke-name", PROCESSOR, "Allowed", "agrees");
    expect(soft, "lambda-alice-invoke-partial", PROCESSOR, "Allowed", "agrees");
    expect(soft, "lambda-alice-invoke-name-qualifier", PROCESSOR + ":live", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 9'. The full function ARN with a separate Qualifier "live": [LAMBDA-INVOKE] lets the qualifier be given
   * either appended or as the Qualifier parameter, and invoking with it invokes the alias, whose own policy decides
   * [LAMBDA-RBP]. The alias policy does not name alice (who has no identity policy), and CloudTrail recorded
   * AccessDenied: the resource must be ...:processor:live and the decision ImplicitDeny, which agrees. Deciding on the
   * unqualified function's policy (which names alice) would call a correct refusal a disagreement.
   */
  @Test
  void fullFunctionArnWithAQualifierParameterIsTheAlias() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "lambda-alice-invoke-arn-qualifier", PROCESSOR + ":live", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ a resource policy the case does not hold

  /**
   * Question 10. The case holds no policy for function orphan, yet alice, who has no identity-based policy, invoked it
   * successfully. In one account only the function's resource-based policy can have allowed that [EVAL-SAME]; every
   * function's policy (possibly empty) exists in AWS [LAMBDA-RBP], and the case lacks it. The honest answer is
   * "undetermined" because of the missing policy (as the product answers for a KMS key whose key policy is not in the
   * case), not "disagrees" with "a policy changed" as the only explanation.
   */
  @Test
  void sameAccountInvokeOfAFunctionWhosePolicyIsNotInTheCaseIsUndetermined() throws Exception {
    JsonNode e = explain("lambda-alice-invoke-nopolicy");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
  }

  /**
   * Question 10'. Cross-account: partner-dev's identity allows Invoke on orphan and the call succeeded; the function's
   * policy, which must allow a cross-account call [CROSS], is not in the case: undetermined, not "disagrees".
   */
  @Test
  void crossAccountInvokeOfAFunctionWhosePolicyIsNotInTheCaseIsUndetermined() throws Exception {
    JsonNode e = explain("lambda-partner-invoke-nopolicy");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
  }

  /**
   * Question 10''. The same for a queue: partner-dev sent to queue unlisted, whose queue policy the case does not hold;
   * the cross-account call succeeded, so the queue's policy allowed it [CROSS]. Undetermined (missing policy), not
   * "disagrees".
   */
  @Test
  void crossAccountSendToAQueueWhosePolicyIsNotInTheCaseIsUndetermined() throws Exception {
    JsonNode e = explain("sqs-partner-send-nopolicy");
    assertThat(e.path("request").path("resource").asText()).isEqualTo("arn:aws:sqs:us-east-1:111122223333:unlisted");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
  }

  /**
   * Question 10'''. The same function, refused: alice (no identity policy) and partner-dev (identity allows Invoke on
   * orphan) got AccessDeniedException. The missing function policy could only have allowed the call (it is optional, and
   * the product does not take it to deny); AWS refused it, so it did not allow, and what the case holds decides the rest:
   * an implicit deny [EVAL-SAME], [CROSS], which agrees, and the explanation says why the missing policy does not matter.
   */
  @Test
  void aRefusedCallOnAFunctionWhosePolicyIsNotInTheCaseIsExplainedByWhatTheCaseHolds() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("lambda-alice-invoke-nopolicy-denied", "lambda-partner-invoke-nopolicy-denied")) {
      JsonNode e = explain(id);
      soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:orphan");
      soft.assertThat(e.path("decision").asText()).as(why(e)).isEqualTo("ImplicitDeny");
      soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
      soft.assertThat(e.path("gaps").toString()).as(why(e)).contains("could only have allowed the call")
          .doesNotContain("it may allow the call");
      soft.assertThat(e.path("missing")).as(why(e)).isEmpty();
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Secrets Manager

  /**
   * Question 11. The secret's policy (get-resource-policy output) names role 444455556666:role/PartnerRole and user
   * alice, with Resource "*" (the secret itself). PartnerRole's session reads it cross-account by full ARN and by
   * partial ARN (no random suffix): both allowed [SM-CT] [CROSS], decided on the full ARN
   * ...:secret:prod/db-AbCdEf. alice reads it by name in her own account: allowed by the secret policy alone
   * [EVAL-SAME]. partner-noperm (not named, no identity policy): denied.
   */
  @Test
  void secretReadByFullArnPartialArnAndName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "secret-partner-fullarn", SECRET, "Allowed", "agrees");
    expect(soft, "secret-partner-partialarn", SECRET, "Allowed", "agrees");
    expect(soft, "secret-alice-name", SECRET, "Allowed", "agrees");
    expect(soft, "secret-partner-noperm", SECRET, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ ECR

  /**
   * Question 12. The repository policy (get-repository-policy output, statements without Resource as ECR writes them
   * [ECR-POLICY]) grants pulls to account 444455556666. PartnerRole's BatchGetImage (resources[] names the repository):
   * allowed, as recorded; its PutImage, which the repository policy does not grant: denied, as recorded [CROSS].
   */
  @Test
  void crossAccountPullIsAllowedAndPushIsNot() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ecr-partner-pull", REPO, "Allowed", "agrees");
    expect(soft, "ecr-partner-push-denied", REPO, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 12'. The same pull's GetDownloadUrlForLayer as the caller's trail may hold it, with requestParameters
   * registryId 111122223333 and repositoryName app but no resources[]: the repository is
   * arn:aws:ecr:us-east-1:111122223333:repository/app (the registry id is the owning account [ECR-POLICY]), not unknown
   * and not the recipient account's; decided on it, the call is allowed, as recorded.
   */
  @Test
  void ecrRepositoryArnComesFromRegistryIdAndRepositoryName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ecr-partner-pull-callercopy", REPO, "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ EventBridge and SNS

  /**
   * Question 13. The central event bus's policy (describe-event-bus output) allows events:PutEvents for account
   * 444455556666 [EB-XACCT]: partner-dev (identity allows) is allowed, partner-noperm is denied, as recorded.
   */
  @Test
  void crossAccountPutEventsToAnEventBus() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "events-partner-put", "arn:aws:events:us-east-1:111122223333:event-bus/central", "Allowed", "agrees");
    expect(soft, "events-partner-noperm-put", "arn:aws:events:us-east-1:111122223333:event-bus/central", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Question 14. The alerts topic's policy, as AddPermission writes it (Principal {"AWS": "444455556666"}
   * [SNS-ACCESS]), plus a statement naming alice: partner-dev's cross-account Publish is allowed (both sides), alice's
   * same-account Publish is allowed by the topic policy alone; the resource is requestParameters.topicArn.
   */
  @Test
  void publishToATopicCrossAccountAndSameAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sns-partner-publish", "arn:aws:sns:us-east-1:111122223333:alerts", "Allowed", "agrees");
    expect(soft, "sns-alice-publish", "arn:aws:sns:us-east-1:111122223333:alerts", "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ role trust with sts:ExternalId

  /**
   * Question 15. ThirdPartyRole trusts account 444455556666 with StringEquals sts:ExternalId = Unicorn-7731 [EXTID].
   * partner-dev (identity allows sts:AssumeRole on the role) with the right external id: allowed; with a wrong one:
   * denied on the sts:ExternalId condition; partner-noperm with the right one: denied by its own side [CROSS]. The
   * records carry requestParameters.externalId.
   */
  @Test
  void crossAccountAssumeRoleIsDecidedOnTheExternalId() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String role = "arn:aws:iam::111122223333:role/ThirdPartyRole";
    expect(soft, "sts-partner-extid-ok", role, "Allowed", "agrees");
    expect(soft, "sts-partner-extid-wrong", role, "ImplicitDeny", "agrees");
    expect(soft, "sts-partner-noperm-extid", role, "ImplicitDeny", "agrees");
    JsonNode wrong = explain("sts-partner-extid-wrong");
    soft.assertThat(conditionsOn(wrong.path("trace"), "sts:ExternalId")).as("refused on the external id: " + why(wrong))
        .anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("NoMatch"));
    soft.assertAll();
  }

  /**
   * Question 15'. The same AssumeRole without an external id in the request, refused by AWS. Whatever the product
   * makes of the absent key, the refusal must not be reported as a disagreement (the trust policy requires the id).
   */
  @Test
  void assumeRoleWithoutAnExternalIdIsNotADisagreement() throws Exception {
    JsonNode e = explain("sts-partner-extid-missing");
    assertThat(e.path("decision").asText()).as(why(e)).isNotEqualTo("Allowed");
    assertThat(e.path("verdict").asText()).as(why(e)).isNotEqualTo("disagrees");
  }

  /**
   * Question 16. The role owner's copy of a successful cross-account AssumeRole names only the calling account:
   * userIdentity type AWSAccount, accountId 444455556666, and the caller's principalId [CT-UID]. VendorRole's trust
   * names the user 444455556666:user/partner-dev (with the external id the record carries), and the principalId is
   * partner-dev's UserId in the case's IAM data. AWS allowed the call; the record does not make the caller the account's
   * root user. The product must either identify the caller (agrees) or say it cannot tell (undetermined) — not decide
   * the call as if arn:aws:iam::444455556666:root had made it and report a disagreement.
   */
  @Test
  void roleOwnersCopyOfACrossAccountAssumeRoleIsNotDecidedAsTheAccountRoot() throws Exception {
    JsonNode e = explain("sts-owner-copy-vendor");
    assertThat(e.path("verdict").asText()).as(why(e)).isIn("agrees", "undetermined");
  }

  /**
   * Question 16'. The same for a data event: the queue owner's copy of partner-dev's SendMessage to partner-direct,
   * whose queue policy names the user arn:aws:iam::444455556666:user/partner-dev, logged with userIdentity type
   * AWSAccount (accountId 444455556666, principalId = partner-dev's UserId) [CT-UID]. AWS allowed it (both sides allow:
   * partner-dev's identity policy allows sqs:SendMessage on the partner's queues [CROSS]). Deciding it as the account's
   * root user, whom the queue policy does not name, turns an allowed call into a disagreement; the product must
   * identify the caller (agrees) or say it cannot (undetermined).
   */
  @Test
  void queueOwnersCopyOfACrossAccountSendIsNotDecidedAsTheAccountRoot() throws Exception {
    JsonNode e = explain("sqs-owner-copy-partner-direct");
    assertThat(e.path("request").path("resource").asText()).isEqualTo("arn:aws:sqs:us-east-1:111122223333:partner-direct");
    assertThat(e.path("verdict").asText()).as(why(e)).isIn("agrees", "undetermined");
    // the case holds the partner's IAM data: the principalId is partner-dev's UserId, so the caller is known
    assertThat(e.path("request").path("principal").asText()).isEqualTo("arn:aws:iam::444455556666:user/partner-dev");
    assertThat(e.path("verdict").asText()).isEqualTo("agrees");
  }

  /** The same copy with a principalId the case's IAM data does not hold: who called is unknown, so is the decision. */
  @Test
  void anOwnersCopyWhoseCallerTheCaseCannotNameIsUndetermined() throws Exception {
    JsonNode e = explain("sqs-owner-copy-unknown-caller");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(e.toString()).contains(io.github.trailbench.core.correlate.Explainer.UNKNOWN_CALLER)
        .contains("AIDANOTINTHECASE0001");
  }
}
