package io.github.trailbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.correlate.IssuedKey;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.RootTaskPolicies;
import io.github.trailbench.core.policy.UnknownPolicy;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Session policies of the temporary keys issued in the case: the {@code policy} and
 * {@code policyArns} request parameters of the AssumeRole* / GetFederationToken call whose
 * response issued each ASIA key, and the task policy of each AssumeRoot call's root session.
 */
public final class CaseSessions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseSessions() {}

  /** A session policy that allows nothing. */
  private static final String NO_PERMISSIONS = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

  public static Map<String, List<NamedPolicy>> sessionPolicies(CaseStore store, IamSnapshot iam) {
    Map<String, List<NamedPolicy>> byKey = new HashMap<>();
    CaseEvents.forEach(store, ISSUING, event -> {
      IssuedPolicies issued = policiesIssuedBy(event, iam);
      if (issued != null) {
        byKey.put(issued.accessKeyId(), issued.policies());
      }
    }, problem -> {});
    return byKey;
  }

  /**
   * The session policies of one temporary key, as {@link #sessionPolicies} gives them, reading only
   * the raw record of the call that issued it: the issuing calls are found by their correlation
   * facts (which keep the issued key) and only those naming {@code accessKeyId} are read whole.
   * Explaining one event needs its own key's policies, not every session's.
   */
  public static List<NamedPolicy> sessionPoliciesOf(CaseStore store, IamSnapshot iam, String accessKeyId) {
    List<NamedPolicy> found = List.of();
    for (CloudTrailEvent event : issuingCalls(store, accessKeyId)) {
      IssuedPolicies issued = policiesIssuedBy(event, iam);
      if (issued != null && issued.accessKeyId().equals(accessKeyId)) {
        found = issued.policies(); // the last issuing call wins, as in sessionPolicies
      }
    }
    return found;
  }

  /**
   * The temporary key as its issuing call in the case shows it (with the session tags an AssumeRole
   * call passed, and the transitive tags it inherited in a role chain: {@code requestParameters.tags},
   * {@code incomingTransitiveTags}); empty when the case does not hold a successful call that issued it.
   */
  public static Optional<IssuedKey> issuedKeyOf(CaseStore store, String accessKeyId) {
    Optional<IssuedKey> found = Optional.empty();
    for (CloudTrailEvent event : issuingCalls(store, accessKeyId)) {
      if (event.errorCode() == null && accessKeyId.equals(issuedKey(event))) {
        found = Optional.of(issued(event, accessKeyId));
      }
    }
    return found;
  }

  /** Every temporary key the case's issuing calls handed out, as {@link #issuedKeyOf} gives each. */
  public static Map<String, IssuedKey> issuedKeys(CaseStore store) {
    Map<String, IssuedKey> byKey = new HashMap<>();
    CaseEvents.forEach(store, ISSUING, event -> {
      String key = issuedKey(event);
      if (key != null && event.errorCode() == null) {
        byKey.put(key, issued(event, key));
      }
    }, problem -> {});
    return byKey;
  }

  /** The key a successful issuing call handed out, as the call shows it. */
  private static IssuedKey issued(CloudTrailEvent event, String accessKeyId) {
    String expiration = null;
    try {
      JsonNode credentials = event.responseElementsJson() == null ? null
          : JSON.readTree(event.responseElementsJson()).path("credentials");
      JsonNode text = credentials == null ? null : credentials.get("expiration");
      expiration = text != null && text.isTextual() ? text.asText() : null;
    } catch (IOException e) {
      // no expiration known
    }
    var u = event.userIdentity();
    boolean chained = "AssumeRole".equals(event.eventName()) && u != null && "AssumedRole".equals(u.type());
    java.time.Instant expires = io.github.trailbench.core.correlate.StsTimes.expiration(expiration);
    String unread = expires == null && expiration != null && !expiration.isBlank() ? expiration : null;
    var claims = "AssumeRoleWithWebIdentity".equals(event.eventName())
        ? io.github.trailbench.core.correlate.RequestContextDeriver.webIdentityClaims(event) : Map.<String, String>of();
    return new IssuedKey(tagsIssuedBy(event, accessKeyId).orElse(null), event.eventName(), event.eventTime(), expires,
        chained, unread, claims, u != null && "AWSService".equals(u.type()));
  }

  /** The calls that may pass session tags, which become the session's principal tags. */
  private static final java.util.Set<String> SESSION_TAGGING = java.util.Set.of("AssumeRole", "AssumeRoleWithSAML",
      "AssumeRoleWithWebIdentity");

  private static Optional<Map<String, String>> tagsIssuedBy(CloudTrailEvent event, String accessKeyId) {
    if (!SESSION_TAGGING.contains(event.eventName()) || event.errorCode() != null || !accessKeyId.equals(issuedKey(event))
        || event.requestParametersJson() == null) {
      return Optional.empty();
    }
    try {
      JsonNode params = JSON.readTree(event.requestParametersJson());
      Map<String, String> tags = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      params.path("incomingTransitiveTags").fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
      for (JsonNode t : params.path("tags")) {
        if (t.path("key").isTextual()) {
          tags.put(t.path("key").asText(), t.path("value").asText(""));
        }
      }
      // the tags an IdP passed, as AssumeRoleWithSAML and AssumeRoleWithWebIdentity log them: {key: value}
      params.path("principalTags").fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
      return Optional.of(java.util.Collections.unmodifiableMap(tags));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String issuedKey(CloudTrailEvent event) {
    try {
      JsonNode key = event.responseElementsJson() == null ? null
          : JSON.readTree(event.responseElementsJson()).path("credentials").path("accessKeyId");
      return key != null && key.isTextual() ? key.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The issuing calls (AssumeRole*, AssumeRoot, GetFederationToken) whose correlation facts name
   * {@code accessKeyId}, read whole: explaining one event needs its own key's issuing call, not every
   * session's.
   */
  private static List<CloudTrailEvent> issuingCalls(CaseStore store, String accessKeyId) {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      return List.of();
    }
    EventColumns[] holder = new EventColumns[1];
    int[] order = store.queries().matchIndexes(ISSUING, holder);
    EventColumns cols = holder[0];
    int[] factTerm = cols.terms[TermKind.CORRELATION.column];
    List<CloudTrailEvent> out = new ArrayList<>();
    for (int i : order) {
      String facts = factTerm[i] == 0 ? null : cols.termText[factTerm[i]];
      if (facts != null && !facts.contains(accessKeyId)) {
        continue; // its facts hold the key it issued, and that is another one
      }
      try {
        CaseEvents.byRow(store, cols.rowId[i]).ifPresent(out::add);
      } catch (SourceFormatException e) {
        // an unreadable record: sessionPolicies skips it too
      }
    }
    return out;
  }

  private static final Expr ISSUING = new Expr.Or(List.of(
      new Expr.Term(Field.EVENT_NAME, "AssumeRole*", true, -1),
      new Expr.Term(Field.EVENT_NAME, "AssumeRoot", false, -1),
      new Expr.Term(Field.EVENT_NAME, "GetFederationToken", false, -1),
      new Expr.Term(Field.EVENT_NAME, "GetSessionToken", false, -1)));

  private record IssuedPolicies(String accessKeyId, List<NamedPolicy> policies) {}

  /**
   * The task policy an AssumeRoot call scoped its root session with: AWS's bundled root-task policy,
   * or a managed policy of the case; a stand-in that leaves decisions undetermined when it is neither.
   */
  private static NamedPolicy taskPolicy(JsonNode params, IamSnapshot iam) throws SourceFormatException {
    JsonNode arnNode = params.path("taskPolicyArn").path("arn");
    String arn = arnNode.isTextual() ? arnNode.asText() : null;
    if (arn == null) {
      return RootTaskPolicies.unknown("the AssumeRoot call names no task policy ARN");
    }
    var bundled = RootTaskPolicies.bundled(arn);
    if (bundled.isPresent()) {
      return bundled.get();
    }
    var managed = iam.managedPolicy(arn);
    if (managed.isPresent() && managed.get().defaultVersion() != null) {
      return new NamedPolicy(RootTaskPolicies.displayName(arn), PolicyParser.parse(managed.get().defaultVersion().document().json(), arn));
    }
    return RootTaskPolicies.unknown(arn + " is not among AWS's root-task policies nor in the case's IAM data");
  }

  /** The key an issuing call handed out with its session policies; null when it issued none or had none. */
  private static IssuedPolicies policiesIssuedBy(CloudTrailEvent event, IamSnapshot iam) {
    try {
      if (event.responseElementsJson() == null || event.requestParametersJson() == null) {
        return null;
      }
      JsonNode key = JSON.readTree(event.responseElementsJson()).path("credentials").path("accessKeyId");
      JsonNode params = JSON.readTree(event.requestParametersJson());
      if ("AssumeRoot".equals(event.eventName())) {
        return key.isTextual() && event.errorCode() == null ? new IssuedPolicies(key.asText(), List.of(taskPolicy(params, iam))) : null;
      }
      List<NamedPolicy> policies = new ArrayList<>();
      if (params.hasNonNull("policy")) {
        String text = params.get("policy").isTextual() ? params.get("policy").asText() : params.get("policy").toString();
        String name = "session policy of " + event.eventName() + " " + event.eventId();
        try {
          policies.add(new NamedPolicy(name, PolicyParser.parse(text, "event " + event.eventId() + " requestParameters.policy")));
        } catch (SourceFormatException unreadable) {
          // the log's copy cannot be read (truncated, redacted): the session is limited by a policy the case cannot show
          policies.add(UnknownPolicy.standIn(name + ", unreadable in the log", true));
        }
      }
      for (JsonNode arn : params.path("policyArns")) {
        String a = arn.path("arn").asText();
        var managed = iam.managedPolicy(a);
        if (managed.isPresent() && managed.get().defaultVersion() != null) {
          policies.add(new NamedPolicy("session policy " + managed.get().name(),
              PolicyParser.parse(managed.get().defaultVersion().document().json(), a)));
        } else {
          policies.add(UnknownPolicy.standIn("session policy " + a, true));
        }
      }
      if (policies.isEmpty() && "GetFederationToken".equals(event.eventName()) && event.errorCode() == null) {
        // "If you do not pass a policy to this operation, the resulting temporary security credentials have
        // no effective permissions" (STS API reference, GetFederationToken); a resource policy naming the
        // federated user still grants
        policies.add(new NamedPolicy("no session policy passed to GetFederationToken " + event.eventId()
            + ": the session has no permissions", PolicyParser.parse(NO_PERMISSIONS, "GetFederationToken without a policy")));
      }
      return key.isTextual() && !policies.isEmpty() ? new IssuedPolicies(key.asText(), List.copyOf(policies)) : null;
    } catch (IOException | SourceFormatException e) {
      return null; // documents that are not JSON: no key to give policies to
    }
  }
}
