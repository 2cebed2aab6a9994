package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "which secrets and parameters were read, by whom, and why was it allowed?": Secrets Manager
 * (BatchGetSecretValue, ListSecrets, DescribeSecret, GetSecretValue in bulk, PutResourcePolicy and BlockPublicPolicy),
 * the KMS Decrypt calls Secrets Manager and Parameter Store make for their callers (kms:ViaService,
 * kms:EncryptionContext:SecretARN / PARAMETER_ARN, the aws/secretsmanager key policy, a partner account's read), and the
 * rules secrets-bulk-retrieval, secrets-batch-retrieved, ssm-parameters-enumerated-and-decrypted and
 * resource-policy-public / resource-policy-cross-account on secrets. The records and IAM data of
 * {@code src/test/resources/fixtures/secrets} (written by its {@code make_fixtures.py}) are imported with the CLI, then
 * read back with {@code explain --event ID --json}, {@code events --format json --filter …} and
 * {@code findings --no-save --format json}. DatastoresAuditTest (secret names and the six-character suffix, SecretId,
 * VersionStage, ResourceTag, parameter ARNs, ssm:Recursive) and ResourcePolicyAuditTest (cross-account GetSecretValue by
 * full/partial ARN and name) are not repeated.
 *
 * <p>The case: account 111122223333, us-east-1, partner account 444455556666. Secrets prod/db-Ab12Cd (policy: partner
 * account may GetSecretValue) and app/config-Ij56Kl. Keys: 5555eeee-… (customer managed for secrets; key policy enables
 * IAM and lets the partner account Decrypt only with kms:ViaService secretsmanager.us-east-1.amazonaws.com), 6666ffff-…
 * (for parameters; enables IAM), 7777aaaa-… (alias aws/secretsmanager, with the User Guide's example key policy). Users:
 * dumper (BatchGetSecretValue on "*", GetSecretValue on secret:app/*, DescribeParameters, GetParameters on parameter/*;
 * no ListSecrets), batchbad (BatchGetSecretValue and GetSecretValue on secret:*), lister (ListSecrets on secret:*,
 * DescribeSecret on secret:prod/*), policyadmin (PutResourcePolicy only when Bool secretsmanager:BlockPublicPolicy
 * "true", the User Guide's example), opener / opener2 (PutResourcePolicy), reader2 (kms:Decrypt and GetSecretValue on
 * "*"), prober (DescribeParameters only). Role AppRole: GetSecretValue/DescribeSecret on secret:app/*, ssm:GetParameter*
 * on parameter/app/*, kms:Decrypt on the secrets key with kms:ViaService secretsmanager.us-east-1.amazonaws.com and
 * StringLike kms:EncryptionContext:SecretARN secret:app/*, and on the parameters key with kms:ViaService
 * ssm.us-east-1.amazonaws.com and StringLike kms:EncryptionContext:PARAMETER_ARN parameter/app/*. Partner role
 * PartnerReader: GetSecretValue on our secret:prod/*, kms:Decrypt on our secrets key.
 *
 * <p>Assumptions about record fields (no AWS page shows these records whole): BatchGetSecretValue logs its request as
 * {@code secretIdList} / {@code filters}, PutResourcePolicy as {@code secretId}, {@code resourcePolicy},
 * {@code blockPublicPolicy} (the API's request members, first letter lower case, as CloudTrail writes Secrets Manager's
 * {@code secretId}); a refused call has errorCode AccessDenied and IAM's "is not authorized to perform" message; the KMS
 * Decrypt Parameter Store makes has the shape of the Secrets Manager Decrypt example (invokedBy and sourceIPAddress the
 * service) with Parameter Store's encryption context.
 *
 * <p>Pages (each case quotes the one it relies on):
 * <ul>
 *   <li>[API-BATCH] Secrets Manager API Reference, BatchGetSecretValue:
 *       https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html - "Retrieves the
 *       contents of the encrypted fields SecretString or SecretBinary for up to 20 secrets." / "you can specify a list
 *       of secrets by name or ARN, or you can use filters. If Secrets Manager encounters errors such as
 *       AccessDeniedException while attempting to retrieve any of the secrets, you can see the errors in Errors in the
 *       response." / "Required permissions: secretsmanager:BatchGetSecretValue, and you must have
 *       secretsmanager:GetSecretValue for each secret. If you use filters, you must also have secretsmanager:ListSecrets."
 *       / "Secrets Manager generates CloudTrail GetSecretValue log entries for each secret you request when you call this
 *       action."
 *   <li>[SAR-SM] Service Authorization Reference, AWS Secrets Manager:
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html - BatchGetSecretValue
 *       "Grants permission to retrieve and decrypt a list of secrets" and ListSecrets "Grants permission to list the
 *       available secrets" have no resource type; "If there is no value for this column, you must specify all resources
 *       ("*") to which the policy applies in the Resource element of your policy statement." DescribeSecret: Secret*.
 *   <li>[SM-PERM] Secrets Manager User Guide, "Permissions reference for Secrets Manager":
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html -
 *       secretsmanager:BlockPublicPolicy "Filters access by whether the resource policy blocks broad AWS account access"
 *       (Bool); "In identity policies that allow the action PutResourcePolicy, we recommend you use BlockPublicPolicy:
 *       true. This condition means that users can only attach a resource policy to a secret if the policy doesn't allow
 *       broad access." (example: Allow secretsmanager:PutResourcePolicy, Condition Bool
 *       secretsmanager:BlockPublicPolicy "true").
 *   <li>[API-PUT] Secrets Manager API Reference, PutResourcePolicy:
 *       https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html - request
 *       { "BlockPublicPolicy": boolean, "ResourcePolicy": "string", "SecretId": "string" }; BlockPublicPolicy "Specifies
 *       whether to block resource-based policies that allow broad access to the secret, for example those that use a
 *       wildcard for the principal."; PublicPolicyException "The BlockPublicPolicy parameter is set to true, and the
 *       resource policy did not prevent broad access to the secret."
 *   <li>[SM-ENC] Secrets Manager User Guide, "Secret encryption and decryption":
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html - "To allow the KMS key to
 *       be used only for requests that originate in Secrets Manager, you can use the kms:ViaService condition key with
 *       the secretsmanager.&lt;Region&gt;.amazonaws.com value." / "You can also use the keys or values in the encryption
 *       context as a condition for using the KMS key" / encryption context "SecretARN" ("The value is the Amazon Resource
 *       Name (ARN) of the secret") and "SecretVersionId"; the example Decrypt event (invokedBy, sourceIPAddress and
 *       userAgent secretsmanager.amazonaws.com, requestParameters.encryptionContext, resources[] naming the key); the key
 *       policy of aws/secretsmanager: "Allow users in the account to use the KMS key for cryptographic operations only
 *       when the request comes from Secrets Manager on their behalf. The kms:ViaService condition key enforces this
 *       restriction." (Principal AWS "*", StringEquals kms:ViaService secretsmanager.us-west-2.amazonaws.com and
 *       kms:CallerAccount).
 *   <li>[KMS-PS] KMS Developer Guide, "How AWS Systems Manager Parameter Store uses AWS KMS":
 *       https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html - "When you use
 *       WithDecryption, Parameter Store calls the AWS KMS Decrypt API operation on your behalf" / "Parameter Store uses
 *       the following encryption context in its cryptographic operations: Key: PARAMETER_ARN Value: The Amazon Resource
 *       Name (ARN) of the parameter" / "You can also include the encryption context in an IAM policy. For example, you can
 *       permit a user to decrypt only one particular parameter value or set of parameter values." (condition
 *       kms:EncryptionContext:PARAMETER_ARN).
 *   <li>[KMS-XACCT] KMS Developer Guide, "Allowing users in other accounts to use a KMS key":
 *       https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html - the key
 *       policy must give the external account permission, and that account's IAM policies must delegate it to its users.
 *   <li>[SAR-SSM] Service Authorization Reference, AWS Systems Manager: parameter
 *       "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}"; GetParameter,
 *       GetParameters: parameter*; DescribeParameters: no resource type.
 *   <li>[COND-TLS] IAM User Guide, "AWS global condition context keys", aws:SecureTransport:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport
 *       - "Use this key to check whether the request was sent using TLS." (it says how a request was sent, not who sent
 *       it).
 *   <li>[CT-REC] CloudTrail User Guide, "CloudTrail record contents":
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html -
 *       errorCode "The AWS service error if the request returns an error." (a record without one is a call that
 *       succeeded).
 *   <li>[TB-RULES] The product's own rule documentation, docs/detections.md (secrets-bulk-retrieval,
 *       secrets-batch-retrieved, ssm-parameters-enumerated-and-decrypted, resource-policy-public,
 *       resource-policy-cross-account; "Denied attempts"), checked against the records' outcomes [CT-REC].
 * </ul>
 */
class SecretsAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/secrets");
  static final String A = "111122223333";
  static final String SM = "arn:aws:secretsmanager:us-east-1:" + A + ":secret:";
  static final String S_DB = SM + "prod/db-Ab12Cd";
  static final String S_APP = SM + "app/config-Ij56Kl";
  static final String SSM = "arn:aws:ssm:us-east-1:" + A + ":parameter/";
  static final String K_SM = "arn:aws:kms:us-east-1:" + A + ":key/5555eeee-55ee-55ee-55ee-555555555555";
  static final Set<String> NONE = Set.of();

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json",
        "iam-444455556666.json", "resource-policies.json");
    assertThat(r.out()).contains("47 added");
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " | " + f.path("severity").asText() + " | " + f.path("title").asText() + " | "
        + f.path("summary").asText();
  }

  static List<JsonNode> holding(String eventId) throws Exception {
    return ExplainedEvents.holding(ExplainedEvents.findings(caseDir), eventId, Set.of("outcome-not-explained-by-policies"));
  }

  static JsonNode onlyFinding(String rule, String eventId) throws Exception {
    List<JsonNode> f = holding(eventId).stream().filter(x -> rule.equals(x.path("rule").asText())).toList();
    assertThat(f).as("one " + rule + " finding holding " + eventId + "; the findings holding it: "
        + holding(eventId).stream().map(SecretsAuditTest::text).toList()).hasSize(1);
    return f.get(0);
  }

  // ------------------------------------------------------------------ 1. BatchGetSecretValue, ListSecrets, DescribeSecret

  /**
   * Q1. "dumper read app/config and prod/db in one BatchGetSecretValue: was that call allowed?" [SAR-SM]:
   * BatchGetSecretValue has no resource type, so it is asked on "*", which dumper's policy grants. dumper may not
   * GetSecretValue prod/db, but [API-BATCH] says a secret that cannot be read is reported in the response's Errors (and
   * in its own GetSecretValue log entry), not as a refusal of the call: the call is Allowed, and CloudTrail's success
   * agrees.
   */
  @Test
  void batchByIdsIsDecidedOnBatchGetSecretValueOnStarAndAgreesDespiteOneUnreadableSecret() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "sm-batch-ids");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(all).as("AWS [SAR-SM] [API-BATCH]: secretsmanager:BatchGetSecretValue on * decides the call; the product"
        + " said " + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> {
          assertThat(e.path("request").path("action").asText()).isEqualTo("secretsmanager:BatchGetSecretValue");
          assertThat(e.path("request").path("resource").asText()).isEqualTo("*");
          assertThat(e.path("decision").asText()).isEqualTo("Allowed");
        });
    soft.assertThat(ExplainedEvents.eventVerdicts(caseDir).get("sm-batch-ids")).as("AWS [API-BATCH]: a secret the caller"
        + " cannot read is an entry of Errors, the call itself succeeds; the call's verdict must agree; the product said "
        + ExplainedEvents.whyAll(all)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q2. "dumper asked BatchGetSecretValue for every secret whose name matches 'prod' (filters) and was refused: why?"
   * [API-BATCH]: "If you use filters, you must also have secretsmanager:ListSecrets", which dumper lacks ([SAR-SM]:
   * ListSecrets is asked on "*"). The refusal is explained by the case's policies: the replay must ask
   * secretsmanager:ListSecrets, find it implicitly denied, and agree with CloudTrail; "Allowed ... DOES NOT AGREE" (the
   * case lacks a policy) is the wrong answer.
   */
  @Test
  void batchWithFiltersAlsoNeedsListSecretsAndTheRefusalAgrees() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "sm-batch-filters-denied");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(all).as("AWS [API-BATCH]: BatchGetSecretValue with Filters needs secretsmanager:ListSecrets too, which no"
        + " policy of dumper allows; expected an evaluated secretsmanager:ListSecrets on * that is ImplicitDeny; the product"
        + " said " + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> {
          assertThat(e.path("request").path("action").asText()).isEqualToIgnoringCase("secretsmanager:ListSecrets");
          assertThat(e.path("decision").asText()).isEqualTo("ImplicitDeny");
        });
    soft.assertThat(ExplainedEvents.eventVerdicts(caseDir).get("sm-batch-filters-denied")).as("AWS [API-BATCH]: the refusal"
        + " is explained by the missing ListSecrets; the call's verdict must be agrees, not disagrees; the product said "
        + ExplainedEvents.whyAll(all)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q3. batchbad is granted BatchGetSecretValue on secret:* only. [SAR-SM]: an action without a resource type must be
   * granted on "*"; a statement naming secret ARNs does not match it. CloudTrail recorded AccessDenied: ImplicitDeny on
   * "*", agrees.
   */
  @Test
  void batchGrantedOnSecretArnsOnlyIsRefusedOnStar() throws Exception {
    List<JsonNode> all = ExplainedEvents.all(caseDir, "sm-batch-star-denied");
    JsonNode batch = all.stream().filter(e -> e.path("request").path("action").asText().equals("secretsmanager:BatchGetSecretValue"))
        .findFirst().orElseThrow(() -> new AssertionError("no BatchGetSecretValue evaluation: " + ExplainedEvents.whyAll(all)));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(batch.path("request").path("resource").asText()).as(ExplainedEvents.why(batch)).isEqualTo("*");
    soft.assertThat(batch.path("decision").asText()).as(ExplainedEvents.why(batch)).isEqualTo("ImplicitDeny");
    soft.assertThat(batch.path("verdict").asText()).as(ExplainedEvents.why(batch)).isEqualTo("agrees");
    soft.assertThat(ExplainedEvents.eventVerdicts(caseDir).get("sm-batch-star-denied")).as(ExplainedEvents.whyAll(all))
        .isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q4. "Which calls read the value of prod/db?" The BatchGetSecretValue sm-batch-ids names prod/db's full ARN in its
   * SecretIdList and "Retrieves the contents of the encrypted fields ... for up to 20 secrets", asking
   * "secretsmanager:GetSecretValue for each secret" [API-BATCH]. Filtering the events by prod/db's ARN must list it
   * (the event's resources are the secrets it names), and its IAM actions must include secretsmanager:GetSecretValue.
   */
  @Test
  void batchReadIsFoundByTheArnsOfTheSecretsItNames() throws Exception {
    List<JsonNode> byArn = ExplainedEvents.events(caseDir, "resource:\"" + S_DB + "\"");
    List<JsonNode> batch = ExplainedEvents.events(caseDir, "eventId:sm-batch-ids");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(byArn).as("AWS [API-BATCH]: BatchGetSecretValue with SecretIdList [" + S_APP + ", " + S_DB + "] reads"
        + " both secrets; events --filter resource:\"" + S_DB + "\" must list sm-batch-ids; the product listed "
        + byArn.stream().map(e -> e.path("eventId").asText() + " " + e.path("eventName").asText()).toList())
        .anySatisfy(e -> assertThat(e.path("eventId").asText()).isEqualTo("sm-batch-ids"));
    soft.assertThat(batch).hasSize(1);
    if (!batch.isEmpty()) {
      soft.assertThat(batch.get(0).path("actions").toString()).as("AWS [API-BATCH]: the call needs secretsmanager:GetSecretValue"
          + " for each secret; the product's actions and resources of the event: " + batch.get(0).path("actions") + " "
          + batch.get(0).path("resources")).contains("secretsmanager:GetSecretValue");
    }
    soft.assertAll();
  }

  /**
   * Q5. lister is granted ListSecrets on secret:* only; [SAR-SM]: ListSecrets has no resource type ("*" needed).
   * AccessDenied recorded: ImplicitDeny on "*", agrees.
   */
  @Test
  void listSecretsGrantedOnSecretArnsIsRefusedOnStar() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "sm-list-denied", "*", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q6. lister called DescribeSecret "prod/db" by name; [SAR-SM] DescribeSecret acts on the Secret, and the case holds
   * exactly one secret of that name (prod/db-Ab12Cd, from its resource policy). lister may DescribeSecret secret:prod/*:
   * Allowed on the full ARN, agrees.
   */
  @Test
  void describeSecretByNameIsDecidedOnTheCasesSecret() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "sm-describe-name", S_DB, "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. PutResourcePolicy and BlockPublicPolicy

  /**
   * Q7. policyadmin may PutResourcePolicy only with Bool secretsmanager:BlockPublicPolicy "true" (the User Guide's own
   * example [SM-PERM]). The request carries BlockPublicPolicy [API-PUT] (requestParameters.blockPublicPolicy true): the
   * key is in the log, the condition holds, Allowed, as recorded. "Undetermined: the log does not carry
   * secretsmanager:BlockPublicPolicy" is wrong when the record holds it.
   */
  @Test
  void putResourcePolicyWithBlockPublicPolicyTrueIsAllowedFromTheLoggedRequest() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sm-put-block-true");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as("AWS [SM-PERM] [API-PUT]: secretsmanager:BlockPublicPolicy is the"
        + " request's BlockPublicPolicy (true in the record), so Bool secretsmanager:BlockPublicPolicy \"true\" holds:"
        + " Allowed; the product said " + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "secretsmanager:BlockPublicPolicy")).as("the request context of "
        + why(e)).containsExactly("true");
    soft.assertAll();
  }

  /**
   * Q8. The same administrator's PutResourcePolicy with BlockPublicPolicy false was refused (AccessDenied).
   * [SM-PERM]: "users can only attach a resource policy to a secret if" BlockPublicPolicy is true; the record says false:
   * the Bool condition fails, ImplicitDeny, agrees (not undetermined: the value is in the record).
   */
  @Test
  void putResourcePolicyWithBlockPublicPolicyFalseIsRefusedFromTheLoggedRequest() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sm-put-block-false");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as("AWS [SM-PERM]: BlockPublicPolicy false in the request fails Bool"
        + " secretsmanager:BlockPublicPolicy \"true\": ImplicitDeny; the product said " + why(e)).isEqualTo("ImplicitDeny");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q9. "Was prod/db opened to everyone?" opener's PutResourcePolicy (succeeded) grants secretsmanager:GetSecretValue to
   * Principal {"AWS": "*"} without a condition: the "broad access ... those that use a wildcard for the principal" of
   * [API-PUT]. [TB-RULES] resource-policy-public: critical, naming the secret.
   */
  @Test
  void secretPolicyGrantingEveryoneIsReportedCriticalNamingTheSecret() throws Exception {
    JsonNode f = onlyFinding("resource-policy-public", "sm-put-public");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("critical");
    soft.assertThat(f.path("summary").asText()).as(text(f)).contains(S_DB).doesNotStartWith("Attempted only");
    soft.assertAll();
  }

  /**
   * Q10. opener2 tried the same public policy on app/other with BlockPublicPolicy true and Secrets Manager refused it
   * with PublicPolicyException ("the resource policy did not prevent broad access to the secret" [API-PUT]): nothing was
   * opened. [TB-RULES] "Denied attempts": the finding says it was only attempted, two levels lower (critical to medium),
   * and names PublicPolicyException. The IAM decision itself (PutResourcePolicy is allowed) must not be called a
   * disagreement: the call was not refused by a policy.
   */
  @Test
  void publicPolicyStoppedByBlockPublicPolicyIsAnAttemptOnly() throws Exception {
    JsonNode f = onlyFinding("resource-policy-public", "sm-put-public-blocked");
    JsonNode e = ExplainedEvents.only(caseDir, "sm-put-public-blocked");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as("[TB-RULES]: an attempt only is two levels lower: " + text(f))
        .isEqualTo("medium");
    soft.assertThat(f.path("summary").asText()).as(text(f)).startsWith("Attempted only").contains("PublicPolicyException");
    soft.assertThat(e.path("verdict").asText()).as("PublicPolicyException is not an authorization refusal: " + why(e))
        .isNotEqualTo("disagrees");
    soft.assertAll();
  }

  /**
   * Q11. "Was app/config shared with another account?" policyadmin's successful PutResourcePolicy grants
   * arn:aws:iam::444455556666:root GetSecretValue. [TB-RULES] resource-policy-cross-account: high, naming the secret
   * and the other account; not an attempt (one of its two calls succeeded [CT-REC]).
   */
  @Test
  void secretPolicyGrantingAnotherAccountIsReportedHigh() throws Exception {
    JsonNode f = onlyFinding("resource-policy-cross-account", "sm-put-block-true");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("high");
    soft.assertThat(f.path("summary").asText()).as(text(f)).contains(S_APP).contains("444455556666")
        .doesNotStartWith("Attempted only");
    soft.assertAll();
  }

  /**
   * Q12. opener's policy on app/other grants Principal "*" only when StringEquals aws:PrincipalAccount is the account
   * itself: no one outside the account. [TB-RULES] excludes such a pinned '*' from resource-policy-cross-account, and it
   * has a condition, so it is not resource-policy-public either: no resource-policy finding holds it.
   */
  @Test
  void secretPolicyPinnedToTheOwnAccountIsNotReported() throws Exception {
    List<JsonNode> f = holding("sm-put-self-only").stream().filter(x -> x.path("rule").asText().startsWith("resource-policy"))
        .toList();
    assertThat(f).as("a policy whose '*' is pinned to aws:PrincipalAccount " + A + " grants no one outside: "
        + f.stream().map(SecretsAuditTest::text).toList()).isEmpty();
  }

  /**
   * Q12b. opener3 wrote on app/config a policy granting Principal {"AWS": "*"} GetSecretValue with the single condition
   * Bool aws:SecureTransport "true": anyone who calls over TLS [COND-TLS], i.e. everyone, the "broad access ... wildcard
   * for the principal" of [API-PUT]. A critical resource-policy-public finding is right; but its sentence must describe
   * the policy the record holds: it has a condition (one that does not limit who), so "(Principal *, no condition)" is a
   * false statement about the evidence.
   */
  @Test
  void publicGrantWithATlsOnlyConditionIsNotDescribedAsHavingNoCondition() throws Exception {
    JsonNode f = onlyFinding("resource-policy-public", "sm-put-public-https");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("critical");
    soft.assertThat(f.path("summary").asText()).as("the logged policy's statement has Condition Bool aws:SecureTransport"
        + " \"true\" [COND-TLS]; the product's sentence: " + text(f)).contains(S_APP).doesNotContain("no condition");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 3. KMS: decryption through the service

  /**
   * Q13. Secrets Manager decrypted app/config's data key for AppRole (the Decrypt event of [SM-ENC]: invokedBy
   * secretsmanager.amazonaws.com, encryptionContext.SecretARN). AppRole's statement needs kms:ViaService
   * secretsmanager.us-east-1.amazonaws.com and kms:EncryptionContext:SecretARN like secret:app/* [SM-ENC]: both are
   * carried by the record; Allowed, agrees, with the two keys in the request context.
   */
  @Test
  void decryptBySecretsManagerIsDecidedOnViaServiceAndSecretArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "kms-sm-app", K_SM, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "kms:ViaService")).as(why(e))
        .containsExactly("secretsmanager.us-east-1.amazonaws.com");
    soft.assertThat(ExplainedEvents.contextValues(e, "kms:EncryptionContext:SecretARN")).as(why(e)).containsExactly(S_APP);
    soft.assertAll();
  }

  /**
   * Q14. The same path for prod/db's data key: SecretARN secret:prod/db-Ab12Cd is outside AppRole's
   * kms:EncryptionContext:SecretARN pattern [SM-ENC]; CloudTrail recorded AccessDenied: ImplicitDeny, agrees.
   */
  @Test
  void decryptForASecretOutsideTheAllowedContextIsRefused() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "kms-sm-prod", K_SM, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q15. A Decrypt called directly (no invokedBy; from an instance or the partner's network) is not a request "that
   * originate[s] in Secrets Manager" [SM-ENC]: a grant conditioned on kms:ViaService secretsmanager.us-east-1 (AppRole's
   * statement, the partner statement of the key policy, aws/secretsmanager's key policy) must never allow it, and the
   * recorded refusals must never be called disagreements (an undetermined answer naming kms:ViaService is accepted, as in
   * KmsAuthorizationAuditTest).
   */
  @Test
  void directDecryptIsNeverAllowedByAViaServiceGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("kms-sm-direct", "kms-partner-direct", "kms-awsmanaged-direct")) {
      JsonNode e = ExplainedEvents.only(caseDir, id);
      soft.assertThat(e.path("decision").asText()).as("AWS [SM-ENC]: only requests from Secrets Manager; " + why(e))
          .isNotEqualTo("Allowed");
      soft.assertThat(e.path("verdict").asText()).as(why(e)).isNotEqualTo("disagrees");
    }
    soft.assertAll();
  }

  /**
   * Q16. reader2's secret is encrypted under aws/secretsmanager, whose key policy [SM-ENC] lets Principal "*" use it
   * when kms:ViaService is secretsmanager.&lt;region&gt; and kms:CallerAccount is the account. The Decrypt Secrets
   * Manager made for reader2 (invokedBy secretsmanager, account 111122223333): Allowed by the key policy, agrees.
   */
  @Test
  void awsManagedSecretsManagerKeyAllowsDecryptThroughSecretsManager() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "kms-awsmanaged-via-sm", null, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "kms:CallerAccount")).as(why(e)).containsExactly(A);
    soft.assertAll();
  }

  /**
   * Q17. "Did the partner account actually decrypt prod/db?" The key owner's copy of the Decrypt Secrets Manager made
   * for PartnerReader (444455556666) when it read prod/db. Cross-account, the key policy must allow the partner account
   * and the partner's IAM policy must allow its role [KMS-XACCT]: the key policy allows 444455556666 Decrypt with
   * kms:ViaService secretsmanager.us-east-1 [SM-ENC], PartnerReader's policy allows kms:Decrypt on the key: Allowed,
   * agrees, kms:CallerAccount the partner's.
   */
  @Test
  void partnersDecryptThroughSecretsManagerIsAllowedCrossAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "kms-partner-via-sm", K_SM, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "kms:CallerAccount")).as(why(e)).containsExactly("444455556666");
    soft.assertThat(ExplainedEvents.contextValues(e, "kms:EncryptionContext:SecretARN")).as(why(e)).containsExactly(S_DB);
    soft.assertAll();
  }

  /**
   * Q18. Parameter Store decrypted /app/db-password and then /prod/root-password for AppRole (GetParameter
   * WithDecryption [KMS-PS]). The encryption context is PARAMETER_ARN = the parameter's ARN [KMS-PS]; AppRole may decrypt
   * only parameter/app/*: the first is Allowed (context carries PARAMETER_ARN), the second ImplicitDeny, both as
   * recorded.
   */
  @Test
  void parameterStoreDecryptIsDecidedOnTheParameterArnContext() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = ExplainedEvents.expect(soft, caseDir, "kms-ssm-app", null, "Allowed", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(ok, "kms:EncryptionContext:PARAMETER_ARN")).as(why(ok))
        .containsExactly(SSM + "app/db-password");
    soft.assertThat(ExplainedEvents.contextValues(ok, "kms:ViaService")).as(why(ok)).containsExactly("ssm.us-east-1.amazonaws.com");
    ExplainedEvents.expect(soft, caseDir, "kms-ssm-prod", null, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q19. The GetParameter "/app/db-password" WithDecryption that caused that Decrypt is authorized as ssm:GetParameter on
   * parameter/app/db-password (no double slash, [SAR-SSM] ParameterNameWithoutLeadingSlash): Allowed, agrees. Reading
   * the value decrypted does not make it a KMS call of its own: the Decrypt is its own record [KMS-PS].
   */
  @Test
  void getParameterWithDecryptionIsDecidedOnTheParameterOnly() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "ssm-app-get", SSM + "app/db-password", "Allowed", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("ssm:GetParameter");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 4. bulk reads: the rules

  /**
   * Q20. dumper made 20 GetSecretValue calls in under two minutes: 12 succeeded (app/*), 8 were refused (prod/*)
   * [CT-REC]. [TB-RULES] secrets-bulk-retrieval: high (not an attempt: values were read), "read 12 secret value(s)",
   * the refused ones named as refused, and "8 of the 20 calls failed".
   */
  @Test
  void bulkSecretReadsCountTheValuesReadAndNameTheRefused() throws Exception {
    JsonNode f = onlyFinding("secrets-bulk-retrieval", "sm-bulk-01");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("high");
    soft.assertThat(f.path("summary").asText()).as(text(f)).contains("read 12 secret value(s)").contains("refused: prod/s13")
        .contains("8 of the 20 calls failed");
    soft.assertThat(f.path("eventIds")).as(text(f)).hasSize(20);
    soft.assertAll();
  }

  /**
   * Q21. [TB-RULES] secrets-batch-retrieved: dumper's batch (it succeeded) is a medium finding naming the secret ids it
   * asked for [API-BATCH]; batchbad's only batch was refused, so its finding is an attempt, two levels lower (low).
   */
  @Test
  void batchRetrievalNamesTheSecretsAndTellsAttemptsApart() throws Exception {
    JsonNode done = onlyFinding("secrets-batch-retrieved", "sm-batch-ids");
    JsonNode tried = onlyFinding("secrets-batch-retrieved", "sm-batch-star-denied");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(done.path("severity").asText()).as(text(done)).isEqualTo("medium");
    soft.assertThat(done.path("summary").asText()).as(text(done)).contains(S_APP).contains(S_DB)
        .doesNotStartWith("Attempted only");
    soft.assertThat(tried.path("severity").asText()).as(text(tried)).isEqualTo("low");
    soft.assertThat(tried.path("summary").asText()).as(text(tried)).startsWith("Attempted only");
    soft.assertAll();
  }

  /**
   * Q22. dumper listed the parameters (DescribeParameters) and then made two GetParameters calls with WithDecryption true
   * within minutes, both successful. [TB-RULES] ssm-parameters-enumerated-and-decrypted: high, naming the parameters
   * decrypted, not an attempt.
   */
  @Test
  void parametersListedThenDecryptedIsHighAndNamesTheParameters() throws Exception {
    JsonNode f = onlyFinding("ssm-parameters-enumerated-and-decrypted", "ssm-getparams-2");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("high");
    soft.assertThat(f.path("summary").asText()).as(text(f)).contains("/prod/root-password").contains("/app/api-key")
        .doesNotStartWith("Attempted only");
    soft.assertAll();
  }

  /**
   * Q23. prober's DescribeParameters succeeded (its record has no errorCode [CT-REC]; prober may call it), then both of its
   * decrypting GetParameters were refused. [TB-RULES]: the finding is an attempt (nothing was decrypted), low. But what it
   * says of the calls must match the records: 2 of its 3 calls failed, not "All 3 calls failed" (the listing worked:
   * prober knows every parameter name).
   */
  @Test
  void parameterAttemptSaysHowManyCallsReallyFailed() throws Exception {
    JsonNode f = onlyFinding("ssm-parameters-enumerated-and-decrypted", "ssm-probe-get-1");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(f.path("severity").asText()).as(text(f)).isEqualTo("low");
    soft.assertThat(f.path("summary").asText()).as("CloudTrail [CT-REC]: ssm-probe-describe has no errorCode, it succeeded;"
        + " only the two GetParameters failed; the product said: " + text(f))
        .doesNotContain("All 3 calls failed").contains("2 of the 3 calls failed");
    soft.assertAll();
  }
}
