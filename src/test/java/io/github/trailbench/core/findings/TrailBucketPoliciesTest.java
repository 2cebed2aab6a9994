package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": CloudTrail delivers under the
 * bucket policy's permission; a trail's bucket losing it stops delivery without StopLogging.
 */
class TrailBucketPoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALLOW_CT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::logs/AWSLogs/*\"}]}";
  private static final String DENY_CT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
      + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}]}";
  private static final String OTHER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}]}";

  private static io.github.trailbench.core.model.CloudTrailEvent event(String id, String source, String name, String request,
      String response) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventID", id);
    r.put("eventSource", source);
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    if (response != null) {
      r.set("responseElements", JSON.readTree(response));
    }
    return TestEvents.of(r);
  }

  private static List<Finding> run(io.github.trailbench.core.model.CloudTrailEvent... events) {
    TrailBucketPolicies check = new TrailBucketPolicies(IpClassifier.defaults());
    for (var e : events) {
      check.accept(e);
    }
    return check.findings(Instant.parse("2026-12-01T00:00:00Z"));
  }

  private static io.github.trailbench.core.model.CloudTrailEvent trail() throws Exception {
    return event("t1", "cloudtrail.amazonaws.com", "CreateTrail", "{\"name\":\"main\",\"s3BucketName\":\"logs\"}", null);
  }

  private static io.github.trailbench.core.model.CloudTrailEvent put(String id, String bucket, String policy) throws Exception {
    return event(id, "s3.amazonaws.com", "PutBucketPolicy", "{\"bucketName\":\"" + bucket + "\",\"bucketPolicy\":" + policy + "}",
        null);
  }

  @Test
  void deletingOrShuttingOutTheTrailsBucketPolicyIsHighInAnyOrder() throws Exception {
    var delete = event("d1", "s3.amazonaws.com", "DeleteBucketPolicy", "{\"bucketName\":\"logs\"}", null);
    List<Finding> found = run(delete, put("p1", "logs", DENY_CT), put("p2", "logs", OTHER), trail());
    assertThat(found).hasSize(3).allSatisfy(f -> {
      assertThat(f.ruleId()).isEqualTo(TrailBucketPolicies.RULE_ID);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.summary()).contains("bucket logs, where trail main delivers");
    });
    assertThat(found).extracting(Finding::summary).anySatisfy(s -> assertThat(s).contains("deleted the bucket policy"))
        .anySatisfy(s -> assertThat(s).contains("denies s3:PutObject to cloudtrail.amazonaws.com"))
        .anySatisfy(s -> assertThat(s).contains("no longer allows cloudtrail.amazonaws.com"));
  }

  @Test
  void aPolicyThatStillLetsCloudTrailWriteOrAnotherBucketIsQuiet() throws Exception {
    assertThat(run(trail(), put("p1", "logs", ALLOW_CT))).isEmpty();
    assertThat(run(trail(), put("p2", "data", OTHER),
        event("d2", "s3.amazonaws.com", "DeleteBucketPolicy", "{\"bucketName\":\"data\"}", null))).isEmpty();
    // no trail of the case names the bucket: not known to be a trail's
    assertThat(run(put("p3", "logs", DENY_CT))).isEmpty();
  }
}
