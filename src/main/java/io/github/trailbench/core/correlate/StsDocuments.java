package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;

/**
 * What {@link SessionGraphBuilder} and {@link PrincipalGraphBuilder} read of a successful STS
 * call's request parameters and response elements ({@link CorrelationFacts#readsStsDocuments}),
 * parsed once per call instead of once per reader (issue #23: on a 1M-event case that was 47k
 * calls parsed 3–4 times each). Each value is as the builders read it from the parsed documents.
 *
 * @param requestReadable the request parameters are a JSON value other than null (a session's
 *     name is then taken from them, even when they hold none)
 * @param requestedRole the request's {@code roleArn} when it is a JSON string, blank kept: the
 *     principal graph's did-assume edge
 * @param roleArn the request's {@code roleArn} as text, blank as null: the session's issuer
 * @param roleSessionName the request's {@code roleSessionName}
 * @param requestSourceIdentity the request's {@code sourceIdentity}
 * @param issuedKey the response's {@code credentials.accessKeyId}: the key the call issued
 * @param expiration the response's {@code credentials.expiration}
 * @param assumedRoleArn the response's {@code assumedRoleUser.arn}
 * @param federatedUserArn the response's {@code federatedUser.arn}
 * @param responseSourceIdentity the response's {@code sourceIdentity}
 */
public record StsDocuments(
    boolean requestReadable, String requestedRole, String roleArn, String roleSessionName, String requestSourceIdentity,
    String issuedKey, String expiration, String assumedRoleArn, String federatedUserArn, String responseSourceIdentity) {

  /** The documents of {@code e} as the builders read them; null when it is no such call or has neither document. */
  public static StsDocuments of(CloudTrailEvent e) {
    if (!CorrelationFacts.readsStsDocuments(e) || e.requestParametersJson() == null && e.responseElementsJson() == null) {
      return null;
    }
    JsonNode req = Json.parse(e.requestParametersJson());
    JsonNode resp = Json.parse(e.responseElementsJson());
    JsonNode requested = req == null ? null : req.get("roleArn");
    return new StsDocuments(req != null, requested != null && requested.isTextual() ? requested.asText() : null,
        req == null ? null : Principals.text(requested), req == null ? null : Principals.text(req.get("roleSessionName")),
        req == null ? null : Principals.text(req.get("sourceIdentity")),
        resp == null ? null : Principals.text(resp.path("credentials").get("accessKeyId")),
        resp == null ? null : Principals.text(resp.path("credentials").get("expiration")),
        resp == null ? null : Principals.text(resp.path("assumedRoleUser").get("arn")),
        resp == null ? null : Principals.text(resp.path("federatedUser").get("arn")),
        resp == null ? null : Principals.text(resp.get("sourceIdentity")));
  }
}
