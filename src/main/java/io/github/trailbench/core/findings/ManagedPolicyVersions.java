package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documents of customer managed policies' versions and which version is the default, as far as
 * the case knows them: the case's IAM data, then the successful CreatePolicy, CreatePolicyVersion,
 * SetDefaultPolicyVersion and DeletePolicy calls of the log, learnt in time order. A version's
 * document never changes, so a version of the IAM data answers for any time; which version was the
 * default at a time before the log says is not recorded by IAM.
 */
final class ManagedPolicyVersions {
  /** A policy document and where the case holds it ("the case's IAM data", "CreatePolicy ev-1"). */
  record KnownDocument(String versionId, JsonNode document, String source) {}

  private final IamSnapshot iam;
  private final Map<String, Map<String, KnownDocument>> loggedVersions = new HashMap<>();
  private final Map<String, String> loggedDefault = new HashMap<>();
  /** Policies the log created or deleted: versions of the same ARN in the IAM data may be another policy's. */
  private final Set<String> recreated = new HashSet<>();

  ManagedPolicyVersions(IamSnapshot iam) {
    this.iam = iam == null ? IamSnapshot.empty() : iam;
  }

  /** Learns what a successful policy call changed; other calls are ignored. */
  void learn(CloudTrailEvent e) {
    if (e.failed() || !"iam.amazonaws.com".equals(e.eventSource()) || e.eventName() == null) {
      return;
    }
    JsonNode req = EventView.parse(e.requestParametersJson());
    JsonNode resp = EventView.parse(e.responseElementsJson());
    String source = e.eventName() + " " + e.eventId();
    switch (e.eventName()) {
      case "CreatePolicy" -> {
        String arn = text(resp == null ? null : resp.path("policy"), "arn");
        JsonNode doc = Policies.document(req == null ? null : req.get("policyDocument"));
        if (arn != null) {
          recreated.add(arn);
          loggedVersions.remove(arn);
          loggedDefault.put(arn, "v1");
          if (doc != null) {
            loggedVersions.computeIfAbsent(arn, k -> new HashMap<>()).put("v1", new KnownDocument("v1", doc, source));
          }
        }
      }
      case "CreatePolicyVersion" -> {
        String arn = text(req, "policyArn");
        String version = text(resp == null ? null : resp.path("policyVersion"), "versionId");
        JsonNode doc = Policies.document(req == null ? null : req.get("policyDocument"));
        if (arn != null && version != null && doc != null) {
          loggedVersions.computeIfAbsent(arn, k -> new HashMap<>()).put(version, new KnownDocument(version, doc, source));
        }
        if (arn != null && version != null && req != null && req.path("setAsDefault").asBoolean(false)) {
          loggedDefault.put(arn, version);
        }
      }
      case "SetDefaultPolicyVersion" -> {
        String arn = text(req, "policyArn");
        String version = text(req, "versionId");
        if (arn != null && version != null) {
          loggedDefault.put(arn, version);
        }
      }
      case "DeletePolicy" -> {
        String arn = text(req, "policyArn");
        if (arn != null) {
          recreated.add(arn);
          loggedVersions.remove(arn);
          loggedDefault.remove(arn);
        }
      }
      default -> { }
    }
  }

  /** The document of one version, from the log or the IAM data; empty when the case holds neither. */
  Optional<KnownDocument> version(String policyArn, String versionId) {
    KnownDocument logged = loggedVersions.getOrDefault(policyArn, Map.of()).get(versionId);
    if (logged != null || recreated.contains(policyArn)) {
      return Optional.ofNullable(logged);
    }
    return iam.managedPolicy(policyArn).flatMap(p -> p.version(versionId)).flatMap(ManagedPolicyVersions::fromIam);
  }

  /**
   * The documents one of which was the policy's default at {@code time}: the version the log last
   * made the default; else, from the IAM data, every version that existed then (its default when it
   * is the only one). Empty when the case cannot say.
   */
  List<KnownDocument> defaultCandidates(String policyArn, Instant time) {
    String logged = loggedDefault.get(policyArn);
    if (logged != null) {
      return version(policyArn, logged).map(List::of).orElse(List.of());
    }
    if (recreated.contains(policyArn)) {
      return List.of();
    }
    Optional<ManagedPolicy> p = iam.managedPolicy(policyArn);
    if (p.isEmpty()) {
      return List.of();
    }
    List<PolicyVersion> existing = time == null ? p.get().versions() : p.get().versionsExistingAt(time);
    List<KnownDocument> out = existing.stream().map(ManagedPolicyVersions::fromIam).flatMap(Optional::stream).toList();
    return out.size() == existing.size() ? out : List.of();
  }

  private static Optional<KnownDocument> fromIam(PolicyVersion v) {
    JsonNode doc = Policies.document(EventView.parse(v.document().json()));
    return doc == null ? Optional.empty() : Optional.of(new KnownDocument(v.versionId(), doc, "the case's IAM data"));
  }

  static String text(JsonNode n, String field) {
    if (n == null || !n.path(field).isTextual() || n.path(field).asText().isBlank()) {
      return null;
    }
    return n.path(field).asText();
  }
}
