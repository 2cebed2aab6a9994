package io.github.trailbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Session policies of the temporary keys issued in the case: the {@code policy} and
 * {@code policyArns} request parameters of the AssumeRole* / GetFederationToken call whose
 * response issued each ASIA key.
 */
public final class CaseSessions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseSessions() {}

  public static Map<String, List<NamedPolicy>> sessionPolicies(CaseStore store, IamSnapshot iam) {
    Map<String, List<NamedPolicy>> byKey = new HashMap<>();
    Expr issuing = new Expr.Or(List.of(
        new Expr.Term(Field.EVENT_NAME, "AssumeRole*", true, -1),
        new Expr.Term(Field.EVENT_NAME, "GetFederationToken", false, -1)));
    CaseEvents.forEach(store, issuing, event -> {
      try {
        if (event.responseElementsJson() == null || event.requestParametersJson() == null) {
          return;
        }
        JsonNode key = JSON.readTree(event.responseElementsJson()).path("credentials").path("accessKeyId");
        JsonNode params = JSON.readTree(event.requestParametersJson());
        List<NamedPolicy> policies = new ArrayList<>();
        if (params.hasNonNull("policy")) {
          String text = params.get("policy").isTextual() ? params.get("policy").asText() : params.get("policy").toString();
          policies.add(new NamedPolicy("session policy of " + event.eventName() + " " + event.eventId(),
              PolicyParser.parse(text, "event " + event.eventId() + " requestParameters.policy")));
        }
        for (JsonNode arn : params.path("policyArns")) {
          String a = arn.path("arn").asText();
          var managed = iam.managedPolicy(a);
          if (managed.isPresent() && managed.get().defaultVersion() != null) {
            policies.add(new NamedPolicy("session policy " + managed.get().name(),
                PolicyParser.parse(managed.get().defaultVersion().document().json(), a)));
          }
        }
        if (key.isTextual() && !policies.isEmpty()) {
          byKey.put(key.asText(), List.copyOf(policies));
        }
      } catch (IOException | SourceFormatException e) {
        // a malformed session policy in the log: the session is evaluated without it
      }
    }, problem -> {});
    return byKey;
  }
}
