package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds model events from CloudTrail record JSON, the way an importer would (test helper). */
public final class TestEvents {
  private static final ObjectMapper M = new ObjectMapper();

  private TestEvents() {}

  /** Parses one record; single quotes in {@code json} are turned into double quotes. */
  public static CloudTrailEvent record(String json) {
    try {
      JsonNode r = M.readTree(json.replace('\'', '"'));
      return of(r);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Merges {@code overrides} into a base IAM-user record and parses it. */
  public static ObjectNode base() {
    try {
      return (ObjectNode) M.readTree(
          """
          {"eventVersion":"1.09","eventTime":"2026-11-20T10:00:00Z","awsRegion":"us-east-1",
           "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0",
           "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333",
           "eventID":"00000000-0000-0000-0000-000000000001",
           "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","accessKeyId":"AKIAEXAMPLEALICE0001","userName":"alice"}}
          """);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static CloudTrailEvent of(JsonNode r) {
    JsonNode ui = r.get("userIdentity");
    UserIdentity identity = null;
    if (ui != null && ui.isObject()) {
      JsonNode sc = ui.get("sessionContext");
      SessionContext ctx = null;
      if (sc != null && sc.isObject()) {
        JsonNode si = sc.get("sessionIssuer");
        SessionIssuer issuer = si == null || !si.isObject() ? null
            : new SessionIssuer(t(si, "type"), t(si, "principalId"), t(si, "arn"), t(si, "accountId"), t(si, "userName"));
        JsonNode at = sc.path("attributes");
        String mfa = t(at, "mfaAuthenticated");
        String created = t(at, "creationDate");
        JsonNode wif = sc.get("webIdFederationData");
        ctx = new SessionContext(issuer, mfa == null ? null : Boolean.valueOf(mfa),
            created == null ? null : Instant.parse(created), t(sc, "sourceIdentity"),
            wif == null ? null : t(wif, "federatedProvider"), t(sc, "ec2RoleDelivery"), "true".equalsIgnoreCase(t(sc, "assumedRoot")));
      }
      identity = new UserIdentity(t(ui, "type"), t(ui, "principalId"), t(ui, "arn"), t(ui, "accountId"),
          t(ui, "accessKeyId"), t(ui, "userName"), t(ui, "invokedBy"), t(ui, "identityProvider"), ctx);
    }
    List<EventResource> resources = new ArrayList<>();
    JsonNode res = r.get("resources");
    if (res != null && res.isArray()) {
      for (JsonNode x : res) {
        resources.add(new EventResource(t(x, "ARN"), t(x, "accountId"), t(x, "type")));
      }
    }
    String time = t(r, "eventTime");
    return new CloudTrailEvent(t(r, "eventID"), t(r, "eventVersion"), time == null ? null : Instant.parse(time),
        t(r, "eventSource"), t(r, "eventName"), t(r, "awsRegion"), t(r, "sourceIPAddress"), t(r, "userAgent"),
        t(r, "errorCode"), t(r, "errorMessage"), b(r, "readOnly"), t(r, "eventType"), t(r, "eventCategory"),
        b(r, "managementEvent"), t(r, "recipientAccountId"), t(r, "sharedEventID"), t(r, "vpcEndpointId"),
        identity, resources, doc(r, "requestParameters"), doc(r, "responseElements"),
        doc(r, "additionalEventData"), doc(r, "tlsDetails"), r.toString());
  }

  private static String t(JsonNode n, String f) {
    JsonNode v = n == null ? null : n.get(f);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  private static Boolean b(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  private static String doc(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.toString();
  }
}
