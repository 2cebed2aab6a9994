package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.Optional;

/** One version of a managed policy. */
public record PolicyVersion(String versionId, boolean isDefaultVersion, Optional<Instant> createDate, PolicyDocument document) {}
