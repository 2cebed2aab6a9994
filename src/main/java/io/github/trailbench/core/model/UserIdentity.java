package io.github.trailbench.core.model;

import java.util.Objects;

/**
 * The {@code userIdentity} block of a CloudTrail record. {@code type} is kept as logged
 * (Root, IAMUser, AssumedRole, FederatedUser, AWSService, AWSAccount, IdentityCenterUser,
 * WebIdentityUser, SAMLUser, Unknown, ...). Any field may be null when the log omits it.
 * {@code onBehalfOf} is the IAM Identity Center user an identity-enhanced session acts for
 * ({@code userIdentity.onBehalfOf}): {@code arn:PARTITION:identitystore::ACCOUNT:user/USER_ID}
 * when the record names the identity store, else the bare user id. {@code inScopeOf} is the AWS
 * service resource (a Lambda function, an ECS task) the credentials were issued to, when logged.
 */
public record UserIdentity(
    String type,
    String principalId,
    String arn,
    String accountId,
    String accessKeyId,
    String userName,
    String invokedBy,
    String identityProvider,
    SessionContext sessionContext,
    String onBehalfOf,
    InScopeOf inScopeOf) {

  /** An identity that acts for no Identity Center user. */
  public UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId, String userName,
      String invokedBy, String identityProvider, SessionContext sessionContext) {
    this(type, principalId, arn, accountId, accessKeyId, userName, invokedBy, identityProvider, sessionContext, null, null);
  }

  /** An identity not in scope of an AWS service resource. */
  public UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId, String userName,
      String invokedBy, String identityProvider, SessionContext sessionContext, String onBehalfOf) {
    this(type, principalId, arn, accountId, accessKeyId, userName, invokedBy, identityProvider, sessionContext, onBehalfOf,
        null);
  }

  // Written out rather than generated: a record's generated equals and hashCode go through method
  // handles, which the C1 compiler a cold import runs with (bin/trailbench) does not inline; the
  // importer hashes an identity per event (docs/perf-import.md).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof UserIdentity o
        && Objects.equals(type, o.type)
        && Objects.equals(principalId, o.principalId)
        && Objects.equals(arn, o.arn)
        && Objects.equals(accountId, o.accountId)
        && Objects.equals(accessKeyId, o.accessKeyId)
        && Objects.equals(userName, o.userName)
        && Objects.equals(invokedBy, o.invokedBy)
        && Objects.equals(identityProvider, o.identityProvider)
        && Objects.equals(sessionContext, o.sessionContext)
        && Objects.equals(onBehalfOf, o.onBehalfOf)
        && Objects.equals(inScopeOf, o.inScopeOf);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(type);
    h = 31 * h + Objects.hashCode(principalId);
    h = 31 * h + Objects.hashCode(arn);
    h = 31 * h + Objects.hashCode(accountId);
    h = 31 * h + Objects.hashCode(accessKeyId);
    h = 31 * h + Objects.hashCode(userName);
    h = 31 * h + Objects.hashCode(invokedBy);
    h = 31 * h + Objects.hashCode(identityProvider);
    h = 31 * h + Objects.hashCode(sessionContext);
    h = 31 * h + Objects.hashCode(onBehalfOf);
    h = 31 * h + Objects.hashCode(inScopeOf);
    return h;
  }
}
