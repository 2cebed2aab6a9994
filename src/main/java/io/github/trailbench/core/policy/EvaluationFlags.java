package io.github.trailbench.core.policy;

/**
 * Facts about the request that policies alone do not say.
 *
 * @param principalInManagementAccount the principal's account is the organization's management
 *     account: SCPs do not apply
 * @param serviceLinkedRole the principal is (a session of) a service-linked role: SCPs and RCPs
 *     do not apply
 * @param resourceInManagementAccount the resource is in the management account: RCPs do not apply
 * @param kmsKey whether the resource is a KMS key whose key policy must allow; null = decide from
 *     the resource ARN ({@code arn:…:kms:…:key/…})
 * @param trustPolicy whether the resource policy is the trust policy of the role being assumed
 *     (it must allow); null = decide from the request (an {@code sts:AssumeRole*} action on a role ARN)
 */
public record EvaluationFlags(
    boolean principalInManagementAccount,
    boolean serviceLinkedRole,
    boolean resourceInManagementAccount,
    Boolean kmsKey,
    Boolean trustPolicy) {
  public static final EvaluationFlags NONE = new EvaluationFlags(false, false, false, null, null);
}
