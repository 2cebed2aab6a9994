package io.github.trailbench.core.correlate;

/**
 * The canonical principal behind one event.
 *
 * @param type as logged
 * @param arn canonical identifier: IAM user ARN; assumed-role session ARN
 *     ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}); {@code arn:aws:iam::ACCT:root} for
 *     Root and for AWSAccount (the account as a principal); federated-user ARN; the service name
 *     ({@code ec2.amazonaws.com}) for AWSService; for Identity Center users
 *     {@code arn:aws:identitystore::ACCT:user/USER_ID} when the store is logged; for web-identity
 *     and SAML users {@code <provider>:<subject>} as in {@code principalId}; null when the log
 *     says nothing usable
 * @param accountId account of the principal (for AWSAccount: the calling account)
 * @param name user, role, federated-user or service name as far as known
 * @param issuerArn for sessions: the role (or user, for GetFederationToken) the session was
 *     issued from ({@code sessionContext.sessionIssuer.arn}); else null
 * @param sessionName for assumed-role sessions: the role session name; else null
 * @param sourceIdentity {@code sessionContext.sourceIdentity}, if set
 * @param identityProvider SAML/OIDC provider for federated identities, if logged
 */
public record Principal(
    PrincipalType type,
    String arn,
    String accountId,
    String name,
    String issuerArn,
    String sessionName,
    String sourceIdentity,
    String identityProvider) {

  /** The IAM policy "principal type" value ({@code aws:PrincipalType}), or null when none applies. */
  public String policyPrincipalType() {
    return switch (type) {
      case ROOT -> "Account";
      case IAM_USER -> "User";
      case ASSUMED_ROLE -> "AssumedRole";
      case FEDERATED_USER -> "FederatedUser";
      default -> null;
    };
  }
}
