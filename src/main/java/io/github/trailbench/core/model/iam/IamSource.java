package io.github.trailbench.core.model.iam;

/** One IAM input file, read whole. */
public sealed interface IamSource permits CredentialReport, AuthorizationDetails, Organization, ResourcePolicies,
    AccessAdvisorReports, S3AccessControls {
  /** The file name it was read from, as given to the reader. */
  String file();

  IamSourceKind kind();
}
