package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An IAM user from {@code UserDetailList}. {@code groups} are group names, as AWS lists them. */
public record IamUser(
    String path,
    String name,
    String id,
    String arn,
    Optional<Instant> createDate,
    List<String> groups,
    List<InlinePolicy> inlinePolicies,
    List<AttachedPolicy> attachedPolicies,
    Optional<AttachedPolicy> permissionsBoundary,
    Map<String, String> tags,
    String file)
    implements IamPrincipal {

  public IamUser {
    groups = Copies.list(groups);
    inlinePolicies = Copies.list(inlinePolicies);
    attachedPolicies = Copies.list(attachedPolicies);
    tags = Copies.orderedMap(tags);
  }
}
