package io.github.trailbench.core.model;

import java.util.Objects;

/** The principal (usually a role) whose credentials a session was issued from. */
public record SessionIssuer(
    String type, String principalId, String arn, String accountId, String userName) {
  // Written out rather than generated: a record's generated equals and hashCode go through method
  // handles, which the C1 compiler a cold import runs with (bin/trailbench) does not inline; the
  // importer hashes an identity per event (docs/perf-import.md).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof SessionIssuer o
        && Objects.equals(type, o.type)
        && Objects.equals(principalId, o.principalId)
        && Objects.equals(arn, o.arn)
        && Objects.equals(accountId, o.accountId)
        && Objects.equals(userName, o.userName);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(type);
    h = 31 * h + Objects.hashCode(principalId);
    h = 31 * h + Objects.hashCode(arn);
    h = 31 * h + Objects.hashCode(accountId);
    h = 31 * h + Objects.hashCode(userName);
    return h;
  }
}
