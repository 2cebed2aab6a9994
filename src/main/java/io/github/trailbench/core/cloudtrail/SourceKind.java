package io.github.trailbench.core.cloudtrail;

/** What a file holds, decided from its content (never from its name). */
public enum SourceKind {
  /** {@code {"Records":[...]}}: a trail's S3 delivery file, or a console event-history JSON download. */
  CLOUDTRAIL_RECORDS(true),
  /** A CloudTrail digest file ({@code digestStartTime}, {@code logFiles} ...): recognised, skipped. */
  CLOUDTRAIL_DIGEST(false),
  /** {@code aws cloudtrail lookup-events} output: {@code {"Events":[{"CloudTrailEvent":"<json>"}]}}, or a bare array of such objects. */
  LOOKUP_EVENTS(true),
  /** CloudTrail Lake {@code get-query-results} output: {@code {"QueryResultRows":[[{"col":"value"}...]]}}. */
  LAKE_QUERY_RESULTS(true),
  /** A JSON array of event objects (Lake export, hand-made extracts). */
  EVENT_ARRAY(true),
  /** Event objects one per line (JSON lines), e.g. a Lake export. */
  EVENT_JSON_LINES(true),
  /** Event objects one after another, not one per line (pretty-printed single event, concatenated JSON). */
  EVENT_OBJECT_SEQUENCE(true),
  /** The CloudTrail console's event-history CSV download. */
  CONSOLE_CSV(true),
  /** IAM credential report (CSV with header {@code user,arn,user_creation_time,...}). */
  CREDENTIAL_REPORT(false),
  /** {@code aws iam get-account-authorization-details} output. */
  IAM_AUTHORIZATION_DETAILS(false),
  /** Trailbench organization manifest {@code {"trailbench":"organization/v1",...}}. */
  ORGANIZATION_MANIFEST(false),
  /** Trailbench resource-policy manifest {@code {"trailbench":"resource-policies/v1",...}}. */
  RESOURCE_POLICY_MANIFEST(false),
  /** Trailbench Access Advisor file {@code {"trailbench":"access-advisor/v1",...}}: service last-accessed reports. */
  ACCESS_ADVISOR(false),
  /** An S3 ACL / ownership-controls file: {@code {"trailbench":"s3-acl/v1",...}} or XML with {@code <?trailbench s3-acl/v1 ...?>}. */
  S3_ACL(false),
  /** The slice job's {@code manifest.json} ({@code "trailbench":"slice-manifest/v1"}): recorded in the ledger, no events. */
  SLICE_MANIFEST(false),
  /** The slice job's {@code overview.jsonl} ({@code "trailbench":"slice-overview/v1"}): skipped; {@code trailbench overview} loads it. */
  SLICE_OVERVIEW(false);

  private final boolean events;

  SourceKind(boolean events) {
    this.events = events;
  }

  /** True when the file holds CloudTrail events. */
  public boolean holdsEvents() {
    return events;
  }

  /** True for the IAM inputs stored raw in the case for the IAM readers. */
  public boolean isIam() {
    return this == CREDENTIAL_REPORT
        || this == IAM_AUTHORIZATION_DETAILS
        || this == ORGANIZATION_MANIFEST
        || this == RESOURCE_POLICY_MANIFEST
        || this == ACCESS_ADVISOR
        || this == S3_ACL;
  }
}
