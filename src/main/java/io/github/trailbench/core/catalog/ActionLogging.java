package io.github.trailbench.core.catalog;

/** Whether CloudTrail can show an IAM action being used (for least privilege). */
public enum ActionLogging {
  /** Logged by default as a management event (the default for catalog actions not listed otherwise). */
  MANAGEMENT_EVENT,
  /** Logged only when the trail logs data events (S3 objects, Lambda Invoke, DynamoDB items, ...). */
  DATA_EVENT,
  /** Never logged as an event of its own (cloudwatch:PutMetricData, iam:PassRole, sts:TagSession, ...). */
  NOT_LOGGED,
  /** The catalog does not know the action. */
  UNKNOWN_ACTION;

  /** True when a trail logging only management events would show the action being used. */
  public boolean observableByDefault() {
    return this == MANAGEMENT_EVENT;
  }
}
