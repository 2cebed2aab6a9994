package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.Optional;

/** {@code RoleLastUsed} of a role: empty fields when AWS has not seen the role used (in its tracking window). */
public record RoleLastUsed(Optional<Instant> lastUsedDate, Optional<String> region) {
  public static final RoleLastUsed NEVER = new RoleLastUsed(Optional.empty(), Optional.empty());
}
