package io.github.trailbench.core.model.policy;

import java.util.Optional;

/** The five permissions an S3 access control list can grant (the same set for buckets and objects). */
public enum AclPermission {
  READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

  /** The permission as S3 spells it ({@code READ_ACP}), or empty. */
  public static Optional<AclPermission> of(String name) {
    for (AclPermission p : values()) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
