package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Why was this logged request allowed (or denied)? Rebuilds the request from the event, gathers
 * the policies in force from the case, evaluates each IAM action the call was authorized as, and
 * compares the decision with what CloudTrail recorded. A disagreement is reported as missing
 * evidence, with what could explain it, never papered over.
 */
public final class Explainer {
  private final IamSnapshot iam;
  private final RequestContextDeriver requests;
  private final Function<String, List<NamedPolicy>> sessionPolicies;
  private final PolicyEngine engine = new PolicyEngine();

  /**
   * @param sessionPolicies the session policies passed when a temporary key (ASIA…) was issued,
   *     by access key id; empty when none or unknown
   */
  public Explainer(IamSnapshot iam, Function<String, List<NamedPolicy>> sessionPolicies) {
    this.iam = iam;
    this.sessionPolicies = sessionPolicies;
    this.requests = new RequestContextDeriver(arn -> {
      Map<String, String> tags = iam.principalTags(arn);
      return iam.principal(arn).isPresent() ? java.util.Optional.of(tags) : java.util.Optional.empty();
    });
  }

  /** One evaluated action of a logged call. */
  public record Explanation(
      String eventId,
      String principal,
      String action,
      String resource,
      Map<String, List<String>> context,
      EvaluationResult result,
      String recorded,
      boolean agrees,
      List<DerivedRequest.KeyNote> missing,
      List<String> gaps,
      String explanation,
      Map<String, String> policySources) {
    public Explanation {
      context = Map.copyOf(context);
      missing = List.copyOf(missing);
      gaps = List.copyOf(gaps);
      policySources = Map.copyOf(policySources);
    }
  }

  /** Error codes by which AWS says the request was not authorized. */
  static boolean denied(String errorCode) {
    if (errorCode == null || errorCode.isEmpty()) {
      return false;
    }
    String c = errorCode.toLowerCase(Locale.ROOT);
    return c.contains("accessdenied") || c.contains("unauthorized") || c.contains("notauthorized") || c.equals("forbidden")
        || c.contains("authorizationerror");
  }

  /** The derived request of an event (principal, actions, resources, context, missing keys). */
  public DerivedRequest derive(CloudTrailEvent event) {
    return requests.derive(event);
  }

  /** One explanation per IAM action; empty when the call needs no authorization. */
  public List<Explanation> explain(CloudTrailEvent event) throws SourceFormatException {
    DerivedRequest d = requests.derive(event);
    List<Explanation> out = new ArrayList<>();
    String recorded = denied(event.errorCode()) ? "Denied" : "Allowed";
    String resource = d.resourceArns().isEmpty() ? "*" : d.resourceArns().get(0);
    String key = event.userIdentity() == null ? null : event.userIdentity().accessKeyId();
    List<NamedPolicy> session = key != null && key.startsWith("ASIA") ? sessionPolicies.apply(key) : List.of();
    for (String action : d.actions()) {
      PoliciesInForce policies = PoliciesInForce.gather(iam, d.principalArn(), action, resource, d.resourceAccount(), session);
      Request.Builder rb = Request.builder(d.principalArn(), action, resource)
          .resourceAccount(d.resourceAccount() != null ? d.resourceAccount() : PoliciesInForce.ownerOf(iam, d.principalArn(), resource));
      d.context().forEach(rb::context);
      d.missing().forEach(m -> rb.unknown(m.key()));
      EvaluationResult result = engine.evaluate(rb.build(), policies.set());
      boolean allowed = result.decision() == Decision.ALLOWED;
      boolean deny = result.decision() == Decision.EXPLICIT_DENY || result.decision() == Decision.IMPLICIT_DENY;
      boolean agrees = recorded.equals("Allowed") ? allowed : deny;
      List<String> gaps = new ArrayList<>(policies.gaps());
      if (d.resourceArns().isEmpty()) {
        gaps.add("resource unknown (" + d.resourceUnknownReason() + "): evaluated against Resource \"*\"");
      }
      out.add(new Explanation(event.eventId(), d.principalArn(), action, resource, d.context(), result, recorded, agrees,
          d.missing(), gaps, sentence(result, recorded, agrees, gaps, d), policies.sources()));
    }
    return out;
  }

  private static String sentence(EvaluationResult r, String recorded, boolean agrees, List<String> gaps, DerivedRequest d) {
    if (agrees) {
      return r.explanation() + " CloudTrail recorded the request as " + recorded.toLowerCase(Locale.ROOT) + ", which agrees.";
    }
    StringBuilder sb = new StringBuilder();
    if (r.decision() == Decision.UNDETERMINED) {
      sb.append("Undetermined: ").append(r.explanation()).append(" CloudTrail recorded it as ")
          .append(recorded.toLowerCase(Locale.ROOT)).append('.');
    } else {
      sb.append("The case lacks evidence: the policies in the case give ").append(r.decision().json())
          .append(" but CloudTrail recorded the request as ").append(recorded.toLowerCase(Locale.ROOT)).append(". ")
          .append(r.explanation());
    }
    List<String> causes = new ArrayList<>(gaps);
    if (!d.missing().isEmpty()) {
      causes.add("context keys the log cannot carry: " + String.join(", ", d.missing().stream().map(DerivedRequest.KeyNote::key).toList()));
    }
    causes.add("a policy changed between the event and the IAM snapshot (the snapshot shows only the versions at export time)");
    sb.append(" What could explain it: ").append(String.join("; ", causes)).append('.');
    return sb.toString();
  }

  /** The explanation as DESIGN.md's {@code explain --json} object. */
  public static com.fasterxml.jackson.databind.node.ObjectNode toJson(Explanation e) {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
    out.put("eventId", e.eventId());
    com.fasterxml.jackson.databind.node.ObjectNode request = out.putObject("request");
    request.put("principal", e.principal());
    request.put("action", e.action());
    request.put("resource", e.resource());
    request.set("context", json.valueToTree(e.context()));
    out.put("decision", e.result().decision().json());
    out.put("recorded", e.recorded());
    out.put("agrees", e.agrees());
    com.fasterxml.jackson.databind.node.ArrayNode missing = out.putArray("missing");
    e.missing().forEach(m -> missing.add(m.key()));
    com.fasterxml.jackson.databind.node.ArrayNode gaps = out.putArray("gaps");
    e.gaps().forEach(gaps::add);
    out.put("explanation", e.explanation());
    out.set("trace", io.github.trailbench.core.policy.ResultJson.toJson(e.result().trace()));
    return out;
  }
}
