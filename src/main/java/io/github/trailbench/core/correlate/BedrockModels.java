package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code modelId} of an Amazon Bedrock runtime call names. The API reference (InvokeModel, Converse): "If you
 * use a base model, specify the model ID or its ARN. [...] If you use an inference profile, specify the inference
 * profile ID or its ARN." The service authorization reference gives the ARNs:
 * {@code arn:P:bedrock:REGION::foundation-model/ID} (no account) and
 * {@code arn:P:bedrock:REGION:ACCOUNT:inference-profile/ID}. Stateless.
 */
public final class BedrockModels {
  /** The runtime calls whose {@code modelId} names the model or profile the call runs. */
  static final Set<String> INVOCATIONS = Set.of("InvokeModel", "InvokeModelWithResponseStream", "Converse",
      "ConverseStream", "StartAsyncInvoke");

  /**
   * A base model ID as the InvokeModel API reference's modelId pattern writes one: {@code [a-z0-9-]{1,63}[.]{1}[a-z0-9-:]{1,63}},
   * a provider, one dot, the model (amazon.titan-text-express-v1, anthropic.claude-3-haiku-20240307-v1:0).
   */
  private static final Pattern BASE_MODEL_ID = Pattern.compile("^[a-z0-9-]{1,63}\\.[a-z0-9-:]{1,63}$");

  /**
   * A cross-Region (system-defined) inference profile ID. Bedrock User Guide, "Increase throughput with cross-Region
   * inference": "Cross-Region (system-defined) inference profiles are named after the model that they support and
   * defined by the Regions that they support"; "you can choose either a cross-Region inference profile tied to a
   * specific geography (such as US or EU), or you can choose a global inference profile"; its table's geographies "(US,
   * EU, APAC, etc.)"; and its example "if you call us.anthropic.claude-3-haiku-20240307-v1:0 from US East (Ohio), it
   * can route requests to us-east-1, us-east-2, or us-west-2". So the geography, lower case, before a base model ID;
   * only the geographies the page names are read as a profile, any other prefix (the "etc.") stays unknown.
   */
  private static final Pattern PROFILE_ID = Pattern.compile("^(us|eu|apac|global)\\.([a-z0-9-]{1,63}\\.[a-z0-9-:]{1,63})$");

  private static final Pattern FOUNDATION_MODEL_ARN = Pattern.compile("^arn:[^:]+:bedrock:[^:]*::foundation-model/(.+)$");
  private static final Pattern PROFILE_ARN = Pattern.compile("^arn:[^:]+:bedrock:[^:]*:\\d{12}:inference-profile/(.+)$");

  private BedrockModels() {}

  /** What kind of resource a modelId names. */
  public enum Kind {
    FOUNDATION_MODEL, INFERENCE_PROFILE, OTHER_ARN, UNKNOWN
  }

  /**
   * What a call's modelId names: its kind, the resource ARN (null when unknown) and, when unknown, why.
   *
   * @param id the ID the caller gave, or the ID inside a foundation-model or inference-profile ARN (the same model
   *     however it was named); the ARN for other resources
   */
  public record Target(Kind kind, String arn, String id, String reason) {
    public boolean profile() {
      return kind == Kind.INFERENCE_PROFILE;
    }
  }

  /** Whether the call is a Bedrock runtime call that runs the model its modelId names. */
  public static boolean isInvocation(CloudTrailEvent e) {
    return "bedrock.amazonaws.com".equals(e.eventSource()) && e.eventName() != null && INVOCATIONS.contains(e.eventName());
  }

  /** The target of an invocation's modelId; null for other calls or when the record has no modelId. */
  public static Target of(EventDocs d) {
    CloudTrailEvent e = d.event();
    if (!isInvocation(e)) {
      return null;
    }
    String modelId = d.req("modelId");
    if (modelId == null || modelId.isBlank()) {
      return null;
    }
    String account = e.recipientAccountId() != null ? e.recipientAccountId()
        : e.userIdentity() == null ? null : e.userIdentity().accountId();
    return classify(modelId, e.awsRegion(), account);
  }

  /** The target of {@code modelId} called in {@code region} by {@code account}. */
  public static Target classify(String modelId, String region, String account) {
    if (modelId.startsWith("arn:")) {
      Matcher fm = FOUNDATION_MODEL_ARN.matcher(modelId);
      if (fm.matches()) {
        return new Target(Kind.FOUNDATION_MODEL, modelId, fm.group(1), null);
      }
      Matcher ip = PROFILE_ARN.matcher(modelId);
      if (ip.matches()) {
        return new Target(Kind.INFERENCE_PROFILE, modelId, ip.group(1), null);
      }
      // a provisioned model, custom model deployment, imported model, application inference profile or prompt: the
      // call is authorized on that ARN as given
      return new Target(Kind.OTHER_ARN, modelId, modelId, null);
    }
    String partition = Principals.partitionOfRegion(region);
    if (PROFILE_ID.matcher(modelId).matches()) {
      if (region == null || account == null) {
        return new Target(Kind.INFERENCE_PROFILE, null, modelId, "account or region of the inference profile not in the log");
      }
      return new Target(Kind.INFERENCE_PROFILE, "arn:" + partition + ":bedrock:" + region + ":" + account
          + ":inference-profile/" + modelId, modelId, null);
    }
    if (BASE_MODEL_ID.matcher(modelId).matches()) {
      if (region == null) {
        return new Target(Kind.FOUNDATION_MODEL, null, modelId, "region of the foundation model not in the log");
      }
      return new Target(Kind.FOUNDATION_MODEL, "arn:" + partition + ":bedrock:" + region + "::foundation-model/" + modelId,
          modelId, null);
    }
    return new Target(Kind.UNKNOWN, null, modelId, "Bedrock modelId '" + modelId + "' is neither an ARN, a base model ID"
        + " (provider.model) nor a cross-Region inference profile ID of a documented geography (us., eu., apac. or global."
        + " before one)");
  }
}
