package io.github.trailbench.core.model.iam;

/**
 * A policy (or a group) that a principal references but whose document is not in the case,
 * e.g. an AWS-managed policy attached to a role when the authorization details were exported
 * without AWS-managed policies. Evaluation that needs it is incomplete.
 *
 * @param kind the policy type it would have been
 * @param attachedTo the user, group or role ARN that references it
 * @param reference the policy ARN, or the group name
 * @param reason why it is not resolved, for the analyst
 */
public record UnresolvedPolicy(PolicyKind kind, String attachedTo, String reference, String reason) {}
