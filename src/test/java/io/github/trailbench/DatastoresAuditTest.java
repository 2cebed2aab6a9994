package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of "who read this secret / parameter / table, and why was it allowed?": SSM Parameter Store, Run Command and
 * Session Manager, Secrets Manager and DynamoDB resources and condition keys. The records of
 * {@code src/test/resources/fixtures/datastores/events.json} (written by make_fixtures.py in that folder), the
 * get-account-authorization-details of accounts 111122223333 and 444455556666 and a resource-policies/v1 manifest
 * (one DynamoDB table policy as {@code aws dynamodb get-resource-policy} prints it) are imported with the CLI and each
 * event is read back with {@code explain --event ID --json}. Cases of ResourcePolicyAuditTest (secret policies,
 * cross-account GetSecretValue by full/partial ARN and name when the case holds the secret's policy) and
 * KmsAuthorizationAuditTest are not repeated. Nothing under src/main is changed.
 *
 * <p>Principals (account 111122223333 unless said): paramreader (GetParameter/GetParameters/GetParametersByPath on
 * parameter/prod/*, GetParameter on parameter/db), pathreader (GetParametersByPath on parameter/prod and prod/*, Deny
 * when ssm:Recursive is "true"), paramwriter (PutParameter on parameter/app/*, Deny when ssm:Overwrite is "true", the
 * SSM User Guide's own example), operator (SendCommand and StartSession on instance i-0aaaaaaaaaaaaaaa1 only,
 * Delete/GetDocument on document/Ops*), tagoperator (SendCommand on instances tagged Env=dev via ssm:resourceTag/Env),
 * smreader (GetSecretValue on secret:prod/db-??????, on secret:prod/api-AbCdEf, on "*" when secretsmanager:SecretId is
 * ArnLike secret:shared/*, on secret:team/* when secretsmanager:ResourceTag/team is payments, on secret:stage/* with a
 * Deny when secretsmanager:VersionStage is AWSPREVIOUS), ddbuser (GetItem/PutItem/Query/BatchGetItem on table/Orders
 * only), tenant (GetItem on table/Tenants when dynamodb:LeadingKeys are all tenant-a), and 444455556666:user/partner-dev
 * (GetItem/Query on every table of 111122223333). Table Shared's resource policy grants GetItem and Query to account
 * 444455556666.
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[SAR-SSM] Service Authorization Reference, AWS Systems Manager: resource type parameter
 *       "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}"; document
 *       "arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}"; instance
 *       "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}"; GetParameters "Grants permission to view
 *       information about multiple specified parameters" (parameter*); GetParametersByPath (parameter*, condition key
 *       ssm:Recursive); PutParameter (parameter*, ssm:Overwrite); SendCommand (resource types "document* instance
 *       managed-instance", key ssm:resourceTag/${TagKey}); StartSession ("document instance managed-instance");
 *       DeleteDocument and GetDocument (document*); "ssm:resourceTag/${TagKey} Filters access by a tag key-value pair
 *       assigned to the Systems Manager resource"; "If the action has one or more required resources, the caller must
 *       have permission to use the action with those resources":
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
 *   <li>[PS-ACCESS] SSM User Guide, "Restricting access to Systems Manager parameters using IAM policies" ("the following
 *       policy allows a user to call the DescribeParameters and GetParameters API operations for a limited set of
 *       resources ... arn:aws:ssm:us-east-2:123456789012:parameter/prod-*"):
 *       https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html
 *   <li>[PS-COND] SSM User Guide, "Preventing access to Parameter Store API operations": "the "Deny" statement prevents
 *       Entities from changing values of existing parameters because the Overwrite option is explicitly denied for the
 *       PutParameter operation" (Condition StringEquals ssm:Overwrite ["true"]); "Preventing access to levels in a
 *       hierarchical parameter using ssm:Recursive":
 *       https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-policy-conditions.html
 *   <li>[PS-API] SSM API Reference, GetParametersByPath: request fields "Path", "Recursive" ("Retrieve all parameters
 *       within a hierarchy"): https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html;
 *       GetParameter Name "The name or Amazon Resource Name (ARN) of the parameter":
 *       https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 *   <li>[SM-DOC] SSM User Guide, "Start a default shell session by specifying the default session document in IAM
 *       policies" / "Enforce a session document permission check": "when they use the AWS CLI to run the start-session
 *       command, and they do not specify a configuration document, the system uses SSM-SessionManagerRunShell ... The
 *       session starts even if the user's IAM policy doesn't grant explicit permission to access the
 *       SSM-SessionManagerRunShell document":
 *       https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-sessiondocumentaccesscheck.html
 *   <li>[RC-DELEGATE] EC2 User Guide (archived), "Delegating Access to SSM Run Command": "The user has permission to
 *       execute the document on three instances, as determined by the "arn:aws:ec2:us-east-1:*:instance/i-xxxxxxxxxxxxxxxxx"
 *       items in the second Resource section"; and Route 53 ARC's Run Command sample policy: ssm:SendCommand on
 *       "document/document-name", "arn:aws:ec2:us-east-1:*:instance/*": "ssm:SendCommand is scoped to the Amazon Systems
 *       Manager documents and to the managed nodes":
 *       https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_ssm.html
 *   <li>[SSM-CT] SSM User Guide, "Logging AWS Systems Manager API calls using AWS CloudTrail" (requestParameters as the
 *       API request names them: name, names, path, recursive, overwrite, instanceIds, documentName, target):
 *       https://docs.aws.amazon.com/systems-manager/latest/userguide/monitoring-cloudtrail-logs.html
 *   <li>[SEC-LIMIT] Secrets Manager User Guide, "Limiting Access to Specific Secrets": "allows the user to perform any
 *       Secrets Manager actions on only a single, specified secret by name—or on any secret beginning with the string
 *       "another_secret_name-" followed by exactly 6 characters" ... "Using '??????' as a wildcard to match the 6 random
 *       characters assigned by Secrets Manager":
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/permissions_grant-limited-resources.html; and
 *       "Permissions reference": "Secrets Manager constructs the last part of the secret ARN by appending a dash and six
 *       random alphanumeric characters at the end of the secret name":
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html
 *   <li>[SAR-SM] Service Authorization Reference, AWS Secrets Manager: GetSecretValue (Secret*, keys
 *       secretsmanager:SecretId "Filters access by the SecretID value in the request", secretsmanager:VersionStage
 *       "Filters access by the list of version stages in the request", secretsmanager:ResourceTag/tag-key "Filters access
 *       by a tag key and value pair"):
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html
 *   <li>[SM-API] Secrets Manager API Reference, GetSecretValue: SecretId "The ARN or name of the secret"; VersionStage
 *       "The staging label of the version of the secret to retrieve":
 *       https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html; CloudTrail entries:
 *       https://docs.aws.amazon.com/secretsmanager/latest/userguide/cloudtrail_log_entries.html
 *   <li>[SAR-DDB] Service Authorization Reference, Amazon DynamoDB: table
 *       "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}", index ".../table/${TableName}/index/${IndexName}";
 *       Query "Grants permission to use the primary key of a table or a secondary index" (index, table*); BatchGetItem
 *       "Grants permission to return the attributes of one or more items from one or more tables" (table*);
 *       dynamodb:LeadingKeys "Filters access by the first partition key of the table":
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 *   <li>[DDB-CT] DynamoDB Developer Guide, "Understanding DynamoDB log file entries" (data events; "Non key attribute
 *       values ... will not appear in logs of actions using the classic API"):
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/understanding-ddb-log-entries.html
 *   <li>[DDB-RBP] DynamoDB Developer Guide, "Authorization with IAM identity-based policies and DynamoDB resource-based
 *       policies": "the resource-based policy for a DynamoDB table also includes the index associated with the table";
 *       "If the IAM principal is from the same account as the resource owner, a resource-based policy is sufficient ...
 *       For cross-account access, you must explicitly allow access in both the identity and resource policies":
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-auth-iam-id-based-policies-DDB.html
 *   <li>[DDB-API] DynamoDB API Reference, GetItem/Query TableName: "You can also provide the Amazon Resource Name (ARN)
 *       of the table in this parameter": https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
 * </ul>
 */
class DatastoresAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/datastores");
  static final String SSM = "arn:aws:ssm:us-east-1:111122223333:";
  static final String SM = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
  static final String DDB = "arn:aws:dynamodb:us-east-1:111122223333:table/";
  static final String EC2 = "arn:aws:ec2:us-east-1:111122223333:instance/";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json", "iam-444455556666.json",
        "resource-policies.json");
    assertThat(r.out()).contains("1 resource polic").contains("31 added");
  }

  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    return ExplainedEvents.expect(soft, caseDir, eventId, resource, decision, verdict);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  // ------------------------------------------------------------------ Parameter Store: names to ARNs

  /**
   * Q1. GetParameter "/prod/db" and "db": [SAR-SSM] the parameter ARN is parameter/${ParameterNameWithoutLeadingSlash},
   * so "/prod/db" is ...:parameter/prod/db (not parameter//prod/db) and "db" is ...:parameter/db. paramreader is allowed
   * on parameter/prod/* and parameter/db: both allowed, as recorded. (The first call has withDecryption true: the KMS
   * Decrypt SSM makes for it is its own CloudTrail event, invokedBy ssm.amazonaws.com, not part of this decision.)
   */
  @Test
  void parameterNameWithAndWithoutLeadingSlash() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ssm-get-slash", SSM + "parameter/prod/db", "Allowed", "agrees");
    expect(soft, "ssm-get-noslash", SSM + "parameter/db", "Allowed", "agrees");
    soft.assertAll();
  }

  /** Q2. GetParameter with the parameter's ARN as its name [PS-API]: the resource is that ARN; allowed, as recorded. */
  @Test
  void parameterNamedByItsArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ssm-get-arn", SSM + "parameter/prod/api", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q3. GetParameters names ["/prod/db", "/prod/api"] and ["/prod/db", "/staging/db"] [SAR-SSM] [PS-ACCESS]: each name is
   * a parameter resource the caller must be allowed on. Both under prod: allowed, as recorded; with /staging/db, which
   * no statement covers: implicitly denied on parameter/staging/db, as CloudTrail recorded (AccessDenied).
   */
  @Test
  void getParametersIsDecidedOnEveryNamedParameter() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ssm-getparams-both", null, "Allowed", "agrees");
    expect(soft, "ssm-getparams-mixed", SSM + "parameter/staging/db", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Parameter Store: condition keys

  /**
   * Q4. pathreader may call GetParametersByPath on /prod, with a Deny when ssm:Recursive is "true" [PS-COND] [SAR-SSM].
   * The record carries the request's "recursive" [SSM-CT] [PS-API]. recursive false: the Deny does not apply, allowed, as
   * recorded; recursive true: explicit deny, as recorded (AccessDenied). "Undetermined" here gives up an answer the log
   * holds.
   */
  @Test
  void recursiveConditionIsDecidedFromTheLoggedRequest() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode flat = ExplainedEvents.only(caseDir, "ssm-bypath-flat");
    soft.assertThat(flat.path("decision").asText()).as("AWS [PS-COND]: ssm:Recursive is false (requestParameters.recursive"
        + " false), the Deny on \"true\" does not apply, so the call is allowed; the product said " + why(flat)).isEqualTo("Allowed");
    soft.assertThat(flat.path("verdict").asText()).as("verdict of " + why(flat)).isEqualTo("agrees");
    JsonNode rec = ExplainedEvents.only(caseDir, "ssm-bypath-recursive");
    soft.assertThat(rec.path("decision").asText()).as("AWS [PS-COND]: ssm:Recursive is true (requestParameters.recursive"
        + " true): explicit deny; the product said " + why(rec)).isEqualTo("ExplicitDeny");
    soft.assertThat(rec.path("verdict").asText()).as("verdict of " + why(rec)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q5. paramwriter: the SSM User Guide's own policy [PS-COND] (Allow PutParameter, Deny PutParameter when ssm:Overwrite
   * is "true"). A PutParameter with overwrite false (recorded allowed) and one with overwrite true (recorded
   * AccessDenied); the record carries "overwrite" [SSM-CT]. Expected: Allowed and ExplicitDeny, both agreeing.
   */
  @Test
  void overwriteConditionIsDecidedFromTheLoggedRequest() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode put = ExplainedEvents.only(caseDir, "ssm-put-new");
    soft.assertThat(put.path("request").path("resource").asText()).as(why(put)).isEqualTo(SSM + "parameter/app/flag");
    soft.assertThat(put.path("decision").asText()).as("AWS [PS-COND]: ssm:Overwrite is false (requestParameters.overwrite"
        + " false): the Deny does not apply, allowed; the product said " + why(put)).isEqualTo("Allowed");
    soft.assertThat(put.path("verdict").asText()).as("verdict of " + why(put)).isEqualTo("agrees");
    JsonNode over = ExplainedEvents.only(caseDir, "ssm-put-overwrite");
    soft.assertThat(over.path("decision").asText()).as("AWS [PS-COND]: \"the Deny statement prevents Entities from changing"
        + " values of existing parameters\": overwrite true is an explicit deny; the product said " + why(over))
        .isEqualTo("ExplicitDeny");
    soft.assertThat(over.path("verdict").asText()).as("verdict of " + why(over)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Run Command and Session Manager

  /**
   * Q6. SendCommand of AWS-RunShellScript [SAR-SSM] [RC-DELEGATE] is authorized on the document and on each instance.
   * operator may run it on i-0aaaaaaaaaaaaaaa1 only. On that instance: allowed, as recorded. On i-0bbbbbbbbbbbbbbb2:
   * implicitly denied on arn:aws:ec2:us-east-1:111122223333:instance/i-0bbbbbbbbbbbbbbb2, as recorded. The record names
   * both (requestParameters.instanceIds, documentName [SSM-CT]): the product must decide them, not answer undetermined
   * for want of a resource.
   */
  @Test
  void sendCommandIsDecidedOnTheInstanceAndTheDocument() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = ExplainedEvents.only(caseDir, "ssm-sendcommand-ok");
    soft.assertThat(ok.path("decision").asText()).as("AWS [SAR-SSM]: SendCommand on instance i-0aaaaaaaaaaaaaaa1 and document"
        + " AWS-RunShellScript, both in operator's policy: allowed; the product said " + why(ok)).isEqualTo("Allowed");
    soft.assertThat(ok.path("verdict").asText()).as("verdict of " + why(ok)).isEqualTo("agrees");
    JsonNode other = ExplainedEvents.only(caseDir, "ssm-sendcommand-other");
    soft.assertThat(other.path("request").path("resource").asText()).as("AWS [SAR-SSM] [RC-DELEGATE]: the refused resource is"
        + " the instance; the product said " + why(other)).isEqualTo(EC2 + "i-0bbbbbbbbbbbbbbb2");
    soft.assertThat(other.path("decision").asText()).as("AWS [SAR-SSM]: no statement allows SendCommand on i-0bbbbbbbbbbbbbbb2:"
        + " implicit deny; the product said " + why(other)).isEqualTo("ImplicitDeny");
    soft.assertThat(other.path("verdict").asText()).as("verdict of " + why(other)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q7. StartSession with only a target [SM-DOC]: without a document name the default SSM-SessionManagerRunShell is used
   * and "the session starts even if the user's IAM policy doesn't grant explicit permission to access" it, so the
   * instance decides. operator may start sessions on i-0aaaaaaaaaaaaaaa1: allowed, as recorded; on i-0bbbbbbbbbbbbbbb2:
   * implicitly denied on that instance, as recorded. requestParameters.target names it [SSM-CT].
   */
  @Test
  void startSessionIsDecidedOnTheTargetInstance() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ok = ExplainedEvents.only(caseDir, "ssm-startsession-ok");
    soft.assertThat(ok.path("request").path("resource").asText()).as("AWS [SAR-SSM]: StartSession on the target instance; the"
        + " product said " + why(ok)).isEqualTo(EC2 + "i-0aaaaaaaaaaaaaaa1");
    soft.assertThat(ok.path("decision").asText()).as("AWS [SM-DOC]: allowed on the instance; the product said " + why(ok))
        .isEqualTo("Allowed");
    soft.assertThat(ok.path("verdict").asText()).as("verdict of " + why(ok)).isEqualTo("agrees");
    JsonNode other = ExplainedEvents.only(caseDir, "ssm-startsession-other");
    soft.assertThat(other.path("request").path("resource").asText()).as("the refused target; the product said " + why(other))
        .isEqualTo(EC2 + "i-0bbbbbbbbbbbbbbb2");
    soft.assertThat(other.path("decision").asText()).as("AWS: no statement allows StartSession on i-0bbbbbbbbbbbbbbb2: implicit"
        + " deny; the product said " + why(other)).isEqualTo("ImplicitDeny");
    soft.assertThat(other.path("verdict").asText()).as("verdict of " + why(other)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q8. tagoperator may SendCommand only on instances whose ssm:resourceTag/Env is dev [SAR-SSM]. Instance tags are not in
   * the record: the answer is undetermined, naming ssm:resourceTag/Env (never allowed or denied by a guess).
   */
  @Test
  void sendCommandOnATagConditionIsUndeterminedNamingTheTag() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ssm-sendcommand-tag");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as("AWS [SAR-SSM]: ssm:resourceTag/Env is the instance's tag, not in the log:"
        + " undetermined; the product said " + why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + why(e)).contains("ssm:resourcetag/env");
    soft.assertAll();
  }

  /**
   * Q9. DeleteDocument "OpsRunbook" [SAR-SSM]: the resource is the document
   * arn:aws:ssm:us-east-1:111122223333:document/OpsRunbook, which operator's statement on document/Ops* allows: allowed,
   * as recorded. A request field "name" of an SSM document call is a document's name, not a parameter's.
   */
  @Test
  void documentCallsAreDecidedOnTheDocumentNotAParameter() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ssm-deletedocument");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as("AWS [SAR-SSM]: DeleteDocument acts on document/${DocumentName};"
        + " the product said " + why(e)).isEqualTo(SSM + "document/OpsRunbook");
    soft.assertThat(e.path("decision").asText()).as("decision of " + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Secrets Manager

  /**
   * Q10. smreader is allowed on secret:prod/db-?????? [SEC-LIMIT]. The call names the secret "prod/db" (by name, as
   * [SM-API] allows) and the case holds no policy of that secret, so its random suffix is unknown; but every ARN of a
   * secret named prod/db is "secret:prod/db-" plus six characters [SEC-LIMIT], which the pattern matches whatever they
   * are: allowed, as recorded. The same secret by full ARN (prod/db-Xy12Z9): allowed too.
   */
  @Test
  void secretByNameMatchesTheSixCharacterWildcard() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "sm-fullarn-anysuffix", SM + "prod/db-Xy12Z9", "Allowed", "agrees");
    JsonNode e = ExplainedEvents.only(caseDir, "sm-name-anysuffix");
    soft.assertThat(e.path("decision").asText()).as("AWS [SEC-LIMIT]: a secret named prod/db has an ARN secret:prod/db-XXXXXX,"
        + " which secret:prod/db-?????? matches for any six characters: allowed; the product said " + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q11. smreader is allowed on secret:prod/api-AbCdEf only (an exact suffix). The call names "prod/api" and the case
   * does not know the secret's suffix: whether it is AbCdEf decides the call, and the log does not say. Undetermined,
   * not allowed (a guess) and not "disagrees".
   */
  @Test
  void secretByNameAgainstAnExactSuffixIsUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sm-name-exact");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as(why(e)).isNotEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("the suffix is unknown: " + why(e)).isEqualTo("undetermined");
    soft.assertAll();
  }

  /**
   * Q12. smreader is allowed on "*" when ArnLike secretsmanager:SecretId secret:shared/* [SAR-SM] ("Filters access by
   * the SecretID value in the request"). The request names the full ARN secret:shared/cfg-Qw3rTy: the key is in the log,
   * the condition holds: allowed, as recorded.
   */
  @Test
  void secretIdConditionIsDecidedFromTheRequest() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sm-secretid-key");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("decision").asText()).as("AWS [SAR-SM]: secretsmanager:SecretId is the request's SecretId,"
        + " " + SM + "shared/cfg-Qw3rTy, which ArnLike secret:shared/* matches: allowed; the product said " + why(e))
        .isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q13. smreader is allowed on secret:team/* when secretsmanager:ResourceTag/team is payments [SAR-SM]. The secret's
   * tags are not in the record: undetermined, naming the key.
   */
  @Test
  void secretResourceTagIsUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sm-resourcetag");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + why(e)).contains("secretsmanager:resourcetag/team");
    soft.assertAll();
  }

  /**
   * Q14. smreader may read secret:stage/* except with a Deny when secretsmanager:VersionStage is AWSPREVIOUS [SAR-SM]
   * ("Filters access by the list of version stages in the request"). The request's VersionStage [SM-API] is in
   * requestParameters.versionStage. AWSPREVIOUS: explicit deny, as recorded (AccessDenied); AWSCURRENT: allowed, as
   * recorded.
   */
  @Test
  void versionStageIsDecidedFromTheRequest() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode prev = ExplainedEvents.only(caseDir, "sm-versionstage-previous");
    soft.assertThat(prev.path("decision").asText()).as("AWS [SAR-SM]: secretsmanager:VersionStage is AWSPREVIOUS (in the"
        + " request): explicit deny; the product said " + why(prev)).isEqualTo("ExplicitDeny");
    soft.assertThat(prev.path("verdict").asText()).as("verdict of " + why(prev)).isEqualTo("agrees");
    JsonNode cur = ExplainedEvents.only(caseDir, "sm-versionstage-current");
    soft.assertThat(cur.path("decision").asText()).as("AWS [SAR-SM]: secretsmanager:VersionStage is AWSCURRENT: the Deny does"
        + " not apply, allowed; the product said " + why(cur)).isEqualTo("Allowed");
    soft.assertThat(cur.path("verdict").asText()).as("verdict of " + why(cur)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ DynamoDB

  /**
   * Q15. DynamoDB data events [DDB-CT]: GetItem naming the table "Orders" (no resources[]), PutItem on Orders, GetItem on
   * Customers. [SAR-DDB]: the table ARN arn:aws:dynamodb:us-east-1:111122223333:table/NAME. ddbuser is allowed on Orders
   * only: allowed, allowed, implicitly denied, each as recorded.
   */
  @Test
  void itemCallsAreDecidedOnTheTable() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ddb-getitem-name", DDB + "Orders", "Allowed", "agrees");
    expect(soft, "ddb-putitem", DDB + "Orders", "Allowed", "agrees");
    expect(soft, "ddb-getitem-other", DDB + "Customers", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q16. Query of index ByCustomer of Orders [SAR-DDB]: authorized on .../table/Orders/index/ByCustomer. ddbuser is
   * allowed dynamodb:Query on table/Orders only, which does not cover the index ARN: implicitly denied, as recorded.
   */
  @Test
  void queryOfAnIndexIsDecidedOnTheIndexArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ddb-query-index", DDB + "Orders/index/ByCustomer", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q17. BatchGetItem over Orders and Customers [SAR-DDB] ("from one or more tables", table*; "the caller must have
   * permission to use the action with those resources"). ddbuser may BatchGetItem on Orders only: the call is refused
   * for Customers, as recorded; the refusal names table/Customers.
   */
  @Test
  void batchGetItemIsDecidedOnEveryTable() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ddb-batchget-two");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as("AWS [SAR-DDB]: BatchGetItem is authorized on each table"
        + " (Orders and Customers, both in resources[]); the refused one is table/Customers; the product said " + why(e))
        .isEqualTo(DDB + "Customers");
    soft.assertThat(e.path("decision").asText()).as("AWS [SAR-DDB]: no statement allows BatchGetItem on table/Customers, so"
        + " the call is refused; the product said " + why(e)).isEqualTo("ImplicitDeny");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q18. tenant may GetItem on Tenants only when dynamodb:LeadingKeys are all tenant-a [SAR-DDB]. The record holds the
   * item's key attributes (tenantId, sk) [DDB-CT] but not which is the table's partition key (the table's key schema
   * is not in the log): undetermined, naming dynamodb:LeadingKeys, never a guess.
   */
  @Test
  void leadingKeysAreUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ddb-leadingkeys");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("missing of " + why(e)).contains("dynamodb:leadingkeys");
    soft.assertAll();
  }

  /**
   * Q19. Cross-account GetItem by 444455556666:user/partner-dev on table Shared (TableName given as the table's ARN
   * [DDB-API]), whose resource policy grants GetItem to account 444455556666, and whose identity policy allows it: both
   * sides allow [DDB-RBP], allowed, as recorded.
   */
  @Test
  void crossAccountGetItemAllowedByTheTablePolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "ddb-xacct-policy", DDB + "Shared", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q20. The same partner queries index ByRegion of Shared. [DDB-RBP]: "the resource-based policy for a DynamoDB table
   * also includes the index associated with the table" (and this one names table/Shared/index/*): allowed on
   * .../table/Shared/index/ByRegion, as recorded. Deciding without the table's policy makes it a disagreement.
   */
  @Test
  void crossAccountQueryOfAnIndexIsGovernedByTheTablePolicy() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ddb-xacct-index");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(DDB + "Shared/index/ByRegion");
    soft.assertThat(e.path("decision").asText()).as("AWS [DDB-RBP]: the table Shared's resource policy governs its index and"
        + " grants Query to account 444455556666; with partner-dev's identity allow, the call is allowed; the product said "
        + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  /**
   * Q21. partner-dev's GetItem on table Unlisted succeeded cross-account; the case holds no resource policy of Unlisted.
   * Since 2024 a table may have one [DDB-RBP], and cross-account access needs it: the case lacks the policy that decided,
   * so the answer is undetermined (as the product answers for a queue, topic, function or secret), not "disagrees".
   */
  @Test
  void crossAccountGetItemOnATableWhosePolicyIsNotInTheCaseIsUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "ddb-xacct-nopolicy");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(DDB + "Unlisted");
    soft.assertThat(e.path("verdict").asText()).as("AWS [DDB-RBP]: a cross-account call needs the table's resource policy,"
        + " which the case does not hold: undetermined; the product said " + why(e)).isEqualTo("undetermined");
    soft.assertAll();
  }
}
