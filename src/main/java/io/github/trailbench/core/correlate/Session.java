package io.github.trailbench.core.correlate;

import java.time.Instant;
import java.util.Set;

/**
 * One credential session: a temporary (ASIA) key issued by STS, the console or EC2, or a
 * long-term (AKIA) key, which is the root of a chain.
 *
 * @param accessKeyId the key = the session id (see {@link DefaultEventFacts})
 * @param kind AKIA / ASIA
 * @param origin how the credentials were issued
 * @param principalArn the identity acting with the key (session ARN, user ARN)
 * @param issuerArn the role (or user) behind the session; the user itself for AKIA keys
 * @param accountId account of {@code principalArn}
 * @param parentKey the key that made the issuing call (role chaining, GetSessionToken…); null when
 *     the caller had no key (SAML, web identity, AWS service) or the issuing call is not in the data
 * @param parentPrincipal the identity that made the issuing call (user/session ARN, SAML or web
 *     identity principal, or AWS service name); null when unknown
 * @param issuingEventId eventID of the issuing call, null when not seen
 * @param issuedAt time of the issuing call, or session creation time from sessionContext
 * @param expiration as STS reported it (text as logged), null when unknown
 * @param roleSessionName for role sessions
 * @param sourceIdentity source identity set on the session, if any
 * @param crossAccount the issuing caller is in another account than the session
 * @param mfaAuthenticated sessionContext.attributes.mfaAuthenticated, null when not logged
 * @param instanceId for instance-profile sessions (ec2RoleDelivery, or an AssumeRole by EC2), the EC2 instance id
 * @param firstSeen first use
 * @param lastSeen last use
 * @param eventCount events signed with the key
 * @param sourceIps where it was used from (bounded)
 * @param usedOutsideAws for instance-profile sessions: source IPs the {@link IpOwnership} hook
 *     says are not AWS's; empty when none or the hook does not know
 * @param alsoLoggedAs for a temporary key, the other principal ARNs its own authenticated calls were
 *     logged as (one STS key is one session of one principal: the log disagrees with itself); empty
 *     when none
 * @param workload the AWS service resource the credentials were issued to, as the key's calls name it
 *     ({@code userIdentity.inScopeOf.credentialsIssuedTo}, e.g. a Lambda function's ARN); null when not logged
 */
public record Session(
    String accessKeyId,
    KeyKind kind,
    SessionOrigin origin,
    String principalArn,
    String issuerArn,
    String accountId,
    String parentKey,
    String parentPrincipal,
    String issuingEventId,
    Instant issuedAt,
    String expiration,
    String roleSessionName,
    String sourceIdentity,
    boolean crossAccount,
    Boolean mfaAuthenticated,
    String instanceId,
    Instant firstSeen,
    Instant lastSeen,
    long eventCount,
    Set<String> sourceIps,
    Set<String> usedOutsideAws,
    Set<String> alsoLoggedAs,
    String workload) {

  public Session {
    sourceIps = inOrder(sourceIps);
    usedOutsideAws = inOrder(usedOutsideAws);
    alsoLoggedAs = inOrder(alsoLoggedAs);
  }

  /** An unmodifiable copy in the same order, or the builder's frozen set itself ({@link FrozenAddresses}). */
  private static Set<String> inOrder(Set<String> values) {
    return FrozenAddresses.kept(values);
  }
}
