package io.github.trailbench.cli;

import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.iam.IamSnapshot;
import java.util.List;

/**
 * Explains a made-up call on a second thread while the command opens the case, so that loading
 * and initialising the action catalog, the policy parser, the engine and Jackson's databind
 * (a few hundred milliseconds of a cold JVM) overlaps with opening the database on the other
 * core instead of following it. It reads nothing of the case and its result is thrown away.
 */
final class EngineWarmup {
  private static final String CALL = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
      + "\"principalId\":\"AIDAWARMUP\",\"arn\":\"arn:aws:iam::111122223333:user/warm-up\",\"accountId\":\"111122223333\","
      + "\"accessKeyId\":\"AKIAWARMUP\",\"userName\":\"warm-up\"},\"eventTime\":\"2026-01-01T00:00:00Z\","
      + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\","
      + "\"sourceIPAddress\":\"192.0.2.1\",\"userAgent\":\"warm-up\",\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"k\"},"
      + "\"responseElements\":null,\"eventID\":\"warm-up\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
      + "\"recipientAccountId\":\"111122223333\"}";

  private EngineWarmup() {}

  static void start() {
    Thread t = new Thread(() -> {
      try {
        new Explainer(IamSnapshot.of(List.of()), key -> List.of()).explain(CloudTrailRecords.parse(CALL, "warm-up"));
      } catch (Exception | LinkageError e) {
        // only ever a head start: the command does the same work itself and reports its own errors
      }
    }, "trailbench-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
