package io.github.trailbench.core.catalog;

/** A resource type an action applies to; {@code required} as the reference marks it with '*'. */
public record ActionResourceType(String name, boolean required) {}
