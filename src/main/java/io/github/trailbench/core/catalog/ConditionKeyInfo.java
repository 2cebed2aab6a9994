package io.github.trailbench.core.catalog;

/** A service-specific condition key with its type as the reference states it (String, ARN, ...). */
public record ConditionKeyInfo(String key, String type, String description) {}
