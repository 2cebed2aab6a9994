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
 * Audit of "who read or exported this table, who received this queue's messages, which other account could, and was it
 * allowed?": DynamoDB, Kinesis Data Streams, SQS and SNS data events and resource policies. The records of
 * {@code src/test/resources/fixtures/tables/events.json} (written by make_fixtures.py in that folder), the
 * get-account-authorization-details of accounts 111122223333 and 444455556666 and a resource-policies/v1 manifest (a
 * Kinesis stream policy as {@code aws kinesis get-resource-policy} prints it, a queue and a topic policy as
 * get-queue-attributes / get-topic-attributes print them) are imported with the CLI and read back with
 * {@code explain --event ID --json}, {@code findings --no-save --format json}, {@code events --format json --filter}
 * and {@code simulate}. Cases of DatastoresAuditTest (DynamoDB item calls, indexes, BatchGetItem, LeadingKeys,
 * cross-account GetItem under a table policy), ResourcePolicyAuditTest and ServerlessAuditTest (queue and topic policy
 * replay, SendMessageBatch, Subscribe keys) and SharingAuditTest are not repeated. Nothing under src/main is changed.
 *
 * <p>Principals (account 111122223333 unless said): analyst (PartiQLSelect, GetItem, Query, Scan and
 * ExportTableToPointInTime on table/Orders), reader (GetItem on table/Orders only), admin ("*" on "*"), streamreader
 * (GetRecords and GetShardIterator on stream/clicks, PutResourcePolicy on stream/clicks), intern (only
 * sqs:GetQueueAttributes and sqs:ListQueues), and 444455556666:user/partner-dev (kinesis:GetRecords and
 * GetShardIterator on every stream of 111122223333, sqs:ReceiveMessage on its queues, sns:Subscribe on its topics).
 * 777788889999 is an account the case knows nothing of. The case holds the policies of stream/shared-clicks (grants
 * 444455556666 GetRecords), queue partner-q ("*" when aws:PrincipalAccount is 444455556666) and topic alerts (grants
 * 444455556666 Subscribe).
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[DDB-CT] DynamoDB Developer Guide, "Understanding DynamoDB log file entries": the ExecuteStatement example
 *       ("eventName": "ExecuteStatement", "requestParameters": {"statement": "SELECT * FROM Music WHERE Artist = 'No
 *       One You Know' ... AND nonKeyAttr = ***(Redacted)"}, "resources": [{"type": "AWS::DynamoDB::Table", "ARN":
 *       "...:table/Music"}], "eventCategory": "Data"); "Non key attribute values will be redacted in the CloudTrail logs
 *       of actions using the PartiQL API":
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/understanding-ddb-log-entries.html
 *   <li>[DDB-PARTIQL] DynamoDB Developer Guide, "IAM security policies with PartiQL for DynamoDB": "To read items using
 *       PartiQL for DynamoDB, you must have dynamodb:PartiQLSelect permission on the table or index.":
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html
 *   <li>[SAR-DDB] Service Authorization Reference, Amazon DynamoDB: PartiQLSelect "Grants permission to read a set of
 *       attributes for items from a table or index" (index, table*); ExportTableToPointInTime "Grants permission to
 *       initiate an Export of a DynamoDB table to S3" (table*); PutResourcePolicy "Grants permission to attach a
 *       resource-based policy to the resource" (stream*, table*):
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 *   <li>[DDB-EXPORT] DynamoDB API Reference, ExportTableToPointInTime: "Exports table data to an S3 bucket"; TableArn
 *       "The Amazon Resource Name (ARN) associated with the table to export"; S3Bucket "The name of the Amazon S3 bucket
 *       to export the snapshot to"; S3BucketOwner "The ID of the AWS account that owns the bucket the export will be
 *       stored in. S3BucketOwner is a required parameter when exporting to a S3 bucket in another account.":
 *       https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html
 *   <li>[DDB-PRP] DynamoDB API Reference, PutResourcePolicy: "Attaches a resource-based policy document to the resource,
 *       which can be a table or stream"; ResourceArn "The Amazon Resource Name (ARN) of the DynamoDB resource to which
 *       the policy will be attached"; and the Developer Guide ("Authorization with IAM identity-based policies and
 *       DynamoDB resource-based policies"): "For cross-account access, you must explicitly allow access in both the
 *       identity and resource policies":
 *       https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutResourcePolicy.html
 *   <li>[SAR-KDS] Service Authorization Reference, Amazon Kinesis Data Streams: resource type stream
 *       "arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}"; GetRecords "Grants permission to get data
 *       records from a shard" (stream*); PutResourcePolicy "Grants permission to attach a resource policy to a specified
 *       stream or consumer" (consumer*, stream*):
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisdatastreams.html
 *   <li>[KDS-PRP] Kinesis Data Streams API Reference, PutResourcePolicy: "Attaches a resource-based policy to a data
 *       stream or registered consumer"; request {"Policy", "ResourceARN", "StreamId"}; ResourceARN "The Amazon Resource
 *       Name (ARN) of the data stream or consumer": https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html;
 *       and the Developer Guide, "Share access using resource-based policies" ("Share access with cross-account AWS
 *       Lambda functions ... Provide the execution role to the Kinesis Data Streams resource owner for configuring the
 *       resource policy"): https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html
 *   <li>[SQS-CT] SQS Developer Guide, "Logging Amazon SQS API calls using AWS CloudTrail": the AddPermission example
 *       ("requestParameters": {"actions": ["SendMessage"], "AWSAccountIds": ["123456789012"], "label": "MyLabel",
 *       "queueUrl": "https://sqs.us-east-2.amazon.com/123456789012/MyQueue"}), CreateQueue ({"queueName": "MyQueue"},
 *       response {"queueUrl": ...}) and SetQueueAttributes ({"attributes": {...}, "queueUrl": ...}):
 *       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-logging-using-cloudtrail.html
 *   <li>[SQS-API] SQS API Reference, AddPermission: "Adds a permission to a queue for a specific principal. This allows
 *       sharing access to the queue"; AWSAccountIds "The AWS account numbers of the principals who are to receive
 *       permission"; CreateQueue Attributes: "Policy – The queue's policy. A valid AWS policy":
 *       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html,
 *       https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 *   <li>[SNS-API] SNS API Reference, AddPermission: "Adds a statement to a topic's access control policy, granting
 *       access for the specified AWS accounts to the specified actions"; AWSAccountId "The AWS account IDs of the users
 *       (principals) who will be given access to the specified actions"; and the SNS Developer Guide, "Example cases for
 *       Amazon SNS access control": AddPermission with account 111122223333 and action Publish generates the statement
 *       {"Principal": {"AWS": "111122223333"}, "Action": ["sns:Publish"], ...}:
 *       https://docs.aws.amazon.com/sns/latest/api/API_AddPermission.html,
 *       https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
 *   <li>[IAM-PRINCIPAL] IAM User Guide, "AWS JSON policy elements: Principal": "You can specify AWS account identifiers
 *       in the Principal element of a resource-based policy or in condition keys that support principals. This delegates
 *       authority to the account.": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html;
 *       and (an AWS user guide's summary of the same element) "To grant permission to everyone, also referred as
 *       anonymous access, you set the wildcard ("*") as the Principal value ... "Principal":"*" "Principal":{"AWS":"*"}":
 *       https://docs.aws.amazon.com/mediapackage/latest/userguide/policy-principal.html
 *   <li>[IAM-KEYS] IAM User Guide, "AWS global condition context keys": aws:PrincipalAccount "Use this key to compare
 *       the account to which the requesting principal belongs with the account identifier that you specify in the
 *       policy": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *   <li>[IAM-COND] IAM User Guide, "IAM JSON policy elements: Condition": "Context key names are not case-sensitive. For
 *       example, including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp.":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * </ul>
 *
 * <p>Records: the DynamoDB ExecuteStatement and SQS records have the shapes of [DDB-CT] and [SQS-CT]. No AWS page shows a
 * record of ExportTableToPointInTime, DynamoDB or Kinesis PutResourcePolicy, Kinesis GetRecords, SNS AddPermission or
 * SetTopicAttributes, or a CreateQueue with attributes: their requestParameters hold the API's request members in
 * CloudTrail's lower-camel case (tableArn, s3Bucket, s3BucketOwner; resourceArn, resourceARN, policy; shardIterator,
 * streamARN; topicArn, label, aWSAccountId, actionName; attributes.Policy), an assumption; data events carry the
 * resource in resources[] as the [DDB-CT] data events do.
 */
class TablesAndQueuesAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/tables");
  static final String DDB = "arn:aws:dynamodb:us-east-1:111122223333:table/";
  static final String KDS = "arn:aws:kinesis:us-east-1:111122223333:stream/";
  static final String OUTSIDE = "777788889999";
  static final Set<String> POLICY_RULES = Set.of("resource-policy-public", "resource-policy-cross-account");

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json", "iam-444455556666.json",
        "resource-policies.json");
    assertThat(r.out()).contains("3 resource polic").contains("23 added");
    findings = ExplainedEvents.findings(caseDir);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  static List<JsonNode> findingsOn(String eventId) {
    return ExplainedEvents.holding(findings, eventId, Set.of());
  }

  static String describe(List<JsonNode> fs) {
    StringBuilder b = new StringBuilder();
    fs.forEach(f -> b.append("\n  ").append(f.path("rule").asText()).append(" ").append(f.path("severity").asText())
        .append(": ").append(f.path("summary").asText()));
    return fs.isEmpty() ? "no finding" : b.toString();
  }

  /** Some finding holds the event and its summary names every one of {@code words}. */
  static void expectFindingNaming(SoftAssertions soft, String eventId, String awsSays, String... words) {
    List<JsonNode> fs = findingsOn(eventId);
    boolean named = fs.stream().anyMatch(f -> {
      String s = f.path("summary").asText();
      for (String w : words) {
        if (!s.contains(w)) {
          return false;
        }
      }
      return true;
    });
    soft.assertThat(named).as(awsSays + "; expected a finding on " + eventId + " naming " + List.of(words)
        + "; the product said: " + describe(fs)).isTrue();
  }

  static void expectRule(SoftAssertions soft, String eventId, String rule, String awsSays) {
    List<JsonNode> fs = findingsOn(eventId);
    soft.assertThat(fs.stream().map(f -> f.path("rule").asText()).toList())
        .as(awsSays + "; expected rule " + rule + " on " + eventId + "; the product said: " + describe(fs)).contains(rule);
  }

  // ------------------------------------------------------------------ DynamoDB: PartiQL reads

  /**
   * Q1. analyst ran ExecuteStatement "SELECT * FROM Orders WHERE ..." (the [DDB-CT] record shape: the statement in
   * requestParameters, table/Orders in resources[]). [DDB-PARTIQL]: "To read items using PartiQL for DynamoDB, you must
   * have dynamodb:PartiQLSelect permission on the table or index"; [SAR-DDB] PartiQLSelect (table*). analyst is allowed
   * PartiQLSelect on table/Orders: decided as dynamodb:PartiQLSelect on table/Orders, allowed, as recorded.
   */
  @Test
  void partiqlSelectIsAuthorizedAsPartiQLSelectOnTheTable() throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", "ddb-partiql-select", "--json");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.out()).as("AWS [DDB-PARTIQL]: a PartiQL SELECT needs dynamodb:PartiQLSelect on the table, so the call"
        + " has an IAM decision; the product said: " + r.out() + r.err()).contains("\"action\":\"dynamodb:PartiQLSelect\"");
    if (r.out().contains("{")) {
      JsonNode e = ExplainedEvents.only(caseDir, "ddb-partiql-select");
      soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(DDB + "Orders");
      soft.assertThat(e.path("decision").asText()).as("AWS [DDB-PARTIQL]: analyst holds PartiQLSelect on table/Orders;"
          + " the product said " + why(e)).isEqualTo("Allowed");
      soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    }
    soft.assertAll();
  }

  /**
   * Q2. reader, allowed only dynamodb:GetItem on table/Orders, ran the same SELECT and DynamoDB refused it
   * (AccessDeniedException). [DDB-PARTIQL]: the read needs dynamodb:PartiQLSelect, which no statement of reader allows:
   * implicitly denied, as recorded; the replay must say why instead of having no decision.
   */
  @Test
  void partiqlSelectWithoutPartiQLSelectIsRefused() throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", "ddb-partiql-select-denied", "--json");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.out()).as("AWS [DDB-PARTIQL]: the SELECT is authorized as dynamodb:PartiQLSelect, which reader lacks"
        + " (GetItem does not grant it); the product said: " + r.out() + r.err())
        .contains("\"action\":\"dynamodb:PartiQLSelect\"").contains("\"decision\":\"ImplicitDeny\"")
        .contains("\"verdict\":\"agrees\"");
    soft.assertAll();
  }

  /**
   * Q3. "Who read table Orders with PartiQL?": the analyst's filter {@code action:dynamodb:PartiQLSelect} must list both
   * SELECT calls (the IAM action of a PartiQL read is dynamodb:PartiQLSelect [DDB-PARTIQL] [SAR-DDB]), and each lists
   * that action among its IAM actions.
   */
  @Test
  void partiqlReadsAreFoundByTheirIamAction() throws Exception {
    List<JsonNode> ev = ExplainedEvents.events(caseDir, "action:dynamodb:PartiQLSelect");
    List<String> ids = ev.stream().map(e -> e.path("eventId").asText()).toList();
    List<JsonNode> all = ExplainedEvents.events(caseDir, "eventName:ExecuteStatement");
    StringBuilder seen = new StringBuilder();
    all.forEach(e -> seen.append("\n  ").append(e.path("eventId").asText()).append(" actions=").append(e.path("actions")));
    assertThat(ids).as("AWS [DDB-PARTIQL]: both ExecuteStatement SELECTs are dynamodb:PartiQLSelect calls; the product"
        + " listed " + ids + "; its ExecuteStatement events:" + seen).contains("ddb-partiql-select", "ddb-partiql-select-denied");
  }

  // ------------------------------------------------------------------ DynamoDB: exports

  /**
   * Q4. analyst exported table Orders to the account's own bucket (ExportTableToPointInTime, tableArn in the request
   * [DDB-EXPORT]). [SAR-DDB]: ExportTableToPointInTime on table*: decided on table/Orders, allowed, as recorded.
   */
  @Test
  void exportIsDecidedOnTheTable() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.expect(soft, caseDir, "ddb-export", DDB + "Orders", "Allowed", "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as(why(e)).isEqualTo("dynamodb:ExportTableToPointInTime");
    soft.assertAll();
  }

  /**
   * Q5. analyst exported Orders to bucket drop-zone-777 with s3BucketOwner 777788889999. [DDB-EXPORT]: S3BucketOwner is
   * "The ID of the AWS account that owns the bucket the export will be stored in ... required ... when exporting to a
   * S3 bucket in another account": the table's data now sits in another account's bucket, a finding naming the table
   * and that account (as the product reports a snapshot shared with another account). The export to the account's own
   * bucket (Q4) is no such finding.
   */
  @Test
  void exportToABucketOfAnotherAccountIsAFinding() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectFindingNaming(soft, "ddb-export-outside", "AWS [DDB-EXPORT]: the export of table Orders went to a bucket owned by"
        + " account 777788889999", OUTSIDE, "Orders");
    soft.assertThat(findingsOn("ddb-export").stream().filter(f -> f.path("summary").asText().contains(OUTSIDE)).toList())
        .as("the export to the own bucket names no other account").isEmpty();
    soft.assertAll();
  }

  // ------------------------------------------------------------------ DynamoDB: resource-based policies

  /**
   * Q6. admin's PutResourcePolicy on table/Orders [DDB-PRP]: decided as dynamodb:PutResourcePolicy on the table named by
   * resourceArn [SAR-DDB] (table*), allowed, as recorded.
   */
  @Test
  void tablePolicyWriteIsDecidedOnTheTable() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "ddb-policy-xacct", DDB + "Orders", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. That PutResourcePolicy grants arn:aws:iam::777788889999:root GetItem, Query and Scan on Orders. [DDB-PRP]: a
   * table's resource policy is the resource side of cross-account access; [IAM-PRINCIPAL]: naming the account delegates
   * to it. Account 777788889999 can now read the table with its own credentials: resource-policy-cross-account, naming
   * the table and the account, as for a queue, topic, repository, secret or key policy.
   */
  @Test
  void tablePolicyGrantingAnotherAccountIsAFinding() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [DDB-PRP] [IAM-PRINCIPAL]: the table policy of Orders grants account 777788889999";
    expectRule(soft, "ddb-policy-xacct", "resource-policy-cross-account", says);
    expectFindingNaming(soft, "ddb-policy-xacct", says, OUTSIDE, "Orders");
    soft.assertAll();
  }

  /**
   * Q8. admin's PutResourcePolicy on table/Customers grants Principal "*" GetItem and Scan without a Condition
   * [IAM-PRINCIPAL]: anyone can read the table: resource-policy-public (critical), naming the table.
   */
  @Test
  void tablePolicyGrantingEveryoneIsPublic() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [DDB-PRP] [IAM-PRINCIPAL]: Principal \"*\" without a condition opens table Customers to everyone";
    expectRule(soft, "ddb-policy-public", "resource-policy-public", says);
    expectFindingNaming(soft, "ddb-policy-public", says, "Customers");
    soft.assertAll();
  }

  /**
   * Q9. admin's PutResourcePolicy on table/Audit names only the account's own user analyst [IAM-PRINCIPAL]: nobody
   * outside gains access, so no resource-policy finding (guards against a rule that fires on every table policy).
   */
  @Test
  void tablePolicyForItsOwnAccountIsNotAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("ddb-policy-own").stream().filter(f -> POLICY_RULES.contains(f.path("rule").asText())).toList();
    assertThat(fs).as("a table policy naming only a principal of 111122223333 opens nothing outside; the product said: "
        + describe(fs)).isEmpty();
  }

  /**
   * Q10. intern tried to put a table policy granting 777788889999 Scan on Orders and DynamoDB refused it
   * (AccessDeniedException). The replay: intern has no dynamodb:PutResourcePolicy, implicitly denied, as recorded; the
   * attempt to open the table to another account is listed as an attempt ("Failed attempts are listed as attempts", as
   * the product does for a refused queue policy), naming the account.
   */
  @Test
  void refusedTablePolicyIsAnAttempt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "ddb-policy-refused", DDB + "Orders", "ImplicitDeny", "agrees");
    expectFindingNaming(soft, "ddb-policy-refused", "AWS [DDB-PRP]: a refused attempt to grant account 777788889999 the"
        + " table Orders", OUTSIDE, "Attempted");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ Kinesis Data Streams

  /**
   * Q11. streamreader's GetRecords on stream clicks (allowed) and on stream payments (refused, AccessDeniedException),
   * each stream in resources[]. [SAR-KDS]: GetRecords is authorized on the stream (stream*): allowed on stream/clicks,
   * implicitly denied on stream/payments, each as recorded.
   */
  @Test
  void getRecordsIsDecidedOnTheStream() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "kds-getrecords", KDS + "clicks", "Allowed", "agrees");
    ExplainedEvents.expect(soft, caseDir, "kds-getrecords-other", KDS + "payments", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q12. partner-dev (444455556666) read stream shared-clicks of 111122223333; the stream's policy in the case grants
   * 444455556666 GetRecords and partner-dev's identity policy allows it: both sides allow ([KDS-PRP]; as [DDB-PRP] says of
   * tables, "For cross-account access, you must explicitly allow access in both the identity and resource policies"),
   * allowed, as recorded.
   */
  @Test
  void crossAccountGetRecordsAllowedByTheStreamPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "kds-xacct-policy", KDS + "shared-clicks", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q13. partner-dev read stream orders-stream of 111122223333 and CloudTrail recorded success; the case holds no policy
   * of orders-stream. [KDS-PRP]: a data stream can have a resource-based policy that shares it with another account, so
   * the success is explained by a policy the case lacks: undetermined, naming the missing stream policy (as the product
   * answers for a queue, topic, function, secret or DynamoDB table), not "disagrees" and no
   * outcome-not-explained-by-policies finding.
   */
  @Test
  void crossAccountGetRecordsOnAStreamWhosePolicyIsNotInTheCaseIsUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "kds-xacct-nopolicy");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as(why(e)).isEqualTo(KDS + "orders-stream");
    soft.assertThat(e.path("verdict").asText()).as("AWS [KDS-PRP]: the stream may have a resource policy granting"
        + " 444455556666, which the case does not hold: undetermined; the product said " + why(e)).isEqualTo("undetermined");
    List<JsonNode> unexplained = findingsOn("kds-xacct-nopolicy").stream()
        .filter(f -> f.path("rule").asText().equals("outcome-not-explained-by-policies")).toList();
    soft.assertThat(unexplained).as("a stream policy the case lacks explains the success; the product said: "
        + describe(unexplained)).isEmpty();
    soft.assertAll();
  }

  /**
   * Q14. "Could partner-dev read stream orders-stream?" asked with {@code simulate}: the stream's policy is not in the
   * case and [KDS-PRP] streams may have one: Undetermined, as simulate answers for a queue without its policy, not
   * "ImplicitDeny: there is no resource-based policy".
   */
  @Test
  void simulateCrossAccountReadOfAStreamWhosePolicyIsNotInTheCase() throws Exception {
    CliRun r = CliRun.of("simulate", "--case", caseDir.toString(), "--principal", "arn:aws:iam::444455556666:user/partner-dev",
        "--actions", "kinesis:GetRecords", "--resource", KDS + "orders-stream", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> rows = ExplainedEvents.jsonLines(r.out());
    assertThat(rows).as(r.out()).hasSize(1);
    assertThat(rows.get(0).path("decision").asText()).as("AWS [KDS-PRP]: the stream may have a policy sharing it with"
        + " 444455556666, which the case does not hold; the product said: " + rows.get(0)).isEqualTo("Undetermined");
  }

  /**
   * Q15. streamreader, allowed kinesis:PutResourcePolicy on stream/clicks only, put a policy on clicks (resourceARN in
   * the request [KDS-PRP]). [SAR-KDS]: PutResourcePolicy is authorized on the stream (stream*): decided on
   * stream/clicks, allowed, as recorded (not on "*", which streamreader is not allowed). The filter
   * {@code resource:…stream/clicks} ("what happened to stream clicks?") lists both policy writes on it.
   */
  @Test
  void streamPolicyWriteIsDecidedOnTheStream() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = ExplainedEvents.only(caseDir, "kds-policy-scoped");
    soft.assertThat(e.path("request").path("resource").asText()).as("AWS [SAR-KDS] [KDS-PRP]: PutResourcePolicy acts on"
        + " the stream named by ResourceARN; the product said " + why(e)).isEqualTo(KDS + "clicks");
    soft.assertThat(e.path("decision").asText()).as("AWS [SAR-KDS]: streamreader may PutResourcePolicy on stream/clicks;"
        + " the product said " + why(e)).isEqualTo("Allowed");
    soft.assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("agrees");
    List<String> ids = ExplainedEvents.events(caseDir, "resource:" + KDS + "clicks").stream()
        .map(x -> x.path("eventId").asText()).toList();
    soft.assertThat(ids).as("events on stream clicks; the product listed " + ids).contains("kds-policy-scoped", "kds-policy-xacct");
    soft.assertAll();
  }

  /**
   * Q16. admin's PutResourcePolicy on stream clicks grants arn:aws:iam::777788889999:root GetRecords, GetShardIterator,
   * DescribeStreamSummary and ListShards [KDS-PRP] [IAM-PRINCIPAL]: another account can read the stream:
   * resource-policy-cross-account, naming the stream and the account.
   */
  @Test
  void streamPolicyGrantingAnotherAccountIsAFinding() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [KDS-PRP] [IAM-PRINCIPAL]: the policy of stream clicks grants account 777788889999 its records";
    expectRule(soft, "kds-policy-xacct", "resource-policy-cross-account", says);
    expectFindingNaming(soft, "kds-policy-xacct", says, OUTSIDE, "clicks");
    soft.assertAll();
  }

  /**
   * Q17. admin's PutResourcePolicy on stream payments grants {"AWS": "*"} GetRecords and GetShardIterator without a
   * Condition [IAM-PRINCIPAL]: resource-policy-public, naming the stream.
   */
  @Test
  void streamPolicyGrantingEveryoneIsPublic() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [KDS-PRP] [IAM-PRINCIPAL]: {\"AWS\": \"*\"} without a condition opens stream payments to everyone";
    expectRule(soft, "kds-policy-public", "resource-policy-public", says);
    expectFindingNaming(soft, "kds-policy-public", says, "payments");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ SQS

  /**
   * Q18. admin's AddPermission on queue orders-q: AWSAccountIds ["777788889999"], actions ["ReceiveMessage"] (the
   * [SQS-CT] record shape). [SQS-API]: AddPermission "Adds a permission to a queue for a specific principal. This allows
   * sharing access to the queue"; the account "is to receive permission". Account 777788889999 can now receive the
   * queue's messages: a finding naming the queue and the account, as SetQueueAttributes with the same grant is
   * (resource-policy-cross-account).
   */
  @Test
  void queueAddPermissionForAnotherAccountIsAFinding() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectFindingNaming(soft, "sqs-addperm-xacct", "AWS [SQS-API]: AddPermission shared queue orders-q with account"
        + " 777788889999 (ReceiveMessage)", OUTSIDE, "orders-q");
    soft.assertAll();
  }

  /**
   * Q19. admin created queue inbox with attributes.Policy granting Principal "*" SendMessage and ReceiveMessage without a
   * Condition. [SQS-API]: CreateQueue's Policy attribute is "The queue's policy": the queue is public from its creation,
   * as if SetQueueAttributes had written the policy: resource-policy-public, naming the queue.
   */
  @Test
  void queueCreatedWithAPublicPolicyIsPublic() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [SQS-API] [IAM-PRINCIPAL]: CreateQueue set queue inbox's policy to Principal \"*\" without a condition";
    expectRule(soft, "sqs-create-public", "resource-policy-public", says);
    expectFindingNaming(soft, "sqs-create-public", says, "inbox");
    soft.assertAll();
  }

  /**
   * Q20. admin's SetQueueAttributes on jobs-q writes a policy granting arn:aws:iam::777788889999:root ReceiveMessage
   * [SQS-CT] [IAM-PRINCIPAL]: resource-policy-cross-account, its summary naming the queue and the account (guards the
   * wording).
   */
  @Test
  void queuePolicyGrantingAnotherAccountNamesTheQueueAndTheAccount() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String says = "AWS [IAM-PRINCIPAL]: the policy of queue jobs-q grants account 777788889999";
    expectRule(soft, "sqs-set-xacct", "resource-policy-cross-account", says);
    expectFindingNaming(soft, "sqs-set-xacct", says, OUTSIDE, "jobs-q");
    soft.assertAll();
  }

  /**
   * Q21. intern tried SetQueueAttributes with a policy granting {"AWS": "*"} ReceiveMessage on jobs-q and SQS refused it
   * (AccessDenied): implicitly denied (intern holds no sqs:SetQueueAttributes), as recorded, and listed as an attempt
   * (resource-policy-public, "Attempted only").
   */
  @Test
  void refusedPublicQueuePolicyIsAnAttempt() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "sqs-set-public-refused", null, "ImplicitDeny", "agrees");
    expectRule(soft, "sqs-set-public-refused", "resource-policy-public", "a refused attempt to make jobs-q public");
    expectFindingNaming(soft, "sqs-set-public-refused", "a refused attempt is an attempt", "Attempted", "jobs-q");
    soft.assertAll();
  }

  /**
   * Q22. partner-dev received messages from queue partner-q of 111122223333, whose policy grants "*" ReceiveMessage when
   * aws:PrincipalAccount is 444455556666. [IAM-KEYS]: aws:PrincipalAccount is "the account to which the requesting
   * principal belongs", 444455556666 (userIdentity.accountId): the queue policy allows, partner-dev's identity policy allows: allowed, as
   * recorded (not undetermined on a key the caller's identity settles).
   */
  @Test
  void principalAccountConditionIsDecidedFromTheCaller() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "sqs-receive-principalaccount", "arn:aws:sqs:us-east-1:111122223333:partner-q",
        "Allowed", "agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ SNS

  /**
   * Q23. admin's AddPermission on topic alerts for account 777788889999, action Subscribe. [SNS-API]: AddPermission "Adds
   * a statement to a topic's access control policy, granting access for the specified AWS accounts to the specified
   * actions", a statement whose Principal is the account: account
   * 777788889999 can now subscribe its own endpoints and receive every message: a finding naming the topic and the
   * account, as SetTopicAttributes with that grant is.
   */
  @Test
  void topicAddPermissionForAnotherAccountIsAFinding() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expectFindingNaming(soft, "sns-addperm-xacct", "AWS [SNS-API]: AddPermission granted account 777788889999 Subscribe on"
        + " topic alerts", OUTSIDE, "alerts");
    soft.assertAll();
  }

  /**
   * Q24. admin wrote back topic billing's default policy ({"AWS": "*"} limited by StringEquals "AWS:SourceOwner" =
   * 111122223333, with the key in the capitals of the policy SNS writes for a new topic): only principals of the owner's
   * account, or services acting for it, get in (the product's own rule text says so of "the default SNS topic policy"),
   * and [IAM-COND] "Context key names are not case-sensitive", so AWS:SourceOwner is aws:SourceOwner: neither
   * resource-policy-public nor resource-policy-cross-account.
   */
  @Test
  void defaultTopicPolicyIsNotAFinding() throws Exception {
    List<JsonNode> fs = findingsOn("sns-set-default").stream().filter(f -> POLICY_RULES.contains(f.path("rule").asText())).toList();
    assertThat(fs).as("AWS [IAM-COND]: AWS:SourceOwner pinned to the owner's account admits only that account; the product said: "
        + describe(fs)).isEmpty();
  }

  /**
   * Q25. partner-dev subscribed its own queue to topic alerts of 111122223333; the topic policy in the case grants
   * 444455556666 Subscribe and partner-dev's identity allows it: both sides allow, allowed, as recorded.
   */
  @Test
  void crossAccountSubscribeAllowedByTheTopicPolicy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    ExplainedEvents.expect(soft, caseDir, "sns-subscribe-xacct", "arn:aws:sns:us-east-1:111122223333:alerts", "Allowed",
        "agrees");
    soft.assertAll();
  }
}
