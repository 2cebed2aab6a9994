package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.model.SourceFormatException;

/**
 * Validates an IAM input (credential report, authorization details, manifests) before the
 * store keeps its bytes. Pluggable: {@link LightIamCheck} does shape checks only; the full
 * core.iam readers can be plugged in instead.
 */
@FunctionalInterface
public interface IamSourceCheck {
  /** Throws when {@code content} (the inflated file content) cannot be used. */
  void check(SourceKind kind, String file, byte[] content) throws SourceFormatException;
}
