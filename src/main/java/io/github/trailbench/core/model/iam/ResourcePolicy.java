package io.github.trailbench.core.model.iam;

import java.util.List;

/**
 * The resource-based policy of one resource.
 *
 * @param resourceArn the resource it is attached to (an S3 bucket, a KMS key, a queue, ...)
 * @param resourceAccount the account owning the resource (S3 bucket ARNs carry none)
 * @param service the service prefix ({@code s3}, {@code kms}, ...)
 * @param aliases other ARNs naming the same resource (KMS alias ARNs)
 * @param document the policy
 * @param file the file it was read from
 * @param position where in the file, e.g. {@code policies[2]}
 */
public record ResourcePolicy(
    String resourceArn,
    String resourceAccount,
    String service,
    List<String> aliases,
    PolicyDocument document,
    String file,
    String position) {

  public ResourcePolicy {
    aliases = Copies.list(aliases);
  }
}
