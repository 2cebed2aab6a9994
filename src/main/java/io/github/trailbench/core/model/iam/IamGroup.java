package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An IAM group from {@code GroupDetailList}. */
public record IamGroup(
    String path,
    String name,
    String id,
    String arn,
    Optional<Instant> createDate,
    List<InlinePolicy> inlinePolicies,
    List<AttachedPolicy> attachedPolicies,
    String file) {

  public IamGroup {
    inlinePolicies = Copies.list(inlinePolicies);
    attachedPolicies = Copies.list(attachedPolicies);
  }
}
