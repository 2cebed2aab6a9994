package io.github.trailbench.core.model.iam;

/** A policy document in force, with the name AWS gives it and where it came from. */
public record NamedPolicy(String name, PolicyDocument document, PolicyOrigin origin) {}
