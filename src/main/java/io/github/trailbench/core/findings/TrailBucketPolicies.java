package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bucket policy of a trail's bucket deleted, or replaced by one that keeps CloudTrail out: the
 * trail keeps "logging" but no file arrives ("To deliver log files to an S3 bucket, CloudTrail must
 * have the required permissions", CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail").
 * A trail's bucket is one a successful CreateTrail or UpdateTrail of the case named
 * ({@code s3BucketName}); a bucket the case's trails never name is not known to be one.
 *
 * <p>Fed every event, in any order: the findings are decided at the end.
 */
public final class TrailBucketPolicies implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "cloudtrail-bucket-policy-removed";
  public static final String TITLE = "Trail's bucket policy deleted or shutting CloudTrail out";
  static final String DESCRIPTION = "DeleteBucketPolicy on the bucket a trail of the case delivers to (CreateTrail or "
      + "UpdateTrail named it), or a PutBucketPolicy there that denies cloudtrail.amazonaws.com or no longer allows it: "
      + "CloudTrail writes its log files under the bucket policy's permission, so the trail keeps running while nothing "
      + "is delivered (GetTrailStatus then shows LatestDeliveryError). Attackers do it instead of StopLogging, which is "
      + "watched.";
  private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

  /** Buckets a trail of the case delivers to, with the trail's name. */
  private final Map<String, String> trailBuckets = new LinkedHashMap<>();
  private final List<Candidate> candidates = new ArrayList<>();

  private record Candidate(String bucket, String what, Evidence.Event event, String principal) {}

  private final IpClassifier ips;

  public TrailBucketPolicies(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.failed()) {
      return;
    }
    if ("cloudtrail.amazonaws.com".equals(e.eventSource())
        && ("CreateTrail".equals(e.eventName()) || "UpdateTrail".equals(e.eventName()))) {
      JsonNode req = EventView.parse(e.requestParametersJson());
      JsonNode resp = EventView.parse(e.responseElementsJson());
      String bucket = text(resp, "s3BucketName") != null ? text(resp, "s3BucketName") : text(req, "s3BucketName");
      if (bucket != null) {
        String name = text(req, "name");
        trailBuckets.putIfAbsent(bucket, name == null ? "(unnamed)" : name);
      }
      return;
    }
    if (!"s3.amazonaws.com".equals(e.eventSource())) {
      return;
    }
    String what = null;
    JsonNode req = null;
    if ("DeleteBucketPolicy".equals(e.eventName())) {
      what = "deleted the bucket policy";
    } else if ("PutBucketPolicy".equals(e.eventName())) {
      req = EventView.parse(e.requestParametersJson());
      what = shutsOutCloudTrail(req == null ? null : req.get("bucketPolicy"));
    }
    if (what == null) {
      return;
    }
    req = req != null ? req : EventView.parse(e.requestParametersJson());
    String bucket = text(req, "bucketName");
    if (bucket != null) {
      EventView v = new EventView(e, ips);
      candidates.add(new Candidate(bucket, what, v.toEvidence(), v.principal()));
    }
  }

  /**
   * Why a new bucket policy keeps CloudTrail from writing: a Deny naming its service principal (or
   * every principal) for s3:PutObject, or no Allow for that service at all; null when it allows it.
   * A policy the log does not carry readably says nothing.
   */
  static String shutsOutCloudTrail(JsonNode policy) {
    if (policy == null || !policy.isObject()) {
      return null;
    }
    boolean allows = false;
    for (JsonNode st : statements(policy)) {
      boolean service = names(st.get("Principal"), CLOUDTRAIL);
      boolean putObject = actions(st.get("Action"));
      String effect = st.path("Effect").asText("");
      if (effect.equals("Deny") && putObject && (service || names(st.get("Principal"), "*")) && !st.has("Condition")) {
        return "replaced the bucket policy with one that denies s3:PutObject to " + CLOUDTRAIL;
      }
      if (effect.equals("Allow") && service && putObject) {
        allows = true;
      }
    }
    return allows ? null : "replaced the bucket policy with one that no longer allows " + CLOUDTRAIL + " to write";
  }

  private static List<JsonNode> statements(JsonNode policy) {
    return Policies.elements(policy.get("Statement"));
  }

  private static boolean names(JsonNode principal, String who) {
    if (principal == null) {
      return false;
    }
    if (principal.isTextual()) {
      return principal.asText().equals(who);
    }
    for (JsonNode v : principal) {
      if (v.isTextual() ? v.asText().equals(who) : containsText(v, who)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsText(JsonNode array, String who) {
    for (JsonNode x : array) {
      if (x.asText().equals(who)) {
        return true;
      }
    }
    return false;
  }

  private static boolean actions(JsonNode action) {
    List<String> all = new ArrayList<>();
    if (action != null && action.isTextual()) {
      all.add(action.asText());
    } else if (action != null) {
      action.forEach(a -> all.add(a.asText()));
    }
    return all.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(a -> a.equals("*") || a.equals("s3:*")
        || a.equals("s3:putobject") || a.equals("s3:put*"));
  }

  /** One high finding per trail bucket and change. */
  public List<Finding> findings(Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Candidate c : candidates) {
      String trail = trailBuckets.get(c.bucket());
      if (trail == null) {
        continue;
      }
      Evidence.Event ev = c.event();
      List<Evidence> evidence = new ArrayList<>(List.of(ev));
      if (c.principal() != null) {
        evidence.add(new Evidence.Principal(c.principal()));
      }
      String summary = (c.principal() == null ? "Someone" : c.principal()) + " " + c.what() + " of bucket " + c.bucket()
          + ", where trail " + trail + " delivers its log files, at " + SummaryTemplate.time(ev.time()) + " from "
          + ev.sourceIp() + ": CloudTrail can no longer write there, and the trail's files stop arriving.";
      out.add(new Finding(Finding.idFor(RULE_ID, ev.eventId()), RULE_ID, TITLE + ": " + c.bucket(), Severity.HIGH,
          FindingStatus.OPEN, summary, DESCRIPTION, "", evidence, 1, ev.time(), ev.time(), createdAt,
          List.of("https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
              "https://attack.mitre.org/techniques/T1562/008/")));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    if (n == null || !n.has(field) || !n.get(field).isTextual() || n.get(field).asText().isBlank()) {
      return null;
    }
    return n.get(field).asText();
  }
}
