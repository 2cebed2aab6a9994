package io.github.trailbench.core.model;

/** The principal (usually a role) whose credentials a session was issued from. */
public record SessionIssuer(
    String type, String principalId, String arn, String accountId, String userName) {}
