package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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
 * @param targetPrincipal an {@code AssumeRoot} request's {@code targetPrincipal}: the member account
 *     (its id, or a principal ARN in it) whose root the session is
 * @param taskPolicyArn an {@code AssumeRoot} request's {@code taskPolicyArn.arn}: the task policy scoping the session
 */
public record StsDocuments(
    boolean requestReadable, String requestedRole, String roleArn, String roleSessionName, String requestSourceIdentity,
    String issuedKey, String expiration, String assumedRoleArn, String federatedUserArn, String responseSourceIdentity,
    String targetPrincipal, String taskPolicyArn) {

  /** The root user ARN of an {@code AssumeRoot} call's target account; null when the request does not name one. */
  public String targetRootArn() {
    if (targetPrincipal == null) {
      return null;
    }
    String account = targetPrincipal.matches("\\d{12}") ? targetPrincipal : ResourceArns.accountOf(targetPrincipal);
    if (account == null || !account.matches("\\d{12}")) {
      return null;
    }
    String partition = targetPrincipal.startsWith("arn:") ? targetPrincipal.split(":", 3)[1] : "aws";
    return "arn:" + partition + ":iam::" + account + ":root";
  }

  /** The documents of {@code e} as the builders read them; null when it is no such call or has neither document. */
  public static StsDocuments of(CloudTrailEvent e) {
    if (!CorrelationFacts.readsStsDocuments(e) || e.requestParametersJson() == null && e.responseElementsJson() == null) {
      return null;
    }
    // the documents are read as tokens, not as trees (no tree built per call, and less code for a cold JVM to compile);
    // anything but strings, nulls and objects is read as a tree, the one reading that decides
    Map<String, Object> req = Fields.of(e.requestParametersJson());
    Map<String, Object> resp = Fields.of(e.responseElementsJson());
    if (req == Fields.AS_TREE || resp == Fields.AS_TREE) {
      return ofTree(e);
    }
    Map<String, Object> credentials = Fields.member(resp, "credentials");
    return new StsDocuments(req != null, req == null || !(req.get("roleArn") instanceof String s) ? null : s,
        Fields.text(req, "roleArn"), Fields.text(req, "roleSessionName"), Fields.text(req, "sourceIdentity"),
        Fields.text(credentials, "accessKeyId"), Fields.text(credentials, "expiration"),
        Fields.text(Fields.member(resp, "assumedRoleUser"), "arn"), Fields.text(Fields.member(resp, "federatedUser"), "arn"),
        Fields.text(resp, "sourceIdentity"), Fields.text(req, "targetPrincipal"),
        Fields.text(Fields.member(req, "taskPolicyArn"), "arn"));
  }

  /** {@link #of} by parsing each document into a tree: what the token reading must always agree with. */
  static StsDocuments ofTree(CloudTrailEvent e) {
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
        resp == null ? null : Principals.text(resp.get("sourceIdentity")),
        req == null ? null : Principals.text(req.get("targetPrincipal")),
        req == null ? null : Principals.text(req.path("taskPolicyArn").get("arn")));
  }

  /**
   * A document's members as tokens: a string member as its text, a null one as null, an object
   * member as the map of its own members (one level), an array as {@link #OTHER}; the last of
   * members with the same name wins, as in a tree.
   */
  private static final class Fields {
    /** A document the token reading does not take (a number, a boolean, a document that is no object, an error). */
    static final Map<String, Object> AS_TREE = Map.of();
    /** A member whose text is none: an array, or an object below the first level. */
    static final Object OTHER = new Object();

    /** The members of {@code json}; null when it is no document ({@link Json#parse}'s null), {@link #AS_TREE} when not taken. */
    static Map<String, Object> of(String json) {
      if (json == null || json.isEmpty() || "null".equals(json)) {
        return null;
      }
      try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          return null;
        }
        return t == JsonToken.START_OBJECT ? object(p, true) : AS_TREE;
      } catch (IOException | RuntimeException ex) {
        return AS_TREE;
      }
    }

    private static Map<String, Object> object(JsonParser p, boolean top) throws IOException {
      Map<String, Object> out = new HashMap<>();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_STRING) {
          out.put(name, p.getText());
        } else if (v == JsonToken.VALUE_NULL) {
          out.put(name, null);
        } else if (v == JsonToken.START_OBJECT && top) {
          out.put(name, object(p, false));
        } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
          out.put(name, OTHER);
        } else {
          throw new IllegalStateException("read as a tree"); // numbers and booleans: their text as a tree writes it
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IllegalStateException("read as a tree");
      }
      return out;
    }

    /** An object member's members; null when absent or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> member(Map<String, Object> doc, String name) {
      return doc != null && doc.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** As {@link Principals#text}: a string member's text, blank as null; null for anything else. */
    static String text(Map<String, Object> doc, String name) {
      return doc != null && doc.get(name) instanceof String s ? Principals.blankToNull(s) : null;
    }
  }
}
