package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An EC2 instance profile that contains a role; {@code roleNames} as listed in the profile. */
public record InstanceProfile(
    String path, String name, String id, String arn, Optional<Instant> createDate, List<String> roleNames) {

  public InstanceProfile {
    roleNames = Copies.list(roleNames);
  }
}
