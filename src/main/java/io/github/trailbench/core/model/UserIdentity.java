package io.github.trailbench.core.model;

/**
 * The {@code userIdentity} block of a CloudTrail record. {@code type} is kept as logged
 * (Root, IAMUser, AssumedRole, FederatedUser, AWSService, AWSAccount, IdentityCenterUser,
 * WebIdentityUser, SAMLUser, Unknown, ...). Any field may be null when the log omits it.
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
    SessionContext sessionContext) {}
