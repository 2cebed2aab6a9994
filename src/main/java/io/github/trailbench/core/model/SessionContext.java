package io.github.trailbench.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code userIdentity.sessionContext}: present for temporary credentials.
 *
 * @param assumedRoot {@code assumedRoot: "true"}: the credentials are a short-term root session that
 *     the organization's management account or IAM delegated administrator opened with
 *     {@code sts:AssumeRoot} (centralized root access), scoped by a task policy
 */
public record SessionContext(
    SessionIssuer sessionIssuer,
    Boolean mfaAuthenticated,
    Instant creationDate,
    String sourceIdentity,
    String webIdFederationProvider,
    String ec2RoleDelivery,
    boolean assumedRoot) {

  /** A session context without {@code assumedRoot}. */
  public SessionContext(SessionIssuer sessionIssuer, Boolean mfaAuthenticated, Instant creationDate, String sourceIdentity,
      String webIdFederationProvider, String ec2RoleDelivery) {
    this(sessionIssuer, mfaAuthenticated, creationDate, sourceIdentity, webIdFederationProvider, ec2RoleDelivery, false);
  }

  // Written out rather than generated: a record's generated equals and hashCode go through method
  // handles, which the C1 compiler a cold import runs with (bin/trailbench) does not inline; the
  // importer hashes an identity per event (docs/perf-import.md).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof SessionContext o
        && Objects.equals(sessionIssuer, o.sessionIssuer)
        && Objects.equals(mfaAuthenticated, o.mfaAuthenticated)
        && Objects.equals(creationDate, o.creationDate)
        && Objects.equals(sourceIdentity, o.sourceIdentity)
        && Objects.equals(webIdFederationProvider, o.webIdFederationProvider)
        && Objects.equals(ec2RoleDelivery, o.ec2RoleDelivery)
        && assumedRoot == o.assumedRoot;
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(sessionIssuer);
    h = 31 * h + Objects.hashCode(mfaAuthenticated);
    h = 31 * h + Objects.hashCode(creationDate);
    h = 31 * h + Objects.hashCode(sourceIdentity);
    h = 31 * h + Objects.hashCode(webIdFederationProvider);
    h = 31 * h + Objects.hashCode(ec2RoleDelivery);
    return assumedRoot ? h + 1 : h;
  }
}
