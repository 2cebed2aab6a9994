package io.github.trailbench.core.model.iam;

/** A managed policy attached to a user, group or role (or used as a permissions boundary), by ARN. */
public record AttachedPolicy(String name, String arn) {}
