package io.github.trailbench.core.model.policy;

/** A policy document with the name it is known by (managed policy name, inline name, SCP name). */
public record NamedPolicy(String name, PolicyDocument document) {}
