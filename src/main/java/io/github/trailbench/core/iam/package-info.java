/**
 * Readers of IAM data (credential reports, {@code get-account-authorization-details}, the
 * organization manifest with SCPs and RCPs, the resource-policy manifest) and
 * {@link io.github.trailbench.core.iam.IamSnapshot}, the lookups the policy engine needs to
 * gather the policies in force for a principal and a resource. Formats: docs/iam-formats.md.
 */
package io.github.trailbench.core.iam;
