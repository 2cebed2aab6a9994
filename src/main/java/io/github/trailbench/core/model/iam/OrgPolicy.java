package io.github.trailbench.core.model.iam;

import java.util.Optional;

/** An SCP or RCP of the organization, by its id ({@code p-...}). */
public record OrgPolicy(
    String id, String name, OrgPolicyType type, boolean awsManaged, Optional<String> description, PolicyDocument document) {}
