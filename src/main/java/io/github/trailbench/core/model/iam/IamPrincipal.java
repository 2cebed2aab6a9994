package io.github.trailbench.core.model.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An IAM identity that can make requests and carries identity policies: a user or a role. */
public sealed interface IamPrincipal permits IamUser, IamRole {
  String path();

  String name();

  String id();

  String arn();

  /** The 12-digit account from the ARN. */
  default String accountId() {
    return io.github.trailbench.core.model.Arn.accountOf(arn());
  }

  List<InlinePolicy> inlinePolicies();

  List<AttachedPolicy> attachedPolicies();

  Optional<AttachedPolicy> permissionsBoundary();

  /** Tags in file order. */
  Map<String, String> tags();

  /** The file this principal was read from. */
  String file();
}
