package io.github.trailbench.core.model.iam;

/** The kinds of IAM input file Trailbench reads. */
public enum IamSourceKind {
  /** IAM credential report CSV ({@code aws iam get-credential-report}, decoded). */
  CREDENTIAL_REPORT,
  /** {@code aws iam get-account-authorization-details} JSON, one or more pages. */
  AUTHORIZATION_DETAILS,
  /** Trailbench organization manifest {@code organization/v1}: the tree with SCPs and RCPs. */
  ORGANIZATION,
  /** Trailbench resource-policy manifest {@code resource-policies/v1}. */
  RESOURCE_POLICIES,
  /** Trailbench Access Advisor file {@code access-advisor/v1}: service last-accessed reports. */
  ACCESS_ADVISOR,
  /** An S3 ACL and/or ownership controls of one bucket or object, named by an {@code s3-acl/v1} envelope (JSON or XML). */
  S3_ACL
}
