package io.github.trailbench.core.model.iam;

import java.util.List;

/** A member account in the organization tree, with the ids of the policies attached directly to it. */
public record OrgAccount(String id, String name, List<String> policyIds) {
  public OrgAccount {
    policyIds = Copies.list(policyIds);
  }
}
