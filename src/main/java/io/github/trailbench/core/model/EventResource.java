package io.github.trailbench.core.model;

/** One entry of a record's {@code resources[]} array. */
public record EventResource(String arn, String accountId, String type) {}
