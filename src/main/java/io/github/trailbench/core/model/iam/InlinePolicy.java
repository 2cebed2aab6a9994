package io.github.trailbench.core.model.iam;

/** A policy embedded in a user, group or role. */
public record InlinePolicy(String name, PolicyDocument document) {}
