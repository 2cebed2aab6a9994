package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of Amazon Bedrock and "LLMjacking": after stolen keys were used to run models, which models were invoked, by
 * whom, in which region; was model access requested; was invocation logging removed; were guardrails deleted; what
 * recon came first; and does the replay of each call against the case's IAM data give AWS's answer. The records and
 * IAM data of {@code src/test/resources/fixtures/bedrock} (written by its make_fixtures.py) are imported with the CLI,
 * then read back with {@code explain --event ID --json}, {@code events --format json --filter …} and
 * {@code findings --no-save --format json}.
 *
 * <p>The case, account 111122223333:
 * <ul>
 *   <li>user ci-bot (the leaked key AKIACIBOTLEAKED00001, used from 203.0.113.66): Allow bedrock:* on *; Deny
 *       bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream with NotResource
 *       arn:aws:bedrock:*::foundation-model/amazon.titan-text-express-v1 (every model but Titan Text Express); Deny
 *       bedrock:DeleteGuardrail on guardrail/prodguard0001; Deny * when aws:RequestedRegion is not us-east-1 or us-west-2.
 *       It reads the logging configuration and the model list, removes invocation logging in us-east-1 (and is refused
 *       in eu-west-1), invokes Claude 3 Sonnet (refused), Titan (allowed), Converse on Claude 3 Haiku (refused),
 *       ConverseStream on Titan in us-west-2 (allowed), streams Sonnet in us-west-2 (refused), invokes Titan in eu-west-1
 *       (refused by the region lock), deletes guardrail prodguard0001 (refused) and devguard0002 (allowed).
 *   <li>user intern (bedrock:Get*, bedrock:List*): tries to remove invocation logging and to invoke Titan, both refused.
 *   <li>user dev-alice (InvokeModel* on foundation-model/*): invokes Titan by its model ID, then by its ARN.
 *   <li>role DataSciRole, session laptop (InvokeModel* on foundation-model/*, model access calls on *): invokes Claude
 *       3.5 Sonnet and is refused for want of model access, calls PutUseCaseForModelAccess and
 *       PutFoundationModelEntitlement, invokes the model again (allowed), then starts an asynchronous invocation of Nova
 *       Reel (a data event).
 *   <li>role LlmAppRole, session app-1: the policy of [IP-PREREQ]'s example (Claude 3 Haiku only through the US
 *       inference profile in us-west-2); invokes the profile (allowed), then the model directly (refused).
 * </ul>
 *
 * <p>Pages (each case quotes the part it relies on):
 * <ul>
 *   <li>[CT-BEDROCK] Amazon Bedrock User Guide, "Monitor Amazon Bedrock API calls using CloudTrail":
 *       https://docs.aws.amazon.com/bedrock/latest/userguide/logging-using-cloudtrail.html - "Amazon Bedrock logs Amazon
 *       Bedrock Runtime API operations (InvokeModel, InvokeModelWithResponseStream, Converse, and ConverseStream) as
 *       management events." / "Amazon Bedrock logs other Amazon Bedrock Runtime API operations (such as
 *       InvokeModelWithBidirectionalStream, GetAsyncInvoke, and StartAsyncInvokes) as data events." / "To log
 *       GetAsyncInvoke and StartAsyncInvoke calls, configure advanced event selectors to record data events for the
 *       AWS::Bedrock::Model resource type"; its InvokeModel example record has eventSource bedrock.amazonaws.com,
 *       "requestParameters": {"modelId": "stability.stable-diffusion-xl-v0"}, "readOnly": false, eventCategory
 *       Management and no resources[] (the fixtures copy that shape).
 *   <li>[SAR] Service Authorization Reference, "Actions, resources, and condition keys for Amazon Bedrock":
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html - resource types
 *       foundation-model "arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}" (no account),
 *       inference-profile "arn:${Partition}:bedrock:${Region}:${Account}:inference-profile/${ResourceId}", guardrail
 *       "arn:${Partition}:bedrock:${Region}:${Account}:guardrail/${GuardrailId}"; "If there is no value for this
 *       column, you must specify all resources ("*") to which the policy applies in the Resource element" (so
 *       ListFoundationModels, GetModelInvocationLoggingConfiguration, DeleteModelInvocationLoggingConfiguration,
 *       PutUseCaseForModelAccess, PutFoundationModelEntitlement, GetFoundationModelAvailability are decided on "*").
 *   <li>[MODELID] Bedrock API Reference, Converse, modelId (InvokeModel's says the same):
 *       https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html - "If you use a base model,
 *       specify the model ID or its ARN. [...] If you use an inference profile, specify the inference profile ID or
 *       its ARN."
 *   <li>[CONVERSE] Bedrock API Reference, Converse: "This operation requires permission for the bedrock:InvokeModel
 *       action." [CONVERSE-STREAM] ConverseStream:
 *       https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html - "This operation
 *       requires permission for the bedrock:InvokeModelWithResponseStream action."
 *   <li>[PREREQ] Bedrock User Guide, "Prerequisites for running model inference":
 *       https://docs.aws.amazon.com/bedrock/latest/userguide/inference-prereq.html - "bedrock:InvokeModel – Required to
 *       carry out model invocation. Allows the role to call the InvokeModel and Converse API operations." /
 *       "bedrock:InvokeModelWithResponseStream – Required to carry out model invocation and return streaming responses.
 *       Allows the role to call the InvokeModelWithResponseStream and ConverseStream API operations."
 *   <li>[IMRS] Bedrock API Reference, InvokeModelWithResponseStream:
 *       https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html - "This
 *       operation requires permissions to perform the bedrock:InvokeModelWithResponseStream action." / "To deny all
 *       inference access to resources that you specify in the modelId field, you need to deny access to the
 *       bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream actions. Doing this also denies access to the
 *       resource through the Converse API actions (Converse and ConverseStream)."
 *   <li>[ASYNC] Bedrock API Reference, StartAsyncInvoke:
 *       https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html - "Starts an
 *       asynchronous invocation. This operation requires permission for the bedrock:InvokeModel action."
 *   <li>[IP-PREREQ] Bedrock User Guide, "Prerequisites for inference profiles":
 *       https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html - "When you specify an
 *       inference profile in the Resource field in the first statement, you must also specify the foundation model in
 *       each Region associated with it." / "To restrict user access such that they can invoke a foundation model only
 *       through an inference profile, add a Condition field and use the aws:InferenceProfileArn condition key" / the
 *       example "allow it to invoke the Anthropic Claude 3 Haiku model only through the US Anthropic Claude 3 Haiku
 *       inference profile in the account 111122223333 in us-west-2" (LlmAppRole's policy) / "You've requested access to
 *       the model defined in the inference profile that you want to use, in the Region from which you want to call the
 *       inference profile."
 *   <li>[GUARDRAIL] Bedrock API Reference, DeleteGuardrail:
 *       https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteGuardrail.html - guardrailIdentifier "The
 *       unique identifier of the guardrail. This can be an ID or the ARN."
 *   <li>[LOGGING] Bedrock User Guide, "Monitor model invocation using CloudWatch Logs and Amazon S3":
 *       https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html - "You can use model
 *       invocation logging to collect invocation logs, model input data, and model output data for all invocations in
 *       your AWS account used in Amazon Bedrock in a Region." / "After model invocation logging is enabled, logs are
 *       stored until the logging configuration is deleted."
 *   <li>[REGION] IAM User Guide, global condition keys, aws:RequestedRegion:
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 *       - "Use this key to compare the AWS Region that was called in the request with the Region that you specify in
 *       the policy."
 *   <li>[DENIED-MSG] IAM User Guide, "Troubleshoot access denied error messages":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html - the wording "with an
 *       explicit deny in an identity-based policy" / "because no identity-based policy allows the … action" used in the
 *       fixtures' refusals (that Bedrock logs errorCode AccessDenied with it is an assumption).
 *   <li>[RULES] The product's docs/detections.md: bedrock-model-first-use "An IAM user, or a role through any of its
 *       sessions, invoked an Amazon Bedrock model [...] it had not invoked before in the case"; both Bedrock rules
 *       "Failed attempts are listed as attempts"; "A finding of an outcome: any rule whose calls all failed stays
 *       visible but says so: its title becomes [...] attempted [...], its summary starts Attempted only:".
 * </ul>
 */
class BedrockAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/bedrock");
  static final String ACCT = "111122223333";
  static final String TITAN = "amazon.titan-text-express-v1";
  static final String SONNET3 = "anthropic.claude-3-sonnet-20240229-v1:0";
  static final String HAIKU3 = "anthropic.claude-3-haiku-20240307-v1:0";
  static final String SONNET35 = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String REEL = "amazon.nova-reel-v1:0";
  static final String PROFILE_ARN = "arn:aws:bedrock:us-west-2:" + ACCT + ":inference-profile/us." + HAIKU3;
  static final String FIRST_USE = "bedrock-model-first-use";
  static final String LOGGING_REMOVED = "bedrock-invocation-logging-removed";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("3 users").contains("2 roles").contains("24 added");
    findings = ExplainedEvents.findings(caseDir);
  }

  static String fm(String region, String model) {
    return "arn:aws:bedrock:" + region + "::foundation-model/" + model;
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " [" + f.path("severity").asText() + "] " + f.path("title").asText() + " | "
        + f.path("summary").asText() + " | events " + f.path("eventIds");
  }

  static List<String> all(List<JsonNode> fs) {
    return fs.stream().map(BedrockAuditTest::text).toList();
  }

  /** The findings of {@code rule} holding the event. */
  static List<JsonNode> ofRuleHolding(String rule, String eventId) {
    return ExplainedEvents.holding(findings, eventId, Set.of()).stream().filter(f -> f.path("rule").asText().equals(rule))
        .toList();
  }

  static boolean attemptOnly(JsonNode f) {
    return f.path("summary").asText().startsWith("Attempted only")
        || f.path("title").asText().toLowerCase(Locale.ROOT).contains("attempt");
  }

  static JsonNode event(String filter, String eventId) throws Exception {
    return ExplainedEvents.events(caseDir, filter).stream().filter(e -> e.path("eventId").asText().equals(eventId)).findFirst()
        .orElse(null);
  }

  static List<String> actions(JsonNode event) {
    List<String> out = new ArrayList<>();
    event.path("actions").forEach(a -> out.add(a.asText()));
    return out;
  }

  /**
   * {@code explain --event ID --json}, one object per evaluated action. For a call the product maps to no IAM action it
   * prints a sentence instead of JSON; that is returned as one object with verdict "no decision" and the sentence as
   * its explanation, so the assertions can say what the product answered.
   */
  static List<JsonNode> explained(String eventId) throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", eventId, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> lines = ExplainedEvents.jsonLines(r.out());
    if (lines.isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      n.put("eventId", eventId);
      n.putNull("decision");
      n.put("verdict", "no decision");
      n.put("explanation", r.out().strip());
      lines = List.of(n);
    }
    return lines;
  }

  /** As {@link ExplainedEvents#expect}, for an event whose only action is checked (or the product's no-decision answer). */
  static JsonNode expect(SoftAssertions soft, String eventId, String resource, String decision, String verdict) throws Exception {
    List<JsonNode> l = explained(eventId);
    assertThat(l).as("one evaluated action for " + eventId + ":" + ExplainedEvents.whyAll(l)).hasSize(1);
    JsonNode e = l.get(0);
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("resource ARN of " + ExplainedEvents.why(e))
          .isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText()).as("decision of " + ExplainedEvents.why(e)).isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("verdict of " + ExplainedEvents.why(e)).isEqualTo(verdict);
    return e;
  }

  // ------------------------------------------------------------------ 1. which action, on which resource

  /**
   * Q1. "ci-bot's key invoked Titan Text Express in us-east-1: was that allowed, and on what?" The record carries only
   * requestParameters.modelId, as [CT-BEDROCK]'s example does; a base model is named by its model ID [MODELID] and
   * InvokeModel is authorized on the foundation-model resource, whose ARN has no account [SAR]:
   * arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1. ci-bot's Deny has NotResource exactly that
   * ARN, so the Allow on bedrock:* decides: Allowed, agrees with CloudTrail (no errorCode).
   */
  @Test
  void invokeModelIsDecidedOnTheFoundationModelArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "br-invoke-titan", fm("us-east-1", TITAN), "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q2. "It tried Claude 3 Sonnet: why was it refused?" The model ID names arn:aws:bedrock:us-east-1::foundation-model/
   * anthropic.claude-3-sonnet-20240229-v1:0 [MODELID], [SAR], which ci-bot's Deny (NotResource: only Titan) covers;
   * [IMRS]: denying bedrock:InvokeModel on the modelId's resource denies the inference. ExplicitDeny, agrees with the
   * logged AccessDenied.
   */
  @Test
  void invokeModelOfAnotherModelIsExplicitlyDeniedByTheNotResourceDeny() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "br-invoke-sonnet-denied", fm("us-east-1", SONNET3), "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q3. dev-alice invoked Titan naming it by its ARN. [MODELID]: "specify the model ID or its ARN" - the resource is that
   * ARN, arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1, which her Allow on
   * arn:aws:bedrock:*::foundation-model/* covers: Allowed, agrees.
   */
  @Test
  void invokeModelNamedByItsArnIsDecidedOnThatArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "br-alice-titan-arn", fm("us-east-1", TITAN), "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q4. "ci-bot called Converse on Claude 3 Haiku: which permission was that?" [CONVERSE]: "This operation requires
   * permission for the bedrock:InvokeModel action"; [PREREQ]: bedrock:InvokeModel "Allows the role to call the
   * InvokeModel and Converse API operations". So the call is bedrock:InvokeModel on the Haiku foundation model, which
   * ci-bot's Deny covers ([IMRS]: the deny "also denies access to the resource through the Converse API actions"):
   * ExplicitDeny, agrees. The events listing must give the action too.
   */
  @Test
  void converseIsAuthorizedAsInvokeModel() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode ev = event("eventName:Converse", "br-converse-haiku-denied");
    soft.assertThat(ev == null ? List.of() : actions(ev)).as("AWS [CONVERSE]: Converse requires bedrock:InvokeModel; the"
        + " product's events listing gave: " + ev).containsExactly("bedrock:InvokeModel");
    JsonNode e = expect(soft, "br-converse-haiku-denied", fm("us-east-1", HAIKU3), "ExplicitDeny",
        "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as("action of " + ExplainedEvents.why(e))
        .isEqualTo("bedrock:InvokeModel");
    soft.assertAll();
  }

  /**
   * Q5. ConverseStream on Titan in us-west-2, allowed. [CONVERSE-STREAM]: it "requires permission for the
   * bedrock:InvokeModelWithResponseStream action"; [PREREQ] likewise. The resource is the Titan foundation model in
   * us-west-2 [SAR], outside ci-bot's Deny: Allowed, agrees.
   */
  @Test
  void converseStreamIsAuthorizedAsInvokeModelWithResponseStream() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "br-conversestream-titan-west", fm("us-west-2", TITAN), "Allowed",
        "agrees");
    soft.assertThat(e.path("request").path("action").asText()).as("AWS [CONVERSE-STREAM]: ConverseStream requires"
        + " bedrock:InvokeModelWithResponseStream; the product said: " + ExplainedEvents.why(e))
        .isEqualTo("bedrock:InvokeModelWithResponseStream");
    soft.assertAll();
  }

  /**
   * Q6. InvokeModelWithResponseStream on Claude 3 Sonnet in us-west-2, refused. [IMRS]: the call needs
   * bedrock:InvokeModelWithResponseStream on the modelId's resource; ci-bot's Deny names that action with NotResource
   * Titan only, so the Sonnet foundation model in us-west-2 is denied: ExplicitDeny, agrees.
   */
  @Test
  void responseStreamOfAnotherModelIsExplicitlyDenied() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "br-stream-sonnet-denied-west", fm("us-west-2", SONNET3), "ExplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q7. LlmAppRole invoked the US Claude 3 Haiku inference profile by its ID in us-west-2, allowed. [MODELID]: an
   * inference profile is named by its ID or ARN; [SAR]: the inference-profile ARN carries the account; [IP-PREREQ]:
   * the policy's first statement allows InvokeModel on that profile, and the foundation models are allowed only with
   * bedrock:InferenceProfileArn = that profile. So the call is authorized on
   * arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0; the replay must
   * evaluate that resource, find nothing that refuses it, and never disagree with the logged success.
   */
  @Test
  void inferenceProfileInvocationIsAuthorizedOnTheProfile() throws Exception {
    List<JsonNode> l = explained("br-app-profile-haiku");
    String why = ExplainedEvents.whyAll(l);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(l.stream().map(e -> e.path("request").path("resource").asText()).toList())
        .as("AWS [IP-PREREQ], [MODELID]: the call names the inference profile " + PROFILE_ARN + "; the product evaluated:" + why)
        .contains(PROFILE_ARN);
    soft.assertThat(l).as("nothing in LlmAppRole's policy refuses the profile call:" + why)
        .noneSatisfy(e -> assertThat(e.path("decision").asText()).isIn("ExplicitDeny", "ImplicitDeny"));
    soft.assertThat(l).as("the logged success must not be called a disagreement:" + why)
        .noneSatisfy(e -> assertThat(e.path("verdict").asText()).isEqualTo("disagrees"));
    soft.assertAll();
  }

  /**
   * Q8. The same session then invoked Claude 3 Haiku directly (model ID, no profile) and was refused. The resource is
   * arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 [SAR]; the only statement on it
   * requires bedrock:InferenceProfileArn, the key [IP-PREREQ] uses "to restrict user access such that they can invoke a
   * foundation model only through an inference profile" - a direct call carries no inference profile, so the key is
   * absent, not unknown. ImplicitDeny, agrees, and the decision does not depend on bedrock:InferenceProfileArn.
   */
  @Test
  void directInvocationOutsideTheInferenceProfileIsRefusedAndAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "br-app-direct-haiku-denied", fm("us-west-2", HAIKU3), "ImplicitDeny",
        "agrees");
    soft.assertThat(ExplainedEvents.missing(e)).as("a direct call names no inference profile [IP-PREREQ]: "
        + ExplainedEvents.why(e)).doesNotContain("bedrock:inferenceprofilearn");
    soft.assertAll();
  }

  /**
   * Q9. "Did the stolen key run models in other regions?" ci-bot invoked Titan in eu-west-1 and was refused. The region
   * called is eu-west-1 [REGION], outside the RegionLock's us-east-1/us-west-2: ExplicitDeny, agrees, with
   * aws:RequestedRegion = eu-west-1 in the request.
   */
  @Test
  void invocationInAnotherRegionIsDeniedByTheRegionLock() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = expect(soft, "br-invoke-titan-euwest-denied", null, "ExplicitDeny", "agrees");
    soft.assertThat(ExplainedEvents.contextValues(e, "aws:RequestedRegion")).as(ExplainedEvents.why(e))
        .containsExactly("eu-west-1");
    soft.assertAll();
  }

  /**
   * Q10. "Were guardrails deleted?" ci-bot deleted guardrail devguard0002 (allowed) and was refused on prodguard0001.
   * [GUARDRAIL]: guardrailIdentifier is "an ID or the ARN"; [SAR]: DeleteGuardrail is authorized on the guardrail,
   * arn:aws:bedrock:us-east-1:111122223333:guardrail/ID. ProtectProdGuardrail denies exactly prodguard0001: ExplicitDeny,
   * agrees; devguard0002 is allowed by bedrock:*: Allowed, agrees.
   */
  @Test
  void deleteGuardrailIsDecidedOnTheGuardrailArn() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    expect(soft, "br-guardrail-prod-denied",
        "arn:aws:bedrock:us-east-1:" + ACCT + ":guardrail/prodguard0001", "ExplicitDeny", "agrees");
    expect(soft, "br-guardrail-dev-deleted",
        "arn:aws:bedrock:us-east-1:" + ACCT + ":guardrail/devguard0002", "Allowed", "agrees");
    soft.assertAll();
  }

  /**
   * Q11. The recon and the logging calls: GetModelInvocationLoggingConfiguration, ListFoundationModels,
   * GetFoundationModelAvailability and DeleteModelInvocationLoggingConfiguration have no resource type [SAR], so they
   * are decided on "*": ci-bot's are Allowed (agrees), its removal in eu-west-1 is refused by the RegionLock
   * (ExplicitDeny, agrees), the intern's removal is refused because nothing allows it (ImplicitDeny, agrees).
   */
  @Test
  void reconAndLoggingConfigurationCallsAreDecidedOnStar() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("br-recon-logcfg", "br-recon-list", "br-recon-avail", "br-logging-deleted")) {
      expect(soft, id, "*", "Allowed", "agrees");
    }
    expect(soft, "br-logging-delete-denied-region", "*", "ExplicitDeny", "agrees");
    expect(soft, "br-intern-logging-denied", "*", "ImplicitDeny", "agrees");
    soft.assertAll();
  }

  /**
   * Q12. "Was model access requested?" DataSciRole called PutUseCaseForModelAccess and PutFoundationModelEntitlement;
   * both have no resource type [SAR] and its ModelAccess statement allows them on "*": Allowed, agrees, each replayed
   * as the bedrock action of its own name.
   */
  @Test
  void modelAccessRequestsAreReplayedAsTheirOwnActionsOnStar() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode u = expect(soft, "br-ds-usecase", "*", "Allowed", "agrees");
    soft.assertThat(u.path("request").path("action").asText()).isEqualTo("bedrock:PutUseCaseForModelAccess");
    JsonNode m = expect(soft, "br-ds-entitlement", "*", "Allowed", "agrees");
    soft.assertThat(m.path("request").path("action").asText()).isEqualTo("bedrock:PutFoundationModelEntitlement");
    soft.assertAll();
  }

  /**
   * Q13. DataSciRole started an asynchronous invocation of Nova Reel. [CT-BEDROCK]: StartAsyncInvoke is logged as a
   * data event (eventCategory Data, AWS::Bedrock::Model resources); the product must still read it, and [ASYNC]: "This
   * operation requires permission for the bedrock:InvokeModel action" - so it is listed with the action
   * bedrock:InvokeModel and replayed (not "no decision").
   */
  @Test
  void asyncInvocationDataEventIsReadAndAuthorizedAsInvokeModel() throws Exception {
    JsonNode ev = event("eventName:StartAsyncInvoke", "br-ds-async-reel");
    assertThat(ev).as("the StartAsyncInvoke data event must be in the case [CT-BEDROCK]").isNotNull();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(actions(ev)).as("AWS [ASYNC]: StartAsyncInvoke requires bedrock:InvokeModel; the product listed: " + ev)
        .contains("bedrock:InvokeModel");
    List<JsonNode> l = explained("br-ds-async-reel");
    soft.assertThat(l).as("replayed as bedrock:InvokeModel:" + ExplainedEvents.whyAll(l))
        .anySatisfy(e -> assertThat(e.path("request").path("action").asText()).isEqualTo("bedrock:InvokeModel"));
    soft.assertThat(l).as("a call AWS authorizes as bedrock:InvokeModel has a decision:" + ExplainedEvents.whyAll(l))
        .noneSatisfy(e -> assertThat(e.path("verdict").asText()).isEqualTo("no decision"));
    soft.assertAll();
  }

  /**
   * Q14. "What did the leaked key actually use?" ({@code least-privilege}). [CT-BEDROCK]: InvokeModel and the other
   * runtime calls are management events (so a trail without data events shows them, and their use is not hidden by
   * the trail's configuration); [CONVERSE-STREAM], [PREREQ]: ci-bot's successful ConverseStream used
   * bedrock:InvokeModelWithResponseStream. The used actions must list bedrock:InvokeModel as a management event
   * (dataEvent false) and bedrock:InvokeModelWithResponseStream as used.
   */
  @Test
  void leastPrivilegeCountsConverseStreamAsResponseStreamUseAndInvokeModelAsManagementEvent() throws Exception {
    CliRun r = CliRun.of("least-privilege", "--case", caseDir.toString(), "--principal",
        "arn:aws:iam::" + ACCT + ":user/ci-bot", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode lp = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    List<String> used = new ArrayList<>();
    JsonNode invoke = null;
    for (JsonNode u : lp.path("used")) {
      used.add(u.path("action").asText());
      if (u.path("action").asText().equals("bedrock:InvokeModel")) {
        invoke = u;
      }
    }
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(invoke).as("ci-bot's allowed InvokeModel of Titan: used " + used).isNotNull();
    if (invoke != null) {
      soft.assertThat(invoke.path("dataEvent").asBoolean()).as("AWS [CT-BEDROCK] logs InvokeModel as a management event: "
          + invoke).isFalse();
    }
    soft.assertThat(used).as("AWS [CONVERSE-STREAM]: the allowed ConverseStream used bedrock:InvokeModelWithResponseStream;"
        + " the product's used actions: " + used + ", caveats " + lp.path("caveats")).contains("bedrock:InvokeModelWithResponseStream");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. bedrock-invocation-logging-removed

  /**
   * Q15. "Who removed invocation logging, where?" ci-bot's DeleteModelInvocationLoggingConfiguration in us-east-1
   * succeeded: per [LOGGING] logs are kept only "until the logging configuration is deleted", so the region's model
   * invocations are no longer logged. A high finding that is not an attempt, naming ci-bot and us-east-1.
   */
  @Test
  void loggingRemovalIsHighAndNamesPrincipalAndRegion() {
    List<JsonNode> f = ofRuleHolding(LOGGING_REMOVED, "br-logging-deleted");
    assertThat(f).as("expected a " + LOGGING_REMOVED + " finding holding br-logging-deleted; all findings: " + all(findings))
        .hasSize(1);
    JsonNode x = f.get(0);
    assertThat(x.path("severity").asText()).as(text(x)).isEqualTo("high");
    assertThat(attemptOnly(x)).as("the removal succeeded: " + text(x)).isFalse();
    assertThat(x.path("summary").asText()).as(text(x)).contains("user/ci-bot").contains("us-east-1");
  }

  /**
   * Q16. ci-bot's removal in eu-west-1 was refused (AccessDenied, the RegionLock): the configuration there was not
   * deleted, so by [LOGGING] eu-west-1's logs are still stored. The finding may list the refused call, but must not say
   * logging was removed in eu-west-1: the sentence that says "removed" names eu-west-1 only if it says, there, that
   * the call was refused.
   */
  @Test
  void refusedRemovalInAnotherRegionIsNotReportedAsARemoval() {
    List<JsonNode> f = ofRuleHolding(LOGGING_REMOVED, "br-logging-deleted");
    assertThat(f).as("all findings: " + all(findings)).isNotEmpty();
    for (JsonNode x : f) {
      for (String sentence : x.path("summary").asText().split("\\. ")) {
        String s = sentence.toLowerCase(Locale.ROOT);
        if (s.contains("removed") && s.contains("eu-west-1")) {
          assertThat(s).as("AWS refused the removal in eu-west-1 (logging there is kept until the configuration is"
              + " deleted [LOGGING]); the product's sentence says logging was removed there: " + text(x))
              .containsAnyOf("refused", "denied", "attempt", "failed");
        }
      }
    }
  }

  /**
   * Q17. The intern's removal was refused: nothing changed [LOGGING]. The finding must read as an attempt ([RULES]:
   * "its summary starts Attempted only"), below high.
   */
  @Test
  void refusedLoggingRemovalReadsAsAnAttempt() {
    List<JsonNode> f = ofRuleHolding(LOGGING_REMOVED, "br-intern-logging-denied");
    assertThat(f).as("all findings: " + all(findings)).hasSize(1);
    JsonNode x = f.get(0);
    assertThat(attemptOnly(x)).as("a refused removal must read as an attempt: " + text(x)).isTrue();
    assertThat(x.path("severity").asText()).as(text(x)).isNotEqualTo("high");
    assertThat(x.path("eventIds").toString()).as("the intern's attempt is not merged with ci-bot's removal: " + text(x))
        .doesNotContain("br-logging-deleted");
  }

  // ------------------------------------------------------------------ 3. bedrock-model-first-use

  /**
   * Q18. "Which model did the stolen key run, and where?" ci-bot's first successful invocation is Titan in us-east-1.
   * Invocation logs and model access are per Region ([LOGGING]: "for all invocations in your AWS account used in
   * Amazon Bedrock in a Region"; [IP-PREREQ]: access "in the Region from which you want to call"), so the finding must
   * name the model, the principal and the region of the invocation.
   */
  @Test
  void modelFirstUseNamesModelPrincipalAndRegion() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-invoke-titan");
    assertThat(f).as("expected a " + FIRST_USE + " finding holding br-invoke-titan; all: " + all(findings)).hasSize(1);
    JsonNode x = f.get(0);
    assertThat(attemptOnly(x)).as(text(x)).isFalse();
    assertThat(x.path("summary").asText()).as("the finding must name model, principal and region (us-east-1): " + text(x))
        .contains(TITAN).contains("user/ci-bot").contains("us-east-1");
  }

  /**
   * Q19. The intern tried Titan and was refused: no model ran. The first-use finding must read as an attempt
   * ([RULES]), below medium.
   */
  @Test
  void refusedOnlyInvocationReadsAsAnAttempt() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-intern-invoke-denied");
    assertThat(f).as("all findings: " + all(findings)).hasSize(1);
    JsonNode x = f.get(0);
    assertThat(attemptOnly(x)).as("every call of this finding was refused: " + text(x)).isTrue();
    assertThat(x.path("severity").asText()).as(text(x)).isIn("low", "info");
  }

  /**
   * Q20. DataSciRole/laptop was refused Claude 3.5 Sonnet at 11:00 (no model access), requested access, and at 11:03
   * invoked it successfully (no errorCode). [IP-PREREQ]: a model needs access "requested" before it can be called;
   * the log shows access requested, then the call allowed. The model was used: the finding for this model must hold
   * the successful call br-ds-sonnet35 and must not read "Attempted only".
   */
  @Test
  void invocationThatSucceededAfterARefusalIsNotReportedAsAnAttemptOnly() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-ds-sonnet35-noaccess");
    assertThat(f).as("all findings: " + all(findings)).isNotEmpty();
    for (JsonNode x : f) {
      assertThat(x.path("eventIds").toString()).as("the model was invoked successfully at 11:03 (br-ds-sonnet35); the"
          + " product's finding: " + text(x)).contains("\"br-ds-sonnet35\"");
      assertThat(attemptOnly(x)).as("an attempt followed by a successful invocation of the same model is not an"
          + " attempt only: " + text(x)).isFalse();
    }
  }

  /**
   * Q21. dev-alice invoked Titan by its model ID, then by its ARN. [MODELID]: a base model is named by "the model ID or
   * its ARN" - both calls ran the same model, so the second is not a first use: no first-use finding may hold
   * br-alice-titan-arn as a new model.
   */
  @Test
  void sameModelNamedByItsArnIsNotASecondFirstUse() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-alice-titan-id");
    assertThat(f).as("all findings: " + all(findings)).hasSize(1);
    assertThat(ofRuleHolding(FIRST_USE, "br-alice-titan-arn")).as("arn:aws:bedrock:us-east-1::foundation-model/" + TITAN
        + " is the model dev-alice had already invoked as " + TITAN + " [MODELID]; the product reported: " + text(f.get(0)))
        .isEmpty();
  }

  /**
   * Q22. DataSciRole started an asynchronous invocation of Nova Reel, a model it had not used. [ASYNC]: "Starts an
   * asynchronous invocation" and needs bedrock:InvokeModel - it runs the model as InvokeModel does. A first-use
   * finding must hold it and name amazon.nova-reel-v1:0.
   */
  @Test
  void asyncInvocationOfANewModelIsAFirstUse() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-ds-async-reel");
    assertThat(f).as("AWS [ASYNC]: StartAsyncInvoke runs the model (bedrock:InvokeModel); the product's first-use"
        + " findings: " + all(findings.stream().filter(x -> x.path("rule").asText().equals(FIRST_USE)).toList()))
        .isNotEmpty();
    assertThat(text(f.get(0))).contains(REEL);
  }

  /**
   * Q23. Recon and model-access calls (ListFoundationModels, GetFoundationModelAvailability,
   * GetModelInvocationLoggingConfiguration, PutUseCaseForModelAccess, PutFoundationModelEntitlement) run no model
   * ([CT-BEDROCK] names the runtime operations InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream):
   * no first-use finding holds them.
   */
  @Test
  void reconAndModelAccessCallsAreNotModelUses() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : List.of("br-recon-logcfg", "br-recon-list", "br-recon-avail", "br-ds-usecase", "br-ds-entitlement")) {
      soft.assertThat(ofRuleHolding(FIRST_USE, id)).as(id + " runs no model").isEmpty();
    }
    soft.assertAll();
  }

  /**
   * Q24. LlmAppRole's invocation through the US inference profile succeeded: a first use of what it named
   * ([MODELID]: the profile ID us.anthropic.claude-3-haiku-20240307-v1:0), not an attempt.
   */
  @Test
  void inferenceProfileInvocationIsAFirstUseNamingTheProfile() {
    List<JsonNode> f = ofRuleHolding(FIRST_USE, "br-app-profile-haiku");
    assertThat(f).as("all findings: " + all(findings)).hasSize(1);
    JsonNode x = f.get(0);
    assertThat(attemptOnly(x)).as(text(x)).isFalse();
    assertThat(x.path("summary").asText()).as(text(x)).contains("us." + HAIKU3);
  }
}
