package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of AWS KMS authorization: "why was this KMS call allowed or denied?". Run end to end: the records and IAM data
 * of {@code src/test/resources/fixtures/kms} (two accounts' get-account-authorization-details, a resource-policies/v1
 * manifest holding four key policies as {@code aws kms get-key-policy} prints them, two with aliases) are imported with
 * the CLI and each event is read back with {@code explain --event ID --json}.
 *
 * <p>Account 111122223333 owns the keys (region us-east-1):
 *
 * <ul>
 *   <li>{@code key/1111aaaa-…} (alias/app): the default key policy statement that enables IAM policies, account
 *       444455556666 allowed kms:*, and a Deny of kms:DisableKey / kms:ScheduleKeyDeletion to user alice;
 *   <li>{@code key/2222bbbb-…}: no statement for the account; role KeyAdminRole kms:*, user direct-user and role AppRole
 *       kms:Decrypt / kms:Encrypt;
 *   <li>{@code key/3333cccc-…} (alias/finance): enables IAM policies, and lets ctx-user Decrypt only with encryption
 *       context Department=Finance, via-user GenerateDataKey/Decrypt only with kms:ViaService s3.us-east-1.amazonaws.com,
 *       alias-user Encrypt only with kms:RequestAlias alias/finance, granter CreateGrant only with kms:GranteePrincipal
 *       role/AppRole, ebs-user CreateGrant only with kms:GrantIsForAWSResource true;
 *   <li>{@code key/4444dddd-…}: the AWS managed key aws/s3, whose key policy the case does not hold;
 *   <li>{@code key/5555eeee-…}: a key policy in the AWS managed key's shape (Principal "*" with kms:CallerAccount
 *       111122223333 and kms:ViaService s3.us-east-1.amazonaws.com).
 * </ul>
 *
 * Users of 111122223333: alice (identity policy kms:Encrypt/Decrypt/GenerateDataKey/DescribeKey/CreateKey/DisableKey on
 * "*"), aliasres-user (kms:Encrypt on the alias ARN alias/app only), nopol, direct-user, ctx-user, via-user, alias-user,
 * grantee, granter, ebs-user (no identity policy). Account 444455556666: partner (kms:* on key/1111aaaa-…),
 * partner-noperm (none).
 *
 * <p>Pages (KMS Developer Guide unless said otherwise):
 *
 * <ul>
 *   <li>[KEYPOL] "Key policies in AWS KMS": "No AWS principal, including the account root user or key creator, has any
 *       permissions to a KMS key unless they are explicitly allowed, and never denied, in a key policy, IAM policy, or
 *       grant." "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key.
 *       Without permission from the key policy, IAM policies that allow permissions have no effect."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 *   <li>[IAMPOL] "Using IAM policies with AWS KMS": "IAM policies are particularly useful for controlling access to
 *       operations, such as CreateKey, that can't be controlled by a key policy because they don't involve any particular
 *       KMS key." https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies.html
 *   <li>[IAM-RES] "Specifying KMS keys in IAM policy statements": "To specify a KMS key in an IAM policy statement, you must
 *       use its key ARN. You cannot use a key id, alias name, or alias ARN to identify a KMS key in an IAM policy
 *       statement." https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html
 *   <li>[ALIAS-AUTH] "Use aliases to control access to KMS keys": "The kms:RequestAlias condition key allows or denies
 *       access to a KMS key based on the alias in a request." "When an alias is the value of a resource element, the
 *       policy applies to the alias resource, not to any KMS key that might be associated with it."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
 *   <li>[XACCT] "Allowing users in other accounts to use a KMS key": "Cross-account access requires permission in the key
 *       policy of the KMS key and in an IAM policy in the external user's account." "If you give a user in a different
 *       account permission to other operations, those permissions have no effect. For example, if you give a principal in
 *       a different account kms:ListKeys permission in an IAM policy, or kms:ScheduleKeyDeletion permission on a KMS key
 *       in a key policy, the user's attempts to call those operations on your resources still fail."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 *   <li>[CONDKMS] "AWS KMS condition keys" (kms:EncryptionContext:context-key, kms:ViaService "limits use of a KMS key to
 *       requests from specified AWS services", kms:CallerAccount, kms:GranteePrincipal "based on the value of the
 *       GranteePrincipal parameter in the request", kms:GrantIsForAWSResource):
 *       https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 *   <li>[GRANT-AUTH] "Controlling access to grants": "kms:GrantIsForAWSResource — Allows principals to call CreateGrant,
 *       ListGrants, or RevokeGrant only when an AWS service that is integrated with AWS KMS sends the request on the
 *       principal's behalf." "kms:GranteePrincipal — Allows principals to create a grant only for the specified grantee
 *       principal." https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html
 *   <li>[CONTROL] "KMS key access and permissions": "Grants – You can use grants in combination with the key policy and
 *       IAM policies to allow access to a KMS key." https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html
 *   <li>[CT-DECRYPT], [CT-GDK], [CT-CREATEGRANT]: CloudTrail log entries for Decrypt (key ARN in resources[],
 *       encryptionContext and encryptionAlgorithm in requestParameters), GenerateDataKey, CreateGrant (granteePrincipal,
 *       operations in requestParameters): https://docs.aws.amazon.com/kms/latest/developerguide/ct-decrypt.html,
 *       https://docs.aws.amazon.com/kms/latest/developerguide/ct-generatedatakey.html,
 *       https://docs.aws.amazon.com/kms/latest/developerguide/ct-creategrant.html
 *   <li>[ALIAS-ACCESS] "Controlling access to aliases": "To create an alias, the principal needs the following
 *       permissions for both the alias and for the associated KMS key." "kms:CreateAlias for the alias. Provide this
 *       permission in an IAM policy that is attached to the principal who is allowed to create the alias."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html; [CT-CREATEALIAS] "The resources element
 *       includes fields for the alias and KMS key resources."
 *       https://docs.aws.amazon.com/kms/latest/developerguide/ct-createalias.html
 *   <li>[UPDATEALIAS] KMS API Reference, UpdateAlias, "Required permissions": "kms:UpdateAlias on the alias (IAM
 *       policy)", "kms:UpdateAlias on the current KMS key (key policy)", "kms:UpdateAlias on the new KMS key (key
 *       policy)"; "Controlling access to aliases": "the principal needs three permission elements: one for the alias,
 *       one for the current KMS key, ..." https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html
 *   <li>[CT-UID] CloudTrail User Guide, "CloudTrail userIdentity element" (invokedBy: the AWS service that made the
 *       request on the user's behalf):
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 * </ul>
 *
 * Only the product's own paths are used (import, explain --json); src/main is not changed. A failing test names what
 * AWS documents and what the product said.
 */
class KmsAuthorizationAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/kms");
  static final String KDEF = "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-11aa-11aa-11aa-111111111111";
  static final String KNODEL = "arn:aws:kms:us-east-1:111122223333:key/2222bbbb-22bb-22bb-22bb-222222222222";
  static final String KCTX = "arn:aws:kms:us-east-1:111122223333:key/3333cccc-33cc-33cc-33cc-333333333333";
  static final String KAWS = "arn:aws:kms:us-east-1:111122223333:key/4444dddd-44dd-44dd-44dd-444444444444";
  static final String KSVC = "arn:aws:kms:us-east-1:111122223333:key/5555eeee-55ee-55ee-55ee-555555555555";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam-111122223333.json").toString(), FIXTURES.resolve("iam-444455556666.json").toString(),
        FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("4 resource policies").contains("32 added");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static List<String> missing(JsonNode e) {
    return ExplainedEvents.missing(e);
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }

  /**
   * When the product answers "undetermined", it must name what the decision depends on (README: "undetermined (a
   * question mark and the key the decision depended on and the log does not carry …)"): an empty list explains nothing.
   */
  static void undeterminedNames(SoftAssertions soft, JsonNode e, String key) {
    if ("Undetermined".equals(e.path("decision").asText())) {
      soft.assertThat(missing(e)).as("an undetermined answer must name " + key + "; product said: " + why(e)).contains(key);
    }
  }

  static String text(JsonNode e) {
    return (e.path("explanation").asText() + " " + e.path("missing") + " " + e.path("gaps")).toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ the key policy is required

  /**
   * Q1. key/1111aaaa-… has the default statement that enables IAM policies (Principal arn:aws:iam::111122223333:root,
   * kms:*). alice's identity policy allows kms:Decrypt: allowed. nopol has no identity policy: the key policy delegates
   * to IAM, and nothing in IAM allows it: denied. [KEYPOL] Both as CloudTrail recorded.
   */
  @Test
  void accountStatementInTheKeyPolicyEnablesIdentityPolicies() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-alice-decrypt-default", KDEF, "Allowed", "agrees");
    expect(soft, "kms-nopol-decrypt-default", KDEF, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q2. key/2222bbbb-… names neither the account nor alice. alice's identity policy allows kms:Decrypt on "*", yet
   * [KEYPOL] "Without permission from the key policy, IAM policies that allow permissions have no effect": denied, as
   * recorded. direct-user has no identity policy, but the key policy names it: allowed, as recorded.
   */
  @Test
  void withoutTheAccountStatementIdentityPoliciesHaveNoEffect() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-alice-decrypt-nodelegation", KNODEL, "ImplicitDeny", "agrees");
    expect(soft, "kms-direct-decrypt-nodelegation", KNODEL, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q3. The account's root user calls Decrypt on key/2222bbbb-…, whose key policy does not name the account. [KEYPOL]
   * "No AWS principal, including the account root user …, has any permissions to a KMS key unless they are explicitly
   * allowed … in a key policy, IAM policy, or grant": denied, as recorded.
   */
  @Test
  void rootUserHasNoPermissionTheKeyPolicyDoesNotGive() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-root-decrypt-nodelegation", KNODEL, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q4. AppRole has no identity policy; the key policy of key/2222bbbb-… names the role ARN. Its session's Decrypt is
   * allowed by the key policy alone [KEYPOL] ("The statements in the key policy determine who has permission to use the
   * KMS key"): allowed, as recorded.
   */
  @Test
  void keyPolicyNamingTheRoleAllowsItsSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-approle-decrypt-nodelegation", KNODEL, "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q5. A Decrypt of symmetric ciphertext need not name the key (the ciphertext carries it); the record then has no
   * requestParameters.keyId and the key ARN only in resources[] [CT-DECRYPT]. The request's resource is that key, and
   * alice is allowed, as recorded.
   */
  @Test
  void decryptWithoutKeyIdIsDecidedOnTheKeyInResources() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-alice-decrypt-nokeyid", KDEF, "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ condition keys from the request

  /**
   * Q6. key/3333cccc-… lets ctx-user Decrypt only with StringEquals kms:EncryptionContext:Department = Finance; the
   * record's requestParameters.encryptionContext carries it [CONDKMS, CT-DECRYPT]. Department=Finance: allowed;
   * Department=HR: denied. Both as recorded.
   */
  @Test
  void encryptionContextConditionIsDecidedFromTheLoggedContext() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-ctx-decrypt-finance", KCTX, "Allowed", "agrees");
    expect(soft, "kms-ctx-decrypt-hr", KCTX, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. key/3333cccc-… lets via-user GenerateDataKey only with kms:ViaService s3.us-east-1.amazonaws.com [CONDKMS].
   * Through S3 (userIdentity.invokedBy s3.amazonaws.com [CT-UID]): allowed, as recorded. Called directly (no invokedBy:
   * no service made the request, so there is no kms:ViaService): the StringEquals fails, denied, as recorded. The pages
   * found do not say outright that a missing invokedBy proves a direct call, so the guard accepts "undetermined on
   * kms:ViaService" as well as the deny; it must never read "allowed".
   */
  @Test
  void viaServiceAllowsOnlyCallsMadeThroughS3() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-via-gdk-s3", KCTX, "Allowed", "agrees");
    JsonNode d = explain("kms-via-gdk-direct");
    soft.assertThat(d.path("decision").asText()).as("AWS: kms:ViaService is not s3.us-east-1.amazonaws.com for a call"
        + " not made through S3; product said: " + why(d)).isIn("ImplicitDeny", "Undetermined");
    soft.assertThat(d.path("verdict").asText()).as("verdict of " + why(d)).isIn("agrees", "undetermined");
    undeterminedNames(soft, d, "kms:viaservice");
    soft.assertAll();
  }

  /**
   * Q8. alias-user's Encrypt names alias/finance (requestParameters.keyId); the key policy of key/3333cccc-… (the
   * alias's key in the manifest) allows it only with StringEquals kms:RequestAlias alias/finance [ALIAS-AUTH]. The
   * request's resource is the key (resources[]), kms:RequestAlias is alias/finance: allowed, as recorded.
   */
  @Test
  void requestAliasIsTheAliasTheCallNamed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "kms-alias-encrypt-requestalias", KCTX, "Allowed", "agrees");
    soft.assertThat(missing(e)).as("AWS: kms:RequestAlias is the alias in the request (alias/finance); product said: "
        + why(e)).doesNotContain("kms:requestalias");
    undeterminedNames(soft, e, "kms:requestalias");
    soft.assertAll();
  }

  /**
   * Q9. aliasres-user's only identity policy allows kms:Encrypt on the alias ARN arn:aws:kms:us-east-1:111122223333:
   * alias/app; its Encrypt names alias/app, the key policy of the alias's key enables IAM policies. [IAM-RES] "You cannot
   * use a key id, alias name, or alias ARN to identify a KMS key in an IAM policy statement"; [ALIAS-AUTH] such a policy
   * "applies to the alias resource, not to any KMS key that might be associated with it": denied, as recorded, and
   * decided on the key.
   */
  @Test
  void aliasArnInAnIdentityPolicyDoesNotGrantTheKey() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-aliasres-encrypt", KDEF, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q10. alice's CreateKey (identity policy allows kms:CreateKey on "*"). [IAMPOL]: CreateKey "can't be controlled by a
   * key policy because [it doesn't] involve any particular KMS key": allowed by the identity policy, as recorded, not
   * undetermined on the key policy of the key the call created.
   */
  @Test
  void createKeyIsDecidedByIdentityPoliciesAlone() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "kms-alice-createkey", null, "Allowed", "agrees");
    soft.assertThat(text(e)).as("AWS: no key policy takes part in CreateKey; product said: " + why(e))
        .doesNotContain("key policy");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ other accounts

  /**
   * Q11. key/1111aaaa-…'s key policy allows account 444455556666 kms:*. partner's identity policy allows kms:* on the
   * key: allowed; partner-noperm has none: denied. [XACCT] "Cross-account access requires permission in the key policy
   * of the KMS key and in an IAM policy in the external user's account." Both as recorded.
   */
  @Test
  void crossAccountUseNeedsTheKeyPolicyAndTheCallersIamPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-partner-decrypt", KDEF, "Allowed", "agrees");
    expect(soft, "kms-partner-noperm-decrypt", KDEF, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q12. "Could the partner account schedule our key's deletion?" partner calls ScheduleKeyDeletion on key/1111aaaa-…:
   * the key policy gives its account kms:*, its identity policy kms:* on the key. [XACCT]: cross-account permission is
   * effective only for the listed (cryptographic, DescribeKey and grant) operations; "if you give … kms:ScheduleKeyDeletion
   * permission on a KMS key in a key policy, the user's attempts to call those operations on your resources still fail."
   * The answer is no: not allowed (CloudTrail recorded it refused).
   */
  @Test
  void crossAccountKeyManagementIsNeverAllowed() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = explain("kms-partner-schedule-deletion");
    soft.assertThat(e.path("decision").asText())
        .as("AWS: a cross-account ScheduleKeyDeletion always fails, whatever the policies say; product said: " + why(e))
        .isIn("ImplicitDeny", "ExplicitDeny");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ grants

  /**
   * Q13. grantee has no identity policy and no key policy statement; CloudTrail recorded its Decrypt on key/1111aaaa-…
   * as successful. [KEYPOL, CONTROL]: a grant can allow it ("… explicitly allowed … in a key policy, IAM policy, or
   * grant"), and the case holds no grants: the answer is undetermined and names the grant, not "disagrees" (which
   * suggests a policy changed). Its refused Decrypt: a grant could only have allowed it, the policies do not: denied,
   * agrees.
   */
  @Test
  void aCallAGrantCouldAllowIsUndeterminedWithoutGrantData() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = explain("kms-grantee-decrypt-allowed");
    soft.assertThat(e.path("verdict").asText())
        .as("AWS: a KMS grant may allow what no policy allows, and the case holds no grants: undetermined; product said: "
            + why(e)).isEqualTo("undetermined");
    soft.assertThat(text(e)).as("names the grant: " + why(e)).contains("grant");
    expect(soft, "kms-grantee-decrypt-refused", KDEF, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q14. granter may CreateGrant on key/3333cccc-… only with StringEquals kms:GranteePrincipal arn:aws:iam::111122223333:
   * role/AppRole [GRANT-AUTH, CONDKMS]; the record's requestParameters.granteePrincipal is that ARN [CT-CREATEGRANT]:
   * allowed, as recorded, and not undetermined on a key the log carries.
   */
  @Test
  void granteePrincipalConditionIsDecidedFromTheRequest() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "kms-granter-creategrant-approle", KCTX, "Allowed", "agrees");
    soft.assertThat(missing(e)).as("AWS: kms:GranteePrincipal is the request's GranteePrincipal; product said: " + why(e))
        .doesNotContain("kms:granteeprincipal");
    undeterminedNames(soft, e, "kms:granteeprincipal");
    soft.assertAll();
  }

  /**
   * Q15. ebs-user may CreateGrant on key/3333cccc-… only with Bool kms:GrantIsForAWSResource true (the default key
   * policy's "Allow attachment of persistent resources" statement) [GRANT-AUTH]. It called CreateGrant itself (no
   * invokedBy [CT-UID]): no integrated service sent it, the condition fails: denied, as recorded. As in Q7, the guard
   * also accepts "undetermined" (the pages do not say a missing invokedBy proves it); never "allowed".
   */
  @Test
  void grantForAwsResourceDoesNotAllowADirectCreateGrant() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = explain("kms-ebs-creategrant-direct");
    soft.assertThat(e.path("decision").asText()).as("AWS: a CreateGrant not sent by an integrated service fails"
        + " kms:GrantIsForAWSResource true; product said: " + why(e)).isIn("ImplicitDeny", "Undetermined");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isIn("agrees", "undetermined");
    undeterminedNames(soft, e, "kms:grantisforawsresource");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ AWS services and AWS managed keys

  /**
   * Q16. alice's S3 upload uses the AWS managed key aws/s3 (key/4444dddd-…); AWS keeps its key policy, the case does not
   * hold it. [KEYPOL] "Every KMS key must have exactly one key policy", and it decides: undetermined, naming the missing
   * key policy (never "allowed by alice's identity policy").
   */
  @Test
  void awsManagedKeyWithoutItsKeyPolicyIsUndetermined() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = explain("kms-alice-gdk-awsmanaged");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("undetermined");
    soft.assertThat(text(e)).as("names the key policy: " + why(e)).contains("key policy");
    soft.assertAll();
  }

  /**
   * Q17. key/5555eeee-… has the AWS managed key's shape: Principal "*" with StringEquals kms:CallerAccount
   * 111122223333 and kms:ViaService s3.us-east-1.amazonaws.com [CONDKMS]. nopol (no identity policy) through S3:
   * allowed by the key policy, as recorded. partner-noperm (444455556666) through S3: kms:CallerAccount is 444455556666,
   * the statement does not apply: denied, as recorded.
   */
  @Test
  void callerAccountAndViaServiceInAnAwsManagedStyleKeyPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-nopol-gdk-svcpolicy-s3", KSVC, "Allowed", "agrees");
    expect(soft, "kms-partner-gdk-svcpolicy-s3", KSVC, "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q18. key/1111aaaa-…'s key policy denies alice kms:DisableKey; her identity policy allows it. [KEYPOL] "… explicitly
   * allowed, and never denied": explicit deny, as recorded.
   */
  @Test
  void explicitDenyInTheKeyPolicyWins() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "kms-alice-disable-denied", KDEF, "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ alias management

  /**
   * Q19. "Who could point an alias at our key?" CreateAlias authorizes on two resources. [ALIAS-ACCESS] "To create an
   * alias, the principal needs the following permissions for both the alias and for the associated KMS key":
   * kms:CreateAlias for the alias "in an IAM policy", and for the KMS key in "the key policy or in an IAM policy that is
   * delegated from the key policy". The record's resources[] holds the key and the alias [CT-CREATEALIAS].
   * alias-admin (identity policy: kms:CreateAlias on alias/payroll* and both keys) creates alias/payroll for
   * key/1111aaaa-… (key policy delegates): allowed, as recorded; alias/payroll2 for key/2222bbbb-… (no delegation):
   * denied, as recorded. keyonly-user's identity policy allows kms:CreateAlias on key/1111aaaa-… but on no alias:
   * denied, as recorded; allowing it on the key alone is not enough.
   */
  @Test

  void createAliasNeedsPermissionOnTheAliasAndOnTheKey() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = explain("kms-aliasadmin-createalias");
    soft.assertThat(ok.path("decision").asText()).as("decision of " + why(ok)).isEqualTo("Allowed");
    soft.assertThat(ok.path("verdict").asText()).as("verdict of " + why(ok)).isEqualTo("agrees");
    JsonNode noDelegation = explain("kms-aliasadmin-createalias-nodelegation");
    soft.assertThat(noDelegation.path("decision").asText()).as("decision of " + why(noDelegation)).isEqualTo("ImplicitDeny");
    soft.assertThat(noDelegation.path("verdict").asText()).as("verdict of " + why(noDelegation)).isEqualTo("agrees");
    JsonNode keyOnly = explain("kms-keyonly-createalias");
    soft.assertThat(keyOnly.path("decision").asText()).as("AWS: kms:CreateAlias is needed on the alias too (IAM policy),"
        + " keyonly-user has it on the key only; product said: " + why(keyOnly)).isEqualTo("ImplicitDeny");
    soft.assertThat(keyOnly.path("verdict").asText()).as("verdict of " + why(keyOnly)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q20. "Who could re-point alias/payroll?" UpdateAlias authorizes on three resources [UPDATEALIAS]: the alias (IAM
   * policies), the new key and the key the alias pointed to before (key policies). The record names the alias and the
   * new key (targetKeyId); the key before is named only when the record holds a second key. alias-admin (identity
   * policy: kms:CreateAlias and kms:UpdateAlias on alias/payroll* and both keys):
   * <ul>
   *   <li>to key/1111aaaa-… (delegating key policy), succeeded: allowed, as recorded;
   *   <li>to key/2222bbbb-… (no delegation), refused: denied on the new key, as recorded;
   *   <li>to key/1111aaaa-…, refused (the key before refused it): allowed on everything the log names, so the refusal
   *       is the key before's to explain: undetermined, naming the resource the log does not hold, never "disagrees";
   *   <li>to key/1111aaaa-… with key/2222bbbb-… named too, refused: checked on the key before as well, which refuses
   *       (no delegation): denied on key/2222bbbb-…, as recorded.
   * </ul>
   */
  @Test
  void updateAliasNeedsPermissionOnTheAliasAndOnBothKeys() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = expect(soft, "kms-aliasadmin-updatealias", null, "Allowed", "agrees");
    soft.assertThat(ok.path("gaps").toString()).as("the key before is named as not checked; product said: " + why(ok))
        .contains("the key alias/payroll pointed to before this call");
    expect(soft, "kms-aliasadmin-updatealias-nodelegation", KNODEL, "ImplicitDeny", "agrees");
    JsonNode before = explain("kms-aliasadmin-updatealias-keybefore");
    soft.assertThat(before.path("verdict").asText()).as("AWS: UpdateAlias is also authorized on the current key, which the"
        + " log does not name, so the refusal is not a disagreement; product said: " + why(before)).isEqualTo("undetermined");
    soft.assertThat(missing(before)).as("names what it depends on; product said: " + why(before))
        .contains("(resource not in the log)");
    expect(soft, "kms-aliasadmin-updatealias-bothkeys", KNODEL, "ImplicitDeny", "agrees");
    soft.assertAll();
  }
}
