package io.github.trailbench.core.model;

import java.time.Instant;

/** {@code userIdentity.sessionContext}: present for temporary credentials. */
public record SessionContext(
    SessionIssuer sessionIssuer,
    Boolean mfaAuthenticated,
    Instant creationDate,
    String sourceIdentity,
    String webIdFederationProvider,
    String ec2RoleDelivery) {}
